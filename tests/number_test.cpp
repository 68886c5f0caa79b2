// Number kinds: exact rationals (parsing, printing), real algebraic numbers (Calcium qqbar),
// MPFI intervals (certified signs), MPFR floats and doubles. Every assertion is an exact known
// answer or an agreement between two independent computations.
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/interval_exchange.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include <boost/test/unit_test.hpp>
#include <mpfi.h>

#include <cctype>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

using namespace mechcheck;

namespace {

RationalPolynomial poly(std::vector<Rational> ascending) { return RationalPolynomial(std::move(ascending)); }

Rational parsed(const std::string& text) {
  std::string why;
  auto q = parse_rational(text, &why);
  BOOST_TEST_REQUIRE(q.has_value(), "parse_rational(\"" << text << "\") failed: " << why);
  return *q;
}

// The reason parse_rational gives for rejecting `text` (the test fails if it accepts it).
std::string rejection(const std::string& text) {
  std::string why;
  auto q = parse_rational(text, &why);
  BOOST_TEST(!q.has_value(), "parse_rational(\"" << text << "\") accepted the garbage as " << (q ? q->str() : ""));
  BOOST_TEST(!why.empty(), "no reason given for rejecting \"" << text << "\"");
  return why;
}

Rational pow10(int e) {
  Integer p = 1;
  for (int i = 0; i < (e < 0 ? -e : e); ++i) p *= 10;
  return e < 0 ? Rational(Integer(1), p) : Rational(p);
}

Algebraic sqrt2() { return real_roots(poly({-2, 0, 1})).at(1); }
Algebraic sqrt3() { return real_roots(poly({-3, 0, 1})).at(1); }

// sqrt(2) to 60 significant digits (OEIS A002193).
const std::string kSqrt2Digits = "1.41421356237309504880168872420969807856967187537694807317667";

// Restores the float/interval working precision at scope exit.
struct PrecisionGuard {
  NumericScope scope{NumericState::current()};
};

Interval hull(long lo, long hi) {
  Interval x;
  mpfi_interv_si(x.backend().data(), lo, hi);
  return x;
}

// Number of significant digits in a decimal string such as "-0.000123e-5".
int significant_digits(const std::string& text) {
  std::string mantissa = text.substr(0, text.find_first_of("eE"));
  std::string digits;
  for (char c : mantissa)
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? 0 : static_cast<int>(digits.size() - first);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(rational_parsing)

BOOST_AUTO_TEST_CASE(fractions_are_canonicalized) {
  Rational half = parsed("2/4");
  BOOST_TEST(half == Rational(1, 2));
  BOOST_TEST(to_string(half) == "1/2");
  // Stored in lowest terms, not only printed so (Boost's own "2/4" constructor keeps 2/4).
  BOOST_TEST(half.str() == "1/2");
  BOOST_TEST(boost::multiprecision::numerator(half) == 1);
  BOOST_TEST(boost::multiprecision::denominator(half) == 2);
  BOOST_TEST((half - Rational(1, 2)).str() == "0");
  BOOST_TEST(parsed("-6/4").str() == "-3/2");
  BOOST_TEST(parsed("+10/5").str() == "2");
  BOOST_TEST(parsed("0/7").str() == "0");
  BOOST_TEST(parsed("  1/3\t") == Rational(1, 3));
  BOOST_TEST(parsed("123456789012345678901234567890/10") == Rational(Integer("12345678901234567890123456789")));
}

BOOST_AUTO_TEST_CASE(integers_and_signs) {
  BOOST_TEST(parsed("-3") == Rational(-3));
  BOOST_TEST(parsed("+3") == Rational(3));
  BOOST_TEST(parsed("007") == Rational(7));
  BOOST_TEST(parsed("-0") == Rational(0));
  BOOST_TEST(sign(parsed("-0")) == 0);
}

BOOST_AUTO_TEST_CASE(decimals_are_exact) {
  BOOST_TEST(parsed("0.1") == Rational(1, 10));
  BOOST_TEST(parsed("0.1") != Rational(0.1));  // the binary double 0.1 is not 1/10
  BOOST_TEST(parsed("0.5") == Rational(1, 2));
  BOOST_TEST(parsed("-0.25") == Rational(-1, 4));
  BOOST_TEST(parsed("2.50") == Rational(5, 2));
  BOOST_TEST(parsed(".5") == Rational(1, 2));
  BOOST_TEST(parsed("5.") == Rational(5));
  BOOST_TEST(parsed("0.333") == Rational(333, 1000));
  BOOST_TEST(
      parsed("3.14159265358979323846264338327950288") ==
      Rational(Integer("314159265358979323846264338327950288"), Integer("100000000000000000000000000000000000")));
  // 0.1 + 0.2 == 0.3 exactly (it does not in binary floating point).
  BOOST_TEST(parsed("0.1") + parsed("0.2") == parsed("0.3"));
}

BOOST_AUTO_TEST_CASE(exponents) {
  BOOST_TEST(parsed("1e-3") == Rational(1, 1000));
  BOOST_TEST(parsed("1.5e2") == Rational(150));
  BOOST_TEST(parsed("1.5E+2") == Rational(150));
  BOOST_TEST(parsed("-2.5e-1") == Rational(-1, 4));
  BOOST_TEST(parsed("12.5e-1") == Rational(5, 4));
  BOOST_TEST(parsed("1e0") == Rational(1));
  BOOST_TEST(parsed("3e30") == Rational(3) * pow10(30));
  BOOST_TEST(parsed("7e-40") == Rational(7) * pow10(-40));
}

BOOST_AUTO_TEST_CASE(zero_denominator_is_rejected) {
  std::string why = rejection("1/0");
  BOOST_TEST(why.find("zero denominator") != std::string::npos, why);
  rejection("0/0");
  rejection("-5/000");
}

BOOST_AUTO_TEST_CASE(garbage_is_rejected_with_a_reason) {
  for (const char* text : {"",    "   ",   "abc", "1/2/3", "1/-2", "1/+2",  "-1/-2", "1.2.3", "1e",  "1e+",
                           "e5",  "1e5.5", "--1", "+-1",   "0x10", "1 / 2", "1/2.5", "1.5/2", "inf", "nan",
                           "1,5", "/",     "1/",  "/2",    ".",    "+",     "-",     "1 2",   "½",   "1e99999999"}) {
    BOOST_TEST_CONTEXT("text \"" << text << "\"") { rejection(text); }
  }
  BOOST_TEST(rejection("").find("empty") != std::string::npos);
  BOOST_TEST(rejection("1e").find("exponent") != std::string::npos);
  BOOST_TEST(rejection("1e99999999").find("exponent") != std::string::npos);
  // A null `why` is allowed.
  BOOST_TEST(!parse_rational("garbage").has_value());
}

BOOST_AUTO_TEST_CASE(to_string_is_lowest_terms) {
  BOOST_TEST(to_string(Rational(3)) == "3");
  BOOST_TEST(to_string(Rational(-1, 2)) == "-1/2");
  BOOST_TEST(to_string(Rational(0)) == "0");
  BOOST_TEST(to_string(Rational(-6, 4)) == "-3/2");
  // Boost's string constructor does not canonicalize; to_string must.
  BOOST_TEST(to_string(Rational("2/4")) == "1/2");
  BOOST_TEST(to_string(Rational("10/5")) == "2");
  // Round trip through the parser.
  for (const Rational& q : {Rational(22, 7), Rational(-5, 3), Rational(1000001, 1000), Rational(0)})
    BOOST_TEST(parsed(to_string(q)) == q);
}

BOOST_AUTO_TEST_CASE(to_decimal_of_rationals) {
  BOOST_TEST(to_decimal(Rational(1, 3), 5) == "0.33333");
  BOOST_TEST(to_decimal(Rational(1, 8)) == "0.125");
  BOOST_TEST(to_decimal(Rational(-7, 2)) == "-3.5");
  BOOST_TEST(to_decimal(Rational(0)) == "0");
  BOOST_TEST(to_decimal(Rational(12345)) == "12345");
  BOOST_TEST(to_decimal(Rational(1, 1000), 3) == "0.001");
  // Leading zeros after the point are not significant.
  BOOST_TEST(to_decimal(Rational(1, 700), 4) == "0.001428");
  BOOST_TEST(to_decimal(Rational(1, 7), 30) == "0.142857142857142857142857142857");
  BOOST_TEST(to_decimal(Rational(22, 7), 10) == "3.142857142");
  // Digits are truncated, never rounded up past the value: 2/3 -> 0.66666.
  BOOST_TEST(to_decimal(Rational(2, 3), 5) == "0.66666");
  // The printed decimal parses back to within one unit of the last digit.
  Rational d = parsed(to_decimal(Rational(355, 113), 20));
  BOOST_TEST(d <= Rational(355, 113));
  BOOST_TEST(Rational(355, 113) - d < pow10(-18));
}

// Regression: when the integer part already has `digits` digits, no bare "." is appended.
BOOST_AUTO_TEST_CASE(to_decimal_has_no_trailing_point) {
  BOOST_TEST(to_decimal(Rational(10, 3), 1) == "3");
  BOOST_TEST(to_decimal(Rational(1234567, 10), 3) == "123456");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(algebraic_numbers)

BOOST_AUTO_TEST_CASE(roots_of_t2_minus_2) {
  auto roots = real_roots(poly({-2, 0, 1}));
  BOOST_TEST_REQUIRE(roots.size() == 2u);
  BOOST_TEST(roots[0] == -roots[1]);
  BOOST_TEST(roots[0] < roots[1]);
  BOOST_TEST(roots[1].sign() == 1);
  BOOST_TEST(roots[0].sign() == -1);
  BOOST_TEST(!roots[1].is_rational());
  BOOST_TEST(roots[1].degree() == 2);
  BOOST_TEST(roots[1].minimal_polynomial_string() == "x^2 - 2");
  BOOST_TEST(roots[0].minimal_polynomial_string("t") == "t^2 - 2");
  std::vector<Integer> expected{-2, 0, 1};
  BOOST_TEST(roots[1].minimal_polynomial() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(exact_comparisons_with_rationals) {
  Algebraic s = sqrt2();
  BOOST_TEST(s > Algebraic(Rational(1414, 1000)));
  BOOST_TEST(s < Algebraic(Rational(1415, 1000)));
  BOOST_TEST(compare(s, Algebraic(Rational(1414, 1000))) == 1);
  BOOST_TEST(compare(s, Algebraic(Rational(1415, 1000))) == -1);
  // Very close rational bounds: 1.41421356237309504880168872420969807 < sqrt 2 < ...808.
  Rational below = parsed("1.41421356237309504880168872420969807");
  Rational above = parsed("1.41421356237309504880168872420969808");
  BOOST_TEST(s > Algebraic(below));
  BOOST_TEST(s < Algebraic(above));
  BOOST_TEST(s != Algebraic(below));
  // Cross-check the bounds in exact rational arithmetic.
  BOOST_TEST(below * below < 2);
  BOOST_TEST(above * above > 2);
}

BOOST_AUTO_TEST_CASE(exact_comparisons_between_algebraics) {
  Algebraic s2 = sqrt2(), s3 = sqrt3();
  BOOST_TEST(s2 < s3);
  BOOST_TEST(s3 > s2);
  Algebraic cbrt3 = real_roots(poly({-3, 0, 0, 1})).at(0);  // 1.44224...
  BOOST_TEST(cbrt3 > s2);
  BOOST_TEST(cbrt3 < s3);
  // sqrt2 + sqrt3 is the largest root of t^4 - 10 t^2 + 1: two constructions, one number.
  auto quartic = real_roots(poly({1, 0, -10, 0, 1}));
  BOOST_TEST_REQUIRE(quartic.size() == 4u);
  BOOST_TEST(quartic[3] == s2 + s3);
  BOOST_TEST(quartic[3].minimal_polynomial_string() == "x^4 - 10*x^2 + 1");
  BOOST_TEST(quartic[0] == -(s2 + s3));
  BOOST_TEST(quartic[2] == s3 - s2);
  BOOST_TEST(quartic[2] != s2);
}

BOOST_AUTO_TEST_CASE(arithmetic_is_exact) {
  Algebraic s = sqrt2();
  Algebraic two = s * s;
  BOOST_TEST(two == Algebraic(2));
  BOOST_TEST(two.is_rational());
  BOOST_TEST(two.to_rational() == Rational(2));
  BOOST_TEST(two.minimal_polynomial_string() == "x - 2");
  BOOST_TEST(s / s == Algebraic(1));
  BOOST_TEST((Algebraic(1) / s) * Algebraic(2) == s);  // 2/sqrt2 = sqrt2
  BOOST_TEST((Algebraic(1) / s).minimal_polynomial_string() == "2*x^2 - 1");
  BOOST_TEST(s - s == Algebraic(0));
  BOOST_TEST((s - s).sign() == 0);
  Algebraic acc = s;
  acc += s;
  acc -= Algebraic(Rational(1, 2)) * s;
  acc *= s;
  BOOST_TEST(acc == Algebraic(3));  // (2 - 1/2) sqrt2 * sqrt2 = 3
  BOOST_CHECK_THROW(s / Algebraic(0), std::domain_error);
}

BOOST_AUTO_TEST_CASE(sum_and_product_of_conjugates) {
  // Roots of t^2 - 2t - 1 are 1 - sqrt2 and 1 + sqrt2: Vieta gives sum 2 and product -1.
  auto r = real_roots(poly({-1, -2, 1}));
  BOOST_TEST_REQUIRE(r.size() == 2u);
  BOOST_TEST(r[0] + r[1] == Algebraic(2));
  BOOST_TEST((r[0] + r[1]).is_rational());
  BOOST_TEST(r[0] * r[1] == Algebraic(-1));
  BOOST_TEST(r[1] == Algebraic(1) + sqrt2());
  BOOST_TEST(r[1].minimal_polynomial_string() == "x^2 - 2*x - 1");
  // Conjugates of sqrt2 sum to zero.
  auto s = real_roots(poly({-2, 0, 1}));
  BOOST_TEST(s[0] + s[1] == Algebraic(0));
}

BOOST_AUTO_TEST_CASE(is_rational_on_mixed_roots) {
  // (2t - 1)(t^2 - 2) = 2t^3 - t^2 - 4t + 2: roots -sqrt2 < 1/2 < sqrt2.
  RationalPolynomial p = poly({-1, 2}) * poly({-2, 0, 1});
  BOOST_TEST(p.to_string() == "2*t^3 - t^2 - 4*t + 2");
  auto r = real_roots(p);
  BOOST_TEST_REQUIRE(r.size() == 3u);
  BOOST_TEST(!r[0].is_rational());
  BOOST_TEST(r[1].is_rational());
  BOOST_TEST(!r[2].is_rational());
  BOOST_TEST(r[1].to_rational() == Rational(1, 2));
  BOOST_TEST(r[1].to_string() == "1/2");
  BOOST_TEST(r[1].minimal_polynomial_string() == "2*x - 1");
  BOOST_TEST(r[1].degree() == 1);
  BOOST_TEST(r[2] == sqrt2());
  BOOST_CHECK_THROW(r[0].to_rational(), std::logic_error);
  BOOST_CHECK_THROW(algebraic_to<Rational>(r[2]), std::logic_error);
  BOOST_TEST(algebraic_to<Rational>(r[1]) == Rational(1, 2));
}

BOOST_AUTO_TEST_CASE(real_roots_edge_cases) {
  // Multiple roots are listed once: (t - 1)^2 (t + 2).
  auto r = real_roots(poly({-1, 1}) * poly({-1, 1}) * poly({2, 1}));
  BOOST_TEST_REQUIRE(r.size() == 2u);
  BOOST_TEST(r[0] == Algebraic(-2));
  BOOST_TEST(r[1] == Algebraic(1));
  BOOST_TEST(real_roots(poly({1, 0, 1})).empty());  // t^2 + 1
  BOOST_TEST(real_roots(poly({5})).empty());
  BOOST_CHECK_THROW(real_roots(RationalPolynomial()), std::invalid_argument);
  // Rational coefficients: t^2 - 1/4.
  auto h = real_roots(poly({Rational(-1, 4), 0, 1}));
  BOOST_TEST_REQUIRE(h.size() == 2u);
  BOOST_TEST(h[1].to_rational() == Rational(1, 2));
}

BOOST_AUTO_TEST_CASE(copies_and_moves_are_independent) {
  Algebraic a = sqrt2();
  Algebraic b = a;
  b += Algebraic(1);
  BOOST_TEST(a == sqrt2());
  Algebraic c = std::move(b);
  BOOST_TEST(c == Algebraic(1) + sqrt2());
  Algebraic d;
  BOOST_TEST(d == Algebraic(0));
  d = c;
  d = d;  // self-assignment
  BOOST_TEST(d == c);
  d = std::move(a);
  BOOST_TEST(d == sqrt2());
}

BOOST_AUTO_TEST_CASE(isolating_interval_contains_exactly_the_number) {
  Algebraic s = sqrt2();
  auto conjugates = real_roots(poly({-2, 0, 1}));
  Rational previous_width = -1;
  for (long bits : {1L, 8L, 64L, 200L, 1000L}) {
    BOOST_TEST_CONTEXT("bits " << bits) {
      auto [lo, hi] = s.isolating_interval(bits);
      BOOST_TEST(lo <= hi);
      BOOST_TEST(Algebraic(lo) < s);
      BOOST_TEST(s < Algebraic(hi));
      // Exactly: lo^2 < 2 < hi^2 (both endpoints positive).
      BOOST_TEST(lo > 0);
      BOOST_TEST(lo * lo < 2);
      BOOST_TEST(hi * hi > 2);
      // The other root of the minimal polynomial is outside.
      BOOST_TEST(Algebraic(lo) > conjugates[0]);
      // Width at most 2^-bits, and it refines as bits grow.
      Rational w = hi - lo;
      BOOST_TEST(w <= Rational(Integer(1), Integer(1) << bits));
      if (previous_width >= 0) BOOST_TEST(w < previous_width);
      previous_width = w;
    }
  }
  // A rational number's interval is the point itself.
  auto [a, b] = Algebraic(Rational(1, 3)).isolating_interval();
  BOOST_TEST(a <= Rational(1, 3));
  BOOST_TEST(b >= Rational(1, 3));
}

// Regression: isolating_interval's width is absolute (2^-bits even for 2^40 sqrt2, where a
// relative precision would not do) and the interval is checked to exclude the other real roots
// (1 + sqrt2/10^30 has the conjugate 1 - sqrt2/10^30 very close by).
BOOST_AUTO_TEST_CASE(isolating_interval_isolates_close_roots_and_is_absolute) {
  Algebraic big = sqrt2() * Algebraic(Rational(Integer(1) << 40));
  auto [lo, hi] = big.isolating_interval(64);
  BOOST_TEST(hi - lo <= Rational(Integer(1), Integer(1) << 64));

  Integer ten60 = 1;
  for (int i = 0; i < 60; ++i) ten60 *= 10;
  auto close = real_roots(poly({Rational(1) - Rational(2, ten60), -2, 1}));
  BOOST_TEST_REQUIRE(close.size() == 2u);
  BOOST_TEST_REQUIRE(close[0].degree() == 2);  // they are conjugates
  for (long bits : {1L, 64L}) {
    auto [a, b] = close[1].isolating_interval(bits);
    BOOST_TEST(Algebraic(a) > close[0], "bits " << bits << ": the interval also contains the conjugate");
    BOOST_TEST(Algebraic(a) <= close[1]);
    BOOST_TEST(close[1] <= Algebraic(b));
  }
}

BOOST_AUTO_TEST_CASE(to_decimal_has_30_correct_digits) {
  Algebraic s = sqrt2();
  std::string d = s.to_decimal(30);
  // 30 significant digits of 1.41421356237309504880168872420|9698..., correctly rounded.
  BOOST_TEST(d == "1.41421356237309504880168872421");
  BOOST_TEST(significant_digits(d) == 30);
  BOOST_TEST(d.substr(0, 30) == kSqrt2Digits.substr(0, 30));
  BOOST_TEST((-s).to_decimal(30) == "-1.41421356237309504880168872421");
  // Sixty digits agree with the known expansion up to the rounded last digit.
  std::string d60 = s.to_decimal(60);
  BOOST_TEST(d60.substr(0, 60) == kSqrt2Digits.substr(0, 60));
  // Independent check: the decimal is within one unit of its last place, exactly.
  Rational q = parsed(d);
  Algebraic error = Algebraic(q) - s;
  BOOST_TEST(error < Algebraic(pow10(-29)));
  BOOST_TEST(error > Algebraic(-pow10(-29)));
  // Small and large magnitudes keep 30 significant digits and parse back.
  for (int e : {-40, -6, 10, 60}) {
    BOOST_TEST_CONTEXT("scale 10^" << e) {
      Algebraic x = s * Algebraic(pow10(e));
      std::string t = x.to_decimal(30);
      BOOST_TEST(significant_digits(t) == 30, t);
      Rational back = parsed(t);
      Algebraic rel = (Algebraic(back) - x) / x;
      BOOST_TEST(rel < Algebraic(pow10(-28)));
      BOOST_TEST(rel > Algebraic(-pow10(-28)));
    }
  }
  BOOST_TEST(Algebraic(0).to_decimal() == "0");
  BOOST_TEST(s.to_string() == d);
  BOOST_TEST(Algebraic(Rational(-3, 4)).to_string() == "-3/4");
}

BOOST_AUTO_TEST_CASE(stream_output_names_the_polynomial) {
  std::ostringstream out;
  out << sqrt2() << " and " << Algebraic(Rational(1, 2));
  BOOST_TEST(out.str() == "1.4142135623730950488 (root of x^2 - 2) and 1/2");
}

BOOST_AUTO_TEST_CASE(to_double_and_algebraic_to_double) {
  BOOST_TEST(sqrt2().to_double() == std::sqrt(2.0));
  BOOST_TEST(algebraic_to<double>(sqrt2()) == std::sqrt(2.0));
  BOOST_TEST(algebraic_to<double>(-sqrt3()) == -std::sqrt(3.0));
  BOOST_TEST(algebraic_to<double>(Algebraic(Rational(1, 4))) == 0.25);
  BOOST_TEST(algebraic_to<Algebraic>(sqrt2()) == sqrt2());
}

BOOST_AUTO_TEST_CASE(number_kind_of_algebraic) {
  BOOST_CHECK(NumberKind<Algebraic>::arithmetic == Arithmetic::exact);
  BOOST_TEST(std::string(NumberKind<Algebraic>::name) == "algebraic");
  BOOST_TEST(sign_of(-sqrt2()) == -1);
  BOOST_TEST(from_rational<Algebraic>(Rational(2, 6)) == Algebraic(Rational(1, 3)));
  BOOST_TEST(max_of(sqrt2(), sqrt3()) == sqrt3());
  BOOST_TEST(min_of(sqrt2(), sqrt3()) == sqrt2());
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(interval_kind)

BOOST_AUTO_TEST_CASE(sign_decides_clear_cases) {
  using K = NumberKind<Interval>;
  BOOST_TEST(K::sign(from_rational<Interval>(Rational(1, 3))) == 1);
  BOOST_TEST(K::sign(from_rational<Interval>(Rational(-1, 3))) == -1);
  BOOST_TEST(K::sign(from_rational<Interval>(Rational(0))) == 0);
  BOOST_TEST(K::sign(hull(2, 5)) == 1);
  BOOST_TEST(K::sign(hull(-5, -2)) == -1);
  BOOST_TEST(K::sign(from_rational<Interval>(pow10(-30))) == 1);
  BOOST_CHECK(K::arithmetic == Arithmetic::certified);
}

BOOST_AUTO_TEST_CASE(sign_throws_undecidable_when_zero_is_inside) {
  using K = NumberKind<Interval>;
  BOOST_CHECK_THROW(K::sign(hull(-1, 1)), Undecidable);
  BOOST_CHECK_THROW(K::sign(hull(0, 1)), Undecidable);
  BOOST_CHECK_THROW(K::sign(hull(-1, 0)), Undecidable);
  Interval third = from_rational<Interval>(Rational(1, 3));
  BOOST_CHECK_THROW(K::sign(Interval(third - third)), Undecidable);
  try {
    K::sign(hull(-1, 1));
  } catch (const Undecidable& e) {
    BOOST_TEST(std::string(e.what()).find("contains 0") != std::string::npos, e.what());
  }
}

BOOST_AUTO_TEST_CASE(one_third_times_three_over_three_does_not_abort) {
  // Boost's operator< on overlapping mpfi intervals throws from a noexcept function and
  // terminates; the kind's comparisons go through MPFI's predicates and throw Undecidable.
  Interval x = from_rational<Interval>(Rational(1, 3));
  Interval y = Interval(x * 3 / 3);
  BOOST_CHECK_THROW(compare(x, y), Undecidable);
  BOOST_CHECK_THROW(less(x, y), Undecidable);
  BOOST_CHECK_THROW(max_of(x, y), Undecidable);
  // y still encloses 1/3 exactly.
  BOOST_TEST(lower_bound(y) <= Rational(1, 3));
  BOOST_TEST(upper_bound(y) >= Rational(1, 3));
  // Separated intervals compare fine.
  Interval half = from_rational<Interval>(Rational(1, 2));
  BOOST_TEST(compare(x, half) == -1);
  BOOST_TEST(compare(half, y) == 1);
  BOOST_TEST(less(y, half));
}

BOOST_AUTO_TEST_CASE(from_rational_encloses) {
  Interval third = from_rational<Interval>(Rational(1, 3));
  BOOST_TEST(lower_bound(third) < Rational(1, 3));
  BOOST_TEST(upper_bound(third) > Rational(1, 3));
  BOOST_TEST(width(third) > 0);
  BOOST_TEST(width(third) < pow10(-static_cast<int>(float_precision_digits()) + 2));
  // Dyadic rationals are exact: a point interval.
  Interval quarter = from_rational<Interval>(Rational(-3, 4));
  BOOST_TEST(lower_bound(quarter) == Rational(-3, 4));
  BOOST_TEST(upper_bound(quarter) == Rational(-3, 4));
  BOOST_TEST(width(quarter) == 0);
  std::string s = NumberKind<Interval>::to_string(quarter);
  BOOST_TEST(s.front() == '[');
  BOOST_TEST(s.find("-7.5") != std::string::npos, s);
}

BOOST_AUTO_TEST_CASE(algebraic_to_interval_encloses_sqrt2) {
  Interval x = algebraic_to<Interval>(sqrt2());
  Rational lo = lower_bound(x), hi = upper_bound(x);
  // Exactly, with rationals: lo^2 < 2 < hi^2.
  BOOST_TEST(lo > 0);
  BOOST_TEST(lo * lo < 2);
  BOOST_TEST(hi * hi > 2);
  BOOST_TEST(width(x) > 0);
  BOOST_TEST(width(x) < pow10(-static_cast<int>(float_precision_digits()) + 2));
  BOOST_TEST(NumberKind<Interval>::sign(x) == 1);
  // A rational converts to its own enclosure.
  Interval h = algebraic_to<Interval>(Algebraic(Rational(1, 2)));
  BOOST_TEST(width(h) == 0);
  BOOST_TEST(lower_bound(h) == Rational(1, 2));
  // sqrt2 * sqrt2 - 2 in intervals contains 0 (undecidable), while sqrt2 - 1.414 > 0.
  Interval sq = Interval(x * x - 2);
  BOOST_CHECK_THROW(NumberKind<Interval>::sign(sq), Undecidable);
  BOOST_TEST(NumberKind<Interval>::sign(Interval(x - from_rational<Interval>(Rational(1414, 1000)))) == 1);
}

// [p, q] for rationals p <= q, rounded outward.
Interval hull_of(const Rational& p, const Rational& q) {
  const Interval a = from_rational<Interval>(p), b = from_rational<Interval>(q);
  Interval x;
  mpfi_union(x.backend().data(), a.backend().data(), b.backend().data());
  return x;
}

BOOST_AUTO_TEST_CASE(certified_digits_are_the_digits_every_number_inside_shares) {
  const NumericScope standard(NumericState::standard());  // 50 digits: 1/3's enclosure certifies 25
  // Exact known answers: a point, a thin enclosure of 1/3, and wider ones that certify fewer digits.
  BOOST_TEST(certified_digits(from_rational<Interval>(Rational(1, 4)), 4) == "2.500e-01");
  BOOST_TEST(certified_digits(from_rational<Interval>(Rational(1, 3)), 25) == "3.333333333333333333333333e-01");
  BOOST_TEST(certified_digits(hull_of(Rational(2001, 10000), Rational(2009, 10000))) == "2.00e-01");
  BOOST_TEST(certified_digits(hull_of(Rational(-2009, 10000), Rational(-2001, 10000))) == "-2.00e-01");
  // Digits are cut, not rounded: rounding 0.29996 .. 0.29999 to 4 digits would print 3.000e-01,
  // whose digits no number inside has.
  BOOST_TEST(certified_digits(hull_of(Rational(29996, 100000), Rational(29999, 100000))) == "2.999e-01");
  // Nothing certified: the first digit differs, or 0 is inside; [0, 0] is "0".
  BOOST_TEST(certified_digits(hull_of(Rational(19, 100), Rational(21, 100))) == "");
  BOOST_TEST(certified_digits(hull(-1, 1)) == "");
  BOOST_TEST(certified_digits(from_rational<Interval>(Rational(0))) == "0");
}

BOOST_AUTO_TEST_CASE(precision_follows_set_float_precision_digits) {
  PrecisionGuard guard;
  set_float_precision_digits(100);
  BOOST_TEST(float_precision_digits() == 100u);
  Interval x = algebraic_to<Interval>(sqrt2());
  BOOST_TEST(lower_bound(x) * lower_bound(x) < 2);
  BOOST_TEST(upper_bound(x) * upper_bound(x) > 2);
  BOOST_TEST(width(x) < pow10(-98));
  Interval third = from_rational<Interval>(Rational(1, 3));
  BOOST_TEST(width(third) < pow10(-98));
  BOOST_TEST(width(third) > 0);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(float_kinds)

BOOST_AUTO_TEST_CASE(mpfr_from_rational) {
  PrecisionGuard guard;
  set_float_precision_digits(50);
  Mpfr x = from_rational<Mpfr>(Rational(1, 3));
  Mpfr err = abs(Mpfr(x * 3 - 1));
  BOOST_TEST(err < Mpfr("1e-48"));
  BOOST_TEST(from_rational<Mpfr>(Rational(3, 8)) == Mpfr("0.375"));
  BOOST_TEST(from_rational<Mpfr>(Rational(-5, 2)) == Mpfr(-2.5));
  BOOST_TEST(NumberKind<Mpfr>::sign(from_rational<Mpfr>(Rational(-1, 7))) == -1);
  BOOST_TEST(NumberKind<Mpfr>::sign(from_rational<Mpfr>(Rational(0))) == 0);
  BOOST_CHECK(NumberKind<Mpfr>::arithmetic == Arithmetic::numeric);
  // Nearest rounding: 1/10 at 50 digits differs from 1/10 by less than 1e-50 relative.
  Mpfr tenth = from_rational<Mpfr>(Rational(1, 10));
  BOOST_TEST(abs(Mpfr(tenth * 10 - 1)) < Mpfr("1e-49"));
  BOOST_TEST(NumberKind<Mpfr>::to_string(from_rational<Mpfr>(Rational(3, 8))).find("3.75") == 0u);
}

BOOST_AUTO_TEST_CASE(algebraic_to_mpfr) {
  PrecisionGuard guard;
  set_float_precision_digits(60);
  Mpfr x = algebraic_to<Mpfr>(sqrt2());
  Mpfr reference = sqrt(Mpfr(2));
  BOOST_TEST(abs(Mpfr(x - reference)) < Mpfr("1e-58"));
  BOOST_TEST(algebraic_to<Mpfr>(Algebraic(Rational(1, 4))) == Mpfr("0.25"));
}

BOOST_AUTO_TEST_CASE(double_kind) {
  BOOST_TEST(from_rational<double>(Rational(1, 4)) == 0.25);
  BOOST_TEST(from_rational<double>(Rational(1, 3)) == 1.0 / 3.0);
  BOOST_TEST(NumberKind<double>::sign(-0.0) == 0);
  BOOST_TEST(NumberKind<double>::sign(-1e-300) == -1);
  BOOST_TEST(NumberKind<double>::to_string(0.1) == "0.10000000000000001");
  BOOST_CHECK(NumberKind<double>::arithmetic == Arithmetic::numeric);
  BOOST_TEST(compare(0.1 + 0.2, 0.3) == 1);  // the float answer differs from the exact one
  BOOST_TEST(compare(parsed("0.1") + parsed("0.2"), parsed("0.3")) == 0);
}

BOOST_AUTO_TEST_CASE(arithmetic_tags) {
  BOOST_CHECK(std::string(to_string(Arithmetic::exact)) == "exact");
  BOOST_CHECK(std::string(to_string(Arithmetic::certified)) == "certified");
  BOOST_CHECK(std::string(to_string(Arithmetic::numeric)) == "numeric");
  BOOST_CHECK(weakest(Arithmetic::exact, Arithmetic::certified) == Arithmetic::certified);
  BOOST_CHECK(weakest(Arithmetic::numeric, Arithmetic::exact) == Arithmetic::numeric);
  BOOST_CHECK(weakest(Arithmetic::exact, Arithmetic::exact) == Arithmetic::exact);
  BOOST_CHECK(NumberKind<Rational>::arithmetic == Arithmetic::exact);
  BOOST_TEST(NumberKind<Rational>::to_string(Rational(4, 6)) == "2/3");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(interval_exchange)

BOOST_AUTO_TEST_CASE(an_interval_survives_its_exchange_text_bit_for_bit) {
  // Intervals of several precisions, thin and wide, negative, zero-straddling, huge and tiny: read
  // back, both ends and the precision are the ones written (mpfi_cmp-free: the ends compared exactly).
  std::vector<Interval> xs;
  for (unsigned digits : {17u, 50u, 120u}) {
    set_float_precision_digits(digits);
    Interval third = Interval(1) / 3, root = sqrt(Interval(2)) - Interval(7) / 5;
    xs.push_back(third);
    xs.push_back(-root * 1e300);
    xs.push_back(Interval(-1, 2) / 7);
    xs.push_back(third * 1e-300);
    xs.push_back(Interval(0));
  }
  set_float_precision_digits(30);
  for (const Interval& x : xs) {
    const std::string text = exchange_text(x);
    const Interval y = interval_from_exchange_text(text);
    BOOST_TEST(mpfi_get_prec(y.backend().data()) == mpfi_get_prec(x.backend().data()), text);
    BOOST_TEST((lower_bound(y) == lower_bound(x)), text);
    BOOST_TEST((upper_bound(y) == upper_bound(x)), text);
  }
  // One ulp off is not the same interval (so the comparison above can fail).
  Interval off = xs.front();
  mpfr_nextabove(&off.backend().data()->right);
  BOOST_TEST((upper_bound(interval_from_exchange_text(exchange_text(off))) != upper_bound(xs.front())));
  BOOST_CHECK_THROW(interval_from_exchange_text("64 1@0"), std::invalid_argument);
  BOOST_CHECK_THROW(interval_from_exchange_text("64 1@0 xyz"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
