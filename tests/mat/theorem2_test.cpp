// mat.theorem2 -- Matsushima (2005), Theorem 2 (Section 4), with D^1, D^2, D^3 and Assumptions
// 1-2: in G**, undominated strategies make price-taking first announcements, and twice
// iteratively undominated ones make second and third announcements in D^2 and D^3. Here: the
// committed theorem2 cases, the smallest instance's survivors, each hypothesis (assumption1,
// three_groups) dropped and kept, the seeded Rule 6 as printed (also caught by G**'s properties
// check), the size guard, the claim's preconditions through the command line (no
// [mat.interdependent]; unequal endowments, for mat.properties too), and altered witnesses that
// the claim's re-check must reject (with one of mat.properties on G**). Elsewhere: the G** model in
// model_test.cpp, [mat.interdependent]'s input rules in input_test.cpp.
#include "fixtures.hpp"
#include "gstarstar_orders.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;
using namespace mechcheck::testing::mat_orders;

BOOST_AUTO_TEST_SUITE(mat_theorem2)

BOOST_AUTO_TEST_CASE(the_committed_cases_meet_their_expectations) {
  for (const auto& name :
       {"theorem2-smallest", "theorem2-assumption1-fails", "theorem2-two-groups", "gstarstar-rule6-literal"}) {
    const Case c = builtin_papers().load_case(cases_dir + name + ".toml");
    for (const auto& x : c.expectations) {
      const Outcome out = run(x.claim, c, {x.dropped.begin(), x.dropped.end()});
      BOOST_CHECK_MESSAGE(out.verdict == x.verdict,
                          name << " " << x.claim << ": " << to_string(out.verdict) << ": " << out.summary);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_order_reduction_equals_every_permutation_on_every_committed_gstarstar_case) {
  // Trader 1's evaluation by type sequences and over all N! permutations (gstarstar.hpp): every
  // message of the restricted space at every signal against opponents all alike (mat.theorem2's
  // symmetric profiles), and every third one against opponents with different strategies.
  std::size_t cases = 0, compared = 0;
  for (const auto& file : std::filesystem::directory_iterator(cases_dir)) {
    if (file.path().extension() != ".toml") continue;
    const Case c = builtin_papers().load_case(file.path().string());
    const Economy& e = c.model_data<Economy>();
    if (!e.interdependent) continue;
    ++cases;
    const Interdependent& I = *e.interdependent;
    const int N = e.trader_count();
    const ResponseTables tables(e, I);
    const auto own = restricted_messages(I, tables.demand_functions().size());
    const auto menu = strategy_menu(e, I);
    for (int theta = 0; theta < I.signals; ++theta)
      for (std::size_t s = 0; s < own.size(); ++s)
        for (std::size_t step : {0, 5}) {
          if (step && s % 3) continue;
          std::vector<const GStrategy*> strategies(N, nullptr);
          for (int j = 1; j < N; ++j) strategies[j] = &menu[(s + theta + j * step) % menu.size()];
          const std::string diff = orders_difference(e, tables, 0, theta, own[s], strategies);
          BOOST_TEST(diff.empty(),
                     c.name << ", signal " << theta + 1 << ", " << message_text(e, own[s]) << ": " << diff);
          ++compared;
        }
  }
  BOOST_TEST(cases == 6u);  // theorem2-*.toml and gstarstar-*.toml
  BOOST_TEST(compared > 0u);
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
  const Outcome a1 =
      run("mat.theorem2", builtin_papers().load_case(cases_dir + "theorem2-assumption1-fails.toml"), {"assumption1"});
  BOOST_TEST(to_string(a1.verdict) == "refuted");
  BOOST_TEST(a1.summary.find("statement 2") != std::string::npos);
  const Outcome r2 =
      run("mat.theorem2", builtin_papers().load_case(cases_dir + "theorem2-two-groups.toml"), {"three_groups"});
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

BOOST_AUTO_TEST_CASE(the_size_guard_refuses_and_says_how_to_proceed) {
  CheckContext context;
  context.enumeration_limit = 1000;
  const Outcome out = run_claim(*builtin_papers().find("mat.theorem2"),
                                builtin_papers().load_case(cases_dir + "theorem2-smallest.toml"), context);
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("--limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(theorem2_without_interdependent_exits_2_before_any_claim_runs) {
  Scratch s;
  const std::string path = s.write("no-signals.toml", header + four_traders);
  // A good case beside the bad one: validation stops the whole run before either is checked.
  const Result r = s.run("check mat.theorem2 '" + cases_dir + "theorem2-two-groups.toml' '" + path + "'");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, path + ":5:1:"));
  BOOST_TEST(contains(r.err, "mat.theorem2 needs a [mat.interdependent] table"));
  BOOST_TEST(!contains(r.out, "passed"));
}

BOOST_AUTO_TEST_CASE(gstarstar_checks_with_unequal_endowments_exit_2_at_the_endowment) {
  Scratch s;
  const std::string path = s.write("unequal.toml", gstarstar(true));
  for (const std::string claim : {"mat.theorem2", "mat.properties"}) {
    const Result r = s.run("check " + claim + " '" + path + "'");
    BOOST_TEST(r.status == 2);
    BOOST_TEST(contains(r.err, path + ":18:13:"), claim);
    BOOST_TEST(contains(r.err, claim + " on G** needs equal endowments"));
    BOOST_TEST(contains(r.err, "trader 6 differs from trader 1"));
  }
  // The same case with equal endowments passes validation (mat.properties then runs).
  const std::string good = s.write("equal.toml", gstarstar(false));
  BOOST_TEST(s.run("check mat.properties '" + good + "'").status != 2);
}

BOOST_AUTO_TEST_CASE(altered_gstarstar_witnesses_fail_their_rechecks) {
  // mat.theorem2, statement 1 (r = 2): an undominated message whose first announcement lies in D^1,
  // and a certificate with an entry missing.
  const Case two = builtin_papers().load_case(cases_dir + "theorem2-two-groups.toml");
  const Outcome s1 = refuted_and_rechecked("mat.theorem2", two, {"three_groups"});
  Outcome inside = s1;
  entry(inside.witness, "undominated_message").text = "(d1 = [2,0], m2 = informed, m3 = informed)";
  BOOST_TEST(!recheck("mat.theorem2", two, inside)->passed);
  Outcome missing = s1;
  std::string& cert = entry(missing.witness, "no_strict_dominator").text;
  cert = cert.substr(0, cert.rfind("; (d1"));
  BOOST_TEST(!recheck("mat.theorem2", two, missing)->passed);

  // mat.theorem2, G** outside A (Rule 6 as printed): under Rule 5 the same announcements are in A.
  const Case six = builtin_papers().load_case(cases_dir + "gstarstar-rule6-literal.toml");
  Outcome rule6 = refuted_and_rechecked("mat.theorem2", six);
  entry(rule6.witness, "rule").text = "5";
  BOOST_TEST(!recheck("mat.theorem2", six, rule6)->passed);

  // mat.properties on G** ((vi) as printed): another amount than the simulation gives.
  const Case smallest = builtin_papers().load_case(cases_dir + "theorem2-smallest.toml");
  const Outcome vi = refuted_and_rechecked("mat.properties", smallest);
  BOOST_TEST(!recheck("mat.properties", smallest, with_first_amount_zero(vi))->passed);
}

BOOST_AUTO_TEST_SUITE_END()
