// The mat claims' own preconditions (Claim::validate) and the G** model rules, through the
// command line: a case that lacks what a claim needs stops the run with exit status 2 and a
// message at file:line:column naming the rule, before any claim runs.
#include "support/cli_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/";

using Result = mechcheck::testing::CliResult;
using mechcheck::testing::contains;
using mechcheck::testing::read_text;

// A scratch directory per test, removed afterwards; `run` executes mechcheck with its output
// captured there.
struct Scratch : mechcheck::testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-mat-validate") {}
};

// Lines 1-4: the header; [mat] at line 5, column 1.
const std::string header = "[case]\nname = \"v\"\nmodel = \"mat\"\n\n";
const std::string four_traders =
    "[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/10\"\n\n"
    "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 4\n";
// G** with six traders; trader type 2 (line 18) has another endowment when `other` is set.
std::string gstarstar(bool other) {
  return header +
         "[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 3\nepsilon = \"1/10\"\n\n"  // lines 5-11
         "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"0\", \"0\"]\ncount = 5\n\n"    // lines 12-16
         "[[mat.trader]]\nendowment = [" + std::string(other ? "0" : "1") + "]\nvalues = [\"0\", \"0\", \"0\"]\n\n"  // 17-20
         "[mat.interdependent]\nsignals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\n"
         "likelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
         "values = [[[\"0\", \"1/2\", \"3/4\"], [\"0\", \"1/2\", \"3/4\"]], [[\"0\", \"2\", \"3\"], [\"0\", \"2\", \"3\"]]]\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_validate)

BOOST_AUTO_TEST_CASE(example_without_its_table_exits_2_at_the_mat_table) {
  Scratch s;
  const std::string path = s.write("no-example.toml", header + four_traders);
  const Result r = s.run("check mat.example '" + path + "'");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, path + ":5:1:"));
  BOOST_TEST(contains(r.err, "mat.example needs a [mat.example] table"));
  BOOST_TEST(!contains(r.out, "passed"));  // nothing ran
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

BOOST_AUTO_TEST_CASE(convergence_whose_default_study_is_too_large_exits_2_at_the_mat_table) {
  // 700 traders without [mat.convergence]: the default replications up to 32 would need 22400 > 20000.
  Scratch s;
  const std::string path = s.write(
      "large.toml", header + "[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/10\"\n\n"
                             "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 700\n");
  const Result r = s.run("check mat.convergence '" + path + "'");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, path + ":5:1:"));
  BOOST_TEST(contains(r.err, "default convergence study"));
}

BOOST_AUTO_TEST_CASE(gstarstar_beyond_64_traders_is_refused_by_the_parser) {
  Scratch s;
  std::string text = gstarstar(false);
  text.replace(text.find("count = 5"), 9, "count = 65");
  const std::string path = s.write("many.toml", text);
  const Result r = s.run("check mat.properties '" + path + "'");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, path + ":21:1:"));
  BOOST_TEST(contains(r.err, "at most 64 traders"));
}

BOOST_AUTO_TEST_SUITE_END()
