// llm.prop5_6 (Propositions 5 and 6, Section 5.1; proof of 5 in Appendix A.5: with aggregate
// uncertainty, unanticipated or anticipated, the forward market's equilibrium holdings let the
// spot market operate in every state and some pricing function balances the budget): a seeded
// bug (states not weighted by their probabilities) the checker must catch, and its
// preconditions (states and endowments), refused by the command line. Its verdicts on the
// aggregate-*.toml cases are checked in prop3_4_test.cpp (verdicts_and_values).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/claims/forward.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::llm_tests::economy_of;
using testing::llm_tests::expect_refused;
using testing::llm_tests::header;
using testing::llm_tests::q;
using testing::llm_tests::quoted;
using testing::llm_tests::Run;
using testing::llm_tests::Scratch;

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop5_6)

BOOST_AUTO_TEST_CASE(seeded_bug_prop5_6_unweighted_states_is_caught) {
  const Economy e = economy_of("aggregate-uniform-n2.toml");
  std::vector<ForwardMarket> markets;
  for (const auto& s : state_economies(e)) markets.push_back(forward_market(s, *e.endowments));
  const KinkedPricing pu{q(1, 2), Algebraic(4), Algebraic(4)};
  auto payoff = [&](bool weighted) {
    return [&, weighted](std::size_t i, const Algebraic& x) {
      Algebraic v = 0;
      for (std::size_t w = 0; w < markets.size(); ++w)
        v +=
            (weighted ? Algebraic((*e.aggregate)[w].probability) : Algebraic(1)) * spot_payoff(markets[w].agents[i], x);
      return v - pu.integral(Algebraic((*e.endowments)[i]) - q(1, 2), x - q(1, 2));
    };
  };
  long long evaluations = 0;
  BOOST_TEST(!proofs::profitable_deviation(markets[0].target, *e.endowments, payoff(true), 24, evaluations));
  BOOST_TEST(
      proofs::profitable_deviation(markets[0].target, *e.endowments, payoff(false), 24, evaluations).has_value());
}

// ---- preconditions ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(prop5_6_needs_aggregate_states) {
  // Formerly the committed case aggregate-missing-states (then a hypothesis, aggregate_states).
  Scratch s;
  const std::string file = s.write("aggregate-missing-states.toml", header +
                                                                        "[llm]\n"                        // 6
                                                                        "support = [\"0\", \"1\"]\n"     // 7
                                                                        "holdings = \"r_star\"\n"        // 8
                                                                        "endowments = [\"1\", \"0\"]\n"  // 9
                                                                        "\n"
                                                                        "[[llm.agent]]\n"
                                                                        "k = \"1\"\n"
                                                                        "cdf = \"uniform\"\n"
                                                                        "count = 2\n");
  expect_refused(s.run("check llm.prop5_6 " + quoted(file)), "aggregate-missing-states.toml:6:1",
                 "llm.prop5_6 needs the states of aggregate uncertainty of Section 5.1");
}

BOOST_AUTO_TEST_CASE(prop5_6_needs_endowments) {
  Scratch s;
  const std::string file = s.write("aggregate-missing-endowments.toml",
                                   header +
                                       "[llm]\n"                     // 6
                                       "support = [\"0\", \"1\"]\n"  // 7
                                       "holdings = \"r_star\"\n"     // 8
                                       "\n"
                                       "[llm.aggregate]\n"
                                       "states = [{ probability = \"1\", k = \"1\" }]\n"
                                       "\n"
                                       "[[llm.agent]]\n"
                                       "k = \"1\"\n"
                                       "cdf = \"uniform\"\n"
                                       "count = 2\n");
  expect_refused(s.run("check llm.prop5_6 " + quoted(file)), "aggregate-missing-endowments.toml:6:1",
                 "llm.prop5_6 needs endowments = [e_1, ..., e_n] in [llm]");
}

BOOST_AUTO_TEST_SUITE_END()
