// llm.prop9 (Proposition 9, Section 5.3; proof in Appendix A.8: restricted to Delta(k), holdings no
// more than the maximum demands, r* maximizes the expected budget surplus Pi_r): the revenue as a
// function of the holdings (eq. (11) by agent against the library's two formulas, its envelope,
// the grids; proofs/llm/claims/prop9.cpp, which llm.prop10 uses too), exact revenues known by
// hand, the verdicts with and without its hypothesis, and seeded bugs the judge must catch. Three
// cases cover llm.prop10 as well: every revenue-*.toml case, the grids and the size guard.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/revenue.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::llm;
using namespace mechcheck::proofs::revenue;

namespace {

using testing::value_of;
using testing::llm_tests::cases_dir;
using testing::llm_tests::economy_of;
using testing::llm_tests::holdings;
using testing::llm_tests::run;

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

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_prop9)

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
