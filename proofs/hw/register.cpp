#include "mechcheck/proofs/hw.hpp"

namespace mechcheck::proofs {

void register_hw_claims(Registry& registry) {
  registry.add(hw_lemma1::make_claim());
  registry.add(hw_eq17::make_claim());
  registry.add(hw_lemma2::make_claim());
  registry.add(hw_a1::make_claim());
  registry.add(hw_necessity::make_claim());
  registry.add(hw_prop1::make_claim());
  registry.add(hw_prop2::make_claim());
  registry.add(hw_theorem1::make_claim());
  registry.add(hw_slides::make_claim());
}

}  // namespace mechcheck::proofs
