#pragma once
// Decimals whose every printed digit is certified, and the polynomial text of algebraic values.
// Kept apart from rational.hpp (which everything includes): only printers and parsers need these.
#include "mechcheck/number/rational.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mechcheck {

class Algebraic;

// The leading `digits` significant decimal digits shared by every number in [lo, hi], truncated
// toward zero, followed by "..." unless the interval is that decimal exactly: so "0.0833..." says
// 0.0833 <= x < 0.0834, and "0.25" says x = 1/4. Fewer digits when [lo, hi] does not decide more,
// and the empty string when it decides none (it contains 0, or the integer parts differ).
std::string certified_decimal(const Rational& lo, const Rational& hi, int digits);
std::string certified_decimal(const Rational& value, int digits);
// Refines the number's isolating interval until `digits` digits are decided (or a refinement
// cap is reached, then fewer).
std::string certified_decimal(const Algebraic& value, int digits);

// "[lo', hi']": decimals of about `digits` significant digits with lo' <= lo and hi <= hi', so the
// printed interval contains [lo, hi] (rounded outward, never truncated inward).
std::string outward_decimal_interval(const Rational& lo, const Rational& hi, int digits);

// Parses a polynomial in x with rational coefficients: "84*x^3 + 399*x^2 - 620*x - 288",
// "x^2 - 2", "3/2x - 1" (the form Algebraic::minimal_polynomial_string writes, and hand-written
// variants). Coefficients in ascending powers; nullopt with `why` set on anything else.
std::optional<std::vector<Rational>> parse_polynomial(std::string_view text, std::string* why = nullptr);

// The real roots of a nonzero polynomial, ascending (root 1 is the least).
std::vector<Algebraic> real_roots_ascending(const std::vector<Rational>& coefficients);

}  // namespace mechcheck
