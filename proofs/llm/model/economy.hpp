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
  Rational k;               // maximum demand k_i
  PiecewisePolynomial cdf;  // F_i on [lo, hi]
  std::string cdf_text;     // how the case file wrote it ("uniform", "t^2", ...)
};

// One state omega of aggregate uncertainty (Section 5.1): probability alpha(omega) and the
// common maximum demand k(omega) of every agent (symmetric setup F_i = F, k_i = k(omega)).
struct AggregateState {
  Rational probability;
  Rational k;
};

struct Economy : ModelData {
  Rational lo, hi;
  std::vector<Agent> agents;
  // Explicit holdings r (sum 1, r_i >= 0), or nullopt for "r_star" (Proposition 2's r*).
  std::optional<std::vector<Rational>> holdings;
  // Steps of the evenly spaced type grid lo + j (hi - lo) / type_grid used by grid checks
  // (llm.eq2's misreports); optional `type_grid = N` in the case file.
  unsigned type_grid = 4;
  // Optional `[llm.aggregate] states = [{ probability = "1/2", k = "1" }, ...]` (Section 5.1):
  // the states of aggregate uncertainty; the parser ensures symmetric agents.
  std::optional<std::vector<AggregateState>> aggregate;
  // Optional `endowments = [...]` (Section 4.2): the endowments e before the forward market.
  std::optional<std::vector<Rational>> endowments;
  // Optional `pricing_slopes = [below, above]`: the forward market's pricing function
  // P(y) = hat_theta + below * y (y < 0), hat_theta + above * y (y >= 0); ["0", "0"] is
  // uniform pricing. Without it the llm.prop3_4 / llm.prop5_6 checkers construct P.
  std::optional<std::pair<Rational, Rational>> pricing_slopes;
  // Optional `[llm.surplus_grid]`: the type profiles at which llm.prop1 reports the budget
  // surplus Pi(theta, r) of eq. (2), exactly, numbered from 1 in this order. Written either as
  // `profiles = [[theta_1, ..., theta_n], ...]` or as `types = [[agent 1's types], ...,
  // [agent n's types]]`, whose product (agent 1's type varying slowest) the parser lists here.
  std::vector<std::vector<Rational>> surplus_profiles;
  // Optional `[llm.fig1]`: the sweep of llm.fig1 (Figure 1, Section 5.3). k_1 takes the values
  // from + j (to - from) / steps, j = 1..steps, of `k1_range = [from, to]` (default (0, k_2]);
  // the first crossing of the two revenue curves on that grid is bisected on exact signs until
  // its bracket is at most `crossing_width` wide (default: the grid's step / 2^40).
  struct Figure1Sweep {
    std::optional<std::pair<Rational, Rational>> k1_range;
    unsigned steps = 60;
    std::optional<Rational> crossing_width;
  };
  Figure1Sweep figure1;

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
