// finite.expost_ir: the auctions are ex post IR; a payment above the value is caught and its
// witness re-checked; a wrong witness is rejected.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

BOOST_AUTO_TEST_SUITE(finite_expost_ir)

BOOST_AUTO_TEST_CASE(auctions_and_posted_prices_are_ex_post_ir) {
  for (const char* file : {"second-price-two-bidders.toml", "first-price-truthful.toml",
                           "posted-price-bilateral-trade.toml", "k-double-auction.toml"})
    BOOST_CHECK_MESSAGE(run_on_case("finite.expost_ir", committed(file)).verdict == Verdict::holds, file);
}

BOOST_AUTO_TEST_CASE(a_payment_above_the_value_is_caught) {
  // Seeded bug: the winner at (1, 0) pays 3/2 for a good it values at 1.
  const Case c = committed("second-price-two-bidders.toml");
  Economy e = economy_of(c);
  e.payments[profile_of(e, {Rational(1), Rational(0)})][0] = Rational(3, 2);
  const Case altered = with_economy(c, e);
  const Outcome out = run_on_case("finite.expost_ir", altered);
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "agent") == "1");
  BOOST_TEST(value_of(out, "type_1") == "1");
  BOOST_TEST(value_of(out, "type_2") == "0");
  BOOST_TEST(value_of(out, "utility") == "-1/2");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
  // The same witness with another utility is rejected.
  const Claim& claim = mechcheck::testing::builtin_claim("finite.expost_ir");
  Outcome wrong = claim.check(altered, CheckContext{});
  for (Value& v : wrong.witness)
    if (v.name == "utility") v.text = "-1";
  BOOST_TEST(!claim.recheck(altered, wrong)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
