// llm.prop3_4 (Propositions 3 and 4, Section 4.2; proofs in Appendix A.3 and A.4: with endowments
// e, a pricing function P in Proposition 4's family makes r* a Nash equilibrium of the forward
// market with payoffs (3), meets ex ante IR (9), and some P' in the family balances the budget):
// verdicts and values on the forward-*.toml cases (the first case also checks llm.cor1's and
// llm.prop5_6's verdicts on the aggregate-*.toml cases), seeded bugs in the payoff and the budget,
// and its precondition (endowments given), refused by the command line.
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

using testing::value_of;
using testing::llm_tests::expect_refused;
using testing::llm_tests::header;
using testing::llm_tests::partnership;
using testing::llm_tests::q;
using testing::llm_tests::quoted;
using testing::llm_tests::run;
using testing::llm_tests::Run;
using testing::llm_tests::Scratch;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop3_4)

BOOST_AUTO_TEST_CASE(verdicts_and_values) {
  Outcome out = run("llm.prop3_4", "forward-uniform-n2.toml");
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "budget") == "-1/2");
  BOOST_TEST(value_of(out, "family_budget_bound") == "-1/4");
  BOOST_TEST(value_of(out, "slope_below") == "2");
  BOOST_TEST(value_of(out, "ir_slack_1") == "7/24");
  // The proof of A.4 lowers P left of 0 when the budget is negative: -(4 + 2)/8.
  BOOST_TEST(value_of(out, "budget_after_proof_step") == "-3/4");
  BOOST_TEST(to_string(run("llm.prop3_4", "forward-no-trade.toml").verdict) == "holds");
  Outcome uniform = run("llm.prop3_4", "forward-uniform-pricing.toml");
  BOOST_TEST(to_string(uniform.verdict) == "hypotheses_unmet");
  BOOST_TEST(value_of(uniform, "gain") == "1/8");  // agent 1 keeps everything: pi(1) - pi(1/2) - 1/4 + ... = 1/8
  BOOST_TEST(to_string(run("llm.prop3_4", "forward-too-flat.toml").verdict) == "hypotheses_unmet");
  // Dropping the hypothesis: the too-flat P is then judged and r* is not an equilibrium.
  BOOST_TEST(to_string(run("llm.prop3_4", "forward-too-flat.toml", {"pricing_in_family", "single_crossing"}).verdict) ==
             "refuted");
  BOOST_TEST(to_string(run("llm.cor1", "aggregate-uniform-n2.toml").verdict) == "holds");
  BOOST_TEST(to_string(run("llm.cor1", "aggregate-asymmetric-cdfs.toml").verdict) == "hypotheses_unmet");
  // Dropping symmetry: r* = ((3 - sqrt 5)/2, (sqrt 5 - 1)/2) != 1/2 refutes the conclusion.
  BOOST_TEST(to_string(run("llm.cor1", "aggregate-asymmetric-cdfs.toml", {"symmetric_agents"}).verdict) == "refuted");
  BOOST_TEST(to_string(run("llm.prop5_6", "aggregate-uniform-n2.toml").verdict) == "refuted");
  BOOST_TEST(to_string(run("llm.prop5_6", "aggregate-no-trade.toml").verdict) == "holds");
}

// ---- seeded bugs ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bugs_prop3_4_payoff_and_budget_are_caught) {
  const ForwardMarket m = partnership();
  const KinkedPricing p{q(1, 2), Algebraic(2), Algebraic(2)};
  long long evaluations = 0;
  auto good = [&](std::size_t i, const Algebraic& x) { return forward_payoff(m, p, i, x); };
  BOOST_TEST(!proofs::profitable_deviation(m.target, m.endowments, good, 24, evaluations));
  // Bug: the payment int_{e_i}^x P(z - e_i) dz, forgetting the others' net demand X*_{-i}.
  auto forgot_others = [&](std::size_t i, const Algebraic& x) {
    const Algebraic e_i(m.endowments[i]);
    return spot_payoff(m.agents[i], x) - p.integral(Algebraic(0), x - e_i);
  };
  BOOST_TEST(proofs::profitable_deviation(m.target, m.endowments, forgot_others, 24, evaluations).has_value());
  // Bug: pi_i without the outside-option term x hat_i(x) (marginal value 0): everybody sells.
  auto no_outside = [&](std::size_t i, const Algebraic& x) {
    const Algebraic hat = worst_off_type_at(m.agents[i], x);
    return spot_payoff(m.agents[i], x) - x * hat -
           p.integral(Algebraic(m.endowments[i]) - m.target[i], x - m.target[i]);
  };
  BOOST_TEST(proofs::profitable_deviation(m.target, m.endowments, no_outside, 24, evaluations).has_value());
  // Bug: the budget with the integrals the wrong way round (int_0^{d_i} P): +1/2 instead of -1/2.
  Algebraic wrong = 0;
  for (const auto& d : m.excess()) wrong += p.integral(Algebraic(0), d);
  BOOST_TEST(wrong == q(1, 2));
  BOOST_TEST(proofs::budget_identity_failure(wrong, forward_budget_by_decomposition(m, p)).has_value());
  BOOST_TEST(!proofs::budget_identity_failure(forward_budget(m, p), forward_budget_by_decomposition(m, p)));
}

// ---- preconditions ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(prop3_4_needs_endowments) {
  // Formerly the committed case forward-missing-endowments (then a hypothesis, endowments_given).
  Scratch s;
  const std::string file = s.write("forward-missing-endowments.toml", header +
                                                                          "[llm]\n"                     // 6
                                                                          "support = [\"0\", \"1\"]\n"  // 7
                                                                          "holdings = \"r_star\"\n"     // 8
                                                                          "\n"
                                                                          "[[llm.agent]]\n"
                                                                          "k = \"1\"\n"
                                                                          "cdf = \"uniform\"\n"
                                                                          "count = 2\n"
                                                                          "\n"
                                                                          "[[expect]]\n"
                                                                          "claim = \"llm.prop3_4\"\n"
                                                                          "verdict = \"hypotheses_unmet\"\n");
  const std::string rule = "llm.prop3_4 needs endowments = [e_1, ..., e_n] in [llm]";
  expect_refused(s.run("check llm.prop3_4 " + quoted(file)), "forward-missing-endowments.toml:6:1", rule);
  // A suite refuses the whole directory before running anything.
  expect_refused(s.run("suite " + quoted(s.dir.string())), "forward-missing-endowments.toml:6:1", rule);
}

BOOST_AUTO_TEST_SUITE_END()
