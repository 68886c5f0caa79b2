#pragma once
// The vickrey model: n risk-neutral bidders for one object, values independent with the common
// distribution F(v) = v^a on [0, 1] (a = 1: uniform), sold by a first-price or a second-price
// sealed-bid auction. First-price bids are linear, b(v) = s v: the symmetric equilibrium's slope,
// or a slope the case gives. Everything is an exact rational (polynomials in v with rational
// coefficients, integrated exactly).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/number/rational.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include <memory>
#include <optional>

namespace mechcheck::vickrey {

struct Economy : ModelData {
  int bidders = 2;                    // n >= 2
  int power = 1;                      // a >= 1: F(v) = v^a
  std::optional<Rational> bid_slope;  // s of b(v) = s v; nullopt: the symmetric equilibrium's
  int grid = 20;                      // best responses are checked on {0, 1/grid, ..., 1}
};

// The [vickrey] table: bidders (2..50), power (1..20), bid_slope ("equilibrium" or a rational in
// [0, 1]), grid (1..200). Throws InputError at the offending key.
std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);

// F(v) = v^a.
RationalPolynomial value_cdf(const Economy& e);
// The probability that every other bidder's value is below v: G(v) = F(v)^(n-1).
RationalPolynomial others_below(const Economy& e);
// The symmetric equilibrium bid of the first-price auction, b(v) = v - (1/G(v)) * integral_0^v G
// (Vickrey 1961; Riley and Samuelson 1981), is linear here: its slope.
Rational equilibrium_bid_slope(const Economy& e);
// The slope first-price bidders use: the case's, else the equilibrium's.
Rational first_price_bid_slope(const Economy& e);
// A bidder of value v who bids b(w) = s w while the others bid b of their values: wins when
// every other value is below w, and pays the bid: (v - s w) G(w).
Rational first_price_payoff(const Economy& e, const Rational& v, const Rational& w);
// Expected revenue of the first-price auction: E[b(max of the n values)] = integral_0^1 s v dF^n(v).
Rational first_price_revenue(const Economy& e);
// Expected revenue of the second-price auction with truthful bids: E[second highest value] =
// integral_0^1 (1 - H(v)) dv, with H = F^n + n F^(n-1) (1 - F) its distribution function.
Rational second_price_revenue(const Economy& e);

}  // namespace mechcheck::vickrey
