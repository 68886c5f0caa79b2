// The re-check of each finite claim's witness, from the outcome's printed values and the
// economy's tables only (recheck/tables.cpp), never the checks' code.
#include "finite/recheck/recheck.hpp"
#include "finite/recheck/tables.hpp"

#include <algorithm>

namespace mechcheck::finite {

using namespace recheck_tables;

namespace {

Recheck missing(const std::string& method, const std::string& what) {
  Recheck r;
  r.method = method;
  r.detail = "the outcome does not report " + what + " (or names no type of the economy)";
  return r;
}

// "u = 1/2 (reported 1/2)".
std::string recomputed(const std::string& name, const Rational& value, const Rational& reported_value) {
  return name + " = " + to_string(value) + " (reported " + to_string(reported_value) + ")";
}

}  // namespace

std::optional<Recheck> recheck_dsic(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method =
      "both utilities recomputed from the mechanism's table at the reported true profile "
      "and at the profile with the misreport";
  const auto agent = reported_agent(e, outcome.witness);
  auto profile = reported_profile(e, outcome.witness);
  const auto truth = reported(outcome.witness, "utility_truthful"),
             lie = reported(outcome.witness, "utility_misreport");
  const auto misreport_value = reported(outcome.witness, "misreport"),
             true_value = reported(outcome.witness, "true_type");
  if (!agent || !profile || !truth || !lie || !misreport_value || !true_value)
    return missing(method, "agent, true_type, misreport, the profile and both utilities");
  const auto m = type_position(e, *agent, *misreport_value), k = type_position(e, *agent, *true_value);
  if (!m || !k || (*profile)[*agent] != *k) return missing(method, "a misreport and a true type of the agent");
  const Rational truthful = ex_post_utility(e, *agent, *k, *profile);
  (*profile)[*agent] = *m;
  const Rational deviating = ex_post_utility(e, *agent, *k, *profile);
  Recheck r;
  r.method = method;
  r.passed = truthful == *truth && deviating == *lie && deviating > truthful;
  r.detail = recomputed("truthful utility", truthful, *truth) + ", " + recomputed("misreport utility", deviating, *lie);
  return r;
}

std::optional<Recheck> recheck_bic(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method =
      "both interim utilities recomputed from the joint prior's conditional belief and the "
      "mechanism's table";
  const auto agent = reported_agent(e, outcome.witness);
  const auto truth = reported(outcome.witness, "interim_utility_truthful"),
             lie = reported(outcome.witness, "interim_utility_misreport");
  const auto true_value = reported(outcome.witness, "true_type"),
             misreport_value = reported(outcome.witness, "misreport");
  if (!agent || !truth || !lie || !true_value || !misreport_value)
    return missing(method, "agent, true_type, misreport and both interim utilities");
  const auto k = type_position(e, *agent, *true_value), m = type_position(e, *agent, *misreport_value);
  if (!k || !m) return missing(method, "types of the agent");
  const Rational truthful = interim(e, *agent, *k, *k), deviating = interim(e, *agent, *k, *m);
  Recheck r;
  r.method = method;
  r.passed = truthful == *truth && deviating == *lie && deviating > truthful;
  r.detail = recomputed("truthful", truthful, *truth) + ", " + recomputed("misreport", deviating, *lie);
  return r;
}

std::optional<Recheck> recheck_expost_ir(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method = "the agent's utility recomputed from the mechanism's table at the reported profile";
  const auto agent = reported_agent(e, outcome.witness);
  const auto profile = reported_profile(e, outcome.witness);
  const auto u = reported(outcome.witness, "utility");
  if (!agent || !profile || !u) return missing(method, "agent, the profile and the utility");
  const Rational value = ex_post_utility(e, *agent, (*profile)[*agent], *profile);
  Recheck r;
  r.method = method;
  r.passed = value == *u && value < 0;
  r.detail = recomputed("utility", value, *u);
  return r;
}

std::optional<Recheck> recheck_interim_ir(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method = "the interim utility recomputed from the joint prior's conditional belief and the table";
  const auto agent = reported_agent(e, outcome.witness);
  const auto type = reported(outcome.witness, "type"), u = reported(outcome.witness, "interim_utility");
  if (!agent || !type || !u) return missing(method, "agent, type and the interim utility");
  const auto k = type_position(e, *agent, *type);
  if (!k) return missing(method, "a type of the agent");
  const Rational value = interim(e, *agent, *k, *k);
  Recheck r;
  r.method = method;
  r.passed = value == *u && value < 0;
  r.detail = recomputed("interim utility", value, *u);
  return r;
}

std::optional<Recheck> recheck_expost_bb(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method = "the payments and the lottery's cost summed from the table at the reported profile";
  const auto profile = reported_profile(e, outcome.witness);
  const auto b = reported(outcome.witness, "budget_surplus");
  if (!profile || !b) return missing(method, "the profile and its budget surplus");
  const Rational value = budget_at(e, row_of(e, *profile));
  Recheck r;
  r.method = method;
  r.passed = value == *b && (value < 0 || (e.balance == BudgetBalance::strong && value != 0));
  r.detail = recomputed("budget surplus", value, *b);
  return r;
}

std::optional<Recheck> recheck_exante_bb(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method = "sum over the prior's profiles of P(t) times the table's budget surplus";
  const auto b = reported(outcome.witness, "expected_budget_surplus");
  if (!b) return missing(method, "the expected budget surplus");
  Rational value = 0;
  for (std::size_t row = 0; row < e.prior.size(); ++row) value += e.prior[row] * budget_at(e, row);
  Recheck r;
  r.method = method;
  r.passed = value == *b && (value < 0 || (e.balance == BudgetBalance::strong && value != 0));
  r.detail = recomputed("E[B]", value, *b);
  return r;
}

std::optional<Recheck> recheck_efficiency(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method =
      "the lottery's expected surplus and the named outcome's surplus recomputed from the "
      "value tables at the reported profile";
  const auto profile = reported_profile(e, outcome.witness);
  const auto chosen = reported(outcome.witness, "mechanism_surplus"), best = reported(outcome.witness, "best_surplus");
  std::optional<std::size_t> best_outcome;
  for (const Value& v : outcome.witness)
    if (v.name == "best_outcome")
      for (std::size_t o = 0; o < e.outcomes.size(); ++o)
        if (e.outcomes[o] == v.text) best_outcome = o;
  if (!profile || !chosen || !best || !best_outcome)
    return missing(method, "the profile, both surpluses and the best outcome");
  const std::size_t row = row_of(e, *profile);
  Rational lottery_surplus = 0;
  for (std::size_t o = 0; o < e.outcomes.size(); ++o) lottery_surplus += e.lottery[row][o] * surplus_of(e, o, *profile);
  const Rational named = surplus_of(e, *best_outcome, *profile);
  Recheck r;
  r.method = method;
  r.passed = lottery_surplus == *chosen && named == *best && named > lottery_surplus;
  r.detail = recomputed("mechanism's surplus", lottery_surplus, *chosen) + ", " +
             recomputed("surplus of '" + e.outcomes[*best_outcome] + "'", named, *best);
  return r;
}

std::optional<Recheck> recheck_monotonicity(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const std::string method = "both interim expected quantities recomputed from the joint prior and the lotteries";
  const auto agent = reported_agent(e, outcome.witness);
  const auto low = reported(outcome.witness, "type_low"), high = reported(outcome.witness, "type_high");
  const auto q_low = reported(outcome.witness, "interim_quantity_low"),
             q_high = reported(outcome.witness, "interim_quantity_high");
  if (!agent || !low || !high || !q_low || !q_high || !e.agents[*agent].quantities)
    return missing(method, "agent, both types and both interim quantities");
  const auto k_low = type_position(e, *agent, *low), k_high = type_position(e, *agent, *high);
  if (!k_low || !k_high) return missing(method, "types of the agent");
  const auto& q = *e.agents[*agent].quantities;
  auto interim_quantity_at = [&](std::size_t k) -> Rational {
    Rational weighted = 0, mass = 0;
    for (std::size_t row = 0; row < e.prior.size(); ++row) {
      if (types_of_row(e, row)[*agent] != k) continue;
      mass += e.prior[row];
      for (std::size_t o = 0; o < q.size(); ++o) weighted += e.prior[row] * e.lottery[row][o] * q[o];
    }
    return weighted / mass;
  };
  const Rational a = interim_quantity_at(*k_low), b = interim_quantity_at(*k_high);
  Recheck r;
  r.method = method;
  r.passed = a == *q_low && b == *q_high && *low < *high && b < a;
  r.detail = recomputed("Q(" + to_string(*low) + ")", a, *q_low) + ", " +
             recomputed("Q(" + to_string(*high) + ")", b, *q_high);
  // A refutation with a hypothesis in force says Myerson's lemma fails: re-decide that hypothesis
  // here too, from the tables (the check's own decision is not taken on trust).
  const auto dropped = [&](const std::string& h) {
    return std::find(outcome.dropped.begin(), outcome.dropped.end(), h) != outcome.dropped.end();
  };
  if (!dropped("bic"))
    for (std::size_t i = 0; i < e.agents.size() && r.passed; ++i)
      for (std::size_t k = 0; k < e.agents[i].types.size() && r.passed; ++k)
        for (std::size_t m = 0; m < e.agents[i].types.size() && r.passed; ++m)
          if (interim(e, i, k, m) > interim(e, i, k, k)) {
            r.passed = false;
            r.detail += "; but bic, in force, fails: " + e.agents[i].name + " of type " +
                        to_string(e.agents[i].types[k]) + " gains by reporting " + to_string(e.agents[i].types[m]);
          }
  if (!dropped("independent_prior") && r.passed) {
    // The marginals summed from the prior's rows, then every row against their product.
    std::vector<std::vector<Rational>> marginal(e.agents.size());
    for (std::size_t i = 0; i < e.agents.size(); ++i) marginal[i].assign(e.agents[i].types.size(), Rational(0));
    for (std::size_t row = 0; row < e.prior.size(); ++row) {
      const auto types = types_of_row(e, row);
      for (std::size_t i = 0; i < types.size(); ++i) marginal[i][types[i]] += e.prior[row];
    }
    for (std::size_t row = 0; row < e.prior.size() && r.passed; ++row) {
      const auto types = types_of_row(e, row);
      Rational product = 1;
      for (std::size_t i = 0; i < types.size(); ++i) product *= marginal[i][types[i]];
      if (product != e.prior[row]) {
        r.passed = false;
        r.detail += "; but independent_prior, in force, fails at prior row " + std::to_string(row + 1);
      }
    }
  }
  if (!dropped("bic") || !dropped("independent_prior"))
    r.method += "; the hypotheses in force (bic, independent_prior) re-decided from the tables";
  return r;
}

std::optional<Recheck> recheck_expectations(const Economy& e, const Outcome& outcome) {
  if (outcome.verdict != Verdict::holds) return std::nullopt;
  const std::string method = "every expectation summed again over the prior's profiles from the tables";
  Rational revenue = 0, cost = 0, deficit = 0, welfare = 0;
  std::vector<Rational> payment(e.agents.size(), Rational(0)), utility(e.agents.size(), Rational(0));
  for (std::size_t row = 0; row < e.prior.size(); ++row) {
    const Rational& p = e.prior[row];
    const std::vector<std::size_t> types = types_of_row(e, row);
    for (std::size_t i = 0; i < e.agents.size(); ++i) {
      payment[i] += p * e.payments[row][i];
      utility[i] += p * ex_post_utility(e, i, types[i], types);
      revenue += p * e.payments[row][i];
    }
    for (std::size_t o = 0; o < e.outcomes.size(); ++o) {
      cost += p * e.lottery[row][o] * e.costs[o];
      welfare += p * e.lottery[row][o] * surplus_of(e, o, types);
    }
    const Rational b = budget_at(e, row);
    if (b < 0) deficit -= p * b;
  }
  std::vector<std::pair<std::string, Rational>> expected = {{"expected_revenue", revenue},
                                                            {"expected_cost", cost},
                                                            {"expected_budget_surplus", revenue - cost},
                                                            {"expected_deficit", deficit},
                                                            {"expected_welfare", welfare}};
  for (std::size_t i = 0; i < e.agents.size(); ++i) {
    expected.emplace_back("expected_payment_" + std::to_string(i + 1), payment[i]);
    expected.emplace_back("expected_utility_" + std::to_string(i + 1), utility[i]);
  }
  Recheck r;
  r.method = method;
  r.passed = true;
  for (const auto& [name, value] : expected) {
    const auto shown = reported(outcome.values, name);
    if (shown && *shown == value) continue;
    r.passed = false;
    r.detail = name + " recomputed as " + to_string(value) + ", reported " + (shown ? to_string(*shown) : "nothing");
    return r;
  }
  r.detail =
      "revenue " + to_string(revenue) + ", welfare " + to_string(welfare) + ", expected deficit " + to_string(deficit);
  return r;
}

}  // namespace mechcheck::finite
