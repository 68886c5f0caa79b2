#pragma once
// What a claim checker returns: a verdict, the arithmetic that decided it, an exactly stated
// witness, named values and statistics. Knows nothing of any paper or model.
#include "mechcheck/number/arithmetic.hpp"
#include "mechcheck/number/rational.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mechcheck {

class Algebraic;

enum class Verdict { holds, refuted, hypotheses_unmet, inconclusive, error };

const char* to_string(Verdict v);
std::optional<Verdict> parse_verdict(std::string_view text);

// A named value as reported: `text` is "p/q" for a rational; for an irrational algebraic
// number it is at least 30 correct significant digits and `polynomial` is its minimal
// polynomial (in x) with `interval` an isolating interval, so it can be re-checked.
struct Value {
  std::string name;
  std::string text;
  std::string polynomial;  // empty unless irrational algebraic
  std::string interval;    // "[lo, hi]" isolating (algebraic) or enclosing (certified)
  std::string kind;        // "rational", "algebraic", "interval", "float", "integer", "text", ...
};

Value make_value(std::string name, const Rational& q);
Value make_value(std::string name, const Algebraic& a);
Value make_value(std::string name, long long n);
Value make_text(std::string name, std::string text);

// What became of the outcome's independent re-check (Claim::recheck).
struct RecheckNote {
  enum class Status {
    not_applicable,  // nothing to re-check: no witness or certificate (holds without one, hypotheses_unmet, ...)
    passed,          // separate code re-evaluated the witness or certificate and confirms it
    undecided,       // the re-check could not decide (its own sign was undecidable); the verdict stands, unconfirmed
    unavailable,     // the claim has no re-checker for this outcome
  };
  Status status = Status::not_applicable;
  std::string method;  // what was recomputed
  std::string detail;
};
const char* to_string(RecheckNote::Status s);

struct Outcome {
  Verdict verdict = Verdict::error;
  Arithmetic arithmetic = Arithmetic::exact;
  std::string summary;               // one line: why this verdict
  std::vector<Value> witness;        // re-checkable point/profile/strategy
  std::vector<Value> values;         // named values (paper's names)
  std::vector<Value> stats;          // what was enumerated, how much
  std::vector<std::string> unmet;    // hypotheses that failed (hypotheses_unmet)
  std::vector<std::string> dropped;  // hypotheses the caller dropped
  RecheckNote recheck;               // set by run_claim
  // The check stopped on bad input (an InputError raised inside it, which Claim::validate
  // should have caught before the run): the command line exits with status 2 for it.
  bool bad_input = false;

  Outcome& value(Value v) {
    values.push_back(std::move(v));
    return *this;
  }
  Outcome& stat(std::string name, long long n) {
    stats.push_back(make_value(std::move(name), n));
    return *this;
  }
  Outcome& stat(std::string name, std::string text) {
    stats.push_back(make_text(std::move(name), std::move(text)));
    return *this;
  }
};

}  // namespace mechcheck
