// Subsidy minimization: T, its concave closure, the kinks (subsidy.hpp).
#include "ly/model/subsidy.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <mpfi.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace mechcheck::ly {

namespace {

// The economy's constants as doubles, converted once: the numeric search evaluates T some 10^5
// times, and converting a rational to a double costs more than T itself. The conversions and the
// arithmetic are those subsidy_T made on every call, so every double is the same.
struct NumericEconomy {
  double k, ub0, ub1, us0, us1, m;
  explicit NumericEconomy(const Economy& e)
      : k(e.kappa.convert_to<double>()),
        ub0(e.buyer_value[LO].convert_to<double>()),
        ub1(e.buyer_value[HI].convert_to<double>()),
        us0(e.seller_value[LO].convert_to<double>()),
        us1(e.seller_value[HI].convert_to<double>()),
        m(e.prior[HI].convert_to<double>()) {}
};

double numeric_T(const NumericEconomy& n, double pb, double ps, double x) {
  const double k = n.k;
  const double A0 = n.ub0 + k * std::log(pb), A1 = n.ub1 + k * std::log(1 - pb);
  const double B0 = n.us0 - k * std::log(ps), B1 = n.us1 - k * std::log(1 - ps);
  if (x <= 0) return A0 - B0;
  if (x >= 1) return A1 - B1;
  const double f = std::min(A0 - k * std::log(1 - x), A1 - k * std::log(x));
  const double g = std::max(B0 + k * std::log(1 - x), B1 + k * std::log(x));
  return f - g;
}

NumericSplit numeric_closure(const NumericEconomy& n, double pb, double ps) {
  const double k = n.k, m = n.m;
  NumericSplit out;
  // kinks, in a numerically stable form
  out.xb = 1 / (1 + pb / (1 - pb) * std::exp((n.ub0 - n.ub1) / k));
  out.xs = 1 / (1 + ps / (1 - ps) * std::exp((n.us1 - n.us0) / k));
  const double pts[4] = {0, out.xb, out.xs, 1};
  out.value = -1e300;
  for (double a : pts)
    for (double b : pts) {
      if (a == m && b == m) {
        const double v = numeric_T(n, pb, ps, m);
        if (v > out.value) out = NumericSplit{v, m, m, out.xb, out.xs};
      }
      if (!(a <= m && m <= b && a < b)) continue;
      const double ta = numeric_T(n, pb, ps, a), tb = numeric_T(n, pb, ps, b);
      const double v = ta + (m - a) * (tb - ta) / (b - a);
      if (v > out.value) {
        out.value = v;
        out.x1 = a;
        out.x2 = b;
      }
    }
  return out;
}

}  // namespace

double subsidy_T(const Economy& e, double pb, double ps, double x) { return numeric_T(NumericEconomy(e), pb, ps, x); }

NumericSplit subsidy_closure(const Economy& e, double pb, double ps) {
  return numeric_closure(NumericEconomy(e), pb, ps);
}

