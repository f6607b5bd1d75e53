// Where the tests find the shipped files (MAKEPACK_SOURCE_DIR is set by CMake).
#pragma once

#include <filesystem>
#include <string>

namespace makepack::fixtures {

inline const std::filesystem::path kSource = MAKEPACK_SOURCE_DIR;
inline const std::filesystem::path kInstances = kSource / "instances";
inline const std::filesystem::path kOakhill = kInstances / "oakhill-4w.yaml";

// A shipped instance by its path under instances/.
inline std::string shipped(const std::string& name) { return (kInstances / name).string(); }

}  // namespace makepack::fixtures
