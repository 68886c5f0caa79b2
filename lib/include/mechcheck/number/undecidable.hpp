#pragma once
#include "mechcheck/number/arithmetic.hpp"

#include <stdexcept>
#include <string>

namespace mechcheck {

// Thrown when a sign, comparison or search cannot be decided in the arithmetic at hand (an
// interval that straddles zero, an exact search that found nothing within its bound).
// Checkers turn it into an `inconclusive` verdict labelled with `decided_in`, the arithmetic
// of the attempt that failed: an undecidable sign is never guessed, and an exact claim that
// gives up is not labelled as if intervals had been involved.
class Undecidable : public std::runtime_error {
 public:
  Undecidable(const std::string& what, Arithmetic decided_in) : std::runtime_error(what), arithmetic_(decided_in) {}
  Arithmetic arithmetic() const { return arithmetic_; }

 private:
  Arithmetic arithmetic_;
};

}  // namespace mechcheck
