// finite.expost_bb: the pivot mechanism's deficit at a profile found by hand, strong balance of AGV
// and the bilateral rules, the strong reading refusing a surplus, and a wrong witness rejected.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

BOOST_AUTO_TEST_SUITE(finite_expost_bb)

BOOST_AUTO_TEST_CASE(the_pivot_mechanism_runs_a_deficit_at_two_two) {
  // By hand: the good (cost 3) is built only at (2, 2); each agent pays max(0, 2 - 3) - (2 - 3) = 1,
  // so the payments 2 fall short of the cost by 1. Elsewhere nothing is built and nobody pays.
  const Outcome out = run_on_case("finite.expost_bb", committed("pivot-public-good-deficit.toml"));
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "type_1") == "2");
  BOOST_TEST(value_of(out, "type_2") == "2");
  BOOST_TEST(value_of(out, "budget_surplus") == "-1");
  BOOST_TEST(value_of(out, "min_budget_surplus") == "-1");
  BOOST_TEST(value_of(out, "max_budget_surplus") == "0");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
}

BOOST_AUTO_TEST_CASE(agv_and_the_bilateral_rules_are_strongly_balanced) {
  for (const char* file : {"agv-bilateral-trade.toml", "posted-price-bilateral-trade.toml", "k-double-auction.toml"})
    BOOST_CHECK_MESSAGE(run_on_case("finite.expost_bb", committed(file)).verdict == Verdict::holds, file);
}

BOOST_AUTO_TEST_CASE(strong_balance_refuses_a_surplus) {
  // The second-price auction never runs a deficit (weak holds) but keeps the second bid: strong fails
  // first at (1, 1), where bidder 1 wins the tie and pays 1 (the sales at (0, 1), (0, 2), (1, 0) are at 0).
  const Case c = committed("second-price-two-bidders.toml");
  BOOST_CHECK(run_on_case("finite.expost_bb", c).verdict == Verdict::holds);
  Economy e = economy_of(c);
  e.balance = BudgetBalance::strong;
  const Outcome out = run_on_case("finite.expost_bb", with_economy(c, e));
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "type_1") == "1");
  BOOST_TEST(value_of(out, "type_2") == "1");
  BOOST_TEST(value_of(out, "budget_surplus") == "1");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
}

BOOST_AUTO_TEST_CASE(the_recheck_rejects_a_wrong_witness) {
  const Case c = committed("pivot-public-good-deficit.toml");
  const Claim& claim = mechcheck::testing::builtin_claim("finite.expost_bb");
  Outcome out = claim.check(c, CheckContext{});
  for (Value& v : out.witness)
    if (v.name == "type_1") v.text = "1";  // nothing is built at (1, 2): no deficit there
  BOOST_TEST(!claim.recheck(c, out)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
