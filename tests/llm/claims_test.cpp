// Tests that span several llm claims: every committed case under cases/llm meets its expectations
// (each claim's verdicts, with honest arithmetic labels and re-checked refutations), and the
// statistics and arithmetic labels that say what decided a verdict (llm.eq2, llm.fig1, llm.prop9,
// llm.prop10). A claim's own tests are in tests/llm/ID_test.cpp, ID its claim id (prop1_test.cpp
// for llm.prop1).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"

#include "support/committed_cases.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::llm_tests::cases_dir;
using testing::llm_tests::run;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_claims)

BOOST_AUTO_TEST_CASE(every_committed_llm_case_meets_its_expectations) {
  BOOST_TEST(testing::check_committed_cases(cases_dir) >= 15u);
}

BOOST_AUTO_TEST_CASE(counts_and_arithmetic_say_what_decided_the_verdict) {
  auto stat_of = [](const Outcome& out, const std::string& name) {
    for (const auto& v : out.stats)
      if (v.name == name) return v.text;
    return "<missing " + name + ">";
  };
  // 5 grid values, 25 profiles, 2 agents with 4 reports other than the truth each: 200 misreports.
  Outcome eq2 = run("llm.eq2", "uniform-n2-k1.toml");
  BOOST_TEST(stat_of(eq2, "profiles") == "25");
  BOOST_TEST(stat_of(eq2, "misreports") == "200");
  // Figure 1's statements are decided on exact values, the crossing bracketed by exact signs.
  BOOST_TEST(to_string(run("llm.fig1", "figure1.toml").arithmetic) == "exact");
  BOOST_TEST(to_string(builtin_papers().find("llm.fig1")->info().arithmetic) == "exact");
  // Hypotheses decided exactly give an exact hypotheses_unmet; Prop. 10's premise is certified.
  BOOST_TEST(to_string(run("llm.prop9", "revenue-figure1-cornered-k1-one-sixth.toml").arithmetic) == "exact");
  BOOST_TEST(to_string(run("llm.prop10", "revenue-partnership-n2.toml").arithmetic) == "exact");
  BOOST_TEST(to_string(run("llm.prop10", "revenue-full-demand-cannot-corner.toml").arithmetic) == "certified");
}

BOOST_AUTO_TEST_SUITE_END()
