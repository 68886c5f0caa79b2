// The llm checkers on the committed cases, exact values they report, and seeded bugs that
// each checker must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"

#include "support/committed_cases.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/";

Outcome run(const std::string& claim, const std::string& case_file, std::set<std::string> dropped = {}) {
  return testing::run_on_file(claim, cases_dir + case_file, std::move(dropped));
}
Economy economy_of(const std::string& case_file) { return testing::model_of<Economy>(cases_dir + case_file); }
using testing::value_of;

const Value* find_value(const Outcome& out, const std::string& name) {
  for (const auto& v : out.values)
    if (v.name == name) return &v;
  return nullptr;
}

// Prop. 1's judging step on a vertex grid, as the checker runs it (scan, then judge).
Outcome judge_surplus_nonnegative(const VertexGrid& grid) {
  CheckContext context;
  Check check(context);
  return proofs::judge_surplus_nonnegative(grid, proofs::scan_surplus(grid, context), check);
}

// Lemma 2's judging step on two values of Pi_r.
Outcome judge_expected_surplus(const Algebraic& by_eq11, const Algebraic& by_integration) {
  CheckContext context;
  Check check(context);
  return proofs::judge_expected_surplus(by_eq11, by_integration, check);
}

// Eq. (2)'s ex post judging step, with what it recorded (the witness of a failure).
Outcome judge_transfers(const VertexGrid& grid, const proofs::TransferRule& transfer) {
  CheckContext context;
  Check check(context);
  const auto judgement = proofs::judge_transfers(grid, transfer, check);
  return judgement.holds ? check.holds(judgement.why) : check.refuted(judgement.why);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_claims)

BOOST_AUTO_TEST_CASE(every_committed_llm_case_meets_its_expectations) {
  BOOST_TEST(testing::check_committed_cases(cases_dir) >= 15u);
}

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

BOOST_AUTO_TEST_CASE(lemma2_values) {
  BOOST_TEST(value_of(run("llm.lemma2", "uniform-n2-k1.toml"), "expected_surplus") == "1/12");
  Outcome ms = run("llm.lemma2", "myerson-satterthwaite.toml");
  BOOST_TEST(value_of(ms, "expected_surplus") == "-1/6");
  BOOST_TEST(value_of(ms, "spot_market_operates") == "no");
}

