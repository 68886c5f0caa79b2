#pragma once
// The spot market of Liu, Loertscher & Marx (2020), Sections 2-3: the efficient allocation
// Q, welfare W, interim allocations q_i, worst-off types (Lemma 1), the VCG budget surplus
// Pi (eq. 2), r* (Proposition 2) and the expected surplus (eq. 11 and, independently, by
// integrating Pi). Formulas that take numbers are generic over the number kind and
// explicitly instantiated (spot_market_kinds.cpp) for Rational, Algebraic, double, Mpfr
// and Interval.
#include "llm/model/economy.hpp"
#include "mechcheck/number/algebraic.hpp"

#include <functional>
#include <vector>

namespace mechcheck::llm {

// A ranking of a type profile: rank[i] > rank[j] iff theta_i > theta_j, equal ranks for
// equal types, and sign(rank[i]) = sign(theta_i). Efficient allocations depend on the types
// only through it, so a ranking decided once exactly serves every number kind.
using Ranking = std::vector<long>;

// Ranks values by comparisons in T (exact for Rational/Algebraic; an interval that cannot
// be ordered throws Undecidable).
template <class T>
Ranking rank_values(const std::vector<T>& values);

// Q(theta): the greedy efficient allocation (Section 2). Agents in decreasing order of type
// get min(k_i, what is left) of the unit supply; agents with nonpositive type get nothing.
// Ties: equal types are served in increasing index order. The welfare W does not depend on
// that choice (tied agents have the same marginal value), and q_i is unaffected because
// ties have probability 0 under continuous F_i.
std::vector<Rational> efficient_allocation(const Ranking& rank, const std::vector<Rational>& k);

// W(theta) = sum_i theta_i Q_i(theta).
template <class T>
T welfare(const std::vector<T>& theta, const Ranking& rank, const std::vector<Rational>& k);

// Pi(theta, r), eq. (2): sum_i W(hat_i, theta_-i) - (n-1) W(theta) - sum_i min(r_i,k_i) hat_i.
// `hat` are the worst-off types, ranked on the same scale as theta (`hat_rank`), and
// `outside` are the quantities min(r_i, k_i).
template <class T>
T budget_surplus(const std::vector<T>& theta, const Ranking& theta_rank, const std::vector<T>& hat,
                 const Ranking& hat_rank, const std::vector<Rational>& k, const std::vector<T>& outside);

// The sum over the subsets S of the agents in `among` of
//   P(exactly the agents of S have types above p) * payoff(sum_{j in S} k_j),
// as a piecewise polynomial in p on [lo, hi]. The one place where the independence of the
// types enters.
PiecewisePolynomial expectation_over_who_is_above(const Economy& e, const std::vector<std::size_t>& among,
                                                  const std::function<Rational(const Rational&)>& payoff);
// The same sum, subset by subset (2^m terms, m <= 20): the reference that tests compare the
// class-by-class sum of expectation_over_who_is_above with (identically distributed agents with
// equal k_j are counted, not enumerated).
PiecewisePolynomial expectation_over_who_is_above_by_subsets(const Economy& e, const std::vector<std::size_t>& among,
                                                             const std::function<Rational(const Rational&)>& payoff);

// q_i(t) = E[Q_i(t, theta_-i)] (Section 3): agent i with type t >= 0 gets
// min(k_i, max(0, 1 - sum of k_j over the agents above t)); nothing when t < 0.
PiecewisePolynomial interim_allocation(const Economy& e, std::size_t i);
std::vector<PiecewisePolynomial> interim_allocations(const Economy& e);

// A rational strictly between the algebraic numbers x < y (std::invalid_argument otherwise).
Rational rational_strictly_between(const Algebraic& x, const Algebraic& y);
// Whether p is strictly increasing on [a, b], decided exactly: p' (rational coefficients) has
// finitely many roots there and is positive between them. (p' >= 0 with isolated zeros makes p
// strictly increasing.)
bool strictly_increasing(const RationalPolynomial& p, const Rational& a, const Rational& b);

// Lemma 1's formula: min { t in [lo, hi] : q_i(t) >= level }, exactly (level may be an
// irrational algebraic number, e.g. r*_i). Precondition: level <= q_i(hi). `candidates` are
// tried first (each verified exactly; none is assumed): a hint, e.g. another agent's worst-off type.
Algebraic worst_off_type(const PiecewisePolynomial& q_i, const Algebraic& level,
                         const std::vector<Algebraic>& candidates = {});

// The common worst-off type of Proposition 2: the root of sum_i q_i(t) = 1 in (lo, hi) (eq. 8).
// Throws when that root is not unique (the checker of llm.prop2 counts roots itself).
Algebraic common_worst_off_type(const Economy& e);
// r* = (q_1(hat_theta), ..., q_n(hat_theta)).
std::vector<Algebraic> r_star(const Economy& e);
// The holdings of the case: explicit r, or r* when the case says "r_star".
std::vector<Algebraic> holdings(const Economy& e);

// Expected budget surplus Pi_r = E[Pi(theta, r)], two independent ways:
// (a) eq. (11) (Appendix A.8): E[sum_i (q_i(theta_i) theta_i - int_lo^theta_i q_i)] +
//     sum_i (int_lo^hat_i q_i - hat_i min(r_i, k_i));
// (b) integrating eq. (2) over the type cube, with E[W] computed by the layer-cake formula
//     W(theta) = int_0^inf min(1, sum_{j: theta_j > p} k_j) dp (no use of q_i).
Algebraic expected_surplus_eq11(const Economy& e, const std::vector<Algebraic>& r);
Algebraic expected_surplus_by_integration(const Economy& e, const std::vector<Algebraic>& r);
// E[W(theta)] and E[W(t, theta_-i)] by the layer-cake formula.
Algebraic expected_welfare(const Economy& e);
Algebraic expected_welfare_with_type(const Economy& e, std::size_t i, const Algebraic& t);

// Interim payoff of agent i with type t, net of its outside option (eq. 1), two ways:
// (a) from the VCG transfers of Section 3, T_{r,i} = Q_i theta_i - W(theta) + W(hat_i, theta_-i)
//     - min(r_i,k_i) hat_i: u = E[W(t, theta_-i)] - E[W(hat_i, theta_-i)] - m (t - hat_i), with E[W]
//     by the layer-cake formula (no use of q_i);
// (b) payoff equivalence, eq. (10): u = int_{hat_i}^t q_i(x) dx - m (t - hat_i).
// Here m = min(r_i, k_i) and hat_i the worst-off type the transfers are built on.
Algebraic interim_payoff_vcg(const Economy& e, std::size_t i, const Algebraic& m, const Algebraic& hat,
                             const Algebraic& t);
Algebraic interim_payoff_envelope(const PiecewisePolynomial& q_i, const Algebraic& m, const Algebraic& hat,
                                  const Algebraic& t);

// min(r_i, k_i), the quantity valued by the outside option.
std::vector<Algebraic> outside_quantities(const Economy& e, const std::vector<Algebraic>& r);
// Lemma 1's worst-off types hat_theta_i(r_i) for all agents.
std::vector<Algebraic> worst_off_types(const Economy& e, const std::vector<Algebraic>& r);

}  // namespace mechcheck::llm

