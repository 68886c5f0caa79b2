#include "mechcheck/number/numeric_state.hpp"

#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"

#include <mpfr.h>

namespace mechcheck {

namespace {
using boost::multiprecision::variable_precision_options;
// Boost's own default options (preserve_related_precision); stated here so that a change of
// Boost's default cannot change results silently.
constexpr variable_precision_options standard_options = variable_precision_options::preserve_related_precision;
}  // namespace

NumericState NumericState::standard() {
  NumericState s;
  s.float_digits = standard_float_digits;
  s.precision_options = static_cast<int>(standard_options);
  s.mpfr_default_bits = 53;
  s.mpfr_rounding = static_cast<int>(MPFR_RNDN);
  s.mpfr_emin = 1 - (1L << 30);  // MPFR's defaults, MPFR_EMIN_DEFAULT and MPFR_EMAX_DEFAULT
  s.mpfr_emax = (1L << 30) - 1;
  return s;
}

NumericState NumericState::current() {
  NumericState s;
  s.float_digits = Mpfr::thread_default_precision();
  s.precision_options = static_cast<int>(Mpfr::thread_default_variable_precision_options());
  s.mpfr_default_bits = mpfr_get_default_prec();
  s.mpfr_rounding = static_cast<int>(mpfr_get_default_rounding_mode());
  s.mpfr_emin = mpfr_get_emin();
  s.mpfr_emax = mpfr_get_emax();
  return s;
}

void NumericState::install() const {
  const auto options = static_cast<variable_precision_options>(precision_options);
  Mpfr::thread_default_precision(float_digits);
  Interval::thread_default_precision(float_digits);
  Mpfr::thread_default_variable_precision_options(options);
  Interval::thread_default_variable_precision_options(options);
  mpfr_set_default_prec(mpfr_default_bits);
  mpfr_set_default_rounding_mode(static_cast<mpfr_rnd_t>(mpfr_rounding));
  mpfr_set_emin(mpfr_emin);
  mpfr_set_emax(mpfr_emax);
}

NumericScope::NumericScope(const NumericState& state) : saved_(NumericState::current()) { state.install(); }
NumericScope::~NumericScope() { saved_.install(); }

unsigned float_precision_digits() { return Mpfr::thread_default_precision(); }

void set_float_precision_digits(unsigned digits10) {
  Mpfr::thread_default_precision(digits10);
  Interval::thread_default_precision(digits10);
}

}  // namespace mechcheck
