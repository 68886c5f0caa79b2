// llm.cor1 (Corollary 1, Section 5.1, to Propositions 1 and 2: with symmetric agents r* = (1/n, ...,
// 1/n) for every common k, so the spot market operates in every state of aggregate uncertainty):
// a seeded bug in r* the checker must catch. Its verdicts on the aggregate-*.toml cases are
// checked in prop3_4_test.cpp (verdicts_and_values).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/claims/forward.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::llm_tests::economy_of;
using testing::llm_tests::q;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_cor1)

BOOST_AUTO_TEST_CASE(seeded_bug_cor1_r_star_off_the_common_worst_off_type_is_caught) {
  const Economy e = economy_of("aggregate-power-n3.toml");
  const Algebraic hat = common_worst_off_type(e);
  const std::vector<Algebraic> equal(3, q(1, 3));
  // Correct: r*_i = q_i(hat_theta). Bug: each agent's q evaluated at hat + i/100.
  std::vector<Algebraic> good, bad;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto qi = interim_allocation(e, i);
    good.push_back(qi(hat));
    bad.push_back(qi(hat + q(static_cast<long>(i), 100)));
  }
  const Algebraic surplus = expected_surplus_eq11(e, equal);
  BOOST_TEST(!proofs::equal_holdings_failure(good, worst_off_types(e, equal), surplus));
  BOOST_TEST(proofs::equal_holdings_failure(bad, worst_off_types(e, equal), surplus).has_value());
  // Bug: worst-off types at holdings r*_1 for agent 1 and 1/2 for the others.
  std::vector<Algebraic> uneven{q(1, 6), q(5, 12), q(5, 12)};
  BOOST_TEST(proofs::equal_holdings_failure(good, worst_off_types(e, uneven), surplus).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
