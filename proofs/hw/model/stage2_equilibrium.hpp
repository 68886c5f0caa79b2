#pragma once
// The stage-2 equilibrium beta^sigma of Hu & Wallace (2012) (Proposition 1, L105 and L246-294):
// for a type configuration sigma of the M active agents with common posterior phi^sigma, every
// agent of type x offers beta(x) in O, a best response to the others' offers (eq. (13)-(14)).
//
// Offers are written with one signed number per present type, s = beta_q - beta_r:
// s > 0 sells s units of q, s < 0 sells -s units of r. Each type's first-order condition is
//   Phi_x(s) = g'(s)                     for s >= 0   (g of L264, selling q)
//   Phi_x(s) = -(R_-/Q_-) h'(-s)         for s < 0    (h of L268, selling r)
// with (Q_-, R_-) the others' totals (L256: M eps + sum_y sigma(y) beta(y) - beta(x)). Both pieces
// agree at s = 0 (that is identity (17)), and Phi_x is strictly decreasing in the own offer (g, h
// strictly concave, L270), so its zero is the unique best response (15)-(16). An equilibrium is a
// zero of Phi = (Phi_x)_x. On a box where every s_x keeps its sign, Phi is smooth; its Jacobian is
// computed by forward-mode automatic differentiation, in MPFR (Newton) and in MPFI (Krawczyk).
//
// Models know nothing of verdicts: these functions return numbers, boxes and flags.
#include "hw/model/economy.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::hw {

// The stage-2 Bayesian game of a configuration sigma (L101): the present types (sigma(x) > 0),
// their counts, their utilities per state and the common posterior phi.
struct Stage2Game {
  Rational qbar, rbar;
  Offer<Rational> epsilon;
  long long M = 0;                            // active agents, sum of the counts
  std::vector<std::size_t> types;             // indices of the present types
  std::vector<long long> count;               // sigma(x) of each present type
  std::vector<std::vector<Utility>> utility;  // utility[i][z]
  std::vector<Rational> phi;                  // the common posterior over Z (any positive weights)
  std::size_t size() const { return types.size(); }
};

// The game of configuration sigma (one count per type of info, summing to >= 1), with the exact
// posterior phi^sigma (L95, L101). Throws std::invalid_argument for a configuration of probability 0.
Stage2Game stage2_game(const Economy& e, const std::vector<long long>& sigma);
// The same with a given posterior (hw.prop2 passes phi^sigma computed in MPFR for large N).
Stage2Game stage2_game(const Economy& e, const std::vector<long long>& sigma, std::vector<Rational> phi);

// The number of configurations of M agents over `types` types, C(M + types - 1, types - 1),
// computed exactly; ULLONG_MAX when it does not fit (a size guard only needs to know it is large).
unsigned long long configuration_count(std::size_t types, long long M);
// a * b and a + b, saturating at ULLONG_MAX (size guards add and scale such counts).
unsigned long long saturating_product(unsigned long long a, unsigned long long b);
unsigned long long saturating_sum(unsigned long long a, unsigned long long b);

// Every configuration sigma of M agents over the types (compositions of M), in lexicographic order.
// Callers guard its size with configuration_count first.
std::vector<std::vector<long long>> all_configurations(std::size_t types, long long M);

// "(2,1,0)": a configuration as the checkers print it.
std::string configuration_text(const std::vector<long long>& sigma);

// phi^sigma (L95, L101) in MPFR through logarithms (exponents up to 10^7), rounded to rationals.
std::vector<Rational> configuration_posterior_mpfr(const Information& info, const std::vector<long long>& sigma);

// Forward-mode derivative: value and gradient (an empty gradient is zero).
template <class S>
struct Dual {
  S v;
  std::vector<S> d;
};

// The marginal utility of one good with weight w (u.a for q, u.b for r) at quantity y:
// Cobb-Douglas w/y, CES w y^(-1/sigma). Instantiated for Mpfr and Interval (and, inside
// stage2_equilibrium.cpp, for the forward-mode duals of both).
template <class S>
S marginal_utility(const Utility& u, const Rational& w, const S& y);

// Which piece of Phi_x each type uses: +1 sells q (s >= 0), -1 sells r (s < 0).
using Sides = std::vector<int>;
Sides sides_of(const std::vector<Mpfr>& s);

// Phi(s) for the given sides; S is Mpfr, Interval, Dual<Mpfr> or Dual<Interval>.
template <class S>
std::vector<S> first_order_conditions(const Stage2Game& g, const std::vector<S>& s, const Sides& sides);

// (Q_-, R_-) of an agent of present type i when the offers are s (L256).
template <class S>
Totals<S> others_totals_of(const Stage2Game& g, const std::vector<S>& s, const Sides& sides, std::size_t i);

