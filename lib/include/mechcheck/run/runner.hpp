#pragma once
// Runs claims on cases: one check (run_claim), and many, in parallel when asked, with progress on a
// terminal (run_checks).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/cases/expected_value.hpp"
#include "mechcheck/claims/claim.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck {

// Runs one check in the standard numeric state, turning Undecidable into `inconclusive` and
// other exceptions into `error`, then re-checks what it reports (Claim::recheck): a witness
// that fails its re-check turns the verdict into `error`; the outcome's `recheck` says what
// was re-checked, or that nothing was.
Outcome run_claim(const Claim& claim, const Case& c, const CheckContext& context);

struct CheckJob {
  const Claim* claim;
  const Case* c;
  std::optional<Verdict> expected;           // from the case's [[expect]], when any
  std::vector<std::string> dropped;          // the expectation's own dropped hypotheses (added to the run's)
  const Expectation* expectation = nullptr;  // the [[expect]] entry, for its asserted values; may be null
};

struct CheckRecord {
  std::string claim;
  std::string case_name;
  std::string case_path;
  Outcome outcome;
  std::optional<Verdict> expected;
  std::vector<ValueMismatch> mismatches;  // asserted values (the [[expect]]'s `values`) not as reported
  double seconds = 0;
  // A check without an expectation meets it unless it ended in `error`; asserted values must match.
  bool verdict_met() const { return expected ? outcome.verdict == *expected : outcome.verdict != Verdict::error; }
  bool met() const { return verdict_met() && mismatches.empty(); }
};

struct RunOptions {
  unsigned threads = 1;   // at most this many threads in all: checks in parallel and their own loops
  bool progress = false;  // show progress lines on stderr (only on a terminal)
  std::set<std::string> dropped_hypotheses;
  unsigned long long enumeration_limit = 5'000'000;
  double timeout_seconds = 0;  // per check; 0: none (CheckContext::deadline)
};

std::vector<CheckRecord> run_checks(const std::vector<CheckJob>& jobs, const RunOptions& options);

}  // namespace mechcheck
