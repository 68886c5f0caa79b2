#pragma once
// Writing case files: a string as a TOML basic string that reads back as the same bytes.
#include <string>

namespace mechcheck {

// "\"...\"" with '"' and '\\' escaped, and every control character (U+0000-U+001F, U+007F) written
// as \uXXXX, which a basic string may not hold raw.
std::string toml_quoted(const std::string& text);

}  // namespace mechcheck
