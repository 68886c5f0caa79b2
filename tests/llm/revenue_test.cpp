// llm.prop9 and llm.prop10 (Section 5.3, Appendix A.8-A.9): exact revenues known by hand, eq. (11)
// by agent against the library's two formulas, the verdicts on the revenue cases (with and without
// their hypotheses), paper findings (Lemma A.1), and seeded bugs the judges must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/revenue.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::llm;
using namespace mechcheck::proofs::revenue;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/";

Outcome run(const std::string& claim, const std::string& case_file, std::set<std::string> dropped = {}) {
  return testing::run_on_file(claim, cases_dir + case_file, std::move(dropped));
}
Economy economy_of(const std::string& case_file) { return testing::model_of<Economy>(cases_dir + case_file); }
using testing::value_of;

std::vector<Algebraic> holdings(std::initializer_list<Rational> r) { return {r.begin(), r.end()}; }

std::vector<GridPoint> delta_grid(const SurplusTerms& terms, unsigned steps) {
  std::vector<GridPoint> grid;
  for (auto& p : simplex_grid(terms.size(), steps))
    if (within_demands(grid_holdings(p, steps), terms.k())) grid.push_back(p);
  return grid;
}

// Proposition 9's judgement of a candidate r with multiplier mu against the grid, as the checker
// runs it (the grid's maximum first, with the same comparer).
Outcome judge_interior_optimum(const SurplusTerms& terms, const std::vector<Algebraic>& r, const Algebraic& mu,
                               const GridTable& table, const std::vector<GridPoint>& grid) {
  CheckContext context;
  Check check(context);
  CertifiedComparer comparer;
  const GridMaximum best = grid_maximum(table, grid, comparer);
  return proofs::revenue::judge_interior_optimum(terms, r, mu, table, grid, best, {}, true, comparer, check);
}

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

BOOST_AUTO_TEST_SUITE(llm_revenue)

BOOST_AUTO_TEST_CASE(every_revenue_case_meets_its_expectations) {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(cases_dir)) {
    const std::string file = entry.path().filename().string();
    if (file.rfind("revenue-", 0) != 0) continue;
    const Case c = builtin_papers().load_case(entry.path().string());
    for (const auto& expectation : c.expectations) {
      CheckContext context;
      context.dropped_hypotheses.insert(expectation.dropped.begin(), expectation.dropped.end());
      Outcome out = run_claim(*builtin_papers().find(expectation.claim), c, context);
      BOOST_CHECK_MESSAGE(out.verdict == expectation.verdict, file << " " << expectation.claim << ": expected "
                                                                   << to_string(expectation.verdict) << ", got "
                                                                   << to_string(out.verdict) << ": " << out.summary);
      ++checked;
    }
  }
  BOOST_TEST(checked >= 14u);
}

// ---- exact values -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(partnership_revenue_by_hand) {
  // n = 2, uniform on [0, 1], k = (1, 1): q_i(t) = t, hat_theta_i(x) = x, phi_i(x) = x^2/2 - x^2 = -x^2/2,
  // C = 2 E[theta^2 / 2] = 1/3, so Pi_(x, 1-x) = 1/3 - (x^2 + (1-x)^2)/2 = 1/12 - (x - 1/2)^2.
  const SurplusTerms terms(economy_of("revenue-partnership-n2.toml"));
  BOOST_TEST(terms.exogenous() == Rational(1, 3));
  BOOST_TEST(terms.surplus(holdings({Rational(1, 2), Rational(1, 2)})) == Algebraic(Rational(1, 12)));
  BOOST_TEST(terms.surplus(holdings({1, 0})) == Algebraic(Rational(-1, 6)));
  for (int j = 0; j <= 12; ++j) {
    const Rational x(j, 12);
    const Rational expected = Rational(1, 12) - (x - Rational(1, 2)) * (x - Rational(1, 2));
    BOOST_TEST(terms.surplus(holdings({x, 1 - x})) == Algebraic(expected));
    BOOST_TEST(terms.term(0, Algebraic(x)) == Algebraic(-x * x / 2));
    BOOST_TEST(terms.worst_off(0, Algebraic(x)) == Algebraic(x));
  }
  Outcome out = run("llm.prop9", "revenue-partnership-n2.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "Pi_r_star") == "1/12");
  BOOST_TEST(value_of(out, "grid_max_surplus") == "1/12");
  BOOST_TEST(value_of(out, "grid_argmax") == "(1/2, 1/2)");
  BOOST_TEST(value_of(out, "mu") == "1/2");
  BOOST_TEST(value_of(out, "gap_candidate_minus_grid_max") == "0");
}

