// Reading an input file (instance or schedule) whole, with a size limit: a
// device like /dev/zero or a runaway generator output must end in a clear
// message (exit 2), not in minutes of reading and "out of memory".
#pragma once

#include <cstdint>
#include <string>

namespace makepack {

// Default limit: far above the largest real plant (bench/large.yaml is about
// 4 MB), far below the memory the parsed tree would need.
inline constexpr std::uint64_t kDefaultMaxInputBytes = std::uint64_t{1} << 30;  // 1 GiB

// The limit every read_input_file call applies (process-wide; the CLI sets it
// from --max-input-size before reading anything).
std::uint64_t max_input_bytes();
void set_max_input_bytes(std::uint64_t bytes);

// The file's bytes. Throws InputError(path, 0, 0, "", ...) when it is a
// directory, cannot be opened or read, or is larger than max_input_bytes();
// `what` ("an instance", "a schedule") names it in messages.
std::string read_input_file(const std::string& path, const char* what);

}  // namespace makepack
