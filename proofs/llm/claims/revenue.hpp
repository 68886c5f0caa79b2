#pragma once
// Spot-market revenue as a function of the holdings r (Liu, Loertscher & Marx 2020, Section 5.3,
// Appendix A.8-A.9): the pieces of llm.prop9 and llm.prop10, exposed so tests can check exact
// values and feed the judges the output of seeded bugs.
//
// Eq. (11) splits by agent: Pi_r = C + sum_i phi_i(r_i), where C (the first component of (11))
// does not depend on r and
//   phi_i(x) = int_lo^{h} q_i - h m,   m = min(x, k_i),   h = hat_theta_i(x) = min{t : q_i(t) >= m}
// (Lemma 1). Because q_i is nondecreasing, h minimizes the convex function t -> int_lo^t q_i - t m,
// so phi_i(x) = min_t (int_lo^t q_i - t x) on [0, k_i]: phi_i is concave there with supergradient
// -hat_theta_i(x) (the envelope argument behind the KKT conditions of A.8). Beyond k_i it is flat.
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"
#include "llm/model/spot_market.hpp"
#include "mechcheck/claims/interval_value.hpp"
#include "mechcheck/number/kind_interval.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs::revenue {

// Eq. (11), agent by agent.
class SurplusTerms {
 public:
  explicit SurplusTerms(const llm::Economy& e);

  std::size_t size() const { return k_.size(); }
  const Rational& lo() const { return lo_; }
  const Rational& hi() const { return hi_; }
  const std::vector<Rational>& k() const { return k_; }
  const PiecewisePolynomial& q(std::size_t i) const { return q_[i]; }
  const std::vector<PiecewisePolynomial>& q() const { return q_; }
  // C = E[sum_i (q_i(theta_i) theta_i - int_lo^theta_i q_i)], the first component of (11).
  const Rational& exogenous() const { return exogenous_; }

  // int_lo^t q_i, as a function of t.
  const PiecewisePolynomial& q_integral(std::size_t i) const { return q_integral_[i]; }

  // hat_theta_i(x) = min{t : q_i(t) >= min(x, k_i)} (Lemma 1), x >= 0. With a `hint`, the hint is
  // verified to be that minimum first (q_i(hint+) >= m, and q_i < m just left of hint), which
  // avoids solving q_i(t) = m when m lies in a number field of high degree (m = r*_i); the
  // equation is solved when the hint fails.
  Algebraic worst_off(std::size_t i, const Algebraic& x, const std::optional<Algebraic>& hint = std::nullopt) const;
  // phi_i(x), exactly. x >= 0. With a verified hint h, evaluated as the polynomial
  // int_lo^t q_i - t q_i(t) at t = h when min(x, k_i) = q_i(h+) (one evaluation in Q(h)).
  Algebraic term(std::size_t i, const Algebraic& x, const std::optional<Algebraic>& hint = std::nullopt) const;
  // phi_i(x) enclosed: hat_theta_i(x) exactly, the rest in interval arithmetic.
  Interval term_enclosure(std::size_t i, const Algebraic& x) const;
  // The summands C, phi_1(r_1), ..., phi_n(r_n) of Pi_r.
  std::vector<Algebraic> summands(const std::vector<Algebraic>& r,
                                  const std::optional<Algebraic>& hint = std::nullopt) const;
  // Pi_r = C + sum_i phi_i(r_i), exactly (a sum across number fields: may be costly).
  Algebraic surplus(const std::vector<Algebraic>& r) const;
  // C + sum_i int_lo^h q_i - h: Pi_r for holdings whose worst-off types all equal h and with
  // sum_i min(r_i, k_i) = 1 (r* of Proposition 2), as one polynomial evaluated at h.
  Algebraic surplus_at_common_worst_off(const Algebraic& h) const;

 private:
  Rational lo_, hi_, exogenous_;
  std::vector<Rational> k_;
  std::vector<PiecewisePolynomial> q_, q_integral_;
};

// ---- exact sums across number fields ----------------------------------------------------