BOOST_AUTO_TEST_CASE(necessity_witness_is_rechecked_independently) {
  Outcome out = run("llm.necessity", "myerson-satterthwaite.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  // Re-check the witness with eq. (2) by hand: W(1, t2) + W(t1, 0) - W(t1, t2) - 1 * 1 at (0, 1).
  std::vector<Rational> k{1, 1};
  auto W = [&](std::vector<Rational> t) { return welfare(t, rank_values(t), k); };
  Rational pi = W({1, 1}) + W({0, 0}) - W({0, 1}) - 1;
  BOOST_TEST(pi == Rational(-1));
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

BOOST_AUTO_TEST_CASE(seeded_bug_lemma2_layer_cake_without_cap_is_caught) {
  // Bug: E[W] by the layer-cake formula without min(1, .): serve every agent above p.
  Economy e = economy_of("uniform-n2-k1.toml");
  auto r = r_star(e);
  const Algebraic good = expected_surplus_by_integration(e, r);
  std::vector<std::size_t> all{0, 1};
  auto uncapped = expectation_over_who_is_above(e, all, [](const Rational& s) { return s; });
  Algebraic buggy_welfare(uncapped.integral());
  Algebraic buggy = good + expected_welfare(e) - buggy_welfare;  // (n - 1) = 1 copy of E[W] swapped
  BOOST_TEST(to_string(judge_expected_surplus(expected_surplus_eq11(e, r), good).verdict) == "holds");
  BOOST_TEST(to_string(judge_expected_surplus(expected_surplus_eq11(e, r), buggy).verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(seeded_bug_necessity_symmetric_holdings_show_no_deficit) {
  // The necessity checker must not report a deficit where there is none: a tiny perturbation
  // of r* (distinct worst-off types) still has Pi_r > 0, so the claim is refuted there.
  Economy e = economy_of("uniform-n2-k1.toml");
  e.holdings = std::vector<Rational>{Rational(51, 100), Rational(49, 100)};
  Case c;
  c.name = "perturbed";
  c.model = "llm";
  c.data = std::make_shared<Economy>(e);
  Outcome out = run_claim(*builtin_papers().find("llm.necessity"), c, CheckContext{});
  BOOST_TEST(to_string(out.verdict) == "refuted");
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

BOOST_AUTO_TEST_CASE(a_zero_expected_surplus_is_no_deficit) {
  // Pi_r = 0 exactly, with Pi < 0 at some theta: the market operates (Lemma 2: Pi_r >= 0), so the
  // instance does not show what llm.necessity claims (Pi_r < 0). The boundary case of both
  // comparisons: a `<` turned `<=` in either checker changes a verdict here.
  Outcome out = run("llm.necessity", "necessity-zero-expected-surplus.toml");
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "expected_surplus") == "0");
  BOOST_TEST(value_of(out, "min_surplus") == "-16/27");
  Outcome lemma2 = run("llm.lemma2", "necessity-zero-expected-surplus.toml");
  BOOST_TEST(value_of(lemma2, "expected_surplus") == "0");
  BOOST_TEST(value_of(lemma2, "spot_market_operates") == "yes");
}

BOOST_AUTO_TEST_CASE(size_guard_refuses_large_grids) {
  Case c = builtin_papers().load_case(cases_dir + "uniform-n4-k1.toml");
  CheckContext context;
  context.enumeration_limit = 10;
  Outcome out = run_claim(*builtin_papers().find("llm.prop1"), c, context);
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("81 points") != std::string::npos);
  BOOST_TEST(out.summary.find("--limit 81") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(llm_lemma1)

BOOST_AUTO_TEST_CASE(lemma1_values_for_partnership) {
  Outcome out = run("llm.lemma1", "uniform-n2-k1.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "hat_theta_1") == "1/2");
  BOOST_TEST(value_of(out, "min_net_payoff_1") == "0");
}

BOOST_AUTO_TEST_CASE(seeded_bug_lemma1_shifted_worst_off_type_is_caught) {
  // Bug: transfers built on a worst-off type 1/10 above Lemma 1's (an off-by-a-bit root).
  Economy e = economy_of("asymmetric-t-squared.toml");
  auto r = r_star(e);
  auto m = outside_quantities(e, r);
  auto hat = worst_off_type(interim_allocation(e, 0), m[0]);
  CheckContext context;
  Check check(context);
  BOOST_TEST(!proofs::worst_off_type_failure(0, hat, proofs::net_payoff_minimum(e, 0, m[0], hat), check));
  const Algebraic shifted = hat + Algebraic(Rational(1, 10));
  auto failure = proofs::worst_off_type_failure(0, shifted, proofs::net_payoff_minimum(e, 0, m[0], shifted), check);
  BOOST_REQUIRE(failure);
  BOOST_TEST(failure->find("minimized at") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(interim_payoff_formulas_agree_off_the_grid) {
  // (a) welfare differences vs (b) eq. (10), at rational types inside the support.
  Economy e = economy_of("histogram-three-agents.toml");
  auto r = r_star(e);
  auto m = outside_quantities(e, r);
  for (std::size_t i = 0; i < e.size(); ++i) {
    auto q = interim_allocation(e, i);
    auto hat = worst_off_type(q, m[i]);
    for (int j = 0; j <= 8; ++j) {
      Algebraic t(Rational(j, 4));
      BOOST_TEST(interim_payoff_vcg(e, i, m[i], hat, t) == interim_payoff_envelope(q, m[i], hat, t));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(llm_eq2)

BOOST_AUTO_TEST_CASE(seeded_bugs_in_transfers_are_caught) {
  Economy e = economy_of("figure1-k1-one-third.toml");
  auto r = r_star(e);
  std::vector<Rational> steps{0, Rational(1, 2), 1};
  auto grid = vertex_grid(e, r, steps);
  auto hat_of = [&](std::size_t i) { return grid.constants[grid.hat_index[i]]; };
  auto rank_of = [&](std::size_t i) { return grid.constant_rank[grid.hat_index[i]]; };
  proofs::TransferRule vcg = [&](const std::vector<Algebraic>& theta, const Ranking& rank, std::size_t i) {
    return vcg_transfer(theta, rank, i, hat_of(i), rank_of(i), grid.k, grid.outside[i]);
  };
  BOOST_TEST(to_string(judge_transfers(grid, vcg).verdict) == "holds");
  // Bug 1: pay your bid (Q_i theta_i): misreporting pays.
  proofs::TransferRule pay_bid = [&](const std::vector<Algebraic>& theta, const Ranking& rank, std::size_t i) {
    return theta[i] * Algebraic(efficient_allocation(rank, grid.k)[i]);
  };
  Outcome out = judge_transfers(grid, pay_bid);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  // Bug 2: the constant h_i without the outside-option term: transfers no longer sum to eq. (2).
  proofs::TransferRule no_outside = [&](const std::vector<Algebraic>& theta, const Ranking& rank, std::size_t i) {
    return vcg(theta, rank, i) + grid.outside[i] * hat_of(i);
  };
  out = judge_transfers(grid, no_outside);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(out.summary.find("eq. (2)") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(llm_fig1)

BOOST_AUTO_TEST_CASE(figure1_values_at_the_kink_and_the_crossing) {
  Outcome out = run("llm.fig1", "figure1.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  // Cornered at k1 = 1/3: agent 1 keeps 1/3 at worst-off type 1, the others have worst-off type 0.
  BOOST_TEST(value_of(out, "cornered_revenue_at_k1_one_third") == "1/6");
  const Value* interior = find_value(out, "interior_revenue_at_k1_one_third");
  BOOST_REQUIRE(interior);
  BOOST_TEST(interior->polynomial == "2916*x^2 - 3060*x + 193");
  // The crossing, bisected to width 2^-40 * 2/3.
  auto lower = parse_rational(value_of(out, "crossing_k1_lower"));
  auto upper = parse_rational(value_of(out, "crossing_k1_upper"));
  BOOST_REQUIRE(lower && upper);
  BOOST_TEST(*lower <= *upper);
  BOOST_TEST(*upper - *lower <= Rational(2, 3) / Rational(Integer(1) << 40));
  BOOST_TEST(*lower > Rational(5135, 10000));
  BOOST_TEST(*upper < Rational(5136, 10000));
}

BOOST_AUTO_TEST_CASE(figure1_files_are_written) {
  auto figure = proofs::compute_figure1(economy_of("figure1.toml"), 6);
  BOOST_TEST(figure.points.size() == 6u);
  const std::string dir = std::filesystem::temp_directory_path().string() + "/mechcheck-fig1-test";
  proofs::write_figure1(figure, dir);
  BOOST_TEST(std::filesystem::file_size(dir + "/figure1.csv") > 100u);
  BOOST_TEST(std::filesystem::file_size(dir + "/figure1.svg") > 1000u);
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

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
