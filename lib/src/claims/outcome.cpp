#include "mechcheck/claims/outcome.hpp"

#include "mechcheck/claims/interval_value.hpp"
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/decimal.hpp"

#include <cctype>
#include <cstdio>
#include <stdexcept>

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
  return Value{std::move(name), certified_decimal(a, 30), a.minimal_polynomial_string("x"),
               "[" + to_string(lo) + ", " + to_string(hi) + "]", "algebraic"};
}

namespace {

// An end of x in decimal, rounded outward, with enough digits that the printed enclosure is
// hardly wider than x itself (a binary precision p needs about p log10(2) digits).
std::string enclosure_end(const Interval& x, bool upper) {
  const mpfr_prec_t precision = mpfi_get_prec(x.backend().data());
  mpfr_t e;
  mpfr_init2(e, precision);
  if (upper) mpfi_get_right(e, x.backend().data());
  else mpfi_get_left(e, x.backend().data());
  const int digits = static_cast<int>(static_cast<double>(precision) * 0.30103) + 2;
  char* text = nullptr;
  mpfr_asprintf(&text, upper ? "%.*RUe" : "%.*RDe", digits, e);
  std::string out(text);
  mpfr_free_str(text);
  mpfr_clear(e);
  return out;
}

}  // namespace

Value make_value(std::string name, const Interval& x) {
  const std::string enclosure = "[" + enclosure_end(x, false) + ", " + enclosure_end(x, true) + "]";
  // An unbounded or NaN enclosure has no rational ends and certifies no digit.
  const mpfi_srcptr v = x.backend().data();
  const bool finite = !mpfi_nan_p(v) && !mpfi_inf_p(v);
  const std::string digits = finite ? certified_decimal(lower_bound(x), upper_bound(x), 25) : "";
  return Value{std::move(name), digits.empty() ? enclosure : digits, "", enclosure, "interval"};
}

Value make_value(std::string name, long long n) { return Value{std::move(name), std::to_string(n), "", "", "count"}; }

Value make_text(std::string name, std::string text) { return Value{std::move(name), std::move(text), "", "", "text"}; }

Value make_decimal(std::string name, double x, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", std::max(digits, 1) - 1, x);
  return Value{std::move(name), buffer, "", "", "decimal"};
}

std::string machine_key(std::string_view label) {
  std::string key;
  auto word = [&key](const char* w) {
    if (!key.empty() && key.back() != '_') key += '_';
    key += w;
    key += '_';
  };
  // Comparisons are words too, so that "x <= y" and "x > y" stay apart.
  static const std::pair<std::string_view, const char*> words[] = {{"->", "to"}, {"<=", "le"},  {">=", "ge"},
                                                                   {"!=", "ne"}, {"<", "lt"},   {">", "gt"},
                                                                   {"=", "eq"},  {"*", "star"}, {"'", "prime"}};
  for (std::size_t at = 0; at < label.size();) {
    const char c = label[at];
    if (std::isalnum(static_cast<unsigned char>(c))) {
      key += c;
      ++at;
      continue;
    }
    bool matched = false;
    for (const auto& [symbol, name] : words)
      if (label.substr(at, symbol.size()) == symbol) {
        word(name);
        at += symbol.size();
        matched = true;
        break;
      }
    if (matched) continue;
    if (!key.empty() && key.back() != '_') key += '_';
    ++at;
  }
  while (!key.empty() && key.back() == '_') key.pop_back();
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front()))) key.insert(0, "v_");
  return key;
}

namespace {

std::pair<Rational, Rational> interval_ends(const Value& v) {
  const auto open = v.interval.find('['), comma = v.interval.find(','), close = v.interval.rfind(']');
  if (open == std::string::npos || comma == std::string::npos || close == std::string::npos || comma < open ||
      close < comma)
    throw std::invalid_argument("value " + v.name + ": '" + v.interval + "' is not an interval [lo, hi]");
  const auto lo = parse_rational(std::string_view(v.interval).substr(open + 1, comma - open - 1));
  const auto hi = parse_rational(std::string_view(v.interval).substr(comma + 1, close - comma - 1));
  if (!lo || !hi) throw std::invalid_argument("value " + v.name + ": unreadable interval '" + v.interval + "'");
  return {*lo, *hi};
}

}  // namespace

std::optional<Algebraic> value_as_algebraic(const Value& v) {
  if (v.kind == "rational" || v.kind == "count") {
    if (auto q = parse_rational(v.text)) return Algebraic(*q);
    return std::nullopt;
  }
  if (v.kind != "algebraic") return std::nullopt;
  const auto coefficients = parse_polynomial(v.polynomial);
  if (!coefficients) return std::nullopt;
  const auto [lo, hi] = interval_ends(v);
  std::optional<Algebraic> root;
  for (const Algebraic& r : real_roots_ascending(*coefficients))
    if (Algebraic(lo) <= r && r <= Algebraic(hi)) {
      if (root) return std::nullopt;  // not isolating
      root = r;
    }
  return root;
}

std::optional<std::pair<Rational, Rational>> value_enclosure(const Value& v) {
  if (v.kind != "interval") return std::nullopt;
  return interval_ends(v);
}

std::string decimal_text(const Value& v, int digits) {
  if (v.kind == "decimal") return v.text;
  if (v.kind == "interval") {
    const auto [lo, hi] = interval_ends(v);
    return certified_decimal(lo, hi, digits);
  }
  if (v.kind == "rational" || v.kind == "algebraic")
    if (auto a = value_as_algebraic(v)) return certified_decimal(*a, digits);
  return "";
}

}  // namespace mechcheck
