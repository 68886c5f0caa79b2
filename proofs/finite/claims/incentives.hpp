#pragma once
// Incentive constraints shared by the claims that check them (finite.dsic, finite.bic) and the one
// that assumes BIC (finite.monotonicity): each searches in a fixed order and returns the first
// violation, so the witness does not depend on anything but the case.
#include "finite/model/economy.hpp"
#include "mechcheck/claims/check.hpp"

#include <optional>

namespace mechcheck::finite {

// A profitable ex post misreport: agent i of true type index k, others' true types as in
// `profile` (whose i-th entry is k), reporting m gains.
struct ExPostGain {
  std::size_t agent, true_type, misreport, profile;
  Rational truthful, deviating;
};
// The first (profile, agent, misreport) in increasing order where a misreport strictly gains;
// every comparison decided in Rational through `check`. `comparisons` counts them.
std::optional<ExPostGain> first_expost_gain(const Economy& e, Check& check, long long& comparisons);

// A profitable interim misreport: agent i of type index k reporting m.
struct InterimGain {
  std::size_t agent, true_type, misreport;
  Rational truthful, deviating;
};
std::optional<InterimGain> first_interim_gain(const Economy& e, Check& check, long long& comparisons);

// Refuses (TooLarge, before any work) a search of more terms than the context's limit: the ex
// post search evaluates every (profile, agent, misreport), sum_i |T_i| P utilities; the interim
// search every (agent, true type, misreport) over the profiles scanned, sum_i |T_i|^2 P.
void guard_expost_search(const Economy& e, const CheckContext& context, const std::string& claim);
void guard_interim_search(const Economy& e, const CheckContext& context, const std::string& claim);

// Records the hypothesis independent_prior: the prior equals the product of its marginals
// (decided exactly); when not, the detail names the first profile where it differs.
void check_independent_prior(Check& check, const Economy& e);

// Witness entries type_1..type_n: the types of a profile.
void witness_profile(Check& check, const Economy& e, std::size_t profile);

}  // namespace mechcheck::finite
