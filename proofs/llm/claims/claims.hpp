#pragma once
// Checkers of the llm claims (Liu, Loertscher & Marx 2020).
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"
#include "llm/claims/common.hpp"
#include "llm/model/spot_market.hpp"

namespace mechcheck::proofs {

// The quantities and judging steps of the llm checkers, exposed so tests can feed them the output
// of a seeded bug and see the checker catch it. A step given a Check records there what it
// reports (values, witness, counts) and the number kinds that decided it.

// llm.lemma1's quantity for agent i: the minimum of the net interim payoff u_i over [lo, hi]
// with VCG transfers built on `hat`, and the least type attaining it. The two formulas of u_i
// (welfare differences, eq. (10)) are compared at every point evaluated: a disagreement is a
// defect of this program (std::logic_error).
struct NetPayoffMinimum {
  Algebraic value, first_minimizer;
  long long points = 0;  // types evaluated
};
NetPayoffMinimum net_payoff_minimum(const llm::Economy& e, std::size_t i, const Algebraic& m, const Algebraic& hat);
// llm.lemma1's conclusion for agent i: the minimum is 0 and first attained at `hat`. Records
// min_net_payoff_i (and the witness on failure); the failure in words, or nullopt.
std::optional<std::string> worst_off_type_failure(std::size_t i, const Algebraic& hat, const NetPayoffMinimum& minimum,
                                                  Check& check);

// llm.eq2's ex post part on a type grid: the transfers sum to eq. (2) at every profile and
// no agent gains by any misreport on the grid. `transfer(theta, ranking, i)` is T_{r,i}.
// Records the witness of the first failure, or the numbers of profiles and misreports.
using TransferRule = std::function<Algebraic(const std::vector<Algebraic>&, const llm::Ranking&, std::size_t)>;
llm_detail::Judgement judge_transfers(const llm::VertexGrid& grid, const TransferRule& transfer, Check& check);

// Figure 1 (Section 5.3): expected revenue at r* and at (1, 0, ..., 0) as agent 1's k varies over
// the sweep of the case's [llm.fig1] (Economy::figure1; by default (0, k_2] in 60 equal steps),
// exactly; the first crossing of the curves bracketed by bisection on exact signs to the requested
// width, and where it can be had, the crossing itself as an exact algebraic number.
struct Figure1 {
  struct Point {
    Rational k1;
    Algebraic interior;  // expected surplus at r*
    Algebraic cornered;  // expected surplus at (1, 0, ..., 0)
  };
  Rational k1_from, k1_to;  // the sweep is k1_from + j (k1_to - k1_from) / steps, j = 1..steps
  Rational crossing_width;  // the widest bracket asked for
  std::vector<Point> points;
  std::optional<std::pair<Rational, Rational>> crossing;  // an interval containing a crossing
  long long bisections = 0;                               // exact evaluations to narrow it
  std::optional<Algebraic> crossing_exact;                // the crossing in that interval, exactly
  std::string crossing_not_exact;                         // why not, when there is an interval but no value
};
Figure1 compute_figure1(const llm::Economy& base, const std::function<void(double)>& progress = {});
// Writes DIR/figure1.csv and DIR/figure1.svg.
void write_figure1(const Figure1& figure, const std::string& directory);

// Pi(theta, r) of eq. (2) at every point of the vertex grid, exactly (llm.prop1's reduction of
// the type cube to a finite grid); refuses a grid above the context's enumeration limit.
llm::GridScan<Algebraic> scan_surplus(const llm::VertexGrid& grid, const CheckContext& context);
// Pi(theta, r) at every profile of the case's [llm.surplus_grid] (Economy::surplus_profiles), in
// their order, exactly: the sum of the VCG transfers T_{r,i} of Section 3, which must equal eq. (2)
// (std::logic_error otherwise). Refuses more profiles than the context's enumeration limit.
std::vector<Algebraic> surplus_at_profiles(const llm::Economy& e, const std::vector<Algebraic>& r,
                                           const CheckContext& context);
// "(theta_1, ..., theta_n)" with exact rationals: the text of a reported profile_j.
std::string profile_text(const std::vector<Rational>& theta);
// Records surplus_at_profile_j (exact) and profile_j (the profile as text) for j = 1, 2, ...,
// and the stat surplus_profiles; nothing when the case names no profiles.
void report_surplus_profiles(const llm::Economy& e, const std::vector<Algebraic>& r, Check& check);
// A point of the grid where the scan's minimum is attained.
std::vector<Algebraic> surplus_minimizer(const llm::VertexGrid& grid, const llm::GridScan<Algebraic>& scan);
// The scan's minimum in words: where it is attained when Pi >= 0 everywhere, else where Pi < 0.
std::string surplus_minimum_text(const llm::VertexGrid& grid, const llm::GridScan<Algebraic>& scan);
// Records the scan's counts and its minimum min_surplus.
void record_surplus_scan(const llm::VertexGrid& grid, const llm::GridScan<Algebraic>& scan, Check& check);
// llm.prop1's conclusion on a scanned vertex grid: holds iff Pi >= 0 at every grid point.
Outcome judge_surplus_nonnegative(const llm::VertexGrid& grid, const llm::GridScan<Algebraic>& scan, Check& check);

// llm.prop2's conclusion: r is feasible, sums to 1 and gives every agent the worst-off type
// hat (Lemma 1's formula on q). Returns the failures in words (empty when it holds).
std::vector<std::string> r_star_failures(const llm::Economy& e, const std::vector<PiecewisePolynomial>& q,
                                         const Algebraic& hat, const std::vector<Algebraic>& r);

// llm.lemma2's conclusion: the two computations of Pi_r agree exactly.
Outcome judge_expected_surplus(const Algebraic& by_eq11, const Algebraic& by_integration, Check& check);

}  // namespace mechcheck::proofs
