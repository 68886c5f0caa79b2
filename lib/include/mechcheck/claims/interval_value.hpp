#pragma once
// A certified enclosure as a reported value (apart from outcome.hpp, so that only the checkers
// that report enclosures include MPFI's headers).
#include "mechcheck/claims/outcome.hpp"
#include "mechcheck/number/kind_interval.hpp"

namespace mechcheck {

// text: the leading digits every number of x shares (certified_digits), or the enclosure itself
// when it certifies none; interval: "[lo, hi]", rounded outward; kind "interval".
Value make_value(std::string name, const Interval& x);

}  // namespace mechcheck
