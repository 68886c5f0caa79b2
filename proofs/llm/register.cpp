#include "mechcheck/proofs/llm.hpp"

namespace mechcheck::proofs {

std::unique_ptr<Claim> make_llm_lemma1();
std::unique_ptr<Claim> make_llm_fig1();
std::unique_ptr<Claim> make_llm_eq2();
std::unique_ptr<Claim> make_llm_prop1();
std::unique_ptr<Claim> make_llm_prop2();
std::unique_ptr<Claim> make_llm_lemma2();
std::unique_ptr<Claim> make_llm_prop7();
std::unique_ptr<Claim> make_llm_necessity();
std::unique_ptr<Claim> make_llm_groups();
std::unique_ptr<Claim> make_llm_prop9();
std::unique_ptr<Claim> make_llm_prop10();
std::unique_ptr<Claim> make_llm_prop11();
std::unique_ptr<Claim> make_llm_prop3_4();
std::unique_ptr<Claim> make_llm_cor1();
std::unique_ptr<Claim> make_llm_prop5_6();

void register_llm_claims(Registry& registry) {
  registry.add(make_llm_lemma1());
  registry.add(make_llm_fig1());
  registry.add(make_llm_eq2());
  registry.add(make_llm_prop1());
  registry.add(make_llm_prop2());
  registry.add(make_llm_lemma2());
  registry.add(make_llm_prop7());
  registry.add(make_llm_necessity());
  registry.add(make_llm_groups());
  registry.add(make_llm_prop9());
  registry.add(make_llm_prop10());
  registry.add(make_llm_prop11());
  registry.add(make_llm_prop3_4());
  registry.add(make_llm_cor1());
  registry.add(make_llm_prop5_6());
}

}  // namespace mechcheck::proofs
