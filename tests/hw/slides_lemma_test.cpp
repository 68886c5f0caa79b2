// hw.slides_lemma (the Lemma of the Hu & Wallace companion slides, slide 15, in the slides' own
// formulation, proofs/hw/docs/slides.md: d q_x*/d b_x > 0 and d q_x'*/d b_x < 0 for x' != x): the
// slides' first stage known by hand (prices, demands, the price and demand responses, against a
// difference quotient of the exact perturbed solution), the claim's preconditions ([hw.slides]
// log_weight and eta, on the command line), and an altered derivative that must fail the re-check.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/model/slides.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>

using namespace mechcheck;
using namespace mechcheck::hw;
using Q = Rational;

namespace {

const std::string& cases_dir = testing::hw_cases_dir;
std::string write_case(const std::string& name, const std::string& body) {
  return testing::write_hw_case("mechcheck-hw-slides-lemma-test", name, body);
}
using testing::economy2;
using testing::economy_of;
using testing::endowment;
using testing::expect_precondition;
using testing::fails_recheck;
using testing::witness;

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_slides_lemma)

// The slides' formulation (proofs/hw/docs/slides.md), by hand: c = (1, 3) for both types, a = qbar = 2,
// eps = (1/10, 0), eta = 1/10: p_z = c_z / (2 + 1/9) = (9/19, 27/19); every type demands
// E[c]/E[p] = 19/9 (not fully revealing), while the paper's stage 1 at p1 = rbar/qbar = 1 gives
// E_tau[c] = 3/2 (lo, tau = (3/4, 1/4)) and 5/2 (hi).
BOOST_AUTO_TEST_CASE(the_slides_first_stage_is_known_by_hand) {
  const Case c = builtin_papers().load_case(cases_dir + "slides-common-tastes.toml");
  const SlidesStage1 s = slides_stage1(economy_of(c));
  BOOST_TEST(s.price[0] == Q(9, 19));
  BOOST_TEST(s.price[1] == Q(27, 19));
  BOOST_TEST(s.clearing_gap[0] == Q(0));
  BOOST_TEST(s.demand[0] == Q(19, 9));
  BOOST_TEST(s.demand[1] == Q(19, 9));
  BOOST_TEST(s.paper_demand[0] == Q(3, 2));
  BOOST_TEST(s.paper_demand[1] == Q(5, 2));
  // d p_bad/d b_lo = mu_bad(lo) c / sum mu c = (3/4)/(3/4 + 1/4) = 3/4.
  BOOST_TEST(s.price_response[0][0] == Q(3, 4));
  BOOST_TEST(s.demand_response[0][0] > 0);
  BOOST_TEST(s.demand_response[1][0] < 0);
  // The same derivative by a difference quotient of the exact perturbed solution: with b_lo = h,
  // p_z solves mu_lo c/(p - h) + mu_hi c/p = a + eps_a/(1 - eta) (a quadratic in p), and
  // q_lo(h) = E[c]/(E[p] - h); the quotient must approach demand_response[0][0].
  const Q h(1, 1000000);
  const auto info = *economy_of(c).info;
  auto price_at = [&](std::size_t z) {  // the larger root of K p (p - h) = m1 c p + m2 c (p - h)
    const double K = 19.0 / 9, cz = z == 0 ? 1 : 3, m1 = info.mu[z][0].convert_to<double>(),
                 m2 = info.mu[z][1].convert_to<double>();
    const double hd = h.convert_to<double>();
    const double B = -(K * hd + m1 * cz + m2 * cz), C = m2 * cz * hd;  // K p^2 + B p + C = 0
    return (-B + std::sqrt(B * B - 4 * K * C)) / (2 * K);
  };
  const auto tau = type_posterior<double>(info, 0);
  const double Ep = tau[0] * price_at(0) + tau[1] * price_at(1), Ec = tau[0] * 1 + tau[1] * 3;
  const double quotient = (Ec / (Ep - h.convert_to<double>()) - 19.0 / 9) / h.convert_to<double>();
  BOOST_TEST(std::abs(quotient - s.demand_response[0][0].convert_to<double>()) < 1e-4);
}

BOOST_AUTO_TEST_CASE(slides_lemma_needs_log_weight_and_eta) {
  const std::string no_weights = write_case("slides-no-weights", endowment + "eta = \"1/4\"\n" + economy2);
  expect_precondition("hw.slides_lemma", no_weights, "5:1", "hw.slides_lemma needs [hw.slides] log_weight");
  // log_weight present, eta missing: the error points at [hw].
  const std::string no_eta = write_case(
      "slides-no-eta", endowment + economy2 + "[hw.slides]\nlog_weight = [[\"1\", \"2\"], [\"2\", \"3\"]]\n");
  expect_precondition("hw.slides_lemma", no_eta, "5:1", "hw.slides_lemma needs eta");
}

// ---- seeded bug: an altered witness fails the re-check -------------------------------------

BOOST_AUTO_TEST_CASE(slides_altered_derivative_fails) {
  // d q_hi*/d b_hi = 108300/19902511 > 0 on this economy: the altered witness claims 0.
  BOOST_TEST(fails_recheck("slides-revealing-types.toml", "hw.slides_lemma",
                           [](Outcome& o) { witness(o, "derivative").text = "dq(hi)/db(hi) = 0 is not > 0"; }));
}

BOOST_AUTO_TEST_SUITE_END()
