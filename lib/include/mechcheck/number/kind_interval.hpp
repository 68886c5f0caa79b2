#pragma once
// MPFI intervals (certified: every operation rounds outward). Signs are decided through
// MPFI's own predicates, never Boost's operator< (which throws from a noexcept function
// on overlapping intervals, which terminates the program).
#include "mechcheck/number/kind.hpp"
#include <boost/multiprecision/mpfi.hpp>

namespace mechcheck {

using Interval = boost::multiprecision::mpfi_float;

template <>
struct NumberKind<Interval> {
  static constexpr Arithmetic arithmetic = Arithmetic::certified;
  static constexpr const char* name = "interval";
  static Interval from_rational(const Rational& q);  // encloses q (exact when representable)
  static int sign(const Interval& x);                // throws Undecidable when 0 is inside and x != [0,0]
  static std::string to_string(const Interval& x);   // "[lo, hi]"
};

// Rational endpoints of an interval (exact: MPFR numbers are dyadic rationals).
Rational lower_bound(const Interval& x);
Rational upper_bound(const Interval& x);
// Width hi - lo, exactly.
Rational width(const Interval& x);

// The leading decimal digits that every number of x shares, in scientific notation with at most
// `max_digits` significant digits ("1.6989903679e-01"): the longest d such that each y in x,
// rounded toward zero to d's length, is d. So every printed digit is a certified digit of each
// number in x (digits are cut, not rounded). "0" for [0, 0]; "" when x holds 0 and another
// number, or straddles even the first digit (as [0.9, 1.1] does).
std::string certified_digits(const Interval& x, int max_digits = 25);

}  // namespace mechcheck
