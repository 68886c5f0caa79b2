#pragma once
// An interval as exact text and back: both ends in hexadecimal with the interval's precision, so
// that the interval read is the one written, bit for bit. For results exchanged between processes
// (claims/team.hpp); never for people (they read certified digits, kind_interval.hpp).
#include "mechcheck/number/kind_interval.hpp"

#include <string>

namespace mechcheck {

// "precision left right" (bits, then both ends as MPFR writes them in base 16: exact).
std::string exchange_text(const Interval& x);
// The interval of exchange_text; throws std::invalid_argument on other text.
Interval interval_from_exchange_text(const std::string& text);

}  // namespace mechcheck
