// Where the tests find the shipped files (MAKEPACK_SOURCE_DIR is set by CMake).
#pragma once

#include <filesystem>
#include <string>

namespace makepack::fixtures {

inline const std::filesystem::path kSource = MAKEPACK_SOURCE_DIR;
inline const std::filesystem::path kInstances = kSource / "instances";
inline const std::filesystem::path kOakhill = kInstances / "oakhill-4w.yaml";

// Sanitizer builds (ASan+UBSan, TSan) run every test 3-10 times slower. The few
// tests that repeat one code path over many inputs take a smaller sample there:
// the sanitizers judge the memory use of the path, the Release run the property
// over every input.
inline constexpr bool kSanitizedBuild = MAKEPACK_SANITIZED;

// A shipped instance by its path under instances/.
inline std::string shipped(const std::string& name) { return (kInstances / name).string(); }

}  // namespace makepack::fixtures
