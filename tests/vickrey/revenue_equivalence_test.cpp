// vickrey.revenue_equivalence: exact known answers, the model's integrals against closed forms,
// and seeded bugs the checker and its re-check must catch.
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "support/cli_process.hpp"
#include "vickrey/model/auction.hpp"
#include "vickrey/recheck/recheck.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::vickrey;

namespace {

Economy economy(int n, int a, std::optional<Rational> slope = std::nullopt) {
  Economy e;
  e.bidders = n;
  e.power = a;
  e.bid_slope = slope;
  e.grid = 10;
  return e;
}

Case case_of(const Economy& e) {
  Case c;
  c.path = "(in memory)";
  c.name = "in-memory";
  c.model = "vickrey";
  c.data = std::make_shared<Economy>(e);
  return c;
}

const Claim& claim() { return *builtin_papers().find("vickrey.revenue_equivalence"); }

using testing::value_of;

}  // namespace

BOOST_AUTO_TEST_SUITE(vickrey_revenue_equivalence)

BOOST_AUTO_TEST_CASE(two_uniform_bidders_raise_one_third_in_both_auctions) {
  const Economy e = economy(2, 1);
  BOOST_TEST(equilibrium_bid_slope(e) == Rational(1, 2));
  BOOST_TEST(first_price_revenue(e) == Rational(1, 3));
  BOOST_TEST(second_price_revenue(e) == Rational(1, 3));
  const Outcome out = run_claim(claim(), case_of(e), CheckContext{});
  BOOST_CHECK(out.verdict == Verdict::holds);
  BOOST_TEST(value_of(out, "first_price_revenue") == "1/3");
}

BOOST_AUTO_TEST_CASE(the_integrals_agree_with_the_closed_forms) {
  // Two independent formulas: the model integrates polynomials; these are the textbook closed
  // forms for F(v) = v^a (E[max] = n a / (n a + 1), the equilibrium slope m / (m + 1) with
  // m = a (n - 1), E[second highest] = n (n - 1) a^2 / ((n a + 1) ((n - 1) a + 1))).
  for (int n = 2; n <= 6; ++n)
    for (int a = 1; a <= 4; ++a) {
      const Economy e = economy(n, a);
      const Rational m(a * (n - 1)), na(n * a);
      BOOST_TEST(equilibrium_bid_slope(e) == m / (m + 1), n << " bidders, power " << a);
      BOOST_TEST(first_price_revenue(economy(n, a, Rational(1))) == na / (na + 1));
      BOOST_TEST(second_price_revenue(e) == Rational(n * (n - 1) * a * a) / ((na + 1) * (m + 1)));
      BOOST_TEST(first_price_revenue(e) == second_price_revenue(e));
    }
}

BOOST_AUTO_TEST_CASE(bids_off_the_equilibrium_are_caught) {
  // A seeded bug: first-price bids shaded a little too much (slope 1/3 instead of 1/2 for two
  // uniform bidders) are no equilibrium, and the revenues differ.
  const Economy e = economy(2, 1, Rational(1, 3));
  BOOST_CHECK(run_claim(claim(), case_of(e), CheckContext{}).verdict == Verdict::hypotheses_unmet);
  CheckContext dropped;
  dropped.dropped_hypotheses = {"bids_in_equilibrium"};
  const Outcome out = run_claim(claim(), case_of(e), dropped);
  BOOST_CHECK(out.verdict == Verdict::refuted);
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
  BOOST_TEST(value_of(out, "first_price_revenue") == "2/9");
}

BOOST_AUTO_TEST_CASE(the_recheck_rejects_an_altered_revenue) {
  CheckContext dropped;
  dropped.dropped_hypotheses = {"bids_in_equilibrium"};
  const Case c = case_of(economy(2, 1, Rational(1)));
  Outcome out = claim().check(c, dropped);
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(claim().recheck(c, out)->passed);
  for (Value& v : out.values)
    if (v.name == "second_price_revenue") v.text = "1/2";
  BOOST_TEST(!claim().recheck(c, out)->passed);
}

BOOST_AUTO_TEST_CASE(bad_tables_are_input_errors_at_their_key) {
  mechcheck::testing::ScratchDirectory s("mechcheck-vickrey-test");
  const std::string head = "[case]\nname = \"bad\"\nmodel = \"vickrey\"\n\n[vickrey]\n";
  auto message = [&](const std::string& body) {
    try {
      builtin_papers().load_case(s.write("bad.toml", head + body));
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(
      message("bidders = 1\n").find("bad.toml:6:11: bidders must be a whole number in [2, 50]") != std::string::npos,
      message("bidders = 1\n"));
  BOOST_TEST(message("bid_slope = \"3/2\"\n").find("bid_slope must be \"equilibrium\" or a rational in [0, 1]") !=
             std::string::npos);
  BOOST_TEST(message("bidder = 2\n").find("bidder") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
