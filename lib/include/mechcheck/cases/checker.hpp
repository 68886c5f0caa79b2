#pragma once
// The base of a claim's checker: it hands the claim its paper's own model type, so that a checker
// reads like the theorem (hypotheses, quantity, comparison) and never casts a Case's data.
//
//   class RevenueEquivalence : public Checker<Economy> {
//     const ClaimInfo& info() const override;
//     Outcome check_instance(const Economy& e, Check& check) const override {
//       check.hypothesis("bids_in_equilibrium", ...);
//       if (!check.hypotheses_met()) return check.unmet();
//       const Rational first = ..., second = ...;
//       check.value("first_price_revenue", first).value("second_price_revenue", second);
//       return check.compare(first, second) == 0 ? check.holds("...") : check.refuted("...");
//     }
//   };
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"

#include <optional>

namespace mechcheck {

template <class Model>
class Checker : public Claim {
 public:
  void validate(const Case& c) const final { check_preconditions(c, c.model_data<Model>()); }
  Outcome check(const Case& c, const CheckContext& context) const final {
    Check check(context);
    return check_instance(c.model_data<Model>(), check);
  }
  std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const final {
    return recheck_outcome(c.model_data<Model>(), outcome);
  }

 protected:
  // The claim's own preconditions on the model (the data it needs, the premise of a figure);
  // throws InputError through c.fail at the offending key. Model-wide rules belong to the parser.
  virtual void check_preconditions(const Case& c, const Model& model) const {
    (void)c;
    (void)model;
  }
  // Checks the claim on one instance, recording through `check` and ending with one of its
  // verdicts. May throw Undecidable (-> inconclusive) or any std::exception (-> error).
  virtual Outcome check_instance(const Model& model, Check& check) const = 0;
  // Re-checks a refuted witness or a certificate from what the outcome reports, with code that
  // shares nothing with check_instance (Claim::recheck). nullopt when there is nothing to re-check.
  virtual std::optional<Recheck> recheck_outcome(const Model& model, const Outcome& outcome) const {
    (void)model;
    (void)outcome;
    return std::nullopt;
  }
};

}  // namespace mechcheck
