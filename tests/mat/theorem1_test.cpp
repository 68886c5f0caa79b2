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
