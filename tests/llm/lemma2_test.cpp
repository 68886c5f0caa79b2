// llm.lemma2 (Lemma 2, Section 3, eq. (2) and eq. (11) of Appendix A.8: the spot market operates
// iff the expected VCG budget surplus Pi_r is nonnegative): Pi_r of the partnership and of
// Myerson-Satterthwaite, and a seeded bug the judge must catch.
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

// Lemma 2's judging step on two values of Pi_r.
Outcome judge_expected_surplus(const Algebraic& by_eq11, const Algebraic& by_integration) {
  CheckContext context;
  Check check(context);
  return proofs::judge_expected_surplus(by_eq11, by_integration, check);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_lemma2)

BOOST_AUTO_TEST_CASE(lemma2_values) {
  BOOST_TEST(value_of(run("llm.lemma2", "uniform-n2-k1.toml"), "expected_surplus") == "1/12");
  Outcome ms = run("llm.lemma2", "myerson-satterthwaite.toml");
  BOOST_TEST(value_of(ms, "expected_surplus") == "-1/6");
  BOOST_TEST(value_of(ms, "spot_market_operates") == "no");
}

// ---- seeded bugs ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_lemma2_layer_cake_without_cap_is_caught) {
  // Bug: E[W] by the layer-cake formula without min(1, .): serve every agent above p.
  Economy e = economy_of("uniform-n2-k1.toml");
  auto r = r_star(e);
  const Algebraic good = expected_surplus_by_integration(e, r);
  std::vector<std::size_t> all{0, 1};
  auto uncapped = expectation_over_who_is_above(e, all, [](const Rational& s) { return s; });
  Algebraic buggy_welfare(uncapped.integral());
  Algebraic buggy = good + expected_welfare(e) - buggy_welfare;  // (n - 1) = 1 copy of E[W] swapped
  BOOST_TEST(to_string(judge_expected_surplus(expected_surplus_eq11(e, r), good).verdict) == "holds");
  BOOST_TEST(to_string(judge_expected_surplus(expected_surplus_eq11(e, r), buggy).verdict) == "refuted");
}

BOOST_AUTO_TEST_SUITE_END()
