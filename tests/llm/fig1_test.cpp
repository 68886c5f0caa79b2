// llm.fig1 (Section 5.3, Figure 1: n = 3, k_2 = k_3 = 2/3, uniform types; cornered holdings beat r*
// for small k_1, r* wins for large k_1, and the kink at k_1 = 1/3): the values at the kink and
// the crossing, the figure's files, and its preconditions (Claim::validate): the command line
// refuses a case that lacks Figure 1's economy before anything runs, with exit status 2 and the
// file:line:column of the offending key (run as a program, MECHCHECK_CLI). The last case runs
// llm.prop3_4 on a case that meets its preconditions too.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"

#include "llm/recheck/recheck_model.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using proofs::llm_recheck::number_of;
using testing::value_of;
using testing::llm_tests::cases_dir;
using testing::llm_tests::economy_of;
using testing::llm_tests::expect_refused;
using testing::llm_tests::find_value;
using testing::llm_tests::header;
using testing::llm_tests::quoted;
using testing::llm_tests::run;
using testing::llm_tests::Run;
using testing::llm_tests::Scratch;

// ---- Figure 1 by hand, for 1/3 < k1 < 2/3 ------------------------------------------------
//
// From Section 3's definitions with uniform types on [0, 1] and k2 = k3 = 2/3: agent 1 of type t
// gets k1 when both others are below (probability t^2) and 1 - 2/3 = 1/3 when one is above
// (2 t (1 - t)); agent 2 gets 2/3 when both others are below, 1 - k1 when agent 1 alone is above and
// 1 - 2/3 when agent 3 alone is. So
//   q_1(t) = k1 t^2 + (2/3) t (1 - t),   q_2(t) = q_3(t) = (2/3) t^2 + (4/3 - k1) t (1 - t),
// eq. (8) is sum_i q_i(t) = (3 k1 - 2) t^2 + (10/3 - 2 k1) t = 1 at hat, and eq. (11) at r* and at
// (1, 0, 0) (agent 1's worst-off type 1, since q_1(1) = k1; the others' 0) differ only in their
// last sums, which give
//   gap(k1) = interior - cornered = (k1 - 2/3) hat^3 + (5/3 - k1) hat^2 - hat + 2 k1 / 3 - 1/9.
// Eliminating hat between the two (the resultant in hat, by hand) leaves
//   (3 k1 - 2) (2268 k1^4 - 4428 k1^3 + 3780 k1^2 - 1176 k1 + 49) / 729,
// whose root near 0.5136 is the crossing.

// hat at a rational k1 in (1/3, 2/3), exactly: the root of eq. (8) in (0, 1).
Algebraic hand_hat(const Rational& k1) {
  const auto roots = Algebraic::real_roots({Rational(-1), Rational(Rational(10, 3) - 2 * k1), Rational(3 * k1 - 2)});
  for (const auto& r : roots)
    if (r > Algebraic(0) && r < Algebraic(1)) return r;
  BOOST_FAIL("eq. (8) has no root in (0, 1) at k1 = " << to_string(k1));
  throw std::logic_error("unreachable");
}
Algebraic hand_gap(const Rational& k1) {
  const Algebraic h = hand_hat(k1), a(k1);
  return (a - Algebraic(Rational(2, 3))) * h * h * h + (Algebraic(Rational(5, 3)) - a) * h * h - h +
         Algebraic(Rational(Rational(2, 3) * k1 - Rational(1, 9)));
}
// The same in double, and the crossing by bisection on it (an independent, inexact route).
double hand_gap_double(double k1) {
  double lo = 0, hi = 1;  // sum_i q_i - 1 increases from -1 to k1 + 4/3 - 1 > 0 on [0, 1]
  for (int j = 0; j < 200; ++j) {
    const double t = (lo + hi) / 2;
    ((3 * k1 - 2) * t * t + (10.0 / 3 - 2 * k1) * t < 1 ? lo : hi) = t;
  }
  const double h = (lo + hi) / 2;
  return (k1 - 2.0 / 3) * h * h * h + (5.0 / 3 - k1) * h * h - h + 2 * k1 / 3 - 1.0 / 9;
}
double hand_crossing_double() {
  double lo = 0.4, hi = 0.6;  // cornered wins at 0.4 (gap < 0), interior at 0.6
  for (int j = 0; j < 200; ++j) {
    const double m = (lo + hi) / 2;
    (hand_gap_double(m) < 0 ? lo : hi) = m;
  }
  return (lo + hi) / 2;
}

