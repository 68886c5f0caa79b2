#include "bk/model/auction.hpp"

#include "mechcheck/cases/input_error.hpp"

namespace bk {

using mechcheck::Rational;
using mechcheck::RationalPolynomial;

std::shared_ptr<const mechcheck::ModelData> parse_auction(const mechcheck::TomlNode& table) {
  table.allow_only({"bidders", "extra_bidders"});
  auto a = std::make_shared<Auction>();
  auto whole = [&](const std::string& key, long long lo, long long hi, int fallback) {
    if (!table.has(key)) return fallback;
    const mechcheck::TomlNode node = table.at(key);
    const long long value = node.integer();
    if (value < lo || value > hi)
      node.fail(key + " must be a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                "], but it is " + std::to_string(value));
    return static_cast<int>(value);
  };
  a->bidders = whole("bidders", 1, 40, 1);
  a->extra_bidders = whole("extra_bidders", 0, 5, 1);
  return a;
}

namespace {

RationalPolynomial monomial(int k) {
  std::vector<Rational> c(static_cast<std::size_t>(k) + 1, Rational(0));
  c.back() = 1;
  return RationalPolynomial(c);
}

}  // namespace

RationalPolynomial revenue_by_reserve(int n) {
  const RationalPolynomial v = monomial(1), one({Rational(1)});
  // The second-highest value's distribution function (0 when n = 1: there is none, and the sale
  // is at the reserve).
  const RationalPolynomial second_cdf = n == 1 ? one : monomial(n) + monomial(n - 1) * (one - v) * Rational(n);
  const RationalPolynomial second_density = second_cdf.derivative();
  const RationalPolynomial tail = (v * second_density).antiderivative();  // A(r) = integral_0^r v h(v) dv
  const RationalPolynomial sold_at_reserve = (one - v) * monomial(n - 1) * Rational(n) * v;
  return sold_at_reserve + (one * tail(Rational(1)) - tail);
}

}  // namespace bk
