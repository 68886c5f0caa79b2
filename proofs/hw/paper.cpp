#include "hw/paper.hpp"

#include "hw/claims/claims.hpp"
#include "hw/model/economy.hpp"

namespace mechcheck::hw {

namespace {

// The claims of the paper, in the order of the paper.
std::vector<std::unique_ptr<Claim>> claims() {
  std::vector<std::unique_ptr<Claim>> claims;
  claims.push_back(proofs::hw_lemma1::make_claim());
  claims.push_back(proofs::hw_eq17::make_claim());
  claims.push_back(proofs::hw_lemma2::make_claim());
  claims.push_back(proofs::hw_a1::make_claim());
  claims.push_back(proofs::hw_necessity::make_claim());
  claims.push_back(proofs::hw_prop1::make_claim());
  claims.push_back(proofs::hw_prop2::make_claim());
  claims.push_back(proofs::hw_theorem1::make_claim());
  claims.push_back(proofs::hw_slides::make_claim());
  return claims;
}

}  // namespace

Paper paper() {
  Paper p;
  p.id = "hw";
  p.short_citation = "Hu & Wallace (2012)";
  p.citation =
      "Tai-Wei Hu and Neil Wallace, \"Optimality in a large two-stage market game\", working paper dated June 21, "
      "2012; and the companion slides \"Information aggregation and ex post optimality in a large, two-stage, Cournot "
      "market\" (undated; hw.slides_lemma)";
  p.parse_model = parse_economy;
  p.make_claims = claims;
  p.make_generator = make_generator;
  p.figures = figures();
  p.findings = findings();
  return p;
}

}  // namespace mechcheck::hw
