#include "finite/paper.hpp"

#include "finite/claims/claims.hpp"
#include "finite/model/economy.hpp"

namespace mechcheck::finite {

Paper paper() {
  Paper p;
  p.id = "finite";
  p.short_citation = "finite mechanisms";
  p.citation =
      "Finite mechanisms and their standard properties, as defined in Andreu Mas-Colell, Michael D. Whinston and "
      "Jerry R. Green, Microeconomic Theory, Oxford University Press 1995, ch. 23, and Roger B. Myerson, \"Optimal "
      "Auction Design\", Mathematics of Operations Research 6(1), 58-73, 1981 (Lemma 2)";
  p.parse_model = parse_economy;
  p.make_claims = [] {
    std::vector<std::unique_ptr<Claim>> claims;
    claims.push_back(make_dsic());
    claims.push_back(make_bic());
    claims.push_back(make_expost_ir());
    claims.push_back(make_interim_ir());
    claims.push_back(make_expost_bb());
    claims.push_back(make_exante_bb());
    claims.push_back(make_efficiency());
    claims.push_back(make_monotonicity());
    claims.push_back(make_expectations());
    claims.push_back(make_design());
    claims.push_back(make_myerson_satterthwaite());
    return claims;
  };
  p.make_generator = make_generator;
  return p;
}

}  // namespace mechcheck::finite
