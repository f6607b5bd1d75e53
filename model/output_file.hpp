// Writing an output file (schedule, frozen instance, report, summary) so that
// it is never half-written and never replaces what it should not
// (docs/cli.md, "Output files"):
//   - a symbolic link is written through: its final target gets the text and
//     the link stays;
//   - an existing target must be a regular file (a device, directory, FIFO or
//     socket is refused, never replaced);
//   - the text goes to a temporary file in the target's directory, then a
//     rename replaces the target (keeping an existing file's permissions).
// Errors are std::runtime_error("cannot write 'PATH': REASON"), once.
#pragma once

#include <string>

namespace makepack {

// The file a write to `path` replaces: `path`, or the final target of the
// symbolic links it names (a relative link is read from the link's directory).
// Throws when the target exists but is not a regular file, or links loop.
std::string output_target(const std::string& path);

// Throws unless write_file_atomically(path, ...) would get past creating its
// temporary file: the target is acceptable and its directory takes a new file.
// Creates and removes a temporary file; `path` itself is not touched.
void probe_output(const std::string& path);

// Writes `text` to output_target(path) atomically (temporary file + fsync + rename).
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace makepack
