#include "vickrey/model/auction.hpp"

#include "mechcheck/cases/input_error.hpp"

namespace mechcheck::vickrey {

namespace {

RationalPolynomial power_of(const RationalPolynomial& p, int k) {
  RationalPolynomial out({Rational(1)});
  for (int j = 0; j < k; ++j) out *= p;
  return out;
}

// integral_0^1 p(v) dv, exactly.
Rational integral_over_unit_interval(const RationalPolynomial& p) { return p.antiderivative()(Rational(1)); }

}  // namespace

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.allow_only({"bidders", "power", "bid_slope", "grid"});
  auto e = std::make_shared<Economy>();
  auto whole = [&](const std::string& key, long long lo, long long hi, int fallback) {
    if (!table.has(key)) return fallback;
    const TomlNode node = table.at(key);
    const long long value = node.integer();
    if (value < lo || value > hi)
      node.fail(key + " must be a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                "], but it is " + std::to_string(value));
    return static_cast<int>(value);
  };
  e->bidders = whole("bidders", 2, 50, 2);
  e->power = whole("power", 1, 20, 1);
  e->grid = whole("grid", 1, 200, 20);
  if (table.has("bid_slope")) {
    const TomlNode node = table.at("bid_slope");
    if (!(node.is_string() && node.string() == "equilibrium")) {
      const Rational s = node.rational();
      if (s < 0 || s > 1)
        node.fail("bid_slope must be \"equilibrium\" or a rational in [0, 1], but it is " + to_string(s));
      e->bid_slope = s;
    }
  }
  return e;
}

RationalPolynomial value_cdf(const Economy& e) {
  std::vector<Rational> c(static_cast<std::size_t>(e.power) + 1, Rational(0));
  c.back() = 1;
  return RationalPolynomial(c);
}

RationalPolynomial others_below(const Economy& e) { return power_of(value_cdf(e), e.bidders - 1); }

Rational equilibrium_bid_slope(const Economy& e) {
  // G is the monomial v^m (m = a (n - 1)), so integral_0^v G / G(v) is the monomial's
  // antiderivative coefficient over its own coefficient, times v: b(v) = v - v / (m + 1).
  const RationalPolynomial G = others_below(e);
  const RationalPolynomial I = G.antiderivative();
  const int m = G.degree();
  return Rational(1) - I.coefficient(m + 1) / G.coefficient(m);
}

Rational first_price_bid_slope(const Economy& e) { return e.bid_slope ? *e.bid_slope : equilibrium_bid_slope(e); }

Rational first_price_payoff(const Economy& e, const Rational& v, const Rational& w) {
  return (v - first_price_bid_slope(e) * w) * others_below(e)(w);
}

Rational first_price_revenue(const Economy& e) {
  const RationalPolynomial density_of_max = power_of(value_cdf(e), e.bidders).derivative();
  const RationalPolynomial bid({Rational(0), first_price_bid_slope(e)});
  return integral_over_unit_interval(bid * density_of_max);
}

Rational second_price_revenue(const Economy& e) {
  const RationalPolynomial F = value_cdf(e), one({Rational(1)});
  const RationalPolynomial H = power_of(F, e.bidders) + power_of(F, e.bidders - 1) * (one - F) * Rational(e.bidders);
  return integral_over_unit_interval(one - H);
}

}  // namespace mechcheck::vickrey
