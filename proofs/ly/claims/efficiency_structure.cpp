// ly.efficiency_structure — "Efficiency => essentially perfect correlation" (slides
// "Information structures consistent with efficient trade", Proposition and its 2x2x2 proof
// sketch with distinct posteriors): if alpha is consistent with efficient trade, then within
// each block of its support the posteriors are equal; with distinct posteriors the signals are
// perfectly correlated. Checked on the case's structure and by searching 2x2x2 and 3x3x2
// structures on a grid for counterexamples.
#include "ly/claims/common.hpp"
#include "ly/claims/claims.hpp"
#include "ly/claims/efficiency_grid.hpp"
#include "ly/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <exception>

namespace mechcheck::proofs {

using namespace ly_detail;

bool distinct_posteriors(const Structure& s, std::string* why) {
  for (std::size_t a = 0; a < s.buyer_signals(); ++a)
    for (std::size_t b = a + 1; b < s.buyer_signals(); ++b)
      if (s.buyer_posterior(HI, a) == s.buyer_posterior(HI, b)) {
        if (why)
          *why = "s^b_" + std::to_string(a + 1) + " and s^b_" + std::to_string(b + 1) + " have the same posterior " +
                 to_string(s.buyer_posterior(HI, a));
        return false;
      }
  for (std::size_t a = 0; a < s.seller_signals(); ++a)
    for (std::size_t b = a + 1; b < s.seller_signals(); ++b)
      if (s.seller_posterior(HI, a) == s.seller_posterior(HI, b)) {
        if (why)
          *why = "s^s_" + std::to_string(a + 1) + " and s^s_" + std::to_string(b + 1) + " have the same posterior " +
                 to_string(s.seller_posterior(HI, a));
        return false;
      }
  return true;
}

bool consistent_with_efficient_trade(const Economy& e, const Structure& s, const Matrix& q, std::string* why,
                                     bool* by_enclosure) {
  std::string wb, ws;
  const bool b = transfers_exist(s, q, e.buyer_value, e.kappa, Player::buyer, &wb, by_enclosure);
  if (!b) {
    if (why) *why = "buyer: " + wb;
    return false;
  }
  const bool sl = transfers_exist(s, q, e.seller_value, e.kappa, Player::seller, &ws, by_enclosure);
  if (!sl && why) *why = "seller: " + ws;
  return sl;
}

// The conclusion on one structure; nullopt when it holds.
std::optional<std::string> efficiency_conclusion_fails(const Structure& s, bool demand_perfect) {
  std::string why;
  if (!equal_posteriors_in_blocks(s, &why)) return "posteriors differ within a block: " + why;
  if (demand_perfect && !perfectly_correlated(s, &why)) return "not perfectly correlated: " + why;
  return std::nullopt;
}

namespace {

// Counts a skipped structure of the grid in `out`; false when it is kept.
bool count_skip(GridSkip skip, EfficiencySearch& out) {
  switch (skip) {
    case GridSkip::zero_signal:
      ++out.zero_signal;
      return true;
    case GridSkip::boundary:
      ++out.boundary;
      return true;
    case GridSkip::not_distinct:
      ++out.not_distinct;
      return true;
    case GridSkip::kept:
      return false;
  }
  return false;
}

// A kept structure of the grid: its consistency test and the conclusion, counted in `out` (whose
// first counterexample is kept).
void test_kept(const Economy& e, const Structure& s, bool demand_perfect, const ConsistencyTest& consistent,
               EfficiencySearch& out) {
  const Matrix q = efficient_allocation(s, e.buyer_value, e.seller_value);
  if (!consistent(s, q)) return;
  ++out.consistent;
  if (perfectly_correlated(s)) ++out.perfect;
  if (auto fails = efficiency_conclusion_fails(s, demand_perfect)) {
    ++out.counterexamples;
    if (!out.first_counterexample) {
      out.first_counterexample = s;
      out.why = *fails;
    }
  }
}

// Adds a later part of the grid to `total`: counts are summed; the earlier first counterexample
// stays.
void merge(EfficiencySearch& total, EfficiencySearch&& part) {
  total.structures += part.structures;
  total.zero_signal += part.zero_signal;
  total.boundary += part.boundary;
  total.not_distinct += part.not_distinct;
  total.consistent += part.consistent;
  total.perfect += part.perfect;
  total.counterexamples += part.counterexamples;
  if (!total.first_counterexample && part.first_counterexample) {
    total.first_counterexample = std::move(part.first_counterexample);
    total.why = std::move(part.why);
  }
}

}  // namespace

EfficiencySearch search_efficiency(const Economy& e, std::size_t I, std::size_t J, int units, bool require_distinct,
                                   bool demand_perfect, const ConsistencyTest& consistent, const CheckContext& context,
                                   GridFilter filter) {
  EfficiencySearch out;
  out.I = I;
  out.J = J;
  out.units = units;
  const std::vector<Composition> comps = compositions(units, I * J);
  guard_enumeration_size(context, static_cast<unsigned long long>(comps.size()) * comps.size(),
                         "the " + std::to_string(I) + "x" + std::to_string(J) + "x2 grid");
  // grid_skip_by_counts equals grid_skip_by_rationals when both prior entries are positive
  // (its proof in efficiency_grid.cpp; tests compare them on every structure of both grids).
  const bool by_counts = filter == GridFilter::integer_counts && e.prior[LO] > 0 && e.prior[HI] > 0;
  const GridStructures grid(e.prior, I, J, units);
  // Row a (k(v_lo) = comps[a]) searched by one task, its columns b in order: each row's counts and
  // first counterexample are the sequential loop's, and merging the rows in order of a gives the
  // sequential totals and its first counterexample (least a, then least b).
  auto search_row = [&](std::size_t a) {
    EfficiencySearch row;
    for (std::size_t b = 0; b < comps.size(); ++b) {
      ++row.structures;
      if (by_counts) {
        if (count_skip(grid_skip_by_counts(comps[a], comps[b], I, J, require_distinct), row)) continue;
        test_kept(e, grid.at(comps[a], comps[b]), demand_perfect, consistent, row);
      } else {
        const Structure s = grid.at(comps[a], comps[b]);
        if (count_skip(grid_skip_by_rationals(s, e.prior, require_distinct), row)) continue;
        test_kept(e, s, demand_perfect, consistent, row);
      }
    }
    return row;
  };
  // Rows in chunks, so that progress is reported from the checking thread between them.
  // A consistency test may throw (Undecidable: a sign no enclosure decides); the exception of the
  // least row is rethrown, which is the first (a, b) of the sequential loop, whichever thread
  // met one first.
  std::vector<EfficiencySearch> rows(comps.size());
  LeastKeyed<std::size_t, std::exception_ptr> failure;
  const std::size_t chunk = std::max<std::size_t>(1, comps.size() / 32);
  for (std::size_t begin = 0; begin < comps.size(); begin += chunk) {
    const std::size_t end = std::min(comps.size(), begin + chunk);
    mechcheck::parallel_for(begin, end, [&](std::size_t a) {
      if (failure.settled_below(a)) return;
      try {
        rows[a] = search_row(a);
      } catch (...) {
        failure.offer(a, std::current_exception());
      }
    });
    if (failure.kept()) std::rethrow_exception(failure.kept()->second);
    context.report(static_cast<double>(end) / static_cast<double>(comps.size()));
  }
  for (EfficiencySearch& row : rows) merge(out, std::move(row));
  return out;
}

namespace {

class EfficiencyStructure : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "ly.efficiency_structure",
        "Proposition (Efficiency => Essentially perfect correlation) and its 2x2x2 proof sketch (distinct posteriors)",
        "If alpha is consistent with efficient trade (some transfers make (alpha, q*, t) implementable for both "
        "players), then alpha is block diagonal with equal posteriors within each block; with distinct posteriors, "
        "the signals are perfectly correlated.",
        {{"gains_from_trade", "u^b(v) > u^s(v) at both qualities (so q* = 1 everywhere)", Necessity::counterexample,
          "cases/ly/no-gains-counterexample.toml"},
         {"distinct_posteriors",
          "the buyer's posteriors are pairwise distinct, and so are the seller's (the proof sketch's ordering "
          "assumption); the search is restricted to such structures",
          Necessity::counterexample, "cases/ly/uninformative-product.toml"}},
        "Consistency with efficient trade is decided per column (proofs/ly/docs/derivation.md section 5: eliminating t "
        "leaves one unknown lambda(hi) - lambda(lo) bounded by x_r = sigma q Delta u - kappa log LR_r; NA never "
        "binds because a constant shift of t and lambda restores it): exactly, by rational comparisons of likelihood "
        "ratios, when q is constant along each column (always with gains_from_trade, q* = 1); otherwise by signs of "
        "two-term exp-sums, MPFI enclosures (certified). Checked on the case's alpha, then on every "
        "grid structure alpha_ij(v) = mu0(v) k/N of sizes 2x2x2 (N = 6) and 3x3x2 (N = 4) with positive signal "
        "probabilities and interior posteriors: consistent ones must have equal posteriors within blocks and (under "
        "distinct_posteriors, or whenever kept) be perfectly correlated.",
        "ly",
        Arithmetic::certified};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& o) const override {
    return recheck_ly_efficiency_structure(e, o);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    // Both hypotheses are rational comparisons (exact).
    const bool gains = gains_from_trade(e);
    check.hypothesis("gains_from_trade", gains,
                     gains
                         ? ""
                         : "u^b(v) - u^s(v) = " + to_string(Rational(e.buyer_value[LO] - e.seller_value[LO])) +
                               " at v_lo, " + to_string(Rational(e.buyer_value[HI] - e.seller_value[HI])) + " at v_hi");
    std::string why_distinct;
    const bool distinct = distinct_posteriors(e.structure, &why_distinct);
    check.hypothesis("distinct_posteriors", distinct, why_distinct);
    if (!check.hypotheses_met()) return check.unmet();
    const bool require_distinct = !check.context().dropped("distinct_posteriors");
    // Consistency with efficient trade, with the arithmetic of each decision recorded as it is
    // made: exact when q is constant along every column (always with gains from trade, q* = 1),
    // otherwise some sign of a two-term exp-sum came from an MPFI enclosure.
    auto consistent = [&](const Structure& s, const Matrix& q, std::string* why) {
      bool by_enclosure = false;
      const bool yes = consistent_with_efficient_trade(e, s, q, why, &by_enclosure);
      if (by_enclosure) check.decided_in<Interval>();
      return yes;
    };
    check.text("counterexamples sought among", require_distinct ? "structures with distinct posteriors"
                                                                : "all structures (distinct_posteriors dropped)");
    // The case's own structure.
    const Matrix q = efficient_allocation(e.structure, e.buyer_value, e.seller_value);
    report_values(check, matrix_values("q*", q));
    std::string why;
    const bool own = consistent(e.structure, q, &why);
    check.text("case structure consistent with efficient trade", own ? "yes" : "no: " + why);
    if (const auto fails = own ? efficiency_conclusion_fails(e.structure, true) : std::nullopt) {
      report_witness(check, cell_values("alpha", e.structure.alpha));
      return check.refuted("the case's structure is consistent with efficient trade but " + *fails);
    }
    // The searches test structures on several threads at once: the arithmetic of their decisions
    // is gathered in a flag and recorded after each search (the verdict's arithmetic is the
    // weakest over all decisions, whatever their order).
    std::atomic<bool> search_by_enclosure{false};
    const ConsistencyTest test = [&](const Structure& s, const Matrix& qq) {
      bool by_enclosure = false;
      const bool yes = consistent_with_efficient_trade(e, s, qq, nullptr, &by_enclosure);
      if (by_enclosure) search_by_enclosure = true;
      return yes;
    };
    long long searched = 0, found_consistent = 0;
    for (auto [I, J, N] : {std::tuple<std::size_t, std::size_t, int>{2, 2, 6}, {3, 3, 4}}) {
      const EfficiencySearch s = search_efficiency(e, I, J, N, require_distinct, true, test, check.context());
      if (search_by_enclosure) check.decided_in<Interval>();
      const std::string tag = std::to_string(I) + "x" + std::to_string(J) + "x2";
      check.stat(tag + " grid structures (N = " + std::to_string(N) + ")", s.structures)
          .stat(tag + " skipped: a signal of probability 0", s.zero_signal)
          .stat(tag + " skipped: a boundary posterior (never implementable)", s.boundary)
          .stat(tag + " skipped: posteriors not distinct", s.not_distinct)
          .stat(tag + " consistent with efficient trade", s.consistent)
          .stat(tag + " of those perfectly correlated", s.perfect)
          .stat(tag + " counterexamples", s.counterexamples);
      searched += s.structures;
      found_consistent += s.consistent;
      if (s.first_counterexample) {
        report_witness(check, cell_values("alpha", s.first_counterexample->alpha));
        return check.refuted(tag + " structure consistent with efficient trade but " + s.why + " (" +
                             std::to_string(s.counterexamples) + " such structures on the grid)");
      }
    }
    return check.holds(std::string("the case's structure ") +
                       (own ? "is consistent and has the form" : "is not consistent with efficient trade") +
                       "; no counterexample among " + std::to_string(searched) + " grid structures (" +
                       std::to_string(found_consistent) + " consistent with efficient trade" +
                       (require_distinct ? ", distinct posteriors" : ", all posteriors") + ")");
  }
};

}  // namespace

std::unique_ptr<Claim> make_ly_efficiency_structure() { return std::make_unique<EfficiencyStructure>(); }

}  // namespace mechcheck::proofs
