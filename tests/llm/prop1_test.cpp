// llm.prop1 (Proposition 1, Section 4.1; proof in Appendix A.1, eqs. (6)-(7): with a common
// worst-off type hat_theta_i(r_i) = hat_theta, the VCG budget surplus Pi(theta, r) is nonnegative
// at every theta): the partnership's minimum 0, the Myerson-Satterthwaite deficit found when the
// hypothesis is dropped, seeded bugs the judge must catch, and the size guard.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"

#include "llm/recheck/recheck_model.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::value_of;
using testing::llm_tests::case_of;
using testing::llm_tests::cases_dir;
using testing::llm_tests::economy_of;
using testing::llm_tests::expect_refused;
using testing::llm_tests::header;
using testing::llm_tests::quoted;
using testing::llm_tests::run;
using testing::llm_tests::Scratch;

// Prop. 1's judging step on a vertex grid, as the checker runs it (scan, then judge).
Outcome judge_surplus_nonnegative(const VertexGrid& grid) {
  CheckContext context;
  Check check(context);
  return proofs::judge_surplus_nonnegative(grid, proofs::scan_surplus(grid, context), check);
}

// ---- Pi on a named grid of profiles ([llm.surplus_grid]) ---------------------------------

// Eq. (2) by hand for unit demands (k_i = 1, one unit of supply): W(theta) = max_i theta_i for
// theta >= 0 and every agent's worst-off type is hat, with sum_i min(r_i, k_i) = 1, so
//   Pi(theta, r) = sum_i max(hat, max_{j != i} theta_j) - (n - 1) max_i theta_i - hat.
Algebraic unit_demand_surplus(const std::vector<Rational>& theta, const Algebraic& hat) {
  const std::size_t n = theta.size();
  const Rational highest_type = *std::max_element(theta.begin(), theta.end());
  Algebraic total = -hat - Algebraic(Rational(Rational(static_cast<long>(n) - 1) * highest_type));
  for (std::size_t i = 0; i < n; ++i) {
    Algebraic highest = hat;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) highest = std::max(highest, Algebraic(theta[j]));
    total += highest;
  }
  return total;
}

// The labels whose reported value differs from `expected` (surplus_at_profile_1, 2, ... in order,
// with profile_1, 2, ... the profiles), or that are missing; and a surplus_at_profile_N beyond them.
std::vector<std::string> surplus_mismatches(const Outcome& out, const std::vector<Algebraic>& expected,
                                            const std::vector<std::vector<Rational>>& profiles) {
  std::vector<std::string> wrong;
  for (std::size_t j = 0; j < expected.size(); ++j) {
    const std::string label = "surplus_at_profile_" + std::to_string(j + 1);
    const std::string profile = "profile_" + std::to_string(j + 1);
    const Value* value = testing::find_value(out.values, label);
    std::string written;
    for (const auto& t : profiles[j]) written += (written.empty() ? "" : ", ") + to_string(t);
    if (!value || proofs::llm_recheck::number_of(*value) != expected[j] ||
        value_of(out, profile) != "(" + written + ")")
      wrong.push_back(label);
  }
  if (testing::find_value(out.values, "surplus_at_profile_" + std::to_string(expected.size() + 1)))
    wrong.push_back("surplus_at_profile_" + std::to_string(expected.size() + 1));
  return wrong;
}

std::vector<Rational> rationals(std::initializer_list<Rational> x) { return x; }

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop1)

BOOST_AUTO_TEST_CASE(surplus_labels_are_their_own_machine_keys) {
  // A case asserts these values by key; the labels need no translation.
  for (const char* label : {"surplus_at_profile_1", "surplus_at_profile_1000", "profile_3", "surplus_profiles"})
    BOOST_TEST(machine_key(label) == label);
}

