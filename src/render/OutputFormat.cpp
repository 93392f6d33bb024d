#include "OutputFormat.hpp"

#include "Errors.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <sndfile.h>
#include <span>
#include <string_view>

namespace preamp::render {
namespace {

struct Extension {
    std::string_view name;
    int major;
    int subtype; ///< 0: choose by the input
};

constexpr std::array<Extension, 13> kExtensions{{
    {"wav", SF_FORMAT_WAV, 0},
    {"wave", SF_FORMAT_WAV, 0},
    {"flac", SF_FORMAT_FLAC, 0},
    {"aiff", SF_FORMAT_AIFF, 0},
    {"aif", SF_FORMAT_AIFF, 0},
    {"aifc", SF_FORMAT_AIFF, 0},
    {"ogg", SF_FORMAT_OGG, SF_FORMAT_VORBIS},
    {"oga", SF_FORMAT_OGG, SF_FORMAT_VORBIS},
    {"opus", SF_FORMAT_OGG, SF_FORMAT_OPUS},
    {"au", SF_FORMAT_AU, 0},
    {"caf", SF_FORMAT_CAF, 0},
    {"w64", SF_FORMAT_W64, 0},
    {"rf64", SF_FORMAT_RF64, 0},
}};

std::string known_extensions() {
    std::string s;
    for (const auto& e : kExtensions)
        s.append(s.empty() ? "." : " .").append(e.name);
    return s;
}

bool valid(int format, unsigned channels, unsigned rate) {
    SF_INFO info{};
    info.format = format;
    info.channels = static_cast<int>(channels);
    info.samplerate = static_cast<int>(rate);
    return sf_format_check(&info) != 0;
}

// libsndfile's name of a major format or a subtype.
std::string format_name(int format) {
    SF_FORMAT_INFO fi{};
    fi.format = format;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &fi, sizeof fi) != 0 || fi.name == nullptr)
        return "format " + std::to_string(format);
    return fi.name;
}

} // namespace

int OutputFormat::choose(const std::string& out, int input_format, unsigned channels,
                         unsigned rate) {
    int major = input_format & SF_FORMAT_TYPEMASK;
    int subtype = 0;
    std::string ext = out == "-" ? "" : std::filesystem::path(out).extension().string();
    if (!ext.empty()) {
        ext.erase(0, 1);
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const auto it = std::find_if(kExtensions.begin(), kExtensions.end(),
                                     [&](const Extension& e) { return e.name == ext; });
        if (it == kExtensions.end())
            throw RenderError(out + ": unknown output type \"." + ext +
                              "\": preamp-render writes " + known_extensions() +
                              ", or raw float32 with --raw");
        major = it->major;
        subtype = it->subtype;
    }

    // .ogg means Vorbis and .opus Opus, whatever the input was.
    const std::array<int, 4> by_input{input_format & SF_FORMAT_SUBMASK, SF_FORMAT_FLOAT,
                                      SF_FORMAT_PCM_24, SF_FORMAT_PCM_16};
    const auto candidates =
        subtype != 0 ? std::span<const int>(&subtype, 1) : std::span<const int>(by_input);
    for (const int sub : candidates)
        if (valid(major | sub, channels, rate)) return major | sub;
    throw RenderError("cannot write " + (out == "-" ? std::string("standard output") : out) +
                      " as " + format_name(major) + " with " + std::to_string(channels) +
                      " channels at " + std::to_string(rate) +
                      " Hz: libsndfile does not support that combination");
}

std::string OutputFormat::describe(int format) {
    return format_name(format & SF_FORMAT_TYPEMASK) + ", " +
           format_name(format & SF_FORMAT_SUBMASK);
}

} // namespace preamp::render
