// finite.monotonicity -- Myerson's (1981) Lemma 2 on a finite single-good market: if the mechanism
// is BIC and types are independent, each agent's interim expected quantity
// Q_i(t_i) = E[sum_o p(t)(o) q_i(o) | t_i] is nondecreasing in its own type. (With values
// v_i(o, t_i) = q_i(o) t_i, BIC for types s < t gives t Q(t) - X(t) >= t Q(s) - X(s) and
// s Q(s) - X(s) >= s Q(t) - X(t); adding, (t - s)(Q(t) - Q(s)) >= 0. Independence makes Q(s) the
// same whether the type that reports s is s or t.)
#include "finite/claims/claims.hpp"
#include "finite/claims/mechanism_checker.hpp"
#include "finite/claims/incentives.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

class Monotonicity : public MechanismChecker {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.monotonicity",
        "Myerson (1981), Lemma 2 (monotone interim allocation), on a finite type space",
        "In a single-good market (v_i(o, t_i) = q_i(o) t_i), a BIC mechanism with independent types has, for every "
        "agent i, an interim expected quantity Q_i(t_i) = E[sum_o p(t)(o) q_i(o) | t_i] nondecreasing in t_i.",
        {{"bic", "the mechanism is Bayesian incentive compatible (as finite.bic checks it)", Necessity::counterexample,
          "cases/finite/monotonicity-not-bic.toml"},
         {"independent_prior", "the prior is the product of its marginals (decided exactly on a joint table)",
          Necessity::counterexample, "cases/finite/monotonicity-correlated.toml"}},
        "BIC decided exactly as finite.bic does and independence by comparing the prior with its marginals' product; "
        "then Q_i at every type as an exact rational, each pair of consecutive types compared; the first decrease is "
        "the witness (agent, the two types, their Q), re-checked by separate code. Every Q_i(t) is reported.",
        "finite",
        Arithmetic::exact};
    return i;
  }

  void mechanism_preconditions(const Case& c, const Economy& e) const override {
    for (const Agent& a : e.agents)
      if (!a.quantities)
        c.fail({"finite", "agent"},
               "finite.monotonicity needs a single-good market: every agent's values given as "
               "quantities (value = quantity x type), but " +
                   a.name + " has a values table");
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_monotonicity(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    guard_interim_search(e, check.context(), "finite.monotonicity");  // its hypothesis bic is that search
    long long comparisons = 0;
    const auto gain = first_interim_gain(e, check, comparisons);
    check.hypothesis("bic", !gain,
                     gain ? e.agents[gain->agent].name + " of type " +
                                to_string(e.agents[gain->agent].types[gain->true_type]) + " gains by reporting " +
                                to_string(e.agents[gain->agent].types[gain->misreport])
                          : "no type gains by a misreport");
    check_independent_prior(check, e);
    if (!check.hypotheses_met()) return check.unmet();

    std::optional<std::size_t> agent, low;
    std::vector<std::vector<Rational>> q(e.agent_count());
    for (std::size_t i = 0; i < e.agent_count(); ++i)
      for (std::size_t k = 0; k < e.agents[i].types.size(); ++k) {
        q[i].push_back(interim_quantity(e, i, k));
        check.value("Q_" + std::to_string(i + 1) + "(" + to_string(e.agents[i].types[k]) + ")", q[i][k]);
        if (k > 0 && !agent && check.compare(q[i][k], q[i][k - 1]) < 0) agent = i, low = k - 1;
      }
    if (!agent) return check.holds("every agent's interim expected quantity is nondecreasing in its type (exact)");
    const Agent& a = e.agents[*agent];
    check.witness("agent", static_cast<long long>(*agent + 1))
        .witness("type_low", a.types[*low])
        .witness("type_high", a.types[*low + 1])
        .witness("interim_quantity_low", q[*agent][*low])
        .witness("interim_quantity_high", q[*agent][*low + 1]);
    return check.refuted(a.name + "'s interim quantity falls from " + to_string(q[*agent][*low]) + " at type " +
                         to_string(a.types[*low]) + " to " + to_string(q[*agent][*low + 1]) + " at type " +
                         to_string(a.types[*low + 1]));
  }
};

}  // namespace

std::unique_ptr<Claim> make_monotonicity() { return std::make_unique<Monotonicity>(); }

}  // namespace mechcheck::finite
