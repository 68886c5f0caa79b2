// The forward market (llm.prop3_4), aggregate uncertainty (llm.cor1, llm.prop5_6): exact known
// answers for the symmetric uniform partnership, the parse rules of [llm.aggregate], endowments
// and pricing_slopes at their line:column, verdicts, and seeded bugs each checker must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "mechcheck/cases/input_error.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/claims/forward.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/";

Outcome run(const std::string& claim, const std::string& case_file, std::set<std::string> dropped = {}) {
  return testing::run_on_file(claim, cases_dir + case_file, std::move(dropped));
}
Economy economy_of(const std::string& case_file) { return testing::model_of<Economy>(cases_dir + case_file); }
using testing::value_of;

Algebraic q(long p, long d) { return Algebraic(Rational(p, d)); }

// The partnership: n = 2, uniform on [0, 1], k = 1, e = (1, 0).
ForwardMarket partnership() { return forward_market(economy_of("forward-uniform-n2.toml"), {Rational(1), Rational(0)}); }

// A case file with the [llm] body given; returns the InputError it must raise.
InputError bad_case(const std::string& llm_body) {
  const auto path = std::filesystem::temp_directory_path() / ("llm-forward-test-" + std::to_string(::getpid()) + ".toml");
  {
    std::ofstream f(path);
    f << "[case]\nname = \"bad\"\nmodel = \"llm\"\nsource = \"test\"\n\n" << llm_body;
  }
  try {
    builtin_papers().load_case(path.string());
  } catch (const InputError& e) {
    std::filesystem::remove(path);
    return e;
  }
  std::filesystem::remove(path);
  BOOST_FAIL("the case loaded although it is bad:\n" << llm_body);
  throw;
}

const std::string kTwoUniform =
    "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\ncount = 2\n";

