#include "finite/model/economy.hpp"

#include "finite/model/rules.hpp"
#include "mechcheck/cases/input_error.hpp"

#include <map>

namespace mechcheck::finite {

namespace {

std::string count_text(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// An array of exactly `size` rationals (the rule names what the entries are).
std::vector<Rational> rationals_of_size(const TomlNode& node, std::size_t size, const std::string& what) {
  const std::vector<TomlNode> elements = node.elements();
  if (elements.size() != size)
    node.fail(what + ": expected " + std::to_string(size) + " entries, found " + std::to_string(elements.size()));
  std::vector<Rational> out;
  for (const TomlNode& x : elements) out.push_back(x.rational());
  return out;
}

// Probabilities: each >= 0 (reported at the entry), summing to exactly 1 (reported at the array).
void require_distribution(const TomlNode& array, const std::vector<Rational>& p, const std::string& what) {
  const std::vector<TomlNode> elements = array.elements();
  Rational sum = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (p[k] < 0) elements[k].fail(what + " must be >= 0, but it is " + to_string(p[k]));
    sum += p[k];
  }
  if (sum != 1) array.fail(what + " must sum to 1, but they sum to " + to_string(sum));
}

std::vector<std::string> parse_outcomes(const TomlNode& node) {
  std::vector<std::string> names;
  for (const TomlNode& x : node.elements()) {
    const std::string name = x.string();
    if (name.empty()) x.fail("an outcome's name must not be empty");
    for (const auto& seen : names)
      if (seen == name) x.fail("outcome '" + name + "' is listed twice");
    names.push_back(name);
  }
  if (names.empty() || names.size() > max_outcomes)
    node.fail("outcomes: between 1 and " + std::to_string(max_outcomes) + " outcomes, found " +
              std::to_string(names.size()));
  return names;
}

Agent parse_agent(const TomlNode& node, std::size_t index, std::size_t outcomes, bool joint_prior) {
  node.allow_only({"name", "types", "probabilities", "quantities", "values"});
  Agent a;
  a.name = node.has("name") ? node.string("name") : "agent " + std::to_string(index + 1);
  const TomlNode types = node.at("types");
  a.types = types.rationals();
  if (a.types.empty() || a.types.size() > max_types)
    types.fail("types: between 1 and " + std::to_string(max_types) + " types, found " + std::to_string(a.types.size()));
  for (std::size_t k = 1; k < a.types.size(); ++k)
    if (!(a.types[k - 1] < a.types[k]))
      types.elements()[k].fail("types must be strictly increasing, but " + to_string(a.types[k]) + " follows " +
                               to_string(a.types[k - 1]));
  if (joint_prior) {
    if (node.has("probabilities"))
      node.at("probabilities")
          .fail("probabilities: the prior is the joint table [[finite.joint]], so no agent has its own marginals");
  } else {
    const TomlNode p = node.at("probabilities");
    a.marginal = rationals_of_size(p, a.types.size(), "probabilities (one per type)");
    require_distribution(p, a.marginal, "probabilities");
    for (std::size_t k = 0; k < a.marginal.size(); ++k)
      if (a.marginal[k] == 0)
        p.elements()[k].fail(
            "a type's probability must be positive (a type of probability 0 has no interim "
            "beliefs: leave it out)");
  }
  if (node.has("quantities") == node.has("values"))
    node.fail("give exactly one of quantities (value = quantity x type) and values (a table: one row per type)");
  if (node.has("quantities")) {
    const std::vector<Rational> q = rationals_of_size(node.at("quantities"), outcomes, "quantities (one per outcome)");
    for (const Rational& t : a.types) {
      std::vector<Rational> row;
      for (const Rational& x : q) row.push_back(x * t);
      a.values.push_back(std::move(row));
    }
    a.quantities = q;
  } else {
    const TomlNode table = node.at("values");
    const std::vector<TomlNode> rows = table.elements();
    if (rows.size() != a.types.size())
      table.fail("values: expected one row per type (" + std::to_string(a.types.size()) + "), found " +
                 std::to_string(rows.size()));
    for (const TomlNode& row : rows)
      a.values.push_back(rationals_of_size(row, outcomes, "a row of values (one per outcome)"));
  }
  return a;
}

void set_strides(Economy& e, const TomlNode& agents) {
  std::size_t stride = 1;
  e.strides.assign(e.agents.size(), 0);
  for (std::size_t i = e.agents.size(); i-- > 0;) {
    e.strides[i] = stride;
    stride *= e.agents[i].types.size();
    if (stride > max_profiles)
      agents.fail("the type profiles number more than " + std::to_string(max_profiles) +
                  ": the finite model enumerates every profile");
  }
  if (stride * e.outcomes.size() > max_lottery_entries)
    agents.fail("profiles x outcomes exceed " + std::to_string(max_lottery_entries));
  e.prior.assign(stride, Rational(0));
}

// The type index of `value` for agent i; fails at the node naming the agent's types.
std::size_t type_index(const Economy& e, std::size_t agent, const TomlNode& node) {
  const Rational value = node.rational();
  const auto& types = e.agents[agent].types;
  for (std::size_t k = 0; k < types.size(); ++k)
    if (types[k] == value) return k;
  node.fail(to_string(value) + " is not a type of " + e.agents[agent].name);
}

}  // namespace

std::size_t parse_profile(const Economy& e, const TomlNode& types) {
  const std::vector<TomlNode> entries = types.elements();
  if (entries.size() != e.agents.size())
    types.fail("types: a profile has one type per agent (" + std::to_string(e.agents.size()) + "), found " +
               std::to_string(entries.size()));
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < entries.size(); ++i) index.push_back(type_index(e, i, entries[i]));
  return profile_index(e, index);
}

