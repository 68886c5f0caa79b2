#pragma once
// Subsidy minimization for efficient trade as Bayesian persuasion (slides "Subsidy
// minimization as Bayesian persuasion", appendix "Concave closure of T" and "Optimality
// conditions"; proofs/ly/docs/derivation.md section 6). With NA binding parameterized by
// p = exp(-Lambda(v_lo)/kappa), 1 - p = exp(-Lambda(v_hi)/kappa) for each player,
//   T(x) = min(A_lo - kappa log(1-x), A_hi - kappa log x) - max(B_lo + kappa log(1-x), B_hi + kappa log x)
// with A_lo = u^b(lo) + kappa log p_b, A_hi = u^b(hi) + kappa log(1-p_b),
//      B_lo = u^s(lo) - kappa log p_s, B_hi = u^s(hi) - kappa log(1-p_s),  x = mu(v_hi).
#include "ly/model/economy.hpp"
#include "ly/model/exp_sum.hpp"

#include <optional>
#include <string>

namespace mechcheck::ly {

// ---- numeric (double; evidence) ----
struct NumericSplit {
  double value = 0;       // concave closure of T at mu0(v_hi)
  double x1 = 0, x2 = 0;  // touching points (x1 <= mu0 <= x2); 0 or 1 are limits
  double xb = 0, xs = 0;  // the buyer's and the seller's kinks
};
double subsidy_T(const Economy& e, double pb, double ps, double x);
NumericSplit subsidy_closure(const Economy& e, double pb, double ps);
struct NumericOptimum {
  double pb = 0.5, ps = 0.5;
  NumericSplit split;
  long long evaluations = 0;
};
NumericOptimum subsidy_optimum(const Economy& e);

// ---- exact and certified at rational (p_b, p_s) ----
struct Kinks {
  ExpSum xb_num, Kb;  // x_b = xb_num / Kb
  ExpSum xs_num, Ks;  // x_s = xs_num / Ks
};
Kinks subsidy_kinks(const Economy& e, const Rational& pb, const Rational& ps);
// (Opt^b) at x_b and (Opt^s) at x_s, cleared of denominators: exp-sums that are identically 0.
ExpSum opt_b_identity(const Economy& e, const Rational& pb, const Kinks& k);
ExpSum opt_s_identity(const Economy& e, const Rational& ps, const Kinks& k);
// Enclosures: T at an enclosed posterior x (0 and 1 mean the limits).
Interval subsidy_T_enclosure(const Economy& e, const Rational& pb, const Rational& ps, const Interval& x,
                             int endpoint = -1);

// ---- certified: bounds on the concave closure and a branch-and-bound over Lambda ----------
// (proofs/ly/docs/derivation.md, sections 6.1-6.2; slides "Subsidy minimization as Bayesian
// persuasion", appendix "Concave closure of T" and "Proposition (Optimality conditions)").
// Every log and exp is an MPFI enclosure (outward rounding); comparisons are between exact
// rational endpoints; nothing numeric enters a conclusion. T is fixed by its four constants A0, A1, B0, B1; it is
// nondecreasing in A0, A1 and nonincreasing in B0, B1 pointwise, hence so is its concave
// closure. On each piece between the kinks x_b, x_s it is strictly convex (-log is), so the
// closure at mu0 is the best chord between points of {0, x_b, x_s, 1} (0 and 1 as limits).
struct TParams {
  Interval A0, A1, B0, B1;
};
// A box of NA-binding parameters p_b, p_s (closed, rational ends, inside [0, 1]^2).
struct PBox {
  Rational pb_lo, pb_hi, ps_lo, ps_hi;
  bool contains(const Rational& pb, const Rational& ps) const {
    return pb_lo <= pb && pb <= pb_hi && ps_lo <= ps && ps <= ps_hi;
  }
  bool on_edge() const { return pb_lo == 0 || pb_hi == 1 || ps_lo == 0 || ps_hi == 1; }
};
TParams t_params_point(const Economy& e, const Rational& pb, const Rational& ps);
// Interval extension over a box that stays off the edges (0 < p < 1 throughout).
TParams t_params_box(const Economy& e, const PBox& box);
// The constants at the box's most favourable corner, A0(pb_hi), A1(pb_lo), B0(ps_hi), B1(ps_lo):
// by monotonicity, every closure bound computed from them bounds every p in the box from above
// (finite on every box, edges included).
TParams t_params_upper(const Economy& e, const PBox& box);

struct ClosureBounds {
  Interval xb, xs;      // the kinks
  bool bounded = true;  // false: a kink's enclosure reaches 0 or 1 (no upper bounds)
  // Splits supported on the kinks {x_b, x_s} (two realizations, or one at a kink equal to mu0):
  // upper bound (nullopt: no such split is possible) and, when one is certainly possible, a
  // lower bound of its value.
  std::optional<Rational> interior_hi, interior_lo;
  // Pairs using a fully revealing posterior 0 or 1 (values approached, never attained) in the
  // closure's linear program over {0, x_b, x_s, 1}: an upper bound of the best one, and a lower
  // bound of the best certainly valid one.
  Rational boundary_hi, boundary_lo;
  Rational prior_lo;  // T(mu0): one uninformative realization (always feasible)
  Rational cav_hi() const { return interior_hi && *interior_hi > boundary_hi ? *interior_hi : boundary_hi; }
  Rational best_lo() const;
};
// `monotone`: boundary_hi bounds the monotone majorant sup_b chord(0, b) v sup_a chord(a, 1)
// (which includes T(mu0)) instead of the pairs at these kinks: required with t_params_upper, since
// the corner's kinks are not those of the p it bounds.
ClosureBounds closure_bounds(const TParams& t, const Rational& mu0_hi, const Rational& kappa, bool monotone = false);

// The value V(p) = cav T(.; p)(mu0) maximized over p in (0, 1)^2 by branch-and-bound: boxes are
// pruned when the corner bound (t_params_upper) is below the incumbent (certified lower bounds
// at box centres, starting from the candidate); kept boxes are split until the interior splits
// or the boundary splits are certainly below the incumbent (or `max_depth` is reached), then the
// box with the largest bound is split `refinements` times (best first) to tighten [lower, upper].
struct SubsidyCertificate {
  enum class Optimum { interior, boundary, undecided };
  Optimum optimum = Optimum::undecided;
  Rational lower, upper;      // V* = sup over (p, splits) lies in [lower, upper]
  Rational best_pb, best_ps;  // where `lower` was found
  bool lower_from_boundary = false;
  PBox region;                    // hull of the boxes left (every p with V(p) >= lower)
  bool region_off_edges = false;  // the region stays inside (0, 1)^2
  bool kinks_straddle = false;    // on every box left, x_s < mu0 < x_b or x_b < mu0 < x_s (certified)
  int buyer_kink_side = 0;        // +1: x_b > mu0 on every box left; -1: below; 0: mixed/unknown
  bool candidate_in_region = false;
  Rational candidate_hi;  // upper bound of V at the candidate
  long long boxes = 0, pruned = 0, leaves_interior = 0, leaves_boundary = 0, leaves_undecided = 0;
  std::string why;  // when undecided
};
SubsidyCertificate certify_subsidy_optimum(const Economy& e, const Rational& pb, const Rational& ps,
                                           int refinements = 500, int max_depth = 11);

}  // namespace mechcheck::ly