namespace mechcheck::llm {

// The vertex reduction behind llm.prop1 / llm.necessity. Pi(., r) is linear on every cell of
// the arrangement cut by theta_i = theta_j, theta_i = hat_j and theta_i = 0 (W depends on
// theta only through the ranking), so its minimum over [lo, hi]^n is attained at a point
// whose coordinates all lie in the set of constants {lo, hat_1, ..., hat_n, 0 (if lo < 0), hi}.
struct VertexGrid {
  std::vector<Algebraic> constants;    // sorted increasing, distinct
  Ranking constant_rank;               // their ranking (sign-aware)
  std::vector<std::size_t> hat_index;  // hat_i = constants[hat_index[i]]
  std::vector<Rational> k;
  std::vector<Algebraic> outside;  // min(r_i, k_i)
  std::size_t dimension = 0;       // n
  unsigned long long point_count() const;
};
// `extra` adds further grid values (e.g. an evenly spaced type grid for llm.eq2).
VertexGrid vertex_grid(const Economy& e, const std::vector<Algebraic>& r, const std::vector<Rational>& extra = {});

// Pi on every grid point, in the number kind T. Signs are decided in T; an interval that
// cannot decide one counts as undecided.
template <class T>
struct GridScan {
  unsigned long long negative = 0, zero = 0, positive = 0, undecided = 0;
  std::optional<T> minimum;         // smallest value found (decided comparisons only)
  std::vector<std::size_t> argmin;  // grid indices of a minimizing point
};
template <class T>
GridScan<T> scan_vertex_grid(const VertexGrid& grid, const std::function<void(double)>& progress = {});

// The VCG transfer of agent i to the mechanism (Section 3):
// T_{r,i}(theta) = Q_i(theta) theta_i - W(theta) + W(hat_i, theta_-i) - min(r_i, k_i) hat_i.
template <class T>
T vcg_transfer(const std::vector<T>& theta, const Ranking& theta_rank, std::size_t i, const T& hat_i, long hat_rank_i,
               const std::vector<Rational>& k, const T& outside_i);

// Pi(theta, r) at one grid point, exactly.
Algebraic budget_surplus_at(const VertexGrid& grid, const std::vector<std::size_t>& point);

}  // namespace mechcheck::llm
