// mat.properties -- Matsushima (2005), properties (i)-(iii) of G* (Section 3) and (iv)-(viii) of
// G** (Section 4), checked exhaustively. Here: (iv)-(viii) on the smallest G** instance, as printed
// and per announcement, and seeded readings that break the mechanism: the example reading of
// n-underline (refuted by mat.properties and mat.theorem1) and Rule 2's printed supply (refuted by
// mat.feasibility). Elsewhere, in test cases that span claims: Rule 6 as printed and unequal
// endowments in theorem2_test.cpp, altered witnesses in feasibility_test.cpp (G*) and
// theorem2_test.cpp (G**); its committed cases in cases_test.cpp.
#include "fixtures.hpp"
#include "mat/model/gstarstar.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;

BOOST_AUTO_TEST_SUITE(mat_properties)

BOOST_AUTO_TEST_CASE(properties_iv_to_viii_on_the_smallest_instance) {
  const Case c = builtin_papers().load_case(cases_dir + "theorem2-smallest.toml");
  const Outcome literal = gstarstar_properties(c.model_data<Economy>());
  BOOST_TEST_MESSAGE("literal: " << to_string(literal.verdict) << ": " << literal.summary);
  Economy per = c.model_data<Economy>();
  Interdependent I = *per.interdependent;
  I.properties_reading = PropertiesReading::per_announcement;
  per.interdependent = std::make_shared<Interdependent>(I);
  const Outcome component = gstarstar_properties(per);
  BOOST_TEST_MESSAGE("per announcement: " << to_string(component.verdict) << ": " << component.summary);
  BOOST_TEST(to_string(literal.verdict) == "refuted");
  BOOST_TEST(literal.summary.find("(vi)") != std::string::npos);
  BOOST_TEST(to_string(component.verdict) == "holds");
}

BOOST_AUTO_TEST_CASE(seeded_readings_are_caught) {
  // The example reading of n-underline: being served depends on one's own demand.
  const Case example = builtin_papers().load_case(cases_dir + "properties-example-reading.toml");
  BOOST_TEST(to_string(run("mat.properties", example).verdict) == "refuted");
  BOOST_TEST(to_string(run("mat.theorem1", example).verdict) == "refuted");
  // Rule 2's printed supply: group 2's endowments are never handed out.
  const Case literal = builtin_papers().load_case(cases_dir + "feasibility-rule2-literal-supply.toml");
  const Outcome f = run("mat.feasibility", literal);
  BOOST_TEST(to_string(f.verdict) == "refuted");
  BOOST_TEST(f.summary.find("market clearing (2)") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
