#include "mechcheck/poly/piecewise.hpp"

#include "mechcheck/number/algebraic.hpp"

#include <algorithm>
#include <stdexcept>

namespace mechcheck {

PiecewisePolynomial::PiecewisePolynomial(std::vector<Rational> breaks, std::vector<RationalPolynomial> pieces)
    : breaks_(std::move(breaks)), pieces_(std::move(pieces)) {
  if (breaks_.size() < 2 || pieces_.size() + 1 != breaks_.size())
    throw std::invalid_argument("PiecewisePolynomial: need m+1 breaks for m >= 1 pieces");
  for (std::size_t j = 0; j + 1 < breaks_.size(); ++j)
    if (!(breaks_[j] < breaks_[j + 1]))
      throw std::invalid_argument("PiecewisePolynomial: breaks must increase strictly");
}

PiecewisePolynomial PiecewisePolynomial::constant(const Rational& lo, const Rational& hi, const Rational& value) {
  return PiecewisePolynomial({lo, hi}, {RationalPolynomial::constant(value)});
}

std::vector<Rational> PiecewisePolynomial::merged_breaks(const std::vector<Rational>& a,
                                                         const std::vector<Rational>& b) {
  std::vector<Rational> out;
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

PiecewisePolynomial PiecewisePolynomial::refined(const std::vector<Rational>& finer) const {
  if (finer.front() != lo() || finer.back() != hi())
    throw std::invalid_argument("PiecewisePolynomial::refined: the finer partition must span the same support");
  std::vector<RationalPolynomial> pieces;
  std::size_t j = 0;
  for (std::size_t f = 0; f + 1 < finer.size(); ++f) {
    while (breaks_[j + 1] <= finer[f]) ++j;
    pieces.push_back(pieces_[j]);
  }
  return PiecewisePolynomial(finer, std::move(pieces));
}

namespace {
template <class Op>
PiecewisePolynomial combine(const PiecewisePolynomial& a, const PiecewisePolynomial& b, Op op) {
  if (a.lo() != b.lo() || a.hi() != b.hi())
    throw std::invalid_argument("PiecewisePolynomial: operands live on different supports");
  auto breaks = PiecewisePolynomial::merged_breaks(a.breaks(), b.breaks());
  auto ra = a.refined(breaks), rb = b.refined(breaks);
  std::vector<RationalPolynomial> pieces;
  for (std::size_t j = 0; j < ra.piece_count(); ++j) pieces.push_back(op(ra.pieces()[j], rb.pieces()[j]));
  return PiecewisePolynomial(breaks, std::move(pieces));
}
}  // namespace

PiecewisePolynomial PiecewisePolynomial::operator+(const PiecewisePolynomial& o) const {
  return combine(*this, o, [](const auto& x, const auto& y) { return x + y; });
}
PiecewisePolynomial PiecewisePolynomial::operator-(const PiecewisePolynomial& o) const {
  return combine(*this, o, [](const auto& x, const auto& y) { return x - y; });
}
PiecewisePolynomial PiecewisePolynomial::operator*(const PiecewisePolynomial& o) const {
  return combine(*this, o, [](const auto& x, const auto& y) { return x * y; });
}

PiecewisePolynomial PiecewisePolynomial::operator*(const Rational& scalar) const {
  auto pieces = pieces_;
  for (auto& p : pieces) p = p * scalar;
  return PiecewisePolynomial(breaks_, std::move(pieces));
}

PiecewisePolynomial PiecewisePolynomial::times_polynomial(const RationalPolynomial& p) const {
  auto pieces = pieces_;
  for (auto& piece : pieces) piece = piece * p;
  return PiecewisePolynomial(breaks_, std::move(pieces));
}

PiecewisePolynomial PiecewisePolynomial::derivative() const {
  auto pieces = pieces_;
  for (auto& p : pieces) p = p.derivative();
  return PiecewisePolynomial(breaks_, std::move(pieces));
}

PiecewisePolynomial PiecewisePolynomial::integral_from_lo() const {
  std::vector<RationalPolynomial> pieces;
  Rational accumulated = 0;  // integral from lo to the current piece's left end
  for (std::size_t j = 0; j < pieces_.size(); ++j) {
    RationalPolynomial anti = pieces_[j].antiderivative();
    pieces.push_back(anti + RationalPolynomial::constant(accumulated - anti(breaks_[j])));
    accumulated += anti(breaks_[j + 1]) - anti(breaks_[j]);
  }
  return PiecewisePolynomial(breaks_, std::move(pieces));
}

Rational PiecewisePolynomial::integral() const {
  Rational total = 0;
  for (std::size_t j = 0; j < pieces_.size(); ++j) {
    RationalPolynomial anti = pieces_[j].antiderivative();
    total += anti(breaks_[j + 1]) - anti(breaks_[j]);
  }
  return total;
}

std::optional<std::size_t> PiecewisePolynomial::first_discontinuity() const {
  for (std::size_t j = 1; j < pieces_.size(); ++j)
    if (pieces_[j - 1](breaks_[j]) != pieces_[j](breaks_[j])) return j;
  return std::nullopt;
}

bool PiecewisePolynomial::is_continuous() const { return !first_discontinuity(); }

std::size_t PiecewisePolynomial::piece_index(const Rational& t) const {
  if (t < lo() || t > hi()) throw std::out_of_range("PiecewisePolynomial: point outside the support");
  std::size_t j = 0;
  while (j + 1 < pieces_.size() && t > breaks_[j + 1]) ++j;
  return j;
}

std::size_t PiecewisePolynomial::piece_index(const Algebraic& t) const {
  if (t.is_rational()) return piece_index(t.to_rational());
  if (t < Algebraic(lo()) || t > Algebraic(hi()))
    throw std::out_of_range("PiecewisePolynomial: point outside the support");
  std::size_t j = 0;
  while (j + 1 < pieces_.size() && t > Algebraic(breaks_[j + 1])) ++j;
  return j;
}

Rational PiecewisePolynomial::operator()(const Rational& t) const { return pieces_[piece_index(t)](t); }

Algebraic PiecewisePolynomial::operator()(const Algebraic& t) const { return pieces_[piece_index(t)](t); }

Algebraic PiecewisePolynomial::right_limit(const Algebraic& t) const {
  std::size_t j = piece_index(t);
  if (j + 1 < pieces_.size() && t == Algebraic(breaks_[j + 1])) ++j;  // at a break: the piece to the right
  return pieces_[j](t);
}

namespace {

// A rational strictly between two distinct algebraic numbers a < b.
Rational rational_between(const Algebraic& a, const Algebraic& b) {
  for (long bits = 64;; bits *= 2) {
    Rational probe = (a.isolating_interval(bits).second + b.isolating_interval(bits).first) / 2;
    if (Algebraic(probe) > a && Algebraic(probe) < b) return probe;
  }
}

std::optional<Rational> negative_point_of(const RationalPolynomial& p, const Rational& a, const Rational& b) {
  if (p.is_zero()) return std::nullopt;
  if (p(a) < 0) return a;
  if (p(b) < 0) return b;
  std::vector<Algebraic> cuts{Algebraic(a)};
  for (auto& r : p.real_roots(a, b)) cuts.push_back(r);
  cuts.push_back(Algebraic(b));
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
    Rational probe = rational_between(cuts[c], cuts[c + 1]);
    if (p(probe) < 0) return probe;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Rational> PiecewisePolynomial::negative_point() const {
  for (std::size_t j = 0; j < pieces_.size(); ++j)
    if (auto t = negative_point_of(pieces_[j], breaks_[j], breaks_[j + 1])) return t;
  return std::nullopt;
}

std::optional<std::size_t> PiecewisePolynomial::first_decreasing_piece() const {
  for (std::size_t j = 0; j < pieces_.size(); ++j)
    if (negative_point_of(pieces_[j].derivative(), breaks_[j], breaks_[j + 1])) return j;
  return std::nullopt;
}

}  // namespace mechcheck
