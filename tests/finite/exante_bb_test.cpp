// finite.exante_bb: expected budget surpluses computed by hand, weak and strong.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

BOOST_AUTO_TEST_SUITE(finite_exante_bb)

BOOST_AUTO_TEST_CASE(the_pivot_deficit_is_one_ninth_in_expectation) {
  // The deficit 1 occurs at (2, 2) only, of probability 1/9.
  const Outcome out = run_on_case("finite.exante_bb", committed("pivot-public-good-deficit.toml"));
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "expected_budget_surplus") == "-1/9");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
}

BOOST_AUTO_TEST_CASE(second_price_revenue_is_weakly_but_not_strongly_balanced) {
  // E[min(v1, v2)] on {0, 1, 2}^2: min = 1 at 3 profiles, 2 at 1: (3 + 2)/9 = 5/9.
  const Case c = committed("second-price-two-bidders.toml");
  const Outcome weak = run_on_case("finite.exante_bb", c);
  BOOST_CHECK(weak.verdict == Verdict::holds);
  BOOST_TEST(value_of(weak, "expected_budget_surplus") == "5/9");
  Economy e = economy_of(c);
  e.balance = BudgetBalance::strong;
  const Outcome strong = run_on_case("finite.exante_bb", with_economy(c, e));
  BOOST_CHECK(strong.verdict == Verdict::refuted);
  BOOST_CHECK(strong.recheck.status == RecheckNote::Status::passed);
  BOOST_CHECK(run_on_case("finite.exante_bb", committed("agv-bilateral-trade.toml")).verdict == Verdict::holds);
}

BOOST_AUTO_TEST_CASE(the_recheck_rejects_a_wrong_expectation) {
  const Case c = committed("pivot-public-good-deficit.toml");
  const Claim& claim = mechcheck::testing::builtin_claim("finite.exante_bb");
  Outcome out = claim.check(c, CheckContext{});
  for (Value& v : out.witness)
    if (v.name == "expected_budget_surplus") v.text = "-1/3";
  BOOST_TEST(!claim.recheck(c, out)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
