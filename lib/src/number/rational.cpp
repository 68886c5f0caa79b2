#include "mechcheck/number/rational.hpp"

#include <cctype>
#include <sstream>
#include <gmp.h>

namespace mechcheck {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Integer integer_from_digits(std::string_view digits) {
  Integer value;
  mpz_set_str(value.backend().data(), std::string(digits).c_str(), 10);
  return value;
}

Integer power_of_ten(unsigned long exponent) {
  Integer value;
  mpz_ui_pow_ui(value.backend().data(), 10, exponent);
  return value;
}

std::optional<Rational> fail(std::string* why, const char* message) {
  if (why) *why = message;
  return std::nullopt;
}

}  // namespace

std::optional<Rational> parse_rational(std::string_view text, std::string* why) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  if (s.empty()) return fail(why, "empty number");
  bool negative = false;
  if (s.front() == '+' || s.front() == '-') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  Rational value;
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    auto num = s.substr(0, slash), den = s.substr(slash + 1);
    if (!all_digits(num) || !all_digits(den))
      return fail(why, "a fraction is written p/q with decimal integers p and q");
    Integer d = integer_from_digits(den);
    if (d == 0) return fail(why, "zero denominator");
    value = Rational(integer_from_digits(num), d);  // canonicalized by the constructor
  } else {
    std::string_view mantissa = s, exponent_text;
    if (auto e = s.find_first_of("eE"); e != std::string_view::npos) {
      mantissa = s.substr(0, e);
      exponent_text = s.substr(e + 1);
      if (exponent_text.empty()) return fail(why, "missing exponent after 'e'");
    }
    std::string_view int_part = mantissa, frac_part;
    if (auto dot = mantissa.find('.'); dot != std::string_view::npos) {
      int_part = mantissa.substr(0, dot);
      frac_part = mantissa.substr(dot + 1);
      if (int_part.empty() && frac_part.empty()) return fail(why, "not a number");
      if ((!int_part.empty() && !all_digits(int_part)) || (!frac_part.empty() && !all_digits(frac_part)))
        return fail(why, "not a decimal number");
    } else if (!all_digits(int_part)) {
      return fail(why, "not a number: write an integer, a fraction p/q or a decimal like 0.25");
    }
    std::string digits = std::string(int_part) + std::string(frac_part);
    value = Rational(integer_from_digits(digits), power_of_ten(frac_part.size()));
    if (!exponent_text.empty()) {
      bool exp_negative = false;
      if (exponent_text.front() == '+' || exponent_text.front() == '-') {
        exp_negative = exponent_text.front() == '-';
        exponent_text.remove_prefix(1);
      }
      if (!all_digits(exponent_text) || exponent_text.size() > 6) return fail(why, "bad exponent");
      unsigned long e = std::stoul(std::string(exponent_text));
      if (exp_negative) value /= Rational(power_of_ten(e));
      else value *= Rational(power_of_ten(e));
    }
  }
  if (negative) value = -value;
  return value;
}

std::string polynomial_string(const std::vector<Rational>& coefficients, const std::string& variable) {
  std::ostringstream out;
  bool first = true;
  for (int power = static_cast<int>(coefficients.size()) - 1; power >= 0; --power) {
    const Rational& c = coefficients[power];
    if (c == 0) continue;
    bool negative = c < 0;
    Rational magnitude = negative ? Rational(-c) : c;
    if (first) out << (negative ? "-" : "");
    else out << (negative ? " - " : " + ");
    first = false;
    bool unit = magnitude == 1;
    if (!unit || power == 0) out << to_string(magnitude) << (power > 0 ? "*" : "");
    if (power >= 1) out << variable;
    if (power >= 2) out << "^" << power;
  }
  return first ? "0" : out.str();
}

std::string to_string(const Rational& value) {
  Rational canonical = value;
  mpq_canonicalize(canonical.backend().data());
  return canonical.str();
}

int sign(const Rational& value) { return mpq_sgn(value.backend().data()); }

std::string to_decimal(const Rational& value, int digits) {
  // `digits` significant digits, truncated toward zero, for display only: the integer part in
  // full, then the fraction's digits up to the `digits`-th significant one (leading zeros of a
  // number below 1 do not count), fewer when the expansion ends before. Computed with one power
  // of ten, not digit by digit: 1e-999999 is a valid number, and long division would take
  // quadratic time in its exponent (found by tests/fuzz/number_parser).
  if (value == 0) return "0";
  const Rational a = value < 0 ? Rational(-value) : value;
  const Integer num = boost::multiprecision::numerator(a), den = boost::multiprecision::denominator(a);
  const Integer ip = num / den;
  const Rational fraction = a - Rational(ip);
  std::string out = value < 0 ? "-" : "";
  out += ip.str();
  const long used = ip == 0 ? 0 : static_cast<long>(out.size() - (value < 0 ? 1 : 0));
  if (fraction == 0 || used >= digits) return out;

  // How many fraction digits to show: the rest of the significant digits, plus, below 1, the
  // zeros before the first nonzero digit (10^-(zeros + 1) <= a < 10^-zeros).
  long shown = digits - used;
  if (ip == 0) {
    long zeros = static_cast<long>(mpz_sizeinbase(den.backend().data(), 10)) -
                 static_cast<long>(mpz_sizeinbase(num.backend().data(), 10)) - 1;
    if (zeros < 0) zeros = 0;  // the size estimate is exact or one too large in each size
    while (zeros > 0 && a * Rational(power_of_ten(static_cast<unsigned long>(zeros))) >= 1) --zeros;
    while (a * Rational(power_of_ten(static_cast<unsigned long>(zeros + 1))) < 1) ++zeros;
    shown += zeros;
  }
  const Rational scaled = fraction * Rational(power_of_ten(static_cast<unsigned long>(shown)));
  const Integer kept = boost::multiprecision::numerator(scaled) / boost::multiprecision::denominator(scaled);
  std::string fraction_digits = kept.str();
  fraction_digits.insert(0, static_cast<std::size_t>(shown) - fraction_digits.size(), '0');
  // An expansion that ends within `shown` digits stops at its last nonzero digit.
  if (boost::multiprecision::denominator(scaled) == 1) fraction_digits.erase(fraction_digits.find_last_not_of('0') + 1);
  return out + "." + fraction_digits;
}

}  // namespace mechcheck
