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

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

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
