// Prints every setting preampd.conf accepts, one dotted path a line ("volume.min_db"),
// from the parser's own table: check_man.py looks for each in preampd.conf(5).

#include "config/Schema.hpp"

#include <cstdio>

int main() {
    for (const auto& key : preamp::config::Schema::keys())
        std::puts(key.c_str());
}
