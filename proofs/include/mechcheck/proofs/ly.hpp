#pragma once
// Checkers of the ly claims (Larionov & Yamashita 2024).
#include "mechcheck/claims/registry.hpp"

namespace mechcheck::proofs {

void register_ly_claims(Registry& registry);

}  // namespace mechcheck::proofs
