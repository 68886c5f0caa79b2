// mat.convergence — Matsushima (2005), Section 3, the paragraph after Theorem 1: when traders
// announce price-taking demand functions (which Theorem 1 makes the undominated strategies),
// "from the law of large numbers", each group's clearing price approaches the unified
// (competitive) clearing price p-hat^(2n) and n-tilde/n is approximated by 1 as n grows.
//
// Checked on replicated economies by sampling permutations phi (convergence.hpp): per draw every
// quantity is exact; the verdict rests on sample means, so it is `numeric` evidence.
#include "mat/claims/claims.hpp"
#include "mat/claims/convergence.hpp"
#include "mat/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"

#include "mechcheck/number/decimal.hpp"
#include "mechcheck/report/files.hpp"
#include "mechcheck/report/plot.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace mechcheck::proofs::mat_convergence {

using namespace mechcheck::mat;

namespace {

std::string size_tag(const SizeSummary& s) { return "_n" + std::to_string(s.group_size); }

// "0 or strictly below": the distance at the largest size has shrunk (or vanished).
bool shrinks(Check& check, const SampleMean& first, const SampleMean& last) {
  return check.sign(last) == 0 || check.compare(last, first) < 0;
}

std::string row_text(const SizeSummary& s) {
  return "n = " + std::to_string(s.group_size) + ": mean |p_group - p*| = " + certified_decimal(s.mean_price_gap, 4) +
         ", mean n-tilde/n = " + certified_decimal(s.mean_served, 4);
}

}  // namespace

ConvergenceStudy study_of(const Economy& e) { return e.convergence ? *e.convergence : default_convergence_study(e); }

Outcome judge(const ConvergenceTable& table, const ConvergenceStudy& study, const Grid& grid, Check& check) {
  if (table.sizes.size() < 2) throw std::invalid_argument("mat.convergence compares at least two sizes");
  const SizeSummary& first = table.sizes.front();
  const SizeSummary& last = table.sizes.back();
  check.text("competitive_price", grid.price_text(last.competitive_price))
      .value("competitive_gap_per_copy", last.competitive_gap / last.replication);
  for (const SizeSummary& s : table.sizes) {
    const std::string tag = size_tag(s);
    check.value("mean_price_gap" + tag, s.mean_price_gap)
        .value("mean_served" + tag, s.mean_served)
        .value("share_at_competitive_price" + tag, s.at_competitive)
        .value("worst_price_gap" + tag, s.worst_price_gap)
        .value("worst_served" + tag, s.worst_served)
        .value("mean_n_bar_share" + tag, s.mean_n_bar)
        .value("mean_n_underline_share" + tag, s.mean_n_underline)
        .text("means_decimal" + tag, row_text(s));
  }

  std::vector<std::string> failures;
  auto require = [&](bool ok, const std::string& statement) {
    check.text("criterion: " + statement, ok ? "holds" : "fails");
    if (!ok) failures.push_back(statement);
  };
  const SampleMean gap_first{first.mean_price_gap}, gap_last{last.mean_price_gap};
  const SampleMean unserved_first{Rational(1 - first.mean_served)}, unserved_last{Rational(1 - last.mean_served)};
  const SampleMean served_last{last.mean_served};
  const std::string at_last = " at n = " + std::to_string(last.group_size);
  require(shrinks(check, gap_first, gap_last),
          "mean price distance" + at_last + " is 0 or below its value at n = " + std::to_string(first.group_size));
  require(shrinks(check, unserved_first, unserved_last),
          "1 - mean n-tilde/n" + at_last + " is 0 or below its value at n = " + std::to_string(first.group_size));
  require(check.compare(gap_last, from_rational<SampleMean>(study.max_price_gap)) <= 0,
          "mean price distance" + at_last + " <= max_price_gap = " + to_string(study.max_price_gap));
  require(check.compare(served_last, from_rational<SampleMean>(study.min_served)) >= 0,
          "mean n-tilde/n" + at_last + " >= min_served = " + to_string(study.min_served));

  const std::string sampled = "evidence from " + std::to_string(first.draws) +
                              " uniformly sampled permutations per size, nr = " + std::to_string(first.traders) + ".." +
                              std::to_string(last.traders) + " traders, not all (nr)! (mt19937_64, seed " +
                              std::to_string(study.seed) + "; per-draw values and sample means exact)";
  const std::string trend = "from " + row_text(first) + " to " + row_text(last);
  if (failures.empty())
    return check.holds("with price-taking demands (the " + std::string(to_string(study.pick)) + " element of D*_i), " +
                       trend + "; p* = " + grid.price_text(last.competitive_price) + "; " + sampled);
  std::string why;
  for (const auto& f : failures) why += (why.empty() ? "" : "; ") + f + " fails";
  check.witness("replication", static_cast<long long>(last.replication))
      .witness("group_size", static_cast<long long>(last.group_size))
      .witness("seed", static_cast<long long>(study.seed))
      .witness("mean_price_gap", last.mean_price_gap)
      .witness("mean_served", last.mean_served)
      .witness("worst_served_draw", static_cast<long long>(last.worst_served_draw + 1))
      .witness("worst_served", last.worst_served);
  return check.refuted(why + " (" + trend + "; p* = " + grid.price_text(last.competitive_price) +
                       (last.competitive_gap != 0
                            ? ", where the price-taking demands miss clearing (sum_h |excess demand| = " +
                                  std::to_string(last.competitive_gap / last.replication) +
                                  " per copy of the case), so n-tilde/n cannot approach 1 on this grid"
                            : std::string()) +
                       "; " + sampled + ")");
}

