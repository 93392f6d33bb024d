#include "Node.hpp"

#include "Suggest.hpp"
#include "Text.hpp"
#include "core/Joined.hpp"

#include <algorithm>
#include <span>

namespace preamp::config {
namespace {

using Type = libconfig::Setting::Type;

const char* type_name(Type t) {
    switch (t) {
    case Type::TypeInt:
    case Type::TypeInt64:
    case Type::TypeFloat:
        return "a number";
    case Type::TypeString:
        return "a string";
    case Type::TypeBoolean:
        return "a boolean";
    case Type::TypeGroup:
        return "a group";
    case Type::TypeArray:
        return "an array";
    case Type::TypeList:
        return "a list";
    case Type::TypeNone:
        break;
    }
    return "nothing";
}

} // namespace

Node::Node(const libconfig::Setting& root, Lines& lines) : Node(root, "", lines) {}

Node::Node(const libconfig::Setting& setting, std::string path, Lines& lines)
    : setting_(&setting), path_(std::move(path)), lines_(&lines) {
    lines_->record(path_, setting.getSourceLine());
}

void Node::expect_group(std::initializer_list<std::string_view> known) const {
    if (!setting_->isGroup()) wrong_type("a group");
    const std::span<const std::string_view> keys(known.begin(), known.size());
    const std::string prefix = path_.empty() ? "" : path_ + ".";
    for (int i = 0; i < setting_->getLength(); ++i) {
        const libconfig::Setting& s = (*setting_)[i];
        const std::string_view name = s.getName();
        if (std::find(keys.begin(), keys.end(), name) != keys.end()) continue;
        std::string message = "unknown setting " + prefix + std::string(name);
        if (const auto near = closest(name, keys))
            message += " (did you mean " + prefix + std::string(*near) + "?)";
        else
            message += " (known here: " + core::joined(known, ", ") + ")";
        lines_->record(prefix + std::string(name), s.getSourceLine());
        lines_->raise(prefix + std::string(name), message);
    }
}

std::optional<Node> Node::member(const char* key) const {
    if (!setting_->exists(key)) return std::nullopt;
    return Node((*setting_)[key], path_.empty() ? key : path_ + "." + key, *lines_);
}

Node Node::require(const char* key) const {
    if (auto n = member(key)) return *n;
    lines_->fail(path_ + "." + key, "missing, and there is no default");
}

std::vector<Node> Node::elements() const {
    if (!setting_->isList() && !setting_->isArray()) wrong_type("a list or an array");
    std::vector<Node> out;
    for (int i = 0; i < setting_->getLength(); ++i)
        out.push_back(Node((*setting_)[i], path_ + ".[" + std::to_string(i) + "]", *lines_));
    return out;
}

double Node::number() const {
    switch (setting_->getType()) {
    case Type::TypeInt: // what does not fit came as a float (Literals.hpp)
        return static_cast<int>(*setting_);
    case Type::TypeInt64:
        return static_cast<double>(static_cast<long long>(*setting_));
    case Type::TypeFloat:
        return static_cast<double>(*setting_);
    default:
        wrong_type("a number");
    }
}

std::string Node::string() const {
    if (setting_->getType() != Type::TypeString) wrong_type("a string");
    std::string s = setting_->c_str();
    if (const auto problem = text_problem(s)) fail(*problem);
    return s;
}

bool Node::boolean() const {
    if (setting_->getType() != Type::TypeBoolean) wrong_type("a boolean (true or false)");
    return static_cast<bool>(*setting_);
}

std::vector<std::string> Node::strings() const {
    std::vector<std::string> out;
    for (const Node& n : elements())
        out.push_back(n.string());
    return out;
}

void Node::fail(const std::string& problem) const {
    lines_->fail(path_, problem);
}

void Node::wrong_type(std::string_view expected) const {
    fail("expected " + std::string(expected) + ", got " + type_name(setting_->getType()));
}

void read(const Node& group, const char* key, double& out) {
    if (const auto n = group.member(key)) out = n->number();
}

void read(const Node& group, const char* key, bool& out) {
    if (const auto n = group.member(key)) out = n->boolean();
}

void read(const Node& group, const char* key, std::string& out) {
    if (const auto n = group.member(key)) out = n->string();
}

void read(const Node& group, const char* key, std::vector<std::string>& out) {
    if (const auto n = group.member(key)) out = n->strings();
}

} // namespace preamp::config
