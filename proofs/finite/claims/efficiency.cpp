// finite.efficiency -- ex post efficiency: at every type profile the mechanism's lottery puts
// probability only on outcomes that maximize the surplus sum_i v_i(o, t_i) - c(o) (MWG Def. 23.B.4;
// with a lottery: its expected surplus equals the maximum).
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/claims/incentives.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class Efficiency : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.efficiency",
        "ex post efficiency (MWG Def. 23.B.4)",
        "For every type profile t: sum_o p(t)(o) S(o, t) = max_o S(o, t), with S(o, t) = sum_i v_i(o, t_i) - c(o) "
        "(the lottery's expected surplus is the largest; so it puts no probability on a worse outcome).",
        {},
        "Every profile in increasing order, surpluses exact; the first shortfall is the witness (the profile, the "
        "lottery's expected surplus, the first best outcome and its surplus), re-checked by separate code.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_efficiency(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    for (std::size_t r = 0; r < e.profile_count(); ++r) {
      std::size_t best = 0;
      Rational best_surplus = outcome_surplus(e, r, 0);
      for (std::size_t o = 1; o < e.outcomes.size(); ++o) {
        const Rational s = outcome_surplus(e, r, o);
        if (check.compare(s, best_surplus) > 0) best = o, best_surplus = s;
      }
      const Rational chosen = mechanism_surplus(e, r);
      if (check.compare(chosen, best_surplus) >= 0) continue;
      witness_profile(check, e, r);
      check.witness("mechanism_surplus", chosen)
          .witness(make_text("best_outcome", e.outcomes[best]))
          .witness("best_surplus", best_surplus);
      return check.refuted("at profile " + profile_text(e, r) + " the mechanism's surplus is " + to_string(chosen) +
                           ", outcome '" + e.outcomes[best] + "' gives " + to_string(best_surplus));
    }
    return check.holds("the surplus is the largest at each of the " + std::to_string(e.profile_count()) +
                       " profiles (exact)");
  }
};

}  // namespace

std::unique_ptr<Claim> make_efficiency() { return std::make_unique<Efficiency>(); }

}  // namespace mechcheck::finite
