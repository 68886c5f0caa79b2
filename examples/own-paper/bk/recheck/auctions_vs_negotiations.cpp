#include "bk/recheck/recheck.hpp"

#include "mechcheck/number/rational.hpp"

namespace bk {

using namespace mechcheck;

namespace {

std::optional<Rational> reported(const std::vector<Value>& values, const std::string& name) {
  for (const Value& v : values)
    if (v.name == name) return parse_rational(v.text);
  return std::nullopt;
}

Rational power(const Rational& x, long k) {
  Rational out(1);
  for (long j = 0; j < k; ++j) out *= x;
  return out;
}

// Myerson (1981): expected revenue = E[virtual value of the winner], phi(v) = 2v - 1 for U[0, 1].
Rational myerson_revenue(long n, const Rational& r) {
  return Rational(2 * n) * (1 - power(r, n + 1)) / Rational(n + 1) - (1 - power(r, n));
}

}  // namespace

std::optional<Recheck> recheck_auctions_vs_negotiations(const Outcome& outcome) {
  if (outcome.verdict != Verdict::refuted) return std::nullopt;
  Recheck check;
  check.method = "Myerson's revenue formula R_n(r) = 2n (1 - r^(n+1)) / (n + 1) - (1 - r^n) at the witness";
  const auto n = reported(outcome.witness, "bidders"), more = reported(outcome.witness, "bidders_without_reserve"),
             r = reported(outcome.witness, "reserve");
  const auto optimal = reported(outcome.values, "optimal_revenue"),
             without = reported(outcome.values, "revenue_without_reserve");
  if (!n || !more || !r || !optimal || !without) {
    check.detail = "the outcome does not report the bidders, the reserve and both revenues as rationals";
    return check;
  }
  const Rational with_reserve = myerson_revenue(numerator(*n).convert_to<long>(), *r);
  const Rational no_reserve = myerson_revenue(numerator(*more).convert_to<long>(), Rational(0));
  check.passed = with_reserve == *optimal && no_reserve == *without && with_reserve > no_reserve;
  check.detail = "R_n(r) = " + to_string(with_reserve) + ", R_n'(0) = " + to_string(no_reserve);
  return check;
}

}  // namespace bk