namespace {

// [[finite.joint]]: every profile once, probabilities >= 0 summing to 1; each type's marginal > 0.
void parse_joint_prior(Economy& e, const TomlNode& joint) {
  std::vector<bool> seen(e.profile_count(), false);
  Rational sum = 0;
  for (const TomlNode& row : joint.elements()) {
    row.allow_only({"types", "probability"});
    const std::size_t r = parse_profile(e, row.at("types"));
    if (seen[r]) row.at("types").fail("profile " + profile_text(e, r) + " is listed twice in [[finite.joint]]");
    seen[r] = true;
    const Rational p = row.rational("probability");
    if (p < 0) row.at("probability").fail("a probability must be >= 0, but it is " + to_string(p));
    e.prior[r] = p;
    sum += p;
  }
  for (std::size_t r = 0; r < seen.size(); ++r)
    if (!seen[r])
      joint.fail("[[finite.joint]] lists every type profile once; " + profile_text(e, r) + " is missing (" +
                 count_text(e.profile_count(), "profile") + ")");
  if (sum != 1) joint.fail("the joint probabilities must sum to 1, but they sum to " + to_string(sum));
  for (std::size_t i = 0; i < e.agents.size(); ++i) {
    Agent& a = e.agents[i];
    a.marginal.assign(a.types.size(), Rational(0));
    for (std::size_t r = 0; r < e.profile_count(); ++r) a.marginal[profile_types(e, r)[i]] += e.prior[r];
    for (std::size_t k = 0; k < a.types.size(); ++k)
      if (a.marginal[k] == 0)
        joint.fail("type " + to_string(a.types[k]) + " of " + a.name +
                   " has probability 0 in the joint table (it has no interim beliefs: leave it out)");
  }
}

void fill_independent_prior(Economy& e) {
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::vector<std::size_t> t = profile_types(e, r);
    Rational p = 1;
    for (std::size_t i = 0; i < t.size(); ++i) p *= e.agents[i].marginal[t[i]];
    e.prior[r] = p;
  }
}

BudgetBalance parse_balance(const TomlNode& table) {
  if (!table.has("budget_balance")) return BudgetBalance::weak;
  const TomlNode node = table.at("budget_balance");
  const std::string s = node.string();
  if (s == "weak") return BudgetBalance::weak;
  if (s == "strong") return BudgetBalance::strong;
  node.fail("budget_balance must be \"weak\" (no deficit) or \"strong\" (exactly balanced), but it is \"" + s + "\"");
}

