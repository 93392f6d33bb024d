// libFuzzer target: preamp-render's command line (Options::parse, then RenderSettings'
// judgement of each value), never rendering or opening a file. The input is split into
// argv words at NUL and newline; the seeds in corpus/render_options/ are the examples of
// preamp-render(1) and README, one word a line.
// `./dev fuzz` builds and runs it (tests/fuzz/meson.build).

#include "core/Errors.hpp"
#include "render/Errors.hpp"
#include "render/Options.hpp"
#include "render/RenderSettings.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return -1; // a command line, not a file
    std::vector<std::string> words{"preamp-render"};
    std::string word;
    for (std::size_t i = 0; i < size; ++i) {
        const char c = static_cast<char>(data[i]);
        if (c == '\0' || c == '\n') {
            words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);
    std::vector<char*> argv;
    for (auto& w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);

    try {
        auto o = preamp::render::Options::parse(static_cast<int>(words.size()), argv.data());
        o.state_file.reset(); // judge the values, read no file
        const preamp::render::RenderSettings settings(o);
        (void)settings.describe(settings.settings(2)); // throws for a --polarity of 1 or 3...
    } catch (const preamp::render::UsageError&) {
    } catch (const preamp::core::InvalidValue&) {
    }
    return 0;
}
