// Subsidy minimization: T, its concave closure, the kinks (subsidy.hpp).
#include "mechcheck/models/ly/subsidy.hpp"

#include <mpfi.h>

#include <algorithm>
#include <cmath>

namespace mechcheck::ly {

double subsidy_T(const Economy& e, double pb, double ps, double x) {
  const double k = e.kappa.convert_to<double>();
  const double ub0 = e.buyer_value[LO].convert_to<double>(), ub1 = e.buyer_value[HI].convert_to<double>();
  const double us0 = e.seller_value[LO].convert_to<double>(), us1 = e.seller_value[HI].convert_to<double>();
  const double A0 = ub0 + k * std::log(pb), A1 = ub1 + k * std::log(1 - pb);
  const double B0 = us0 - k * std::log(ps), B1 = us1 - k * std::log(1 - ps);
  if (x <= 0) return A0 - B0;
  if (x >= 1) return A1 - B1;
  const double f = std::min(A0 - k * std::log(1 - x), A1 - k * std::log(x));
  const double g = std::max(B0 + k * std::log(1 - x), B1 + k * std::log(x));
  return f - g;
}

NumericSplit subsidy_closure(const Economy& e, double pb, double ps) {
  const double k = e.kappa.convert_to<double>();
  const double ub0 = e.buyer_value[LO].convert_to<double>(), ub1 = e.buyer_value[HI].convert_to<double>();
  const double us0 = e.seller_value[LO].convert_to<double>(), us1 = e.seller_value[HI].convert_to<double>();
  const double m = e.prior[HI].convert_to<double>();
  NumericSplit out;
  // kinks, in a numerically stable form
  out.xb = 1 / (1 + pb / (1 - pb) * std::exp((ub0 - ub1) / k));
  out.xs = 1 / (1 + ps / (1 - ps) * std::exp((us1 - us0) / k));
  const double pts[4] = {0, out.xb, out.xs, 1};
  out.value = -1e300;
  for (double a : pts)
    for (double b : pts) {
      if (a == m && b == m) {
        const double v = subsidy_T(e, pb, ps, m);
        if (v > out.value) out = NumericSplit{v, m, m, out.xb, out.xs};
      }
      if (!(a <= m && m <= b && a < b)) continue;
      const double ta = subsidy_T(e, pb, ps, a), tb = subsidy_T(e, pb, ps, b);
      const double v = ta + (m - a) * (tb - ta) / (b - a);
      if (v > out.value) {
        out.value = v;
        out.x1 = a;
        out.x2 = b;
      }
    }
  return out;
}

NumericOptimum subsidy_optimum(const Economy& e) {
  NumericOptimum best;
  best.split = subsidy_closure(e, 0.5, 0.5);
  const int N = 160;
  for (int a = 1; a < N; ++a)
    for (int b = 1; b < N; ++b) {
      const double pb = static_cast<double>(a) / N, ps = static_cast<double>(b) / N;
      const NumericSplit s = subsidy_closure(e, pb, ps);
      ++best.evaluations;
      if (s.value > best.split.value) {
        best.pb = pb;
        best.ps = ps;
        best.split = s;
      }
    }
  // Pattern search with a shrinking step (V is not smooth everywhere).
  double h = 1.0 / N;
  while (h > 1e-13) {
    bool moved = false;
    for (auto [da, db] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}}) {
      const double pb = best.pb + da * h, ps = best.ps + db * h;
      if (pb <= 0 || pb >= 1 || ps <= 0 || ps >= 1) continue;
      const NumericSplit s = subsidy_closure(e, pb, ps);
      ++best.evaluations;
      if (s.value > best.split.value) {
        best.pb = pb;
        best.ps = ps;
        best.split = s;
        moved = true;
      }
    }
    if (!moved) h /= 2;
  }
  return best;
}

Kinks subsidy_kinks(const Economy& e, const Rational& pb, const Rational& ps) {
  const Rational& k = e.kappa;
  Kinks out;
  out.xb_num = ExpSum::term(1 - pb, e.buyer_value[HI] / k);
  out.Kb = ExpSum::term(pb, e.buyer_value[LO] / k) + out.xb_num;
  out.xs_num = ExpSum::term(1 - ps, -e.seller_value[HI] / k);
  out.Ks = ExpSum::term(ps, -e.seller_value[LO] / k) + out.xs_num;
  return out;
}

ExpSum opt_b_identity(const Economy& e, const Rational& pb, const Kinks& kk) {
  // (Opt^b): u(lo) - k log(1-x) + k log p = u(hi) - k log x + k log(1-p)
  //   <=> p e^{u(lo)/k} x = (1-p) e^{u(hi)/k} (1-x); times K_b with x K_b = xb_num.
  const Rational& k = e.kappa;
  return ExpSum::term(pb, e.buyer_value[LO] / k) * kk.xb_num - ExpSum::term(1 - pb, e.buyer_value[HI] / k) * (kk.Kb - kk.xb_num);
}

ExpSum opt_s_identity(const Economy& e, const Rational& ps, const Kinks& kk) {
  // (Opt^s): u(lo) + k log(1-x) - k log p = u(hi) + k log x - k log(1-p)
  //   <=> (1-p) e^{u(lo)/k} (1-x) = p e^{u(hi)/k} x; times K_s.
  const Rational& k = e.kappa;
  return ExpSum::term(1 - ps, e.seller_value[LO] / k) * (kk.Ks - kk.xs_num) - ExpSum::term(ps, e.seller_value[HI] / k) * kk.xs_num;
}

Interval subsidy_T_enclosure(const Economy& e, const Rational& pb, const Rational& ps, const Interval& x, int endpoint) {
  const Interval k = from_rational<Interval>(e.kappa);
  const Interval A0 = from_rational<Interval>(e.buyer_value[LO]) + k * log_enclosure(pb);
  const Interval A1 = from_rational<Interval>(e.buyer_value[HI]) + k * log_enclosure(1 - pb);
  const Interval B0 = from_rational<Interval>(e.seller_value[LO]) - k * log_enclosure(ps);
  const Interval B1 = from_rational<Interval>(e.seller_value[HI]) - k * log_enclosure(1 - ps);
  if (endpoint == 0) return A0 - B0;
  if (endpoint == 1) return A1 - B1;
  const Interval one = from_rational<Interval>(Rational(1));
  const Interval l1 = boost::multiprecision::log(Interval(one - x)), l0 = boost::multiprecision::log(x);
  const Interval f1 = A0 - k * l1, f2 = A1 - k * l0, g1 = B0 + k * l1, g2 = B1 + k * l0;
  // min and max of enclosures, endpoint-wise (valid enclosures without deciding signs)
  auto lo = [](const Interval& z) { return lower_bound(z); };
  auto hi = [](const Interval& z) { return upper_bound(z); };
  const Rational flo = std::min(lo(f1), lo(f2)), fhi = std::min(hi(f1), hi(f2));
  const Rational glo = std::max(lo(g1), lo(g2)), ghi = std::max(hi(g1), hi(g2));
  // [flo - ghi, fhi - glo] (exact rational ends), enclosed outward
  const Rational a = flo - ghi, b = fhi - glo;
  Interval out;
  mpfi_interv_q(out.backend().data(), a.backend().data(), b.backend().data());
  return out;
}

}  // namespace mechcheck::ly
