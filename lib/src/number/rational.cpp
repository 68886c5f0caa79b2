#include "mechcheck/number/rational.hpp"

#include <cctype>
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

std::string to_string(const Rational& value) {
  Rational canonical = value;
  mpq_canonicalize(canonical.backend().data());
  return canonical.str();
}

int sign(const Rational& value) { return mpq_sgn(value.backend().data()); }

std::string to_decimal(const Rational& value, int digits) {
  // Exact long division to `digits` significant digits, truncated, for display only.
  if (value == 0) return "0";
  Rational a = value < 0 ? Rational(-value) : value;
  Integer num = boost::multiprecision::numerator(a), den = boost::multiprecision::denominator(a);
  Integer ip = num / den;
  Integer rem = num % den;
  std::string out = value < 0 ? "-" : "";
  out += ip.str();
  int used = ip == 0 ? 0 : static_cast<int>(ip.str().size());
  if (rem == 0 || used >= digits) return out;
  out += ".";
  bool leading = ip == 0;
  while (used < digits && rem != 0) {
    rem *= 10;
    Integer d = rem / den;
    rem %= den;
    out += d.str();
    if (!(leading && d == 0)) { leading = false; ++used; }
  }
  return out;
}

}  // namespace mechcheck
