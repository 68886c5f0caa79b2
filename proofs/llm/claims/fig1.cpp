// llm.fig1 — Section 5.3 and Figure 1: expected spot-market revenue at the interior holdings r*
// and at the cornered holdings (1, 0, ..., 0) as k_1 varies, with the paper's description of
// the two curves checked on exact values.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/number/decimal.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/report/files.hpp"
#include "mechcheck/report/plot.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <variant>

namespace mechcheck::proofs {

using namespace mechcheck::llm;
using namespace llm_detail;

namespace {

Economy with_k1(const Economy& base, const Rational& k1) {
  Economy e = base;
  e.agents[0].k = k1;
  e.holdings.reset();
  return e;
}

Algebraic interior_revenue(const Economy& e) { return expected_surplus_eq11(e, r_star(e)); }

Algebraic cornered_revenue(const Economy& e) {
  std::vector<Algebraic> r(e.size(), Algebraic(0));
  r[0] = Algebraic(1);
  return expected_surplus_eq11(e, r);
}

// interior - cornered at k1, exactly.
Algebraic revenue_gap(const Economy& base, const Rational& k1) {
  Economy e = with_k1(base, k1);
  return interior_revenue(e) - cornered_revenue(e);
}

// ---- the crossing as an exact algebraic number ----------------------------------------------
//
// Where the two curves cross, k_1 is algebraic, and on Figure 1's economy this finds it exactly.
// q_i(t) = sum over the sets S of other agents of P(exactly S is above t) * min(k_i, max(0, 1 - k_S))
// (Section 3; interim_allocation): the probabilities do not involve k_1, and every min/max is affine
// in k_1 between the values shape_changes lists. So on a bracket [lo, hi] without such a value inside,
// q_i(t; k_1) = C_i(t) + k_1 D_i(t) for polynomials C_i, D_i (one piece on the support for uniform
// types), which two evaluations of the model at lo and hi give. If every q_i is strictly increasing in
// t at both ends, it is at every k_1 of the bracket (a convex combination), and then eq. (11) gives
//   interior - cornered = G(hat, k_1),
//   G(t, k_1) = sum_i [int_lo^t q_i - t q_i(t)] - [int_lo^hi q_1 - k_1 hi],
// with hat the one root of P(t, k_1) = sum_i q_i(t) - 1 (eq. (8)): at r* = q(hat), Lemma 1's formula
// gives every agent the worst-off type hat (q_i strictly increasing), and min(r*_i, k_i) = q_i(hat)
// since q_i <= k_i by its definition; at (1, 0, ..., 0) agent 1's outside
// quantity is k_1 with worst-off type hi when q_1(hi) = k_1, and the others' terms vanish (worst-off
// type lo, quantity 0); E[q_i(theta_i) theta_i - int_lo^theta_i q_i] is the same for both holdings.
// A crossing k_1 = c is then a common root in t of P(., c) and G(., c), so c is a root of their
// resultant R(k_1) (a polynomial, affine entries in a Sylvester determinant), and a bracket holding one
// root of R and a sign change of the continuous gap holds exactly that root. G is compared with the
// model's revenues at lo and hi, and the interpolation of q_i with the model at the midpoint, so a
// slip in this derivation is an error, never a wrong value.

// The values of k_1 where some q_i changes its shape: k_1 = 1 - k_T (what agents T leave meets
// agent 1's cap, or what agent 1 and T leave reaches 0) and k_1 = 1 - k_T - k_j (what agent 1 and T
// leave meets agent j's cap), for T a set of agents other than agent 1 and j another such agent.
std::vector<Rational> shape_changes(const Economy& base) {
  const std::size_t others = base.size() - 1;
  if (others > 20) throw std::length_error("Figure 1's shape changes: more than 2^20 sets of agents");
  std::vector<Rational> out;
  for (unsigned long mask = 0; mask < (1ul << others); ++mask) {
    Rational left = 1;  // 1 - k_T
    for (std::size_t j = 0; j < others; ++j)
      if (mask & (1ul << j)) left -= base.agents[j + 1].k;
    out.push_back(left);
    for (std::size_t j = 0; j < others; ++j)
      if (!(mask & (1ul << j))) out.push_back(left - base.agents[j + 1].k);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The Sylvester determinant of p and g with formal degrees dp and dg (coefficients above a degree
// are 0): the resultant, which vanishes whenever p and g have a common root.
Rational sylvester_determinant(const RationalPolynomial& p, int dp, const RationalPolynomial& g, int dg) {
  const int size = dp + dg;
  std::vector<std::vector<Rational>> m(size, std::vector<Rational>(size, Rational(0)));
  for (int row = 0; row < dg; ++row)
    for (int c = 0; c <= dp; ++c) m[row][row + c] = p.coefficient(dp - c);
  for (int row = 0; row < dp; ++row)
    for (int c = 0; c <= dg; ++c) m[dg + row][row + c] = g.coefficient(dg - c);
  Rational det = 1;
  for (int col = 0; col < size; ++col) {
    int pivot = col;
    while (pivot < size && m[pivot][col] == 0) ++pivot;
    if (pivot == size) return 0;
    if (pivot != col) {
      std::swap(m[pivot], m[col]);
      det = -det;
    }
    det *= m[col][col];
    for (int row = col + 1; row < size; ++row) {
      if (m[row][col] == 0) continue;
      const Rational factor = m[row][col] / m[col][col];
      for (int c = col; c < size; ++c) m[row][c] -= factor * m[col][c];
    }
  }
  return det;
}

// Polynomials in t whose coefficients are affine in k_1: at(k_1) = constant + k_1 * slope.
struct AffineInK1 {
  RationalPolynomial constant, slope;
  RationalPolynomial at(const Rational& k1) const { return constant + slope * k1; }
  int degree() const { return std::max(constant.degree(), slope.degree()); }
};

// The resultant in t of P and G as a polynomial in k_1: its degree is at most deg P + deg G (each
// row of the Sylvester matrix is affine in k_1), so it is interpolated from that many + 1 values at
// k_1 = 0, 1, 2, ... and confirmed at one more.
RationalPolynomial resultant_in_k1(const AffineInK1& p, const AffineInK1& g) {
  const int dp = p.degree(), dg = g.degree(), count = dp + dg + 1;
  std::vector<Rational> x, divided;
  for (int j = 0; j <= count; ++j) {
    x.emplace_back(j);
    divided.push_back(sylvester_determinant(p.at(x.back()), dp, g.at(x.back()), dg));
  }
  const Rational check_value = divided.back();
  x.pop_back();
  divided.pop_back();
  // Newton's divided differences, then the Newton form expanded.
  for (int level = 1; level < count; ++level)
    for (int j = count - 1; j >= level; --j) divided[j] = (divided[j] - divided[j - 1]) / (x[j] - x[j - level]);
  RationalPolynomial result = RationalPolynomial::constant(divided[count - 1]);
  for (int j = count - 2; j >= 0; --j)
    result = result * RationalPolynomial({-x[j], Rational(1)}) + RationalPolynomial::constant(divided[j]);
  if (result(Rational(count)) != check_value)
    throw std::logic_error("Figure 1's resultant: the interpolated polynomial misses its check value");
  return result;
}

// The one root of sum_i q_i(t) = 1 in [lo, hi] (the caller made the sum strictly increasing).
Algebraic root_in_support(const RationalPolynomial& p, const Economy& base) {
  const auto roots = p.real_roots(base.lo, base.hi);
  if (roots.size() != 1) throw std::logic_error("Figure 1: sum_i q_i(t) = 1 has no single root in [lo, hi]");
  return roots.front();
}

// The crossing in [lo, hi] exactly, where the gap has sign sign_lo != 0 at lo and the other sign at hi
// and no shape change lies inside; or why it cannot be had.
std::variant<Algebraic, std::string> exact_crossing(const Economy& base, const Rational& lo, const Rational& hi,
                                                    int sign_lo) {
  const std::size_t n = base.size();
  std::vector<RationalPolynomial> at_lo, at_hi;  // q_i at both ends: one polynomial each
  for (const auto& [k1, into] : {std::pair{lo, &at_lo}, std::pair{hi, &at_hi}})
    for (const auto& q : interim_allocations(with_k1(base, k1))) {
      if (q.piece_count() != 1)
        return std::string("q_i has several pieces on the support; the elimination works with one polynomial per q_i");
      if (!strictly_increasing(q.pieces().front(), base.lo, base.hi))
        return std::string("q_i is not strictly increasing at k1 = " + to_string(k1) +
                           ", so the worst-off types are not all the root of eq. (8)");
      into->push_back(q.pieces().front());
    }
  const Rational mid = (lo + hi) / 2;
  const auto q_mid = interim_allocations(with_k1(base, mid));
  std::vector<AffineInK1> q;
  for (std::size_t i = 0; i < n; ++i) {
    const RationalPolynomial slope = (at_hi[i] - at_lo[i]) * (Rational(1) / (hi - lo));
    q.push_back({at_lo[i] - slope * lo, slope});
    if (q_mid[i].piece_count() != 1 || q_mid[i].pieces().front() != q[i].at(mid))
      throw std::logic_error("Figure 1: q_" + std::to_string(i + 1) + " is not affine in k1 on [" + to_string(lo) +
                             ", " + to_string(hi) + "]");
  }
  // Agent 1's worst-off type at (1, 0, ..., 0) is hi when q_1(hi) = k_1 at both ends (hence between).
  if (at_lo[0](base.hi) != lo || at_hi[0](base.hi) != hi)
    return std::string("agent 1's worst-off type at (1, 0, ..., 0) is not the top of the support");
  const RationalPolynomial t = RationalPolynomial::identity();
  auto from_lo = [&](const RationalPolynomial& f) {  // int_lo^t f
    const RationalPolynomial F = f.antiderivative();
    return F - RationalPolynomial::constant(F(base.lo));
  };
  AffineInK1 p{RationalPolynomial::constant(-1), RationalPolynomial()}, g;
  for (const auto& qi : q) {
    p.constant += qi.constant;
    p.slope += qi.slope;
    g.constant += from_lo(qi.constant) - t * qi.constant;
    g.slope += from_lo(qi.slope) - t * qi.slope;
  }
  g.constant -= RationalPolynomial::constant(from_lo(q[0].constant)(base.hi));
  g.slope -= RationalPolynomial::constant(from_lo(q[0].slope)(base.hi) - base.hi);
  // G at hat is the model's gap (eq. (11) at both holdings) at both ends of the bracket.
  for (const Rational& k1 : {lo, hi}) {
    const Algebraic hat = root_in_support(p.at(k1), base);
    if (g.at(k1)(hat) != revenue_gap(base, k1))
      throw std::logic_error("Figure 1: the gap's closed form differs from the model's revenues at k1 = " +
                             to_string(k1));
  }
  if (p.degree() < 1 || g.degree() < 1) return std::string("eq. (8) or the gap does not involve the type");
  const RationalPolynomial resultant = resultant_in_k1(p, g);
  if (resultant.is_zero())
    return std::string("the resultant of eq. (8) and the gap vanishes identically (a common factor)");
  // The bracket holds a crossing, which is a root of the resultant: between rationals that separate
  // the roots, the one interval where the gap changes sign holds it.
  const auto roots = resultant.real_roots(lo, hi);
  if (roots.empty()) throw std::logic_error("Figure 1: the resultant has no root in the crossing's bracket");
  int sign_left = sign_lo;
  for (std::size_t l = 0; l < roots.size(); ++l) {
    if (l + 1 == roots.size()) return roots[l];
    const Rational separator = rational_strictly_between(roots[l], roots[l + 1]);
    const int sign = revenue_gap(base, separator).sign();
    if (sign != sign_left) return roots[l];  // not 0: a zero of the gap is a root of the resultant
    sign_left = sign;
  }
  return std::string();  // not reached: the last root returns
}

}  // namespace

Figure1 compute_figure1(const Economy& base, const std::function<void(double)>& progress) {
  Figure1 figure;
  const auto& sweep = base.figure1;
  figure.k1_from = sweep.k1_range ? sweep.k1_range->first : Rational(0);
  figure.k1_to = sweep.k1_range ? sweep.k1_range->second : base.agents.at(1).k;
  const Rational step = (figure.k1_to - figure.k1_from) / Rational(static_cast<long>(sweep.steps));
  // Without crossing_width: 40 halvings of a step, as Figure 1 was checked before it was an option.
  figure.crossing_width = sweep.crossing_width ? *sweep.crossing_width : step / Rational(Integer(1) << 40);
  for (unsigned j = 1; j <= sweep.steps; ++j) {
    const Rational k1 = figure.k1_from + step * Rational(static_cast<long>(j));
    Economy e = with_k1(base, k1);
    figure.points.push_back({k1, interior_revenue(e), cornered_revenue(e)});
    if (progress) progress(0.8 * j / sweep.steps);
  }
  // The crossing: the first sign change of interior - cornered on the grid, then bisection on
  // exact signs (the gap is continuous in k1) until the bracket is at most crossing_width wide.
  for (std::size_t j = 0; j + 1 < figure.points.size(); ++j) {
    const auto& a = figure.points[j];
    const auto& b = figure.points[j + 1];
    const int sa = (a.interior - a.cornered).sign(), sb = (b.interior - b.cornered).sign();
    if (sa == 0) {
      figure.crossing = {a.k1, a.k1};
      figure.crossing_exact = Algebraic(a.k1);
      break;
    }
    if (sa * sb >= 0) continue;
    Rational lo = a.k1, hi = b.k1;
    // Each cut at `at` keeps the half with the sign change; false when the gap is 0 there.
    auto cut = [&](const Rational& at) {
      const int sm = revenue_gap(base, at).sign();
      ++figure.bisections;
      if (sm == 0) {
        lo = hi = at;
        return false;
      }
      (sm == sa ? lo : hi) = at;
      return true;
    };
    bool open = true;
    while (open && hi - lo > figure.crossing_width) open = cut((lo + hi) / 2);
    // The exact crossing needs a bracket free of shape changes of q_i in k1 (rare: a cut at each).
    for (const Rational& change : shape_changes(base))
      if (open && lo < change && change < hi) open = cut(change);
    figure.crossing = {lo, hi};
    if (!open) figure.crossing_exact = Algebraic(lo);
    else {
      auto exact = exact_crossing(base, lo, hi, sa);
      if (auto* value = std::get_if<Algebraic>(&exact)) figure.crossing_exact = *value;
      else figure.crossing_not_exact = std::get<std::string>(exact);
    }
    break;
  }
  if (progress) progress(1.0);
  return figure;
}

void write_figure1(const Figure1& figure, const std::string& directory) {
  std::filesystem::create_directories(directory);
  std::ostringstream csv;
  csv << "k1,interior_revenue,cornered_revenue,interior_revenue_exact,cornered_revenue_exact\n";
  for (const auto& p : figure.points)
    csv << to_decimal(p.k1, 12) << "," << p.interior.to_decimal(15) << "," << p.cornered.to_decimal(15) << ","
        << p.interior.to_string(30) << "," << p.cornered.to_string(30) << "\n";
  write_file_atomically(directory + "/figure1.csv", csv.str());

  LineChart chart;
  chart.title = "Figure 1: ex ante spot market revenue (n = 3, k2 = k3 = 2/3, uniform)";
  chart.x_label = "k1";
  chart.y_label = "expected budget surplus of the VCG spot market";
  PlotSeries interior{"interior r*", {}, false}, cornered{"cornered (1, 0, 0)", {}, true};
  for (const auto& p : figure.points) {
    interior.points.emplace_back(p.k1.convert_to<double>(), p.interior.to_double());
    cornered.points.emplace_back(p.k1.convert_to<double>(), p.cornered.to_double());
  }
  chart.series = {interior, cornered};
  chart.x_markers.emplace_back(1.0 / 3.0, "k1 = 1/3");
  if (figure.crossing) chart.x_markers.emplace_back(figure.crossing->first.convert_to<double>(), "crossing");
  write_file_atomically(directory + "/figure1.svg", render_svg(chart));
}

namespace {

class Fig1 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.fig1",
        "Section 5.3, Figure 1 and the text around it",
        "n = 3, k2 = k3 = 2/3, uniform types, k1 in (0, 2/3]: for small k1 the cornered holdings (1, 0, 0) give "
        "more expected revenue than r*, for large k1 r* gives more; the interior revenue increases in k1 with a "
        "smaller rate once k1 > 1/3; the cornered revenue has a kink at k1 = 1/3 and decreases beyond it.",
        {},
        "Agent 1's k is swept over k1 = from + j (to - from) / steps, j = 1..steps, with [llm.fig1] k1_range = "
        "[from, to] and steps from the case (default: k1 = j k2 / 60, j = 1..60; the case's agents 2..n are "
        "kept). At each k1 the expected surplus (eq. (11)) at r* and at (1, 0, ..., 0) is computed exactly "
        "(algebraic numbers), and the paper's five statements are checked on those exact values: the gap at the "
        "ends, monotonicity of both curves on each side of 1/3, and the secant slopes of the interior curve left "
        "and right of 1/3. The crossing is bracketed by bisection on exact signs to the case's crossing_width "
        "(default: the step / 2^40; an exact rational bracket), and found exactly as the root in the bracket of "
        "the resultant in t of eq. (8) and the revenue gap, both polynomials in (t, k1) there (reported with its "
        "minimal polynomial). Every statement is decided on exact values, so the verdict is exact. "
        "`mechcheck figure llm.fig1 CASE --out DIR` writes figure1.csv and figure1.svg.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Figure 1's premise (Section 5.3 and the figure's caption): n = 3, k_2 = k_3 = 2/3 and
  // F_i(theta) = theta on [0, 1] for every agent; k_1 is the swept variable, so the case's
  // k_1 (and its holdings) are placeholders.
  void check_preconditions(const Case& c, const Economy& e) const override {
    const std::string premise = "llm.fig1 checks Figure 1's economy (Section 5.3): ";
    if (e.size() != 3) c.fail({"llm", "agent"}, premise + "n = 3 agents, but the case has " + std::to_string(e.size()));
    if (e.lo != 0 || e.hi != 1)
      c.fail({"llm", "support"},
             premise + "types on [0, 1], but the support is [" + to_string(e.lo) + ", " + to_string(e.hi) + "]");
    const PiecewisePolynomial identity = uniform_cdf(Rational(0), Rational(1));
    for (std::size_t i = 0; i < e.size(); ++i) {
      const std::string agent = std::to_string(i + 1);
      if (i > 0 && e.agents[i].k != Rational(2, 3))
        fail_at_agent(c, i, "k", premise + "k_2 = k_3 = 2/3, but k_" + agent + " = " + to_string(e.agents[i].k));
      const PiecewisePolynomial difference = e.agents[i].cdf - identity;
      for (const auto& piece : difference.pieces())
        if (!piece.is_zero())
          fail_at_agent(c, i, "cdf",
                        premise + "F_i(theta) = theta (uniform on [0, 1]) for every agent, but F_" + agent + " is " +
                            e.agents[i].cdf_text);
    }
    // The sweep ([llm.fig1]): within the figure's range, and with secants of the interior curve on
    // both sides of the kink at 1/3, which the paper's statements compare.
    const Rational third(1, 3), k2 = e.agents.at(1).k;
    const Rational from = e.figure1.k1_range ? e.figure1.k1_range->first : Rational(0);
    const Rational to = e.figure1.k1_range ? e.figure1.k1_range->second : k2;
    if (to > k2)
      c.fail({"llm", "fig1", "k1_range"},
             premise + "k1 in (0, k2] = (0, " + to_string(k2) + "], but k1_range ends at " + to_string(to));
    long left = 0, right = 0;  // sweep points k1 <= 1/3 and k1 >= 1/3
    const long steps = static_cast<long>(e.figure1.steps);
    for (long j = 1; j <= steps; ++j) {
      const Rational k1 = from + (to - from) * Rational(j, steps);
      left += k1 <= third;
      right += k1 >= third;
    }
    if (left < 2 || right < 2)
      c.fail({"llm", "fig1", e.figure1.k1_range ? "k1_range" : "steps"},
             "llm.fig1 compares the interior curve's secants left and right of the kink at k1 = 1/3, so the sweep "
             "needs at least two values of k1 <= 1/3 and two >= 1/3, but k1 = " +
                 to_string(from) + " + j (" + to_string(to) + " - " + to_string(from) + ") / " + std::to_string(steps) +
                 ", j = 1.." + std::to_string(steps) + ", has " + std::to_string(left) + " and " +
                 std::to_string(right));
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_fig1(e, outcome);
  }

  Outcome check_instance(const Economy& base, Check& check) const override {
    const Figure1 figure = compute_figure1(base, check.context().progress);
    const Rational third(1, 3);
    std::vector<std::string> failures;
    // A failing statement and the k1 values where it fails; the first one is the witness.
    using Points = std::vector<const Figure1::Point*>;
    auto require = [&](bool ok, const std::string& statement, const Points& where) {
      check.text("statement: " + statement, ok ? "holds" : "fails");
      if (ok) return;
      if (failures.empty()) {
        check.witness(make_text("statement", statement));
        for (std::size_t p = 0; p < where.size(); ++p) {
          const std::string index = std::to_string(p + 1);
          check.witness("k1_" + index, where[p]->k1)
              .witness("interior_" + index, where[p]->interior)
              .witness("cornered_" + index, where[p]->cornered);
        }
      }
      failures.push_back(statement);
    };
    // Every statement compares exact revenues (algebraic numbers) and their exact secant slopes.
    check.decided_in<Algebraic>();
    const auto& first = figure.points.front();
    const auto& last = figure.points.back();
    require(first.cornered > first.interior, "cornered beats interior for small k1", {&first});
    require(last.interior > last.cornered, "interior beats cornered for large k1", {&last});
    // The first pair where a monotonicity fails, and the secants of the extreme slopes.
    Points interior_down, cornered_wrong, flattest_left, steepest_right;
    std::optional<Algebraic> min_slope_left, max_slope_right;
    for (std::size_t j = 0; j + 1 < figure.points.size(); ++j) {
      const auto& a = figure.points[j];
      const auto& b = figure.points[j + 1];
      const Algebraic slope = (b.interior - a.interior) / Algebraic(b.k1 - a.k1);
      if (!(b.interior > a.interior) && interior_down.empty()) interior_down = {&a, &b};
      if (b.k1 <= third) {
        if (!(b.cornered > a.cornered) && cornered_wrong.empty()) cornered_wrong = {&a, &b};
        if (!min_slope_left || slope < *min_slope_left) {
          min_slope_left = slope;
          flattest_left = {&a, &b};
        }
      }
      if (a.k1 >= third) {
        if (!(b.cornered < a.cornered) && cornered_wrong.empty()) cornered_wrong = {&a, &b};
        if (!max_slope_right || slope > *max_slope_right) {
          max_slope_right = slope;
          steepest_right = {&a, &b};
        }
      }
    }
    require(interior_down.empty(), "interior revenue increases in k1", interior_down);
    Points secants = flattest_left;
    secants.insert(secants.end(), steepest_right.begin(), steepest_right.end());
    require(min_slope_left && max_slope_right && *max_slope_right < *min_slope_left,
            "interior revenue grows more slowly once k1 > 1/3", secants);
    require(cornered_wrong.empty(), "cornered revenue rises up to k1 = 1/3 and falls after it", cornered_wrong);
    for (const auto& p : figure.points)
      if (p.k1 == third)
        check.value("interior_revenue_at_k1_one_third", p.interior)
            .value("cornered_revenue_at_k1_one_third", p.cornered);
    if (min_slope_left) check.value("min_interior_slope_left_of_one_third", *min_slope_left);
    if (max_slope_right) check.value("max_interior_slope_right_of_one_third", *max_slope_right);
    std::string crossing_text;
    if (figure.crossing) {
      const auto& [lower, upper] = *figure.crossing;
      check.value("crossing_k1_lower", lower)
          .value("crossing_k1_upper", upper)
          .value("crossing_bracket_width", upper - lower);
      crossing_text = "; the curves cross at k1 in " + outward_decimal_interval(lower, upper, 12);
      if (figure.crossing_exact) {
        check.value("crossing_k1", *figure.crossing_exact);
        crossing_text += ", exactly " + certified_decimal(*figure.crossing_exact, 15) +
                         (figure.crossing_exact->is_rational()
                              ? std::string()
                              : " (root of " + figure.crossing_exact->minimal_polynomial_string("k1") + ")");
      } else {
        check.text("crossing_k1_not_exact", figure.crossing_not_exact);
      }
      check.stat("crossing_bisections", figure.bisections);
    }
    check.stat("k1_values", static_cast<long long>(figure.points.size()));
    if (failures.empty())
      return check.holds("the paper's description of Figure 1 holds on exact values at " +
                         std::to_string(figure.points.size()) + " values of k1" + crossing_text);
    std::string summary = "does not hold: " + failures.front();
    for (std::size_t i = 1; i < failures.size(); ++i) summary += "; " + failures[i];
    return check.refuted(summary);
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_fig1() { return std::make_unique<Fig1>(); }

}  // namespace mechcheck::proofs
