// hw.eq17 (Hu & Wallace 2012, proof of Proposition 1, eqs. (15)-(17): sign h'(0) = -sign g'(0), the
// marginal values of a first unit offered of either good): g'(0) by L280 and by differentiating the
// market-game payoff (2)-(3), and altered witnesses that must fail the re-check (zero totals with a
// positive total; the corner of another type). Its seeded checker bug and hypothesis drop are in
// claims_test with other claims'.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::hw;
using namespace mechcheck::proofs;
using Q = Rational;

namespace {

using testing::fails_recheck;
using testing::witness;

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_eq17)

BOOST_AUTO_TEST_CASE(g_prime_two_formulas) {
  // g'(0) by L280 and by differentiating the market-game payoff (2)-(3).
  const Totals<Q> t{Q(3, 2), Q(5, 4)};
  const auto d = proofs::hw_eq17::bundle_derivative_at_zero(2, 3, t, true);
  BOOST_CHECK_EQUAL(d.q, -1);
  BOOST_CHECK_EQUAL(d.r, Q(5, 6));  // R_-/Q_-
  const auto h = proofs::hw_eq17::bundle_derivative_at_zero(2, 3, t, false);
  BOOST_CHECK_EQUAL(h.q, Q(6, 5));
  BOOST_CHECK_EQUAL(h.r, -1);
  const Algebraic Euq(Q(1, 2)), Eur(Q(2, 3));
  BOOST_CHECK(proofs::hw_eq17::paper_g_prime(Euq, Eur, t.q, t.r) == Euq * Algebraic(d.q) + Eur * Algebraic(d.r));
  // CES marginal utility is algebraic: 1 * 2^(-1/2), its square is 1/2.
  auto mu = marginal_utilities(Utility{Family::ces, 1, 1, 2}, 2, 3);
  BOOST_CHECK(mu.first * mu.first == Algebraic(Q(1, 2)));
  BOOST_CHECK(!mu.first.is_rational());
}

// ---- seeded bugs: altered witnesses fail the re-check ------------------------------------

BOOST_AUTO_TEST_CASE(eq17_zero_totals_with_a_positive_total_fails) {
  // With Q_- > 0 the proceeds depend on the offer: the witness no longer shows what it claims.
  BOOST_TEST(fails_recheck("hw.eq17-probe-drop-epsilon-positive-seed-1.toml", "hw.eq17",
                           [](Outcome& o) { witness(o, "Q_minus").text = "1"; }));
}

BOOST_AUTO_TEST_CASE(eq17_corner_for_another_type_fails) {
  // Type hi values both goods: its g' turns negative inside the range (a stationary point).
  BOOST_TEST(fails_recheck("eq17-drop-utility-assumptions.toml", "hw.eq17",
                           [](Outcome& o) { witness(o, "type").text = "hi"; }));
}

BOOST_AUTO_TEST_SUITE_END()
