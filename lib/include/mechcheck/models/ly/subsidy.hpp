#pragma once
// Subsidy minimization for efficient trade as Bayesian persuasion (slides "Subsidy
// minimization as Bayesian persuasion", appendix "Concave closure of T" and "Optimality
// conditions"; docs/ly-derivation.md section 6). With NA binding parameterized by
// p = exp(-Lambda(v_lo)/kappa), 1 - p = exp(-Lambda(v_hi)/kappa) for each player,
//   T(x) = min(A_lo - kappa log(1-x), A_hi - kappa log x) - max(B_lo + kappa log(1-x), B_hi + kappa log x)
// with A_lo = u^b(lo) + kappa log p_b, A_hi = u^b(hi) + kappa log(1-p_b),
//      B_lo = u^s(lo) - kappa log p_s, B_hi = u^s(hi) - kappa log(1-p_s),  x = mu(v_hi).
#include "mechcheck/models/ly/economy.hpp"
#include "mechcheck/models/ly/exp_sum.hpp"

#include <optional>
#include <string>

namespace mechcheck::ly {

// ---- numeric (double; evidence) ----
struct NumericSplit {
  double value = 0;      // concave closure of T at mu0(v_hi)
  double x1 = 0, x2 = 0; // touching points (x1 <= mu0 <= x2); 0 or 1 are limits
  double xb = 0, xs = 0; // the buyer's and the seller's kinks
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
Interval subsidy_T_enclosure(const Economy& e, const Rational& pb, const Rational& ps, const Interval& x, int endpoint = -1);

}  // namespace mechcheck::ly
