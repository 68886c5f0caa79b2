// llm.prop2 (Proposition 2; proof in Appendix A.2, eq. (8): a unique hat_theta in (lo, hi) and
// unique holdings r* = (q_1(hat_theta), ..., q_n(hat_theta)) give every agent the worst-off type
// hat_theta): the irrational hat_theta reported with its polynomial, and a seeded bug the checker
// must catch.
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
using testing::llm_tests::economy_of;
using testing::llm_tests::find_value;
using testing::llm_tests::run;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop2)

BOOST_AUTO_TEST_CASE(prop2_reports_irrational_hat_theta_with_its_polynomial) {
  Outcome out = run("llm.prop2", "uniform-n3-k1.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  const Value* hat = find_value(out, "hat_theta");
  BOOST_REQUIRE(hat);
  BOOST_TEST(hat->polynomial == "3*x^2 - 1");
  BOOST_TEST(hat->text.substr(0, 32) == "0.577350269189625764509148780501");  // 1/sqrt(3)
  BOOST_TEST(value_of(out, "r_star_1") == "1/3");
  BOOST_TEST(value_of(out, "sum_r_star") == "1");
}

// ---- seeded bugs ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_prop2_r_star_evaluated_off_hat_is_caught) {
  Economy e = economy_of("asymmetric-t-squared.toml");
  auto q = interim_allocations(e);
  Algebraic hat = common_worst_off_type(e);
  std::vector<Algebraic> r;
  for (const auto& qi : q) r.push_back(qi(hat));
  BOOST_TEST(proofs::r_star_failures(e, q, hat, r).empty());
  // Bug: r*_1 computed at hat + 1/1000, the others right.
  std::vector<Algebraic> buggy = r;
  buggy[0] = q[0](hat + Algebraic(Rational(1, 1000)));
  auto failures = proofs::r_star_failures(e, q, hat, buggy);
  BOOST_TEST(failures.size() >= 2u);  // agent 1's worst-off type moves and the sum leaves 1
}

BOOST_AUTO_TEST_SUITE_END()
