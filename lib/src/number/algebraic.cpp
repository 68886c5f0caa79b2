#include "mechcheck/number/algebraic.hpp"

#include "../flint_convert.hpp"

#include "calcium_qqbar.hpp"
#include <arb.h>
#include <algorithm>
#include <ostream>
#include <stdexcept>

namespace mechcheck {
namespace {

qqbar_struct* q(void* p) { return static_cast<qqbar_struct*>(p); }

qqbar_struct* fresh() {
  auto* x = new qqbar_struct;
  qqbar_init(x);
  return x;
}

}  // namespace

Algebraic::Algebraic() : impl_(fresh()) {}

Algebraic::Algebraic(const Rational& value) : impl_(fresh()) {
  FlintRational f(value);
  qqbar_set_fmpq(q(impl_), f.get());
}

Algebraic::Algebraic(long value) : impl_(fresh()) { qqbar_set_si(q(impl_), value); }

Algebraic::Algebraic(const Algebraic& other) : impl_(fresh()) { qqbar_set(q(impl_), q(other.impl_)); }

Algebraic::Algebraic(Algebraic&& other) noexcept : impl_(fresh()) { qqbar_swap(q(impl_), q(other.impl_)); }

Algebraic& Algebraic::operator=(const Algebraic& other) {
  if (this != &other) qqbar_set(q(impl_), q(other.impl_));
  return *this;
}

Algebraic& Algebraic::operator=(Algebraic&& other) noexcept {
  qqbar_swap(q(impl_), q(other.impl_));
  return *this;
}

Algebraic::~Algebraic() {
  qqbar_clear(q(impl_));
  delete q(impl_);
}

std::vector<Algebraic> Algebraic::real_roots(std::vector<Rational> p) {
  while (!p.empty() && p.back() == 0) p.pop_back();
  if (p.empty()) throw std::invalid_argument("Algebraic::real_roots: the zero polynomial has every number as a root");
  std::vector<Algebraic> result;
  if (p.size() == 1) return result;
  FlintPolynomial f(p);
  // Distinct roots: work with the square-free part so every root is listed once.
  fmpq_poly_t g, dp;
  fmpq_poly_init(g);
  fmpq_poly_init(dp);
  fmpq_poly_derivative(dp, f.get());
  fmpq_poly_gcd(g, f.get(), dp);
  fmpq_poly_t sqfree;
  fmpq_poly_init(sqfree);
  fmpq_poly_div(sqfree, f.get(), g);
  slong degree = fmpq_poly_degree(sqfree);
  qqbar_ptr roots = _qqbar_vec_init(degree);
  qqbar_roots_fmpq_poly(roots, sqfree, 0);
  for (slong i = 0; i < degree; ++i) {
    if (qqbar_is_real(roots + i)) {
      Algebraic a;
      qqbar_set(q(a.impl_), roots + i);
      result.push_back(std::move(a));
    }
  }
  _qqbar_vec_clear(roots, degree);
  fmpq_poly_clear(sqfree);
  fmpq_poly_clear(g);
  fmpq_poly_clear(dp);
  std::sort(result.begin(), result.end());
  return result;
}

bool Algebraic::is_rational() const { return qqbar_is_rational(q(impl_)); }

Rational Algebraic::to_rational() const {
  if (!is_rational()) throw std::logic_error("Algebraic::to_rational: the number is irrational");
  fmpq_t r;
  fmpq_init(r);
  qqbar_get_fmpq(r, q(impl_));
  Rational out = from_flint(r);
  fmpq_clear(r);
  return out;
}

int Algebraic::degree() const { return static_cast<int>(qqbar_degree(q(impl_))); }

std::vector<Integer> Algebraic::minimal_polynomial() const {
  const fmpz_poly_struct* poly = QQBAR_POLY(q(impl_));
  std::vector<Integer> out;
  for (slong i = 0; i < fmpz_poly_length(poly); ++i) out.push_back(from_flint(poly->coeffs + i));
  return out;
}

std::string Algebraic::minimal_polynomial_string(const std::string& variable) const {
  std::vector<Rational> coefficients;
  for (auto& c : minimal_polynomial()) coefficients.emplace_back(c);
  return polynomial_string(coefficients, variable);
}

std::pair<Rational, Rational> Algebraic::isolating_interval(long bits) const {
  // Refine until the width is at most 2^-bits (absolute, not relative) and no other real root
  // of the minimal polynomial lies in [lo, hi]; both are checked, not assumed.
  const slong degree = qqbar_degree(q(impl_));
  qqbar_ptr conjugates = nullptr;
  if (degree > 1) {
    conjugates = _qqbar_vec_init(degree);
    qqbar_conjugates(conjugates, q(impl_));
  }
  arb_t re;
  arb_init(re);
  arf_t lo, hi;
  arf_init(lo);
  arf_init(hi);
  std::pair<Rational, Rational> out;
  for (slong prec = bits + 64;; prec *= 2) {
    qqbar_get_arb(re, q(impl_), prec);  // relative precision: the loop checks the absolute width
    arb_get_lbound_arf(lo, re, ARF_PREC_EXACT);
    arb_get_ubound_arf(hi, re, ARF_PREC_EXACT);
    out = std::make_pair(from_flint(lo), from_flint(hi));
    Rational limit = 1;
    for (long b = 0; b < bits; ++b) limit /= 2;
    if (out.second - out.first > limit) continue;
    bool isolating = true;
    const Algebraic a(out.first), b(out.second);
    for (slong j = 0; j < degree && degree > 1 && isolating; ++j) {
      if (!qqbar_is_real(conjugates + j) || qqbar_equal(conjugates + j, q(impl_))) continue;
      if (qqbar_cmp_re(conjugates + j, q(a.impl_)) >= 0 && qqbar_cmp_re(conjugates + j, q(b.impl_)) <= 0)
        isolating = false;
    }
    if (isolating) break;
  }
  arf_clear(lo);
  arf_clear(hi);
  arb_clear(re);
  if (conjugates) _qqbar_vec_clear(conjugates, degree);
  return out;
}

std::string Algebraic::to_decimal(int digits) const {
  if (qqbar_is_zero(q(impl_))) return "0";
  arb_t re;
  arb_init(re);
  slong prec = static_cast<slong>(digits * 3.33) + 64;
  // qqbar_get_arb refines until the ball is accurate to about prec bits.
  qqbar_get_arb(re, q(impl_), prec);
  char* s = arb_get_str(re, digits, ARB_STR_NO_RADIUS);
  std::string out(s);
  flint_free(s);
  arb_clear(re);
  return out;
}

std::string Algebraic::to_string(int digits) const {
  if (is_rational()) return mechcheck::to_string(to_rational());
  return to_decimal(digits);
}

double Algebraic::to_double() const {
  arb_t re;
  arb_init(re);
  qqbar_get_arb(re, q(impl_), 64);
  double d = arf_get_d(arb_midref(re), ARF_RND_NEAR);
  arb_clear(re);
  return d;
}

std::ostream& operator<<(std::ostream& out, const Algebraic& a) {
  out << a.to_string(20);
  if (!a.is_rational()) out << " (root of " << a.minimal_polynomial_string() << ")";
  return out;
}

int Algebraic::sign() const { return qqbar_sgn_re(q(impl_)); }

int compare(const Algebraic& a, const Algebraic& b) { return qqbar_cmp_re(q(a.impl_), q(b.impl_)); }

Algebraic Algebraic::operator-() const {
  Algebraic r;
  qqbar_neg(q(r.impl_), q(impl_));
  return r;
}

Algebraic operator+(const Algebraic& a, const Algebraic& b) {
  Algebraic r;
  qqbar_add(q(r.impl_), q(a.impl_), q(b.impl_));
  return r;
}

Algebraic operator-(const Algebraic& a, const Algebraic& b) {
  Algebraic r;
  qqbar_sub(q(r.impl_), q(a.impl_), q(b.impl_));
  return r;
}

Algebraic operator*(const Algebraic& a, const Algebraic& b) {
  Algebraic r;
  qqbar_mul(q(r.impl_), q(a.impl_), q(b.impl_));
  return r;
}

Algebraic operator/(const Algebraic& a, const Algebraic& b) {
  if (qqbar_is_zero(q(b.impl_))) throw std::domain_error("Algebraic: division by zero");
  Algebraic r;
  qqbar_div(q(r.impl_), q(a.impl_), q(b.impl_));
  return r;
}

}  // namespace mechcheck

