#include "mechcheck/poly/polynomial.hpp"

#include "mechcheck/number/algebraic.hpp"
#include "../flint_convert.hpp"

#include "../number/calcium_qqbar.hpp"
#include <sstream>

namespace mechcheck {

RationalPolynomial::RationalPolynomial(std::vector<Rational> ascending_coefficients)
    : coefficients_(std::move(ascending_coefficients)) {
  normalize();
}

RationalPolynomial RationalPolynomial::constant(const Rational& c) { return RationalPolynomial({c}); }
RationalPolynomial RationalPolynomial::identity() { return RationalPolynomial({Rational(0), Rational(1)}); }

void RationalPolynomial::normalize() {
  while (!coefficients_.empty() && coefficients_.back() == 0) coefficients_.pop_back();
}

Rational RationalPolynomial::coefficient(int power) const {
  if (power < 0 || power >= static_cast<int>(coefficients_.size())) return 0;
  return coefficients_[power];
}

RationalPolynomial RationalPolynomial::operator+(const RationalPolynomial& other) const {
  std::vector<Rational> c(std::max(coefficients_.size(), other.coefficients_.size()));
  for (std::size_t i = 0; i < c.size(); ++i) c[i] = coefficient(int(i)) + other.coefficient(int(i));
  return RationalPolynomial(std::move(c));
}

RationalPolynomial RationalPolynomial::operator-(const RationalPolynomial& other) const { return *this + (-other); }

RationalPolynomial RationalPolynomial::operator-() const {
  std::vector<Rational> c = coefficients_;
  for (auto& x : c) x = -x;
  return RationalPolynomial(std::move(c));
}

RationalPolynomial RationalPolynomial::operator*(const RationalPolynomial& other) const {
  if (is_zero() || other.is_zero()) return {};
  std::vector<Rational> c(coefficients_.size() + other.coefficients_.size() - 1);
  for (std::size_t i = 0; i < coefficients_.size(); ++i)
    for (std::size_t j = 0; j < other.coefficients_.size(); ++j) c[i + j] += coefficients_[i] * other.coefficients_[j];
  return RationalPolynomial(std::move(c));
}

RationalPolynomial RationalPolynomial::operator*(const Rational& scalar) const {
  std::vector<Rational> c = coefficients_;
  for (auto& x : c) x *= scalar;
  return RationalPolynomial(std::move(c));
}

RationalPolynomial RationalPolynomial::derivative() const {
  if (coefficients_.size() <= 1) return {};
  std::vector<Rational> c(coefficients_.size() - 1);
  for (std::size_t i = 1; i < coefficients_.size(); ++i) c[i - 1] = coefficients_[i] * Rational(static_cast<long>(i));
  return RationalPolynomial(std::move(c));
}

RationalPolynomial RationalPolynomial::antiderivative() const {
  if (is_zero()) return {};
  std::vector<Rational> c(coefficients_.size() + 1);
  for (std::size_t i = 0; i < coefficients_.size(); ++i)
    c[i + 1] = coefficients_[i] / Rational(static_cast<long>(i + 1));
  return RationalPolynomial(std::move(c));
}

RationalPolynomial RationalPolynomial::compose(const RationalPolynomial& inner) const {
  RationalPolynomial result;
  for (auto it = coefficients_.rbegin(); it != coefficients_.rend(); ++it) result = result * inner + constant(*it);
  return result;
}

Rational RationalPolynomial::operator()(const Rational& t) const {
  Rational value = 0;
  for (auto it = coefficients_.rbegin(); it != coefficients_.rend(); ++it) value = value * t + *it;
  return value;
}

Algebraic RationalPolynomial::operator()(const Algebraic& t) const {
  if (t.is_rational()) return Algebraic((*this)(t.to_rational()));
  FlintPolynomial f(coefficients_);
  Algebraic out;
  qqbar_evaluate_fmpq_poly(static_cast<qqbar_struct*>(out.raw()), f.get(), static_cast<const qqbar_struct*>(t.raw()));
  return out;
}

std::vector<Algebraic> RationalPolynomial::real_roots(const Rational& lo, const Rational& hi) const {
  std::vector<Algebraic> inside;
  Algebraic a(lo), b(hi);
  for (auto& root : mechcheck::real_roots(*this))
    if (compare(root, a) >= 0 && compare(root, b) <= 0) inside.push_back(root);
  return inside;
}

std::optional<std::vector<Algebraic>> RationalPolynomial::solutions_of(const Algebraic& value, const Rational& lo,
                                                                       const Rational& hi) const {
  if (value.is_rational()) {
    RationalPolynomial shifted = *this - constant(value.to_rational());
    if (shifted.is_zero()) return std::nullopt;
    return shifted.real_roots(lo, hi);
  }
  std::vector<Rational> minimal;
  for (const auto& c : value.minimal_polynomial()) minimal.emplace_back(c);
  RationalPolynomial composed = RationalPolynomial(minimal).compose(*this);
  std::vector<Algebraic> out;
  if (composed.is_zero()) return out;  // cannot happen for irrational value; kept for safety
  for (auto& t : composed.real_roots(lo, hi))
    if ((*this)(t) == value) out.push_back(t);
  return out;
}

std::string RationalPolynomial::to_string(const std::string& variable) const {
  return polynomial_string(coefficients_, variable);
}

std::vector<Algebraic> real_roots(const RationalPolynomial& p) { return Algebraic::real_roots(p.coefficients()); }

}  // namespace mechcheck
