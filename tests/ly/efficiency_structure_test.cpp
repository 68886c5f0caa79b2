// ly.efficiency_structure — "Efficiency => essentially perfect correlation" (slides "Information
// structures consistent with efficient trade", Proposition and its 2x2x2 proof sketch with distinct
// posteriors): if alpha is consistent with efficient trade, the posteriors are equal within each
// block of its support, and with distinct posteriors the signals are perfectly correlated. Its
// tests: the no-gains counterexample, posteriors compared exactly (hypothesis
// distinct_posteriors), the counts of the 2x2x2 grid search, the arithmetic labels with and
// without gains from trade, the grid search's integer prefilter against the rational definitions
// on every grid structure (and a seeded bug in it), the parallel search against the sequential
// loop, a seeded bug in the consistency test and witnesses altered after the fact that its
// re-check must reject. (all_claims_test drops distinct_posteriors and
// gains_from_trade on their committed counterexamples.)
#include "fixtures.hpp"
#include "ly/claims/efficiency_grid.hpp"
#include "ly/model/implementability.hpp"

#include <boost/test/unit_test.hpp>

#include <tbb/global_control.h>

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::ly;
using namespace mechcheck::ly_tests;

BOOST_AUTO_TEST_SUITE(ly_efficiency_structure)

// ---- known answers ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(no_gains_counterexample_is_consistent_but_not_block_equal) {
  const Economy e = economy_of("no-gains-counterexample.toml");
  const Matrix q = efficient_allocation(e.structure, e.buyer_value, e.seller_value);
  BOOST_TEST(q[1][1] == Rational(0));  // only v_lo at (s^b_2, s^s_2), where trade loses
  BOOST_TEST(q[0][1] == Rational(1));
  BOOST_TEST(proofs::consistent_with_efficient_trade(e, e.structure, q, nullptr));
  std::string why;
  BOOST_TEST(!equal_posteriors_in_blocks(e.structure, &why));
  BOOST_TEST(proofs::distinct_posteriors(e.structure, nullptr));
}

