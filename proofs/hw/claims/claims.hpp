#pragma once
// Checkers of the hw claims (Hu & Wallace 2012).
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/interval_value.hpp"
#include "mechcheck/claims/registry.hpp"
#include "hw/model/economy.hpp"
#include "hw/model/stage1.hpp"
#include "hw/model/stage2_equilibrium.hpp"
#include "hw/model/theory.hpp"
#include "mechcheck/number/rational_function.hpp"

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs {

// hw.lemma1, exposed piece by piece so tests can feed the comparison a wrong construction.
namespace hw_lemma1 {

// The three cases of the proof of Lemma 1 (L232-244), by the sign of D' = b'_r Q_- - b'_q R_-.
enum class SignCase { i, ii, iii };
const char* to_string(SignCase c);  // "i", "ii", "iii"
SignCase sign_case(const hw::Totals<Rational>& others, const hw::Offer<Rational>& b);

// A rule that turns a two-sided offer b' into a one-sided offer b'' in a given sign case.
template <class T>
using Rule = hw::Offer<T> (*)(SignCase, const hw::Totals<T>&, const hw::Offer<T>&);

// A construction, usable on exact instances and symbolically (for every instance at once).
struct Construction {
  std::string name;
  Rule<Rational> exact;
  Rule<RationalFunction> symbolic;
};

// The proof's construction: case (i) b'' = (0, R_- gamma/(Q_- - gamma)) with gamma of eq. (12);
// case (ii), "completely analogous" (L242), b'' = (Q_- delta/(R_- - delta), 0) with
// delta = (b'_q R_- - b'_r Q_-)/(Q_- + b'_q); case (iii) b'' = (0, 0).
template <class T>
hw::Offer<T> proof_construction(SignCase c, const hw::Totals<T>& others, const hw::Offer<T>& b);
Construction paper_construction();

// An independent closed form of the same offer (proofs/hw/docs/lemma1.md §2.1): keep the price p2' of b'
// and offer only the net sale at it: case (i) b''_r = b'_r - p2' b'_q, case (ii)
// b''_q = b'_q - b'_r/p2', case (iii) (0, 0).
template <class T>
hw::Offer<T> net_sale_at_price(SignCase c, const hw::Totals<T>& others, const hw::Offer<T>& b);

// Everything compared for one offer b' of a case (exactly).
struct OfferCheck {
  hw::Offer<Rational> offer;  // b'
  Rational D;                 // b'_r Q_- - b'_q R_-
  SignCase sign_case = SignCase::iii;
  std::optional<hw::Bundle<Rational>> bundle;            // (q', r'), eq. (2)
  std::optional<hw::Offer<Rational>> one_sided;          // b'' from the construction
  std::optional<hw::Bundle<Rational>> one_sided_bundle;  // (q'', r''), eq. (2)
  std::optional<Rational> price, one_sided_price;        // p2', p2''
  std::vector<std::string> failures;                     // each comparison that fails, in words (empty: all hold)
  std::string undefined;                                 // why a formula was undefined (zero totals), else empty
  bool holds() const { return failures.empty() && undefined.empty(); }
};
OfferCheck check_offer(const hw::Economy& e, const hw::Totals<Rational>& others, const hw::TestOffer& offer,
                       const Construction& construction);

// The identities behind Lemma 1 proved in Q(qbar, rbar, Q_-, R_-, b_q, b_r), for every instance:
// eq. (2)-(3) = eq. (11); in cases (i) and (ii) the construction is one-sided, has the sign of
// the case, does not exceed b' (so stays within the endowments), equals the closed form, and
// gives the bundle and the price of b'; in case (iii), on D' = 0 (b_r = b_q R_-/Q_-), b'' = (0, 0)
// gives the bundle (qbar, rbar) of b'.
struct SymbolicProof {
  struct Step {
    std::string label;  // "eq2_eq11", "case_i", "case_ii", "case_iii"
    std::string text;   // what was proved, with the rational functions involved
  };
  bool proved = true;
  std::vector<Step> steps;            // one per group of identities that all hold
  std::vector<std::string> failures;  // identities that do not hold, with the nonzero numerator
};
SymbolicProof prove_symbolically(const Construction& construction);

std::unique_ptr<Claim> make_claim(Construction construction = paper_construction());

}  // namespace hw_lemma1

// Shared by the hw claims: the beliefs and the (Q_-, R_-) grid an instance is checked over.
namespace hw_common {
struct Belief {
  std::string label;          // "kappa", "tau_lo", "phi^(2,1)"
  std::vector<Rational> phi;  // over the states
};
// The prior, every tau_x and the posterior phi^sigma of every type configuration sigma of the M
// active agents (when there are at most 64 of them), all by exact Bayes rule.
std::vector<Belief> beliefs(const hw::Economy& e);
// The claims' shared precondition: the claim reads the economy of Section 2.1 (types, states,
// prior, mu, [[hw.utility]]); fails at [hw] (or its types) of the case, naming the claim.
void require_economy(const Case& c, const hw::Economy& e, const std::string& claim);
// Records the paper's named assumptions (hw::assumption) as the claim's hypotheses, in order;
// each is decided by exact comparisons of the case's rationals.
void record_assumptions(Check& check, const hw::Economy& e, std::initializer_list<const char*> names);
// M: from eta and N, else [hw.stage2] active, else 2.
long long active_agents(const hw::Economy& e);
// The grid: `points` values per coordinate over Q_range x R_range (default: what the others
// can reach, [M eps_q, M eps_q + (M - 1) qbar] x [M eps_r, M eps_r + (M - 1) rbar]).
std::vector<hw::Totals<Rational>> totals_grid(const hw::Economy& e);
// x in scientific notation, `digits` significant digits (an MPFR number: rounded to nearest).
std::string decimal(const Mpfr& x, int digits = 20);
// The digits, at most `digits`, that every number of the enclosure x shares (certified_digits);
// the enclosure itself when they share none.
std::string decimal(const Interval& x, int digits = 20);
}  // namespace hw_common

// hw.eq17: sign h'(0) = -sign g'(0) (L278-290) at endowment marginal utilities.
namespace hw_eq17 {
// h'(0) of L284 from E u_q, E u_r at the endowment and (Q_-, R_-); tests substitute wrong ones.
using HPrime = Algebraic (*)(const Algebraic& Euq, const Algebraic& Eur, const Rational& Qm, const Rational& Rm);
Algebraic paper_h_prime(const Algebraic& Euq, const Algebraic& Eur, const Rational& Qm, const Rational& Rm);
Algebraic paper_g_prime(const Algebraic& Euq, const Algebraic& Eur, const Rational& Qm, const Rational& Rm);
// d/db of the payoff bundle of eq. (2)-(3) at b = 0 for the offer (b, 0) (sell_q = true) or
// (0, b), computed from the market-game formula as a rational function of b.
hw::Bundle<Rational> bundle_derivative_at_zero(const Rational& qbar, const Rational& rbar,
                                               const hw::Totals<Rational>& others, bool sell_q);
// For Cobb-Douglas expected utility A ln q + B ln r: the interior stationary points of g on
// (0, qbar) and of h on (0, rbar) (first-order conditions cleared of denominators), exactly.
struct StationaryPoints {
  std::vector<Algebraic> sell_q, sell_r;
};
StationaryPoints cobb_douglas_stationary_points(const Rational& A, const Rational& B, const Rational& qbar,
                                                const Rational& rbar, const hw::Totals<Rational>& others);
std::unique_ptr<Claim> make_claim(HPrime h_prime = paper_h_prime);
}  // namespace hw_eq17

// hw.lemma2: L^z(eps) has a unique CE; CE allocations = Nash equilibria via (18); price (20).
namespace hw_lemma2 {
using Price20 = Algebraic (*)(const std::vector<Algebraic>& mass, const std::vector<hw::Offer<Algebraic>>& beta,
                              const hw::Offer<Algebraic>& epsilon);
Algebraic paper_price20(const std::vector<Algebraic>& mass, const std::vector<hw::Offer<Algebraic>>& beta,
                        const hw::Offer<Algebraic>& epsilon);
std::unique_ptr<Claim> make_claim(Price20 price20 = paper_price20);
}  // namespace hw_lemma2

// hw.a1: assumption A1 (L208) over all bipartitions, and its consequences (L210).
namespace hw_a1 {
using Mass = Rational (*)(const hw::Information& info, std::size_t z, unsigned long long mask);
std::unique_ptr<Claim> make_claim(Mass mass = hw::block_mass);
}  // namespace hw_a1

// hw.necessity: eps = 0 makes no-trade an equilibrium (L121); two-sided offers break the
// uniqueness of best responses (L71, L107).
namespace hw_necessity {
// A two-sided offer with the payoff of the one-sided b'' = (0, beta) (buy_q) or (beta, 0): the
// line through b'' parametrized by t = its other coordinate (proofs/hw/docs/model.md §5).
template <class T>
hw::Offer<T> same_payoff_two_sided(const hw::Totals<T>& others, const T& beta, const T& t, bool buy_q);
struct Rule {
  hw::Offer<Algebraic> (*exact)(const hw::Totals<Algebraic>&, const Algebraic&, const Algebraic&, bool);
  hw::Offer<RationalFunction> (*symbolic)(const hw::Totals<RationalFunction>&, const RationalFunction&,
                                          const RationalFunction&, bool);
};
Rule paper_rule();
std::unique_ptr<Claim> make_claim(Rule rule = paper_rule());
}  // namespace hw_necessity

// hw.prop1: the stage-2 equilibrium beta^sigma exists for every configuration sigma (L105, L246-294):
// MPFR Newton on the first-order conditions, then the Krawczyk test in MPFI (certified).
namespace hw_prop1 {
// The box's relative radius: 10^-(digits/2).
Mpfr box_radius(unsigned digits);
// The interval Jacobian is a parameter so tests can seed a wrong one (the mean-value check must
// catch it: verdict `error`).
std::unique_ptr<Claim> make_claim(hw::IntervalJacobian jacobian = &hw::jacobian_ad);
}  // namespace hw_prop1

// hw.prop2: beta^{sigma_N} -> beta^z (L123, L332-376), numeric: distances for growing N and the
// least-squares rate on log-log.
namespace hw_prop2 {
struct Row {
  long long N = 0, M = 0;
  std::vector<long long> sigma;       // sigma_N over all types
  Mpfr phi_z;                         // phi^{sigma_N}(z)
  Mpfr phi_rest;                      // 1 - phi^{sigma_N}(z), summed over the other states
  std::vector<hw::Offer<Mpfr>> beta;  // per type of the population of z (zero when absent)
  Mpfr distance;                      // max over present types and goods |beta^{sigma_N} - beta^z|
  bool converged = false;
};
struct Table {
  std::size_t state = 0;
  std::vector<std::size_t> types;      // the population of state z (mu_z(x) > 0)
  std::vector<hw::Offer<Mpfr>> limit;  // beta^z (Lemma 2, exact CE via (18), rounded)
  std::vector<Row> rows;
  double rate = 0, intercept = 0;  // ln d = intercept + rate ln N (least squares)
};
// sigma_N: M = ceil((1 - eta) N) agents split by mu_z by largest remainders.
std::vector<long long> configuration_for(const hw::Information& info, std::size_t z, long long M);
// The default N sequence: 10^(k/2), k = 2..10, rounded.
std::vector<long long> default_sizes();
Table compute_table(const hw::Economy& e);
std::string table_csv(const Table& t, const hw::Economy& e);
std::vector<std::string> write_figure(const Table& t, const hw::Economy& e, const std::string& directory);
std::unique_ptr<Claim> make_claim();
}  // namespace hw_prop2

// hw.theorem1: the separating equilibrium of Theorem 1 (L190, L378-458) for every N of a range,
// certified; the configuration weight is a parameter so tests can seed a wrong one.
namespace hw_theorem1 {
std::unique_ptr<Claim> make_claim(hw::ConfigurationWeight weight = &hw::configuration_weight);
}  // namespace hw_theorem1

// hw.slides_lemma: the slides' formulation (its own variant; proofs/hw/docs/slides.md), exact.
namespace hw_slides {
std::unique_ptr<Claim> make_claim();
}  // namespace hw_slides
// Independent re-checks of reported witnesses (recheck.cpp): each parses the outcome's texts back
// and recomputes from the model's definition by a separate, small computation.
namespace hw_recheck {
std::optional<Recheck> no_best_response(const hw::Economy& e, const Outcome& out);  // hw.eq17, hw.prop1: one total 0
std::optional<Recheck> a1(const hw::Economy& e, const Outcome& out);
std::optional<Recheck> eq17(const hw::Economy& e, const Outcome& out);
std::optional<Recheck> lemma2(const hw::Economy& e, const Outcome& out);
std::optional<Recheck> prop2(const hw::Economy& e, const Outcome& out);
std::optional<Recheck> slides(const hw::Economy& e, const Outcome& out);
std::optional<Recheck> lemma1(const hw::Economy& e, const Outcome& out);
std::optional<Recheck> prop1_boxes(const hw::Economy& e, const Outcome& out);  // a holds certificate
}  // namespace hw_recheck
}  // namespace mechcheck::proofs
