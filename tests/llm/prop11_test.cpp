// llm.prop11 (Appendix B, Proposition 11: under condition (16) the AGV-adjusted transfers with the
// efficient allocation are ex post budget balanced, Bayesian IC and interim IR): exact values
// computed by hand, the two formulas for v_i, the committed agv-*.toml verdicts, the verdict
// without condition (16), and seeded bugs the judges must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/prop11.hpp"

#include "support/committed_cases.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::value_of;
using testing::llm_tests::case_of;
using testing::llm_tests::cases_dir;
using testing::llm_tests::economy_of;

Outcome run_case(const Case& c, std::set<std::string> dropped = {}, unsigned long long limit = 5'000'000) {
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  context.enumeration_limit = limit;
  const Claim* checker = builtin_papers().find("llm.prop11");
  BOOST_REQUIRE(checker != nullptr);
  return run_claim(*checker, c, context);
}

Outcome run(const std::string& case_file, std::set<std::string> dropped = {}) {
  return run_case(builtin_papers().load_case(cases_dir + case_file), std::move(dropped));
}

// One of the checker's judging steps, with what it recorded: `step(check)` returns its Judgement.
template <class Step>
Outcome judged(const Step& step) {
  CheckContext context;
  Check check(context);
  const auto judgement = step(check);
  return judgement.holds ? check.holds(judgement.why) : check.refuted(judgement.why);
}
Outcome budget_balance(const proofs::AgvTransfers& t, const std::vector<Algebraic>& types) {
  return judged([&](Check& check) { return proofs::judge_agv_budget_balance(t, types, check); });
}
Outcome bic(const std::vector<PiecewisePolynomial>& q, const proofs::AgvTransfers& t,
            const std::vector<Algebraic>& types) {
  return judged([&](Check& check) { return proofs::judge_agv_bic(q, t, types, check); });
}
Outcome interim_ir(const std::vector<PiecewisePolynomial>& q, const std::vector<Algebraic>& outside,
                   const proofs::AgvTransfers& t, const std::vector<Algebraic>& types) {
  return judged([&](Check& check) { return proofs::judge_agv_interim_ir(q, outside, t, types, check); });
}

bool has_value(const Outcome& out, const std::string& name) {
  for (const auto& v : out.values)
    if (v.name == name) return true;
  return false;
}

// Two uniform agents on [lo, hi] with maximum demands k and explicit holdings r.
Economy two_uniform(const Rational& lo, const Rational& hi, const Rational& k, std::vector<Rational> r) {
  Economy e;
  e.lo = lo;
  e.hi = hi;
  for (int i = 0; i < 2; ++i) e.agents.push_back(Agent{k, uniform_cdf(lo, hi), "uniform"});
  e.holdings = std::move(r);
  return e;
}

// The grid the checker uses: {lo + j (hi - lo)/type_grid} plus the worst-off types.
std::vector<Algebraic> grid_types(const Economy& e, const std::vector<Algebraic>& r) {
  std::vector<Rational> steps;
  for (unsigned j = 0; j <= e.type_grid; ++j) steps.push_back(e.lo + (e.hi - e.lo) * Rational(j, e.type_grid));
  return vertex_grid(e, r, steps).constants;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop11)

