// Bad and hostile hw input shared by the claims: the preconditions (Claim::validate) that several
// claims share, reported by the command line at file:line:column with exit status 2 before any
// claim runs; the [hw] parser's size caps (reported at the offending array, with its size) and
// overflow-safe counts; the [hw.equilibrium] table's rules at their positions. A claim's own
// preconditions and size guards are in its file (lemma1_test, theorem1_test, prop1_test,
// slides_lemma_test).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "hw/model/stage2_equilibrium.hpp"
#include "hw/claims/claims.hpp"

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

using mechcheck::testing::contains;
using mechcheck::testing::read_text;
using testing::economy2;
using testing::endowment;
using testing::expect_precondition;
using testing::load_error;
using testing::one_agent;

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_input)

// ---- Claim::validate: preconditions at file:line:column, exit 2 ---------------------------

BOOST_AUTO_TEST_CASE(claims_reading_the_economy_need_it) {
  // Only the endowment: the error points at the [hw] table (line 5).
  const std::string f = write_case("no-economy", endowment);
  for (const char* id :
       {"hw.a1", "hw.eq17", "hw.lemma2", "hw.necessity", "hw.prop1", "hw.prop2", "hw.theorem1", "hw.slides_lemma"})
    expect_precondition(id, f, "5:1", std::string(id) + " needs the economy in [hw]");
}

BOOST_AUTO_TEST_CASE(theorem1_and_prop2_need_eta) {
  const std::string f = write_case("no-eta", endowment + economy2);
  expect_precondition("hw.theorem1", f, "5:1", "hw.theorem1 needs eta");
  expect_precondition("hw.prop2", f, "5:1", "hw.prop2 needs eta");
}

BOOST_AUTO_TEST_CASE(a_precondition_stops_the_suite_before_any_claim_runs) {
  // Two expectations: a good one first and a broken one: exit 2 and no verdict table.
  const std::string f = write_case("two-jobs", endowment + economy2 +
                                                   "[[expect]]\nclaim = \"hw.a1\"\nverdict = \"holds\"\n"
                                                   "[[expect]]\nclaim = \"hw.theorem1\"\nverdict = \"holds\"\n");
  const std::string dir = std::filesystem::path(f).parent_path().string() + "/suite-two-jobs";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(f, dir + "/two-jobs.toml", std::filesystem::copy_options::overwrite_existing);
  const std::string command =
      std::string("'") + MECHCHECK_CLI + "' suite '" + dir + "' >'" + dir + "/out' 2>'" + dir + "/err' </dev/null";
  const int raw = std::system(command.c_str());
  BOOST_TEST((WIFEXITED(raw) && WEXITSTATUS(raw) == 2));
  BOOST_TEST(read_text(dir + "/out").empty());
  BOOST_TEST(contains(read_text(dir + "/err"), "hw.theorem1 needs eta"));
}

// ---- hostile sizes: caps at load, overflow-safe counts ----------------------------------

BOOST_AUTO_TEST_CASE(a_count_of_10_to_12_agents_is_refused_at_its_position) {
  // Before: accepted, and hw.prop1 spent minutes on mu^(10^12) with no output.
  const std::string f =
      write_case("sigma-huge", endowment + economy2 + "[hw.equilibrium]\nsigma = [[1000000000000, 0]]\n");
  const std::string error = testing::load_error(f);
  BOOST_TEST(error.rfind("19:11: ", 0) == 0, error);
  BOOST_TEST(contains(error, "1000000000000"), error);
  BOOST_TEST(contains(error, "[0, 1000000]"), error);
}

BOOST_AUTO_TEST_CASE(counts_that_overflow_a_long_long_are_refused) {
  // 2^62 + 2^62 overflows; each count is already above the cap, and so is any sum of two
  // counts under the cap that exceeds it: reported at the count that crosses it.
  const std::string f =
      write_case("sigma-overflow",
                 endowment + economy2 + "[hw.equilibrium]\nsigma = [[4611686018427387904, 4611686018427387904]]\n");
  const std::string e1 = testing::load_error(f);
  BOOST_TEST(e1.rfind("19:11: ", 0) == 0, e1);
  BOOST_TEST(contains(e1, "4611686018427387904"), e1);
  const std::string g =
      write_case("sigma-sum", endowment + economy2 + "[hw.equilibrium]\nsigma = [[600000, 600000]]\n");
  const std::string e2 = testing::load_error(g);
  BOOST_TEST(e2.rfind("19:19: ", 0) == 0, e2);
  BOOST_TEST(contains(e2, "more than 1000000 active agents"), e2);
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
  const std::string f = write_case("thousand-types", endowment + "types = [" + names +
                                                         "]\nstates = [\"s\"]\n"
                                                         "prior = [\"1\"]\nmu = [[\n" +
                                                         mu +
                                                         "\n]]\n[[hw.utility]]\nfamily = \"cobb_douglas\"\n"
                                                         "a = \"1\"\nb = \"1\"\ntypes = [" +
                                                         names + "]\n");
  const auto start = std::chrono::steady_clock::now();
  const Case c = builtin_papers().load_case(f);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(testing::economy_of(c).info->type_count() == 1000u);
  BOOST_TEST(seconds < 5.0);
}

BOOST_AUTO_TEST_CASE(configuration_count_is_exact_and_saturates) {
  BOOST_TEST(hw::configuration_count(1, 7) == 1u);
  BOOST_TEST(hw::configuration_count(2, 3) == 4u);                     // (0,3) (1,2) (2,1) (3,0)
  BOOST_TEST(hw::configuration_count(3, 3) == 10u);                    // C(5, 2)
  BOOST_TEST(hw::configuration_count(3, 1000000) == 500001500001ULL);  // C(10^6 + 2, 2)
  BOOST_TEST(hw::configuration_count(3, 4) == hw::all_configurations(3, 4).size());
  BOOST_TEST(hw::configuration_count(30, 75000) == std::numeric_limits<unsigned long long>::max());
  BOOST_TEST(hw::saturating_product(1ULL << 62, 100) == std::numeric_limits<unsigned long long>::max());
  BOOST_TEST(hw::saturating_sum(std::numeric_limits<unsigned long long>::max(), 1) ==
             std::numeric_limits<unsigned long long>::max());
}

// ---- [hw.equilibrium] -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(bad_inputs_at_their_positions) {
  const std::string head = std::string(one_agent) + "\n[hw.equilibrium]\n";
  const std::string offers = load_error(write_case("bad-offers", head + "offers = \"both\"\n"));
  BOOST_CHECK(offers.find(": offers is \"one_sided\"") != std::string::npos);
  BOOST_CHECK(offers.find("not 'both'") != std::string::npos);
  BOOST_CHECK_EQUAL(offers.substr(0, offers.find(':')), "22");  // the line of `offers` (4 header lines + 15 + 2)
  BOOST_CHECK(load_error(write_case("bad-sigma", head + "sigma = [[2]]\n")).find("must sum to M") != std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-sizes", head + "sizes = [10, 5, 100]\n")).find("strictly increasing") !=
              std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-state", head + "state = \"w\"\n")).find("not one of the declared states") !=
              std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-digits", head + "digits = 10\n")).find("[30, 200]") != std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-key", head + "sigmas = [[1]]\n")) != "");
}

BOOST_AUTO_TEST_SUITE_END()
