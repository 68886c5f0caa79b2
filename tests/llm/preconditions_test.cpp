// The llm claims' own preconditions (Claim::validate): the command line refuses a case that
// lacks what a claim needs, before anything runs, with exit status 2 and the file:line:column of
// the offending key. The CLI is run as a program (MECHCHECK_CLI).
#include "support/cli_process.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/";

std::string quoted(const std::string& s) { return mechcheck::testing::shell_quoted(s); }

using Run = mechcheck::testing::CliResult;
using mechcheck::testing::contains;
using mechcheck::testing::read_text;

// A scratch directory per test, removed afterwards; `run` executes mechcheck with its output
// captured there.
struct Scratch : mechcheck::testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-llm-preconditions") {}
};

// Exit 2, nothing run, and "FILE:LINE:COLUMN: " with the rule on stderr.
void expect_refused(const Run& r, const std::string& position, const std::string& rule) {
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty(), "nothing may run, but stdout is: " << r.out);
  BOOST_TEST(contains(r.err, position + ": "), "expected '" << position << "' in: " << r.err);
  BOOST_TEST(contains(r.err, rule), "expected '" << rule << "' in: " << r.err);
}

const std::string header = "[case]\nname = \"precondition\"\nmodel = \"llm\"\nsource = \"test\"\n\n";  // lines 1-5

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_preconditions)

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
                                                              "[llm]\n"                         // 6
                                                              "support = [\"0\", \"1\"]\n"      // 7
                                                              "holdings = \"r_star\"\n"         // 8
                                                              "\n"                              // 9
                                                              "[[llm.agent]]\n"                 // 10
                                                              "k = \"1/3\"\n"                   // 11
                                                              "cdf = \"uniform\"\n"             // 12
                                                              "\n"                              // 13
                                                              "[[llm.agent]]\n"                 // 14
                                                              "k = \"2/3\"\n"                   // 15
                                                              "cdf = \"uniform\"\n"             // 16
                                                              "\n"                              // 17
                                                              "[[llm.agent]]\n"                 // 18
                                                              "k = \"2/3\"\n"                   // 19
                                                              "cdf = { power = 2 }\n");         // 20
  expect_refused(s.run("check llm.fig1 " + quoted(file)), "fig1-t-squared.toml:20:7",
                 "F_i(theta) = theta (uniform on [0, 1]) for every agent, but F_3 is power 2");
}

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

BOOST_AUTO_TEST_CASE(prop5_6_needs_aggregate_states) {
  // Formerly the committed case aggregate-missing-states (then a hypothesis, aggregate_states).
  Scratch s;
  const std::string file = s.write("aggregate-missing-states.toml", header +
                                                                        "[llm]\n"                         // 6
                                                                        "support = [\"0\", \"1\"]\n"      // 7
                                                                        "holdings = \"r_star\"\n"         // 8
                                                                        "endowments = [\"1\", \"0\"]\n"   // 9
                                                                        "\n"
                                                                        "[[llm.agent]]\n"
                                                                        "k = \"1\"\n"
                                                                        "cdf = \"uniform\"\n"
                                                                        "count = 2\n");
  expect_refused(s.run("check llm.prop5_6 " + quoted(file)), "aggregate-missing-states.toml:6:1",
                 "llm.prop5_6 needs the states of aggregate uncertainty of Section 5.1");
}

BOOST_AUTO_TEST_CASE(prop5_6_needs_endowments) {
  Scratch s;
  const std::string file = s.write("aggregate-missing-endowments.toml",
                                   header +
                                       "[llm]\n"                     // 6
                                       "support = [\"0\", \"1\"]\n"  // 7
                                       "holdings = \"r_star\"\n"     // 8
                                       "\n"
                                       "[llm.aggregate]\n"
                                       "states = [{ probability = \"1\", k = \"1\" }]\n"
                                       "\n"
                                       "[[llm.agent]]\n"
                                       "k = \"1\"\n"
                                       "cdf = \"uniform\"\n"
                                       "count = 2\n");
  expect_refused(s.run("check llm.prop5_6 " + quoted(file)), "aggregate-missing-endowments.toml:6:1",
                 "llm.prop5_6 needs endowments = [e_1, ..., e_n] in [llm]");
}

BOOST_AUTO_TEST_CASE(figure1_and_forward_cases_that_meet_them_still_run) {
  Scratch s;
  for (const char* args : {"check llm.fig1 ", "check llm.prop3_4 "}) {
    const std::string file = cases_dir + (std::string(args).find("fig1") != std::string::npos
                                              ? "figure1-k1-one-third.toml"
                                              : "forward-uniform-n2.toml");
    const Run r = s.run(args + quoted(file));
    BOOST_TEST(r.status == 0, r.err);
  }
}

BOOST_AUTO_TEST_SUITE_END()
