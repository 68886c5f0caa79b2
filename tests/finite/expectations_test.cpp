// finite.expectations: expected revenue, welfare and deficit computed by hand, the named VCG rule
// against an explicit table of the same auction written from the textbook formula, and a wrong
// reported value that the re-check must reject.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

BOOST_AUTO_TEST_SUITE(finite_expectations)

BOOST_AUTO_TEST_CASE(known_revenues_and_welfare) {
  // Second price on {0, 1, 2}^2 uniform: revenue E[min] = (1*3 + 2*1)/9 = 5/9; welfare E[max] =
  // (1*3 + 2*5)/9 = 13/9.
  const Outcome sp = run_on_case("finite.expectations", committed("second-price-two-bidders.toml"));
  BOOST_REQUIRE(sp.verdict == Verdict::holds);
  BOOST_TEST(value_of(sp, "expected_revenue") == "5/9");
  BOOST_TEST(value_of(sp, "expected_welfare") == "13/9");
  BOOST_TEST(value_of(sp, "expected_deficit") == "0");
  BOOST_CHECK(sp.recheck.status == RecheckNote::Status::passed);
  // First price with truthful bids: revenue E[max] = 13/9 and every bidder's utility 0.
  const Outcome fp = run_on_case("finite.expectations", committed("first-price-truthful.toml"));
  BOOST_TEST(value_of(fp, "expected_revenue") == "13/9");
  BOOST_TEST(value_of(fp, "expected_utility_1") == "0");
  // Pivot public good: revenue 2/9 (2 paid at (2, 2)), cost 3/9, deficit 1/9; welfare (4 - 3)/9.
  const Outcome pivot = run_on_case("finite.expectations", committed("pivot-public-good-deficit.toml"));
  BOOST_TEST(value_of(pivot, "expected_revenue") == "2/9");
  BOOST_TEST(value_of(pivot, "expected_cost") == "1/3");
  BOOST_TEST(value_of(pivot, "expected_deficit") == "1/9");
  BOOST_TEST(value_of(pivot, "expected_welfare") == "1/9");
  // AGV: gains from trade E[(b - s)^+] = (1 + 2 + 1)/9 = 4/9, revenue 0.
  const Outcome agv = run_on_case("finite.expectations", committed("agv-bilateral-trade.toml"));
  BOOST_TEST(value_of(agv, "expected_welfare") == "4/9");
  BOOST_TEST(value_of(agv, "expected_revenue") == "0");
}

BOOST_AUTO_TEST_CASE(named_vcg_agrees_with_an_explicit_second_price_table) {
  // Two independent formulas: the named rule computes Clarke pivot payments from the value tables;
  // this table is the textbook second-price auction (the highest bid wins, ties to bidder 1, and
  // pays the other bid), written row by row.
  std::string rows;
  for (int b1 = 0; b1 <= 2; ++b1)
    for (int b2 = 0; b2 <= 2; ++b2) {
      const bool sale = b1 > 0 || b2 > 0, one = b1 >= b2;
      rows += "[[finite.mechanism.row]]\ntypes = [\"" + std::to_string(b1) + "\", \"" + std::to_string(b2) +
              "\"]\noutcome = \"" +
              (!sale ? "none"
               : one ? "one"
                     : "two") +
              "\"\npayments = [\"" + std::to_string(sale && one ? b2 : 0) + "\", \"" +
              std::to_string(sale && !one ? b1 : 0) + "\"]\n";
    }
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-expectations");
  const std::string head = "[case]\nname = \"t\"\nmodel = \"finite\"\n\n" + two_bidders;
  const Case table =
      builtin_papers().load_case(s.write("table.toml", head + "[finite.mechanism]\nrule = \"table\"\n\n" + rows));
  const Case named = builtin_papers().load_case(s.write("named.toml", head + "[finite.mechanism]\nrule = \"vcg\"\n"));
  BOOST_TEST(economy_of(table).payments == economy_of(named).payments);
  BOOST_TEST(economy_of(table).lottery == economy_of(named).lottery);
  const Outcome a = run_on_case("finite.expectations", table), b = run_on_case("finite.expectations", named);
  BOOST_REQUIRE_EQUAL(a.values.size(), b.values.size());
  for (std::size_t k = 0; k < a.values.size(); ++k) BOOST_TEST(a.values[k].text == b.values[k].text, a.values[k].name);
  BOOST_TEST(value_of(a, "expected_revenue") == "5/9");
}

BOOST_AUTO_TEST_CASE(the_recheck_rejects_a_wrong_value) {
  const Case c = committed("second-price-two-bidders.toml");
  const Claim& claim = mechcheck::testing::builtin_claim("finite.expectations");
  Outcome out = claim.check(c, CheckContext{});
  BOOST_TEST(claim.recheck(c, out)->passed);
  for (Value& v : out.values)
    if (v.name == "expected_revenue") v.text = "2/3";
  BOOST_TEST(!claim.recheck(c, out)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
