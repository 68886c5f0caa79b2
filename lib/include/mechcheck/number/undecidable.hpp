#pragma once
#include <stdexcept>
#include <string>

namespace mechcheck {

// Thrown when a sign or comparison cannot be decided in the arithmetic at hand
// (an interval that straddles zero). Checkers turn it into an `inconclusive` verdict:
// an undecidable sign is never guessed.
class Undecidable : public std::runtime_error {
 public:
  explicit Undecidable(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace mechcheck