BOOST_AUTO_TEST_CASE(surplus_on_named_profiles_partnership_is_eq2_by_hand) {
  // n = 2, k = 1, uniform: r* = (1/2, 1/2), hat = 1/2; the case lists the profiles themselves.
  const std::vector<std::vector<Rational>> profiles{rationals({0, 0}), rationals({0, 1}),
                                                    rationals({Rational(1, 4), Rational(3, 4)}),
                                                    rationals({Rational(1, 2), Rational(1, 2)}), rationals({1, 1})};
  std::vector<Algebraic> expected;
  for (const auto& theta : profiles) expected.push_back(unit_demand_surplus(theta, Algebraic(Rational(1, 2))));
  BOOST_TEST(expected[0] == Algebraic(Rational(1, 2)));  // the formula itself, at (0, 0): 1/2 + 1/2 - 0 - 1/2
  Outcome out = run("llm.prop1", "surplus-grid-partnership-n2.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(to_string(out.recheck.status) == "passed");
  BOOST_TEST(surplus_mismatches(out, expected, profiles).empty());
  BOOST_TEST(value_of(out, "surplus_at_profile_1") == "1/2");
  BOOST_TEST(value_of(out, "surplus_at_profile_3") == "0");
  BOOST_TEST(value_of(out, "surplus_profiles") == "5");
}

BOOST_AUTO_TEST_CASE(surplus_on_a_product_grid_is_eq2_by_hand_with_an_irrational_worst_off_type) {
  // n = 3, k = 1, uniform: q_i(t) = t^2, hat = 1/sqrt(3) (root of 3x^2 - 1); the case lists each agent's
  // types, and the grid is their product with agent 1's type varying slowest.
  const Algebraic hat = Algebraic::real_roots({Rational(-1), Rational(0), Rational(3)}).back();
  const std::vector<Rational> first{0, Rational(1, 2), 1}, third{Rational(1, 4), Rational(3, 4)};
  std::vector<std::vector<Rational>> profiles;
  std::vector<Algebraic> expected;
  for (const auto& a : first)
    for (const auto& b : first)
      for (const auto& c : third) {
        profiles.push_back({a, b, c});
        expected.push_back(unit_demand_surplus(profiles.back(), hat));
      }
  Outcome out = run("llm.prop1", "surplus-grid-uniform-n3.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(to_string(out.recheck.status) == "passed");
  BOOST_TEST(surplus_mismatches(out, expected, profiles).empty());
  // (0, 0, 1/4): 3 hat - 2/4 - hat = 2 hat - 1/2, irrational: reported with its minimal polynomial.
  const Value* first_value = testing::find_value(out.values, "surplus_at_profile_1");
  BOOST_REQUIRE(first_value);
  BOOST_TEST(first_value->polynomial == "12*x^2 + 12*x - 13");
  BOOST_TEST(value_of(out, "profile_18") == "(1, 1, 3/4)");
}

BOOST_AUTO_TEST_CASE(seeded_wrong_surplus_value_is_caught) {
  // A report with one surplus value moved by 1/100: the known answers above and the re-check (its
  // own spot market, eq. (2) by the layer cake) both reject it.
  const Case c = builtin_papers().load_case(cases_dir + "surplus-grid-partnership-n2.toml");
  Outcome out = testing::run_on_case("llm.prop1", c);
  const std::vector<std::vector<Rational>> profiles{rationals({0, 0}), rationals({0, 1}),
                                                    rationals({Rational(1, 4), Rational(3, 4)}),
                                                    rationals({Rational(1, 2), Rational(1, 2)}), rationals({1, 1})};
  std::vector<Algebraic> expected;
  for (const auto& theta : profiles) expected.push_back(unit_demand_surplus(theta, Algebraic(Rational(1, 2))));
  BOOST_TEST(surplus_mismatches(out, expected, profiles).empty());
  BOOST_TEST(testing::builtin_claim("llm.prop1").recheck(c, out)->passed);
  for (auto& v : out.values)
    if (v.name == "surplus_at_profile_3") v = make_value(v.name, Rational(1, 100));
  BOOST_TEST(surplus_mismatches(out, expected, profiles) == std::vector<std::string>{"surplus_at_profile_3"});
  const auto altered = testing::builtin_claim("llm.prop1").recheck(c, out);
  BOOST_REQUIRE(altered);
  BOOST_TEST(!altered->passed, altered->detail);
  BOOST_TEST(altered->detail.find("at profile 3 (1/4, 3/4) Pi = 0 but 1/100 is reported") != std::string::npos,
             altered->detail);
}

BOOST_AUTO_TEST_CASE(the_committed_assertions_hold_and_a_seeded_wrong_one_is_caught) {
  // The case asserts the five values by key ([expect.values]); the same file with profile 3's value
  // asserted as 1/100 is a MISMATCH (exit 1) naming the key, the expected and the computed value.
  Scratch s;
  const std::string path = cases_dir + "surplus-grid-partnership-n2.toml";
  BOOST_TEST(s.run("check llm.prop1 " + quoted(path)).status == 0);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string seeded = text.str();
  const std::string honest = "surplus_at_profile_3 = \"0\"";
  BOOST_REQUIRE(seeded.find(honest) != std::string::npos);
  seeded.replace(seeded.find(honest), honest.size(), "surplus_at_profile_3 = \"1/100\"");
  const auto r = s.run("check llm.prop1 " + quoted(s.write("seeded.toml", seeded)));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.out.find("value surplus_at_profile_3: expected 1/100, computed 0") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(surplus_values_are_reported_when_the_hypothesis_fails) {
  // Myerson-Satterthwaite (r = (1, 0), worst-off types (1, 0)): Pi(theta) = theta_1 - max(theta_1, theta_2),
  // reported although llm.prop1 does not apply.
  Economy e = economy_of("myerson-satterthwaite.toml");
  e.surplus_profiles = {rationals({0, 1}), rationals({1, 0}), rationals({Rational(1, 4), Rational(3, 4)})};
  Outcome out = testing::run_on_case("llm.prop1", case_of(e));
  BOOST_TEST(to_string(out.verdict) == "hypotheses_unmet");
  BOOST_TEST(value_of(out, "surplus_at_profile_1") == "-1");
  BOOST_TEST(value_of(out, "surplus_at_profile_2") == "0");
  BOOST_TEST(value_of(out, "surplus_at_profile_3") == "-1/2");
  BOOST_TEST(value_of(out, "profile_3") == "(1/4, 3/4)");
}

BOOST_AUTO_TEST_CASE(surplus_grid_rules_are_reported_at_their_line_and_column) {
  // A partnership case (lines 6-13) with [llm.surplus_grid] on line 15 and the rule's line from 16.
  const std::string economy =
      "[llm]\n"                     // 6
      "support = [\"0\", \"1\"]\n"  // 7
      "holdings = \"r_star\"\n"     // 8
      "\n"                          // 9
      "[[llm.agent]]\n"             // 10
      "k = \"1\"\n"                 // 11
      "cdf = \"uniform\"\n"         // 12
      "count = 2\n"                 // 13
      "\n"                          // 14
      "[llm.surplus_grid]\n";       // 15
  std::string product = "types = [[";
  for (int j = 0; j < 40; ++j) product += (j ? ", \"" : "\"") + std::to_string(j) + "/40\"";
  product += "], [";
  for (int j = 0; j < 30; ++j) product += (j ? ", \"" : "\"") + std::to_string(j) + "/30\"";
  product += "]]";
  const struct {
    std::string lines, position, rule;
  } bad[] = {
      {"profiles = [[\"0\", \"1/2\", \"1\"]]\n", "16:13", "a profile lists one type per agent: 2 expected, 3 given"},
      {"types = [[\"0\", \"2\"], [\"0\"]]\n", "16:16", "a type must lie in the support [0, 1], but it is 2"},
      {"profiles = [[\"0\", \"1\"], [\"0\", \"1\"]]\n", "16:25", "this profile repeats profile 1"},
      {"types = [[\"0\", \"0\"], [\"1\"]]\n", "16:16", "the type 0 is listed twice"},
      {"types = [[\"0\"]]\n", "16:9", "types lists one array of types per agent: 2 expected, 1 given"},
      {"types = [[\"0\"], []]\n", "16:17", "an agent's list of types must not be empty"},
      {product + "\n", "16:9", "the product of these lists has more than 1000 profiles"},
      {"profiles = [[\"0\", \"1\"]]\ntypes = [[\"0\"], [\"1\"]]\n", "15:1", "needs exactly one of profiles"},
      {"grid = [[\"0\", \"1\"]]\n", "16:8", "unknown key 'grid'"},
  };
  Scratch s;
  for (const auto& b : bad) {
    BOOST_TEST_CONTEXT(b.lines) {
      const std::string file =
          s.write("surplus-grid.toml",
                  header + economy + b.lines + "\n[[expect]]\nclaim = \"llm.prop1\"\nverdict = \"holds\"\n");
      expect_refused(s.run("check llm.prop1 " + quoted(file)), "surplus-grid.toml:" + b.position, b.rule);
    }
  }
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
