#pragma once
// The finite model: a mechanism on a finite economy, everything an exact rational. Agents with
// finite type sets and a prior (independent marginals or a joint table over type profiles); a
// finite set of outcomes (a mechanism may choose a lottery over them) with an optional cost to the
// mechanism; each agent's value of each outcome per type (a table, or quantity x type); and the
// mechanism as a table per reported profile (a lottery and each agent's payment), either given or
// computed at load time from a named rule (VCG/second-price/pivot, AGV, posted price, k-double
// auction). The TOML layout and the readings are in proofs/finite/docs/model.md.
//
// Profiles are numbered lexicographically, agent 1's type the most significant digit:
// index(t) = sum_i t_i * stride_i with stride_n = 1 and stride_i = |T_{i+1}| * stride_{i+1}.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/number/rational.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::finite {

struct Agent {
  std::string name;
  std::vector<Rational> types;     // strictly increasing
  std::vector<Rational> marginal;  // P_i(t_i) > 0 for each type (given, or the joint's marginal)
  // values[k][o]: the value of outcome o to this agent when its type is types[k].
  std::vector<std::vector<Rational>> values;
  // Set when the case gave values as quantity x type (single-good markets): quantities[o].
  std::optional<std::vector<Rational>> quantities;
};

enum class BudgetBalance { weak, strong };

// The properties a mechanism may be asked to have: the finite property claims, and the constraint
// families of the design LP (model/design.hpp).
enum class Property { dsic, bic, expost_ir, interim_ir, expost_bb, exante_bb, efficiency, monotonicity };
const char* property_name(Property p);  // "dsic", "bic", ... (the claim id after "finite.")

// [finite.design]: what finite.design looks for. The objective is maximized over mechanisms with
// every listed property (subsidy: the expected budget surplus E[B] is maximized, so the expected
// subsidy -E[B] minimized); feasibility asks only whether one exists.
enum class Objective { feasibility, revenue, welfare, subsidy };
const char* objective_name(Objective o);  // "none", "revenue", "welfare", "subsidy"
struct Design {
  Objective objective = Objective::feasibility;
  std::vector<Property> constraints;  // in the case's order, no repeats
};

struct Economy : ModelData {
  std::vector<Agent> agents;
  std::vector<std::string> outcomes;
  std::vector<Rational> costs;  // the mechanism's cost of each outcome (0 unless given)
  BudgetBalance balance = BudgetBalance::weak;
  bool independent_prior = true;
  std::vector<Rational> prior;       // P(t) by profile index
  std::vector<std::size_t> strides;  // stride_i of the profile numbering

  std::string rule;          // "table", "vcg", "second_price", "pivot", "agv", "posted_price", "k_double_auction"
  std::string rule_summary;  // one line, e.g. "k-double auction, k = 1/2"
  // The mechanism at every reported profile (by index): lottery[r][o] (sums to 1) and
  // payments[r][i], the payment agent i makes (negative: the agent receives money).
  std::vector<std::vector<Rational>> lottery;
  std::vector<std::vector<Rational>> payments;
  // [finite.design], when the case asks finite.design for a mechanism.
  std::optional<Design> design;

  // A case may describe only a design problem: then there is no mechanism to check.
  bool has_mechanism() const { return !lottery.empty(); }

  std::size_t agent_count() const { return agents.size(); }
  std::size_t profile_count() const { return prior.size(); }
};

// Largest economies the parser accepts (every claim enumerates profiles x types at most).
inline constexpr std::size_t max_agents = 8, max_types = 50, max_outcomes = 64, max_profiles = 20000,
                             max_lottery_entries = 400000;

// The [finite] table (docs/model.md). Throws InputError at the offending key.
std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);

// Profile numbering (see above).
std::vector<std::size_t> profile_types(const Economy& e, std::size_t profile);
std::size_t profile_index(const Economy& e, const std::vector<std::size_t>& types);
// The profile with agent i's type index replaced by k.
std::size_t with_type(const Economy& e, std::size_t profile, std::size_t agent, std::size_t k);

// sum_o lottery[r][o] * values_i[k][o]: agent i's expected value of the outcome chosen at reported
// profile r when its true type is types[k].
Rational lottery_value(const Economy& e, std::size_t agent, std::size_t true_type, std::size_t reported);
// Quasilinear utility: lottery_value minus the payment made at r.
Rational utility(const Economy& e, std::size_t agent, std::size_t true_type, std::size_t reported);
// sum_i v_i(o, t_i) - c(o): the surplus of outcome o at the true profile t.
Rational outcome_surplus(const Economy& e, std::size_t profile, std::size_t outcome);
// The expected surplus of the mechanism's lottery at the truthful profile t.
Rational mechanism_surplus(const Economy& e, std::size_t profile);
// sum_i payments - expected cost of the lottery: the mechanism's budget surplus at profile r.
Rational budget_surplus(const Economy& e, std::size_t profile);
// A profile written for people: "(1, 1/2)".
std::string profile_text(const Economy& e, std::size_t profile);

// The interim view of agent i of type index k: the others' profiles weighted by P(t_i = k, t_-i)
// (divide by marginal to condition). Calls f(profile, joint probability) for every profile with
// t_i = k, in increasing profile index.
template <class F>
void for_each_profile_with(const Economy& e, std::size_t agent, std::size_t k, F&& f) {
  const std::size_t stride = e.strides[agent], size = e.agents[agent].types.size();
  for (std::size_t r = 0; r < e.profile_count(); ++r)
    if ((r / stride) % size == k) f(r, e.prior[r]);
}

// Agent i of true type index k reporting type index m, others truthful: the interim expected
// utility E[u_i(t_i; m, t_-i) | t_i = k] under the prior's conditional belief.
Rational interim_utility(const Economy& e, std::size_t agent, std::size_t k, std::size_t m);
// Whether the prior equals the product of its marginals, exactly; when not, the first profile
// where it differs.
bool prior_is_product(const Economy& e, std::size_t& first_difference);

// E[sum_o lottery(t) q_i(o) | t_i = k]: the interim expected quantity (quantities required).
Rational interim_quantity(const Economy& e, std::size_t agent, std::size_t k);

}  // namespace mechcheck::finite
