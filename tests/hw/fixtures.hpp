#pragma once
// Shared by the hw test suites: the committed cases' directory, finding and running a claim on
// one of them (with a case's expectation and its drops), re-checking an altered outcome, writing
// a temporary hw case, the position and rule of a case's load error, `mechcheck check` run as a
// separate process for the claims' preconditions, and the small economies and market that
// several suites share. Header-only.
#include "papers.hpp"
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/claim.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/run/runner.hpp"
#include "hw/model/economy.hpp"
#include "hw/model/market_game.hpp"

#include "support/checks.hpp"
#include "support/cli_process.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace mechcheck::testing {

inline const std::string hw_cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/hw/";

inline const hw::Economy& economy_of(const Case& c) { return c.model_data<hw::Economy>(); }

// Runs `claim` on cases/hw/FILE with the given hypotheses dropped.
inline Outcome run_hw_case(const Claim& claim, const std::string& file, std::set<std::string> dropped = {}) {
  return run_on_case(claim, builtin_papers().load_case(hw_cases_dir + file), std::move(dropped));
}

// Short name of run_hw_case in the claims' suites.
inline Outcome run(const Claim& claim, const std::string& file, std::set<std::string> dropped = {}) {
  return run_hw_case(claim, file, std::move(dropped));
}

// The built-in claim `id` (the test fails when there is none).
inline const Claim& claim(const std::string& id) {
  const Claim* c = builtin_papers().find(id);
  BOOST_REQUIRE(c);
  return *c;
}

// The value called `name` in `values` (an outcome's values, witness or stats), or nullptr.
inline const Value* find(const std::vector<Value>& values, const std::string& name) {
  return testing::find_value(values, name);
}

// The witness entry called `name` (the test fails when there is none).
inline Value& witness(Outcome& out, const std::string& name) {
  for (auto& v : out.witness)
    if (v.name == name) return v;
  BOOST_FAIL("no witness " + name);
  throw;
}

// Runs the case's expectation for `id` (with its drops) and returns the outcome.
inline Outcome run_expectation(const std::string& file, const std::string& id) {
  const Case c = builtin_papers().load_case(hw_cases_dir + file);
  for (const auto& x : c.expectations)
    if (x.claim == id) {
      CheckContext context;
      context.dropped_hypotheses.insert(x.dropped.begin(), x.dropped.end());
      return run_claim(claim(id), c, context);
    }
  BOOST_FAIL("no expectation for " + id + " in " + file);
  throw;
}

// Seeded bug in a reported refutation: runs the refuted expectation for `id` on cases/hw/FILE
// (its re-check must pass), alters the outcome, re-checks it: true when the re-check fails.
inline bool fails_recheck(const std::string& file, const std::string& id, const std::function<void(Outcome&)>& alter) {
  const Case c = builtin_papers().load_case(hw_cases_dir + file);
  Outcome out = run_expectation(file, id);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(to_string(out.recheck.status) == "passed", out.recheck.detail);
  alter(out);
  auto r = claim(id).recheck(c, out);
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST_MESSAGE(id << " altered: " << r->detail);
  return !r->passed;
}

// Writes a temporary case of model hw (the [case] header is 4 lines, then `body`) under a
// directory per test suite, and returns its path.
inline std::string write_hw_case(const std::string& suite, const std::string& name, const std::string& body) {
  auto dir = std::filesystem::temp_directory_path() / suite;
  std::filesystem::create_directories(dir);
  auto path = dir / (name + ".toml");
  std::ofstream(path) << "[case]\nname = \"" << name << "\"\nmodel = \"hw\"\n\n" << body;
  return path.string();
}

// "line:column: rule" of the InputError that loading the case throws ("" when none).
inline std::string load_error(const std::string& path) {
  try {
    builtin_papers().load_case(path);
  } catch (const InputError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.rule();
  }
  return "";
}

// `mechcheck check CLAIM FILE`, as a separate process (its output captured beside FILE).
inline CliResult run_check(const std::string& claim, const std::string& file) {
  return run_mechcheck("check " + claim + " " + shell_quoted(file), std::filesystem::path(file).parent_path());
}

// A claim's precondition (Claim::validate) on the command line: exit 2, nothing run, one error
// line at FILE:LINE:COLUMN with the rule.
inline void expect_precondition(const std::string& claim, const std::string& file, const std::string& position,
                                const std::string& rule_part) {
  const CliResult r = run_check(claim, file);
  BOOST_TEST_INFO(claim << " on " << file << ": " << r.err << r.out);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(contains(r.err, file + ":" + position + ": "));
  BOOST_TEST(contains(r.err, rule_part));
}

// Pieces of a case body (after the 4-line [case] header): the endowment, lines 5-8 ...
inline const std::string endowment = "[hw]\nqbar = \"2\"\nrbar = \"3\"\nepsilon = [\"1/10\", \"1/10\"]\n";
// ... and an economy of two types and two states, Cobb-Douglas, lines 9-18.
inline const std::string economy2 =
    "types = [\"lo\", \"hi\"]\n"
    "states = [\"bad\", \"good\"]\n"
    "prior = [\"1/2\", \"1/2\"]\n"
    "mu = [[\"2/3\", \"1/3\"], [\"1/3\", \"2/3\"]]\n"
    "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"2\"\n"
    "\n";

// One type, one state, u = ln q + ln r, qbar = 7, rbar = 1, eps = (1, 1), M = 1: g'(t) = 0 is
// (1 + t)(1 + 2t) = 7 - t, i.e. 2(t + 3)(t - 1) = 0: the equilibrium offer is t = 1 (sell q), by hand.
inline const char* const one_agent = R"([hw]
qbar = "7"
rbar = "1"
epsilon = ["1", "1"]
types = ["only"]
states = ["z"]
prior = ["1"]
mu = [["1"]]
eta = "1/2"
N = 2

[[hw.utility]]
family = "cobb_douglas"
a = "1"
b = "1"
)";

// The stage-2 market of Lemma 1's instances A-E (proofs/hw/docs/lemma1.md §4): qbar = 2, rbar = 3,
// (Q_-, R_-) = (2, 3/2).
namespace hw_market {
inline const Rational qbar = 2, rbar = 3;
inline const hw::Totals<Rational> others{2, Rational(3, 2)};

inline bool equal(const hw::Bundle<Rational>& x, const Rational& q, const Rational& r) { return x.q == q && x.r == r; }
inline bool equal(const hw::Offer<Rational>& x, const Rational& q, const Rational& r) { return x.q == q && x.r == r; }
}  // namespace hw_market

}  // namespace mechcheck::testing
