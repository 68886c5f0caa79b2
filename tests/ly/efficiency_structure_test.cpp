// ly.efficiency_structure — "Efficiency => essentially perfect correlation" (slides "Information
// structures consistent with efficient trade", Proposition and its 2x2x2 proof sketch with distinct
// posteriors): if alpha is consistent with efficient trade, the posteriors are equal within each
// block of its support, and with distinct posteriors the signals are perfectly correlated. Its
// tests: the no-gains counterexample, posteriors compared exactly (hypothesis
// distinct_posteriors), the counts of the 2x2x2 grid search, the arithmetic labels with and
// without gains from trade, a seeded bug in the consistency test and witnesses altered after the
// fact that its re-check must reject. (all_claims_test drops distinct_posteriors and
// gains_from_trade on their committed counterexamples.)
#include "fixtures.hpp"
#include "ly/model/implementability.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

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
