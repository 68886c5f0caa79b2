// Bad and hostile hw input: each claim's own preconditions (Claim::validate) reported by the
// command line at file:line:column with exit status 2 before any claim runs; the [hw] parser's
// size caps (reported at the offending array, with its size) and overflow-safe counts; size
// guards that count exactly before anything is allocated.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "hw/model/stage2_equilibrium.hpp"
#include "hw/claims/claims.hpp"

#include "support/cli_process.hpp"
#include "fixtures.hpp"

#include <sys/wait.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

using namespace mechcheck;

namespace {

const std::string suite_dir = "mechcheck-hw-input-test";

std::string write_case(const std::string& name, const std::string& body) {
  return testing::write_hw_case(suite_dir, name, body);
}

using mechcheck::testing::CliResult;
using mechcheck::testing::contains;
using mechcheck::testing::read_text;
using mechcheck::testing::shell_quoted;

// `mechcheck check CLAIM FILE`, as a separate process.
CliResult run_check(const std::string& claim, const std::string& file) {
  const auto dir = std::filesystem::temp_directory_path() / suite_dir;
  std::filesystem::create_directories(dir);
  return mechcheck::testing::run_mechcheck("check " + claim + " " + shell_quoted(file), dir);
}

// Exit 2, nothing run, one error line at FILE:LINE:COLUMN with the rule.
void expect_precondition(const std::string& claim, const std::string& file, const std::string& position,
                         const std::string& rule_part) {
  const CliResult r = run_check(claim, file);
  BOOST_TEST_INFO(claim << " on " << file << ": " << r.err << r.out);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(contains(r.err, file + ":" + position + ": "));
  BOOST_TEST(contains(r.err, rule_part));
}

const std::string endowment = "[hw]\nqbar = \"2\"\nrbar = \"3\"\nepsilon = [\"1/10\", \"1/10\"]\n";  // lines 5-8
const std::string economy2 =  // two types, two states, Cobb-Douglas (lines 9-18)
    "types = [\"lo\", \"hi\"]\n"
    "states = [\"bad\", \"good\"]\n"
    "prior = [\"1/2\", \"1/2\"]\n"
    "mu = [[\"2/3\", \"1/3\"], [\"1/3\", \"2/3\"]]\n"
    "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"2\"\n"
    "\n";

const Claim& claim(const std::string& id) {
  const Claim* c = builtin_papers().find(id);
  BOOST_REQUIRE(c);
  return *c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_input)

// ---- Claim::validate: preconditions at file:line:column, exit 2 ---------------------------

BOOST_AUTO_TEST_CASE(claims_reading_the_economy_need_it) {
  // Only the endowment: the error points at the [hw] table (line 5).
  const std::string f = write_case("no-economy", endowment);
  for (const char* id : {"hw.a1", "hw.eq17", "hw.lemma2", "hw.necessity", "hw.prop1", "hw.prop2", "hw.theorem1",
                         "hw.slides_lemma"})
    expect_precondition(id, f, "5:1", std::string(id) + " needs the economy in [hw]");
}

BOOST_AUTO_TEST_CASE(lemma1_needs_stage2) {
  const std::string f = write_case("no-stage2", endowment + economy2);
  expect_precondition("hw.lemma1", f, "5:1", "hw.lemma1 needs a [hw.stage2] table");
}

BOOST_AUTO_TEST_CASE(theorem1_and_prop2_need_eta) {
  const std::string f = write_case("no-eta", endowment + economy2);
  expect_precondition("hw.theorem1", f, "5:1", "hw.theorem1 needs eta");
  expect_precondition("hw.prop2", f, "5:1", "hw.prop2 needs eta");
}

BOOST_AUTO_TEST_CASE(theorem1_needs_two_types) {
  const std::string f = write_case("one-type", endowment +
                                                   "types = [\"only\"]\nstates = [\"bad\"]\nprior = [\"1\"]\n"
                                                   "mu = [[\"1\"]]\neta = \"1/4\"\n"
                                                   "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"2\"\n");
  expect_precondition("hw.theorem1", f, "9:9", "hw.theorem1 needs at least two types");
}

BOOST_AUTO_TEST_CASE(slides_lemma_needs_log_weight_and_eta) {
  const std::string no_weights = write_case("slides-no-weights", endowment + "eta = \"1/4\"\n" + economy2);
  expect_precondition("hw.slides_lemma", no_weights, "5:1", "hw.slides_lemma needs [hw.slides] log_weight");
  // log_weight present, eta missing: the error points at [hw].
  const std::string no_eta =
      write_case("slides-no-eta", endowment + economy2 + "[hw.slides]\nlog_weight = [[\"1\", \"2\"], [\"2\", \"3\"]]\n");
  expect_precondition("hw.slides_lemma", no_eta, "5:1", "hw.slides_lemma needs eta");
}

BOOST_AUTO_TEST_CASE(a_precondition_stops_the_suite_before_any_claim_runs) {
  // Two expectations: a good one first and a broken one: exit 2 and no verdict table.
  const std::string f = write_case("two-jobs", endowment + economy2 +
                                                   "[[expect]]\nclaim = \"hw.a1\"\nverdict = \"holds\"\n"
                                                   "[[expect]]\nclaim = \"hw.theorem1\"\nverdict = \"holds\"\n");
  const std::string dir = std::filesystem::path(f).parent_path().string() + "/suite-two-jobs";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(f, dir + "/two-jobs.toml", std::filesystem::copy_options::overwrite_existing);
  const std::string command = std::string("'") + MECHCHECK_CLI + "' suite '" + dir + "' >'" + dir + "/out' 2>'" + dir +
                              "/err' </dev/null";
  const int raw = std::system(command.c_str());
  BOOST_TEST((WIFEXITED(raw) && WEXITSTATUS(raw) == 2));
  BOOST_TEST(read_text(dir + "/out").empty());
  BOOST_TEST(contains(read_text(dir + "/err"), "hw.theorem1 needs eta"));
}

// ---- hostile sizes: caps at load, overflow-safe counts ----------------------------------

BOOST_AUTO_TEST_CASE(a_count_of_10_to_12_agents_is_refused_at_its_position) {
  // Before: accepted, and hw.prop1 spent minutes on mu^(10^12) with no output.
  const std::string f = write_case("sigma-huge", endowment + economy2 +
                                                     "[hw.equilibrium]\nsigma = [[1000000000000, 0]]\n");
  const std::string error = testing::load_error(f);
  BOOST_TEST(error.rfind("19:11: ", 0) == 0, error);
  BOOST_TEST(contains(error, "1000000000000"), error);
  BOOST_TEST(contains(error, "[0, 1000000]"), error);
}

BOOST_AUTO_TEST_CASE(counts_that_overflow_a_long_long_are_refused) {
  // 2^62 + 2^62 overflows; each count is already above the cap, and so is any sum of two
  // counts under the cap that exceeds it: reported at the count that crosses it.
  const std::string f = write_case("sigma-overflow", endowment + economy2 +
                                                         "[hw.equilibrium]\nsigma = [[4611686018427387904, 4611686018427387904]]\n");
  const std::string e1 = testing::load_error(f);
  BOOST_TEST(e1.rfind("19:11: ", 0) == 0, e1);
  BOOST_TEST(contains(e1, "4611686018427387904"), e1);
  const std::string g = write_case("sigma-sum", endowment + economy2 + "[hw.equilibrium]\nsigma = [[600000, 600000]]\n");
  const std::string e2 = testing::load_error(g);
  BOOST_TEST(e2.rfind("19:19: ", 0) == 0, e2);
  BOOST_TEST(contains(e2, "more than 1000000 active agents"), e2);
}

BOOST_AUTO_TEST_CASE(a_listed_configuration_of_a_million_agents_is_checked_quickly) {
  // phi^sigma raises mu_z(x) to sigma(x): by repeated squaring, not a million products.
  const std::string f = write_case("sigma-million", endowment + economy2 + "[hw.equilibrium]\nsigma = [[1000000, 0]]\n");
  const auto start = std::chrono::steady_clock::now();
  const Outcome out = run_claim(claim("hw.prop1"), builtin_papers().load_case(f), CheckContext{});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(to_string(out.verdict) == "holds", out.summary);
  BOOST_TEST(seconds < 20.0);
}

BOOST_AUTO_TEST_CASE(too_many_types_are_refused_before_their_names_are_read) {
  // 20,000 types, one per line: refused at the array with its size (names were compared
  // pairwise before: quadratic).
  std::string types = "types = [\n";
  for (int i = 0; i < 20000; ++i) types += "\"t" + std::to_string(i) + "\",\n";
  types += "]\n";
  const std::string f = write_case("many-types", endowment + types);
  const std::string error = testing::load_error(f);
  BOOST_TEST(error.rfind("9:9: ", 0) == 0, error);
  BOOST_TEST(contains(error, "types has 20000 entries, more than the limit of 1000"), error);
}

BOOST_AUTO_TEST_CASE(the_largest_economy_allowed_loads_in_linear_time) {
  // 1000 types (the cap), each a utility selector entry's name too: duplicates and selectors are
  // looked up by hash, so this loads at once.
  std::string names, mu;
  for (int i = 0; i < 1000; ++i) {
    names += std::string(i ? ",\n" : "") + "\"t" + std::to_string(i) + "\"";
    mu += std::string(i ? ", " : "") + "\"1/1000\"";
  }
  const std::string f = write_case("thousand-types", endowment + "types = [" + names + "]\nstates = [\"s\"]\n"
                                   "prior = [\"1\"]\nmu = [[\n" + mu + "\n]]\n[[hw.utility]]\nfamily = \"cobb_douglas\"\n"
                                   "a = \"1\"\nb = \"1\"\ntypes = [" + names + "]\n");
  const auto start = std::chrono::steady_clock::now();
  const Case c = builtin_papers().load_case(f);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(testing::economy_of(c).info->type_count() == 1000u);
  BOOST_TEST(seconds < 5.0);
}

BOOST_AUTO_TEST_CASE(configuration_count_is_exact_and_saturates) {
  BOOST_TEST(hw::configuration_count(1, 7) == 1u);
  BOOST_TEST(hw::configuration_count(2, 3) == 4u);       // (0,3) (1,2) (2,1) (3,0)
  BOOST_TEST(hw::configuration_count(3, 3) == 10u);      // C(5, 2)
  BOOST_TEST(hw::configuration_count(3, 1000000) == 500001500001ULL);  // C(10^6 + 2, 2)
  BOOST_TEST(hw::configuration_count(3, 4) == hw::all_configurations(3, 4).size());
  BOOST_TEST(hw::configuration_count(30, 75000) == std::numeric_limits<unsigned long long>::max());
  BOOST_TEST(hw::saturating_product(1ULL << 62, 100) == std::numeric_limits<unsigned long long>::max());
  BOOST_TEST(hw::saturating_sum(std::numeric_limits<unsigned long long>::max(), 1) ==
             std::numeric_limits<unsigned long long>::max());
}

BOOST_AUTO_TEST_CASE(prop1_with_a_million_agents_is_refused_before_allocating) {
  // N = 10^6, eta = 1/4: M = 750000, 3 types: C(750002, 2) = 281251125001 configurations. They
  // used to be built before the size guard (bad_alloc); now they are counted first.
  const std::string f = write_case("prop1-million", endowment +
                                   "types = [\"a\", \"b\", \"c\"]\nstates = [\"s\"]\nprior = [\"1\"]\n"
                                   "mu = [[\"1/3\", \"1/3\", \"1/3\"]]\neta = \"1/4\"\nN = 1000000\n"
                                   "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"2\"\n");
  const auto start = std::chrono::steady_clock::now();
  const Outcome out = run_claim(claim("hw.prop1"), builtin_papers().load_case(f), CheckContext{});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(contains(out.summary, "281251125001000 points, above the limit"), out.summary);
  BOOST_TEST(seconds < 10.0);
}

BOOST_AUTO_TEST_CASE(theorem1_size_guard_does_not_wrap_around) {
  // 30 types: C(M + 29, 29) exceeds 2^64 for large M; the guard used to cap it at 2^62 and
  // multiply by 100, which wraps to 0 modulo 2^64, so the run started. Now it saturates.
  std::string types, bad, good;
  for (int i = 1; i <= 30; ++i) {
    types += std::string(i > 1 ? ", " : "") + "\"t" + std::to_string(i) + "\"";
    bad += std::string(i > 1 ? ", " : "") + "\"" + std::to_string(i) + "/465\"";
    good += std::string(i > 1 ? ", " : "") + "\"" + std::to_string(31 - i) + "/465\"";
  }
  const std::string f = write_case("theorem1-thirty-types",
                                   endowment + "types = [" + types + "]\nstates = [\"bad\", \"good\"]\n"
                                   "prior = [\"1/2\", \"1/2\"]\nmu = [[" + bad + "], [" + good + "]]\neta = \"1/4\"\n"
                                   "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"2\"\nstates = [\"bad\"]\n"
                                   "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"2\"\nb = \"1\"\nstates = [\"good\"]\n"
                                   "[hw.theorem1]\nN_range = [1, 100000]\n");
  const Outcome out = run_claim(claim("hw.theorem1"), builtin_papers().load_case(f), CheckContext{});
  BOOST_TEST(to_string(out.verdict) == "error", out.summary);
  BOOST_TEST(contains(out.summary, std::to_string(std::numeric_limits<unsigned long long>::max()) + " points"),
             out.summary);
}

BOOST_AUTO_TEST_SUITE_END()
