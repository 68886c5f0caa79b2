// llm.prop7 (Proposition 7, Section 5.2, condition (5); proof in Appendix A.6: with
// strength-ordered agents, F_i <= F_{i+1} and k_i >= k_{i+1}, r*_i >= r*_j for i < j): each half
// of (5) is needed.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::value_of;
using testing::llm_tests::run;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop7)

// Each half of (5) matters: dropping it on a case where it fails refutes the conclusion.
BOOST_AUTO_TEST_CASE(dropping_either_strength_hypothesis_refutes_prop7) {
  BOOST_TEST(to_string(run("llm.prop7", "strength-crossing-cdfs.toml").verdict) == "hypotheses_unmet");
  Outcome crossing = run("llm.prop7", "strength-crossing-cdfs.toml", {"strength_ordered_distributions"});
  BOOST_TEST(to_string(crossing.verdict) == "refuted");
  Outcome reversed = run("llm.prop7", "strength-reversed-demands.toml", {"strength_ordered_demands"});
  BOOST_TEST(to_string(reversed.verdict) == "refuted");
  BOOST_TEST(value_of(reversed, "r_star_i") == "1/4");
  BOOST_TEST(value_of(reversed, "r_star_i_plus_1") == "3/4");
}

BOOST_AUTO_TEST_SUITE_END()
