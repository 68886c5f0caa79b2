#include "vickrey/recheck/recheck.hpp"

#include "mechcheck/number/rational.hpp"

namespace mechcheck::vickrey {

namespace {

std::optional<Rational> reported(const std::vector<Value>& values, const std::string& name) {
  for (const Value& v : values)
    if (v.name == name) return parse_rational(v.text);
  return std::nullopt;
}

}  // namespace

std::optional<Recheck> recheck_revenue_equivalence(const Economy&, const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  const auto n = reported(outcome.witness, "bidders"), a = reported(outcome.witness, "power"),
             s = reported(outcome.witness, "bid_slope");
  const auto first = reported(outcome.values, "first_price_revenue"),
             second = reported(outcome.values, "second_price_revenue");
  Recheck r;
  r.method =
      "closed forms of the two expected revenues for power distributions F(v) = v^a: s n a / (n a + 1) and "
      "n (n - 1) a^2 / ((n a + 1) ((n - 1) a + 1))";
  if (!n || !a || !s || !first || !second) {
    r.detail = "the outcome does not report bidders, power, bid_slope and both revenues";
    return r;
  }
  const Rational na = *n * *a;
  const Rational closed_first = *s * na / (na + 1);
  const Rational closed_second = *n * (*n - 1) * *a * *a / ((na + 1) * ((*n - 1) * *a + 1));
  r.passed = closed_first == *first && closed_second == *second && closed_first != closed_second;
  r.detail = "first-price " + to_string(closed_first) + ", second-price " + to_string(closed_second) +
             (r.passed ? "" : " (reported " + to_string(*first) + " and " + to_string(*second) + ")");
  return r;
}

}  // namespace mechcheck::vickrey