// The sign of sum(a) - sum(b), exactly: rational summands are added apart, equal summands on
// both sides cancel, and only the rest is added in algebraic arithmetic.
int compare_sums(std::vector<Algebraic> a, std::vector<Algebraic> b);
// The sum, exactly, unless adding a summand would build a defining polynomial of degree above
// `max_degree` (the product of the partial sum's and the summand's degrees) or the sum has degree
// above 16 (too costly to report): then nullopt.
std::optional<Algebraic> affordable_sum(const std::vector<Algebraic>& summands, int max_degree = 64);
// Certified enclosure of a sum.
Interval enclosure_of_sum(const std::vector<Algebraic>& summands);
// A reported value: exact when known, else the certified enclosure (kind "interval").
Value exact_or_enclosure(const std::string& name, const std::optional<Algebraic>& exact, const Interval& enclosure);

// Eq. (11) by agent against eq. (2) integrated over the types (expected_surplus_by_integration)
// at each of the holdings where the exact sums are affordable (worst-off types of small degree);
// throws std::logic_error on a mismatch. Returns how many holdings were compared.
int cross_check_surplus(const llm::Economy& e, const SurplusTerms& terms,
                        const std::vector<std::vector<Algebraic>>& at);

// ---- holdings grids -------------------------------------------------------------------

// The grid point r = (j_1, ..., j_n) / N of the simplex (integers j_i >= 0 summing to N).
using GridPoint = std::vector<unsigned>;
// C(N + n - 1, n - 1), saturating.
unsigned long long simplex_grid_size(std::size_t n, unsigned steps);
std::vector<GridPoint> simplex_grid(std::size_t n, unsigned steps);
std::vector<Rational> grid_holdings(const GridPoint& p, unsigned steps);
// r in Delta(k) (Appendix A.8): r_i <= k_i for all i (on the simplex the lower bounds
// max{0, 1 - sum_{j != i} k_j} <= r_i then hold automatically).
bool within_demands(const std::vector<Rational>& r, const std::vector<Rational>& k);
// The grid step the checkers use: the largest N <= 60 with at most 2000 simplex points and at
// most 200 one-dimensional values n (N + 1), preferring multiples of the denominators of the k_i.
unsigned default_steps(const llm::Economy& e);

// phi_i(j / N) for every agent i and j = 0..N, exactly and as certified enclosures, so that
// Pi on the simplex grid is a sum of table entries.
class GridTable {
 public:
  GridTable(const SurplusTerms& terms, unsigned steps, const std::function<void(double)>& progress = {});
  unsigned steps() const { return steps_; }
  const Algebraic& term(std::size_t i, unsigned j) const { return exact_[i][j]; }
  const Interval& term_enclosure(std::size_t i, unsigned j) const { return enclosure_[i][j]; }
  std::vector<Algebraic> summands(const GridPoint& p) const;  // C, phi_1(p_1/N), ..., phi_n(p_n/N)
  Interval enclosure(const GridPoint& p) const;               // Pi at the grid point, certified

 private:
  unsigned steps_;
  Algebraic exogenous_;
  Interval exogenous_enclosure_;
  std::vector<std::vector<Algebraic>> exact_;
  std::vector<std::vector<Interval>> enclosure_;
};

// Certified three-way comparison: decided on the enclosures when they separate, else by
// `exact_sign` (called only then, and counted).
class CertifiedComparer {
 public:
  int compare(const Interval& a, const Interval& b, const std::function<int()>& exact_sign);
  // Records in `check` the number kinds that decided the comparisons so far: Interval where the
  // enclosures separated, Algebraic where the exact sign decided. Called where those comparisons
  // decide a verdict.
  void record_decisions(Check& check) const;
  long long exact_fallbacks = 0;
  long long comparisons = 0;
};

// The maximum of Pi over some grid points, and every point attaining it (ties decided exactly).
struct GridMaximum {
  std::vector<std::size_t> argmax;  // indices into the points given
  std::vector<Algebraic> summands;  // of Pi at the first maximizer
  Interval enclosure;
  std::optional<Algebraic> value;  // exact when affordable
};
GridMaximum grid_maximum(const GridTable& table, const std::vector<GridPoint>& points, CertifiedComparer& comparer);

// ---- llm.prop9 ----------------------------------------------------------------------

