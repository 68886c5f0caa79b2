// finite.dsic -- dominant-strategy incentive compatibility of a finite mechanism: truth-telling is
// a best reply to every profile of the others' reports (Mas-Colell, Whinston and Green 1995,
// Def. 23.B.5; here with quasilinear utility and lotteries over outcomes).
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/claims/incentives.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class Dsic : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.dsic",
        "dominant-strategy incentive compatibility (MWG Def. 23.B.5)",
        "For every agent i, true type t_i, others' reports t_-i and misreport m: sum_o p(t)(o) v_i(o, t_i) - "
        "x_i(t) >= sum_o p(m, t_-i)(o) v_i(o, t_i) - x_i(m, t_-i), with p the mechanism's lottery and x_i the "
        "payment agent i makes.",
        {},
        "Every (profile, agent, misreport) in increasing order, utilities exact rationals; the first strict gain "
        "is the witness (agent, true type, the others' types, misreport, both utilities), re-checked from the "
        "mechanism's table by separate code.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_dsic(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    guard_expost_search(e, check.context(), "finite.dsic");
    long long comparisons = 0;
    const auto gain = first_expost_gain(e, check, comparisons);
    check.stat("profiles", static_cast<long long>(e.profile_count())).stat("comparisons", comparisons);
    if (!gain)
      return check.holds("truth-telling is dominant: no misreport gains at any of the " +
                         std::to_string(e.profile_count()) + " profiles (exact)");
    const Agent& a = e.agents[gain->agent];
    check.witness("agent", static_cast<long long>(gain->agent + 1))
        .witness("true_type", a.types[gain->true_type])
        .witness("misreport", a.types[gain->misreport]);
    witness_profile(check, e, gain->profile);
    check.witness("utility_truthful", gain->truthful).witness("utility_misreport", gain->deviating);
    return check.refuted(a.name + " of type " + to_string(a.types[gain->true_type]) + " gains by reporting " +
                         to_string(a.types[gain->misreport]) + " at true profile " + profile_text(e, gain->profile) +
                         ": " + to_string(gain->deviating) + " > " + to_string(gain->truthful));
  }
};

}  // namespace

std::unique_ptr<Claim> make_dsic() { return std::make_unique<Dsic>(); }

}  // namespace mechcheck::finite
