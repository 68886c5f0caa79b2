// finite.bic: the correlated prior against the independent one on the same mechanism (Cremer and
// McLean's side bets), AGV's BIC, and a wrong witness the re-check must reject.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

BOOST_AUTO_TEST_SUITE(finite_bic)

BOOST_AUTO_TEST_CASE(side_bets_deter_lies_only_under_correlation) {
  BOOST_CHECK(run_on_case("finite.bic", committed("correlated-first-price-with-bets.toml")).verdict == Verdict::holds);
  // By hand, independent uniform values: bidder 1 of value 2 bidding 2 wins for sure at price 2
  // (utility 0) and loses its bet half the time: (1/2)(-4) + (1/2)(1) = -3/2. Bidding 1 it wins the
  // tie (utility 1 + 1) or loses (-4): (1/2)(2) + (1/2)(-4) = -1 > -3/2.
  const Outcome out = run_on_case("finite.bic", committed("independent-first-price-with-bets.toml"));
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "agent") == "1");
  BOOST_TEST(value_of(out, "true_type") == "2");
  BOOST_TEST(value_of(out, "misreport") == "1");
  BOOST_TEST(value_of(out, "interim_utility_truthful") == "-3/2");
  BOOST_TEST(value_of(out, "interim_utility_misreport") == "-1");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
}

BOOST_AUTO_TEST_CASE(agv_is_bic_but_not_dsic) {
  const Case c = committed("agv-bilateral-trade.toml");
  BOOST_CHECK(run_on_case("finite.bic", c).verdict == Verdict::holds);
  BOOST_CHECK(run_on_case("finite.dsic", c).verdict == Verdict::refuted);
}

BOOST_AUTO_TEST_CASE(the_recheck_rejects_a_wrong_witness) {
  const Case c = committed("independent-first-price-with-bets.toml");
  const Claim& claim = mechcheck::testing::builtin_claim("finite.bic");
  Outcome out = claim.check(c, CheckContext{});
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(claim.recheck(c, out)->passed);
  for (Value& v : out.witness)
    if (v.name == "interim_utility_truthful") v.text = "-1/2";
  BOOST_TEST(!claim.recheck(c, out)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
