#pragma once
// The re-checkers of the llm claims (Claim::recheck): each reads the outcome as reported (the
// witness and values as text) and recomputes the quantity it violates, or the certificate it
// gives, with the re-checkers' own spot market (llm/recheck/recheck_model.hpp). Nothing
// here calls a checker or the model library's formulas. nullopt: the outcome carries nothing
// this claim re-checks. Each reads the case's economy only.
#include "mechcheck/claims/claim.hpp"
#include "llm/model/economy.hpp"

#include <optional>

namespace mechcheck::proofs::llm_recheck {

std::optional<Recheck> recheck_lemma1(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_eq2(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop1(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_necessity(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_lemma2(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop2(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop7(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_groups(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_cor1(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop3_4(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop5_6(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_fig1(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop9(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop10(const llm::Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_prop11(const llm::Economy& e, const Outcome& outcome);

}  // namespace mechcheck::proofs::llm_recheck
