#pragma once
// The bk model: one object, bidders with values independent and uniform on [0, 1], sold by a
// second-price auction with a reserve price r (truthful bids: dominant). The auction with n + m
// bidders and no reserve is compared with the one with n bidders and the best reserve. Every
// quantity is an exact rational polynomial in r.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/cases/toml_node.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include <memory>

namespace bk {

struct Auction : mechcheck::ModelData {
  int bidders = 1;        // n >= 1, the optimal auction's bidders
  int extra_bidders = 1;  // m >= 0, the bidders the auction without a reserve has in addition
};

// The [bk] table: bidders (1..40), extra_bidders (0..5). Throws InputError at the offending key.
std::shared_ptr<const mechcheck::ModelData> parse_auction(const mechcheck::TomlNode& table);

// The expected revenue of a second-price auction with `n` bidders as a polynomial in its reserve
// r, from the auction's rule: the object is sold when the highest value is at least r, at the
// larger of r and the second-highest value. So R(r) = r P(highest >= r > second) +
// E[second; second >= r], with P(highest >= r > second) = n (1 - r) r^(n-1) and the second-highest
// value's density d/dv [v^n + n v^(n-1) (1 - v)].
mechcheck::RationalPolynomial revenue_by_reserve(int n);

}  // namespace bk
