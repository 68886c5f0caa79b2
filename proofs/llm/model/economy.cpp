#include "llm/model/economy.hpp"

namespace mechcheck::llm {

std::vector<Rational> Economy::max_demands() const {
  std::vector<Rational> k;
  for (const auto& a : agents) k.push_back(a.k);
  return k;
}

PiecewisePolynomial uniform_cdf(const Rational& lo, const Rational& hi) { return power_cdf(lo, hi, 1); }

PiecewisePolynomial power_cdf(const Rational& lo, const Rational& hi, unsigned a) {
  // u(t) = (t - lo)/(hi - lo); F = u^a.
  RationalPolynomial u({-lo / (hi - lo), Rational(1) / (hi - lo)});
  RationalPolynomial f = RationalPolynomial::constant(1);
  for (unsigned i = 0; i < a; ++i) f = f * u;
  return PiecewisePolynomial({lo, hi}, {f});
}

PiecewisePolynomial histogram_cdf(const Rational& lo, const Rational& hi, const std::vector<Rational>& masses) {
  const Rational width = (hi - lo) / Rational(static_cast<long>(masses.size()));
  std::vector<Rational> breaks{lo};
  std::vector<RationalPolynomial> pieces;
  Rational cumulative = 0;
  for (std::size_t j = 0; j < masses.size(); ++j) {
    Rational left = lo + width * Rational(static_cast<long>(j));
    // F(t) = cumulative + mass * (t - left) / width on [left, left + width].
    Rational slope = masses[j] / width;
    pieces.emplace_back(std::vector<Rational>{cumulative - slope * left, slope});
    cumulative += masses[j];
    breaks.push_back(left + width);
  }
  breaks.back() = hi;
  return PiecewisePolynomial(breaks, pieces);
}

std::optional<std::string> cdf_rule_broken(const PiecewisePolynomial& cdf, const Rational& lo, const Rational& hi) {
  if (cdf.lo() != lo || cdf.hi() != hi)
    return "the CDF's pieces must cover the support [" + to_string(lo) + ", " + to_string(hi) + "] exactly";
  if (cdf(lo) != 0) return "a CDF must be 0 at the lower end of the support, but F(lo) = " + to_string(cdf(lo));
  if (cdf(hi) != 1) return "a CDF must be 1 at the upper end of the support, but F(hi) = " + to_string(cdf(hi));
  if (auto j = cdf.first_discontinuity())
    return "the CDF must be continuous (types have a density), but it jumps at t = " + to_string(cdf.breaks()[*j]);
  if (auto j = cdf.first_decreasing_piece())
    return "the CDF must be nondecreasing on its support, but it decreases on [" + to_string(cdf.breaks()[*j]) + ", " +
           to_string(cdf.breaks()[*j + 1]) + "]";
  return std::nullopt;
}

}  // namespace mechcheck::llm
