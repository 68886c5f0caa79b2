#pragma once
// Exact rationals: GMP's mpq through Boost.Multiprecision. This header is light on
// purpose (everything includes it); parsing and printing live in rational.cpp.
#include <boost/multiprecision/gmp.hpp>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

namespace mechcheck {

using Rational = boost::multiprecision::mpq_rational;
using Integer = boost::multiprecision::mpz_int;

// Parses "p/q", an integer "p" or a decimal "d.ddd" (so "0.1" is exactly 1/10), with an
// optional sign and an optional exponent on decimals ("1e-3"). Returns nullopt and sets
// `why` when the text is not such a number (including a zero denominator).
std::optional<Rational> parse_rational(std::string_view text, std::string* why = nullptr);

// "p/q" in lowest terms, or "p" when the denominator is 1.
std::string to_string(const Rational& value);
// "3/2*t^2 - t + 1/4": the polynomial with these coefficients (ascending powers) in `variable`.
std::string polynomial_string(const std::vector<Rational>& coefficients, const std::string& variable);

// A decimal approximation with `digits` significant digits (for people, never for decisions).
std::string to_decimal(const Rational& value, int digits = 30);

int sign(const Rational& value);
inline bool is_exactly_zero(const Rational& value) { return sign(value) == 0; }

}  // namespace mechcheck
