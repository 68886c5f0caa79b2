#pragma once
// MPFR floats of a precision chosen at run time (numeric: evidence, never a proof).
#include "mechcheck/number/kind.hpp"
#include "mechcheck/number/numeric_state.hpp"
#include <boost/multiprecision/mpfr.hpp>

namespace mechcheck {

using Mpfr = boost::multiprecision::mpfr_float;

// Sets the working precision (in decimal digits) of Mpfr and Interval for this thread only
// (numeric_state.hpp; float_precision_digits() reads it). Never call Boost's
// default_precision(): it reads and writes the process-wide value that threads share.
void set_float_precision_digits(unsigned digits10);

template <>
struct NumberKind<Mpfr> {
  static constexpr Arithmetic arithmetic = Arithmetic::numeric;
  static constexpr const char* name = "mpfr";
  static Mpfr from_rational(const Rational& q);
  static int sign(const Mpfr& x) { return x.sign(); }
  static std::string to_string(const Mpfr& x);
};

}  // namespace mechcheck
