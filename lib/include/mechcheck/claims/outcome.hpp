#pragma once
// What a claim checker returns: a verdict, the arithmetic that decided it, an exactly stated
// witness, named values and statistics. Knows nothing of any paper or model.
#include "mechcheck/number/arithmetic.hpp"
#include "mechcheck/number/rational.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mechcheck {

class Algebraic;

enum class Verdict { holds, refuted, hypotheses_unmet, inconclusive, error };

const char* to_string(Verdict v);
std::optional<Verdict> parse_verdict(std::string_view text);

// A named value as reported. `name` is its label in the paper's notation ("beta_q(a)^(3,1,0)");
// machine_key(name) is the key reports file it under. `kind` is its type:
//   rational   text "p/q" (exact);
//   algebraic  an irrational algebraic number: polynomial is its minimal polynomial (in x) and
//              interval "[p/q, p/q]" an isolating interval, so it can be rebuilt exactly; text is
//              its certified leading digits (certified_decimal);
//   interval   a certified enclosure: interval "[lo, hi]" (decimal ends, rounded outward); text
//              its certified leading digits, or the enclosure when none is certified;
//   decimal    a floating-point result of a numeric path: text as computed, not certified;
//   count      a whole number; text in decimal;
//   text       anything else (a profile, a set, a note).
struct Value {
  std::string name;
  std::string text;
  std::string polynomial;  // algebraic only
  std::string interval;    // algebraic (isolating) and interval (enclosing) only
  std::string kind;
};

// The machine-friendly key of a label: letters and digits kept; '*' read "star", '\'' "prime",
// "->" "to", "<=" "le", ">=" "ge", "!=" "ne", '<' "lt", '>' "gt", '=' "eq", as words; every other run
// of characters one '_'; never empty, never starting with a digit ("b*_q" -> "b_star_q",
// "beta_q(a)^(3,1,0)" -> "beta_q_a_3_1_0", "z'" -> "z_prime", "N=18" -> "N_eq_18").
std::string machine_key(std::string_view label);

// The value's number as a decimal whose `digits` significant digits are all certified
// (certified_decimal: truncated, "..." when more follow), rebuilt from its exact data; empty for
// counts and texts, and the text itself for a numeric decimal.
std::string decimal_text(const Value& v, int digits);

// The exact number of a rational, count or algebraic value (an algebraic one rebuilt from its
// polynomial and isolating interval); nullopt for other kinds or unreadable data.
std::optional<Algebraic> value_as_algebraic(const Value& v);
// The ends of an interval value's enclosure; nullopt for other kinds.
std::optional<std::pair<Rational, Rational>> value_enclosure(const Value& v);

Value make_value(std::string name, const Rational& q);
Value make_value(std::string name, const Algebraic& a);
Value make_value(std::string name, long long n);  // a count
Value make_text(std::string name, std::string text);
// A floating-point result of a numeric path (kind "decimal"), printed with `digits` significant digits.
Value make_decimal(std::string name, double x, int digits = 7);

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
