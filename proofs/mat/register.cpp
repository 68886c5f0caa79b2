#include "mechcheck/proofs/mat.hpp"

namespace mechcheck::proofs {

void register_mat_claims(Registry& registry) {
  registry.add(mat_example::make_claim());
  registry.add(mat_feasibility::make_claim());
  registry.add(mat_properties::make_claim());
  registry.add(mat_theorem1::make_claim());
  registry.add(mat_remark3::make_claim());
  registry.add(mat_convergence::make_claim());
  registry.add(mat_theorem2::make_claim());
  registry.add(mat_necessity::make_claim());
}

}  // namespace mechcheck::proofs
