// llm.lemma1 (Lemma 1, Section 3, eq. (1): agent i's interim payoff net of its outside option is
// minimized at hat_theta_i(r_i) = min{t : q_i(t) >= min(r_i, k_i)}): the partnership's values, a
// seeded bug the checker must catch, and the two formulas of the interim payoff (welfare
// differences and eq. (10)) agreeing off the grid.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::value_of;
using testing::llm_tests::economy_of;
using testing::llm_tests::run;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_lemma1)

BOOST_AUTO_TEST_CASE(lemma1_values_for_partnership) {
  Outcome out = run("llm.lemma1", "uniform-n2-k1.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "hat_theta_1") == "1/2");
  BOOST_TEST(value_of(out, "min_net_payoff_1") == "0");
}

BOOST_AUTO_TEST_CASE(seeded_bug_lemma1_shifted_worst_off_type_is_caught) {
  // Bug: transfers built on a worst-off type 1/10 above Lemma 1's (an off-by-a-bit root).
  Economy e = economy_of("asymmetric-t-squared.toml");
  auto r = r_star(e);
  auto m = outside_quantities(e, r);
  auto hat = worst_off_type(interim_allocation(e, 0), m[0]);
  CheckContext context;
  Check check(context);
  BOOST_TEST(!proofs::worst_off_type_failure(0, hat, proofs::net_payoff_minimum(e, 0, m[0], hat), check));
  const Algebraic shifted = hat + Algebraic(Rational(1, 10));
  auto failure = proofs::worst_off_type_failure(0, shifted, proofs::net_payoff_minimum(e, 0, m[0], shifted), check);
  BOOST_REQUIRE(failure);
  BOOST_TEST(failure->find("minimized at") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(interim_payoff_formulas_agree_off_the_grid) {
  // (a) welfare differences vs (b) eq. (10), at rational types inside the support.
  Economy e = economy_of("histogram-three-agents.toml");
  auto r = r_star(e);
  auto m = outside_quantities(e, r);
  for (std::size_t i = 0; i < e.size(); ++i) {
    auto q = interim_allocation(e, i);
    auto hat = worst_off_type(q, m[i]);
    for (int j = 0; j <= 8; ++j) {
      Algebraic t(Rational(j, 4));
      BOOST_TEST(interim_payoff_vcg(e, i, m[i], hat, t) == interim_payoff_envelope(q, m[i], hat, t));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
