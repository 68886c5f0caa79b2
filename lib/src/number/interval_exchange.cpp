#include "mechcheck/number/interval_exchange.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <memory>
#include <sstream>
#include <stdexcept>

namespace mechcheck {
namespace {

// An MPFR number in base 16 with as many digits as its precision needs (mpfr_get_str with n = 0
// writes enough for an exact round trip); "@nan@"/"@inf@" as MPFR spells them.
std::string hexadecimal(mpfr_srcptr v) {
  if (mpfr_nan_p(v)) return "@nan@";
  if (mpfr_inf_p(v)) return mpfr_sgn(v) > 0 ? "@inf@" : "-@inf@";
  if (mpfr_zero_p(v)) return mpfr_signbit(v) ? "-0" : "0";
  mpfr_exp_t exponent = 0;
  std::unique_ptr<char, void (*)(char*)> digits(mpfr_get_str(nullptr, &exponent, 16, 0, v, MPFR_RNDN), mpfr_free_str);
  std::string d = digits.get();
  const bool negative = !d.empty() && d[0] == '-';
  if (negative) d.erase(0, 1);
  // 0.DIGITS x 16^exponent, written DIGITS@(exponent - number of digits) in base 16.
  return (negative ? "-" : "") + d + "@" + std::to_string(static_cast<long>(exponent) - static_cast<long>(d.size()));
}

}  // namespace

std::string exchange_text(const Interval& x) {
  mpfi_srcptr v = x.backend().data();
  const mpfr_prec_t precision = mpfi_get_prec(v);
  mpfr_t end;
  mpfr_init2(end, precision);
  mpfi_get_left(end, v);
  std::string text = std::to_string(static_cast<long>(precision)) + " " + hexadecimal(end);
  mpfi_get_right(end, v);
  text += " " + hexadecimal(end);
  mpfr_clear(end);
  return text;
}

Interval interval_from_exchange_text(const std::string& text) {
  std::istringstream in(text);
  long precision = 0;
  std::string left, right;
  if (!(in >> precision >> left >> right) || precision < MPFR_PREC_MIN || precision > MPFR_PREC_MAX)
    throw std::invalid_argument("not an interval's exchange text: " + text);
  mpfr_t lo, hi;
  mpfr_init2(lo, precision);
  mpfr_init2(hi, precision);
  const bool bad =
      mpfr_set_str(lo, left.c_str(), 16, MPFR_RNDN) != 0 || mpfr_set_str(hi, right.c_str(), 16, MPFR_RNDN) != 0;
  Interval x;
  mpfi_set_prec(x.backend().data(), precision);
  if (!bad) mpfi_interv_fr(x.backend().data(), lo, hi);
  mpfr_clear(lo);
  mpfr_clear(hi);
  if (bad) throw std::invalid_argument("not an interval's exchange text (inexact ends): " + text);
  return x;
}

}  // namespace mechcheck
