// finite.expost_ir -- ex post individual rationality: at every type profile every agent's utility
// from truthful participation is at least its outside option, 0 (MWG 23.E: ex post participation).
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/claims/incentives.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class ExPostIr : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.expost_ir",
        "ex post individual rationality (MWG Sec. 23.E)",
        "For every type profile t and agent i: sum_o p(t)(o) v_i(o, t_i) - x_i(t) >= 0.",
        {},
        "Every (profile, agent) in increasing order, utilities exact; the first negative utility is the witness "
        "(the profile, the agent, its utility), re-checked by separate code from the mechanism's table.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_expost_ir(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    for (std::size_t r = 0; r < e.profile_count(); ++r) {
      const std::vector<std::size_t> t = profile_types(e, r);
      for (std::size_t i = 0; i < e.agent_count(); ++i) {
        const Rational u = utility(e, i, t[i], r);
        if (check.sign(u) >= 0) continue;
        witness_profile(check, e, r);
        check.witness("agent", static_cast<long long>(i + 1)).witness("utility", u);
        return check.refuted(e.agents[i].name + " gets " + to_string(u) + " < 0 at profile " + profile_text(e, r));
      }
    }
    return check.holds("every agent's utility is >= 0 at each of the " + std::to_string(e.profile_count()) +
                       " profiles (exact)");
  }
};

}  // namespace

std::unique_ptr<Claim> make_expost_ir() { return std::make_unique<ExPostIr>(); }

}  // namespace mechcheck::finite
