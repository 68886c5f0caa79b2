// Fuzz target: the exact-number parser (parse_rational) and printer (to_string, to_decimal).
//
// Properties asserted on every input (a failure aborts: a finding):
//  - it is accepted exactly when it matches the documented grammar (after surrounding white
//    space): [+-] then p/q with q != 0, or a decimal d, d., .d or d.d with an optional exponent
//    e[+-]n of at most 6 digits; a rejection always gives a reason, "zero denominator" for q = 0;
//  - an accepted value equals the one computed here by another route (GMP's own string
//    conversion of one fraction p/q or d * 10^k, not the parser's integer and power steps);
//  - it prints canonically ("p/q" in lowest terms with q > 1, or "p"; no "+", no leading zeros,
//    no "-0"), and the printed text parses back to the same value and prints the same again;
//  - its decimal display (to_decimal) is a truncation: it parses, has the value's sign, is not
//    larger in magnitude, and is the value itself for an integer of at most 30 digits; for a
//    value of moderate size it is exactly what digit-by-digit long division gives.
#include "mechcheck/number/rational.hpp"

// g++ 12 warns, wrongly, inside libstdc++'s <regex> when it is built with the sanitizers at -O1
// (std::function's move in _NFA::_M_insert_subexpr_end "may be used uninitialized").
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <gmp.h>

#include <cstdint>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace {

using mechcheck::Rational;

[[noreturn]] void finding(const std::string& input, const std::string& what) {
  std::fprintf(stderr, "number_parser finding on \"%s\": %s\n", input.c_str(), what.c_str());
  std::fflush(stderr);
  std::abort();
}

// The grammar, written independently of the parser as one regular expression.
const std::regex& grammar() {
  static const std::regex instance(
      R"(^[ \t\n\v\f\r]*([+-]?)(?:([0-9]+)/([0-9]+)|([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]{1,6}))?)[ \t\n\v\f\r]*$)");
  return instance;
}

// The value of an accepted text by GMP's string conversion of one fraction.
Rational expected_value(const std::smatch& m) {
  std::string fraction;
  if (m[2].matched) {
    fraction = m[2].str() + "/" + m[3].str();
  } else {
    const std::string digits = m[4].str() + m[5].str();
    long shift = m[6].matched ? std::stol(m[6].str()) : 0;
    shift -= static_cast<long>(m[5].length());
    fraction = shift >= 0 ? digits + std::string(static_cast<std::size_t>(shift), '0')
                          : digits + "/1" + std::string(static_cast<std::size_t>(-shift), '0');
  }
  Rational value;
  if (mpq_set_str(value.backend().data(), fraction.c_str(), 10) != 0) std::abort();
  mpq_canonicalize(value.backend().data());
  if (m[1].str() == "-") value = -value;
  return value;
}

// "p" or "p/q" with an optional "-", no leading zeros, no "-0" (checked by hand: the printed text
// of a large exponent has 10^6 digits, too long for libstdc++'s recursive std::regex), and p/q in
// lowest terms with q > 1.
bool is_canonical_text(const std::string& text, const Rational& value) {
  const auto digits_without_leading_zero = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos && (s == "0" || s[0] != '0');
  };
  std::string_view rest = text;
  if (!rest.empty() && rest[0] == '-') rest.remove_prefix(1);
  const auto slash = rest.find('/');
  const std::string_view num = rest.substr(0, slash);
  if (!digits_without_leading_zero(num) || text == "-0") return false;
  const auto& den = boost::multiprecision::denominator(value);
  if (den <= 0) return false;
  if (slash == std::string_view::npos) return den == 1;
  const std::string_view den_text = rest.substr(slash + 1);
  if (!digits_without_leading_zero(den_text) || den_text == "0" || den == 1 || num == "0") return false;
  mpz_t g;
  mpz_init(g);
  mpz_gcd(g, boost::multiprecision::numerator(value).backend().data(), den.backend().data());
  const bool lowest = mpz_cmp_ui(g, 1) == 0;
  mpz_clear(g);
  return lowest;
}

