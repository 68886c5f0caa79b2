#include "mechcheck/proofs/hw.hpp"

namespace mechcheck::proofs {

void register_hw_claims(Registry& registry) {
  registry.add(hw_lemma1::make_claim());
}

}  // namespace mechcheck::proofs
