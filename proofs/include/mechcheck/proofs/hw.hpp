#pragma once
// Checkers of the hw claims (Hu & Wallace 2012).
#include "mechcheck/claims/registry.hpp"

namespace mechcheck::proofs {

void register_hw_claims(Registry& registry);

}  // namespace mechcheck::proofs
