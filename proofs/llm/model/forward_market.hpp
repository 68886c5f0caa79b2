#pragma once
// The centralized forward market of Liu, Loertscher & Marx (2020), Section 4.2, and its
// aggregate-uncertainty version (Section 5.1): an agent's spot-market value pi_i(x) of a
// holding x, the worst-off type hat_i(x) as a function of the holding (pi_i' = hat_i), the
// pricing functions P (here: kinked lines through (0, P(0)) with rational slopes), the
// exact decision of single-crossing and of membership in the family of Proposition 4, the
// forward-market payoff (3), the budget and the ex ante participation constraint (9).
// Everything is exact (Rational / Algebraic).
#include "llm/model/spot_market.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::llm {

// The economy with every k_i replaced by the common k (and no aggregate states).
Economy with_common_demand(const Economy& e, const Rational& k);
// One economy per state of [llm.aggregate] (k_i = k(omega)); empty without the table.
std::vector<Economy> state_economies(const Economy& e);

// Agent i's side of the spot market, computed once.
struct SpotValue {
  PiecewisePolynomial q;            // q_i
  PiecewisePolynomial q_integral;   // int_lo^t q_i
  PiecewisePolynomial fq_integral;  // int_lo^t F_i q_i
  Rational tail;                    // int_lo^hi (1 - F_i) q_i
  Rational k, lo, hi;
  Rational mean_type;  // E[theta_i] = hi - int_lo^hi F_i
};
SpotValue spot_value(const Economy& e, std::size_t i);

// hat_i(x): Lemma 1's worst-off type min{t : q_i(t) >= x} at holding x, with x clamped to
// [0, k_i] (a holding above k_i is worth what k_i is worth: the outside option is min(r_i, k_i)).
Algebraic worst_off_type_at(const SpotValue& v, const Algebraic& x);
// pi_i(x) = x hat - int_lo^hat F q + int_hat^hi (1 - F) q, hat = hat_i(x) (Section 4.2), with x
// clamped to [0, k_i].
Algebraic spot_payoff(const SpotValue& v, const Algebraic& x);

// P(y) = p0 + below * y for y < 0 and p0 + above * y for y >= 0. Slopes are Algebraic so that
// a budget-adjusted P' can be represented; the exact single-crossing decision needs rational ones.
struct KinkedPricing {
  Algebraic p0, below, above;
  Algebraic operator()(const Algebraic& y) const;
  // int_a^b P(y) dy.
  Algebraic integral(const Algebraic& a, const Algebraic& b) const;
};

// The exact decision behind single-crossing and the family P, for one agent and one side of
// the kink, in type space: with r = q_i(hat_theta) and P(y) = hat_theta + s y,
//   left  (x in [x_from, r)):  hat_i(x) >= P(x - r)   (strict: >)
//   right (x in (r, x_to]):    hat_i(x) <  P(x - r)
// Every x > q_i(lo) is x = q_i(hat_i(x)), so the left condition reads s q_i(t) - t <= s r - hat_theta
// on t in [hat_i(x_from), hat_theta] and the right one s q_i(t) - t > s r - hat_theta on
// t in (hat_theta, hat_i(x_to)]. The extrema of the rational piecewise polynomial s q_i(t) - t lie
// at the interval ends, the breaks and the real roots of its derivative: each compared exactly.
// Returns a holding x where the condition fails (nullopt when it holds on the whole range).
// (At a jump of q_i both one-sided values are tested, so the check is sufficient, and
// equivalent up to ties at jumps.)
std::optional<Algebraic> left_side_violation(const SpotValue& v, const Rational& s, const Algebraic& hat_theta,
                                             const Algebraic& r, const Algebraic& x_from, bool strict);
std::optional<Algebraic> right_side_violation(const SpotValue& v, const Rational& s, const Algebraic& hat_theta,
                                              const Algebraic& r, const Algebraic& x_to);

// The forward market of one economy at its r* (or at explicit target holdings).
struct ForwardMarket {
  std::vector<SpotValue> agents;
  std::vector<Rational> endowments;  // e
  std::vector<Algebraic> target;     // r* (the holdings the market should support)
  Algebraic hat_theta;               // the common worst-off type at the target
  std::size_t size() const { return agents.size(); }
  // d_i = e_i - r*_i; the family's range [min_j d_j, max_j d_j].
  std::vector<Algebraic> excess() const;
};
ForwardMarket forward_market(const Economy& e, const std::vector<Rational>& endowments);

// Single-crossing (Section 4.2) for agent i on x in [0, 1], for rational slopes: the left side
// on [0, r*_i], the right side on (r*_i, k_i]; above k_i the marginal value of a holding is 0 < P.
std::optional<std::string> single_crossing_failure(const ForwardMarket& m, const Rational& below,
                                                   const Rational& above);
// Membership in the family of Proposition 4 for rational slopes: P(y) < hat_j(y + r*_j) on
// [min d, 0) and P(y) > hat_j(y + r*_j) on (0, max d] for every j where the holding y + r*_j lies
// in [0, k_j] (a line below a lower semicontinuous function is strictly below its convex hull).
std::optional<std::string> family_failure(const ForwardMarket& m, const Rational& below, const Rational& above);
// The smallest slope in {1/8, 1/4, ..., 2^20} that passes `passes`; nullopt if none.
std::optional<Rational> doubling_search(const std::function<bool(const Rational&)>& passes);

// Forward-market payoff (3) of agent i demanding x while the others demand r*:
// pi_i(x) - int_{e_i}^{x} P(z - e_i + X*_{-i}) dz = pi_i(x) - int_{d_i}^{x - r*_i} P(y) dy.
Algebraic forward_payoff(const ForwardMarket& m, const KinkedPricing& p, std::size_t i, const Algebraic& x);
// The forward market's budget at r*: sum_i int_{e_i}^{r*_i} P(z - e_i + X*_{-i}) dz = sum_i int_{d_i}^0 P.
Algebraic forward_budget(const ForwardMarket& m, const KinkedPricing& p);
// The same budget by the decomposition sum_i int_{d_i}^0 (P - P(0)) (the P(0) terms cancel since
// sum_i d_i = 0): -(below sum_{d<0} d^2 + above sum_{d>0} d^2) / 2.
Algebraic forward_budget_by_decomposition(const ForwardMarket& m, const KinkedPricing& p);
// An upper bound, strict when some d_i != 0, on the budget of EVERY P in the family with
// P(0) = hat_theta: -sum_i G_i, G_i = pi_i(c_i) - pi_i(r*_i) - hat_theta (c_i - r*_i), c_i = min(e_i, k_i)
// (the convexity gap of pi_i; P < hat_i(y + r*_i) left of 0 and P > hat_i(y + r*_i) right of 0).
Algebraic family_budget_bound(const ForwardMarket& m);
// Ex ante IR (9): pi_i(r*_i) - int_{d_i}^0 P - min(k_i, e_i) E[theta_i].
Algebraic ex_ante_surplus(const ForwardMarket& m, const KinkedPricing& p, std::size_t i);

}  // namespace mechcheck::llm
