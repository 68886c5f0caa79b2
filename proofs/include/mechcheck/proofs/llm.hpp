#pragma once
// Checkers of the llm claims (Liu, Loertscher & Marx 2020).
#include "mechcheck/claims/registry.hpp"

namespace mechcheck::proofs {

void register_llm_claims(Registry& registry);

}  // namespace mechcheck::proofs
