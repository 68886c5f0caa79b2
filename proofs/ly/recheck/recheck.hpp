#pragma once
// Independent re-checks of what the ly claims report (Claim::recheck): each reads the witness and
// values back from their printed text and recomputes, from the model's definition, what they
// assert, with code of its own (recheck.cpp) that shares nothing with the checkers: its own
// payoffs, posteriors, multipliers, mutual information and enclosures (raw MPFI), its own exact
// sign rules. nullopt when the outcome carries nothing to re-check.
#include "ly/model/economy.hpp"
#include "mechcheck/claims/claim.hpp"

#include <optional>

namespace mechcheck::proofs {

std::optional<Recheck> recheck_ly_implementability(const ly::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_ly_class2(const ly::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_ly_perfect_correlation(const ly::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_ly_efficiency_structure(const ly::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_ly_subsidy(const ly::Economy& e, const Outcome& outcome);

}  // namespace mechcheck::proofs
