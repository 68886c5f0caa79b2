#pragma once
// Stage 1 of Hu & Wallace (2012), Section 3.2 and the proof of Theorem 1 (L378-458):
//   - the inactive agent's problem (4): trade at the fixed price p1 = rbar/qbar (L47, eq. (1)),
//     written through q1(a) of (5) as max over q in [0, 2 qbar] of
//     L_x(q) = sum_z tau_x(z) u(q, p1 qbar + rbar - p1 q; x, z)            (proof of Claim 1, L416);
//   - its maximizer alpha*(x) (exact for Cobb-Douglas, a certified enclosure otherwise), the
//     separation test alpha*(x) != alpha*(y), the belief intervals I(x) of (6) and Claim 1's epsilon;
//   - the active agent's payoff F_x^N (23)-(26) of the candidate equilibrium, for every stage-1
//     action: it depends on the action a only through the interval I(x') that q1(a) falls in (the
//     others read a as type x', (7)), so it is computed once per x' by summing over every type
//     configuration of the other M - 1 active agents with multinomial weights.
// Everything reported as certified is an MPFI enclosure with outward rounding; the stage-2
// equilibria beta^sigma are Krawczyk boxes (stage2_equilibrium.hpp) and the deviator's best
// response is enclosed by the sign of its first-order condition at two points. Models know
// nothing of verdicts: failures are reported as text for the checker to turn into `inconclusive`.
#include "hw/model/economy.hpp"
#include "hw/model/stage2_equilibrium.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::hw {

// p1 = rbar / qbar (L47).
Rational first_stage_price(const Economy& e);
// q1(a) = qbar - a_q + a_r / p1 (5): the good-q consumption an inactive agent gets from a.
Rational stage1_quantity(const Economy& e, const Offer<Rational>& a);
// The one-sided stage-1 offer a in O with q1(a) = q (q in [0, 2 qbar]).
Offer<Rational> stage1_offer_for(const Economy& e, const Rational& q);

// u(q, r; x, z) enclosed (q, r > 0 certified, else Undecidable).
Interval utility_enclosure(const Utility& u, const Interval& q, const Interval& r);
// L_x(q) and L'_x(q) = sum_z tau_x(z) (u_q - p1 u_r) on an interval of q in (0, 2 qbar).
Interval inactive_utility(const Economy& e, std::size_t x, const Interval& q);
Interval inactive_marginal(const Economy& e, std::size_t x, const Interval& q);

// The maximizer of L_x on [0, 2 qbar] (Inada: interior, unique by strict concavity).
struct InactiveOptimum {
  std::optional<Rational> exact;  // every u(.; x, z) Cobb-Douglas: q = 2 A qbar / (A + B), (A, B) = E_tau (a, b)
  Interval q;                     // an enclosure (the point itself when exact and representable)
};
// Exact when possible; otherwise interval bisection on the decreasing L'_x, certified by the sign
// of L'_x at the ends of the returned enclosure. Throws Undecidable when a sign cannot be decided.
InactiveOptimum inactive_optimum(const Economy& e, std::size_t x);

// The belief intervals of (6) over [0, 2 qbar], in the order of q1(alpha*(x)).
struct BeliefIntervals {
  std::vector<std::size_t> order;        // type indices sorted by q1(alpha*(x)) (x_1, ..., x_k of L158)
  std::vector<InactiveOptimum> optimum;  // per type index
  // Per type index: the ends of I(x); the lowest is [0, m_1), the highest [m_{k-1}, 2 qbar], the
  // others [m_{i-1}, m_i). The midpoints m_i are exact when both optima are.
  std::vector<Interval> lower, upper;
  std::vector<std::optional<Rational>> lower_exact, upper_exact;
  bool separating = false;  // alpha*(x) != alpha*(y) for x != y, decided (exactly or certified)
  std::string separation_detail;
};
// Throws Undecidable when two enclosures overlap and equality cannot be decided exactly.
BeliefIntervals belief_intervals(const Economy& e);
// The index (into order) of the interval of (6) containing q (exact q).
std::size_t interval_of(const BeliefIntervals& b, const Rational& q);

// Claim 1 (L412-418): delta = min |q1(alpha*(x)) - q1(alpha*(y))| / 2,
// A_x = min{-L'_x(q*_x + delta/2), L'_x(q*_x - delta/2)}, epsilon = (1/2) min_x (delta/2) A_x.
// As printed A_x needs L'_x at q*_x - delta/2 for the lowest type and at q*_x + delta/2 for the
// highest, which can fall outside (0, 2 qbar) (then L'_x is undefined); on that side no q lies
// outside I(x), so the minimum is taken over the sides that have points outside I(x)
// (proofs/hw/docs/theorem1.md).
struct Claim1Epsilon {
  Interval delta, epsilon;
  std::vector<Interval> A;  // per type index
  // The same numbers exactly, when every q*_x is exact and L'_x is rational (Cobb-Douglas types:
  // L'_x(q) = sum_z tau_x(z) (a/q - p1 b/r)); each enclosure above contains its exact value.
  std::optional<Rational> delta_exact, epsilon_exact;
  std::vector<std::optional<Rational>> A_exact;  // per type index
  std::vector<std::string> side_dropped;         // per type index: "" or which side was left out and why
};
Claim1Epsilon claim1_epsilon(const Economy& e, const BeliefIntervals& b);

// Every stage-2 equilibrium beta^sigma of the M-agent game, certified (Krawczyk box per sigma
// with positive probability); the others' play in the candidate equilibrium.
struct CertifiedEquilibrium {
  Stage2Game game;
  std::vector<Interval> box;  // signed offers of the present types (s > 0 sells q)
  std::vector<Mpfr> center;
};
struct EquilibriumFamily {
  long long M = 0;
  std::map<std::vector<long long>, CertifiedEquilibrium> by_sigma;
  long long impossible = 0;  // configurations of probability 0 in every state (no phi^sigma)
  std::string failure;       // non-empty: some sigma could not be certified (why)
};
// `radius`: the boxes' relative radius (hw.prop1's, 10^-(digits/2) at the current precision).
EquilibriumFamily certify_equilibria(const Economy& e, long long M, const Mpfr& radius);

// The weight gamma_z^N of the configuration c of the other M - 1 active agents in state z:
// multinomial(M - 1; c) prod_y mu_z(y)^c(y). A parameter of active_payoffs so tests can seed a
// wrong one (the weights must sum to 1 in every state: checked exactly).
using ConfigurationWeight = Rational (*)(const Information& info, std::size_t z, const std::vector<long long>& c);
Rational configuration_weight(const Information& info, std::size_t z, const std::vector<long long>& c);

// F_x^N(a) for q1(a) in I(x'), every (x, x') (23)-(26): per[x][x'] an enclosure.
struct ActivePayoffs {
  long long M = 0;
  std::vector<std::vector<Interval>> F;  // F[x][x']
  long long configurations = 0;          // configurations c of the others, each weighted
  std::string failure;                   // non-empty: something could not be enclosed (why)
  std::string weight_failure;            // non-empty: the weights do not sum to 1 in some state
};
// `radius`: the relative radius of the deviator's best-response enclosures.
ActivePayoffs active_payoffs(const Economy& e, const EquilibriumFamily& family, const Mpfr& radius,
                             ConfigurationWeight weight = &configuration_weight);

}  // namespace mechcheck::hw
