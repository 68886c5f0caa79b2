#pragma once
#include <string>

namespace mechcheck {

// Writes `text` to `path` through a temporary file and a rename, so a failed run leaves
// nothing half-written.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace mechcheck
