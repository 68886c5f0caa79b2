// hw.necessity (Hu & Wallace 2012, the necessity of eps > 0 and of one-sided offers): at eps = 0
// no-trade is a Nash equilibrium, proved as an identity in Q(qbar, rbar, t); at the case's eps it
// is not; two-sided offers tie with one-sided ones along a segment (an identity). Known answers on
// the committed cases, the hypothesis, and a seeded bug in the two-sided "twin" rule.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::hw;
using namespace mechcheck::proofs;

namespace {

using testing::claim;
using testing::find;
using testing::run;

bool starts_with(const Value* v, const std::string& prefix) { return v && v->text.rfind(prefix, 0) == 0; }

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_necessity)

BOOST_AUTO_TEST_CASE(both_identities_are_proved_and_the_case_eps_breaks_no_trade) {
  const Outcome out = run(claim("hw.necessity"), "econ-cobb-douglas.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(to_string(out.arithmetic) == "exact");
  BOOST_TEST(starts_with(find(out.values, "no_trade_at_eps_0"), "proved in Q(qbar, rbar, t)"));
  BOOST_TEST(starts_with(find(out.values, "segment_identity"), "proved in Q(qbar, rbar, Qm, Rm, beta, t)"));
  // g'(0) = 1/6 > 0 at the no-trade totals (3/10, 3/10): a small offer of q is profitable.
  const Value* at_eps = find(out.values, "no_trade_at_case_eps");
  BOOST_REQUIRE(at_eps);
  BOOST_TEST(at_eps->text.find("g'(0) = 1/6 > 0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(utility_outside_the_assumptions_is_unmet) {
  const Outcome out = run(claim("hw.necessity"), "econ-linear-in-r.toml");
  BOOST_TEST(to_string(out.verdict) == "hypotheses_unmet");
  BOOST_CHECK(out.unmet == std::vector<std::string>{"utility_assumptions"});
}

BOOST_AUTO_TEST_CASE(seeded_bug_a_twin_rule_that_forgets_r_minus_is_caught) {
  // necessity: a two-sided "twin" that forgets R_- in its price.
  proofs::hw_necessity::Rule rule = proofs::hw_necessity::paper_rule();
  rule.symbolic = [](const Totals<RationalFunction>& o, const RationalFunction& beta, const RationalFunction& t,
                     bool buy_q) {
    if (buy_q) return Offer<RationalFunction>{t, beta + t};
    return Offer<RationalFunction>{beta + t, t};
  };
  BOOST_CHECK(run(*proofs::hw_necessity::make_claim(rule), "econ-cobb-douglas.toml").verdict == Verdict::refuted);
}

BOOST_AUTO_TEST_SUITE_END()
