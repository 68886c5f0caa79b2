// Polynomials and piecewise polynomials with rational coefficients: exact known answers,
// identities between independent formulas (antiderivative vs Simpson's rule, Rational vs double
// vs interval evaluation) and seeded bugs (a CDF piece that decreases on a tiny interval).
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/poly/piecewise.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace mechcheck;

namespace {

RationalPolynomial poly(std::vector<Rational> ascending) { return RationalPolynomial(std::move(ascending)); }
const RationalPolynomial t = RationalPolynomial::identity();
RationalPolynomial c(const Rational& value) { return RationalPolynomial::constant(value); }

Algebraic sqrt2() { return real_roots(poly({-2, 0, 1})).at(1); }

// Sample points: every break, every midpoint, and quarter points.
std::vector<Rational> samples(const PiecewisePolynomial& f) {
  std::vector<Rational> out;
  const auto& b = f.breaks();
  for (std::size_t j = 0; j + 1 < b.size(); ++j)
    for (int k = 0; k < 4; ++k) out.push_back(b[j] + (b[j + 1] - b[j]) * Rational(k, 4));
  out.push_back(b.back());
  return out;
}

// Simpson's rule on each piece: exact for polynomials of degree <= 3 (an independent formula).
Rational simpson(const PiecewisePolynomial& f) {
  Rational total = 0;
  for (std::size_t j = 0; j < f.piece_count(); ++j) {
    BOOST_TEST_REQUIRE(f.pieces()[j].degree() <= 3);
    Rational a = f.breaks()[j], b = f.breaks()[j + 1];
    const auto& p = f.pieces()[j];
    total += (b - a) / 6 * (p(a) + 4 * p((a + b) / 2) + p(b));
  }
  return total;
}

// Simpson's rule on [lo, x], piece by piece.
Rational simpson_up_to(const PiecewisePolynomial& f, const Rational& x) {
  Rational total = 0;
  for (std::size_t j = 0; j < f.piece_count() && f.breaks()[j] < x; ++j) {
    Rational a = f.breaks()[j], b = f.breaks()[j + 1] < x ? f.breaks()[j + 1] : x;
    const auto& p = f.pieces()[j];
    total += (b - a) / 6 * (p(a) + 4 * p((a + b) / 2) + p(b));
  }
  return total;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(polynomial)

BOOST_AUTO_TEST_CASE(construction_normalizes) {
  RationalPolynomial p = poly({1, 0, 0});
  BOOST_TEST(p.degree() == 0);
  BOOST_TEST(p.is_constant());
  BOOST_TEST(!p.is_zero());
  BOOST_TEST(poly({0, 0}).is_zero());
  BOOST_TEST(poly({0, 0}).degree() == -1);
  BOOST_TEST(RationalPolynomial().is_zero());
  BOOST_TEST(c(0).is_zero());
  BOOST_TEST(t.degree() == 1);
  BOOST_TEST(t.coefficient(1) == 1);
  BOOST_TEST(t.coefficient(0) == 0);
  BOOST_TEST(t.coefficient(7) == 0);
  BOOST_TEST(t.coefficient(-1) == 0);
}

BOOST_AUTO_TEST_CASE(arithmetic) {
  RationalPolynomial a = t + c(1), b = t - c(1);
  BOOST_TEST((a * a).to_string() == "t^2 + 2*t + 1");
  BOOST_TEST((a * b).to_string() == "t^2 - 1");
  BOOST_TEST((a + b).to_string() == "2*t");
  BOOST_TEST((a - b).to_string() == "2");
  BOOST_TEST((a - a).is_zero());
  BOOST_TEST((a - a).degree() == -1);
  BOOST_TEST((-a).to_string() == "-t - 1");
  BOOST_TEST((a * Rational(3, 2)).to_string() == "3/2*t + 3/2");
  BOOST_TEST((a * Rational(0)).is_zero());
  BOOST_TEST((a * RationalPolynomial()).is_zero());
  // Leading terms that cancel drop the degree.
  RationalPolynomial p = poly({1, 2, 3}), q = poly({0, 1, -3});
  BOOST_TEST((p + q).degree() == 1);
  BOOST_CHECK((p + q) == poly({1, 3}));
  RationalPolynomial acc = a;
  acc *= b;
  acc += c(1);
  acc -= t * t;
  BOOST_TEST(acc.is_zero());
  // Product agrees with pointwise products at many points.
  RationalPolynomial r = poly({Rational(1, 3), Rational(-2, 5), 0, Rational(7, 2)});
  for (int k = -5; k <= 5; ++k) {
    Rational x(k, 3);
    BOOST_TEST((p * r)(x) == p(x) * r(x));
    BOOST_TEST((p - r)(x) == p(x) - r(x));
  }
}

BOOST_AUTO_TEST_CASE(derivative_and_antiderivative) {
  RationalPolynomial p = poly({Rational(1, 4), -1, Rational(3, 2), 0, 5});  // 5t^4 + 3/2 t^2 - t + 1/4
  BOOST_TEST(p.derivative().to_string() == "20*t^3 + 3*t - 1");
  BOOST_TEST(p.antiderivative().to_string() == "t^5 + 1/2*t^3 - 1/2*t^2 + 1/4*t");
  BOOST_TEST(p.antiderivative()(Rational(0)) == 0);
  // Round trips.
  BOOST_CHECK(p.antiderivative().derivative() == p);
  BOOST_CHECK(p.derivative().antiderivative() == p - c(p(Rational(0))));
  BOOST_TEST(c(7).derivative().is_zero());
  BOOST_TEST(RationalPolynomial().derivative().is_zero());
  BOOST_TEST(RationalPolynomial().antiderivative().is_zero());
  BOOST_TEST(c(3).antiderivative().to_string() == "3*t");
  // Fundamental theorem: integral of t^2 on [0, 3] is 9.
  RationalPolynomial sq = t * t;
  BOOST_TEST(sq.antiderivative()(Rational(3)) - sq.antiderivative()(Rational(0)) == 9);
}

BOOST_AUTO_TEST_CASE(compose) {
  RationalPolynomial p = t * t + c(1), q = t * Rational(2) - c(3);
  BOOST_TEST(p.compose(q).to_string() == "4*t^2 - 12*t + 10");
  BOOST_TEST(q.compose(p).to_string() == "2*t^2 - 1");
  BOOST_CHECK(p.compose(t) == p);
  BOOST_CHECK(t.compose(p) == p);
  BOOST_TEST(p.compose(c(2)).to_string() == "5");
  BOOST_TEST(RationalPolynomial().compose(p).is_zero());
  RationalPolynomial r = poly({Rational(-1, 2), 0, 0, Rational(2, 3)});
  for (int k = -4; k <= 4; ++k) {
    Rational x(k, 5);
    BOOST_TEST(r.compose(p)(x) == r(p(x)));
    BOOST_TEST(p.compose(r)(x) == p(r(x)));
  }
}

BOOST_AUTO_TEST_CASE(evaluate_rational_double_interval_agree) {
  RationalPolynomial p = poly({Rational(1, 7), Rational(-1, 2), 0, Rational(1, 3)});
  Rational x(3, 8);
  Rational exact = p(x);
  BOOST_TEST(exact == Rational(1, 7) - Rational(3, 16) + Rational(27, 512) / 3);
  BOOST_TEST(p.evaluate<Rational>(x) == exact);
  double approx = p.evaluate<double>(0.375);
  BOOST_TEST(std::abs(approx - exact.convert_to<double>()) < 1e-15);
  Interval enclosure = p.evaluate<Interval>(from_rational<Interval>(x));
  BOOST_TEST(lower_bound(enclosure) <= exact);
  BOOST_TEST(upper_bound(enclosure) >= exact);
  BOOST_TEST(width(enclosure) < Rational(1, 1000000000));
  BOOST_TEST(RationalPolynomial().evaluate<double>(2.0) == 0.0);
  BOOST_TEST(c(5)(Rational(100)) == 5);
}

BOOST_AUTO_TEST_CASE(evaluate_at_algebraic) {
  Algebraic s = sqrt2();
  BOOST_TEST(poly({-2, 0, 1})(s) == Algebraic(0));
  BOOST_TEST((t * t * t)(s) == Algebraic(2) * s);
  BOOST_TEST((t * t * t)(s).minimal_polynomial_string() == "x^2 - 8");
  BOOST_TEST(poly({1, 1})(Algebraic(Rational(1, 2))) == Algebraic(Rational(3, 2)));
  BOOST_TEST(poly({1, 1})(Algebraic(Rational(1, 2))).is_rational());
  // Agrees with evaluation in Algebraic arithmetic by Horner's rule.
  RationalPolynomial p = poly({Rational(1, 3), -1, Rational(5, 2), 2});
  BOOST_TEST(p(s) == p.evaluate<Algebraic>(s));
}

BOOST_AUTO_TEST_CASE(real_roots_in_a_closed_interval) {
  RationalPolynomial cubic = t * (t - c(1)) * (t - c(2));
  auto r = cubic.real_roots(0, 2);  // endpoints included
  BOOST_TEST_REQUIRE(r.size() == 3u);
  BOOST_TEST(r[0] == Algebraic(0));
  BOOST_TEST(r[1] == Algebraic(1));
  BOOST_TEST(r[2] == Algebraic(2));
  BOOST_TEST(cubic.real_roots(Rational(1, 2), 1).size() == 1u);
  BOOST_TEST(cubic.real_roots(Rational(1, 10), Rational(9, 10)).empty());
  BOOST_TEST(cubic.real_roots(2, 2).size() == 1u);
  BOOST_TEST(cubic.real_roots(-5, -1).empty());
  // A multiple root counts once: (t - 1)^2 (t - 3).
  RationalPolynomial m = (t - c(1)) * (t - c(1)) * (t - c(3));
  auto mr = m.real_roots(0, 3);
  BOOST_TEST_REQUIRE(mr.size() == 2u);
  BOOST_TEST(mr[0] == Algebraic(1));
  BOOST_TEST(mr[1] == Algebraic(3));
  BOOST_TEST(((t - c(1)) * (t - c(1)) * (t - c(1))).real_roots(0, 1).size() == 1u);
  // Irrational roots, in increasing order.
  RationalPolynomial q = t * t - c(2);
  BOOST_TEST(q.real_roots(0, 2).size() == 1u);
  BOOST_TEST(q.real_roots(0, 2).at(0) == sqrt2());
  auto both = q.real_roots(-2, 2);
  BOOST_TEST_REQUIRE(both.size() == 2u);
  BOOST_TEST(both[0] == -sqrt2());
  BOOST_TEST(q.real_roots(Rational(3, 2), 2).empty());
  BOOST_TEST(q.real_roots(Rational(1414, 1000), Rational(1415, 1000)).size() == 1u);
  BOOST_TEST(q.real_roots(Rational(1415, 1000), Rational(2)).empty());
  BOOST_TEST((t * t + c(1)).real_roots(-10, 10).empty());
  BOOST_TEST(c(3).real_roots(-10, 10).empty());
}

BOOST_AUTO_TEST_CASE(to_string_forms) {
  BOOST_TEST(poly({Rational(1, 4), -1, Rational(3, 2)}).to_string() == "3/2*t^2 - t + 1/4");
  BOOST_TEST(poly({2, 0, 0, -1}).to_string() == "-t^3 + 2");
  BOOST_TEST(poly({0, Rational(-1, 2)}).to_string() == "-1/2*t");
  BOOST_TEST(poly({-1}).to_string() == "-1");
  BOOST_TEST(poly({1}).to_string() == "1");
  BOOST_TEST(RationalPolynomial().to_string() == "0");
  BOOST_TEST(poly({-1, 1, 1}).to_string("x") == "x^2 + x - 1");
  BOOST_TEST(poly({0, 0, Rational(-10, 4)}).to_string("theta") == "-5/2*theta^2");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(piecewise)

namespace {
// f = t on [0, 1], 2 - t on [1, 2] (a tent).
PiecewisePolynomial tent() { return PiecewisePolynomial({0, 1, 2}, {t, c(2) - t}); }
// g = t^2 on [0, 1/2], 1/4 on [1/2, 3/2], t/2 - 1/2 on [3/2, 2] (continuous).
PiecewisePolynomial steps() {
  return PiecewisePolynomial({0, Rational(1, 2), Rational(3, 2), 2},
                             {t * t, c(Rational(1, 4)), t * Rational(1, 2) - c(Rational(1, 2))});
}
}  // namespace

BOOST_AUTO_TEST_CASE(construction_is_checked) {
  BOOST_CHECK_THROW(PiecewisePolynomial({0, 1}, {t, t}), std::invalid_argument);
  BOOST_CHECK_THROW(PiecewisePolynomial({0}, {}), std::invalid_argument);
  BOOST_CHECK_THROW(PiecewisePolynomial({0, 1, 1}, {t, t}), std::invalid_argument);
  BOOST_CHECK_THROW(PiecewisePolynomial({0, 2, 1}, {t, t}), std::invalid_argument);
  auto k = PiecewisePolynomial::constant(Rational(-1), Rational(1), Rational(3, 4));
  BOOST_TEST(k.lo() == -1);
  BOOST_TEST(k.hi() == 1);
  BOOST_TEST(k.piece_count() == 1u);
  BOOST_TEST(k(Rational(0)) == Rational(3, 4));
}

BOOST_AUTO_TEST_CASE(evaluation_and_piece_index) {
  auto f = tent();
  BOOST_TEST(f(Rational(1, 2)) == Rational(1, 2));
  BOOST_TEST(f(Rational(3, 2)) == Rational(1, 2));
  BOOST_TEST(f(Rational(1)) == 1);
  BOOST_TEST(f.piece_index(Rational(1)) == 0u);  // the left piece at an interior break
  BOOST_TEST(f.piece_index(Rational(0)) == 0u);
  BOOST_TEST(f.piece_index(Rational(2)) == 1u);
  BOOST_TEST(f.piece_index(Rational(101, 100)) == 1u);
  BOOST_CHECK_THROW(f(Rational(-1, 100)), std::out_of_range);
  BOOST_CHECK_THROW(f(Rational(201, 100)), std::out_of_range);
  // evaluate<double> and evaluate<Interval> pick the same pieces.
  for (const Rational& x : samples(steps())) {
    BOOST_TEST(std::abs(steps().evaluate<double>(x.convert_to<double>()) - steps()(x).convert_to<double>()) < 1e-15);
    BOOST_TEST(steps().evaluate<Rational>(x) == steps()(x));
  }
  Interval at = tent().evaluate<Interval>(from_rational<Interval>(Rational(1, 3)));
  BOOST_TEST(lower_bound(at) <= Rational(1, 3));
  BOOST_TEST(upper_bound(at) >= Rational(1, 3));
  // An interval straddling a break cannot pick a piece.
  Interval around_one = Interval(from_rational<Interval>(Rational(1, 3)) * 3);
  if (width(around_one) > 0) BOOST_CHECK_THROW(tent().evaluate<Interval>(around_one), Undecidable);
}

BOOST_AUTO_TEST_CASE(evaluate_at_algebraic_in_the_right_piece) {
  // t on [0, 1], t^2 on [1, 2]: a wrong piece gives sqrt2 instead of 2 at sqrt2.
  PiecewisePolynomial f({0, 1, 2}, {t, t * t});
  Algebraic s = sqrt2();
  BOOST_TEST(f.piece_index(s) == 1u);
  BOOST_TEST(f(s) == Algebraic(2));
  BOOST_TEST(f(s).is_rational());
  Algebraic inv = Algebraic(1) / s;  // 0.707..., in the first piece
  BOOST_TEST(f.piece_index(inv) == 0u);
  BOOST_TEST(f(inv) == inv);
  BOOST_TEST(f(Algebraic(1)) == Algebraic(1));
  BOOST_TEST(f.piece_index(Algebraic(1)) == 0u);
  BOOST_TEST(f.piece_index(Algebraic(Rational(3, 2))) == 1u);
  BOOST_CHECK_THROW(f(s * Algebraic(2)), std::out_of_range);
  BOOST_CHECK_THROW(f(-s), std::out_of_range);
  // Three pieces with breaks close to sqrt2 on both sides.
  PiecewisePolynomial g({0, Rational(1414, 1000), Rational(1415, 1000), 2}, {c(1), c(2), c(3)});
  BOOST_TEST(g.piece_index(s) == 1u);
  BOOST_TEST(g(s) == Algebraic(2));
  BOOST_TEST(g.evaluate<Algebraic>(s) == Algebraic(2));
  BOOST_TEST(g.evaluate<double>(std::sqrt(2.0)) == 2.0);
}

BOOST_AUTO_TEST_CASE(refine_keeps_the_function) {
  auto f = steps();
  std::vector<Rational> finer{0, Rational(1, 4), Rational(1, 2), 1, Rational(3, 2), Rational(7, 4), 2};
  auto r = f.refined(finer);
  BOOST_TEST(r.piece_count() == 6u);
  BOOST_TEST(r.breaks() == finer, boost::test_tools::per_element());
  for (const Rational& x : samples(r)) BOOST_TEST(r(x) == f(x));
  BOOST_TEST(r.integral() == f.integral());
  BOOST_CHECK_THROW(f.refined({0, 1}), std::invalid_argument);
  BOOST_CHECK_THROW(f.refined({Rational(-1), Rational(1, 2), 2}), std::invalid_argument);
  auto merged = PiecewisePolynomial::merged_breaks({0, 1, 2}, {0, Rational(1, 2), 1, 2});
  std::vector<Rational> expected{0, Rational(1, 2), 1, 2};
  BOOST_TEST(merged == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sum_difference_product) {
  auto f = tent(), g = steps();
  auto sum = f + g, diff = f - g, prod = f * g;
  // Breaks are the union of both partitions.
  std::vector<Rational> expected{0, Rational(1, 2), 1, Rational(3, 2), 2};
  BOOST_TEST(sum.breaks() == expected, boost::test_tools::per_element());
  BOOST_TEST(prod.piece_count() == 4u);
  for (const Rational& x : samples(sum)) {
    BOOST_TEST(sum(x) == f(x) + g(x));
    BOOST_TEST(diff(x) == f(x) - g(x));
    BOOST_TEST(prod(x) == f(x) * g(x));
    BOOST_TEST((f * Rational(-3, 2))(x) == f(x) * Rational(-3, 2));
    BOOST_TEST(f.times_polynomial(t * t)(x) == f(x) * x * x);
  }
  BOOST_TEST((f - f).integral() == 0);
  BOOST_CHECK_THROW(f + PiecewisePolynomial::constant(0, 3, 1), std::invalid_argument);
  BOOST_CHECK_THROW(f * PiecewisePolynomial::constant(-1, 2, 1), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(integral_known_answers_and_simpson) {
  BOOST_TEST(tent().integral() == 1);
  // steps: 1/24 + 1/4 + (integral of t/2 - 1/2 on [3/2, 2] = 7/16 - 1/4 - ... ) computed by hand:
  // [t^2/4 - t/2] from 3/2 to 2 = (1 - 1) - (9/16 - 3/4) = 3/16.
  BOOST_TEST(steps().integral() == Rational(1, 24) + Rational(1, 4) + Rational(3, 16));
  BOOST_TEST(PiecewisePolynomial({0, 3}, {t * t}).integral() == 9);
  // Simpson's rule is exact for cubics: an independent formula.
  PiecewisePolynomial cubic({Rational(-1), Rational(1, 3), 2},
                            {poly({1, -2, 0, Rational(5, 3)}), poly({Rational(-1, 7), 0, 3, -1})});
  BOOST_TEST(cubic.integral() == simpson(cubic));
  BOOST_TEST((tent() * steps()).integral() == simpson(tent() * steps()));
  BOOST_TEST(PiecewisePolynomial::constant(Rational(1, 3), Rational(1, 2), 6).integral() == 1);
}

BOOST_AUTO_TEST_CASE(integral_from_lo_is_continuous_and_inverts_derivative) {
  // A discontinuous density (histogram) integrates to a continuous CDF.
  PiecewisePolynomial density({0, 1, 2, 4}, {c(Rational(1, 4)), c(Rational(1, 2)), c(Rational(1, 8))});
  BOOST_TEST(!density.is_continuous());
  auto cdf = density.integral_from_lo();
  BOOST_TEST(cdf.is_continuous());
  BOOST_TEST(!cdf.first_discontinuity().has_value());
  BOOST_TEST(cdf(Rational(0)) == 0);
  BOOST_TEST(cdf(Rational(1)) == Rational(1, 4));
  BOOST_TEST(cdf(Rational(2)) == Rational(3, 4));
  BOOST_TEST(cdf(Rational(3)) == Rational(7, 8));
  BOOST_TEST(cdf(Rational(4)) == 1);
  BOOST_TEST(cdf(density.hi()) == density.integral());
  // Its derivative is the density again, piece by piece.
  auto back = cdf.derivative();
  for (std::size_t j = 0; j < density.piece_count(); ++j) BOOST_CHECK(back.pieces()[j] == density.pieces()[j]);
  // On a nonlinear function the integral up to each break matches integral() of a truncation.
  auto f = steps();
  auto F = f.integral_from_lo();
  BOOST_TEST(F.is_continuous());
  BOOST_TEST(F(f.hi()) == f.integral());
  BOOST_TEST(F(Rational(1, 2)) == Rational(1, 24));
  BOOST_TEST(F(Rational(1)) == Rational(1, 24) + Rational(1, 8));
  // Against Simpson's rule on [lo, x] (exact for these quadratics), at every sample point.
  for (const Rational& x : samples(f)) BOOST_TEST(F(x) == simpson_up_to(f, x), "x = " << x);
}

BOOST_AUTO_TEST_CASE(first_discontinuity) {
  BOOST_TEST(!tent().first_discontinuity().has_value());
  BOOST_TEST(tent().is_continuous());
  PiecewisePolynomial jump({0, 1, 2}, {t, t + c(1)});
  BOOST_TEST_REQUIRE(jump.first_discontinuity().has_value());
  BOOST_TEST(*jump.first_discontinuity() == 1u);
  BOOST_TEST(!jump.is_continuous());
  // Continuous at the first interior break, jumps at the second (index 2, t = 2).
  PiecewisePolynomial later({0, 1, 2, 3}, {t, c(1), t - c(Rational(999, 1000))});
  BOOST_TEST_REQUIRE(later.first_discontinuity().has_value());
  BOOST_TEST(*later.first_discontinuity() == 2u);
  BOOST_TEST(later.breaks()[*later.first_discontinuity()] == 2);
  // A tiny jump (1/10^30) is still a jump.
  Rational tiny = Rational(1, Integer("1000000000000000000000000000000"));
  PiecewisePolynomial small({0, 1, 2}, {t, t + c(tiny)});
  BOOST_TEST(small.first_discontinuity().value_or(99) == 1u);
}

BOOST_AUTO_TEST_CASE(first_decreasing_piece_catches_interior_dips) {
  // Nondecreasing pieces.
  BOOST_TEST(!PiecewisePolynomial({0, 1}, {t}).first_decreasing_piece().has_value());
  BOOST_TEST(!PiecewisePolynomial({0, 1}, {t * t}).first_decreasing_piece().has_value());
  BOOST_TEST(!PiecewisePolynomial::constant(0, 1, 1).first_decreasing_piece().has_value());
  // 4 (t - 1/2)^3 + 1/2: the derivative 12 (t - 1/2)^2 touches 0 but never goes below.
  RationalPolynomial flat_inflection =
      (t - c(Rational(1, 2))) * (t - c(Rational(1, 2))) * (t - c(Rational(1, 2))) * Rational(4) + c(Rational(1, 2));
  BOOST_TEST(!PiecewisePolynomial({0, 1}, {flat_inflection}).first_decreasing_piece().has_value());
  // Derivative t (1 - t) vanishes exactly at both ends of [0, 1]: nondecreasing; its negative is not.
  RationalPolynomial hump = (t * (c(1) - t)).antiderivative();
  BOOST_TEST(!PiecewisePolynomial({0, 1}, {hump}).first_decreasing_piece().has_value());
  BOOST_TEST(PiecewisePolynomial({0, 1}, {-hump}).first_decreasing_piece().value_or(99) == 0u);
  // The tent decreases on its second piece.
  BOOST_TEST(tent().first_decreasing_piece().value_or(99) == 1u);

  // A quadratic piece whose derivative changes sign inside: on [1, 2],
  // p(t) = 1/4 - (t-1)/4 + (t-1)^2 goes from 1/4 up to 1 at the ends, but p'(1) = -1/4 < 0.
  RationalPolynomial u = t - c(1);
  RationalPolynomial dip = c(Rational(1, 4)) - u * Rational(1, 4) + u * u;
  PiecewisePolynomial cdf({0, 1, 2}, {t * Rational(1, 4), dip});
  BOOST_TEST(cdf.is_continuous());
  BOOST_TEST(cdf(Rational(1)) < cdf(Rational(2)));     // endpoints alone do not show it
  BOOST_TEST(cdf(Rational(9, 8)) < cdf(Rational(1)));  // but it dips
  BOOST_TEST(cdf.first_decreasing_piece().value_or(99) == 1u);

  // A cubic with a positive derivative at both ends that is negative in (2/5, 3/5).
  RationalPolynomial d = (t - c(Rational(2, 5))) * (t - c(Rational(3, 5))) * Rational(12);
  PiecewisePolynomial cubic({0, 1}, {d.antiderivative()});
  BOOST_TEST(d(Rational(0)) > 0);
  BOOST_TEST(d(Rational(1)) > 0);
  BOOST_TEST(cubic.first_decreasing_piece().value_or(99) == 0u);

  // Seeded bug: it decreases only on (7/10 - sqrt2/1000, 7/10 + sqrt2/1000), an interval with
  // irrational ends, in the third piece.
  RationalPolynomial v = t - c(Rational(7, 10));
  RationalPolynomial dd = v * v - c(Rational(2, 1000000));
  RationalPolynomial anti = dd.antiderivative();
  PiecewisePolynomial sneaky({0, Rational(1, 3), Rational(1, 2), 1}, {t, t, anti});
  BOOST_TEST(sneaky.first_decreasing_piece().value_or(99) == 2u);
  BOOST_TEST(anti(Rational(7, 10) + Rational(1, 1000)) < anti(Rational(7, 10) - Rational(1, 1000)));
  // Shift the dip out of the piece: nondecreasing again.
  PiecewisePolynomial fine({0, Rational(1, 3), Rational(1, 2), Rational(69, 100)}, {t, t, anti});
  BOOST_TEST(!fine.first_decreasing_piece().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
