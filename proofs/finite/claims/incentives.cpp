#include "finite/claims/incentives.hpp"

#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

std::optional<ExPostGain> first_expost_gain(const Economy& e, Check& check, long long& comparisons) {
  // DSIC: u_i(t_i; t_i, t_-i) >= u_i(t_i; m, t_-i) for every i, t and m (every true profile, so
  // every others' report, as dominant strategies require).
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::vector<std::size_t> t = profile_types(e, r);
    for (std::size_t i = 0; i < e.agent_count(); ++i) {
      const Rational truthful = utility(e, i, t[i], r);
      for (std::size_t m = 0; m < e.agents[i].types.size(); ++m) {
        if (m == t[i]) continue;
        ++comparisons;
        const Rational deviating = utility(e, i, t[i], with_type(e, r, i, m));
        if (check.compare(deviating, truthful) > 0) return ExPostGain{i, t[i], m, r, truthful, deviating};
      }
    }
  }
  return std::nullopt;
}

namespace {
unsigned long long saturating_product(unsigned long long a, unsigned long long b) {
  return a != 0 && b > ~0ull / a ? ~0ull : a * b;
}
}  // namespace

void guard_expost_search(const Economy& e, const CheckContext& context, const std::string& claim) {
  unsigned long long terms = 0;
  for (const Agent& a : e.agents) terms += saturating_product(a.types.size(), e.profile_count());
  guard_enumeration_size(context, terms, claim + "'s (profile, agent, misreport) utilities");
}

void guard_interim_search(const Economy& e, const CheckContext& context, const std::string& claim) {
  unsigned long long terms = 0;
  for (const Agent& a : e.agents)
    terms += saturating_product(saturating_product(a.types.size(), a.types.size()), e.profile_count());
  guard_enumeration_size(context, terms, claim + "'s (agent, type, misreport, profile) terms");
}

std::optional<InterimGain> first_interim_gain(const Economy& e, Check& check, long long& comparisons) {
  // BIC: E[u_i(t_i; t_i, t_-i) | t_i] >= E[u_i(t_i; m, t_-i) | t_i] under the prior's beliefs.
  for (std::size_t i = 0; i < e.agent_count(); ++i)
    for (std::size_t k = 0; k < e.agents[i].types.size(); ++k) {
      const Rational truthful = interim_utility(e, i, k, k);
      for (std::size_t m = 0; m < e.agents[i].types.size(); ++m) {
        if (m == k) continue;
        ++comparisons;
        const Rational deviating = interim_utility(e, i, k, m);
        if (check.compare(deviating, truthful) > 0) return InterimGain{i, k, m, truthful, deviating};
      }
    }
  return std::nullopt;
}

void witness_profile(Check& check, const Economy& e, std::size_t profile) {
  const std::vector<std::size_t> t = profile_types(e, profile);
  for (std::size_t i = 0; i < t.size(); ++i) check.witness("type_" + std::to_string(i + 1), e.agents[i].types[t[i]]);
}

void check_independent_prior(Check& check, const Economy& e) {
  std::size_t difference = 0;
  const bool independent = prior_is_product(e, difference);
  check.hypothesis("independent_prior", independent,
                   independent ? "the prior is the product of its marginals"
                               : "P" + profile_text(e, difference) + " = " + to_string(e.prior[difference]) +
                                     " is not the product of the marginals");
}

}  // namespace mechcheck::finite
