// llm.fig1 — Section 5.3 and Figure 1: expected spot-market revenue at the interior holdings r*
// and at the cornered holdings (1, 0, ..., 0) as k_1 varies, with the paper's description of
// the two curves checked on exact values.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/report/files.hpp"
#include "mechcheck/report/plot.hpp"

#include <filesystem>
#include <sstream>

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

}  // namespace

Figure1 compute_figure1(const Economy& base, unsigned steps, const std::function<void(double)>& progress) {
  Figure1 figure;
  figure.k1_max = base.agents.at(1).k;
  for (unsigned j = 1; j <= steps; ++j) {
    const Rational k1 = figure.k1_max * Rational(j, steps);
    Economy e = with_k1(base, k1);
    figure.points.push_back({k1, interior_revenue(e), cornered_revenue(e)});
    if (progress) progress(0.8 * j / steps);
  }
  // The crossing: the first sign change of interior - cornered on the grid, then bisection on
  // exact signs (the gap is continuous in k1), to an interval of width k1_max / 2^40.
  for (std::size_t j = 0; j + 1 < figure.points.size(); ++j) {
    const auto& a = figure.points[j];
    const auto& b = figure.points[j + 1];
    const int sa = (a.interior - a.cornered).sign(), sb = (b.interior - b.cornered).sign();
    if (sa == 0) {
      figure.crossing = {a.k1, a.k1};
      break;
    }
    if (sa * sb < 0) {
      Rational lo = a.k1, hi = b.k1;
      for (int step = 0; step < 40; ++step) {
        const Rational mid = (lo + hi) / 2;
        const int sm = revenue_gap(base, mid).sign();
        if (sm == 0) {
          lo = hi = mid;
          break;
        }
        (sm == sa ? lo : hi) = mid;
      }
      figure.crossing = {lo, hi};
      break;
    }
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
        "Agent 1's k is swept over k1 = j k2 / 60, j = 1..60 (the case's agents 2..n are kept). At each k1 the "
        "expected surplus (eq. (11)) at r* and at (1, 0, ..., 0) is computed exactly (algebraic numbers), and the "
        "paper's five statements are checked on those exact values: the gap at the ends, monotonicity of both "
        "curves on each side of 1/3, and the secant slopes of the interior curve left and right of 1/3. The "
        "crossing is isolated by bisection on exact signs to width k2 / 2^40 (an exact rational bracket). Every "
        "statement is decided on exact values, so the verdict is exact. "
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
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_fig1(e, outcome);
  }

  Outcome check_instance(const Economy& base, Check& check) const override {
    const Figure1 figure = compute_figure1(base, 60, check.context().progress);
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
    if (figure.crossing)
      check.value("crossing_k1_lower", figure.crossing->first).value("crossing_k1_upper", figure.crossing->second);
    check.stat("k1_values", static_cast<long long>(figure.points.size()));
    if (failures.empty())
      return check.holds("the paper's description of Figure 1 holds on exact values at " +
                         std::to_string(figure.points.size()) + " values of k1" +
                         (figure.crossing ? "; the curves cross at k1 in [" + to_decimal(figure.crossing->first, 12) +
                                                ", " + to_decimal(figure.crossing->second, 12) + "]"
                                          : std::string()));
    std::string summary = "does not hold: " + failures.front();
    for (std::size_t i = 1; i < failures.size(); ++i) summary += "; " + failures[i];
    return check.refuted(summary);
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_fig1() { return std::make_unique<Fig1>(); }

}  // namespace mechcheck::proofs