// What a report of llm.fig1 gets wrong about the crossing, against the answers by hand: empty when
// the bracket holds the crossing and crossing_k1 is it (exactly a root of the quartic, with the hand
// gap changing sign within 2^-100 of it, and within 1e-12 of the double bisection).
std::vector<std::string> crossing_mistakes(const Outcome& out) {
  std::vector<std::string> wrong;
  const Value* lower = find_value(out, "crossing_k1_lower");
  const Value* upper = find_value(out, "crossing_k1_upper");
  const Value* exact = find_value(out, "crossing_k1");
  if (!lower || !upper || !exact) return {"a crossing value is missing"};
  const Algebraic c = number_of(*exact), a = number_of(*lower), b = number_of(*upper);
  if (!(a <= c && c <= b)) wrong.push_back("crossing_k1 outside [crossing_k1_lower, crossing_k1_upper]");
  if (hand_gap(a.to_rational()).sign() >= 0 || hand_gap(b.to_rational()).sign() <= 0)
    wrong.push_back("the hand gap does not change sign across the bracket");
  const Algebraic quartic = Algebraic(2268) * c * c * c * c - Algebraic(4428) * c * c * c + Algebraic(3780) * c * c -
                            Algebraic(1176) * c + Algebraic(49);
  if (quartic.sign() != 0) wrong.push_back("crossing_k1 is not a root of the eliminated quartic");
  const auto [left, right] = c.isolating_interval(100);
  if (hand_gap(left).sign() >= 0 || hand_gap(right).sign() <= 0)
    wrong.push_back("the hand gap does not change sign within 2^-100 of crossing_k1");
  if (std::abs(c.to_double() - hand_crossing_double()) > 1e-12)
    wrong.push_back("crossing_k1 is not near the double bisection");
  return wrong;
}

}  // namespace

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
  BOOST_TEST(value_of(out, "crossing_bracket_width") == to_string(*upper - *lower));
  // The crossing exactly: a root of 2268 k1^4 - 4428 k1^3 + 3780 k1^2 - 1176 k1 + 49 (by hand above).
  const Value* crossing = find_value(out, "crossing_k1");
  BOOST_REQUIRE(crossing);
  BOOST_TEST(crossing->polynomial == "2268*x^4 - 4428*x^3 + 3780*x^2 - 1176*x + 49");
  BOOST_TEST(crossing_mistakes(out).empty());
  BOOST_TEST(to_string(out.recheck.status) == "passed");
}

BOOST_AUTO_TEST_CASE(figure1_by_hand_agrees_with_the_model_off_the_crossing) {
  // The hand formulas against the model's exact revenues (eq. (11) at r* and at (1, 0, 0)) at the
  // sweep's points 5/12, 1/2 and 7/12 (k1_range = [1/4, 2/3] in 5 steps).
  Economy e = economy_of("figure1.toml");
  e.figure1.k1_range = std::make_pair(Rational(1, 4), Rational(2, 3));
  e.figure1.steps = 5;
  const auto figure = proofs::compute_figure1(e);
  BOOST_REQUIRE(figure.points.size() == 5u);
  for (int j = 1; j <= 5; ++j) BOOST_TEST(figure.points[j - 1].k1 == Rational(1, 4) + Rational(j, 12));
  for (int j = 2; j <= 4; ++j) {
    const auto& p = figure.points[j - 1];
    BOOST_TEST(p.interior - p.cornered == hand_gap(p.k1), "k1 = " << to_string(p.k1));
  }
  // This sweep's crossing is the same number, bracketed from the step [1/2, 7/12].
  BOOST_REQUIRE(figure.crossing_exact);
  BOOST_TEST(figure.crossing_exact->minimal_polynomial_string() == "2268*x^4 - 4428*x^3 + 3780*x^2 - 1176*x + 49");
  BOOST_TEST(std::abs(figure.crossing_exact->to_double() - hand_crossing_double()) < 1e-12);
  BOOST_TEST(figure.crossing->second - figure.crossing->first <= Rational(1, 12) / Rational(Integer(1) << 40));
}

