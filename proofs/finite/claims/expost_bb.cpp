// finite.expost_bb -- ex post budget balance: at every type profile the payments cover the
// mechanism's cost (weak: no deficit) or equal it (strong: exactly balanced), as the case's
// budget_balance says (MWG Sec. 23.C).
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/claims/incentives.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class ExPostBb : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.expost_bb",
        "ex post budget balance (MWG Sec. 23.C), weak or strong as the case's budget_balance says",
        "For every type profile t: B(t) = sum_i x_i(t) - sum_o p(t)(o) c(o) >= 0 (weak: no deficit; the default) "
        "or = 0 (strong: budget_balance = \"strong\").",
        {},
        "The budget surplus B(t) as an exact rational at every profile in increasing order; the first deficit "
        "(weak) or imbalance (strong) is the witness profile with B(t), re-checked by separate code. Reports the "
        "least and the largest B(t).",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_expost_bb(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const bool strong = e.balance == BudgetBalance::strong;
    std::optional<std::size_t> first_violation;
    Rational least = budget_surplus(e, 0), largest = least;
    for (std::size_t r = 0; r < e.profile_count(); ++r) {
      const Rational b = budget_surplus(e, r);
      least = std::min(least, b);
      largest = std::max(largest, b);
      const int s = check.sign(b);
      if (!first_violation && (s < 0 || (strong && s != 0))) first_violation = r;
    }
    check.text("balance", strong ? "strong" : "weak")
        .value("min_budget_surplus", least)
        .value("max_budget_surplus", largest);
    if (!first_violation)
      return check.holds(strong ? "the payments equal the cost at every profile (exact)"
                                : "no deficit at any profile: the least budget surplus is " + to_string(least));
    const Rational b = budget_surplus(e, *first_violation);
    witness_profile(check, e, *first_violation);
    check.witness("budget_surplus", b);
    return check.refuted(std::string(b < 0 ? "a deficit" : "a surplus") + " of " + to_string(abs(b)) + " at profile " +
                         profile_text(e, *first_violation));
  }
};

}  // namespace

std::unique_ptr<Claim> make_expost_bb() { return std::make_unique<ExPostBb>(); }

}  // namespace mechcheck::finite
