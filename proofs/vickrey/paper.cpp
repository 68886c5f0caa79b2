#include "vickrey/paper.hpp"

#include "vickrey/claims/claims.hpp"
#include "vickrey/model/auction.hpp"

namespace mechcheck::vickrey {

Paper paper() {
  Paper p;
  p.id = "vickrey";
  p.short_citation = "Vickrey (1961)";
  p.citation =
      "William Vickrey, \"Counterspeculation, Auctions, and Competitive Sealed Tenders\", The Journal of Finance "
      "16(1), 8-37, 1961";
  p.parse_model = parse_economy;
  p.make_claims = [] {
    std::vector<std::unique_ptr<Claim>> claims;
    claims.push_back(make_revenue_equivalence());
    return claims;
  };
  p.make_generator = make_generator;
  return p;
}

}  // namespace mechcheck::vickrey
