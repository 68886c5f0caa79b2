#include "ly/paper.hpp"

#include "ly/claims/claims.hpp"
#include "ly/model/economy.hpp"

namespace mechcheck::proofs {

std::unique_ptr<Claim> make_ly_implementability();
std::unique_ptr<Claim> make_ly_class2();
std::unique_ptr<Claim> make_ly_perfect_correlation();
std::unique_ptr<Claim> make_ly_efficiency_structure();
std::unique_ptr<Claim> make_ly_subsidy();

}  // namespace mechcheck::proofs

namespace mechcheck::ly {

namespace {

// The claims of the paper, in the order of the paper.
std::vector<std::unique_ptr<Claim>> claims() {
  std::vector<std::unique_ptr<Claim>> claims;
  claims.push_back(proofs::make_ly_implementability());
  claims.push_back(proofs::make_ly_class2());
  claims.push_back(proofs::make_ly_perfect_correlation());
  claims.push_back(proofs::make_ly_efficiency_structure());
  claims.push_back(proofs::make_ly_subsidy());
  return claims;
}

}  // namespace

Paper paper() {
  Paper p;
  p.id = "ly";
  p.short_citation = "Larionov & Yamashita (2024)";
  p.citation =
      "Daniil Larionov and Takuro Yamashita, \"Bilateral Trade with Costly Information Acquisition\", slides dated "
      "August 25, 2024";
  p.parse_model = parse_economy;
  p.make_claims = claims;
  p.make_generator = make_generator;
  p.findings = findings();
  return p;
}

}  // namespace mechcheck::ly
