// llm.prop1 (Proposition 1, Section 4.1; proof in Appendix A.1, eqs. (6)-(7): with a common
// worst-off type hat_theta_i(r_i) = hat_theta, the VCG budget surplus Pi(theta, r) is nonnegative
// at every theta): the partnership's minimum 0, the Myerson-Satterthwaite deficit found when the
// hypothesis is dropped, seeded bugs the judge must catch, and the size guard.
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
using testing::llm_tests::cases_dir;
using testing::llm_tests::economy_of;
using testing::llm_tests::run;

// Prop. 1's judging step on a vertex grid, as the checker runs it (scan, then judge).
Outcome judge_surplus_nonnegative(const VertexGrid& grid) {
  CheckContext context;
  Check check(context);
  return proofs::judge_surplus_nonnegative(grid, proofs::scan_surplus(grid, context), check);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop1)

BOOST_AUTO_TEST_CASE(prop1_minimum_is_zero_for_partnership) {
  // Pi(hat, ..., hat) = W(hat, ..., hat) - hat = 0, and Pi >= 0 elsewhere.
  Outcome out = run("llm.prop1", "uniform-n2-k1.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "min_surplus") == "0");
}

BOOST_AUTO_TEST_CASE(prop1_without_hypothesis_finds_the_myerson_satterthwaite_deficit) {
  Outcome unmet = run("llm.prop1", "myerson-satterthwaite.toml");
  BOOST_TEST(to_string(unmet.verdict) == "hypotheses_unmet");
  BOOST_TEST(unmet.unmet == std::vector<std::string>{"common_worst_off"});
  Outcome dropped = run("llm.prop1", "myerson-satterthwaite.toml", {"common_worst_off"});
  BOOST_TEST(to_string(dropped.verdict) == "refuted");
  BOOST_TEST(value_of(dropped, "theta_1") == "0");  // seller's type 0, buyer's type 1: Pi = -1
  BOOST_TEST(value_of(dropped, "theta_2") == "1");
  BOOST_TEST(value_of(dropped, "Pi") == "-1");
}

// ---- seeded bugs ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_prop1_outside_option_without_min_is_caught) {
  // Bug: valuing the outside option at k_i theta_i instead of min(r_i, k_i) theta_i.
  Economy e = economy_of("figure1-k1-one-third.toml");
  auto grid = vertex_grid(e, r_star(e));
  BOOST_TEST(to_string(judge_surplus_nonnegative(grid).verdict) == "holds");
  for (std::size_t i = 0; i < grid.dimension; ++i) grid.outside[i] = Algebraic(grid.k[i]);
  BOOST_TEST(to_string(judge_surplus_nonnegative(grid).verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(seeded_bug_prop1_wrong_worst_off_type_is_caught) {
  // Bug: agent 1's worst-off type computed at level k_1 instead of min(r_1, k_1), so it is hi.
  // (Moving every worst-off type together would not be caught, and rightly: any common
  // worst-off type makes Pi >= 0 when sum_i min(r_i, k_i) = 1, which is Prop. 1's proof.)
  Economy e = economy_of("uniform-n3-k1.toml");
  auto grid = vertex_grid(e, r_star(e));
  grid.hat_index[0] = grid.constants.size() - 1;  // hi
  BOOST_TEST(to_string(judge_surplus_nonnegative(grid).verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(size_guard_refuses_large_grids) {
  // n = 4 exchangeable agents on the constants {0, hat, 1}: the scan evaluates one profile per
  // orbit, the C(4 + 2, 2) = 15 multisets, not the 3^4 = 81 ordered profiles, and the guard
  // counts those 15.
  Case c = builtin_papers().load_case(cases_dir + "uniform-n4-k1.toml");
  CheckContext context;
  context.enumeration_limit = 14;
  Outcome out = run_claim(*builtin_papers().find("llm.prop1"), c, context);
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("15 points") != std::string::npos);
  BOOST_TEST(out.summary.find("--limit 15") != std::string::npos);
  context.enumeration_limit = 15;
  BOOST_TEST(to_string(run_claim(*builtin_papers().find("llm.prop1"), c, context).verdict) == "holds");
}

BOOST_AUTO_TEST_SUITE_END()