void expect_error(const std::string& body, unsigned line, unsigned column, const std::string& rule) {
  InputError e = bad_case(body);
  BOOST_TEST_CONTEXT(e.what()) {
    BOOST_TEST(e.line() == line);
    BOOST_TEST(e.column() == column);
    BOOST_TEST(e.rule().find(rule) != std::string::npos);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_forward)

BOOST_AUTO_TEST_CASE(partnership_worst_off_type_and_spot_value_are_exact) {
  const ForwardMarket m = partnership();
  BOOST_TEST(m.hat_theta == q(1, 2));
  BOOST_TEST(m.target[0] == q(1, 2));
  const SpotValue& v = m.agents[0];
  // q_i(t) = t, so hat_i(x) = x; pi_i(x) = x^2/2 + 1/6 (Section 4.2's formula).
  for (long j = 0; j <= 6; ++j) {
    const Algebraic x = q(j, 6);
    BOOST_TEST(worst_off_type_at(v, x) == x);
    BOOST_TEST(spot_payoff(v, x) == x * x * q(1, 2) + q(1, 6));
  }
  BOOST_TEST(v.mean_type == Rational(1, 2));
}

BOOST_AUTO_TEST_CASE(partnership_single_crossing_and_family_thresholds) {
  // hat_i(x) = x and P(y) = 1/2 + s y: single-crossing needs s >= 1 left and s > 1 right; the family s > 1.
  const ForwardMarket m = partnership();
  BOOST_TEST(!single_crossing_failure(m, Rational(1), Rational(2)));
  BOOST_TEST(single_crossing_failure(m, Rational(1), Rational(1)).has_value());
  BOOST_TEST(single_crossing_failure(m, Rational(1, 2), Rational(2)).has_value());
  BOOST_TEST(family_failure(m, Rational(1), Rational(2)).has_value());
  BOOST_TEST(family_failure(m, Rational(2), Rational(1)).has_value());
  BOOST_TEST(!family_failure(m, Rational(3, 2), Rational(3, 2)));
  BOOST_TEST(*doubling_search([&](const Rational& s) { return !family_failure(m, s, s); }) == Rational(2));
}

BOOST_AUTO_TEST_CASE(partnership_budget_ir_and_family_bound) {
  const ForwardMarket m = partnership();
  const KinkedPricing p{q(1, 2), Algebraic(2), Algebraic(2)};
  // Seller 1 receives int_0^{1/2} P = 1/2, buyer 2 pays int_{-1/2}^0 P = 0: budget -(s_L + s_R)/8 = -1/2.
  BOOST_TEST(forward_budget(m, p) == q(-1, 2));
  BOOST_TEST(forward_budget_by_decomposition(m, p) == q(-1, 2));
  // Convexity gaps of pi: 1/8 each, so every P in the family has budget < -1/4.
  BOOST_TEST(family_budget_bound(m) == q(-1, 4));
  // IR (9): 1/24 + s/8 for both agents.
  BOOST_TEST(ex_ante_surplus(m, p, 0) == q(7, 24));
  BOOST_TEST(ex_ante_surplus(m, p, 1) == q(7, 24));
  // Uniform pricing balances the budget but does not support r*: pi is convex.
  const KinkedPricing uniform{q(1, 2), Algebraic(0), Algebraic(0)};
  BOOST_TEST(forward_budget(m, uniform) == Algebraic(0));
  BOOST_TEST(forward_payoff(m, uniform, 0, Algebraic(1)) - forward_payoff(m, uniform, 0, q(1, 2)) == q(1, 8));
}

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

BOOST_AUTO_TEST_CASE(aggregate_economy_is_parsed_exactly) {
  Economy e = economy_of("aggregate-power-n3.toml");
  BOOST_REQUIRE(e.aggregate.has_value());
  BOOST_TEST(e.aggregate->size() == 3u);
  BOOST_TEST((*e.aggregate)[1].probability == Rational(1, 4));
  BOOST_TEST((*e.aggregate)[1].k == Rational(3, 4));
  BOOST_TEST(!e.endowments.has_value());
  Economy f = economy_of("forward-uniform-pricing.toml");
  BOOST_TEST((*f.endowments)[0] == Rational(1));
  BOOST_TEST(f.pricing_slopes->first == Rational(0));
}

BOOST_AUTO_TEST_CASE(parse_rules_at_line_and_column) {
  const std::string a = kTwoUniform + "\n[llm.aggregate]\n";  // the states line is line 16
  expect_error(a + "states = [{ probability = \"3/2\", k = \"1\" }]\n", 16, 27, "probability alpha(omega) must lie in (0, 1]");
  expect_error(a + "states = [{ probability = \"1/2\", k = \"1\" }]\n", 16, 10, "must sum to 1, but they sum to 1/2");
  expect_error(a + "states = [{ probability = \"1\", k = \"0\" }]\n", 16, 36, "k(omega) must lie in (0, 1]");
  expect_error(a + "states = [{ probability = \"1\", k = \"1/2\" }]\n", 16, 36, "n k(omega) must be above 1, but it is 1");
  expect_error(a + "states = [{ probability = \"1\", kk = \"1\" }]\n", 16, 37, "unknown key 'kk'");
  const std::string asym = "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = "
                           "\"uniform\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = { power = 2 }\n\n[llm.aggregate]\nstates = "
                           "[{ probability = \"1\", k = \"1\" }]\n";
  expect_error(asym, 16, 7, "needs symmetric agents (F_i = F");
  const std::string asym_k = "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = "
                             "\"uniform\"\n\n[[llm.agent]]\nk = \"1/2\"\ncdf = \"uniform\"\n\n[llm.aggregate]\nstates = "
                             "[{ probability = \"1\", k = \"1\" }]\n";
  expect_error(asym_k, 15, 5, "k_2 = 1/2 differs from k_1 = 1");
  const std::string head = "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n";
  const std::string agents = "\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\ncount = 2\n";
  expect_error(head + "endowments = [\"1\", \"1\"]\n" + agents, 9, 14, "endowments must sum to the total supply 1");
  expect_error(head + "endowments = [\"1\"]\n" + agents, 9, 14, "one e_i per agent: 2 expected, 1 given");
  expect_error(head + "endowments = [\"2\", \"-1\"]\n" + agents, 9, 20, "endowments must be nonnegative");
  expect_error(head + "pricing_slopes = [\"1\", \"-1\"]\n" + agents, 9, 24, "pricing slopes must be nonnegative");
  expect_error(head + "pricing_slopes = [\"1\"]\n" + agents, 9, 18, "pricing_slopes must be [below, above]");
}

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
    return spot_payoff(m.agents[i], x) - x * hat - p.integral(Algebraic(m.endowments[i]) - m.target[i], x - m.target[i]);
  };
  BOOST_TEST(proofs::profitable_deviation(m.target, m.endowments, no_outside, 24, evaluations).has_value());
  // Bug: the budget with the integrals the wrong way round (int_0^{d_i} P): +1/2 instead of -1/2.
  Algebraic wrong = 0;
  for (const auto& d : m.excess()) wrong += p.integral(Algebraic(0), d);
  BOOST_TEST(wrong == q(1, 2));
  BOOST_TEST(proofs::budget_identity_failure(wrong, forward_budget_by_decomposition(m, p)).has_value());
  BOOST_TEST(!proofs::budget_identity_failure(forward_budget(m, p), forward_budget_by_decomposition(m, p)));
}

BOOST_AUTO_TEST_CASE(seeded_bug_prop5_6_unweighted_states_is_caught) {
  const Economy e = economy_of("aggregate-uniform-n2.toml");
  std::vector<ForwardMarket> markets;
  for (const auto& s : state_economies(e)) markets.push_back(forward_market(s, *e.endowments));
  const KinkedPricing pu{q(1, 2), Algebraic(4), Algebraic(4)};
  auto payoff = [&](bool weighted) {
    return [&, weighted](std::size_t i, const Algebraic& x) {
      Algebraic v = 0;
      for (std::size_t w = 0; w < markets.size(); ++w)
        v += (weighted ? Algebraic((*e.aggregate)[w].probability) : Algebraic(1)) * spot_payoff(markets[w].agents[i], x);
      return v - pu.integral(Algebraic((*e.endowments)[i]) - q(1, 2), x - q(1, 2));
    };
  };
  long long evaluations = 0;
  BOOST_TEST(!proofs::profitable_deviation(markets[0].target, *e.endowments, payoff(true), 24, evaluations));
  BOOST_TEST(proofs::profitable_deviation(markets[0].target, *e.endowments, payoff(false), 24, evaluations).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
