#include "mechcheck/claims/registry.hpp"
#include "mechcheck/proofs/hw.hpp"
#include "mechcheck/proofs/llm.hpp"
#include "mechcheck/proofs/ly.hpp"
#include "mechcheck/proofs/mat.hpp"

namespace mechcheck {

const Registry& claim_registry() {
  static const Registry instance = [] {
    Registry r;
    proofs::register_llm_claims(r);
    proofs::register_hw_claims(r);
    proofs::register_mat_claims(r);
    proofs::register_ly_claims(r);
    return r;
  }();
  return instance;
}

}  // namespace mechcheck