// The verdict of Proposition 9 for a candidate maximizer r (the checker's r*) with multiplier mu
// (the paper's Lagrangian L = sum phi_i + mu (sum r_i - 1) + ..., so stationarity reads
// hat_theta_i(r_i) = mu + lambda^o_i - lambda^N_i; at r* all lambdas are 0 and mu = hat_theta):
//  (c) primal feasibility: r_i >= 0, sum r_i = 1, and r in Delta(k) when `restricted`;
//  (a) stationarity: hat_theta_i(r_i) = mu for every i;
//  envelope: for each step d in `deltas`, with a < r_i < b the nearest multiples of d on either
//      side (rational, so hat_theta_i(a), hat_theta_i(b) are roots of low degree), the one-sided
//      difference quotients bracket -mu (the derivative of phi_i is -hat_theta_i, phi_i concave):
//      (phi_i(b) - phi_i(r_i)) / (b - r_i) <= -mu <= (phi_i(r_i) - phi_i(a)) / (r_i - a)
//      (sides leaving [0, k_i] are skipped);
//  Lagrangian: r_i maximizes phi_i(x) + mu x over the one-dimensional grid x = j / N in [0, k_i]
//      (the sufficiency half of KKT; without the restriction, over [0, 1], only reported: phi_i
//      is flat beyond k_i and the condition is no longer necessary);
//  grid: the maximum `best` of Pi over the points of `grid` (grid_maximum, with the same comparer),
//      nor any holdings of `extra`, is not above Pi at r.
// Holds when all of them do; refuted when some holdings beat r (the best of them is the
// witness); inconclusive when a KKT step fails but no holdings beat r. Records its values,
// witness and statistics in `check` (a candidate off the simplex is a defect upstream:
// std::logic_error).
Outcome judge_interior_optimum(const SurplusTerms& terms, const std::vector<Algebraic>& r, const Algebraic& mu,
                               const GridTable& table, const std::vector<GridPoint>& grid, const GridMaximum& best,
                               const std::vector<std::vector<Rational>>& extra, bool restricted,
                               CertifiedComparer& comparer, Check& check,
                               const std::vector<Rational>& deltas = {Rational(1, 100), Rational(1, 10000)});

// ---- llm.prop10 ---------------------------------------------------------------------

// int_lo^hi (k_i - q_i(x)) dx for every i, exactly (rational), and the argmin set (i*).
std::vector<Rational> integrated_demand_gaps(const SurplusTerms& terms);
std::vector<std::size_t> argmin_indices(const std::vector<Rational>& values);

// Lemma A.1 (and (15)) for every agent i: q_i(lo) = max{0, 1 - sum_{j != i} k_j} < k_i and
// 1 - sum_{j != i} q_j(lo) > k_i. The failures in words (empty when it holds).
std::vector<std::string> lemma_a1_failures(const SurplusTerms& terms);

// The upper bound of Proposition 10's form for agent j: max{0, 1 - sum_{l != j} k_l}.
Rational form_bound(const std::vector<Rational>& k, std::size_t j);
// Does r have Proposition 10's form with the cornering agent c: r_j in [0, form_bound(j)] for
// every j != c (r_c = 1 - sum of the others holds on the simplex)?
bool has_stated_form(const std::vector<Rational>& r, const std::vector<Rational>& k, std::size_t c);

// Holdings of the simplex outside Delta(k): some r_i > k_i (the reading of "boundary solution").
bool is_boundary(const std::vector<Rational>& r, const std::vector<Rational>& k);

// The verdict of Proposition 10's conclusion on the grid: every maximizer of Pi among the grid
// points `boundary` (all outside Delta(k)) has the stated form with some i in `i_star`. Refuted
// with a maximizer not of the form as the witness. Lemma A.1 (a step of the proof) is reported
// in the values, not judged: it fails (with equality) for every agent when n = 2 and for an
// agent with k_i = 1; it holds for n >= 3 and k_i < 1. Records its values, witness and the
// comparer's statistics in `check`.
Outcome judge_boundary_form(const SurplusTerms& terms, const std::vector<std::size_t>& i_star, const GridTable& table,
                            const std::vector<GridPoint>& boundary, CertifiedComparer& comparer, Check& check);

}  // namespace mechcheck::proofs::revenue
