// The float and interval number kinds (kept out of headers: Boost's MPFR/MPFI headers are heavy).
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"

#include <mpfi.h>
#include <cstdio>
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
