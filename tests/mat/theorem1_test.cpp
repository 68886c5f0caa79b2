// mat.theorem1 -- Matsushima (2005), Theorem 1 (Section 3), with properties (i)-(iii): in G*, the
// undominated demand functions are exactly the price-taking ones (M*_i = D*_i). Here: the issue
// counts the checker reports (and floats getting the tiny-epsilon set wrong), epsilon_positive
// dropped on the necessity instance, the size guard, and an altered survivor certificate that the
// claim's re-check must reject. Elsewhere: the G* model it enumerates (lottery, orbits, exact LP)
// in model_test.cpp, its committed cases in cases_test.cpp, its hypotheses' ledger in
// hypotheses_test.cpp, and the seeded example reading it refutes together with mat.properties in
// properties_test.cpp (seeded_readings_are_caught).
#include "fixtures.hpp"
#include "routes.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;

BOOST_AUTO_TEST_SUITE(mat_theorem1)

BOOST_AUTO_TEST_CASE(theorem1_reports_the_issue_counts_and_floats_get_the_tiny_epsilon_set_wrong) {
  const Outcome out = run("mat.theorem1", builtin_papers().load_case(cases_dir + "theorem1-tiny-epsilon.toml"));
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(find(out.stats, "demand_functions_per_trader")->text == "27");
  BOOST_TEST(find(out.stats, "profiles_covered_per_trader")->text == "531441");
  BOOST_TEST(find(out.values, "undominated_count_trader_1")->text == "1");
  BOOST_TEST(std::stoi(find(out.values, "undominated_count_double_trader_1")->text) > 1);
  BOOST_TEST(find(out.values, "double_agrees")->text.rfind("no", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(theorem1_lists_the_undominated_set_itself_in_the_order_of_D) {
  // theorem1-ties.toml by hand: u_i(x, p) = v(x) + p (1 - x) at p = 0, 1/2, 1. Traders 1-2,
  // v = (0, 1, 3/2): argmax {2} at 0; {1, 2} at 1/2 (1/2, 1, 1); {0, 1} at 1 (1, 1, 1/2): four
  // demand functions. Traders 3-4, v = (0, 1/3, 1/2): {2}, {0} (1/2, 1/3, 0), {0} (1, 1/3, -1/2).
  // Listed as [d(0),d(1/2),d(1)], lexicographically (the order of D).
  const Outcome out = run("mat.theorem1", builtin_papers().load_case(cases_dir + "theorem1-ties.toml"));
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(find(out.values, "M_star_trader_1")->text == "{[2,1,0], [2,1,1], [2,2,0], [2,2,1]}");
  BOOST_TEST(find(out.values, "D_star_trader_1")->text == "{[2,1,0], [2,1,1], [2,2,0], [2,2,1]}");
  BOOST_TEST(find(out.values, "undominated_count_trader_1")->text == "4");
  BOOST_TEST(find(out.values, "M_star_trader_3")->text == "{[2,0,0]}");
  BOOST_TEST(find(out.values, "D_star_trader_3")->text == "{[2,0,0]}");
  BOOST_TEST(find(out.values, "M_star_trader_2") == nullptr);  // trader 2 is trader 1's type: not checked again

  // Where M*_i and D*_i differ (epsilon = 0, dropped) both sets are listed, so the difference can be read off.
  const Outcome zero =
      run("mat.theorem1", builtin_papers().load_case(cases_dir + "necessity-epsilon-zero.toml"), {"epsilon_positive"});
  BOOST_REQUIRE(to_string(zero.verdict) == "refuted");
  const Value* survivor = find(zero.witness, "undominated_not_price_taking");
  BOOST_REQUIRE(survivor);
  const std::string i = find(zero.witness, "trader")->text;
  BOOST_TEST(find(zero.values, "M_star_trader_" + i)->text.find(survivor->text) != std::string::npos);
  BOOST_TEST(find(zero.values, "D_star_trader_" + i)->text.find(survivor->text) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_set_above_the_cap_is_reported_by_its_size) {
  using proofs::mat_theorem1::listed_set_cap;
  using proofs::mat_theorem1::set_listing;
  BOOST_TEST(set_listing({}) == "{}");
  BOOST_TEST(set_listing({"[0]", "[1]"}) == "{[0], [1]}");
  std::vector<std::string> elements(listed_set_cap, "[0]");
  BOOST_TEST(set_listing(elements).front() == '{');  // at the cap: still listed
  elements.push_back("[1]");
  BOOST_TEST(set_listing(elements) == "omitted (65 elements)");
}

BOOST_AUTO_TEST_CASE(dropping_epsilon_positive_turns_the_necessity_instance_into_a_refutation) {
  const Case c = builtin_papers().load_case(cases_dir + "necessity-epsilon-zero.toml");
  const Outcome out = run("mat.theorem1", c, {"epsilon_positive"});
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(find(out.witness, "undominated_not_price_taking") != nullptr);
  BOOST_TEST(find(out.witness, "no_strict_dominator") != nullptr);
}

BOOST_AUTO_TEST_CASE(the_size_guard_refuses_and_says_how_to_proceed) {
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-four-traders.toml");
  CheckContext context;
  context.enumeration_limit = 1000;
  const Outcome out = run_claim(*builtin_papers().find("mat.theorem1"), c, context);
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("--limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_altered_survivor_certificate_fails_its_recheck) {
  const Case c = builtin_papers().load_case(cases_dir + "mat.theorem1-probe-drop-epsilon-positive-seed-1.toml");
  const Outcome out = run("mat.theorem1", c, {"epsilon_positive"});
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(recheck("mat.theorem1", c, out)->passed);

  // The survivor replaced by a price-taking demand function (d(1) = 0 is optimal at p = 1, any d(0)).
  Outcome taking = out;
  entry(taking.witness, "undominated_not_price_taking").text = "[0,0]";
  BOOST_TEST(!recheck("mat.theorem1", c, taking)->passed);

  // One competitor missing from the certificate.
  Outcome shorter = out;
  std::string& cert = entry(shorter.witness, "no_strict_dominator").text;
  cert = cert.substr(cert.find("; ") + 2);
  BOOST_TEST(!recheck("mat.theorem1", c, shorter)->passed);
}

// The classes of permutations and scaled integer payoffs that the dominance claims run
// (lottery.hpp, dominance.hpp) against every permutation in exact rationals, on every committed
// case of mat.theorem1, mat.remark3 and mat.necessity: M*_i, dominators, the double set, the mixed
// LP, every payoff and every certificate identical (tests/mat/routes.hpp). A case whose reference
// route would compute more than 2 10^9 allocations (theorem1-six-traders-three-prices: 2.6 10^10,
// hours) is compared on the lottery's counts of 300 random profiles per trader instead.
BOOST_AUTO_TEST_CASE(both_routes_agree_on_every_committed_dominance_case) {
  std::size_t compared = 0, sampled = 0;
  for (const auto& entry : std::filesystem::directory_iterator(cases_dir)) {
    if (entry.path().extension() != ".toml") continue;
    const Case c = builtin_papers().load_case(entry.path().string());
    if (!testing::mat_routes::checks_dominance(c)) continue;
    const auto e = std::dynamic_pointer_cast<const Economy>(c.data);
    BOOST_REQUIRE(e);
    BOOST_TEST_CONTEXT(entry.path().filename().string()) {
      if (testing::mat_routes::reference_allocations(*e) > 2e9) {
        BOOST_TEST(testing::mat_routes::sampled_counts_difference(*e, 300) == "");
        ++sampled;
      } else {
        BOOST_TEST(testing::mat_routes::routes_difference(*e) == "");
        ++compared;
      }
    }
  }
  BOOST_TEST(compared >= 14u);
  BOOST_TEST(sampled <= 1u);
}

BOOST_AUTO_TEST_SUITE_END()
