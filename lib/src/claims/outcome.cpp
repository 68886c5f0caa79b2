#include "mechcheck/claims/outcome.hpp"

#include "mechcheck/claims/interval_value.hpp"
#include "mechcheck/number/algebraic.hpp"

namespace mechcheck {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::holds:
      return "holds";
    case Verdict::refuted:
      return "refuted";
    case Verdict::hypotheses_unmet:
      return "hypotheses_unmet";
    case Verdict::inconclusive:
      return "inconclusive";
    case Verdict::error:
      return "error";
  }
  return "?";
}

const char* to_string(RecheckNote::Status s) {
  switch (s) {
    case RecheckNote::Status::not_applicable:
      return "not_applicable";
    case RecheckNote::Status::passed:
      return "passed";
    case RecheckNote::Status::undecided:
      return "undecided";
    case RecheckNote::Status::unavailable:
      return "unavailable";
  }
  return "?";
}

std::optional<Verdict> parse_verdict(std::string_view text) {
  for (Verdict v : {Verdict::holds, Verdict::refuted, Verdict::hypotheses_unmet, Verdict::inconclusive, Verdict::error})
    if (text == to_string(v)) return v;
  return std::nullopt;
}

Value make_value(std::string name, const Rational& q) {
  return Value{std::move(name), to_string(q), "", "", "rational"};
}

Value make_value(std::string name, const Algebraic& a) {
  if (a.is_rational()) return make_value(std::move(name), a.to_rational());
  auto [lo, hi] = a.isolating_interval(64);
  return Value{std::move(name), a.to_decimal(32), a.minimal_polynomial_string("x"),
               "[" + to_string(lo) + ", " + to_string(hi) + "]", "algebraic"};
}

Value make_value(std::string name, const Interval& x) {
  const std::string enclosure = NumberKind<Interval>::to_string(x);
  const std::string digits = certified_digits(x);
  return Value{std::move(name), digits.empty() ? enclosure : digits, "", enclosure, "interval"};
}

Value make_value(std::string name, long long n) { return Value{std::move(name), std::to_string(n), "", "", "integer"}; }

Value make_text(std::string name, std::string text) { return Value{std::move(name), std::move(text), "", "", "text"}; }

}  // namespace mechcheck