BOOST_AUTO_TEST_CASE(posteriors_are_compared_exactly) {
  // The buyer's two signals have posteriors of v_hi that differ by about 10^-30: distinct, however
  // close. Without the perturbation (uninformative signals) they are equal.
  const Rational tiny(1, Integer("1000000000000000000000000000000"));
  Structure s;
  s.alpha[LO] = {{Rational(1, 4), Rational(0)}, {Rational(0), Rational(1, 4)}};
  s.alpha[HI] = {{Rational(1, 4) + tiny, Rational(0)}, {Rational(0), Rational(1, 4) - tiny}};
  BOOST_TEST(s.buyer_posterior(HI, 0) != s.buyer_posterior(HI, 1));
  BOOST_TEST(proofs::distinct_posteriors(s, nullptr));
  s.alpha[HI] = s.alpha[LO];
  std::string why;
  BOOST_TEST(!proofs::distinct_posteriors(s, &why));
  BOOST_TEST(why.find("the same posterior 1/2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(efficiency_search_counts_on_the_2x2x2_grid) {
  const Economy e = economy_of("perfect-correlation-2x2.toml");
  const proofs::ConsistencyTest test = [&](const Structure& s, const Matrix& q) {
    return proofs::consistent_with_efficient_trade(e, s, q, nullptr);
  };
  const auto s = proofs::search_efficiency(e, 2, 2, 6, true, true, test, CheckContext{});
  BOOST_TEST(s.structures == 7056);
  BOOST_TEST(s.consistent == 40);
  BOOST_TEST(s.perfect == 40);  // every consistent structure with distinct posteriors is perfectly correlated
  BOOST_TEST(s.counterexamples == 0);
}

// ---- the grid search: integer prefilter and parallel rows ----------------------------------

namespace {

using Prefilter = std::function<proofs::GridSkip(const proofs::Composition&, const proofs::Composition&, std::size_t,
                                                 std::size_t, bool)>;

// The first grid structure (index a of k(v_lo), b of k(v_hi)) on which `prefilter` disagrees with
// the rational definitions (grid_skip_by_rationals), with how many structures each skip took.
struct PrefilterComparison {
  std::optional<std::pair<std::size_t, std::size_t>> first_disagreement;
  std::map<proofs::GridSkip, long long> skips;
};
PrefilterComparison compare_prefilter(const std::array<Rational, 2>& prior, std::size_t I, std::size_t J, int N,
                                      bool require_distinct, const Prefilter& prefilter) {
  const std::vector<proofs::Composition> comps = proofs::compositions(N, I * J);
  const proofs::GridStructures grid(prior, I, J, N);
  PrefilterComparison out;
  for (std::size_t a = 0; a < comps.size(); ++a)
    for (std::size_t b = 0; b < comps.size(); ++b) {
      const proofs::GridSkip by_rationals =
          proofs::grid_skip_by_rationals(grid.at(comps[a], comps[b]), prior, require_distinct);
      ++out.skips[by_rationals];
      if (prefilter(comps[a], comps[b], I, J, require_distinct) != by_rationals && !out.first_disagreement)
        out.first_disagreement = std::pair{a, b};
    }
  return out;
}

// The search as one sequential loop over rational structures, skips by the rational definitions:
// the computation the integer prefilter and the parallel rows must reproduce.
proofs::EfficiencySearch sequential_rational_search(const Economy& e, std::size_t I, std::size_t J, int N,
                                                    bool require_distinct, const proofs::ConsistencyTest& consistent) {
  proofs::EfficiencySearch out;
  const std::vector<proofs::Composition> comps = proofs::compositions(N, I * J);
  for (const auto& lo : comps)
    for (const auto& hi : comps) {
      Structure s;
      for (int v = 0; v < 2; ++v) s.alpha[v] = Matrix(I, std::vector<Rational>(J));
      for (std::size_t k = 0; k < I * J; ++k) {
        s.alpha[LO][k / J][k % J] = e.prior[LO] * Rational(lo[k], N);
        s.alpha[HI][k / J][k % J] = e.prior[HI] * Rational(hi[k], N);
      }
      ++out.structures;
      if (structure_rule_broken(s, e.prior)) {
        ++out.zero_signal;
        continue;
      }
      if (!interior_posteriors(s)) {
        ++out.boundary;
        continue;
      }
      if (require_distinct && !proofs::distinct_posteriors(s, nullptr)) {
        ++out.not_distinct;
        continue;
      }
      if (!consistent(s, efficient_allocation(s, e.buyer_value, e.seller_value))) continue;
      ++out.consistent;
      if (perfectly_correlated(s)) ++out.perfect;
      if (auto fails = proofs::efficiency_conclusion_fails(s, true)) {
        ++out.counterexamples;
        if (!out.first_counterexample) {
          out.first_counterexample = s;
          out.why = *fails;
        }
      }
    }
  return out;
}

void same_search(const proofs::EfficiencySearch& x, const proofs::EfficiencySearch& y) {
  BOOST_TEST(x.structures == y.structures);
  BOOST_TEST(x.zero_signal == y.zero_signal);
  BOOST_TEST(x.boundary == y.boundary);
  BOOST_TEST(x.not_distinct == y.not_distinct);
  BOOST_TEST(x.consistent == y.consistent);
  BOOST_TEST(x.perfect == y.perfect);
  BOOST_TEST(x.counterexamples == y.counterexamples);
  BOOST_TEST(x.first_counterexample.has_value() == y.first_counterexample.has_value());
  if (x.first_counterexample && y.first_counterexample)
    BOOST_TEST((x.first_counterexample->alpha == y.first_counterexample->alpha));
  BOOST_TEST(x.why == y.why);
}

// The priors of the committed cases: 1/2, 1/2 (most) and 2/5, 3/5.
std::vector<std::array<Rational, 2>> committed_priors() {
  return {economy_of("perfect-correlation-2x2.toml").prior,
          economy_of("ly.perfect-correlation-probe-drop-perfect-correlation-seed-1.toml").prior};
}

}  // namespace

BOOST_AUTO_TEST_CASE(grid_prefilter_on_counts_agrees_with_the_rational_definitions_on_every_grid_structure) {
  const auto priors = committed_priors();
  BOOST_REQUIRE(priors[0] != priors[1]);
  for (const auto& prior : priors)
    for (auto [I, J, N] : {std::tuple<std::size_t, std::size_t, int>{2, 2, 6}, {3, 3, 4}})
      for (bool require_distinct : {true, false}) {
        const PrefilterComparison c = compare_prefilter(prior, I, J, N, require_distinct, proofs::grid_skip_by_counts);
        if (c.first_disagreement)
          BOOST_ERROR("the prefilter disagrees on the " << I << "x" << J << " grid at (" << c.first_disagreement->first
                                                        << ", " << c.first_disagreement->second << ")");
        // Every kind of skip occurs, so each of the prefilter's tests was compared.
        auto occurrences = [&](proofs::GridSkip k) { return c.skips.count(k) ? c.skips.at(k) : 0; };
        BOOST_TEST(occurrences(proofs::GridSkip::zero_signal) > 0);
        BOOST_TEST(occurrences(proofs::GridSkip::boundary) > 0);
        BOOST_TEST(occurrences(proofs::GridSkip::kept) > 0);
        if (require_distinct) BOOST_TEST(occurrences(proofs::GridSkip::not_distinct) > 0);
      }
}

BOOST_AUTO_TEST_CASE(seeded_bug_grid_prefilter_comparing_posteriors_by_the_mass_at_v_hi_is_caught) {
  // Bug: two signals are taken to share a posterior when their masses at v_hi are equal (the
  // mass at v_lo forgotten in the cross-multiplication).
  const Prefilter same_mass_at_hi = [](const proofs::Composition& lo, const proofs::Composition& hi, std::size_t I,
                                       std::size_t J, bool require_distinct) {
    const proofs::GridSkip skip = proofs::grid_skip_by_counts(lo, hi, I, J, false);
    if (skip != proofs::GridSkip::kept || !require_distinct) return skip;
    std::vector<int> rows(I, 0), cols(J, 0);
    for (std::size_t x = 0; x < I * J; ++x) rows[x / J] += hi[x], cols[x % J] += hi[x];
    for (const auto* sums : {&rows, &cols})
      for (std::size_t a = 0; a < sums->size(); ++a)
        for (std::size_t b = a + 1; b < sums->size(); ++b)
          if ((*sums)[a] == (*sums)[b]) return proofs::GridSkip::not_distinct;
    return proofs::GridSkip::kept;
  };
  const auto prior = committed_priors()[0];
  BOOST_TEST(compare_prefilter(prior, 2, 2, 6, true, same_mass_at_hi).first_disagreement.has_value());
  BOOST_TEST(compare_prefilter(prior, 3, 3, 4, true, same_mass_at_hi).first_disagreement.has_value());
}

BOOST_AUTO_TEST_CASE(grid_search_equals_the_sequential_rational_loop_for_any_thread_count) {
  // Committed cases of both priors, with distinct posteriors demanded (no counterexample) and
  // without (counterexamples: the first one must be the sequential loop's, whatever thread finds
  // one first); the 2x2x2 grid in all four ways, the 3x3x2 grid (1.5 s per sequential loop) in two.
  const std::string half = "perfect-correlation-2x2.toml",
                    two_fifths = "ly.perfect-correlation-probe-drop-perfect-correlation-seed-1.toml";
  struct Search {
    std::string file;
    std::size_t I, J;
    int N;
    bool require_distinct;
  };
  const std::vector<Search> searches{{half, 2, 2, 6, true},       {half, 2, 2, 6, false},
                                     {two_fifths, 2, 2, 6, true}, {two_fifths, 2, 2, 6, false},
                                     {half, 3, 3, 4, true},       {two_fifths, 3, 3, 4, false}};
  for (const Search& x : searches) {
    BOOST_TEST_CONTEXT(x.file << ", " << x.I << "x" << x.J << "x2, distinct " << x.require_distinct) {
      const Economy e = economy_of(x.file);
      const proofs::ConsistencyTest test = [&](const Structure& s, const Matrix& q) {
        return proofs::consistent_with_efficient_trade(e, s, q, nullptr);
      };
      const proofs::EfficiencySearch reference = sequential_rational_search(e, x.I, x.J, x.N, x.require_distinct, test);
      if (!x.require_distinct) BOOST_TEST(reference.counterexamples > 0);
      for (int threads : {1, 4}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        same_search(proofs::search_efficiency(e, x.I, x.J, x.N, x.require_distinct, true, test, CheckContext{}),
                    reference);
      }
      // The definitions' path gives the same (the benchmarks compare the two).
      if (x.I == 2)
        same_search(proofs::search_efficiency(e, x.I, x.J, x.N, x.require_distinct, true, test, CheckContext{},
                                              proofs::GridFilter::rationals),
                    reference);
    }
  }
}

// ---- arithmetic labels -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(efficiency_structure_is_exact_with_gains_and_certified_without) {
  // With gains from trade q* = 1: every comparison is of rational likelihood ratios (exact).
  // Without, q* varies along a column and signs of two-term exp-sums come from enclosures.
  BOOST_TEST(to_string(claim("ly.efficiency_structure").info().arithmetic) == "certified");  // the highest it reaches
  const Outcome with_gains = run("ly.efficiency_structure", "perfect-correlation-2x2.toml");
  BOOST_TEST(to_string(with_gains.verdict) == "holds");
  BOOST_TEST(to_string(with_gains.arithmetic) == "exact");
  const Outcome without = run("ly.efficiency_structure", "no-gains-counterexample.toml", {"gains_from_trade"});
  BOOST_TEST(to_string(without.verdict) == "refuted");
  BOOST_TEST(to_string(without.arithmetic) == "certified");
  // Both are what transfers_exist reports for the case's own structure.
  const Economy e =
      dynamic_cast<const Economy&>(*builtin_papers().load_case(cases_dir + "no-gains-counterexample.toml").data);
  bool by_enclosure = false;
  BOOST_TEST(proofs::consistent_with_efficient_trade(
      e, e.structure, efficient_allocation(e.structure, e.buyer_value, e.seller_value), nullptr, &by_enclosure));
  BOOST_TEST(by_enclosure);
}

// ---- seeded bugs: the checker ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_efficiency_consistency_forgetting_the_seller_is_caught) {
  // Bug: "consistent with efficient trade" checks the buyer's transfers only.
  const Economy e = economy_of("perfect-correlation-2x2.toml");
  const proofs::ConsistencyTest buyer_only = [&](const Structure& s, const Matrix& q) {
    return transfers_exist(s, q, e.buyer_value, e.kappa, Player::buyer);
  };
  const auto s = proofs::search_efficiency(e, 2, 2, 6, true, true, buyer_only, CheckContext{});
  BOOST_TEST(s.counterexamples > 0);
  BOOST_REQUIRE(s.first_counterexample);
  // The reported structure is indeed not consistent once the seller is checked.
  const Matrix q = efficient_allocation(*s.first_counterexample, e.buyer_value, e.seller_value);
  BOOST_TEST(!proofs::consistent_with_efficient_trade(e, *s.first_counterexample, q, nullptr));
}

