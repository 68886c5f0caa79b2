#pragma once
// The llm model (Liu, Loertscher & Marx 2020, Section 2): n agents, a unit supply, maximum
// demands k_i in (0, 1] with sum above 1, independent types on [lo, hi] with CDFs F_i given
// as piecewise polynomials with rational coefficients, and the holdings r from the forward
// market (explicit, or r* of Proposition 2).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/poly/piecewise.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::llm {

struct Agent {
  Rational k;                 // maximum demand k_i
  PiecewisePolynomial cdf;    // F_i on [lo, hi]
  std::string cdf_text;       // how the case file wrote it ("uniform", "t^2", ...)
};

struct Economy : ModelData {
  Rational lo, hi;
  std::vector<Agent> agents;
  // Explicit holdings r (sum 1, r_i >= 0), or nullopt for "r_star" (Proposition 2's r*).
  std::optional<std::vector<Rational>> holdings;
  // Steps of the evenly spaced type grid lo + j (hi - lo) / type_grid used by grid checks
  // (llm.eq2's misreports); optional `type_grid = N` in the case file.
  unsigned type_grid = 4;

  std::size_t size() const { return agents.size(); }
  std::vector<Rational> max_demands() const;
};

// Builders used by the parser, the tests and the probe generators.
PiecewisePolynomial uniform_cdf(const Rational& lo, const Rational& hi);
// ((t - lo)/(hi - lo))^a.
PiecewisePolynomial power_cdf(const Rational& lo, const Rational& hi, unsigned a);
// Equal-width bins with the given masses (sum 1): a piecewise linear CDF.
PiecewisePolynomial histogram_cdf(const Rational& lo, const Rational& hi, const std::vector<Rational>& masses);

// Checks the model's rules; returns the first broken one in words, or nullopt.
// (The parser reports the same rules with file, line and column.)
std::optional<std::string> cdf_rule_broken(const PiecewisePolynomial& cdf, const Rational& lo, const Rational& hi);

// Parses the [llm] table of a case file.
std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);

}  // namespace mechcheck::llm
