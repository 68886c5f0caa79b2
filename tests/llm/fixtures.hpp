#pragma once
// Shared by the llm test suites: the committed cases' directory, a case file's economy, running a
// claim on a case file, a reported value found by name, a case built from an economy, exact
// rationals and holdings written briefly, the partnership's forward market, and the command line
// run on a scratch case (the claims' preconditions, Claim::validate). Header-only.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/model/spot_market.hpp"

#include "support/checks.hpp"
#include "support/cli_process.hpp"

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mechcheck::testing::llm_tests {

inline const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/";

// The economy of cases/llm/FILE (a copy).
inline llm::Economy economy_of(const std::string& case_file) { return model_of<llm::Economy>(cases_dir + case_file); }

// The outcome of `claim` on cases/llm/FILE with the given hypotheses dropped (run_on_file).
inline Outcome run(const std::string& claim, const std::string& case_file, std::set<std::string> dropped = {}) {
  return run_on_file(claim, cases_dir + case_file, std::move(dropped));
}

// The reported value called `name`, or nullptr (for its polynomial, not only its text).
inline const Value* find_value(const Outcome& out, const std::string& name) {
  return testing::find_value(out.values, name);
}

// A case of model llm made from an economy built in the test.
inline Case case_of(const llm::Economy& e, const std::string& name = "constructed") {
  Case c;
  c.name = name;
  c.model = "llm";
  c.data = std::make_shared<llm::Economy>(e);
  return c;
}

// The rational p/d as an Algebraic.
inline Algebraic q(long p, long d) { return Algebraic(Rational(p, d)); }

// Holdings r given as rationals.
inline std::vector<Algebraic> holdings(std::initializer_list<Rational> r) { return {r.begin(), r.end()}; }

// The partnership's forward market: n = 2, uniform on [0, 1], k = 1, e = (1, 0).
inline llm::ForwardMarket partnership() {
  return llm::forward_market(economy_of("forward-uniform-n2.toml"), {Rational(1), Rational(0)});
}

// ---- the command line on a scratch case (MECHCHECK_CLI) ----------------------------------

inline std::string quoted(const std::string& s) { return shell_quoted(s); }

using Run = CliResult;

// A scratch directory per test, removed afterwards; `run` executes mechcheck with its output
// captured there.
struct Scratch : ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-llm-preconditions") {}
};

// Exit 2, nothing run, and "FILE:LINE:COLUMN: " with the rule on stderr.
inline void expect_refused(const Run& r, const std::string& position, const std::string& rule) {
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty(), "nothing may run, but stdout is: " << r.out);
  BOOST_TEST(contains(r.err, position + ": "), "expected '" << position << "' in: " << r.err);
  BOOST_TEST(contains(r.err, rule), "expected '" << rule << "' in: " << r.err);
}

// The [case] table of a scratch case: lines 1-5, so its [llm] table starts on line 6.
inline const std::string header = "[case]\nname = \"precondition\"\nmodel = \"llm\"\nsource = \"test\"\n\n";

}  // namespace mechcheck::testing::llm_tests
