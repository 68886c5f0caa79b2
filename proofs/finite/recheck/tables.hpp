#pragma once
// The re-checks' own reading of a finite economy's tables: profile numbering by Horner's rule,
// ex post and interim utilities summed directly from the definitions. Used by recheck/*.cpp only.
#include "finite/model/economy.hpp"
#include "mechcheck/claims/outcome.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::finite::recheck_tables {

// The reported rational called `name` in `values`, or nullopt.
std::optional<Rational> reported(const std::vector<Value>& values, const std::string& name);
// The index of `type` among agent i's types, or nullopt.
std::optional<std::size_t> type_position(const Economy& e, std::size_t agent, const Rational& type);
// The reported profile type_1..type_n as type indices, or nullopt when one is missing or no type.
std::optional<std::vector<std::size_t>> reported_profile(const Economy& e, const std::vector<Value>& witness);
// The 1-based `agent` of the witness as a 0-based index, or nullopt.
std::optional<std::size_t> reported_agent(const Economy& e, const std::vector<Value>& witness);

// The row of the mechanism's table for a profile of type indices.
std::size_t row_of(const Economy& e, const std::vector<std::size_t>& types);
// The type indices of a row (the inverse of row_of).
std::vector<std::size_t> types_of_row(const Economy& e, std::size_t row);

// Agent i with true type index k at the reported profile `types`: value of the lottery minus payment.
Rational ex_post_utility(const Economy& e, std::size_t agent, std::size_t k, const std::vector<std::size_t>& types);
// E[u_i(k; m, t_-i) | t_i = k], with the conditional belief computed from the joint prior here.
Rational interim(const Economy& e, std::size_t agent, std::size_t k, std::size_t m);
// sum_i payments - the lottery's expected cost, at a row.
Rational budget_at(const Economy& e, std::size_t row);
// sum_i v_i(o, t_i) - c(o) at true type indices `types`.
Rational surplus_of(const Economy& e, std::size_t outcome, const std::vector<std::size_t>& types);

}  // namespace mechcheck::finite::recheck_tables