Design parse_design(const Economy& e, const TomlNode& node) {
  node.allow_only({"objective", "constraints"});
  Design d;
  if (node.has("objective")) {
    const TomlNode objective = node.at("objective");
    const std::string name = objective.string();
    const Objective all[] = {Objective::feasibility, Objective::revenue, Objective::welfare, Objective::subsidy};
    bool known = false;
    for (Objective o : all)
      if (name == objective_name(o)) d.objective = o, known = true;
    if (!known)
      objective.fail(
          "objective must be \"revenue\" (maximize the expected payments), \"welfare\" (maximize the "
          "expected surplus), \"subsidy\" (minimize the expected subsidy) or \"none\" (any mechanism "
          "with the constraints), but it is \"" +
          name + "\"");
  }
  if (!node.has("constraints")) return d;
  const Property all[] = {Property::dsic,      Property::bic,       Property::expost_ir,  Property::interim_ir,
                          Property::expost_bb, Property::exante_bb, Property::efficiency, Property::monotonicity};
  for (const TomlNode& entry : node.at("constraints").elements()) {
    const std::string name = entry.string();
    std::optional<Property> found;
    for (Property p : all)
      if (name == property_name(p)) found = p;
    if (!found)
      entry.fail("unknown constraint \"" + name +
                 "\" (one of dsic, bic, expost_ir, interim_ir, expost_bb, exante_bb, efficiency, monotonicity)");
    for (Property seen : d.constraints)
      if (seen == *found) entry.fail("constraint \"" + name + "\" is listed twice");
    if (*found == Property::monotonicity)
      for (const Agent& a : e.agents)
        if (!a.quantities)
          entry.fail("monotonicity needs every agent's values as quantities (value = quantity x type), but " + a.name +
                     " has a values table");
    d.constraints.push_back(*found);
  }
  return d;
}

}  // namespace

const char* property_name(Property p) {
  switch (p) {
    case Property::dsic:
      return "dsic";
    case Property::bic:
      return "bic";
    case Property::expost_ir:
      return "expost_ir";
    case Property::interim_ir:
      return "interim_ir";
    case Property::expost_bb:
      return "expost_bb";
    case Property::exante_bb:
      return "exante_bb";
    case Property::efficiency:
      return "efficiency";
    case Property::monotonicity:
      return "monotonicity";
  }
  return "?";
}

const char* objective_name(Objective o) {
  switch (o) {
    case Objective::feasibility:
      return "none";
    case Objective::revenue:
      return "revenue";
    case Objective::welfare:
      return "welfare";
    case Objective::subsidy:
      return "subsidy";
  }
  return "?";
}

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.allow_only({"outcomes", "costs", "budget_balance", "agent", "joint", "mechanism", "design"});
  auto e = std::make_shared<Economy>();
  e->outcomes = parse_outcomes(table.at("outcomes"));
  e->costs = table.has("costs") ? rationals_of_size(table.at("costs"), e->outcomes.size(), "costs (one per outcome)")
                                : std::vector<Rational>(e->outcomes.size(), Rational(0));
  e->balance = parse_balance(table);
  e->independent_prior = !table.has("joint");
  const TomlNode agents = table.at("agent");
  const std::vector<TomlNode> agent_nodes = agents.elements();
  if (agent_nodes.empty() || agent_nodes.size() > max_agents)
    agents.fail("[[finite.agent]]: between 1 and " + std::to_string(max_agents) + " agents, found " +
                std::to_string(agent_nodes.size()));
  for (std::size_t i = 0; i < agent_nodes.size(); ++i)
    e->agents.push_back(parse_agent(agent_nodes[i], i, e->outcomes.size(), !e->independent_prior));
  set_strides(*e, agents);
  if (e->independent_prior) fill_independent_prior(*e);
  else parse_joint_prior(*e, table.at("joint"));
  if (table.has("mechanism")) build_mechanism(*e, table.at("mechanism"));
  if (table.has("design")) e->design = parse_design(*e, table.at("design"));
  return e;
}

