#pragma once

#include <string>
#include <vector>

namespace preamp::ctl {

/// What a command prints, collected as fields and printed once it has all succeeded:
/// with --json one JSON object per run ({"volume_db": -30}); else the text of a lone
/// field alone ("-30 dB"), or a table of labels and texts (status); no fields (save):
/// nothing, or with --json {}.
class Output {
public:
    explicit Output(bool json) : json_(json) {}

    /// One field: `key` and `json_value` (already JSON) for --json, `label` and `text`
    /// for people.
    void field(std::string key, std::string label, std::string json_value, std::string text);
    [[nodiscard]] bool json() const noexcept { return json_; }
    /// Everything, ending in a newline; with no fields "" (--json: "{}\n").
    [[nodiscard]] std::string str() const;

private:
    struct Field {
        std::string key, label, json_value, text;
    };
    bool json_;
    std::vector<Field> fields_;
};

} // namespace preamp::ctl