BOOST_AUTO_TEST_CASE(figure1_crossing_bracketed_as_narrowly_as_the_case_asks) {
  Outcome out = run("llm.fig1", "figure1-crossing-narrow.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(to_string(out.recheck.status) == "passed");
  BOOST_TEST(value_of(out, "k1_values") == "24");
  const auto lower = parse_rational(value_of(out, "crossing_k1_lower"));
  const auto upper = parse_rational(value_of(out, "crossing_k1_upper"));
  BOOST_REQUIRE(lower && upper);
  BOOST_TEST(*upper - *lower <= Rational(Integer(1), Integer("1000000000000000000000000000000")));
  BOOST_TEST(*upper - *lower >
             Rational(Integer(1), Integer("2000000000000000000000000000000")));  // halvings stop there
  BOOST_TEST(crossing_mistakes(out).empty());
  // k1 = 1/3 is the 12th of 24 steps: the kink's values are reported, as with the default sweep.
  BOOST_TEST(value_of(out, "cornered_revenue_at_k1_one_third") == "1/6");
  // The same crossing as the default sweep's.
  const Outcome default_sweep = run("llm.fig1", "figure1.toml");
  BOOST_REQUIRE(find_value(default_sweep, "crossing_k1"));
  BOOST_TEST(number_of(*find_value(out, "crossing_k1")) == number_of(*find_value(default_sweep, "crossing_k1")));
}

BOOST_AUTO_TEST_CASE(the_committed_assertions_hold_and_a_seeded_wrong_crossing_is_caught) {
  // The case asserts crossing_k1 by its minimal polynomial and an interval ([expect.values]); the
  // same file asserting the quartic's other real root (root = 1, about 0.0489) is a MISMATCH.
  for (const char* label : {"crossing_k1", "crossing_k1_lower", "crossing_k1_upper", "crossing_bracket_width"})
    BOOST_TEST(machine_key(label) == label);
  Scratch s;
  const std::string path = cases_dir + "figure1-crossing-narrow.toml";
  BOOST_TEST(s.run("check llm.fig1 " + quoted(path)).status == 0);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string seeded = text.str();
  const std::string honest = "interval = [\"0.51\", \"0.52\"] }";
  BOOST_REQUIRE(seeded.find(honest) != std::string::npos);
  seeded.replace(seeded.find(honest), honest.size(), "root = 1 }");
  const auto r = s.run("check llm.fig1 " + quoted(s.write("seeded.toml", seeded)));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(r.out.find("value crossing_k1: expected") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(seeded_wrong_crossing_is_caught) {
  // The crossing reported as the quartic's other real root (about 0.0489: same minimal polynomial,
  // another isolating interval), and as the bracket's lower end: the answers by hand and the re-check
  // (its own spot market at both sides of the value) reject both.
  const Case c = builtin_papers().load_case(cases_dir + "figure1.toml");
  Outcome out = testing::run_on_case("llm.fig1", c);
  BOOST_TEST(crossing_mistakes(out).empty());
  BOOST_TEST(testing::builtin_claim("llm.fig1").recheck(c, out)->passed);
  const auto roots =
      Algebraic::real_roots({Rational(49), Rational(-1176), Rational(3780), Rational(-4428), Rational(2268)});
  BOOST_REQUIRE(roots.size() == 2u);
  const Algebraic reported = number_of(*find_value(out, "crossing_k1"));
  BOOST_TEST(roots[1] == reported);
  for (const Value& wrong : {make_value("crossing_k1", roots[0]),
                             make_value("crossing_k1", *parse_rational(value_of(out, "crossing_k1_lower")))}) {
    Outcome seeded = out;
    for (auto& v : seeded.values)
      if (v.name == "crossing_k1") v = wrong;
    BOOST_TEST_CONTEXT("crossing_k1 = " << wrong.text) {
      BOOST_TEST(!crossing_mistakes(seeded).empty());
      const auto r = testing::builtin_claim("llm.fig1").recheck(c, seeded);
      BOOST_REQUIRE(r);
      BOOST_TEST(!r->passed, r->detail);
    }
  }
}

BOOST_AUTO_TEST_CASE(figure1_files_are_written) {
  Economy e = economy_of("figure1.toml");
  e.figure1.steps = 6;
  auto figure = proofs::compute_figure1(e);
  BOOST_TEST(figure.points.size() == 6u);
  const std::string dir = std::filesystem::temp_directory_path().string() + "/mechcheck-fig1-test";
  proofs::write_figure1(figure, dir);
  BOOST_TEST(std::filesystem::file_size(dir + "/figure1.csv") > 100u);
  BOOST_TEST(std::filesystem::file_size(dir + "/figure1.svg") > 1000u);
  std::filesystem::remove_all(dir);
}

// ---- preconditions ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(fig1_needs_three_agents) {
  // The committed two-agent case was once reported `refuted` (exit 0) for Figure 1.
  Scratch s;
  expect_refused(s.run("check llm.fig1 " + quoted(cases_dir + "myerson-satterthwaite.toml")),
                 "myerson-satterthwaite.toml:11:1", "n = 3 agents, but the case has 2");
}

BOOST_AUTO_TEST_CASE(fig1_needs_k2_and_k3_two_thirds) {
  Scratch s;
  expect_refused(s.run("check llm.fig1 " + quoted(cases_dir + "uniform-n3-k1.toml")), "uniform-n3-k1.toml:12:5",
                 "k_2 = k_3 = 2/3, but k_2 = 1");
}

BOOST_AUTO_TEST_CASE(fig1_needs_types_on_the_unit_interval) {
  Scratch s;
  expect_refused(s.run("check llm.fig1 " + quoted(cases_dir + "histogram-three-agents.toml")),
                 "histogram-three-agents.toml:8:11", "types on [0, 1], but the support is [0, 2]");
}

BOOST_AUTO_TEST_CASE(fig1_needs_uniform_types) {
  Scratch s;
  const std::string file = s.write("fig1-t-squared.toml", header +
                                                              "[llm]\n"                     // 6
                                                              "support = [\"0\", \"1\"]\n"  // 7
                                                              "holdings = \"r_star\"\n"     // 8
                                                              "\n"                          // 9
                                                              "[[llm.agent]]\n"             // 10
                                                              "k = \"1/3\"\n"               // 11
                                                              "cdf = \"uniform\"\n"         // 12
                                                              "\n"                          // 13
                                                              "[[llm.agent]]\n"             // 14
                                                              "k = \"2/3\"\n"               // 15
                                                              "cdf = \"uniform\"\n"         // 16
                                                              "\n"                          // 17
                                                              "[[llm.agent]]\n"             // 18
                                                              "k = \"2/3\"\n"               // 19
                                                              "cdf = { power = 2 }\n");     // 20
  expect_refused(s.run("check llm.fig1 " + quoted(file)), "fig1-t-squared.toml:20:7",
                 "F_i(theta) = theta (uniform on [0, 1]) for every agent, but F_3 is power 2");
}

BOOST_AUTO_TEST_CASE(fig1_sweep_rules_are_reported_at_their_line_and_column) {
  // Figure 1's economy (lines 6-17) with [llm.fig1] on line 19 and the rule's line from 20.
  const std::string economy =
      "[llm]\n"                     // 6
      "support = [\"0\", \"1\"]\n"  // 7
      "holdings = \"r_star\"\n"     // 8
      "\n"                          // 9
      "[[llm.agent]]\n"             // 10
      "k = \"1/3\"\n"               // 11
      "cdf = \"uniform\"\n"         // 12
      "\n"                          // 13
      "[[llm.agent]]\n"             // 14
      "k = \"2/3\"\n"               // 15
      "cdf = \"uniform\"\n"         // 16
      "count = 2\n"                 // 17
      "\n"                          // 18
      "[llm.fig1]\n";               // 19
  const struct {
    std::string lines, position, rule;
  } bad[] = {
      // The model's rules (any claim).
      {"k1_range = [\"1/2\", \"1/4\"]\n", "20:12", "k1_range = [from, to] needs from < to"},
      {"k1_range = [\"-1/2\", \"1/4\"]\n", "20:13", "k1_range must start at 0 or above"},
      {"k1_range = [\"0\"]\n", "20:12", "k1_range must be [from, to]"},
      {"steps = 0\n", "20:9", "steps must be an integer in [1, 1000]"},
      {"crossing_width = \"0\"\n", "20:18", "crossing_width must be positive, but it is 0"},
      {"crossing_width = 0.001\n", "20:18", "a TOML float is not exact"},
      {"step = 10\n", "20:8", "unknown key 'step'"},
      // Figure 1's (llm.fig1's preconditions).
      {"k1_range = [\"0\", \"3/4\"]\n", "20:12", "k1 in (0, k2] = (0, 2/3], but k1_range ends at 3/4"},
      {"k1_range = [\"1/2\", \"2/3\"]\n", "20:12", "needs at least two values of k1 <= 1/3 and two >= 1/3"},
      {"steps = 3\n", "20:9", "j = 1..3, has 1 and 2"},
  };
  Scratch s;
  for (const auto& b : bad) {
    BOOST_TEST_CONTEXT(b.lines) {
      const std::string file = s.write("fig1-sweep.toml", header + economy + b.lines);
      expect_refused(s.run("check llm.fig1 " + quoted(file)), "fig1-sweep.toml:" + b.position, b.rule);
    }
  }
}

BOOST_AUTO_TEST_CASE(figure1_and_forward_cases_that_meet_them_still_run) {
  Scratch s;
  for (const char* args : {"check llm.fig1 ", "check llm.prop3_4 "}) {
    const std::string file =
        cases_dir +
        (std::string(args).find("fig1") != std::string::npos ? "figure1-k1-one-third.toml" : "forward-uniform-n2.toml");
    const Run r = s.run(args + quoted(file));
    BOOST_TEST(r.status == 0, r.err);
  }
}

BOOST_AUTO_TEST_SUITE_END()
