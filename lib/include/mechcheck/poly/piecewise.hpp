#pragma once
// Piecewise polynomials with rational coefficients on [lo, hi]: breaks b_0 < ... < b_m and
// one polynomial per piece [b_j, b_{j+1}]. CDFs, densities and the interim allocations
// q_i of the llm model are of this form.
#include "mechcheck/poly/polynomial.hpp"

#include <optional>
#include <vector>

namespace mechcheck {

class PiecewisePolynomial {
 public:
  PiecewisePolynomial() = default;
  PiecewisePolynomial(std::vector<Rational> breaks, std::vector<RationalPolynomial> pieces);
  static PiecewisePolynomial constant(const Rational& lo, const Rational& hi, const Rational& value);

  const Rational& lo() const { return breaks_.front(); }
  const Rational& hi() const { return breaks_.back(); }
  const std::vector<Rational>& breaks() const { return breaks_; }
  const std::vector<RationalPolynomial>& pieces() const { return pieces_; }
  std::size_t piece_count() const { return pieces_.size(); }

  // The same function on a finer partition (which must contain every own break).
  PiecewisePolynomial refined(const std::vector<Rational>& finer_breaks) const;
  static std::vector<Rational> merged_breaks(const std::vector<Rational>& a, const std::vector<Rational>& b);

  PiecewisePolynomial operator+(const PiecewisePolynomial& other) const;
  PiecewisePolynomial operator-(const PiecewisePolynomial& other) const;
  PiecewisePolynomial operator*(const PiecewisePolynomial& other) const;
  PiecewisePolynomial operator*(const Rational& scalar) const;
  // Applies a polynomial map piece by piece (e.g. t * p(t)).
  PiecewisePolynomial times_polynomial(const RationalPolynomial& p) const;

  PiecewisePolynomial derivative() const;
  // x -> integral from lo to x (continuous across breaks).
  PiecewisePolynomial integral_from_lo() const;
  // The integral over [lo, hi].
  Rational integral() const;

  // Is the function continuous at every interior break? (exact)
  bool is_continuous() const;
  // Index of the first discontinuous break, if any.
  std::optional<std::size_t> first_discontinuity() const;

  // Index of a piece containing t (the left one at an interior break); t in [lo, hi].
  std::size_t piece_index(const Rational& t) const;
  std::size_t piece_index(const Algebraic& t) const;

  Rational operator()(const Rational& t) const;
  Algebraic operator()(const Algebraic& t) const;
  // The limit from the right at t (differs from operator() only at a jump; t < hi).
  Algebraic right_limit(const Algebraic& t) const;
  // Evaluation in any number kind: locates the piece by comparisons in T (an interval that
  // straddles a break throws Undecidable).
  template <class T>
  T evaluate(const T& t) const {
    std::size_t j = 0;
    while (j + 1 < pieces_.size() && compare(t, from_rational<T>(breaks_[j + 1])) > 0) ++j;
    return pieces_[j].evaluate(t);
  }

  // A rational point of [lo, hi] where the function is negative, if there is one (exact: on
  // each piece the sign is constant between consecutive real roots, so one rational point
  // per gap decides it).
  std::optional<Rational> negative_point() const;

  // Is the function nondecreasing on [lo, hi]? Decided exactly: on each piece the derivative
  // is checked at its roots' gaps. Returns the first piece where it decreases, if any.
  std::optional<std::size_t> first_decreasing_piece() const;

 private:
  std::vector<Rational> breaks_;
  std::vector<RationalPolynomial> pieces_;
};

}  // namespace mechcheck