// The Jacobian of Phi over a box (interval) or at a point, by automatic differentiation.
using IntervalMatrix = std::vector<std::vector<Interval>>;
using MpfrMatrix = std::vector<std::vector<Mpfr>>;
IntervalMatrix jacobian_ad(const Stage2Game& g, const std::vector<Interval>& box, const Sides& sides);
MpfrMatrix jacobian_ad(const Stage2Game& g, const std::vector<Mpfr>& s, const Sides& sides);
// A Jacobian rule the Krawczyk test uses (tests substitute wrong ones).
using IntervalJacobian = IntervalMatrix (*)(const Stage2Game&, const std::vector<Interval>&, const Sides&);

// ---------------------------------------------------------------- MPFR: approximate equilibrium
struct ApproximateEquilibrium {
  std::vector<Mpfr> s;     // signed offers per present type
  bool converged = false;  // Newton's step fell below 10^-(digits - 8) relative
  int newton_steps = 0;
  int best_response_rounds = 0;  // rounds of damped best-response iteration used as a fallback
  Mpfr residual;                 // max |Phi_x(s)|
  std::string note;              // why not converged
};
// Newton with backtracking on the (piecewise smooth) first-order conditions from `start`
// (default: no trade), falling back on damped best-response iteration (each best response by
// bisection of the decreasing Phi_x in the own offer) when Newton stalls. Numeric.
ApproximateEquilibrium solve_stage2(const Stage2Game& g, std::optional<std::vector<Mpfr>> start = std::nullopt);

// The unique best response of one agent of present type i to others' totals (Q_-, R_-) as a
// signed offer, by bisection (numeric; 200 halvings of (-rbar, qbar)).
Mpfr best_response_bisection(const Stage2Game& g, std::size_t i, const Totals<Mpfr>& others);

// The unique best response of present type i (with g's posterior) to any totals in the box
// `others`, enclosed: Phi_i is strictly decreasing in the own signed offer and continuous at 0
// (17), so Phi_i(approx - r) > 0 > Phi_i(approx + r) for every (Q_-, R_-) in the box proves that
// every best response lies in [approx - r, approx + r], r = radius (1 + |approx|). nullopt when
// either sign is not certified (the approximation is too coarse or the box too wide).
std::optional<Interval> best_response_enclosure(const Stage2Game& g, std::size_t i, const Totals<Interval>& others,
                                                const Mpfr& approx, const Mpfr& radius);

// ---------------------------------------------------------------- MPFI: the Krawczyk test
struct KrawczykResult {
  std::vector<Interval> box;    // X: center +- radius, outward rounded
  std::vector<Interval> image;  // K(X)
  IntervalMatrix jacobian;      // J(X) as K(X) used it (empty when the test stopped before it)
  bool signs_fixed = false;     // every s_x keeps its sign on X (Phi smooth there)
  bool contained = false;       // K(X) in the interior of X: a unique zero of Phi in X
  std::string failure;          // why the test failed (empty when contained)
  Rational max_width;           // the widest side of X, exactly
};
// K(X) = m - Y Phi(m) + (I - Y J(X)) (X - m), m the center, Y an MPFR inverse of J(m), all interval
// products outward rounded. K(X) strictly inside X proves that Phi has exactly one zero in X
// (Krawczyk 1969; Rump). `radius` is relative: side i is m_i +- radius (1 + |m_i|).
KrawczykResult krawczyk_test(const Stage2Game& g, const std::vector<Mpfr>& center, const Mpfr& radius,
                             IntervalJacobian jacobian = &jacobian_ad);

// Mean-value check of an interval Jacobian: for each (i, j), the difference quotient
// (Phi_i(m + h e_j) - Phi_i(m - h e_j)) / (2h) (h the box's radius along j), enclosed in MPFI, is
// a value of d Phi_i / d s_j at some point of the box; it must meet J(X)_ij. Returns the first
// (i, j) where the two are disjoint (a proof that J(X) is not an enclosure), or an empty string.
std::string jacobian_mean_value_check(const Stage2Game& g, const std::vector<Mpfr>& center,
                                      const std::vector<Interval>& box, const IntervalMatrix& J);

// Offers of the present types from signed values (numeric).
std::vector<Offer<Mpfr>> offers_of(const std::vector<Mpfr>& s);

// Sets this thread's Mpfr/Interval precision for a scope and restores the previous one.
class PrecisionScope {
 public:
  explicit PrecisionScope(unsigned digits10);

 private:
  static NumericState with_digits(unsigned digits10);
  NumericScope scope_;
};

}  // namespace mechcheck::hw