NumericOptimum subsidy_optimum(const Economy& e) {
  const NumericEconomy n(e);
  NumericOptimum best;
  best.split = numeric_closure(n, 0.5, 0.5);
  const int N = 160;
  for (int a = 1; a < N; ++a)
    for (int b = 1; b < N; ++b) {
      const double pb = static_cast<double>(a) / N, ps = static_cast<double>(b) / N;
      const NumericSplit s = numeric_closure(n, pb, ps);
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
      const NumericSplit s = numeric_closure(n, pb, ps);
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
  return ExpSum::term(pb, e.buyer_value[LO] / k) * kk.xb_num -
         ExpSum::term(1 - pb, e.buyer_value[HI] / k) * (kk.Kb - kk.xb_num);
}

ExpSum opt_s_identity(const Economy& e, const Rational& ps, const Kinks& kk) {
  // (Opt^s): u(lo) + k log(1-x) - k log p = u(hi) + k log x - k log(1-p)
  //   <=> (1-p) e^{u(lo)/k} (1-x) = p e^{u(hi)/k} x; times K_s.
  const Rational& k = e.kappa;
  return ExpSum::term(1 - ps, e.seller_value[LO] / k) * (kk.Ks - kk.xs_num) -
         ExpSum::term(ps, e.seller_value[HI] / k) * kk.xs_num;
}

Interval subsidy_T_enclosure(const Economy& e, const Rational& pb, const Rational& ps, const Interval& x,
                             int endpoint) {
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

// ---- certified closure bounds and the branch-and-bound over Lambda ------------------------

namespace mechcheck::ly {
namespace {

Interval I(const Rational& q) { return from_rational<Interval>(q); }
Interval hull(const Rational& lo, const Rational& hi) {
  Interval out;
  mpfi_interv_q(out.backend().data(), lo.backend().data(), hi.backend().data());
  return out;
}
Interval imin(const Interval& a, const Interval& b) {
  return hull(std::min(lower_bound(a), lower_bound(b)), std::min(upper_bound(a), upper_bound(b)));
}
Interval imax(const Interval& a, const Interval& b) {
  return hull(std::max(lower_bound(a), lower_bound(b)), std::max(upper_bound(a), upper_bound(b)));
}

// The enclosures log_enclosure(q, 128) of rational box ends and centres, each computed once per
// branch-and-bound: the boxes' ends are dyadic points shared by many boxes (a child's ends are
// its parent's ends and centre), and log_enclosure gives the same enclosure for the same
// rational, so a remembered one is the one a new computation would give. Safe to share between
// threads.
class LogTable {
 public:
  Interval operator()(const Rational& q) {
    {
      std::lock_guard lock(mutex_);
      if (const auto it = logs_.find(q); it != logs_.end()) return it->second;
    }
    const Interval log_q = log_enclosure(q, 128);
    std::lock_guard lock(mutex_);
    logs_.emplace(q, log_q);
    return log_q;
  }

 private:
  std::mutex mutex_;
  std::map<Rational, Interval> logs_;
};

// log over [lo, hi] (0 < lo <= hi): log is increasing.
Interval log_range(LogTable& logs, const Rational& lo, const Rational& hi) {
  return hull(lower_bound(logs(lo)), upper_bound(logs(hi)));
}

TParams box_params(const Economy& e, const PBox& b, LogTable& logs) {
  const Interval k = I(e.kappa);
  TParams t;
  t.A0 = I(e.buyer_value[LO]) + k * log_range(logs, b.pb_lo, b.pb_hi);
  t.A1 = I(e.buyer_value[HI]) + k * log_range(logs, 1 - b.pb_hi, 1 - b.pb_lo);
  t.B0 = I(e.seller_value[LO]) - k * log_range(logs, b.ps_lo, b.ps_hi);
  t.B1 = I(e.seller_value[HI]) - k * log_range(logs, 1 - b.ps_hi, 1 - b.ps_lo);
  return t;
}

TParams upper_params(const Economy& e, const PBox& b, LogTable& logs) {
  const Interval k = I(e.kappa);
  TParams t;
  t.A0 = I(e.buyer_value[LO]) + k * logs(b.pb_hi);
  t.A1 = I(e.buyer_value[HI]) + k * logs(1 - b.pb_lo);
  t.B0 = I(e.seller_value[LO]) - k * logs(b.ps_hi);
  t.B1 = I(e.seller_value[HI]) - k * logs(1 - b.ps_lo);
  return t;
}

// What every closure bound of one problem shares, made once: kappa, 0, 1 and mu0 enclosed, and
// the logarithms log(mu0), log(1 - mu0) of T(mu0) (the operations closure_bounds made on every
// call, on the same enclosures, hence the same enclosures).
struct ClosureConstants {
  Rational m;
  Interval k, zero, one, mi, log_m, log_one_minus_m;
  ClosureConstants(const Rational& mu0_hi, const Rational& kappa)
      : m(mu0_hi), k(I(kappa)), zero(I(Rational(0))), one(I(Rational(1))), mi(I(mu0_hi)) {
    log_m = boost::multiprecision::log(mi);
    log_one_minus_m = boost::multiprecision::log(Interval(one - mi));
  }
};

// A point of the closure's candidate set: enclosures of x and of T(x).
struct Pt {
  Interval x, T;
};

// The chord between a <= mu0 <= b at mu0 is lambda T(a) + (1 - lambda) T(b), lambda = (b - mu0)/(b - a)
// in [0, 1]; it is linear in lambda, so its bounds are at the ends of lambda's range (clipped to
// [0, 1]). `hi` bounds it from above when the pair may be valid (a <= mu0 <= b possible); `lo`
// bounds it from below when the pair is certainly valid (a <= mu0 <= b certain and a < b), else
// nullopt. Both come from one enclosure of lambda and of the chord at each end of its range.
struct Chord {
  std::optional<Rational> hi, lo;
};
Chord chord(const Pt& a, const Pt& b, const ClosureConstants& c) {
  const Rational& m = c.m;
  Chord out;
  if (!(lower_bound(a.x) <= m && m <= upper_bound(b.x))) return out;
  const bool certain_order = upper_bound(a.x) <= m && m <= lower_bound(b.x);
  const Interval d = b.x - a.x;
  const bool apart = lower_bound(d) > 0;  // otherwise a = b = mu0 is possible: not decided here
  Rational lo = 0, hi = 1;
  if (apart) {
    const Interval lam = (b.x - c.mi) / d;
    lo = std::max(lo, lower_bound(lam));
    hi = std::min(hi, upper_bound(lam));
    if (lo > hi) return out;
  }
  const bool lower_valid = certain_order && apart;
  for (const Rational& l : {lo, hi}) {
    const Interval v = I(l) * a.T + I(1 - l) * b.T;
    if (!out.hi || upper_bound(v) > *out.hi) out.hi = upper_bound(v);
    if (lower_valid && (!out.lo || lower_bound(v) < *out.lo)) out.lo = lower_bound(v);
  }
  return out;
}
void raise(std::optional<Rational>& to, const std::optional<Rational>& v) {
  if (v && (!to || *v > *to)) to = v;
}

// One player's part of the closure bounds, a function of that player's two constants alone: its
// kink (A0 - k log(1-x) = A1 - k log x for the buyer, B0 + k log(1-x) = B1 + k log x for the
// seller) and, when the kink is certainly inside (0, 1), its side of T at the kink in closed form
// (f(x_b) = k log(e^{A0/k} + e^{A1/k}), g(x_s) = -k log(e^{-B0/k} + e^{-B1/k})) and the
// logarithms log(1 - x), log x at which the other player's side is evaluated there.
struct KinkSide {
  Interval x;
  bool inside = false;
  Interval at_kink, log_one_minus_x, log_x;
};
KinkSide buyer_side(const TParams& t, const ClosureConstants& c) {
  using boost::multiprecision::exp;
  using boost::multiprecision::log;
  const Interval &k = c.k, &one = c.one;
  KinkSide out;
  out.x = one / (one + exp((t.A0 - t.A1) / k));
  out.inside = lower_bound(out.x) > 0 && upper_bound(out.x) < 1;
  if (!out.inside) return out;
  out.at_kink = k * log(Interval(exp(t.A0 / k) + exp(t.A1 / k)));
  out.log_one_minus_x = log(Interval(one - out.x));
  out.log_x = log(out.x);
  return out;
}
KinkSide seller_side(const TParams& t, const ClosureConstants& c) {
  using boost::multiprecision::exp;
  using boost::multiprecision::log;
  const Interval &k = c.k, &one = c.one;
  KinkSide out;
  out.x = one / (one + exp((t.B1 - t.B0) / k));
  out.inside = lower_bound(out.x) > 0 && upper_bound(out.x) < 1;
  if (!out.inside) return out;
  out.at_kink = -k * log(Interval(exp(-t.B0 / k) + exp(-t.B1 / k)));
  out.log_one_minus_x = log(Interval(one - out.x));
  out.log_x = log(out.x);
  return out;
}

// The kink sides of one branch-and-bound, remembered by the player's two constants (their exact
// endpoints): a box's four children have only two ranges of p_b and two of p_s between them, and
// boxes in one column or row of the grid share theirs, so most sides recur; the same constants
// give the same side, so a remembered side is the one a new computation would give. Safe to
// share between threads.
class SideTable {
 public:
  using Make = KinkSide (*)(const TParams&, const ClosureConstants&);
  explicit SideTable(Make make) : make_(make) {}
  KinkSide operator()(const TParams& t, const Interval& c0, const Interval& c1, const ClosureConstants& c) {
    const Key key{lower_bound(c0), upper_bound(c0), lower_bound(c1), upper_bound(c1)};
    {
      std::lock_guard lock(mutex_);
      if (const auto it = sides_.find(key); it != sides_.end()) return it->second;
    }
    const KinkSide side = make_(t, c);
    std::lock_guard lock(mutex_);
    sides_.emplace(key, side);
    return side;
  }

 private:
  using Key = std::array<Rational, 4>;
  Make make_;
  std::mutex mutex_;
  std::map<Key, KinkSide> sides_;
};

// What one branch-and-bound remembers (every entry a pure function of its key).
struct ClosureMemo {
  LogTable logs;
  SideTable buyer{&buyer_side}, seller{&seller_side};
};

ClosureBounds closure_bounds_with(const TParams& t, const ClosureConstants& c, bool monotone,
                                  ClosureMemo* memo = nullptr) {
  const Rational& m = c.m;
  const Interval &k = c.k, &one = c.one;
  ClosureBounds out;
  const KinkSide buyer = memo ? memo->buyer(t, t.A0, t.A1, c) : buyer_side(t, c);
  const KinkSide seller = memo ? memo->seller(t, t.B0, t.B1, c) : seller_side(t, c);
  out.xb = buyer.x;
  out.xs = seller.x;
  // f and g at mu0, with the logarithms made once.
  const Interval f_m = imin(t.A0 - k * c.log_one_minus_m, t.A1 - k * c.log_m);
  const Interval g_m = imax(t.B0 + k * c.log_one_minus_m, t.B1 + k * c.log_m);
  const Pt p0{c.zero, t.A0 - t.B0}, p1{one, t.A1 - t.B1}, pm{c.mi, f_m - g_m};
  out.prior_lo = lower_bound(pm.T);
  // The chord (0, 1) is always valid: a lower bound of the boundary splits.
  const Chord ends = chord(p0, p1, c);
  out.boundary_lo = *ends.lo;
  out.boundary_hi = *ends.hi;
  out.bounded = buyer.inside && seller.inside;
  if (!out.bounded) return out;
  // At its own kink each player's side has a closed form (KinkSide::at_kink); the other side is
  // g(x_b) = max(B0 + k log(1 - x_b), B1 + k log x_b), f(x_s) = min(A0 - k log(1 - x_s), A1 - k log x_s).
  const Interval g_xb = imax(t.B0 + k * buyer.log_one_minus_x, t.B1 + k * buyer.log_x);
  const Interval f_xs = imin(t.A0 - k * seller.log_one_minus_x, t.A1 - k * seller.log_x);
  const Pt pb{out.xb, buyer.at_kink - g_xb}, ps{out.xs, f_xs - seller.at_kink};
  // Interior splits: on {x_b, x_s} (either order), or one realization at a kink equal to mu0.
  const Chord sb = chord(ps, pb, c), bs = chord(pb, ps, c);
  raise(out.interior_hi, sb.hi);
  raise(out.interior_hi, bs.hi);
  for (const Pt* q : {&pb, &ps})
    if (lower_bound(q->x) <= m && m <= upper_bound(q->x)) raise(out.interior_hi, upper_bound(q->T));
  raise(out.interior_lo, sb.lo);
  raise(out.interior_lo, bs.lo);
  // Boundary splits: after moving every posterior to the ends of its convex piece, a split is a
  // distribution on {0, x_b, x_s, 1} with mean mu0, and the best one is a vertex of that linear
  // program: a pair. The pairs using 0 or 1: (0, 1), (0, kink), (kink, 1).
  // For a monotone majorant (corner parameters: the kinks there are not those of the p bounded)
  // take instead sup over b in [mu0, 1] of chord(0, b) and over a in [0, mu0] of chord(a, 1),
  // which is monotone in T; on each convex piece the slope from the fixed end is quasiconvex, so
  // that sup is at a piece end: mu0, a kink, or the other end.
  std::optional<Rational> hi = out.boundary_hi, lo = out.boundary_lo;
  for (const Pt* q : {&pb, &ps}) {
    const Chord from0 = chord(p0, *q, c), to1 = chord(*q, p1, c);
    raise(hi, from0.hi);
    raise(hi, to1.hi);
    raise(lo, from0.lo);
    raise(lo, to1.lo);
  }
  if (monotone) raise(hi, upper_bound(pm.T));  // chord(0, mu0) = chord(mu0, 1) = T(mu0)
  out.boundary_hi = *hi;
  out.boundary_lo = *lo;
  return out;
}

}  // namespace

TParams t_params_point(const Economy& e, const Rational& pb, const Rational& ps) {
  return t_params_box(e, PBox{pb, pb, ps, ps});
}

TParams t_params_box(const Economy& e, const PBox& b) {
  LogTable logs;
  return box_params(e, b, logs);
}

TParams t_params_upper(const Economy& e, const PBox& b) {
  LogTable logs;
  return upper_params(e, b, logs);
}

Rational ClosureBounds::best_lo() const {
  Rational best = std::max(boundary_lo, prior_lo);
  if (interior_lo && *interior_lo > best) best = *interior_lo;
  return best;
}

ClosureBounds closure_bounds(const TParams& t, const Rational& m, const Rational& kappa, bool monotone) {
  return closure_bounds_with(t, ClosureConstants(m, kappa), monotone);
}

SubsidyCertificate certify_subsidy_optimum(const Economy& e, const Rational& pb0, const Rational& ps0, int refinements,
                                           int max_depth) {
  const Rational m = e.prior[HI];
  const ClosureConstants constants(m, e.kappa);
  ClosureMemo memo;
  LogTable& logs = memo.logs;
  SubsidyCertificate out;
  // The closure bounds at a point (p_b, p_s), and the incumbent raised to their lower bound.
  auto point_bounds = [&](const Rational& pb, const Rational& ps) {
    return closure_bounds_with(box_params(e, PBox{pb, pb, ps, ps}, logs), constants, false, &memo);
  };
  auto offer = [&](const Rational& pb, const Rational& ps, const ClosureBounds& c) {
    const Rational v = c.best_lo();
    if (out.boxes == 0 || v > out.lower) {
      out.lower = v;
      out.best_pb = pb;
      out.best_ps = ps;
      out.lower_from_boundary = !(c.interior_lo && *c.interior_lo == v) && c.prior_lo != v;
    }
  };
  const ClosureBounds at_candidate = point_bounds(pb0, ps0);
  offer(pb0, ps0, at_candidate);
  out.candidate_hi = at_candidate.cav_hi();
  struct Leaf {
    PBox box;
    int depth;
    Rational cav_hi, interior_hi, boundary_hi;
    bool has_interior;
    Interval xb, xs;
    bool kinks_known;
    bool bounded;
    bool interior_out(const Rational& lower) const { return bounded && (!has_interior || interior_hi < lower); }
    bool boundary_out(const Rational& lower) const { return bounded && boundary_hi < lower; }
  };
  // The closure bounds a box's evaluation uses, none of which depends on the incumbent: at the
  // corner (t_params_upper), at the centre (offered as a candidate) and over the box (its interval
  // extension, off the edges only). Computed ahead of the evaluation, in parallel for a box's
  // children; what is missing is computed when needed.
  struct BoxBounds {
    std::optional<ClosureBounds> corner, centre, inside;
  };
  auto centre_of = [](const PBox& b) { return std::pair{(b.pb_lo + b.pb_hi) / 2, (b.ps_lo + b.ps_hi) / 2}; };
  auto corner_bounds = [&](const PBox& b) {
    return closure_bounds_with(upper_params(e, b, logs), constants, true, &memo);
  };
  auto centre_bounds = [&](const PBox& b) {
    const auto [pb, ps] = centre_of(b);
    return point_bounds(pb, ps);
  };
  auto inside_bounds = [&](const PBox& b) {
    return closure_bounds_with(box_params(e, b, logs), constants, false, &memo);
  };
  auto pruned_by_corner = [&](const ClosureBounds& u) { return u.bounded && u.cav_hi() < out.lower; };
  // Bounds on one box (capped by its parent's, which cover it); nullopt when pruned.
  auto evaluate = [&](const PBox& b, int depth, const Leaf* parent, BoxBounds& bounds) -> std::optional<Leaf> {
    ++out.boxes;
    if (!bounds.corner) bounds.corner = corner_bounds(b);
    const ClosureBounds& u = *bounds.corner;
    if (pruned_by_corner(u)) {
      ++out.pruned;
      return std::nullopt;
    }
    if (!bounds.centre) bounds.centre = centre_bounds(b);
    const auto [pb, ps] = centre_of(b);
    offer(pb, ps, *bounds.centre);
    // The corner bounds the whole closure and its boundary part (both monotone in T), not the
    // interior part (the kinks move with p): that one comes from the box's interval extension,
    // capped by the closure's bound.
    Leaf leaf{b, depth, u.cav_hi(), u.cav_hi(), u.boundary_hi, true, u.xb, u.xs, false, u.bounded};
    if (!b.on_edge()) {
      if (!bounds.inside) bounds.inside = inside_bounds(b);
      const ClosureBounds& w = *bounds.inside;
      if (w.bounded) {
        leaf.boundary_hi = std::min(leaf.boundary_hi, w.boundary_hi);
        if (!w.interior_hi) leaf.has_interior = false;
        else leaf.interior_hi = std::min(leaf.interior_hi, *w.interior_hi);
        leaf.xb = w.xb;
        leaf.xs = w.xs;
        leaf.kinks_known = true;
      }
    }
    if (parent && parent->bounded) {
      if (!leaf.bounded) {
        leaf.bounded = true;
        leaf.cav_hi = parent->cav_hi;
        leaf.boundary_hi = parent->boundary_hi;
        leaf.has_interior = parent->has_interior;
        leaf.interior_hi = parent->interior_hi;
      } else {
        leaf.cav_hi = std::min(leaf.cav_hi, parent->cav_hi);
        leaf.boundary_hi = std::min(leaf.boundary_hi, parent->boundary_hi);
        if (!parent->has_interior) leaf.has_interior = false;
        else if (leaf.has_interior) leaf.interior_hi = std::min(leaf.interior_hi, parent->interior_hi);
      }
    }
    leaf.interior_hi = std::min(leaf.interior_hi, leaf.cav_hi);
    leaf.boundary_hi = std::min(leaf.boundary_hi, leaf.cav_hi);
    if (leaf.bounded) leaf.cav_hi = leaf.has_interior ? std::max(leaf.interior_hi, leaf.boundary_hi) : leaf.boundary_hi;
    if (leaf.interior_out(out.lower) && leaf.boundary_out(out.lower)) {
      ++out.pruned;
      return std::nullopt;
    }
    return leaf;
  };
  auto children = [](const PBox& b) {
    const Rational pm = (b.pb_lo + b.pb_hi) / 2, sm = (b.ps_lo + b.ps_hi) / 2;
    return std::array<PBox, 4>{PBox{b.pb_lo, pm, b.ps_lo, sm}, PBox{pm, b.pb_hi, b.ps_lo, sm},
                               PBox{b.pb_lo, pm, sm, b.ps_hi}, PBox{pm, b.pb_hi, sm, b.ps_hi}};
  };
  // A box's four children, evaluated in order as one after the other (each may raise the
  // incumbent before the next is judged), with their bounds computed in parallel beforehand: the
  // corners first; then the centres and insides of the children the corners do not prune yet.
  // The incumbent only rises while the children are evaluated, so a child pruned by its corner now
  // is pruned when its turn comes: its centre is never offered, as in the sequential order.
  auto evaluate_children = [&](const Leaf& parent) {
    const std::array<PBox, 4> boxes = children(parent.box);
    std::array<BoxBounds, 4> bounds;
    mechcheck::parallel_for(std::size_t(0), std::size_t(4),
                            [&](std::size_t c) { bounds[c].corner = corner_bounds(boxes[c]); });
    std::array<bool, 4> open{};
    for (std::size_t c = 0; c < 4; ++c) open[c] = !pruned_by_corner(*bounds[c].corner);
    mechcheck::parallel_for(std::size_t(0), std::size_t(8), [&](std::size_t task) {
      const std::size_t c = task / 2;
      if (!open[c]) return;
      if (task % 2 == 0) bounds[c].centre = centre_bounds(boxes[c]);
      else if (!boxes[c].on_edge()) bounds[c].inside = inside_bounds(boxes[c]);
    });
    std::vector<Leaf> kept;
    for (std::size_t c = 0; c < 4; ++c)
      if (auto child = evaluate(boxes[c], parent.depth + 1, &parent, bounds[c])) kept.push_back(*child);
    return kept;
  };
  // Phase 1: split until every box left is decided the way the incumbent is (its interior splits,
  // or its boundary splits, certainly below the incumbent), off the edges and of width at most
  // 2^-min_depth, or reaches max_depth. Repeated while the incumbent changes kind.
  constexpr int min_depth = 5;
  std::vector<Leaf> leaves;
  std::vector<Leaf> stack;
  BoxBounds root_bounds;
  if (auto root = evaluate(PBox{Rational(0), Rational(1), Rational(0), Rational(1)}, 0, nullptr, root_bounds))
    stack.push_back(*root);
  while (!stack.empty()) {
    while (!stack.empty()) {
      const Leaf l = stack.back();
      stack.pop_back();
      if (l.interior_out(out.lower) && l.boundary_out(out.lower)) {
        ++out.pruned;
        continue;
      }
      const bool final_kind = out.lower_from_boundary ? l.interior_out(out.lower) : l.boundary_out(out.lower);
      if ((final_kind && !l.box.on_edge() && l.depth >= min_depth) || l.depth >= max_depth) {
        leaves.push_back(l);
        continue;
      }
      for (Leaf& child : evaluate_children(l)) stack.push_back(std::move(child));
    }
    std::vector<Leaf> kept;
    for (const Leaf& l : leaves) {
      const bool final_kind = out.lower_from_boundary ? l.interior_out(out.lower) : l.boundary_out(out.lower);
      if (l.interior_out(out.lower) && l.boundary_out(out.lower)) ++out.pruned;
      else if ((final_kind && !l.box.on_edge() && l.depth >= min_depth) || l.depth >= max_depth) kept.push_back(l);
      else stack.push_back(l);
    }
    leaves = std::move(kept);
  }
  // Phase 2 (best first): split the box with the largest closure bound, to tighten the
  // enclosure of the optimum and the region, `refinements` times at most.
  for (int r = 0; r < refinements && !leaves.empty(); ++r) {
    auto top = std::max_element(leaves.begin(), leaves.end(),
                                [](const Leaf& a, const Leaf& b) { return a.cav_hi < b.cav_hi; });
    if (top->depth >= max_depth + 8) break;
    const Leaf l = *top;
    leaves.erase(top);
    for (Leaf& child : evaluate_children(l)) leaves.push_back(std::move(child));
  }
  // Classify the leaves against the final incumbent.
  bool first = true, interior_all = true, boundary_all = true, straddle = true, unbounded = false;
  int side = 0;
  for (const Leaf& l : leaves) {
    const bool interior_out = l.interior_out(out.lower), boundary_out = l.boundary_out(out.lower);
    if (interior_out && boundary_out) {
      ++out.pruned;
      continue;
    }
    if (!l.bounded) unbounded = true;
    const Rational hi = l.cav_hi;
    if (first || hi > out.upper) out.upper = hi;
    if (first) out.region = l.box;
    out.region.pb_lo = std::min(out.region.pb_lo, l.box.pb_lo);
    out.region.pb_hi = std::max(out.region.pb_hi, l.box.pb_hi);
    out.region.ps_lo = std::min(out.region.ps_lo, l.box.ps_lo);
    out.region.ps_hi = std::max(out.region.ps_hi, l.box.ps_hi);
    first = false;
    if (l.box.contains(pb0, ps0)) out.candidate_in_region = true;
    if (boundary_out) ++out.leaves_interior;
    else if (interior_out) ++out.leaves_boundary;
    else ++out.leaves_undecided;
    interior_all = interior_all && boundary_out;
    boundary_all = boundary_all && interior_out;
    int s = 0;
    if (l.kinks_known) {
      if (lower_bound(l.xs) > m && upper_bound(l.xb) < m) s = -1;
      if (upper_bound(l.xs) < m && lower_bound(l.xb) > m) s = 1;
    }
    if (s == 0 || (side != 0 && s != side)) straddle = false;
    side = s;
  }
  out.region_off_edges = !first && !out.region.on_edge();
  out.kinks_straddle = straddle && !first;
  out.buyer_kink_side = out.kinks_straddle ? side : 0;
  if (unbounded) out.why = "a kink's enclosure reached 0 or 1";
  else if (interior_all && out.region_off_edges) out.optimum = SubsidyCertificate::Optimum::interior;
  else if (boundary_all) out.optimum = SubsidyCertificate::Optimum::boundary;
  else if (interior_all) out.why = "the near-optimal region reaches the edge of (0, 1)^2";
  else
    out.why = std::to_string(out.leaves_undecided) + " boxes of width 2^-" + std::to_string(max_depth) +
              " where neither the interior splits nor the boundary splits are certainly below the best value";
  return out;
}

}  // namespace mechcheck::ly