BOOST_AUTO_TEST_CASE(eq11_by_agent_agrees_with_the_library_formulas) {
  // Rational, irrational (r*) and beyond-demand holdings, on three economies.
  for (const std::string file :
       {"revenue-figure1-k1-one-sixth.toml", "revenue-shifted-support.toml", "histogram-three-agents.toml"}) {
    const Economy e = economy_of(file);
    const SurplusTerms terms(e);
    std::vector<std::vector<Algebraic>> tries{r_star(e)};
    for (const auto& p : simplex_grid(e.size(), 4)) {
      std::vector<Algebraic> r;
      for (const auto& x : grid_holdings(p, 4)) r.emplace_back(x);
      tries.push_back(r);
    }
    for (const auto& r : tries) {
      const Algebraic mine = terms.surplus(r);
      BOOST_TEST(mine == expected_surplus_eq11(e, r), file);
      BOOST_TEST(mine == expected_surplus_by_integration(e, r), file);
    }
  }
}

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

BOOST_AUTO_TEST_CASE(figure1_interior_revenue_in_closed_form) {
  // By hand for k = (1/6, 2/3, 2/3): q_1 + 2 q_2 = 1/3 + 5t/3 - t^2/2 = 1 gives 3t^2 - 10t + 4 = 0,
  // hat_theta = (5 - sqrt 13)/3, and Pi_{r*} = 7/36 + sum_i int_0^hat q_i - hat = (52 hat - 19)/108
  // = (203 - 52 sqrt 13)/324.
  const Economy e = economy_of("revenue-figure1-k1-one-sixth.toml");
  const SurplusTerms terms(e);
  const Algebraic sqrt13 = real_roots(RationalPolynomial({-13, 0, 1})).back();
  const Algebraic hat = (Algebraic(5) - sqrt13) / Algebraic(3);
  BOOST_TEST(common_worst_off_type(e) == hat);
  const Algebraic expected = (Algebraic(203) - Algebraic(52) * sqrt13) / Algebraic(324);
  BOOST_TEST(terms.surplus_at_common_worst_off(hat) == expected);
  BOOST_TEST(terms.surplus(r_star(e)) == expected);
  BOOST_TEST(expected_surplus_eq11(e, r_star(e)) == expected);
  // k1 = 1/2: q_1 = 2t/3 - t^2/6, so Pi_(1,0,0) = C - (1/2 - 5/18) = 11/36 - 2/9 = 1/12.
  const SurplusTerms half(economy_of("revenue-figure1-k1-one-half.toml"));
  BOOST_TEST(half.exogenous() == Rational(11, 36));
  BOOST_TEST(half.surplus(holdings({1, 0, 0})) == Algebraic(Rational(1, 12)));
}

BOOST_AUTO_TEST_CASE(worst_off_hints_are_verified_not_trusted) {
  // A wrong hint must fall back to solving q_i(t) = r_i (a seeded bug in the caller's mu).
  const Economy e = economy_of("revenue-figure1-k1-three-fifths.toml");
  const SurplusTerms terms(e);
  const Algebraic hat = common_worst_off_type(e);
  const auto r = r_star(e);
  for (std::size_t i = 0; i < terms.size(); ++i) {
    BOOST_TEST(terms.worst_off(i, r[i], hat) == hat);
    for (const Rational& shift : {Rational(1, 10), Rational(-1, 10), Rational(1, 1000000)}) {
      const Algebraic wrong = hat + Algebraic(shift);
      BOOST_TEST(terms.worst_off(i, r[i], wrong) == hat);
      BOOST_TEST(terms.term(i, r[i], wrong) == terms.term(i, r[i]));
    }
    BOOST_TEST(terms.term(i, r[i], hat) == terms.term(i, r[i]));
  }
  // Levels at the ends: 0 is first reached at lo, k_1 only at hi.
  BOOST_TEST(terms.worst_off(0, Algebraic(0), Algebraic(Rational(1, 2))) == Algebraic(0));
  BOOST_TEST(terms.worst_off(0, Algebraic(1), Algebraic(1)) == Algebraic(1));
}

BOOST_AUTO_TEST_CASE(envelope_derivative_is_minus_the_worst_off_type) {
  // phi_i concave with slope -hat_theta_i(x): exact difference quotients bracket it and close in.
  const SurplusTerms terms(economy_of("revenue-figure1-k1-three-fifths.toml"));
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (const Rational& x : {Rational(1, 10), Rational(1, 4), Rational(1, 2)}) {
      if (x >= terms.k()[i]) continue;
      const Algebraic slope = -terms.worst_off(i, Algebraic(x));
      Algebraic previous_width = 1000;
      for (const Rational& d : {Rational(1, 10), Rational(1, 100), Rational(1, 1000)}) {
        const Algebraic phi = terms.term(i, Algebraic(x));
        const Algebraic right = (terms.term(i, Algebraic(x + d)) - phi) / Algebraic(d);
        const Algebraic left = (phi - terms.term(i, Algebraic(x - d))) / Algebraic(d);
        BOOST_TEST(right <= slope);
        BOOST_TEST(slope <= left);
        BOOST_TEST(left - right < previous_width);
        previous_width = left - right;
      }
      BOOST_TEST(previous_width < Algebraic(Rational(1, 100)));
    }
}

