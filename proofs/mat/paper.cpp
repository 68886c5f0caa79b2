#include "mat/paper.hpp"

#include "mat/claims/claims.hpp"
#include "mat/model/economy.hpp"

namespace mechcheck::mat {

namespace {

// The claims of the paper, in the order of the paper.
std::vector<std::unique_ptr<Claim>> claims() {
  std::vector<std::unique_ptr<Claim>> claims;
  claims.push_back(proofs::mat_example::make_claim());
  claims.push_back(proofs::mat_feasibility::make_claim());
  claims.push_back(proofs::mat_properties::make_claim());
  claims.push_back(proofs::mat_theorem1::make_claim());
  claims.push_back(proofs::mat_remark3::make_claim());
  claims.push_back(proofs::mat_convergence::make_claim());
  claims.push_back(proofs::mat_theorem2::make_claim());
  claims.push_back(proofs::mat_necessity::make_claim());
  return claims;
}

}  // namespace

Paper paper() {
  Paper p;
  p.id = "mat";
  p.short_citation = "Matsushima (2005)";
  p.citation =
      "Hitoshi Matsushima, \"Large Market Design in Dominance\", University of Tokyo, working paper dated June 6, 2005 "
      "(first version June 14, 2004)";
  p.parse_model = parse_economy;
  p.make_claims = claims;
  p.make_generator = make_generator;
  p.figures = figures();
  p.exports = exports();
  p.findings = findings();
  return p;
}

}  // namespace mechcheck::mat
