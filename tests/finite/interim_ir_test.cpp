// finite.interim_ir: AGV on bilateral trade fails interim IR at a value computed by hand; the
// side bets under correlation keep every type at 0.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

BOOST_AUTO_TEST_SUITE(finite_interim_ir)

BOOST_AUTO_TEST_CASE(agv_fails_interim_ir_for_the_lowest_buyer) {
  // By hand (b, s uniform on {0, 1, 2}, trade when b > s): xi_b(b) = E_s[-s 1{b > s}] = 0, 0, -1/3
  // and xi_s(s) = E_b[b 1{b > s}] = 1, 2/3, 0. The buyer pays xi_s(s) - xi_b(b), so the buyer of
  // value 0 (who never trades) expects -E[xi_s] + xi_b(0) = -5/9.
  const Outcome out = run_on_case("finite.interim_ir", committed("agv-bilateral-trade.toml"));
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "agent") == "1");
  BOOST_TEST(value_of(out, "type") == "0");
  BOOST_TEST(value_of(out, "interim_utility") == "-5/9");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
}

BOOST_AUTO_TEST_CASE(fair_side_bets_keep_interim_ir) {
  BOOST_CHECK(run_on_case("finite.interim_ir", committed("correlated-first-price-with-bets.toml")).verdict ==
              Verdict::holds);
  // Under independence each bet is worth -3/2 to a truthful bidder.
  const Outcome out = run_on_case("finite.interim_ir", committed("independent-first-price-with-bets.toml"));
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "interim_utility") == "-3/2");
}

BOOST_AUTO_TEST_CASE(the_recheck_rejects_a_wrong_witness) {
  const Case c = committed("agv-bilateral-trade.toml");
  const Claim& claim = mechcheck::testing::builtin_claim("finite.interim_ir");
  Outcome out = claim.check(c, CheckContext{});
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  for (Value& v : out.witness)
    if (v.name == "type") v.text = "1";  // the buyer of value 1 expects 1/3 - 5/9 + 0 = -2/9, not -5/9
  BOOST_TEST(!claim.recheck(c, out)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