BOOST_AUTO_TEST_CASE(grids) {
  BOOST_TEST(simplex_grid_size(3, 60) == 1891u);
  BOOST_TEST(simplex_grid(3, 60).size() == 1891u);
  BOOST_TEST(simplex_grid_size(2, 12) == 13u);
  BOOST_TEST(simplex_grid_size(4, 6) == 84u);
  BOOST_TEST(simplex_grid(4, 6).size() == 84u);
  BOOST_TEST(default_steps(economy_of("revenue-figure1-k1-one-sixth.toml")) == 60u);
  BOOST_TEST(default_steps(economy_of("uniform-n4-k1.toml")) == 20u);  // C(23, 3) = 1771 points
  BOOST_TEST(simplex_grid_size(4, 21) > 2000u);
  BOOST_TEST(argmin_indices({Rational(1), Rational(0), Rational(0)}) == (std::vector<std::size_t>{1, 2}));
}

// ---- verdicts without the hypotheses ---------------------------------------------------

BOOST_AUTO_TEST_CASE(prop9_without_the_restriction_the_corner_wins) {
  Outcome unmet = run("llm.prop9", "revenue-figure1-cornered-k1-one-sixth.toml");
  BOOST_TEST(to_string(unmet.verdict) == "hypotheses_unmet");
  BOOST_TEST(unmet.unmet == std::vector<std::string>{"holdings_within_demands"});
  for (const std::string file : {"revenue-figure1-cornered-k1-one-sixth.toml", "revenue-figure1-k1-one-sixth.toml"}) {
    Outcome out = run("llm.prop9", file, {"holdings_within_demands"});
    BOOST_TEST(to_string(out.verdict) == "refuted", file);
    BOOST_TEST(value_of(out, "Pi_r") == "5/36");
    BOOST_TEST(out.dropped == std::vector<std::string>{"holdings_within_demands"});
  }
  // Right of the crossing (k1 about 0.5136) r* wins even on the whole simplex.
  BOOST_TEST(to_string(run("llm.prop9", "revenue-figure1-k1-three-fifths.toml", {"holdings_within_demands"}).verdict) ==
             "holds");
}

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

BOOST_AUTO_TEST_CASE(seeded_bug_prop9_wrong_candidate_is_caught) {
  const Economy e = economy_of("revenue-figure1-k1-one-sixth.toml");
  const SurplusTerms terms(e);
  const unsigned steps = default_steps(e);
  const GridTable table(terms, steps);
  const auto grid = delta_grid(terms, steps);
  const Algebraic hat = common_worst_off_type(e);
  const auto r = r_star(e);
  BOOST_TEST(to_string(judge_interior_optimum(terms, r, hat, table, grid).verdict) == "holds");
  // Bug 1: holdings proportional to the demands, k_i / sum k (a plausible but wrong r*).
  std::vector<Algebraic> proportional;
  for (const auto& k : terms.k()) proportional.emplace_back(k / Rational(3, 2));
  Outcome out = judge_interior_optimum(terms, proportional, hat, table, grid);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(out.summary.find("give Pi") != std::string::npos);  // a grid point beats it
  BOOST_TEST(!out.witness.empty());
  // Bug 2: the right r* with the multiplier off by 1/10: stationarity and the envelope fail, but
  // no holdings beat r*, so there is no witness against Proposition 9: inconclusive, not holds.
  out = judge_interior_optimum(terms, r, hat + Algebraic(Rational(1, 10)), table, grid);
  BOOST_TEST(to_string(out.verdict) == "inconclusive");
  BOOST_TEST(out.summary.find("stationarity") != std::string::npos);
  BOOST_TEST(out.witness.empty());
  // Bug 3: the multiplier with the wrong sign convention mixed in (mu = -hat_theta).
  BOOST_TEST(to_string(judge_interior_optimum(terms, r, -hat, table, grid).verdict) == "inconclusive");
  // Bug 4: forgetting the restriction to Delta(k) when building the grid: (2/3, 1/6, 1/6) beats r*.
  out = judge_interior_optimum(terms, r, hat, table, simplex_grid(3, steps));
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(value_of(out, "Pi_r") == "5/36");
}

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

BOOST_AUTO_TEST_CASE(size_guard_refuses_large_grids) {
  const Case c = builtin_papers().load_case(cases_dir + "revenue-figure1-k1-one-sixth.toml");
  CheckContext context;
  context.enumeration_limit = 100;
  for (const std::string claim : {"llm.prop9", "llm.prop10"}) {
    Outcome out = run_claim(*builtin_papers().find(claim), c, context);
    BOOST_TEST(to_string(out.verdict) == "error");
    BOOST_TEST(out.summary.find("--limit 1891") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
