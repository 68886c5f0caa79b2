#pragma once
// Shared by the mat test suites (tests/mat/CLAIM_test.cpp, one per claim id, and the model's):
// the committed cases' directory, running a claim on a case and reading what it reported, the
// helpers that alter a witness and re-check it, the G** properties check alone, and the
// command-line scaffolding of the validation tests (a scratch directory, the case texts).
// Header-only; everything is in mechcheck::testing::mat_tests.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/check.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mat/claims/gstarstar.hpp"
#include "mat/model/economy.hpp"
#include "mat/recheck/recheck.hpp"

#include "support/checks.hpp"
#include "support/cli_process.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mechcheck::testing::mat_tests {

using mechcheck::testing::contains;
using mechcheck::testing::read_text;

inline const std::string source_dir = std::string(MECHCHECK_SOURCE_DIR) + "/";
inline const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/";

// ---- Running a claim and reading its outcome ------------------------------------------------

// `claim` on the case as the command line runs it (run_claim), with `dropped` hypotheses.
inline Outcome run(const std::string& claim, const Case& c, std::set<std::string> dropped = {}) {
  return testing::run_on_case(claim, c, std::move(dropped));
}

// The reported value (or statistic, or witness entry) called `name` in `values`, or nullptr.
inline const Value* find(const std::vector<Value>& values, const std::string& name) {
  return testing::find_value(values, name);
}

// The G** properties check alone on an economy, as mat.properties calls it.
inline Outcome gstarstar_properties(const mat::Economy& e) {
  const CheckContext context;
  Check check(context);
  return proofs::check_gstarstar_properties(e, check);
}

// Every demand function of the economy's grid, in index order, as bundle indices.
inline std::vector<std::vector<int>> all_demand_functions(const mat::Economy& e) {
  std::vector<std::vector<int>> D;
  for (std::uint64_t s = 0; s < mat::demand_function_count(e.grid); ++s) D.push_back(mat::demand_function(e.grid, s));
  return D;
}

// ---- Altering a witness and re-checking it --------------------------------------------------

// The claim's own re-check of `out` (a witness possibly altered after the run).
inline std::optional<Recheck> recheck(const std::string& claim, const Case& c, const Outcome& out) {
  return builtin_papers().find(claim)->recheck(c, out);
}

// A refutation whose own re-check passed: the starting point of every alteration.
inline Outcome refuted_and_rechecked(const std::string& claim, const Case& c, std::set<std::string> dropped = {}) {
  Outcome out = run(claim, c, std::move(dropped));
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_CHECK(out.recheck.status == RecheckNote::Status::passed);
  return out;
}

// The first reported message's amount replaced by 0, which the simulation does not give.
inline Outcome with_first_amount_zero(Outcome out) {
  for (auto& v : out.witness)
    if (v.name.rfind("message ", 0) == 0) {
      v.text = v.text.substr(0, v.text.find("amount")) + "amount (0)";
      break;
    }
  return out;
}

// The entry called `name` (to alter it); fails the test when there is none.
inline Value& entry(std::vector<Value>& values, const std::string& name) {
  for (auto& v : values)
    if (v.name == name) return v;
  BOOST_FAIL("no entry " << name);
  return values.front();
}

// ---- The command line: cases that lack what a claim needs ------------------------------------

using Result = mechcheck::testing::CliResult;

// A scratch directory per test, removed afterwards; `run` executes mechcheck with its output
// captured there.
struct Scratch : mechcheck::testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-mat-validate") {}
};

// Lines 1-4: the header; [mat] at line 5, column 1.
inline const std::string header = "[case]\nname = \"v\"\nmodel = \"mat\"\n\n";
inline const std::string four_traders =
    "[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/10\"\n\n"
    "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 4\n";
// G** with six traders; trader type 2 (line 18) has another endowment when `other` is set.
inline std::string gstarstar(bool other) {
  return header +
         "[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 3\nepsilon = \"1/10\"\n\n"  // lines 5-11
         "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"0\", \"0\"]\ncount = 5\n\n"   // lines 12-16
         "[[mat.trader]]\nendowment = [" +
         std::string(other ? "0" : "1") +
         "]\nvalues = [\"0\", \"0\", \"0\"]\n\n"  // 17-20
         "[mat.interdependent]\nsignals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\n"
         "likelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
         "values = [[[\"0\", \"1/2\", \"3/4\"], [\"0\", \"1/2\", \"3/4\"]], [[\"0\", \"2\", \"3\"], [\"0\", \"2\", "
         "\"3\"]]]\n";
}

}  // namespace mechcheck::testing::mat_tests
