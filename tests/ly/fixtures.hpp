#pragma once
// Shared by the ly test suites (one per claim id, model_test and all_claims_test): the committed
// cases' directory, running a claim on a case file or a loaded case, a case's economy, a case
// written on the fly, a judging step's own Check, and the re-check of an altered outcome, which
// must fail. Header-only; names in mechcheck::ly_tests.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "support/cli_process.hpp"
#include "ly/model/economy.hpp"
#include "ly/claims/claims.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mechcheck::ly_tests {

inline const std::string source_dir = MECHCHECK_SOURCE_DIR;
inline const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/ly/";

inline const Claim& claim(const std::string& id) {
  const Claim* c = builtin_papers().find(id);
  BOOST_REQUIRE(c != nullptr);
  return *c;
}

// `id` on a loaded case, or on cases/ly/FILE (as the command line runs it: run_claim), with
// `dropped` hypotheses.
inline Outcome run(const std::string& id, const Case& c, std::set<std::string> dropped = {}) {
  return testing::run_on_case(claim(id), c, std::move(dropped));
}
inline Outcome run(const std::string& id, const std::string& case_file, std::set<std::string> dropped = {}) {
  return testing::run_on_file(id, cases_dir + case_file, std::move(dropped));
}
inline ly::Economy economy_of(const std::string& case_file) {
  return testing::model_of<ly::Economy>(cases_dir + case_file);
}
using testing::value_of;

// A Check of its own for a judging step called directly, as a claim calls it (nothing dropped).
struct Judging {
  CheckContext context;
  Check check{context};
  // What the step reported as witness, read back through a verdict builder.
  std::vector<Value> witness() const { return check.inconclusive("").witness; }
};

inline bool overlaps(const Interval& x, const Interval& y) {
  return !(upper_bound(x) < lower_bound(y) || upper_bound(y) < lower_bound(x));
}

// ---- cases written on the fly ----------------------------------------------------------------

// A scratch directory for case files and the command line's output.
struct Scratch : mechcheck::testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-ly-test") {}
};

// A case with the slides' numbers and no mechanism; the [ly] table is on line 5.
inline const char* no_mechanism =
    "[case]\n"
    "name = \"no-mechanism\"\n"
    "model = \"ly\"\n"
    "\n"
    "[ly]\n"
    "prior = [\"1/2\", \"1/2\"]\n"
    "buyer_value = [\"1\", \"3\"]\n"
    "seller_value = [\"0\", \"1\"]\n"
    "cost_scale = \"1\"\n"
    "alpha_lo = [[\"3/8\", \"0\"], [\"0\", \"1/8\"]]\n"
    "alpha_hi = [[\"1/8\", \"0\"], [\"0\", \"3/8\"]]\n";

inline Case in_memory(const std::string& name, const std::string& ly_table) {
  Scratch s;
  return builtin_papers().load_case(
      s.write(name + ".toml", "[case]\nname = \"" + name + "\"\nmodel = \"ly\"\n\n[ly]\n" + ly_table));
}

// ---- re-checks of altered outcomes -----------------------------------------------------------

// A claim's outcome with the case it ran on (what its re-check reads).
struct Run {
  Case c;
  Outcome out;
};

inline Run run_with_case(const std::string& id, const std::string& file, std::set<std::string> dropped = {}) {
  Run r{builtin_papers().load_case(cases_dir + file), {}};
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  r.out = run_claim(claim(id), r.c, context);
  return r;
}

inline Value* find(std::vector<Value>& list, const std::string& name) {
  for (auto& v : list)
    if (v.name == name) return &v;
  BOOST_FAIL("no value " << name);
  return nullptr;
}

// The re-check of `out` as altered by `alter`: must exist and fail.
inline void altered_fails(const std::string& id, const Run& r, const std::function<void(Outcome&)>& alter,
                          const std::string& expect) {
  const auto good = claim(id).recheck(r.c, r.out);
  BOOST_REQUIRE(good);
  BOOST_TEST(good->passed, good->detail);
  Outcome bad = r.out;
  alter(bad);
  const auto again = claim(id).recheck(r.c, bad);
  BOOST_REQUIRE(again);
  BOOST_TEST(!again->passed, "an altered witness passed: " << again->detail);
  BOOST_TEST(again->detail.find(expect) != std::string::npos, again->detail);
}

}  // namespace mechcheck::ly_tests
