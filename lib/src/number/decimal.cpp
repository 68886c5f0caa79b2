#include "mechcheck/number/decimal.hpp"

#include "mechcheck/number/algebraic.hpp"

#include <algorithm>
#include <cctype>

namespace mechcheck {
namespace {

// to_decimal truncates toward zero to `digits` significant digits; the truncation equals the
// number exactly when reading it back gives the number.
bool is_exact_decimal(const std::string& text, const Rational& value) {
  const auto back = parse_rational(text);
  return back && *back == value;
}

// The `digits`-digit truncations of lo and hi, when they agree: then every number between them
// has the same truncation (truncation toward zero is monotone on each side of 0, and 0 is
// excluded unless lo = hi = 0).
std::optional<std::string> shared_truncation(const Rational& lo, const Rational& hi, int digits) {
  if (lo == hi) return to_decimal(lo, digits);
  if (sign(lo) != sign(hi) || sign(lo) == 0 || sign(hi) == 0) return std::nullopt;
  const std::string a = to_decimal(lo, digits), b = to_decimal(hi, digits);
  if (a != b) return std::nullopt;
  return a;
}

std::string with_ellipsis(const std::string& digits, const Rational& lo, const Rational& hi) {
  return lo == hi && is_exact_decimal(digits, lo) ? digits : digits + "...";
}

}  // namespace

std::string certified_decimal(const Rational& lo, const Rational& hi, int digits) {
  for (int n = std::max(digits, 1); n >= 1; --n)
    if (auto shared = shared_truncation(lo, hi, n)) return with_ellipsis(*shared, lo, hi);
  return "";
}

std::string certified_decimal(const Rational& value, int digits) { return certified_decimal(value, value, digits); }

std::string certified_decimal(const Algebraic& value, int digits) {
  if (value.is_rational()) return certified_decimal(value.to_rational(), digits);
  digits = std::max(digits, 1);
  // An irrational number is never a terminating decimal, so some refinement decides `digits`
  // digits; a number very close to a decimal boundary may need many bits, hence the cap.
  long bits = static_cast<long>(digits * 3.33) + 16;
  for (int attempt = 0; attempt < 6; ++attempt, bits *= 2) {
    const auto [lo, hi] = value.isolating_interval(bits);
    if (auto shared = shared_truncation(lo, hi, digits)) return *shared + "...";
  }
  const auto [lo, hi] = value.isolating_interval(bits);
  return certified_decimal(lo, hi, digits);
}

namespace {

// q rounded to the places of its `digits`-digit truncation, downward or upward.
std::string directed_decimal(const Rational& q, int digits, bool up) {
  const std::string truncated = to_decimal(q, std::max(digits, 1));
  Rational r = *parse_rational(truncated);
  if (r == q || up == (q < 0)) return truncated;  // exact, or truncation toward zero already goes that way
  const auto dot = truncated.find('.');
  const unsigned places = dot == std::string::npos ? 0u : static_cast<unsigned>(truncated.size() - dot - 1);
  const Integer scale = boost::multiprecision::pow(Integer(10), places);
  r += Rational(q < 0 ? -1 : 1) / Rational(scale);  // one unit of the last place, away from zero
  const Rational scaled = r * Rational(scale);      // a whole number
  Integer whole = boost::multiprecision::numerator(scaled);
  const bool negative = whole < 0;
  std::string digits_text = (negative ? Integer(-whole) : whole).str();
  if (places > 0) {
    if (digits_text.size() <= places) digits_text.insert(0, places + 1 - digits_text.size(), '0');
    digits_text.insert(digits_text.size() - places, ".");
  }
  return (negative ? "-" : "") + digits_text;
}

}  // namespace

std::string outward_decimal_interval(const Rational& lo, const Rational& hi, int digits) {
  return "[" + directed_decimal(lo, digits, false) + ", " + directed_decimal(hi, digits, true) + "]";
}

namespace {

struct PolynomialReader {
  std::string_view text;
  std::size_t at = 0;
  std::string why;

  void skip_spaces() {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  }
  bool peek(char c) {
    skip_spaces();
    return at < text.size() && text[at] == c;
  }
  // A nonnegative coefficient: digits, a fraction p/q or a decimal; empty when none is there.
  std::optional<Rational> number() {
    skip_spaces();
    const std::size_t start = at;
    while (at < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '.' || text[at] == '/'))
      ++at;
    if (at == start) return std::nullopt;
    std::string reason;
    auto q = parse_rational(text.substr(start, at - start), &reason);
    if (!q) why = "coefficient '" + std::string(text.substr(start, at - start)) + "': " + reason;
    return q;
  }
  // One term's power of x: 0 without x, else 1 or the exponent after '^'.
  std::optional<long> power() {
    if (!peek('x')) return 0L;
    ++at;
    if (!peek('^')) return 1L;
    ++at;
    skip_spaces();
    const std::size_t start = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == start || at - start > 4) {
      why = "an exponent after '^' is a whole number below 10000";
      return std::nullopt;
    }
    return std::stol(std::string(text.substr(start, at - start)));
  }
};

}  // namespace

std::optional<std::vector<Rational>> parse_polynomial(std::string_view text, std::string* why) {
  PolynomialReader r{text, 0, {}};
  std::vector<Rational> coefficients;
  auto fail = [&](const std::string& reason) -> std::optional<std::vector<Rational>> {
    if (why) *why = reason;
    return std::nullopt;
  };
  bool first = true;
  for (r.skip_spaces(); r.at < text.size() || first; r.skip_spaces()) {
    int term_sign = 1;
    if (r.peek('+') || r.peek('-')) {
      term_sign = text[r.at] == '-' ? -1 : 1;
      ++r.at;
    } else if (!first) {
      return fail("terms are joined by + or - (at character " + std::to_string(r.at + 1) + ")");
    }
    first = false;
    auto coefficient = r.number();
    if (!coefficient && !r.why.empty()) return fail(r.why);
    if (coefficient && r.peek('*')) {
      ++r.at;
      if (!r.peek('x')) return fail("'*' is followed by x (at character " + std::to_string(r.at + 1) + ")");
    }
    if (!coefficient && !r.peek('x'))
      return fail("a term is a coefficient, x, x^k or c*x^k (at character " + std::to_string(r.at + 1) + ")");
    const auto power = r.power();
    if (!power) return fail(r.why);
    if (coefficients.size() <= static_cast<std::size_t>(*power)) coefficients.resize(*power + 1);
    coefficients[*power] += (coefficient ? *coefficient : Rational(1)) * term_sign;
  }
  while (!coefficients.empty() && coefficients.back() == 0) coefficients.pop_back();
  if (coefficients.empty()) return fail("the zero polynomial has every number as a root");
  return coefficients;
}

std::vector<Algebraic> real_roots_ascending(const std::vector<Rational>& coefficients) {
  auto roots = Algebraic::real_roots(coefficients);
  std::sort(roots.begin(), roots.end());
  return roots;
}

}  // namespace mechcheck
