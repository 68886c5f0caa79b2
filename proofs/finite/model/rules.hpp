#pragma once
// The mechanism of a finite economy: read from [finite.mechanism], either a table per reported
// profile or a named standard rule computed exactly on the instance (docs/model.md, "Rules").
#include "finite/model/economy.hpp"

namespace mechcheck::finite {

// Fills e.rule, e.rule_summary, e.lottery and e.payments from the [finite.mechanism] table (the
// agents, outcomes, costs and prior already read). Throws InputError at the offending key.
void build_mechanism(Economy& e, const TomlNode& mechanism);

// The profile index of a `types = [...]` array (one type per agent, each one of its types).
std::size_t parse_profile(const Economy& e, const TomlNode& types);

// Bilateral trade: agent 1 the buyer (quantities [0, 1]), agent 2 the seller ([0, -1]), outcomes
// [no trade, trade] without costs; a type is the buyer's value or the seller's cost.
bool is_bilateral_trade(const Economy& e);

// The first outcome (in the case's order) that maximizes sum_i v_i(o, t_i) - c(o) at profile t:
// the tie rule of every efficient named rule.
std::size_t efficient_outcome(const Economy& e, std::size_t profile);

}  // namespace mechcheck::finite
