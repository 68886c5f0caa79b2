#include "bk/paper.hpp"

#include "bk/claims/claims.hpp"
#include "bk/model/auction.hpp"

namespace bk {

mechcheck::Paper paper() {
  mechcheck::Paper p;
  p.id = "bk";
  p.short_citation = "Bulow & Klemperer (1996)";
  p.citation =
      "Jeremy Bulow and Paul Klemperer, \"Auctions Versus Negotiations\", The American Economic Review "
      "86(1), 180-194, 1996";
  p.parse_model = parse_auction;
  p.make_claims = [] {
    std::vector<std::unique_ptr<mechcheck::Claim>> claims;
    claims.push_back(make_auctions_vs_negotiations());
    return claims;
  };
  return p;
}

}  // namespace bk
