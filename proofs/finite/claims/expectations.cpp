// finite.expectations -- the mechanism's expected revenue, cost, budget surplus, deficit and
// welfare under the prior, as exact rationals, with the accounting identity that ties them
// together checked: E[welfare] = sum_i E[u_i] + E[revenue] - E[cost] (each agent's utility is its
// value minus its payment, so the surplus splits into utilities and the mechanism's budget).
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class Expectations : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.expectations",
        "expected revenue, welfare and deficit of a mechanism under the prior",
        "Reports E[sum_i x_i], E[c], E[B] = E[sum_i x_i - c], E[max(0, -B)] (the expected deficit a sponsor covers "
        "profile by profile), E[welfare] and each agent's expected payment and utility; holds when E[welfare] = "
        "sum_i E[u_i] + E[B], with E[u_i] summed over the agent's types from its interim utilities.",
        {},
        "Expectations over the prior as exact rationals, profile by profile; the agents' expected utilities a second "
        "way, from interim utilities weighted by the marginals; every reported value re-checked by separate code.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_expectations(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const std::size_t n = e.agent_count();
    Rational revenue = 0, cost = 0, deficit = 0, welfare = 0;
    std::vector<Rational> payment(n, Rational(0));
    for (std::size_t r = 0; r < e.profile_count(); ++r) {
      const Rational& p = e.prior[r];
      if (p == 0) continue;
      for (std::size_t i = 0; i < n; ++i) payment[i] += p * e.payments[r][i];
      for (std::size_t o = 0; o < e.outcomes.size(); ++o) cost += p * e.lottery[r][o] * e.costs[o];
      const Rational b = budget_surplus(e, r);
      if (b < 0) deficit -= p * b;
      welfare += p * mechanism_surplus(e, r);
    }
    for (const Rational& x : payment) revenue += x;
    Rational utilities = 0;
    std::vector<Rational> utility_of(n, Rational(0));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < e.agents[i].types.size(); ++k)
        utility_of[i] += e.agents[i].marginal[k] * interim_utility(e, i, k, k);
      utilities += utility_of[i];
    }
    check.value("expected_revenue", revenue)
        .value("expected_cost", cost)
        .value("expected_budget_surplus", revenue - cost)
        .value("expected_deficit", deficit)
        .value("expected_welfare", welfare);
    for (std::size_t i = 0; i < n; ++i)
      check.value("expected_payment_" + std::to_string(i + 1), payment[i])
          .value("expected_utility_" + std::to_string(i + 1), utility_of[i]);
    const Rational accounted = utilities + revenue - cost;
    if (check.compare(welfare, accounted) == 0)
      return check.holds("expected revenue " + to_string(revenue) + ", welfare " + to_string(welfare) +
                         ", budget surplus " + to_string(revenue - cost) + " (exact)");
    check.witness("expected_welfare", welfare).witness("utilities_plus_budget", accounted);
    return check.refuted("E[welfare] = " + to_string(welfare) + " but the utilities and the budget add to " +
                         to_string(accounted));
  }
};

}  // namespace

std::unique_ptr<Claim> make_expectations() { return std::make_unique<Expectations>(); }

}  // namespace mechcheck::finite
