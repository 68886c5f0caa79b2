#pragma once
// Checkers of the llm claims (Liu, Loertscher & Marx 2020).
#include "mechcheck/claims/claim.hpp"
#include "llm/model/spot_market.hpp"

namespace mechcheck::proofs {

// The judging steps of the llm checkers, exposed so tests can feed them the output of a
// seeded bug and see the checker catch it.

// llm.lemma1's conclusion for agent i: with VCG transfers built on `hat`, the net interim
// payoff is >= 0 on [lo, hi] and first 0 at `hat`; the failure in words otherwise. Adds the
// values it computed (and a witness on failure) to `out`, counting the points evaluated.
std::optional<std::string> worst_off_type_failure(const llm::Economy& e, std::size_t i, const Algebraic& m,
                                                  const Algebraic& hat, Outcome& out, long long& points);

// llm.eq2's ex post part on a type grid: the transfers sum to eq. (2) at every profile and
// no agent gains by any misreport on the grid. `transfer(theta, ranking, i)` is T_{r,i}.
using TransferRule = std::function<Algebraic(const std::vector<Algebraic>&, const llm::Ranking&, std::size_t)>;
Outcome judge_transfers(const llm::VertexGrid& grid, const TransferRule& transfer, const CheckContext& context);

// Figure 1 (Section 5.3): expected revenue at r* and at (1, 0, ..., 0) as agent 1's k varies
// over (0, k_2] in `steps` equal steps, exactly; the crossing of the curves isolated by
// bisection on exact signs.
struct Figure1 {
  struct Point {
    Rational k1;
    Algebraic interior;  // expected surplus at r*
    Algebraic cornered;  // expected surplus at (1, 0, ..., 0)
  };
  Rational k1_max;
  std::vector<Point> points;
  std::optional<std::pair<Rational, Rational>> crossing;  // an interval containing a crossing
};
Figure1 compute_figure1(const llm::Economy& base, unsigned steps, const std::function<void(double)>& progress = {});
// Writes DIR/figure1.csv and DIR/figure1.svg.
void write_figure1(const Figure1& figure, const std::string& directory);

// llm.prop1's conclusion on a vertex grid: holds iff Pi >= 0 at every grid point.
Outcome judge_surplus_nonnegative(const llm::VertexGrid& grid, const CheckContext& context);

// llm.prop2's conclusion: r is feasible, sums to 1 and gives every agent the worst-off type
// hat (Lemma 1's formula on q). Returns the failures in words (empty when it holds).
std::vector<std::string> r_star_failures(const llm::Economy& e, const std::vector<PiecewisePolynomial>& q,
                                         const Algebraic& hat, const std::vector<Algebraic>& r);

// llm.lemma2's conclusion: the two computations of Pi_r agree exactly.
Outcome judge_expected_surplus(const Algebraic& by_eq11, const Algebraic& by_integration);

}  // namespace mechcheck::proofs
