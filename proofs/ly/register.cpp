#include "mechcheck/proofs/ly.hpp"

namespace mechcheck::proofs {

void register_ly_claims(Registry&) {}

}  // namespace mechcheck::proofs
