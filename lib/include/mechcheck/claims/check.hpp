#pragma once
// What a checker builds while it checks one instance: the hypotheses it verified, the values,
// witness and statistics it reports, and the arithmetic of every decision it made. A checker
// records through this one helper and ends with one of its verdicts; the verdict's arithmetic is
// then the weakest over the number kinds of its decisions (NumberKind<T>::arithmetic: a decision
// in Rational or Algebraic is exact, in Interval certified, in double or Mpfr numeric), never
// assigned by hand. Knows nothing of any paper or model.
#include "mechcheck/claims/claim.hpp"
#include "mechcheck/claims/outcome.hpp"
#include "mechcheck/number/kind.hpp"

#include <string>
#include <vector>

namespace mechcheck {

class Check {
 public:
  explicit Check(const CheckContext& context) : context_(context) {}
  Check(const Check&) = delete;
  Check& operator=(const Check&) = delete;

  const CheckContext& context() const { return context_; }

  // --- Hypotheses ---------------------------------------------------------------------------
  // Records whether the named hypothesis holds on the instance (`detail` says why, exactly) and
  // returns `holds`. A failed hypothesis that the caller did not drop makes the verdict
  // `hypotheses_unmet` (unmet()); a dropped one is reported as dropped.
  bool hypothesis(const std::string& name, bool holds, const std::string& detail = "");
  bool hypotheses_met() const { return unmet_.empty(); }

  // --- Decisions ----------------------------------------------------------------------------
  // The sign of x, and a three-way comparison, decided in T's own arithmetic (Undecidable when T
  // cannot decide); each records T's arithmetic for the verdict.
  template <Number T>
  int sign(const T& x) {
    decided_in<T>();
    return sign_of(x);
  }
  template <Number T>
  int compare(const T& a, const T& b) {
    decided_in<T>();
    return mechcheck::compare(a, b);
  }
  // Records a decision made in kind T by the model's own code (a test that returns a bool).
  template <Number T>
  void decided_in() {
    arithmetic_ = weakest(arithmetic_, NumberKind<T>::arithmetic);
  }
  // The weakest arithmetic of the decisions so far (exact when none was made in a number kind:
  // counting and combinatorial tests are exact).
  Arithmetic arithmetic() const { return arithmetic_; }

  // --- What the verdict reports -------------------------------------------------------------
  Check& value(Value v) {
    values_.push_back(std::move(v));
    return *this;
  }
  template <class T>
  Check& value(std::string name, const T& x) {
    return value(make_value(std::move(name), x));
  }
  Check& text(std::string name, std::string text) { return value(make_text(std::move(name), std::move(text))); }
  Check& stat(std::string name, long long n);
  Check& stat(std::string name, std::string text);
  Check& witness(Value v) {
    witness_.push_back(std::move(v));
    return *this;
  }
  template <class T>
  Check& witness(std::string name, const T& x) {
    return witness(make_value(std::move(name), x));
  }

  // --- Verdicts -----------------------------------------------------------------------------
  // Each builds the outcome from what was recorded: values, then the hypotheses' findings;
  // witness; statistics; dropped hypotheses; the arithmetic of the decisions.
  Outcome holds(std::string summary) const { return finish(Verdict::holds, std::move(summary)); }
  Outcome refuted(std::string summary) const { return finish(Verdict::refuted, std::move(summary)); }
  Outcome inconclusive(std::string summary) const { return finish(Verdict::inconclusive, std::move(summary)); }
  // `hypotheses_unmet`, naming the failed hypotheses (call when !hypotheses_met()); `finding`, when
  // given, says what the instance shows without them (appended to the summary after "; ").
  Outcome unmet(const std::string& finding = "") const;

 private:
  Outcome finish(Verdict verdict, std::string summary) const;

  const CheckContext& context_;
  Arithmetic arithmetic_ = Arithmetic::exact;
  std::vector<std::string> unmet_;
  std::vector<std::string> dropped_failed_;
  std::vector<Value> findings_;
  std::vector<Value> values_, witness_, stats_;
};

}  // namespace mechcheck