// ---- conversions to the other number kinds -------------------------------------------
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include <mpfi.h>

namespace mechcheck {

template <>
Algebraic algebraic_to<Algebraic>(const Algebraic& a) {
  return a;
}

template <>
Rational algebraic_to<Rational>(const Algebraic& a) {
  return a.to_rational();
}

template <>
double algebraic_to<double>(const Algebraic& a) {
  return a.to_double();
}

template <>
Mpfr algebraic_to<Mpfr>(const Algebraic& a) {
  if (a.is_rational()) return NumberKind<Mpfr>::from_rational(a.to_rational());
  return Mpfr(a.to_decimal(static_cast<int>(float_precision_digits()) + 5));
}

template <>
Interval algebraic_to<Interval>(const Algebraic& a) {
  if (a.is_rational()) return NumberKind<Interval>::from_rational(a.to_rational());
  // An isolating interval with rational endpoints, refined to the working precision, then
  // rounded outward into MPFI.
  long bits = static_cast<long>(mpfr_get_default_prec()) + 16;
  bits = std::max<long>(bits, static_cast<long>(float_precision_digits() * 3.33) + 16);
  auto [lo, hi] = a.isolating_interval(bits);
  Interval x;
  mpfi_interv_q(x.backend().data(), lo.backend().data(), hi.backend().data());
  return x;
}

}  // namespace mechcheck
