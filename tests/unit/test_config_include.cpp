// @include: a regular file in the configuration's own directory, read without ever
// blocking, size-limited with the rest, named in messages with its own lines; anything
// else refused with a message that says what is allowed. The configuration file itself
// is read the same way.

#include "config/ConfigFile.hpp"
#include "core/Config.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using preamp::config::ConfigError;
using preamp::config::ConfigFile;
namespace fs = std::filesystem;

namespace {

class Include : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/preamp-include-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        fs::create_directory(dir_ / "etc");
        dir_ = dir_ / "etc";
    }
    void TearDown() override { fs::remove_all(dir_.parent_path()); }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }
    // Loading main.conf (`text`) must fail with exactly `message`, DIR standing for the
    // directory; and quickly, whatever the file names.
    void expect_error(const std::string& text, std::string message) const {
        write("main.conf", text);
        for (std::size_t at; (at = message.find("DIR")) != std::string::npos;)
            message.replace(at, 3, dir_.string());
        const auto start = std::chrono::steady_clock::now();
        try {
            (void)ConfigFile::load(path("main.conf"));
            ADD_FAILURE() << "loaded:\n" << text;
        } catch (const ConfigError& e) {
            EXPECT_EQ(std::string(e.what()), message);
        }
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
    }

    fs::path dir_;
};

const std::string kRule = " (@include takes the name of a regular file in the configuration's "
                          "own directory (DIR), without \"/\")";
const std::string kNameRule = "not allowed: @include takes the name of a regular file in the "
                              "configuration's own directory (DIR), without \"/\"";

TEST_F(Include, AFileBesideTheConfigurationIsReadWithItsOwnLines) {
    write("inputs.conf", "inputs = (\n  { name = \"cd\"; label = \"CD\"; }\n);\n");
    write("main.conf", "# main\n@include \"inputs.conf\"\nvolume = { min_db = -60.0; };\n");
    const auto c = ConfigFile::load(path("main.conf"));
    ASSERT_EQ(c.inputs.size(), 1u);
    EXPECT_EQ(c.inputs[0].label, "CD");
    EXPECT_EQ(c.volume.min_db, -60.0);

    write("inputs.conf", "inputs = (\n  { name = \"cd\"; trim_db = 30; }\n);\n");
    expect_error(
        "# main\n@include \"inputs.conf\"\nvolume = { min_db = -60.0; };\n",
        "DIR/inputs.conf:2: inputs.[0].trim_db 30 dB is out of range: allowed -24 to 24 dB");
    write("inputs.conf", "inputs = ( { name = \"cd\"; } );\n");
    expect_error("# main\n@include \"inputs.conf\"\n\nvolume = { max_db = 99; };\n",
                 "DIR/main.conf:4: volume.max_db 99 dB is out of range: allowed -79 to 24 dB");
    write("tone.conf", "tone = {\n  bass = { freq_hz = 100; };\n");
    expect_error("@include \"inputs.conf\"\n@include \"tone.conf\"\n",
                 "DIR/tone.conf:1: syntax error: this '{' is never closed (expected '}')");
}

TEST_F(Include, RefusesNamesOutsideTheDirectory) {
    expect_error("@include \"../../etc/shadow\"\n",
                 "DIR/main.conf:1: @include \"../../etc/shadow\": " + kNameRule);
    expect_error("\n@include \"/etc/passwd\"\n",
                 "DIR/main.conf:2: @include \"/etc/passwd\": " + kNameRule);
    expect_error("@include \"..\"\n", "DIR/main.conf:1: @include \"..\": " + kNameRule);
    expect_error("@include \"\"\n", "DIR/main.conf:1: @include \"\": " + kNameRule);
    fs::create_symlink("/etc/passwd", dir_ / "link.conf");
    expect_error("@include \"link.conf\"\n",
                 "DIR/main.conf:1: @include \"link.conf\": DIR/link.conf: is a symbolic link: "
                 "only regular files are allowed" +
                     kRule);
}

TEST_F(Include, RefusesWhatIsNotARegularFileWithoutBlocking) {
    ASSERT_EQ(::mkfifo(path("fifo.conf").c_str(), 0600), 0);
    expect_error("inputs = ( { name = \"cd\"; } );\n@include \"fifo.conf\"\n",
                 "DIR/main.conf:2: @include \"fifo.conf\": DIR/fifo.conf: is a FIFO: only "
                 "regular files are allowed" +
                     kRule);
    fs::create_directory(dir_ / "sub");
    expect_error("@include \"sub\"\n", "DIR/main.conf:1: @include \"sub\": DIR/sub: is a "
                                       "directory: only regular files are allowed" +
                                           kRule);
    expect_error("@include \"none.conf\"\n",
                 "DIR/main.conf:1: @include \"none.conf\": DIR/none.conf: cannot be read: No such "
                 "file or directory" +
                     kRule);
    // The configuration file itself.
    try {
        (void)ConfigFile::load(path("fifo.conf"));
        ADD_FAILURE() << "a FIFO loaded";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()),
                  path("fifo.conf") + ": is a FIFO: only regular files are allowed");
    }
}

TEST_F(Include, LimitsSizeAndNulAndItself) {
    write("big.conf", "#" + std::string(std::size_t{1} << 20, 'x') + "\n");
    expect_error("@include \"big.conf\"\n", "DIR/main.conf:1: @include \"big.conf\": "
                                            "DIR/big.conf: is larger than 1 MiB" +
                                                kRule);
    write("half.conf", "#" + std::string(600 * 1024, 'x') + "\n");
    expect_error("@include \"half.conf\"\n@include \"half.conf\"\n",
                 "DIR/main.conf:2: @include \"half.conf\": the configuration with its "
                 "@include'd files is larger than 1 MiB");
    write("nul.conf", std::string("x = 1;\0", 7));
    expect_error("@include \"nul.conf\"\n", "DIR/main.conf:1: @include \"nul.conf\": "
                                            "DIR/nul.conf: contains a NUL byte: not a text file" +
                                                kRule);
    write("loop.conf", "\n@include \"main.conf\"\n");
    expect_error("@include \"loop.conf\"\n",
                 "DIR/loop.conf:2: @include \"main.conf\": includes itself");
    write("open.conf", "x = \"abc;\n");
    expect_error("@include \"open.conf\"\n",
                 "DIR/open.conf:1: syntax error: this string is never closed (expected '\"')");
}

TEST(IncludeInText, IsRefused) {
    try {
        (void)ConfigFile::parse("@include \"a.conf\"\n", "t.conf");
        ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_EQ(std::string(e.what()).substr(0, 34), "t.conf:1: @include \"a.conf\": not a");
    }
}

} // namespace
