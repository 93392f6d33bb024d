#include "TempDir.hpp"

#include <cerrno>
#include <cstdlib>
#include <system_error>

namespace preamp::test {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                       "/preamp-render-test.XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr)
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + tmpl);
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::operator/(const std::string& name) const {
    return (path_ / name).string();
}

std::set<std::string> TempDir::entries() const {
    std::set<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path_))
        names.insert(e.path().filename().string());
    return names;
}

} // namespace preamp::test
