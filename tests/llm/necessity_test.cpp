// llm.necessity (Section 3 after Lemma 2, footnote 8: without a common worst-off type, Proposition
// 1's hypothesis, the expected surplus can be negative and the spot market does not operate, as
// in Myerson-Satterthwaite): the witness re-checked by hand, a perturbed r* that shows no deficit,
// and Pi_r = 0 exactly, which is no deficit (the boundary that llm.lemma2 shares).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::value_of;
using testing::llm_tests::economy_of;
using testing::llm_tests::run;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_necessity)

BOOST_AUTO_TEST_CASE(necessity_witness_is_rechecked_independently) {
  Outcome out = run("llm.necessity", "myerson-satterthwaite.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  // Re-check the witness with eq. (2) by hand: W(1, t2) + W(t1, 0) - W(t1, t2) - 1 * 1 at (0, 1).
  std::vector<Rational> k{1, 1};
  auto W = [&](std::vector<Rational> t) { return welfare(t, rank_values(t), k); };
  Rational pi = W({1, 1}) + W({0, 0}) - W({0, 1}) - 1;
  BOOST_TEST(pi == Rational(-1));
}

BOOST_AUTO_TEST_CASE(seeded_bug_necessity_symmetric_holdings_show_no_deficit) {
  // The necessity checker must not report a deficit where there is none: a tiny perturbation
  // of r* (distinct worst-off types) still has Pi_r > 0, so the claim is refuted there.
  Economy e = economy_of("uniform-n2-k1.toml");
  e.holdings = std::vector<Rational>{Rational(51, 100), Rational(49, 100)};
  Case c;
  c.name = "perturbed";
  c.model = "llm";
  c.data = std::make_shared<Economy>(e);
  Outcome out = run_claim(*builtin_papers().find("llm.necessity"), c, CheckContext{});
  BOOST_TEST(to_string(out.verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(a_zero_expected_surplus_is_no_deficit) {
  // Pi_r = 0 exactly, with Pi < 0 at some theta: the market operates (Lemma 2: Pi_r >= 0), so the
  // instance does not show what llm.necessity claims (Pi_r < 0). The boundary case of both
  // comparisons: a `<` turned `<=` in either checker changes a verdict here.
  Outcome out = run("llm.necessity", "necessity-zero-expected-surplus.toml");
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "expected_surplus") == "0");
  BOOST_TEST(value_of(out, "min_surplus") == "-16/27");
  Outcome lemma2 = run("llm.lemma2", "necessity-zero-expected-surplus.toml");
  BOOST_TEST(value_of(lemma2, "expected_surplus") == "0");
  BOOST_TEST(value_of(lemma2, "spot_market_operates") == "yes");
}

BOOST_AUTO_TEST_SUITE_END()
