#pragma once
// Univariate polynomials with rational coefficients, in ascending powers of the variable.
// Light header: evaluation in a number kind is a template (Horner), everything exact is in
// polynomial.cpp (FLINT is used there for roots, never exposed here).
#include "mechcheck/number/kind.hpp"
#include <optional>
#include <string>
#include <vector>

namespace mechcheck {

class Algebraic;

class RationalPolynomial {
 public:
  RationalPolynomial() = default;
  explicit RationalPolynomial(std::vector<Rational> ascending_coefficients);
  static RationalPolynomial constant(const Rational& c);
  static RationalPolynomial identity();  // the polynomial t

  // Degree of the zero polynomial is -1.
  int degree() const { return static_cast<int>(coefficients_.size()) - 1; }
  bool is_zero() const { return coefficients_.empty(); }
  bool is_constant() const { return coefficients_.size() <= 1; }
  const std::vector<Rational>& coefficients() const { return coefficients_; }
  Rational coefficient(int power) const;

  RationalPolynomial operator+(const RationalPolynomial& other) const;
  RationalPolynomial operator-(const RationalPolynomial& other) const;
  RationalPolynomial operator*(const RationalPolynomial& other) const;
  RationalPolynomial operator*(const Rational& scalar) const;
  RationalPolynomial operator-() const;
  RationalPolynomial& operator+=(const RationalPolynomial& other) { return *this = *this + other; }
  RationalPolynomial& operator-=(const RationalPolynomial& other) { return *this = *this - other; }
  RationalPolynomial& operator*=(const RationalPolynomial& other) { return *this = *this * other; }
  bool operator==(const RationalPolynomial& other) const { return coefficients_ == other.coefficients_; }

  RationalPolynomial derivative() const;
  // The antiderivative with value 0 at t = 0.
  RationalPolynomial antiderivative() const;
  // p(inner(t)).
  RationalPolynomial compose(const RationalPolynomial& inner) const;

  Rational operator()(const Rational& t) const;    // exact
  Algebraic operator()(const Algebraic& t) const;  // exact

  // Horner's rule in any number kind.
  template <class T>
  T evaluate(const T& t) const {
    T value = from_rational<T>(Rational(0));
    for (auto it = coefficients_.rbegin(); it != coefficients_.rend(); ++it)
      value = T(value * t + from_rational<T>(*it));
    return value;
  }

  // The distinct real roots in the closed interval [lo, hi], increasing, exactly.
  std::vector<Algebraic> real_roots(const Rational& lo, const Rational& hi) const;

  // The distinct solutions t in [lo, hi] of p(t) = value, increasing, exactly; nullopt when
  // p is the constant `value` (every t solves it). An irrational value c is handled through
  // its minimal polynomial m_c: the solutions are the roots of m_c(p(t)) at which p is c
  // itself rather than a conjugate.
  std::optional<std::vector<Algebraic>> solutions_of(const Algebraic& value, const Rational& lo,
                                                     const Rational& hi) const;

  // "3/2*t^2 - t + 1/4" in the named variable.
  std::string to_string(const std::string& variable = "t") const;

 private:
  void normalize();
  std::vector<Rational> coefficients_;
};

// The distinct real roots of p in increasing order (p must not be the zero polynomial).
std::vector<Algebraic> real_roots(const RationalPolynomial& p);

}  // namespace mechcheck
