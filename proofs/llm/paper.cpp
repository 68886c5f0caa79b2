#include "llm/paper.hpp"

#include "llm/claims/claims.hpp"
#include "llm/model/economy.hpp"

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

}  // namespace mechcheck::proofs

namespace mechcheck::llm {

namespace {

// The claims of the paper, in the order of the paper.
std::vector<std::unique_ptr<Claim>> claims() {
  std::vector<std::unique_ptr<Claim>> claims;
  claims.push_back(proofs::make_llm_lemma1());
  claims.push_back(proofs::make_llm_fig1());
  claims.push_back(proofs::make_llm_eq2());
  claims.push_back(proofs::make_llm_prop1());
  claims.push_back(proofs::make_llm_prop2());
  claims.push_back(proofs::make_llm_lemma2());
  claims.push_back(proofs::make_llm_prop7());
  claims.push_back(proofs::make_llm_necessity());
  claims.push_back(proofs::make_llm_groups());
  claims.push_back(proofs::make_llm_prop9());
  claims.push_back(proofs::make_llm_prop10());
  claims.push_back(proofs::make_llm_prop11());
  claims.push_back(proofs::make_llm_prop3_4());
  claims.push_back(proofs::make_llm_cor1());
  claims.push_back(proofs::make_llm_prop5_6());
  return claims;
}

}  // namespace

Paper paper() {
  Paper p;
  p.id = "llm";
  p.short_citation = "Liu, Loertscher & Marx (2020)";
  p.citation =
      "Bing Liu, Simon Loertscher and Leslie M. Marx, \"Efficient spot markets through forward markets\", working "
      "paper dated September 6, 2020";
  p.parse_model = parse_economy;
  p.make_claims = claims;
  p.make_generator = make_generator;
  p.figures = figures();
  p.findings = findings();
  return p;
}

}  // namespace mechcheck::llm
