#pragma once
#include "mechcheck/claims/outcome.hpp"
#include "mechcheck/claims/team.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace mechcheck {

struct Case;

// How a named hypothesis is shown to matter to its claim (`mechcheck list --hypotheses`).
enum class Necessity {
  counterexample,  // a committed case drops it and the conclusion is refuted: `evidence` is that case file
  vacuous,         // it cannot fail on this model (e.g. the case format already guarantees it): `evidence` says why
  scope,           // it delimits the claim's scope only (without it the conclusion is undefined or outside what
                   // the paper states, not false): `evidence` says why
  open,            // no counterexample found and none proved impossible: `evidence` says what was searched
};
const char* to_string(Necessity n);

struct Hypothesis {
  std::string name;       // used by `--drop NAME`
  std::string statement;  // in words
  Necessity necessity = Necessity::open;
  std::string evidence;  // the counterexample case file (repository-relative), or the reason
};

struct ClaimInfo {
  std::string id;         // "llm.prop1"; its paper (Paper::short_citation) is found from the prefix
  std::string reference;  // "Proposition 1 and its proof (A.1)"
  std::string statement;
  std::vector<Hypothesis> hypotheses;
  std::string method;     // how an instance is checked
  std::string model;      // the case model it reads ("llm", "hw", ...)
  Arithmetic arithmetic;  // the highest arithmetic it reaches
};

// Thrown by CheckContext::report once the check's deadline has passed; `covered` is the fraction
// of its work the check had reported done.
class TimedOut : public std::runtime_error {
 public:
  explicit TimedOut(double covered) : std::runtime_error("the time limit passed"), covered(covered) {}
  double covered;
};

struct CheckContext {
  std::set<std::string> dropped_hypotheses;
  // Size guard: an enumeration larger than this many points refuses to start and says so
  // (`--limit N` on the command line raises it).
  unsigned long long enumeration_limit = 5'000'000;
  // Called with the fraction done, from the checking thread; may be empty.
  std::function<void(double)> progress;
  // Called with a line to show before a long computation starts (what it will enumerate);
  // shown on a terminal only, may be empty.
  std::function<void(const std::string&)> announce;
  // The processes running this check together (an MPI run of one check); a checker may split a
  // large enumeration among them (shared_among, claims/team.hpp). One process otherwise.
  Team team;
  // `--timeout`: a check still running then stops at its next progress report (TimedOut), and is
  // reported `inconclusive` with how far it got. No deadline by default.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  bool dropped(const std::string& name) const { return dropped_hypotheses.count(name) > 0; }
  void report(double fraction) const {
    if (progress) progress(fraction);
    if (deadline && std::chrono::steady_clock::now() > *deadline) throw TimedOut(fraction);
  }
  void say(const std::string& line) const {
    if (announce) announce(line);
  }
};

// The result of re-checking a reported witness or certificate.
struct Recheck {
  bool passed = false;
  std::string method;  // what the separate code recomputed, from which definition
  std::string detail;  // the recomputed quantity, or why the witness fails
};

class Claim {
 public:
  virtual ~Claim() = default;
  virtual const ClaimInfo& info() const = 0;
  // The claim's own preconditions on a case (the data it needs, the premise of a figure),
  // checked before any claim runs: throws InputError naming the case file, line and column
  // (Case::fail). Model-wide rules belong to the model's parser instead.
  virtual void validate(const Case& c) const { (void)c; }
  // Checks the claim on one case. May throw Undecidable (-> inconclusive) or any
  // std::exception (-> error); `run_claim` turns those into outcomes.
  virtual Outcome check(const Case& c, const CheckContext& context) const = 0;
  // Re-checks a `refuted` witness or a certificate of the outcome from what the outcome
  // reports (its witness and values as printed), with code that shares nothing with check():
  // the witness is re-evaluated from the model's definition by a separate, small computation.
  // nullopt when there is nothing this claim can re-check in the outcome.
  virtual std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const {
    (void)c;
    (void)outcome;
    return std::nullopt;
  }
};

// Thrown by a checker whose enumeration would exceed CheckContext::enumeration_limit; the
// message says how large it is and how to proceed. Reported as an `error` verdict.
class TooLarge : public std::runtime_error {
 public:
  explicit TooLarge(const std::string& what) : std::runtime_error(what) {}
};
void guard_enumeration_size(const CheckContext& context, unsigned long long points, const std::string& what);

}  // namespace mechcheck
