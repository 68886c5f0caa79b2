#include "finite/recheck/tables.hpp"

namespace mechcheck::finite::recheck_tables {

std::optional<Rational> reported(const std::vector<Value>& values, const std::string& name) {
  for (const Value& v : values)
    if (v.name == name) return parse_rational(v.text);
  return std::nullopt;
}

std::optional<std::size_t> type_position(const Economy& e, std::size_t agent, const Rational& type) {
  const auto& types = e.agents[agent].types;
  for (std::size_t k = 0; k < types.size(); ++k)
    if (types[k] == type) return k;
  return std::nullopt;
}

std::optional<std::vector<std::size_t>> reported_profile(const Economy& e, const std::vector<Value>& witness) {
  std::vector<std::size_t> types;
  for (std::size_t i = 0; i < e.agents.size(); ++i) {
    const auto t = reported(witness, "type_" + std::to_string(i + 1));
    if (!t) return std::nullopt;
    const auto k = type_position(e, i, *t);
    if (!k) return std::nullopt;
    types.push_back(*k);
  }
  return types;
}

std::optional<std::size_t> reported_agent(const Economy& e, const std::vector<Value>& witness) {
  const auto a = reported(witness, "agent");
  if (!a || *a < 1 || *a > static_cast<long long>(e.agents.size()) || denominator(*a) != 1) return std::nullopt;
  return static_cast<std::size_t>(numerator(*a).convert_to<long long>() - 1);
}

std::size_t row_of(const Economy& e, const std::vector<std::size_t>& types) {
  // Horner's rule in the mixed radix (|T_1|, ..., |T_n|), agent 1 the most significant digit.
  std::size_t row = 0;
  for (std::size_t i = 0; i < types.size(); ++i) row = row * e.agents[i].types.size() + types[i];
  return row;
}

std::vector<std::size_t> types_of_row(const Economy& e, std::size_t row) {
  std::vector<std::size_t> types(e.agents.size());
  for (std::size_t i = e.agents.size(); i-- > 0;) {
    types[i] = row % e.agents[i].types.size();
    row /= e.agents[i].types.size();
  }
  return types;
}

Rational ex_post_utility(const Economy& e, std::size_t agent, std::size_t k, const std::vector<std::size_t>& types) {
  const std::size_t row = row_of(e, types);
  Rational u = -e.payments[row][agent];
  for (std::size_t o = 0; o < e.outcomes.size(); ++o) u += e.lottery[row][o] * e.agents[agent].values[k][o];
  return u;
}

Rational interim(const Economy& e, std::size_t agent, std::size_t k, std::size_t m) {
  Rational weighted = 0, mass = 0;
  for (std::size_t row = 0; row < e.prior.size(); ++row) {
    std::vector<std::size_t> types = types_of_row(e, row);
    if (types[agent] != k) continue;
    mass += e.prior[row];
    types[agent] = m;
    weighted += e.prior[row] * ex_post_utility(e, agent, k, types);
  }
  return weighted / mass;
}

Rational budget_at(const Economy& e, std::size_t row) {
  Rational b = 0;
  for (const Rational& x : e.payments[row]) b += x;
  for (std::size_t o = 0; o < e.outcomes.size(); ++o) b -= e.lottery[row][o] * e.costs[o];
  return b;
}

Rational surplus_of(const Economy& e, std::size_t outcome, const std::vector<std::size_t>& types) {
  Rational s = -e.costs[outcome];
  for (std::size_t i = 0; i < types.size(); ++i) s += e.agents[i].values[types[i]][outcome];
  return s;
}

}  // namespace mechcheck::finite::recheck_tables
