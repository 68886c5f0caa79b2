#pragma once
// The parts of Hu & Wallace (2012) that the exact claims need, on an hw::Economy with an
// [hw] economy (types, states, prior, mu, utilities):
//   - the paper's assumptions decided on the instance (named; claims report the failing ones);
//   - Bayes rule: tau_x(z) (L43), phi^sigma (L95, L101), the signal posterior (29);
//   - marginal utilities (exact: rational for Cobb-Douglas, real algebraic for CES);
//   - the continuum economy L^z(eps) (L109-111, L296-304): Walrasian demands, its competitive
//     equilibria (all of them, exactly), and the Nash equilibria of its market game (all of them,
//     from best responses at the price of eq. (20));
//   - eqs. (18) and (20) and the continuum-game payoff, generic over the number kind (instantiated
//     in theory_kinds.cpp for Rational, Algebraic, double, Mpfr and Interval).
// Models know nothing of verdicts: everything here returns numbers or AssumptionChecks.
#include "hw/model/economy.hpp"
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::hw {

// ---------------------------------------------------------------- assumptions of the paper
struct AssumptionCheck {
  std::string name;  // "utility_assumptions", "gross_substitutes", ...
  bool holds = false;
  std::string detail;  // why, exactly (the first offending (x, z) or pair of states)
};

// u(.; x, z) strictly increasing, strictly concave, C^1 on R^2_++, Inada (L39): for the families
// here it holds iff a > 0 and b > 0 (CES: sigma > 0 is required by the parser).
AssumptionCheck utility_assumptions(const Information& info);
// Gross substitutes (footnote 2, L59), sufficient for the monotone demands of L41: Cobb-Douglas
// and CES with sigma >= 1 have it; CES with sigma < 1 (complements) does not.
AssumptionCheck gross_substitutes(const Information& info);
// z != z' implies mu_z(x) != mu_z'(x) for some x (L43).
AssumptionCheck informative(const Information& info);
// eps_q > 0 and eps_r > 0 (L67).
AssumptionCheck epsilon_positive(const Economy& e);
// The one the brief and the claims need, from its name (throws for an unknown name).
AssumptionCheck assumption(const Economy& e, const std::string& name);

// ---------------------------------------------------------------- beliefs (exact Bayes rule)
// tau_x(z) = kappa(z) mu_z(x) / sum_z' kappa(z') mu_z'(x) (L43).
template <class T>
std::vector<T> type_posterior(const Information& info, std::size_t x);
// phi^sigma(z) proportional to kappa(z) prod_x mu_z(x)^sigma(x): the common posterior of the
// active agents whose type configuration is sigma (L95, L101).
template <class T>
std::vector<T> configuration_posterior(const Information& info, const std::vector<long long>& sigma);
// Eq. (29): phi_xbar(z) proportional to kappa(z) mu_z(xbar) prod_k mu_z(Y_k)^lambda_-(Y_k); `block`
// gives each type's block index k, lambda_minus the others' signal counts.
template <class T>
std::vector<T> signal_posterior(const Information& info, std::size_t xbar, const std::vector<std::size_t>& block,
                                const std::vector<long long>& lambda_minus);
// mu_z(Y) = sum_{y in Y} mu_z(y) for Y given as a bit mask over the types (L208).
Rational block_mass(const Information& info, std::size_t z, unsigned long long mask);

// ---------------------------------------------------------------- utilities
// q^e for a rational q > 0 and a rational exponent e, exactly (the positive real root of
// x^den(e) - q^num(e)).
Algebraic rational_power(const Rational& q, const Rational& e);
// (u_q, u_r) of u(.; x, z) at (q, r) with q, r > 0, exactly: Cobb-Douglas (a/q, b/r); CES
// (a q^(-1/sigma), b r^(-1/sigma)).
std::pair<Algebraic, Algebraic> marginal_utilities(const Utility& u, const Rational& q, const Rational& r);
// (sum_z phi(z) u_q, sum_z phi(z) u_r) of type x at (q, r).
std::pair<Algebraic, Algebraic> expected_marginal_utilities(const Information& info, std::size_t x,
                                                            const std::vector<Rational>& phi, const Rational& q,
                                                            const Rational& r);
// When every u(.; x, z) is Cobb-Douglas, sum_z phi(z) u(.; x, z) = A ln q + B ln r with
// (A, B) = sum_z phi(z) (a_z, b_z); nullopt otherwise.
std::optional<std::pair<Rational, Rational>> expected_cobb_douglas(const Information& info, std::size_t x,
                                                                   const std::vector<Rational>& phi);
// sign(A ln q1 + B ln r1 - A ln q2 - B ln r2) exactly (q's, r's > 0; A, B >= 0 rational): compares
// q1^(LA) r1^(LB) with q2^(LA) r2^(LB), L the common denominator of A and B.
int compare_cobb_douglas(const Rational& A, const Rational& B, const Bundle<Rational>& x1, const Bundle<Rational>& x2);

// ---------------------------------------------------------------- continuum economy L^z(eps)
// A rational function of one variable p: num(p)/den(p), rational coefficients.
struct UnivariateRational {
  RationalPolynomial num, den;
};

// The Walrasian demand for good q of u at price p (budget p q + r = p qbar + rbar, L109),
// q(p) = s (p qbar + rbar)/p for Cobb-Douglas (s = a/(a+b)) and (p qbar + rbar)/(p + (b/a)^k p^k)
// for CES with integer elasticity k; nullopt for other CES (no rational closed form).
std::optional<UnivariateRational> walrasian_demand_q(const Utility& u, const Rational& qbar, const Rational& rbar);

// The stage-2 best response of a negligible agent of the continuum market game facing the price p
// (eq. (2) with p fixed): it chooses b in O to maximize u(qbar - b_q + b_r/p, rbar - b_r + p b_q).
// Stationary points of each one-sided payoff as rational functions of p (from the first-order
// condition of that payoff): sell_q for b = (b_q, 0), sell_r for b = (0, b_r); the best response
// is max(stationary point, 0) on each side (strict concavity). nullopt: family not supported.
struct GameBestResponse {
  UnivariateRational sell_q, sell_r;
};
std::optional<GameBestResponse> continuum_best_response(const Utility& u, const Rational& qbar, const Rational& rbar);

// Eq. (18): beta_q = max{qbar - q, 0}, beta_r = max{rbar - r, 0}.
template <class T>
Offer<T> beta_eq18(const T& qbar, const T& rbar, const Bundle<T>& x);
// Eq. (20): p = (sum_x mu(x) beta_r(x) + eps_r) / (sum_x mu(x) beta_q(x) + eps_q).
template <class T>
T price_eq20(const std::vector<T>& mass, const std::vector<Offer<T>>& beta, const Offer<T>& epsilon);
// The continuum-game payoff of offer b at price p, eq. (2) with p2 = p: (qbar - b_q + b_r/p, rbar - b_r + p b_q).
template <class T>
Bundle<T> continuum_bundle(const T& qbar, const T& rbar, const T& p, const Offer<T>& b);
// The left side of (19) minus its right side: eps_r/p + sum_x mu(x) q(x) - qbar - eps_q.
template <class T>
T clearing_gap_eq19(const T& p, const std::vector<T>& mass, const std::vector<Bundle<T>>& x, const T& qbar,
                    const Offer<T>& epsilon);

// The types present in state z (mu_z(x) > 0) with their masses and utilities.
struct Population {
  std::vector<std::size_t> types;
  std::vector<Rational> mass;
  std::vector<Utility> utility;
};
Population population(const Information& info, std::size_t z);

struct CompetitiveEquilibrium {
  Algebraic price;
  std::vector<Bundle<Algebraic>> bundle;  // per member of the population
};
struct CompetitiveEquilibria {
  std::vector<CompetitiveEquilibrium> equilibria;  // every p > 0 solving (19), increasing
  RationalPolynomial excess_numerator;             // numerator of the excess demand (19) in p
  std::string unsupported;                         // non-empty: a family without exact demands
};
// Every competitive equilibrium of L^z(eps) (L109-111), exactly.
CompetitiveEquilibria competitive_equilibria(const Economy& e, std::size_t z);

struct NashEquilibrium {
  std::optional<Algebraic> price;  // eq. (20); nullopt for the no-trade profile at eps = 0 (0/0)
  std::vector<Offer<Algebraic>> beta;
  std::vector<Bundle<Algebraic>> bundle;
};
struct NashEquilibria {
  std::vector<NashEquilibrium> equilibria;
  std::vector<Algebraic> breakpoints;  // prices where some type switches sides
  std::string unsupported;
};
// Every Nash equilibrium of the continuum market game of L^z(eps): profiles beta with each
// beta(x) a best response at the price p of eq. (20); found as the p > 0 with
// p (eps_q + sum mu BR_q(p)) = eps_r + sum mu BR_r(p), piece by piece between breakpoints, plus,
// when eps = 0, the no-trade profile (the price is 0/0 and every deviation trades nothing).
NashEquilibria nash_equilibria(const Economy& e, std::size_t z);

// A rational number strictly between a < b (exact).
Rational rational_between(const Algebraic& a, const Algebraic& b);

}  // namespace mechcheck::hw