// ---- seeded bugs: each altered witness must fail its re-check --------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_efficiency_witness_not_consistent) {
  // The full-support table instead of the reported structure: no transfers implement efficient trade.
  const Run r = run_with_case("ly.efficiency_structure", "uninformative-product.toml", {"distinct_posteriors"});
  altered_fails(
      "ly.efficiency_structure", r,
      [](Outcome& o) {
        const std::map<std::string, std::string> full{
            {"alpha_lo_11", "1/4"},  {"alpha_lo_12", "1/8"},  {"alpha_lo_21", "1/12"}, {"alpha_lo_22", "1/24"},
            {"alpha_hi_11", "1/24"}, {"alpha_hi_12", "1/12"}, {"alpha_hi_21", "1/8"},  {"alpha_hi_22", "1/4"}};
        for (const auto& [name, text] : full) find(o.witness, name)->text = text;
      },
      "no transfers implement efficient trade");
  // A cell moved: Bayes plausibility breaks.
  altered_fails(
      "ly.efficiency_structure", r, [](Outcome& o) { find(o.witness, "alpha_lo_11")->text = "1/4"; }, "not the prior");
  // Distinct posteriors demanded while the structure's are all equal.
  const Run g = run_with_case("ly.efficiency_structure", "no-gains-counterexample.toml", {"gains_from_trade"});
  altered_fails(
      "ly.efficiency_structure", g,
      [&](Outcome& o) {
        for (const auto& v : r.out.witness) find(o.witness, v.name)->text = v.text;  // the uninformative product
      },
      "share a posterior");
}

BOOST_AUTO_TEST_SUITE_END()
