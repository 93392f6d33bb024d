// libFuzzer target: ConfigFile::load on a configuration with @include'd files, in a
// directory of its own. The input is split at each line "--8<--" into main.conf, a.conf
// and b.conf; beside them lie a FIFO (fifo.conf), a directory (dir.conf) and a symbolic
// link (link.conf), which must be refused without blocking. Only ConfigError may fail.

#include "config/ConfigFile.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// The directory, made once per process with what lies beside the files.
const fs::path& directory() {
    static const fs::path dir = [] {
        char tmpl[] = "/tmp/fuzz_config_include-XXXXXX";
        if (::mkdtemp(tmpl) == nullptr) std::abort();
        const fs::path d = tmpl;
        if (::mkfifo((d / "fifo.conf").c_str(), 0600) != 0) std::abort();
        fs::create_directory(d / "dir.conf");
        fs::create_symlink("a.conf", d / "link.conf");
        std::atexit([] { fs::remove_all(directory()); });
        return d;
    }();
    return dir;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const char* names[] = {"main.conf", "a.conf", "b.conf"};
    static constexpr std::string_view kCut = "\n--8<--\n";
    std::size_t pos = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        const std::size_t cut = i < 2 ? input.find(kCut, pos) : std::string::npos;
        const std::size_t end = cut == std::string::npos ? input.size() : cut;
        std::ofstream(directory() / names[i], std::ios::binary | std::ios::trunc)
            << input.substr(pos, end - pos);
        pos = cut == std::string::npos ? input.size() : cut + kCut.size();
    }
    try {
        (void)preamp::config::ConfigFile::load(directory() / "main.conf");
    } catch (const preamp::config::ConfigError&) {
        // refused
    }
    return 0;
}
