// Prints every setting preamp-mqtt's file accepts, one dotted path a line
// ("broker.tls.ca_file"): check_man.py looks for each in preamp-mqtt.conf(5).

#include "mqtt/BridgeFile.hpp"

#include <cstdio>

int main() {
    for (const auto& key : preamp::mqtt::BridgeFile::keys())
        std::puts(key.c_str());
}
