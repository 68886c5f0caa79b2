// llm.prop10 (Proposition 10, Section 5.3; proof in Appendix A.9 with Lemma A.1: with i* in argmin_i
// int (k_i - q_i), an optimal boundary solution r^c gives every other agent at most
// max{0, 1 - sum_{l != j} k_l} and the rest to i*): the boundary optimum on Figure 1's economy at
// k_1 = 1/6, the verdicts without its hypotheses (types from zero, a boundary solution optimal),
// the paper finding on Lemma A.1, and seeded bugs the judge must catch. The revenue Pi_r it
// compares, shared with llm.prop9, is tested in prop9_test.cpp.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/revenue.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;
using namespace mechcheck::proofs::revenue;

namespace {

using testing::value_of;
using testing::llm_tests::economy_of;
using testing::llm_tests::holdings;
using testing::llm_tests::run;

// Proposition 10's judgement of the boundary grid for the agents i_star.
Outcome judge_boundary_form(const SurplusTerms& terms, const std::vector<std::size_t>& i_star, const GridTable& table,
                            const std::vector<GridPoint>& boundary, CertifiedComparer& comparer) {
  CheckContext context;
  Check check(context);
  return proofs::revenue::judge_boundary_form(terms, i_star, table, boundary, comparer, check);
}

std::vector<GridPoint> boundary_grid(const SurplusTerms& terms, unsigned steps) {
  std::vector<GridPoint> grid;
  for (auto& p : simplex_grid(terms.size(), steps))
    if (is_boundary(grid_holdings(p, steps), terms.k())) grid.push_back(p);
  return grid;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop10)

BOOST_AUTO_TEST_CASE(figure1_small_k1_values) {
  // k = (1/6, 2/3, 2/3): q_1(t) = (2t - t^2)/6, so int (k_1 - q_1) = 1/18 and Pi_(1,0,0) = C - 1/18;
  // int (k_2 - q_2) = 2/9; C = 7/36.
  const Economy e = economy_of("revenue-figure1-k1-one-sixth.toml");
  const SurplusTerms terms(e);
  BOOST_TEST(terms.exogenous() == Rational(7, 36));
  const auto gaps = integrated_demand_gaps(terms);
  BOOST_TEST(gaps == (std::vector<Rational>{Rational(1, 18), Rational(2, 9), Rational(2, 9)}));
  BOOST_TEST(argmin_indices(gaps) == std::vector<std::size_t>{0});
  BOOST_TEST(terms.surplus(holdings({1, 0, 0})) == Algebraic(Rational(5, 36)));
  // The whole face r_2, r_3 in [0, 1/6] ties with the corner: phi_j = 0 there.
  BOOST_TEST(terms.surplus(holdings({Rational(2, 3), Rational(1, 6), Rational(1, 6)})) == Algebraic(Rational(5, 36)));
  BOOST_TEST(terms.surplus(holdings({Rational(3, 5), Rational(1, 5), Rational(1, 5)})) < Algebraic(Rational(5, 36)));
  BOOST_TEST(form_bound(terms.k(), 0) == Rational(0));
  BOOST_TEST(form_bound(terms.k(), 1) == Rational(1, 6));

  Outcome out = run("llm.prop10", "revenue-figure1-k1-one-sixth.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "i_star") == "1");
  BOOST_TEST(value_of(out, "best_boundary_surplus") == "5/36");
  BOOST_TEST(value_of(out, "best_boundary_count") == "121");  // (a, b) in {0, ..., 10}/60 squared
  BOOST_TEST(value_of(out, "statement: Lemma A.1 and (15)") == "holds");
}

// ---- verdicts without the hypotheses ---------------------------------------------------

BOOST_AUTO_TEST_CASE(prop10_without_lo_zero_the_wrong_agent_is_named) {
  Outcome unmet = run("llm.prop10", "revenue-shifted-support.toml");
  BOOST_TEST(unmet.unmet == std::vector<std::string>{"types_from_zero"});
  Outcome out = run("llm.prop10", "revenue-shifted-support.toml", {"types_from_zero"});
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "i_star") == "1");
  BOOST_TEST(value_of(out, "cornering_agent") == "2");
  BOOST_TEST(value_of(out, "r_2") == "1");
  BOOST_TEST(value_of(out, "Pi_cornered_by_2") == "31/40");
  // Cornering costs int (k_i - q_i) + lo k_i: 1/20 + 9/10 > 1/15 + 1/5.
  BOOST_TEST(value_of(out, "integral_k_minus_q_1") == "1/20");
  BOOST_TEST(value_of(out, "integral_k_minus_q_2") == "1/15");
}

