// mat.feasibility -- Matsushima (2005), Section 2, (2)-(3) and the bounds, with Rationing Rules 1
// and 2 ("it is clear that ... is well-defined"): every outcome of G* is an allocation in A. Here:
// altered witnesses that the re-checks must reject (mat.feasibility's, and in the same test case
// those of mat.properties on G*, mat.example and mat.convergence), and a witness that cannot be
// read back, which is an error rather than a pass. Elsewhere: its committed cases in
// cases_test.cpp, and Rule 2's printed supply as a seeded reading in properties_test.cpp
// (seeded_readings_are_caught).
#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace mechcheck;
using namespace mechcheck::testing::mat_tests;

BOOST_AUTO_TEST_SUITE(mat_feasibility)

BOOST_AUTO_TEST_CASE(altered_allocation_witnesses_fail_their_rechecks) {
  // mat.feasibility: under Rule 1 the same profile's allocation is in A.
  const Case f = builtin_papers().load_case(cases_dir + "feasibility-rule2-literal-supply.toml");
  Outcome feasible = refuted_and_rechecked("mat.feasibility", f);
  // The search stopped at the failure: it reports the failure's place, not an evaluated count.
  auto has_stat = [&](const std::string& name) {
    for (const auto& v : feasible.stats)
      if (v.name == name) return true;
    return false;
  };
  BOOST_TEST(has_stat("failing_profile_index"));
  BOOST_TEST(!has_stat("profiles_evaluated"));
  Outcome other_x = feasible;
  entry(other_x.witness, "x").text = "(1, 1, 0, 0)";
  BOOST_TEST(!recheck("mat.feasibility", f, other_x)->passed);
  Outcome rule1 = feasible;
  entry(rule1.witness, "rule").text = "1";
  rule1.witness.erase(
      std::remove_if(rule1.witness.begin(), rule1.witness.end(), [](const Value& v) { return v.name == "x"; }),
      rule1.witness.end());
  BOOST_TEST(!recheck("mat.feasibility", f, rule1)->passed);

  // mat.properties (G*): a reported amount that the simulation does not give, and a pair of
  // messages that shows nothing (the same message twice).
  const Case p = builtin_papers().load_case(cases_dir + "properties-example-reading.toml");
  const Outcome prop = refuted_and_rechecked("mat.properties", p);
  BOOST_TEST(!recheck("mat.properties", p, with_first_amount_zero(prop))->passed);
  Outcome twice = prop;
  std::vector<Value*> messages;
  for (auto& v : twice.witness)
    if (v.name.rfind("message ", 0) == 0) messages.push_back(&v);
  BOOST_REQUIRE(messages.size() == 2u);
  *messages[1] = *messages[0];
  BOOST_TEST(!recheck("mat.properties", p, twice)->passed);

  // mat.example: a different n-tilde.
  const Case x = builtin_papers().load_case(cases_dir + "example-paper.toml");
  Outcome example = refuted_and_rechecked("mat.example", x);
  entry(example.witness, "n_tilde").text = "2";
  BOOST_TEST(!recheck("mat.example", x, example)->passed);

  // mat.convergence: a sample mean the seed does not give.
  const Case g = builtin_papers().load_case(cases_dir + "convergence-coarse-grid.toml");
  Outcome study = refuted_and_rechecked("mat.convergence", g);
  entry(study.witness, "mean_served").text = "9/10";
  BOOST_TEST(!recheck("mat.convergence", g, study)->passed);
}

BOOST_AUTO_TEST_CASE(a_witness_that_cannot_be_read_back_is_an_error_not_a_pass) {
  const Case f = builtin_papers().load_case(cases_dir + "feasibility-rule2-literal-supply.toml");
  Outcome out = run("mat.feasibility", f);
  entry(out.witness, "phi").text = "(1,1,2,3)";
  BOOST_CHECK_THROW(recheck("mat.feasibility", f, out), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()
