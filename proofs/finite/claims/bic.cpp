// finite.bic -- Bayesian incentive compatibility of a finite mechanism: truth-telling is a best
// reply in expectation over the others' types, under the prior's belief conditional on one's own
// type (MWG Def. 23.D.1; with a joint prior the beliefs are P(t_-i | t_i)).
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/claims/incentives.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class Bic : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.bic",
        "Bayesian incentive compatibility (MWG Def. 23.D.1)",
        "For every agent i, type t_i and misreport m: E[u_i(t_i; t_i, t_-i) | t_i] >= E[u_i(t_i; m, t_-i) | t_i], "
        "the expectation under the prior's conditional belief P(t_-i | t_i) (the marginals' product when the prior "
        "is independent).",
        {},
        "Interim utilities as exact rationals for every (agent, type, misreport) in increasing order; the first "
        "strict gain is the witness (agent, true type, misreport, both interim utilities), re-checked by separate "
        "code from the prior and the mechanism's table.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_bic(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    guard_interim_search(e, check.context(), "finite.bic");
    long long comparisons = 0;
    const auto gain = first_interim_gain(e, check, comparisons);
    check.stat("comparisons", comparisons);
    if (!gain) return check.holds("truth-telling is a Bayesian equilibrium: no type gains by a misreport (exact)");
    const Agent& a = e.agents[gain->agent];
    check.witness("agent", static_cast<long long>(gain->agent + 1))
        .witness("true_type", a.types[gain->true_type])
        .witness("misreport", a.types[gain->misreport])
        .witness("interim_utility_truthful", gain->truthful)
        .witness("interim_utility_misreport", gain->deviating);
    return check.refuted(a.name + " of type " + to_string(a.types[gain->true_type]) +
                         " gains in expectation by "
                         "reporting " +
                         to_string(a.types[gain->misreport]) + ": " + to_string(gain->deviating) + " > " +
                         to_string(gain->truthful));
  }
};

}  // namespace

std::unique_ptr<Claim> make_bic() { return std::make_unique<Bic>(); }

}  // namespace mechcheck::finite
