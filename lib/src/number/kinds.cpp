// The float and interval number kinds (kept out of headers: Boost's MPFR/MPFI headers are heavy).
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"

#include <mpfi.h>
#include <algorithm>
#include <cstdio>
#include <string>
#include <sstream>

namespace mechcheck {

std::string NumberKind<double>::to_string(double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", x);
  return buffer;
}

Mpfr NumberKind<Mpfr>::from_rational(const Rational& q) {
  Mpfr x;
  mpfr_set_q(x.backend().data(), q.backend().data(), MPFR_RNDN);
  return x;
}

std::string NumberKind<Mpfr>::to_string(const Mpfr& x) { return x.str(0, std::ios_base::scientific); }

Interval NumberKind<Interval>::from_rational(const Rational& q) {
  Interval x;
  mpfi_set_q(x.backend().data(), q.backend().data());
  return x;
}

int NumberKind<Interval>::sign(const Interval& x) {
  const auto* d = x.backend().data();
  if (mpfi_is_strictly_pos(d)) return 1;
  if (mpfi_is_strictly_neg(d)) return -1;
  if (mpfi_is_zero(d)) return 0;
  throw Undecidable("the interval " + to_string(x) + " contains 0: its sign is undecided at this precision",
                    Arithmetic::certified);
}

Rational lower_bound(const Interval& x) {
  mpfr_t e;
  mpfr_init2(e, mpfi_get_prec(x.backend().data()));
  mpfi_get_left(e, x.backend().data());
  Rational r;
  mpfr_get_q(r.backend().data(), e);  // exact: MPFR numbers are dyadic
  mpfr_clear(e);
  return r;
}

Rational upper_bound(const Interval& x) {
  mpfr_t e;
  mpfr_init2(e, mpfi_get_prec(x.backend().data()));
  mpfi_get_right(e, x.backend().data());
  Rational r;
  mpfr_get_q(r.backend().data(), e);
  mpfr_clear(e);
  return r;
}

Rational width(const Interval& x) { return upper_bound(x) - lower_bound(x); }

std::string certified_digits(const Interval& x, int max_digits) {
  const mpfi_srcptr v = x.backend().data();
  if (mpfi_nan_p(v) || mpfi_inf_p(v)) return "";
  if (mpfi_is_zero(v)) return "0";
  if (mpfi_has_zero(v)) return "";
  mpfr_t lo, hi;
  mpfr_init2(lo, mpfi_get_prec(v));
  mpfr_init2(hi, mpfi_get_prec(v));
  mpfi_get_left(lo, v);
  mpfi_get_right(hi, v);
  // Both ends rounded toward zero to n digits agree: then so does every number between them
  // (rounding toward zero is monotone on each side of 0, and 0 is not in x).
  std::string digits;
  char a[128], b[128];
  for (int n = std::min(max_digits, 60); n >= 1 && digits.empty(); --n) {
    mpfr_snprintf(a, sizeof a, "%.*RZe", n - 1, lo);
    mpfr_snprintf(b, sizeof b, "%.*RZe", n - 1, hi);
    if (std::string(a) == b) digits = a;
  }
  mpfr_clear(lo);
  mpfr_clear(hi);
  return digits;
}

std::string NumberKind<Interval>::to_string(const Interval& x) {
  mpfr_t e;
  mpfr_init2(e, mpfi_get_prec(x.backend().data()));
  std::ostringstream out;
  char buffer[128];
  mpfi_get_left(e, x.backend().data());
  mpfr_snprintf(buffer, sizeof buffer, "%.20RDe", e);
  out << "[" << buffer << ", ";
  mpfi_get_right(e, x.backend().data());
  mpfr_snprintf(buffer, sizeof buffer, "%.20RUe", e);
  out << buffer << "]";
  mpfr_clear(e);
  return out.str();
}

}  // namespace mechcheck