std::string table_csv(const ConvergenceTable& table, const Grid& grid) {
  std::ostringstream csv;
  csv << "n,traders,replication,competitive_price,draws,mean_price_gap,one_minus_mean_served,mean_served,"
         "share_at_competitive_price,worst_price_gap,worst_served,mean_n_bar_share,mean_n_underline_share,"
         "mean_price_gap_exact,mean_served_exact\n";
  for (const SizeSummary& s : table.sizes)
    csv << s.group_size << "," << s.traders << "," << s.replication << "," << grid.price_text(s.competitive_price)
        << "," << s.draws << "," << to_decimal(s.mean_price_gap, 8) << "," << to_decimal(1 - s.mean_served, 8) << ","
        << to_decimal(s.mean_served, 8) << "," << to_decimal(s.at_competitive, 8) << "," << to_string(s.worst_price_gap)
        << "," << to_string(s.worst_served) << "," << to_decimal(s.mean_n_bar, 8) << ","
        << to_decimal(s.mean_n_underline, 8) << "," << to_string(s.mean_price_gap) << "," << to_string(s.mean_served)
        << "\n";
  return csv.str();
}

std::vector<std::string> write_figure(const ConvergenceTable& table, const ConvergenceStudy& study, const Grid& grid,
                                      const std::string& directory) {
  std::filesystem::create_directories(directory);
  const std::string csv_path = directory + "/convergence.csv", svg_path = directory + "/convergence.svg";
  write_file_atomically(csv_path, table_csv(table, grid));

  LineChart chart;
  chart.title = "mat.convergence: " + std::to_string(study.draws) + " sampled permutations per size, p* = " +
                (table.sizes.empty() ? std::string("?") : grid.price_text(table.sizes.back().competitive_price));
  // The sizes double (replications 1, 2, 4, ...): on a log2 axis they are evenly spaced, and the
  // ticks 2, 4, ..., 256 name the group sizes themselves.
  chart.x_label = "group size n (log scale)";
  chart.y_label = "sample mean over draws and groups";
  chart.x_scale = {true, 2};
  // p-hat (Section 2) and n-tilde ((4), Rationing Rule 1) as the paper writes them: p\u0302, \u00f1.
  PlotSeries gap{"|p\u0302(group) \u2212 p*|", {}, false, true}, unserved{"1 \u2212 \u00f1/n", {}, true, true};
  for (const SizeSummary& s : table.sizes) {
    const auto n = static_cast<double>(s.group_size);
    gap.points.emplace_back(n, s.mean_price_gap.convert_to<double>());
    unserved.points.emplace_back(n, (1 - s.mean_served).convert_to<double>());
  }
  chart.series = {gap, unserved};
  write_file_atomically(svg_path, render_svg(chart));
  return {csv_path, svg_path};
}

namespace {

class Convergence : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.convergence",
        "Section 3, the paragraph after Theorem 1 (law of large numbers), with p-hat (Section 2), (4) and "
        "Rationing Rule 1",
        "With price-taking traders, as n grows the groups' clearing prices p-hat(d_group beta, y_group beta) "
        "approach the unified clearing price p-hat^(2n) of all traders (the competitive price), and "
        "n-tilde(beta, p-hat of the precedent group)/n approaches 1.",
        {},
        "The case's traders replicated m times for each m of [mat.convergence] replications; each trader "
        "announces one price-taking demand function (at every price the smallest, or largest, bundle among "
        "argmax u_i). p* = p-hat of all traders exactly. For each size, `draws` uniform permutations phi are "
        "sampled (std::mt19937_64 with std::seed_seq{seed, m}, Fisher-Yates with rejection sampling); per draw "
        "and group the clearing price, its sup-norm distance to p*, and n-tilde at Rule 1's trading price are "
        "exact. Holds when at the largest size the mean price distance and 1 - mean n-tilde/n are 0 or below "
        "their values at the smallest size, and within max_price_gap (default 1/(2T)) and min_served (default "
        "9/10). Sample means are exact rationals of the sample, but the verdict is evidence only (numeric). "
        "`mechcheck figure mat.convergence CASE --out DIR` writes convergence.csv and convergence.svg.",
        "mat",
        Arithmetic::numeric};
    return i;
  }

  // A case without [mat.convergence] gets the default study, which must fit the case's traders.
  void check_preconditions(const Case& c, const Economy& e) const override {
    if (e.convergence) return;
    try {
      default_convergence_study(e);
    } catch (const InputError& error) {
      c.fail({"mat"}, error.what());
    }
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return mat_recheck::recheck_convergence(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const ConvergenceStudy study = study_of(e);
    check.context().say("mat.convergence: " + std::to_string(study.replications.size()) + " sizes up to " +
                        std::to_string(study.replications.back() * e.trader_count()) + " traders, " +
                        std::to_string(study.draws) + " sampled permutations each");
    const ConvergenceTable table = run_convergence(e, study, nullptr, check.context().progress);
    long long draws = 0, largest = 0;
    for (const SizeSummary& s : table.sizes) {
      draws += s.draws;
      largest = std::max<long long>(largest, s.traders);
    }
    check.stat("sizes", static_cast<long long>(table.sizes.size()))
        .stat("permutations_sampled", draws)
        .stat("largest_economy_traders", largest)
        .stat("seed", static_cast<long long>(study.seed))
        .stat("demand_pick", std::string(to_string(study.pick)))
        .stat("sampling",
              "uniform permutations: std::mt19937_64(seed_seq{seed lo32, seed hi32, m}), Fisher-Yates, "
              "rejection sampling; means over draws and groups");
    return judge(table, study, e.grid, check);
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Convergence>(); }

}  // namespace mechcheck::proofs::mat_convergence