BOOST_AUTO_TEST_CASE(partnership_values_by_hand) {
  // n = 2, k = 1, uniform on [0, 1], r = (1/2, 1/2): hat = 1/2, m = 1/2.
  // v_i(x) = int_x^1 s ds + m hat = (1 - x^2)/2 + 1/4; E[v_i] = 1/3 + 1/4 = 7/12;
  // E[W(1/2, theta_j)] = E[max(1/2, theta_j)] = 5/8; h_i = v_j, so d_i = 7/12 - 5/8 = -1/24;
  // slack(16) = 2 (5/8 - 7/12) = 1/12 = Pi_r.
  Economy e = economy_of("agv-uniform-n2.toml");
  const auto r = holdings(e);
  const auto t = proofs::agv_transfers(e, r);
  const PiecewisePolynomial by_hand({0, 1}, {RationalPolynomial({Rational(1, 2), 0, Rational(-1, 2)})});
  for (std::size_t i = 0; i < 2; ++i) {
    BOOST_TEST(proofs::same_function(t.v_variable[i], by_hand));
    BOOST_TEST(t.v(i, Algebraic(0)) == Algebraic(Rational(3, 4)));
    BOOST_TEST(t.v(i, Algebraic(Rational(1, 2))) == Algebraic(Rational(5, 8)));  // = E[W(hat, .)], the paper's note
    BOOST_TEST(t.v(i, Algebraic(1)) == Algebraic(Rational(1, 4)));
    BOOST_TEST(t.expected_v[i] == Algebraic(Rational(7, 12)));
    BOOST_TEST(t.expected_h(i) == Algebraic(Rational(7, 12)));
    BOOST_TEST(t.expected_welfare_at_hat[i] == Algebraic(Rational(5, 8)));
    BOOST_TEST(t.d[i] == Algebraic(Rational(-1, 24)));
  }
  BOOST_TEST(t.h_weight == Rational(1));
  BOOST_TEST(t.adjustment[0] == Algebraic(Rational(-1, 24)));  // + sum_{j != 1} d_j
  BOOST_TEST(t.adjustment[1] == Algebraic(Rational(1, 24)));   // - d_2
  BOOST_TEST(proofs::condition16_slack(t) == Algebraic(Rational(1, 12)));
  // u_2(t) = (t - 1/2)^2 / 2 and u_1(t) = u_2(t) + 1/12; E[T-bar_2(1, .)] = 7/12 - 1/4 + 1/24 = 3/8.
  BOOST_TEST(t.interim_transfer(1, Algebraic(1)) == Algebraic(Rational(3, 8)));

  Outcome out = run("agv-uniform-n2.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "d_1") == "-1/24");
  BOOST_TEST(value_of(out, "d_2") == "-1/24");
  BOOST_TEST(value_of(out, "expected_h_1") == "7/12");
  BOOST_TEST(value_of(out, "slack_16") == "1/12");
  BOOST_TEST(value_of(out, "expected_surplus") == "1/12");
  BOOST_TEST(value_of(out, "min_interim_payoff") == "0");
  BOOST_TEST(value_of(out, "min_interim_payoff_1") == "1/12");
  BOOST_TEST(value_of(out, "u_1_at_hat_1") == "1/12");
  BOOST_TEST(value_of(out, "whole_interval").substr(0, 3) == "yes");
}

BOOST_AUTO_TEST_CASE(uneven_holdings_values_by_hand) {
  // r = (3/5, 2/5): hat = (3/5, 2/5), v_i(x) = (1 - x^2)/2 + r_i^2, E[v_i] = 1/3 + r_i^2,
  // E[W(hat_i, .)] = (1 + hat_i^2)/2: d_1 = 1/3 + 4/25 - 17/25 = -14/75, d_2 = 1/3 + 9/25 - 29/50 = 17/150.
  Outcome out = run("agv-uniform-n2-uneven-holdings.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "d_1") == "-14/75");
  BOOST_TEST(value_of(out, "d_2") == "17/150");
  BOOST_TEST(value_of(out, "slack_16") == "11/150");
  BOOST_TEST(value_of(out, "min_interim_payoff_1") == "11/150");
  BOOST_TEST(value_of(out, "min_interim_payoff_2") == "0");
}

BOOST_AUTO_TEST_CASE(v_by_allocation_equals_v_by_welfare) {
  // As functions on [lo, hi], on committed economies with kinks, non-uniform CDFs, a shifted
  // support, and a support reaching below 0 (negative types are never served).
  std::vector<Economy> economies;
  for (const char* f :
       {"histogram-three-agents.toml", "asymmetric-t-squared.toml", "strength-crossing-cdfs.toml", "agv-figure1.toml"})
    economies.push_back(economy_of(f));
  economies.push_back(two_uniform(1, 2, Rational(3, 4), {1, 0}));
  economies.push_back(two_uniform(-1, 1, 1, {Rational(1, 2), Rational(1, 2)}));
  for (const auto& e : economies) {
    for (std::size_t i = 0; i < e.size(); ++i) {
      const auto q = interim_allocation(e, i);
      const auto by_allocation = proofs::externality_by_allocation(e, i);
      BOOST_TEST(proofs::same_function(by_allocation, proofs::externality_by_welfare(e, i, q)));
      // Envelope: d/dx E[W(x, theta_-i)] = q_i(x); and the piecewise layer cake agrees with the library's.
      const auto welfare = proofs::expected_welfare_given_type(e, i);
      BOOST_TEST(proofs::same_function(welfare.derivative(), q));
      for (int j = 0; j <= 4; ++j) {
        const Algebraic x(e.lo + (e.hi - e.lo) * Rational(j, 4));
        BOOST_TEST(welfare(x) == expected_welfare_with_type(e, i, x));
      }
      // The comparison can fail: the others' value is not the whole welfare.
      BOOST_TEST(!proofs::same_function(by_allocation, welfare));
    }
  }
}

BOOST_AUTO_TEST_CASE(committed_agv_cases_meet_their_expectations) {
  const auto agv = [](const std::string& path, const Expectation&) { return path.find("/agv-") != std::string::npos; };
  BOOST_TEST(testing::check_committed_cases(cases_dir, {}, agv) >= 5u);
}

BOOST_AUTO_TEST_CASE(slack_of_16_is_the_expected_surplus_and_agent_1s_minimum) {
  for (const char* f : {"agv-uniform-n3.toml", "agv-figure1.toml", "histogram-three-agents.toml"}) {
    Outcome out = run(f);
    BOOST_TEST(to_string(out.verdict) == "holds", f);
    BOOST_TEST(value_of(out, "slack_16") == value_of(out, "expected_surplus"), f);
    BOOST_TEST(value_of(out, "min_interim_payoff_1") == value_of(out, "slack_16"), f);
    BOOST_TEST(value_of(out, "min_interim_payoff") == "0", f);
  }
  // Figure 1 at k1 = 1/3: the slack is the interior revenue of llm.fig1, a root of 2916x^2 - 3060x + 193.
  Outcome fig = run("agv-figure1.toml");
  for (const auto& v : fig.values)
    if (v.name == "slack_16") BOOST_TEST(v.polynomial == "2916*x^2 - 3060*x + 193");
}

BOOST_AUTO_TEST_CASE(without_condition_16_agent_1_is_not_individually_rational) {
  Outcome unmet = run("agv-myerson-satterthwaite.toml");
  BOOST_TEST(to_string(unmet.verdict) == "hypotheses_unmet");
  BOOST_TEST(unmet.unmet == std::vector<std::string>{"condition_16"});
  BOOST_TEST(value_of(unmet, "slack_16") == "-1/6");
  BOOST_TEST(value_of(unmet, "d_1") == "-2/3");
  BOOST_TEST(value_of(unmet, "d_2") == "5/6");
  Outcome dropped = run("agv-myerson-satterthwaite.toml", {"condition_16"});
  BOOST_TEST(to_string(dropped.verdict) == "refuted");
  BOOST_TEST(dropped.summary.find("interim IR") != std::string::npos);  // budget balance and BIC still hold
  BOOST_TEST(value_of(dropped, "agent") == "1");
  BOOST_TEST(value_of(dropped, "type") == "1");
  BOOST_TEST(value_of(dropped, "net_interim_payoff") == "-1/6");
  BOOST_TEST(value_of(dropped, "min_interim_payoff_2") == "0");
}

BOOST_AUTO_TEST_CASE(proof_step_note_when_q_at_hat_exceeds_the_holding) {
  // Support [1, 2], k = (3/4, 3/4), r = (1, 0): q_2(1) = 1/4 > 0 = min(r_2, k_2) at hat_2 = 1, so
  // the proof's v_2(hat_2) = E[W(hat_2, .)] fails, yet every conclusion holds or fails as checked.
  Economy e = two_uniform(1, 2, Rational(3, 4), {1, 0});
  const auto r = holdings(e);
  const auto t = proofs::agv_transfers(e, r);
  BOOST_TEST(t.v(1, Algebraic(1)) != t.expected_welfare_at_hat[1]);
  Outcome out = run_case(case_of(e), {"condition_16"});
  BOOST_TEST(has_value(out, "note_agent_2"));
  BOOST_TEST(!has_value(out, "note_agent_1"));
  BOOST_TEST((out.verdict == Verdict::holds || out.verdict == Verdict::refuted));
  BOOST_TEST(value_of(out, "min_interim_payoff_2") == "0");
  BOOST_TEST(value_of(out, "min_interim_payoff_1") == value_of(out, "slack_16"));
}

BOOST_AUTO_TEST_CASE(negative_lower_support) {
  Outcome out = run_case(case_of(two_uniform(-1, 1, 1, {Rational(1, 2), Rational(1, 2)})));
  BOOST_TEST(to_string(out.verdict) == "holds", out.summary);
}

// ---- seeded bugs ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_h_with_one_over_n_breaks_budget_balance) {
  Economy e = economy_of("agv-uniform-n3.toml");
  const auto r = holdings(e);
  const auto types = grid_types(e, r);
  auto t = proofs::agv_transfers(e, r);
  BOOST_TEST(to_string(budget_balance(t, types).verdict) == "holds");
  t.h_weight = Rational(1, 3);
  Outcome out = budget_balance(t, types);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(out.summary.find("budget balance") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(seeded_bug_misindexed_agent_1_adjustment_breaks_budget_balance) {
  Economy e = economy_of("agv-figure1.toml");
  const auto r = holdings(e);
  const auto types = grid_types(e, r);
  const auto good = proofs::agv_transfers(e, r);
  // Bug 1: agent 1 treated like the others (- d_1): the d's no longer cancel (their sum is -slack).
  auto like_others = good;
  like_others.adjustment[0] = -good.d[0];
  BOOST_TEST(to_string(budget_balance(like_others, types).verdict) == "refuted");
  // Bug 2: the last sum over all j, including j = 1.
  auto all_j = good;
  all_j.adjustment[0] = good.adjustment[0] + good.d[0];
  BOOST_TEST(to_string(budget_balance(all_j, types).verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(seeded_bug_forgetting_d_breaks_interim_ir) {
  // Plain AGV (no d_i): still balanced and BIC, but agent 2 of type 2/5 gets -d_2 = -17/150.
  Economy e = economy_of("agv-uniform-n2-uneven-holdings.toml");
  const auto r = holdings(e);
  const auto types = grid_types(e, r);
  const auto q = interim_allocations(e);
  const auto m = outside_quantities(e, r);
  auto t = proofs::agv_transfers(e, r);
  BOOST_TEST(to_string(interim_ir(q, m, t, types).verdict) == "holds");
  for (auto& a : t.adjustment) a = Algebraic(0);
  BOOST_TEST(to_string(budget_balance(t, types).verdict) == "holds");
  BOOST_TEST(to_string(bic(q, t, types).verdict) == "holds");
  Outcome out = interim_ir(q, m, t, types);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "agent") == "2");
  BOOST_TEST(value_of(out, "type") == "2/5");
  BOOST_TEST(value_of(out, "net_interim_payoff") == "-17/150");
}

BOOST_AUTO_TEST_CASE(seeded_bug_v_with_own_value_breaks_bic) {
  // Bug: v_i(x) = E[W(x, theta_-i)] + m_i hat_i (the own value x q_i(x) not taken out): reporting
  // high raises the subsidy faster than the allocation's cost.
  Economy e = economy_of("agv-figure1.toml");
  const auto r = holdings(e);
  const auto types = grid_types(e, r);
  const auto q = interim_allocations(e);
  auto t = proofs::agv_transfers(e, r);
  BOOST_TEST(to_string(bic(q, t, types).verdict) == "holds");
  for (std::size_t i = 0; i < t.size(); ++i) t.v_variable[i] = proofs::expected_welfare_given_type(e, i);
  Outcome out = bic(q, t, types);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(out.summary.find("Bayesian IC") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(size_guard_refuses_large_grids) {
  Outcome out = run_case(builtin_papers().load_case(cases_dir + "agv-uniform-n3.toml"), {}, 100);
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("--limit 512") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
