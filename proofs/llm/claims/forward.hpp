#pragma once
// Judging steps of llm.cor1, llm.prop3_4 and llm.prop5_6 (Liu, Loertscher & Marx 2020,
// Sections 4.2 and 5.1), exposed so tests can feed them the output of a seeded bug.
#include "mechcheck/claims/claim.hpp"
#include "llm/model/forward_market.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs {

// llm.cor1's conclusion at one common k: r* = (1/n, ..., 1/n) exactly, the worst-off types at
// holdings 1/n are common, and the expected surplus Pi_r at r = 1/n is >= 0 (the market operates).
// Returns the failure in words.
std::optional<std::string> equal_holdings_failure(const std::vector<Algebraic>& r_star,
                                                  const std::vector<Algebraic>& worst_off_at_equal,
                                                  const Algebraic& surplus_at_equal);
// The same, computed for the economy with every k_i = k.
std::optional<std::string> cor1_failure_at(const llm::Economy& e, const Rational& k);

// Forward-market payoff of agent i demanding x while the others demand their target holdings.
using ForwardPayoff = std::function<Algebraic(std::size_t i, const Algebraic& x)>;
// Nash check: no agent gains by deviating to x in {0, 1/grid, ..., 1} or to its endowment.
// `target` are the holdings that should be an equilibrium. Refuted with the best deviation.
struct Deviation {
  std::size_t agent = 0;
  Algebraic x, gain;
};
std::optional<Deviation> profitable_deviation(const std::vector<Algebraic>& target,
                                              const std::vector<Rational>& endowments, const ForwardPayoff& payoff,
                                              unsigned grid, long long& evaluations);

// The budget of the forward market at its equilibrium, two ways (direct sum of payments and the
// decomposition); the failure in words when they differ.
std::optional<std::string> budget_identity_failure(const Algebraic& direct, const Algebraic& decomposition);

}  // namespace mechcheck::proofs