std::vector<std::size_t> profile_types(const Economy& e, std::size_t profile) {
  std::vector<std::size_t> t(e.agents.size());
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = (profile / e.strides[i]) % e.agents[i].types.size();
  return t;
}

std::size_t profile_index(const Economy& e, const std::vector<std::size_t>& types) {
  std::size_t r = 0;
  for (std::size_t i = 0; i < types.size(); ++i) r += types[i] * e.strides[i];
  return r;
}

std::size_t with_type(const Economy& e, std::size_t profile, std::size_t agent, std::size_t k) {
  const std::size_t current = (profile / e.strides[agent]) % e.agents[agent].types.size();
  return profile - current * e.strides[agent] + k * e.strides[agent];
}

Rational lottery_value(const Economy& e, std::size_t agent, std::size_t true_type, std::size_t reported) {
  const auto& p = e.lottery[reported];
  const auto& v = e.agents[agent].values[true_type];
  Rational sum = 0;
  for (std::size_t o = 0; o < p.size(); ++o)
    if (p[o] != 0) sum += p[o] * v[o];
  return sum;
}

Rational utility(const Economy& e, std::size_t agent, std::size_t true_type, std::size_t reported) {
  return lottery_value(e, agent, true_type, reported) - e.payments[reported][agent];
}

Rational outcome_surplus(const Economy& e, std::size_t profile, std::size_t outcome) {
  const std::vector<std::size_t> t = profile_types(e, profile);
  Rational sum = -e.costs[outcome];
  for (std::size_t i = 0; i < t.size(); ++i) sum += e.agents[i].values[t[i]][outcome];
  return sum;
}

Rational mechanism_surplus(const Economy& e, std::size_t profile) {
  Rational sum = 0;
  for (std::size_t o = 0; o < e.outcomes.size(); ++o)
    if (e.lottery[profile][o] != 0) sum += e.lottery[profile][o] * outcome_surplus(e, profile, o);
  return sum;
}

Rational budget_surplus(const Economy& e, std::size_t profile) {
  Rational sum = 0;
  for (const Rational& p : e.payments[profile]) sum += p;
  for (std::size_t o = 0; o < e.outcomes.size(); ++o) sum -= e.lottery[profile][o] * e.costs[o];
  return sum;
}

std::string profile_text(const Economy& e, std::size_t profile) {
  const std::vector<std::size_t> t = profile_types(e, profile);
  std::string s = "(";
  for (std::size_t i = 0; i < t.size(); ++i) s += (i ? ", " : "") + to_string(e.agents[i].types[t[i]]);
  return s + ")";
}

Rational interim_utility(const Economy& e, std::size_t agent, std::size_t k, std::size_t m) {
  // E[u | t_i = k] = sum_{t_-i} P(k, t_-i) u(k; m, t_-i) / P_i(k).
  Rational sum = 0;
  for_each_profile_with(e, agent, k, [&](std::size_t r, const Rational& p) {
    if (p != 0) sum += p * utility(e, agent, k, with_type(e, r, agent, m));
  });
  return sum / e.agents[agent].marginal[k];
}

bool prior_is_product(const Economy& e, std::size_t& first_difference) {
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::vector<std::size_t> t = profile_types(e, r);
    Rational product = 1;
    for (std::size_t i = 0; i < t.size(); ++i) product *= e.agents[i].marginal[t[i]];
    if (product != e.prior[r]) {
      first_difference = r;
      return false;
    }
  }
  return true;
}

Rational interim_quantity(const Economy& e, std::size_t agent, std::size_t k) {
  const std::vector<Rational>& q = *e.agents[agent].quantities;
  Rational sum = 0;
  for_each_profile_with(e, agent, k, [&](std::size_t r, const Rational& p) {
    if (p == 0) return;
    Rational expected = 0;
    for (std::size_t o = 0; o < q.size(); ++o) expected += e.lottery[r][o] * q[o];
    sum += p * expected;
  });
  return sum / e.agents[agent].marginal[k];
}

}  // namespace mechcheck::finite
