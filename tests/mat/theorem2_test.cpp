// G** (Matsushima 2005, Section 4) and mat.theorem2: hand-computed posteriors and D^1, Bayes by
// two routes, G**'s Rules 3-6 against G*'s Rules 1-2 on a degenerate profile, the signal-class
// reduction against every signal profile, bad [mat.interdependent] tables, the committed cases,
// and seeded bugs (a wrong posterior, Rule 6 as printed) that the checks must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mat/model/gstarstar.hpp"
#include "mat/claims/gstarstar.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::mat;
using Q = Rational;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/";

const Economy& smallest() {
  static const Case c = builtin_papers().load_case(cases_dir + "theorem2-smallest.toml");
  return c.model_data<Economy>();
}

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("mechcheck-mat2-" + std::to_string(::getpid()) + "-" + name + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

std::string with_interdependent(const std::string& table) {
  return "[case]\nname = \"t\"\nmodel = \"mat\"\n\n[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 3\nepsilon = \"1/10\"\n"
         "\n[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"0\", \"0\"]\ncount = 6\n\n[mat.interdependent]\n" + table;
}

const std::string good_table =
    "signals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
    "values = [[[\"0\", \"1/2\", \"3/4\"], [\"0\", \"1/2\", \"3/4\"]], [[\"0\", \"2\", \"3\"], [\"0\", \"2\", \"3\"]]]\n";

std::string load_error(const std::string& text) {
  try {
    builtin_papers().load_case(write_temp("bad", text));
  } catch (const InputError& e) {
    return e.what();
  }
  BOOST_FAIL("loaded although it is bad: " << text);
  return "";
}

// The G** properties check alone on an economy, as mat.properties calls it.
Outcome gstarstar_properties(const Economy& e) {
  const CheckContext context;
  Check check(context);
  return proofs::check_gstarstar_properties(e, check);
}

Outcome run(const std::string& claim, const Case& c, std::set<std::string> dropped = {}) {
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  return run_claim(*builtin_papers().find(claim), c, context);
}

// Every (theta; omega_2..omega_{n+1}) and every price-taking observation: the informed rule of
// `tables` announces an element of D^2 computed from `truth`. The first failure, if any.
bool informed_rule_meets_D2(const Economy& e, const Interdependent& truth, const ResponseTables& tables) {
  const auto& D = tables.demand_functions();
  for (int theta = 0; theta < 2; ++theta)
    for (int w2 = 0; w2 < 2; ++w2)
      for (int w3 = 0; w3 < 2; ++w3) {
        const DemandSet want = D2(e, truth, {theta, w2, w3});
        const int d2 = static_cast<int>(demand_function_index(e.grid, D1(e, truth, w2).lowest()));
        const int d3 = static_cast<int>(demand_function_index(e.grid, D1(e, truth, w3).lowest()));
        const std::vector<int> observed{d2, d3};
        if (!want.contains(D[tables.evaluate(ResponseRule::informed, theta, observed)])) return false;
      }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_gstarstar)

BOOST_AUTO_TEST_CASE(posteriors_and_D1_match_a_hand_computation) {
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  // P(H | a) = (1/2)(1/4) / ((1/2)(3/4) + (1/2)(1/4)) = 1/4.
  const auto pa = posterior<Q>(I, {1, 0});
  BOOST_TEST(pa[0] == Q(3, 4));
  BOOST_TEST(pa[1] == Q(1, 4));
  // P(H | a, b, b) = (1/4)(3/4)(3/4) / ((3/4)(1/4)(1/4) + (1/4)(3/4)(3/4)) = 3/4.
  BOOST_TEST(posterior<Q>(I, {1, 2})[1] == Q(3, 4));
  // E[v | a] = (0, 7/8, 21/16): at p = 1 the best bundle is 0; E[v | b] = (0, 13/8, 39/16): 1.
  const auto va = conditional_values<Q>(I, 0, pa);
  BOOST_TEST(va[1] == Q(7, 8));
  BOOST_TEST(va[2] == Q(21, 16));
  BOOST_TEST(D1(e, I, 0).text(e.grid) == "{2} x {0}");
  BOOST_TEST(D1(e, I, 1).text(e.grid) == "{2} x {1}");
  BOOST_TEST(!assumption1_failure(e, I).has_value());
  BOOST_TEST(!assumption2_failure(I).has_value());
  // Pr(b, b | a) = [(3/4)(1/4)(1/4) + (1/4)(3/4)(3/4)] (1/2) / (1/2) = 3/16 + ... = 12/64 -> 3/16.
  BOOST_TEST(conditional_probability<Q>(I, 0, {1, 1}) == Q(3, 16));
  // In double the same formulas give the floats of these numbers.
  BOOST_TEST(posterior<double>(I, {1, 0})[1] == 0.25);
}

BOOST_AUTO_TEST_CASE(bayes_by_counts_and_by_the_joint_agree_and_beliefs_sum_to_one) {
  const Interdependent& I = *smallest().interdependent;
  for (int len = 1; len <= 5; ++len)
    for (int mask = 0; mask < (1 << len); ++mask) {
      std::vector<int> signals;
      for (int j = 0; j < len; ++j) signals.push_back((mask >> j) & 1);
      BOOST_TEST(posterior<Q>(I, signal_counts(I, signals)) == posterior_by_joint<Q>(I, signals));
    }
  // sum over omega_{-1} of Pr(omega_{-1} | theta) = 1 (five opponents).
  for (int theta = 0; theta < 2; ++theta) {
    Q total = 0;
    for (int mask = 0; mask < 32; ++mask) {
      std::vector<int> others;
      for (int j = 0; j < 5; ++j) others.push_back((mask >> j) & 1);
      total += conditional_probability<Q>(I, theta, others);
    }
    BOOST_TEST(total == 1);
  }
}

BOOST_AUTO_TEST_CASE(rules_3_to_6_coincide_with_gstars_rules_on_a_degenerate_profile) {
  // With d^1 = d^2 = d^3 = d_i for every trader, Rule 3 is G*'s Rule 1 (price of the precedent
  // group) and Rules 4-6 (cap l) are Rule 2.
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  const ResponseTables tables(e, I);
  const auto& D = tables.demand_functions();
  const int N = e.trader_count();
  int compared = 0;
  for (int seed = 0; seed < 6; ++seed) {
    Announcements a;
    Profile profile(N);
    for (int i = 0; i < N; ++i) {
      const int d = (seed * 7 + i * 5 + i * i) % static_cast<int>(D.size());
      a.first.push_back(d);
      a.second.push_back(d);
      a.third.push_back(d);
      profile[i] = &D[d];
    }
    std::vector<int> order(N);
    std::iota(order.begin(), order.end(), 0);
    Allocation x, y;
    x.resize(e);
    y.resize(e);
    do {
      gstarstar_allocation(e, I, D, order, 0, a, 3, x);
      rule1_allocation(e, order, profile, y);
      BOOST_REQUIRE(x.amount == y.amount);
      BOOST_REQUIRE(x.price == y.price);
      for (int p = 0; p < e.grid.price_count(); ++p) {
        rule2_allocation(e, order, profile, p, y);
        for (int rule = 4; rule <= 6; ++rule) {
          gstarstar_allocation(e, I, D, order, p, a, rule, x);
          BOOST_REQUIRE(x.amount == y.amount);
          BOOST_REQUIRE(x.price == y.price);
        }
      }
      ++compared;
    } while (std::next_permutation(order.begin(), order.end()));
  }
  BOOST_TEST(compared == 6 * 720);
}

BOOST_AUTO_TEST_CASE(the_signal_class_reduction_equals_every_signal_profile) {
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  const ResponseTables tables(e, I);
  const int pt0 = static_cast<int>(demand_function_index(e.grid, D1(e, I, 0).lowest()));
  const int pt1 = static_cast<int>(demand_function_index(e.grid, D1(e, I, 1).lowest()));
  const GStrategy informed{{pt0, ResponseRule::informed, ResponseRule::informed}, {pt1, ResponseRule::informed, ResponseRule::informed}};
  const GStrategy pooling{{pt1, ResponseRule::naive, ResponseRule::informed}, {pt1, ResponseRule::naive, ResponseRule::informed}};
  std::vector<const GStrategy*> strategies{nullptr, &informed, &informed, &pooling, &informed, &pooling};
  const GMessage own{3, ResponseRule::informed, ResponseRule::naive};
  for (int theta = 0; theta < 2; ++theta) {
    const auto reduced = evaluate_trader(e, I, tables, 0, theta, own, strategies, true);
    const auto full = evaluate_trader(e, I, tables, 0, theta, own, strategies, false);
    BOOST_TEST(full.classes.size() == 32u);
    BOOST_TEST(reduced.classes.size() == 4u * 3u);  // informed x3: 4 count classes; pooling x2: 3
    BOOST_TEST(reduced.signal_profiles == 32u);
    BOOST_TEST(interim_utility<Q>(e, I, 0, theta, reduced) == interim_utility<Q>(e, I, 0, theta, full));
  }
}

BOOST_AUTO_TEST_CASE(a_wrong_posterior_in_the_informed_rule_is_caught_against_D2) {
  const Economy& e = smallest();
  const Interdependent& truth = *e.interdependent;
  BOOST_TEST(informed_rule_meets_D2(e, truth, ResponseTables(e, truth)));
  // Seeded bug: Bayes with the likelihood rows swapped (high signal read as evidence of L).
  Interdependent wrong = truth;
  std::swap(wrong.likelihood[0], wrong.likelihood[1]);
  Economy copy = e;
  copy.interdependent = std::make_shared<Interdependent>(wrong);
  BOOST_TEST(!informed_rule_meets_D2(e, truth, ResponseTables(copy, wrong)));
}

BOOST_AUTO_TEST_CASE(D3_is_the_exists_completion_set_and_contains_the_price_taking_demand) {
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  for (int mask = 0; mask < 32; ++mask) {
    std::vector<int> w;
    for (int j = 0; j < 5; ++j) w.push_back((mask >> j) & 1);
    const DemandSet d3 = D3(e, I, w);
    // The price-taking demand given the (r-1)n + 1 known signals lies in D^3.
    const DemandSet known = price_taking_set<Q>(e, conditional_values<Q>(I, w[0], posterior_by_joint<Q>(I, w)));
    BOOST_TEST(d3.contains(known.lowest()));
    // ... and D^3 lies between D^2 of the full profile (each completion) and everything.
    for (int c = 0; c < 2; ++c) {
      std::vector<int> full = w;
      full.push_back(c);
      BOOST_TEST(d3.intersects(D2(e, I, full)));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_lottery_weights_of_gstarstar_sum_to_one) {
  // theorem2-smallest: N = 6 traders (N! = 720), |P| = 2 prices, epsilon = 1/10. Rule 3 weighs
  // each of the N! orders (1 - 3 eps)/N! = 7/7200; Rules 4, 5 and 6 each weigh every one of the
  // N! |P| (order, price) pairs eps/(N! |P|) = 1/14400: in all 7/10 + 3 x 1/10 = 1.
  const Economy& e = smallest();
  BOOST_TEST(rule_weight<Q>(e, 3) == Q(7, 7200));
  for (int rule : {4, 5, 6}) BOOST_TEST(rule_weight<Q>(e, rule) == Q(1, 14400));
  BOOST_TEST(720 * rule_weight<Q>(e, 3) + 3 * 720 * 2 * rule_weight<Q>(e, 4) == 1);
}

BOOST_AUTO_TEST_CASE(bad_interdependent_tables_name_the_rule_and_the_position) {
  auto e1 = load_error(with_interdependent(
      "signals = 2\nmacro_prior = [\"1/2\", \"1/3\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e1.find("sum to 1") != std::string::npos);
  BOOST_TEST(e1.find(".toml:1") != std::string::npos);  // file:line:col
  BOOST_TEST(e1.find("macro_prior") != std::string::npos);
  auto e2 = load_error(with_interdependent(
      "signals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"1\", \"0\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e2.find("> 0") != std::string::npos);
  auto e3 = load_error(with_interdependent(
      "signals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e3.find("(l+1)^k = 3") != std::string::npos);
  auto e4 = load_error(with_interdependent(
      "signals = 3\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e4.find("lists 3 probabilities") != std::string::npos);
  auto e5 = load_error(with_interdependent(good_table + "rule6_cap = \"own\"\n"));
  BOOST_TEST(e5.find("\"bound\", \"endowment\"") != std::string::npos);
  auto e6 = load_error(with_interdependent(good_table + "[mat.interdependent.messages]\nsecond = [\"clever\"]\n"));
  BOOST_TEST(e6.find("\"informed\" or \"naive\"") != std::string::npos);
  auto e7 = load_error(with_interdependent(good_table + "lieklihood = 1\n"));
  BOOST_TEST(e7.find("lieklihood") != std::string::npos);
  // The good table loads.
  BOOST_TEST(builtin_papers().load_case(write_temp("good", with_interdependent(good_table))).model_data<Economy>().interdependent != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mat_theorem2_claim)

BOOST_AUTO_TEST_CASE(the_committed_cases_meet_their_expectations) {
  for (const auto& name : {"theorem2-smallest", "theorem2-assumption1-fails", "theorem2-two-groups", "gstarstar-rule6-literal"}) {
    const Case c = builtin_papers().load_case(cases_dir + name + ".toml");
    for (const auto& x : c.expectations) {
      const Outcome out = run(x.claim, c, {x.dropped.begin(), x.dropped.end()});
      BOOST_CHECK_MESSAGE(out.verdict == x.verdict, name << " " << x.claim << ": " << to_string(out.verdict) << ": " << out.summary);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_smallest_instance_keeps_exactly_the_price_taking_messages) {
  const Outcome out = run("mat.theorem2", builtin_papers().load_case(cases_dir + "theorem2-smallest.toml"));
  BOOST_TEST(to_string(out.verdict) == "holds");
  auto value = [&](const std::string& name) {
    for (const auto& v : out.values)
      if (v.name == name) return v.text;
    return std::string();
  };
  BOOST_TEST(value("S2_signal_1") == "(d1 = [2,0], m2 = informed, m3 = informed)");
  BOOST_TEST(value("S2_signal_2") == "(d1 = [2,1], m2 = informed, m3 = informed)");
}

BOOST_AUTO_TEST_CASE(dropping_each_hypothesis_yields_a_counterexample) {
  const Outcome a1 = run("mat.theorem2", builtin_papers().load_case(cases_dir + "theorem2-assumption1-fails.toml"), {"assumption1"});
  BOOST_TEST(to_string(a1.verdict) == "refuted");
  BOOST_TEST(a1.summary.find("statement 2") != std::string::npos);
  const Outcome r2 = run("mat.theorem2", builtin_papers().load_case(cases_dir + "theorem2-two-groups.toml"), {"three_groups"});
  BOOST_TEST(to_string(r2.verdict) == "refuted");
  BOOST_TEST(r2.summary.find("statement 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_the_drop_each_counterexample_fails_its_hypothesis) {
  const Outcome a1 = run("mat.theorem2", builtin_papers().load_case(cases_dir + "theorem2-assumption1-fails.toml"));
  BOOST_TEST(to_string(a1.verdict) == "hypotheses_unmet");
  BOOST_TEST(a1.summary.find("assumption1") != std::string::npos);
  // r = 2: Theorem 2 needs r >= 3 groups.
  const Outcome r2 = run("mat.theorem2", builtin_papers().load_case(cases_dir + "theorem2-two-groups.toml"));
  BOOST_TEST(to_string(r2.verdict) == "hypotheses_unmet");
  BOOST_TEST(r2.summary.find("three_groups") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(rule6_as_printed_breaks_market_clearing) {
  const Case c = builtin_papers().load_case(cases_dir + "gstarstar-rule6-literal.toml");
  const Outcome t = run("mat.theorem2", c);
  BOOST_TEST(to_string(t.verdict) == "refuted");
  BOOST_TEST(t.summary.find("market clearing (2)") != std::string::npos);
  const Outcome p = gstarstar_properties(c.model_data<Economy>());
  BOOST_TEST(to_string(p.verdict) == "refuted");
  BOOST_TEST(p.summary.find("market clearing (2)") != std::string::npos);
}

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

BOOST_AUTO_TEST_CASE(the_size_guard_refuses_and_says_how_to_proceed) {
  CheckContext context;
  context.enumeration_limit = 1000;
  const Outcome out = run_claim(*builtin_papers().find("mat.theorem2"), builtin_papers().load_case(cases_dir + "theorem2-smallest.toml"), context);
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("--limit") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