// to_decimal's definition by long division, one digit at a time (quadratic in the number of
// digits, so only for moderate sizes).
std::string long_division_decimal(const Rational& value, int digits) {
  using mechcheck::Integer;
  if (value == 0) return "0";
  const Rational a = value < 0 ? Rational(-value) : value;
  const Integer num = boost::multiprecision::numerator(a), den = boost::multiprecision::denominator(a);
  Integer rem = num % den;
  const Integer ip = num / den;
  std::string out = (value < 0 ? "-" : "") + ip.str();
  int used = ip == 0 ? 0 : static_cast<int>(ip.str().size());
  if (rem == 0 || used >= digits) return out;
  out += ".";
  bool leading = ip == 0;
  while (used < digits && rem != 0) {
    rem *= 10;
    out += Integer(rem / den).str();
    if (!(leading && rem / den == 0)) leading = false, ++used;
    rem %= den;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Long inputs only repeat what short ones show, at the cost of huge powers of ten.
  if (size > 256) return 0;
  const std::string input(reinterpret_cast<const char*>(data), size);

  std::string why;
  const std::optional<Rational> parsed = mechcheck::parse_rational(input, &why);
  std::smatch m;
  const bool grammatical = std::regex_match(input, m, grammar()) && (m[2].matched || m[4].length() + m[5].length() > 0);
  const bool zero_denominator = grammatical && m[3].matched && m[3].str().find_first_not_of('0') == std::string::npos;

  if (!parsed) {
    if (why.empty()) finding(input, "rejected without a reason");
    if (zero_denominator && why != "zero denominator") finding(input, "a zero denominator rejected as: " + why);
    if (grammatical && !zero_denominator) finding(input, "a number of the grammar rejected: " + why);
    return 0;
  }
  if (!grammatical || zero_denominator) finding(input, "accepted outside the grammar as " + parsed->str());

  const Rational value = *parsed;
  // A number with an exponent beyond +-20000 has tens of thousands to a million digits: it gets
  // the decimal display's checks only, each text of it costing a base conversion of that size.
  const bool huge = m[6].matched && std::abs(std::stol(m[6].str())) > 20000;
  if (!huge) {
    if (value != expected_value(m))
      finding(input, "parsed as " + value.str() + ", expected " + expected_value(m).str());
    const std::string text = mechcheck::to_string(value);
    if (!is_canonical_text(text, value)) finding(input, "printed non-canonically as " + text);
    std::string why_again;
    const std::optional<Rational> again = mechcheck::parse_rational(text, &why_again);
    if (!again) finding(input, "its printed form " + text + " does not parse: " + why_again);
    if (*again != value) finding(input, "its printed form " + text + " parses to " + again->str());
    if (mechcheck::to_string(*again) != text) finding(input, "printing is not stable: " + text);
  }

  const std::string decimal = mechcheck::to_decimal(value, 30);
  const std::optional<Rational> shown = mechcheck::parse_rational(decimal);
  if (!shown) finding(input, "its decimal display " + decimal + " does not parse");
  if (mechcheck::sign(*shown) != 0 && mechcheck::sign(*shown) != mechcheck::sign(value))
    finding(input, "its decimal display " + decimal + " has the wrong sign");
  if (Rational(abs(*shown)) > Rational(abs(value)))
    finding(input, "its decimal display " + decimal + " exceeds the value");
  const auto decimal_digits = [](const mechcheck::Integer& z) { return mpz_sizeinbase(z.backend().data(), 10); };
  const auto& num = boost::multiprecision::numerator(value);
  const auto& den = boost::multiprecision::denominator(value);
  // mpz_sizeinbase may count one digit too many: 29 keeps every such integer within 30 digits.
  const bool small_integer = den == 1 && decimal_digits(num) <= 29;
  if (small_integer && *shown != value) finding(input, "the integer is displayed as " + decimal);
  const bool moderate = decimal_digits(num) < 400 && decimal_digits(den) < 400;
  for (int digits : {1, 5, 30}) {
    if (!moderate) break;
    const std::string by_division = long_division_decimal(value, digits);
    if (mechcheck::to_decimal(value, digits) != by_division)
      finding(input, "to_decimal(" + std::to_string(digits) + ") gives " + mechcheck::to_decimal(value, digits) +
                         ", long division " + by_division);
  }
  return 0;
}
