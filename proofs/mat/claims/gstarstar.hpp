#pragma once
// G** (Matsushima 2005, Section 4): the checks of properties (iv)-(viii) and of Theorem 2 on the
// restricted message spaces of [mat.interdependent] (proofs/mat/docs/theorem2.md).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"
#include "mat/model/gstarstar.hpp"

#include <vector>

namespace mechcheck::proofs {

// Properties (iv)-(viii) of G**, exhaustively over the restricted spaces: every opponents'
// profile (all opponents send one common concrete message, or with properties_opponents = "all"
// every multiset), every permutation (one per position of the trader when the opponents are
// identical: a proven orbit reduction), every price and rule, and every unilateral deviation of
// the trader over the whole restricted message space. Also checks (2), (3) and 0 <= x <= l on
// every allocation computed. Records through `check` and ends with its verdict: `holds`, or
// `refuted` with an exact witness. Needs [mat.interdependent].
Outcome check_gstarstar_properties(const mat::Economy& e, Check& check);

// The G** checks' precondition on a case's economy e (Checker::check_preconditions): equal
// endowments (the paper's symmetry (5), which the restricted checks rely on). Throws InputError
// at the endowment of c's first trader type that differs from trader 1's, naming `claim`.
void require_equal_endowments(const Case& c, const mat::Economy& e, const std::string& claim);

namespace mat_theorem2 {

// The restricted-game dominance rounds for one trader (exposed for tests).
struct Round {
  std::vector<std::vector<mat::GMessage>> own;                     // own messages per signal
  std::vector<mat::GStrategy> opponent_strategies;                 // the opponents' strategy menu
  std::vector<std::vector<int>> profiles;                          // strategy index per opponent (opponent order)
  std::vector<std::vector<Rational>> payoffs;                      // per signal: U[s * profiles + o]
  std::vector<std::vector<std::size_t>> undominated;               // per signal: indices into own[signal]
  std::vector<std::vector<std::optional<std::size_t>>> dominator;  // per signal
  std::uint64_t allocations = 0, signal_classes = 0;
};

// Round 1: own messages D x F2 x F3 against the opponents' menu (price-taking or pooling first
// announcements with every response-rule pair). Round 2: own messages = round-1 survivors,
// opponents' strategies = every map Omega_1 -> (round-1 survivors).
Round dominance_round(const mat::Economy& e, const mat::ResponseTables& tables,
                      const std::vector<std::vector<mat::GMessage>>& own,
                      const std::vector<mat::GStrategy>& opponent_strategies, const CheckContext& context,
                      const std::string& what);

}  // namespace mat_theorem2
}  // namespace mechcheck::proofs
