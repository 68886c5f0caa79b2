// mat.necessity -- Matsushima (2005), Theorem 1's hypotheses (Section 3): with epsilon = 0
// (Rationing Rule 2), or with each group priced at its own clearing price, a demand function that
// is not price-taking survives. Here: the claim's survivor certificate and dominator lists,
// altered after the fact, must fail its re-check. Elsewhere: its committed cases in
// cases_test.cpp, and mat.theorem1 with epsilon_positive dropped on the necessity instance in
// theorem1_test.cpp.
#include "fixtures.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;
using Q = Rational;
namespace rc = mechcheck::proofs::mat_recheck;

BOOST_AUTO_TEST_SUITE(mat_necessity)

BOOST_AUTO_TEST_CASE(a_competitor_moved_to_where_it_is_strictly_better_fails_the_recheck) {
  // mat.necessity's certificate (own-group prices): [2,0] survives. Move one competitor's entry to
  // an opponents' profile where that competitor is strictly better than [2,0].
  const Case c = builtin_papers().load_case(cases_dir + "necessity-own-group-price.toml");
  const Economy& e = c.model_data<Economy>();
  const Outcome out = run("mat.necessity", c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
  const auto D = all_demand_functions(e);
  const std::vector<int> s{2, 0};
  Outcome moved = out;
  BOOST_REQUIRE(entry(moved.witness, "undominated_not_price_taking").text == "[2,0]");
  std::string& text = entry(moved.witness, "no_strict_dominator").text;
  bool done = false;
  std::size_t from = 0;
  while (!done && from < text.size()) {
    const std::size_t at = text.find(" at (", from), close = text.find(')', at);
    const std::string competitor = text.substr(from, at - from);
    std::vector<int> t;
    for (std::size_t x = 0; x < D.size(); ++x)
      if (demand_text(e.grid, D[x]) == competitor) t = D[x];
    for (std::size_t a = 0; a < D.size() && !done; ++a)
      for (std::size_t b = 0; b < D.size() && !done; ++b)
        for (std::size_t x = 0; x < D.size() && !done; ++x) {
          std::vector<std::vector<int>> d{s, D[a], D[b], D[x]};
          const Q u_s = rc::direct_expected_utility(e, 0, d);
          d[0] = t;
          if (rc::direct_expected_utility(e, 0, d) <= u_s) continue;
          text = text.substr(0, at) + " at (trader 2 " + demand_text(e.grid, D[a]) + ", trader 3 " +
                 demand_text(e.grid, D[b]) + ", trader 4 " + demand_text(e.grid, D[x]) + ")" + text.substr(close + 1);
          done = true;
        }
    from = close + 3;  // past ")" and "; "
  }
  BOOST_REQUIRE(done);
  BOOST_TEST(!recheck("mat.necessity", c, moved)->passed);
}

BOOST_AUTO_TEST_CASE(an_altered_dominator_list_fails_the_necessity_recheck) {
  const Case c = builtin_papers().load_case(cases_dir + "necessity-hypotheses-hold.toml");
  const Outcome out = refuted_and_rechecked("mat.necessity", c, {"theorem1_hypothesis_dropped"});
  // Trader 1's first pair "s by t" with t replaced by s itself: nothing strictly dominates itself.
  Outcome self = out;
  std::string& list = entry(self.witness, "dominated_trader_1").text;
  const std::string first = list.substr(0, list.find(" by "));
  list = first + " by " + first + list.substr(list.find(';'));
  BOOST_TEST(!recheck("mat.necessity", c, self)->passed);
  // A price-taking demand function slipped into the list.
  Outcome extra = out;
  entry(extra.witness, "dominated_trader_3").text += "; [2,0] by [2,0]";
  BOOST_TEST(!recheck("mat.necessity", c, extra)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
