// finite.interim_ir -- interim individual rationality: every type's expected utility from
// truthful participation, given its own type, is at least 0 (MWG Sec. 23.E, interim participation).
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class InterimIr : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.interim_ir",
        "interim individual rationality (MWG Sec. 23.E)",
        "For every agent i and type t_i: E[u_i(t_i; t) | t_i] >= 0 under the prior's conditional belief.",
        {},
        "Interim utilities as exact rationals for every (agent, type) in increasing order; the first negative one "
        "is the witness (agent, type, interim utility), re-checked by separate code from the prior and the table.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_interim_ir(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    for (std::size_t i = 0; i < e.agent_count(); ++i)
      for (std::size_t k = 0; k < e.agents[i].types.size(); ++k) {
        const Rational u = interim_utility(e, i, k, k);
        if (check.sign(u) >= 0) continue;
        check.witness("agent", static_cast<long long>(i + 1))
            .witness("type", e.agents[i].types[k])
            .witness("interim_utility", u);
        return check.refuted(e.agents[i].name + " of type " + to_string(e.agents[i].types[k]) + " expects " +
                             to_string(u) + " < 0");
      }
    return check.holds("every type's interim utility is >= 0 (exact)");
  }
};

}  // namespace

std::unique_ptr<Claim> make_interim_ir() { return std::make_unique<InterimIr>(); }

}  // namespace mechcheck::finite
