#pragma once
// Shared by the model test suites: runs every expectation of every committed case under a
// directory and reports each verdict that differs. Header-only (one inline function).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>

namespace mechcheck::testing {

using ExpectationFilter = std::function<bool(const std::string& path, const Expectation&)>;

// Returns how many (case, claim) expectations were checked (those `select` accepts, or all);
// `also` sees every outcome.
inline std::size_t check_committed_cases(
    const std::string& directory,
    const std::function<void(const std::string&, const Expectation&, const Outcome&)>& also = {},
    const ExpectationFilter& select = {}) {
  std::size_t checked = 0;
  for (const auto& path : find_case_files({directory})) {
    const Case c = builtin_papers().load_case(path);
    for (const auto& expectation : c.expectations) {
      if (select && !select(path, expectation)) continue;
      const Claim* claim = builtin_papers().find(expectation.claim);
      BOOST_REQUIRE_MESSAGE(claim, path << ": unknown claim " << expectation.claim);
      CheckContext context;
      context.dropped_hypotheses.insert(expectation.dropped.begin(), expectation.dropped.end());
      const Outcome out = run_claim(*claim, c, context);
      BOOST_CHECK_MESSAGE(out.verdict == expectation.verdict, path << " " << expectation.claim << ": expected "
                                                                   << to_string(expectation.verdict) << ", got "
                                                                   << to_string(out.verdict) << ": " << out.summary);
      // Honest labels: a verdict is never labelled stronger than the weakest arithmetic its claim
      // declares, and every refutation's witness survived its separate re-check.
      const Arithmetic declared = claim->info().arithmetic;
      BOOST_CHECK_MESSAGE(weakest(out.arithmetic, declared) == declared,
                          path << " " << expectation.claim << ": labelled " << to_string(out.arithmetic)
                               << ", but the claim declares " << to_string(declared) << " as its weakest");
      if (out.verdict == Verdict::refuted)
        BOOST_CHECK_MESSAGE(out.recheck.status == RecheckNote::Status::passed,
                            path << " " << expectation.claim << ": the witness was not re-checked ("
                                 << to_string(out.recheck.status) << ": " << out.recheck.detail << ")");
      if (also) also(path, expectation, out);
      ++checked;
    }
  }
  return checked;
}

}  // namespace mechcheck::testing
