#include "mechcheck/proofs/ly.hpp"

namespace mechcheck::proofs {

std::unique_ptr<Claim> make_ly_implementability();
std::unique_ptr<Claim> make_ly_class2();
std::unique_ptr<Claim> make_ly_perfect_correlation();
std::unique_ptr<Claim> make_ly_efficiency_structure();
std::unique_ptr<Claim> make_ly_subsidy();

void register_ly_claims(Registry& registry) {
  registry.add(make_ly_implementability());
  registry.add(make_ly_class2());
  registry.add(make_ly_perfect_correlation());
  registry.add(make_ly_efficiency_structure());
  registry.add(make_ly_subsidy());
}

}  // namespace mechcheck::proofs
