// finite.monotonicity (Myerson 1981, Lemma 2): interim quantities computed by hand, both named
// hypotheses shown necessary by the committed counterexamples, and the single-good precondition
// reported at the case's line and column.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

BOOST_AUTO_TEST_SUITE(finite_monotonicity)

BOOST_AUTO_TEST_CASE(second_price_interim_quantities) {
  // By hand: bidder 1 wins at (1, 0), (1, 1) (the tie) and (2, *); never with value 0 (at (0, 0)
  // nobody buys). Q_1 = 0, 2/3, 1. Bidder 2 wins only strictly: Q_2 = 0, 1/3, 2/3.
  const Outcome out = run_on_case("finite.monotonicity", committed("second-price-two-bidders.toml"));
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(value_of(out, "Q_1(0)") == "0");
  BOOST_TEST(value_of(out, "Q_1(1)") == "2/3");
  BOOST_TEST(value_of(out, "Q_1(2)") == "1");
  BOOST_TEST(value_of(out, "Q_2(1)") == "1/3");
  BOOST_TEST(value_of(out, "Q_2(2)") == "2/3");
  // The seller's quantity is -1 when it sells: Q_s = -2/3, -1/3, 0 rises with the cost.
  const Outcome agv = run_on_case("finite.monotonicity", committed("agv-bilateral-trade.toml"));
  BOOST_CHECK(agv.verdict == Verdict::holds);
  BOOST_TEST(value_of(agv, "Q_2(0)") == "-2/3");
}

BOOST_AUTO_TEST_CASE(without_bic_the_allocation_may_fall) {
  const Case c = committed("monotonicity-not-bic.toml");
  BOOST_CHECK(run_on_case("finite.monotonicity", c).verdict == Verdict::hypotheses_unmet);
  const Outcome out = run_on_case("finite.monotonicity", c, {"bic"});
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "interim_quantity_low") == "1");
  BOOST_TEST(value_of(out, "interim_quantity_high") == "0");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
}

BOOST_AUTO_TEST_CASE(without_independence_a_bic_allocation_may_fall) {
  const Case c = committed("monotonicity-correlated.toml");
  BOOST_CHECK(run_on_case("finite.bic", c).verdict == Verdict::holds);
  BOOST_CHECK(run_on_case("finite.monotonicity", c).verdict == Verdict::hypotheses_unmet);
  const Outcome out = run_on_case("finite.monotonicity", c, {"independent_prior"});
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(value_of(out, "agent") == "1");
  BOOST_TEST(value_of(out, "type_low") == "1");
  BOOST_TEST(value_of(out, "type_high") == "2");
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
  // The re-check rejects quantities that do not fall.
  const Claim& claim = mechcheck::testing::builtin_claim("finite.monotonicity");
  CheckContext dropped;
  dropped.dropped_hypotheses = {"independent_prior"};
  Outcome wrong = claim.check(c, dropped);
  for (Value& v : wrong.witness)
    if (v.name == "interim_quantity_high") v.text = "1";
  BOOST_TEST(!claim.recheck(c, wrong)->passed);
}

BOOST_AUTO_TEST_CASE(a_values_table_is_no_single_good_market) {
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-monotonicity");
  const std::string path = s.write("table.toml",
                                   "[case]\nname = \"t\"\nmodel = \"finite\"\n\n"
                                   "[finite]\n"
                                   "outcomes = [\"a\", \"b\"]\n"
                                   "\n"
                                   "[[finite.agent]]\n"
                                   "types = [\"0\", \"1\"]\n"
                                   "probabilities = [\"1/2\", \"1/2\"]\n"
                                   "values = [[\"0\", \"1\"], [\"1\", \"0\"]]\n"
                                   "\n"
                                   "[finite.mechanism]\n"
                                   "rule = \"vcg\"\n"
                                   "\n"
                                   "[[expect]]\nclaim = \"finite.monotonicity\"\nverdict = \"holds\"\n");
  const Case c = builtin_papers().load_case(path);
  BOOST_CHECK_EXCEPTION(mechcheck::testing::builtin_claim("finite.monotonicity").validate(c), InputError,
                        [](const InputError& e) {
                          const std::string what = e.what();
                          return what.find("table.toml:8:") != std::string::npos &&
                                 what.find("needs a single-good market") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()
