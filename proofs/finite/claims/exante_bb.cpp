// finite.exante_bb -- ex ante budget balance: in expectation over the prior the payments cover the
// mechanism's cost (weak) or equal it (strong), as the case's budget_balance says.
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class ExAnteBb : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.exante_bb",
        "ex ante budget balance, weak or strong as the case's budget_balance says",
        "E[B(t)] >= 0 (weak; the default) or E[B(t)] = 0 (strong), with B(t) = sum_i x_i(t) - sum_o p(t)(o) c(o) "
        "and the expectation under the prior.",
        {},
        "E[B] = sum_t P(t) B(t) as an exact rational; on failure the witness is E[B], re-checked by separate code.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_exante_bb(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const bool strong = e.balance == BudgetBalance::strong;
    Rational expected = 0;
    for (std::size_t r = 0; r < e.profile_count(); ++r)
      if (e.prior[r] != 0) expected += e.prior[r] * budget_surplus(e, r);
    check.text("balance", strong ? "strong" : "weak").value("expected_budget_surplus", expected);
    const int s = check.sign(expected);
    if (strong ? s == 0 : s >= 0)
      return check.holds("the expected budget surplus is " + to_string(expected) + " (exact)");
    check.witness("expected_budget_surplus", expected);
    return check.refuted(std::string(strong ? "not balanced in expectation" : "an expected deficit") +
                         ": E[B] = " + to_string(expected));
  }
};

}  // namespace

std::unique_ptr<Claim> make_exante_bb() { return std::make_unique<ExAnteBb>(); }

}  // namespace mechcheck::finite