BOOST_AUTO_TEST_CASE(prop10_premise_matters) {
  Outcome unmet = run("llm.prop10", "revenue-full-demand-cannot-corner.toml");
  BOOST_TEST(unmet.unmet == std::vector<std::string>{"boundary_solution_optimal"});
  Outcome out = run("llm.prop10", "revenue-full-demand-cannot-corner.toml", {"boundary_solution_optimal"});
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "i_star") == "1");  // k_1 = 1: agent 1 cannot exceed its demand
  BOOST_TEST(value_of(out, "cornering_agent") == "2");
  // And with every k_i = 1 there are no boundary holdings at all.
  Outcome vacuous = run("llm.prop10", "revenue-partnership-n2.toml", {"boundary_solution_optimal"});
  BOOST_TEST(to_string(vacuous.verdict) == "holds");
  BOOST_TEST(vacuous.summary.find("vacuous") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lemma_a1_fails_for_two_agents_and_full_demands) {
  // Paper finding: Lemma A.1's strict inequality needs n >= 3 and k_i < 1. With n = 2 the proof's
  // strict step sums over the empty set N \ {i, j} and gives equality; with k_i = 1 and every
  // q_j(lo) = 0 the left side is 1 = k_i.
  BOOST_TEST(lemma_a1_failures(SurplusTerms(economy_of("revenue-figure1-k1-one-sixth.toml"))).empty());
  BOOST_TEST(lemma_a1_failures(SurplusTerms(economy_of("revenue-figure1-k1-one-half.toml"))).empty());
  auto two = lemma_a1_failures(SurplusTerms(economy_of("revenue-shifted-support.toml")));
  BOOST_REQUIRE(two.size() == 2u);
  BOOST_TEST(two[0].find("= 9/10 <= k_1 = 9/10") != std::string::npos);
  auto full = lemma_a1_failures(SurplusTerms(economy_of("uniform-n3-k1.toml")));
  BOOST_TEST(full.size() == 3u);  // every agent has k_i = 1
}

// ---- seeded bugs ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_prop10_wrong_i_star_is_caught) {
  const SurplusTerms terms(economy_of("revenue-figure1-k1-one-sixth.toml"));
  const unsigned steps = 12;
  const GridTable table(terms, steps);
  const auto boundary = boundary_grid(terms, steps);
  const auto gaps = integrated_demand_gaps(terms);
  CertifiedComparer comparer;
  BOOST_TEST(to_string(judge_boundary_form(terms, argmin_indices(gaps), table, boundary, comparer).verdict) == "holds");
  // Bug 1: argmax instead of argmin.
  std::vector<Rational> negated;
  for (const auto& g : gaps) negated.push_back(-g);
  Outcome out = judge_boundary_form(terms, argmin_indices(negated), table, boundary, comparer);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "cornering_agent") == "1");
  // Bug 2: the criterion without k_i (argmin of -int q_i picks the agents with the most to trade).
  std::vector<Rational> without_k;
  for (std::size_t i = 0; i < terms.size(); ++i) without_k.push_back(-terms.q(i).integral());
  BOOST_TEST(to_string(judge_boundary_form(terms, argmin_indices(without_k), table, boundary, comparer).verdict) ==
             "refuted");
}

BOOST_AUTO_TEST_SUITE_END()
