#include "model/input_file.hpp"

#include "model/input_error.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>

namespace makepack {

namespace {
std::atomic<std::uint64_t> g_max_input_bytes{kDefaultMaxInputBytes};

std::string size_text(std::uint64_t bytes) {
    if (bytes % (std::uint64_t{1} << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
    if (bytes % (std::uint64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}
}  // namespace

std::uint64_t max_input_bytes() { return g_max_input_bytes.load(); }
void set_max_input_bytes(std::uint64_t bytes) { g_max_input_bytes.store(bytes); }

std::string read_input_file(const std::string& path, const char* what) {
    const std::uint64_t limit = max_input_bytes();
    const auto too_large = [&] {
        return InputError(path, 0, 0, "",
                          "larger than the input size limit of " + size_text(limit) + " (is it " + what +
                              " file? --max-input-size BYTES raises the limit)");
    };
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status))
        throw InputError(path, 0, 0, "", std::string("is a directory, not ") + what + " file");
    // A regular file's size is known before reading; devices and pipes are read up to the limit.
    if (std::filesystem::is_regular_file(status) && std::filesystem::file_size(path, ec) > limit && !ec)
        throw too_large();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, 0, "", "cannot open file");
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto n = static_cast<std::uint64_t>(in.gcount());
        if (text.size() + n > limit) throw too_large();
        text.append(buffer, static_cast<std::size_t>(n));
    }
    if (in.bad()) throw InputError(path, 0, 0, "", "cannot read file");
    return text;
}

}  // namespace makepack
