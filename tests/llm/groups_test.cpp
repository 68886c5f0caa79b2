// llm.groups (Section 5.2: Corollaries 2-3, Proposition 8, Appendix A.7): the committed
// groups-*.toml cases, exact known answers, an independent formula for the holdings of
// group economies, the exact strict-order decision, and seeded bugs the checker must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/groups.hpp"

#include "support/committed_cases.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::value_of;
using testing::llm_tests::case_of;
using testing::llm_tests::cases_dir;
using testing::llm_tests::economy_of;

Outcome run_on(const Case& c, std::set<std::string> dropped = {}) {
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  const Claim* checker = builtin_papers().find("llm.groups");
  BOOST_REQUIRE(checker != nullptr);
  return run_claim(*checker, c, context);
}

Outcome run(const std::string& case_file, std::set<std::string> dropped = {}) {
  return run_on(builtin_papers().load_case(cases_dir + case_file), std::move(dropped));
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The text of the witness entry `name` of a failure, or "<missing NAME>".
std::string witness_of(const proofs::GroupFailure& failure, const std::string& name) {
  for (const auto& v : failure.witness)
    if (v.name == name) return v.text;
  return "<missing " + name + ">";
}

Agent agent(const Rational& k, const PiecewisePolynomial& cdf, const std::string& text) { return Agent{k, cdf, text}; }

std::vector<Agent> group_types(const Economy& e) {
  std::vector<Agent> types;
  for (const auto& g : proofs::ex_ante_groups(e)) types.push_back(e.agents[g.front()]);
  return types;
}

const std::set<std::string> both_orders{"strength_ordered_group_distributions", "strength_ordered_group_demands"};

PiecewisePolynomial power_of(const PiecewisePolynomial& f, unsigned a, const Rational& lo, const Rational& hi) {
  PiecewisePolynomial out = PiecewisePolynomial::constant(lo, hi, 1);
  for (unsigned i = 0; i < a; ++i) out = out * f;
  return out;
}

Rational binomial(unsigned n, unsigned k) {
  Rational b = 1;
  for (unsigned i = 0; i < k; ++i) b = b * Rational(n - i) / Rational(i + 1);
  return b;
}

// q of an agent of type `own` when the others are `same` more agents of its own type and
// `other_count` agents of type `other`: a binomial sum over how many of each type are above
// t. Independent of the library's subset enumeration (expectation_over_who_is_above).
PiecewisePolynomial grouped_q(const Agent& own, unsigned same, const Agent& other, unsigned other_count,
                              const Rational& lo, const Rational& hi) {
  const PiecewisePolynomial one = PiecewisePolynomial::constant(lo, hi, 1);
  PiecewisePolynomial q = PiecewisePolynomial::constant(lo, hi, 0);
  for (unsigned i = 0; i <= same; ++i)
    for (unsigned j = 0; j <= other_count; ++j) {
      Rational left = 1 - Rational(i) * own.k - Rational(j) * other.k;
      Rational share = left <= 0 ? Rational(0) : std::min(own.k, left);
      if (share == 0) continue;
      q = q + power_of(one - own.cdf, i, lo, hi) * power_of(own.cdf, same - i, lo, hi) *
                  power_of(one - other.cdf, j, lo, hi) * power_of(other.cdf, other_count - j, lo, hi) *
                  (binomial(same, i) * binomial(other_count, j) * share);
    }
  return q;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_groups)

BOOST_AUTO_TEST_CASE(every_groups_case_meets_its_expectations) {
  const auto groups = [](const std::string& path, const Expectation& e) {
    return starts_with(std::filesystem::path(path).filename().string(), "groups-") && e.claim == "llm.groups";
  };
  BOOST_TEST(testing::check_committed_cases(cases_dir, {}, groups) >= 8u);
}

// ---- exact known answers ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(symmetric_group_holds_one_over_n) {
  Outcome out = run("groups-symmetric.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "group_G1") == "agents 1, 2, 3: k = 1/2, F = uniform");
  for (const char* name : {"r_star_1", "r_star_2", "r_star_3", "r_star_G1"}) BOOST_TEST(value_of(out, name) == "1/3");
  BOOST_TEST(starts_with(value_of(out, "hypothesis two_groups"), "fails: 1 group"));
  BOOST_TEST(value_of(out, "hypothesis strength_ordered_group_distributions") == "holds");  // vacuous
}

BOOST_AUTO_TEST_CASE(one_group_economies_of_prop8_hold_one_over_n) {
  // r*_G2(0) = 1/n = r*_G1(n) (Corollary 1): the end economies of Prop. 8 are symmetric.
  Outcome out = run("groups-two-strength-ordered.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "r_star_G2(0)") == "1/4");
  BOOST_TEST(value_of(out, "r_star_G1(4)") == "1/4");
  BOOST_TEST(value_of(out, "economies_solved") == "5");
  BOOST_TEST(value_of(out, "moves_compared") == "4");
  // The case's own economy is E(2).
  BOOST_TEST(value_of(out, "r_star_G1(2)") == value_of(out, "r_star_1"));
  BOOST_TEST(value_of(out, "r_star_G2(2)") == value_of(out, "r_star_3"));
  BOOST_TEST(value_of(out, "A.7 r*_G1(m+1) >= 1/n >= r*_G2(m) for every m") == "holds");
  BOOST_TEST(value_of(out, "A.7 n r*_G2(m) < 1 < n r*_G1(m) for 1 <= m <= n-1") == "holds");
  // A.7's first sentence as printed includes m + 1 = n, where n r*_G1(n) = 1 exactly.
  BOOST_TEST(value_of(out, "A.7 as printed: n r*_G2(m) < 1 and n r*_G1(m+1) > 1 for every m >= 1") ==
             "fails: n r*_G1(4) = 1 is not > 1 at m = 3");
}

BOOST_AUTO_TEST_CASE(two_agents_closed_form) {
  // n = 2, F_1 = t^2, k_1 = 1; F_2 = t, k_2 = 2/3: r*_1 = F_2 k_1 + (1 - F_2)(1 - k_2) and
  // r*_2 = F_1 k_2, summing to 1 at t^2 + t - 1 = 0, so hat = (sqrt 5 - 1)/2, r*_1 = sqrt(5)/3.
  Economy e;
  e.lo = 0;
  e.hi = 1;
  e.agents = {agent(1, power_cdf(0, 1, 2), "power 2"), agent(Rational(2, 3), uniform_cdf(0, 1), "uniform")};
  Outcome out = run_on(case_of(e, "two-agents"));
  BOOST_TEST(to_string(out.verdict) == "holds");
  const auto r = r_star(e);
  BOOST_TEST(r[0] * r[0] * Algebraic(9) == Algebraic(5));
  BOOST_TEST(r[0] > Algebraic(0));
  BOOST_TEST(r[1] == Algebraic(1) - r[0]);
  const Algebraic hat = common_worst_off_type(e);
  BOOST_TEST(hat * hat + hat == Algebraic(1));
  // Prop. 8 with n = 2: r*_G1(1) (this economy) >= r*_G2(0) = 1/2 and r*_G1(2) = 1/2 >= r*_G2(1).
  BOOST_TEST(value_of(out, "r_star_G2(0)") == "1/2");
  BOOST_TEST(value_of(out, "r_star_G1(2)") == "1/2");
  BOOST_TEST(value_of(out, "r_star_G1(1)") == value_of(out, "r_star_1"));
}

BOOST_AUTO_TEST_CASE(group_holdings_agree_with_an_independent_binomial_formula) {
  // r*_G(m) of every economy of Prop. 8, recomputed by grouping the agents above t by type.
  const Economy e = economy_of("groups-two-strength-ordered.toml");
  const auto types = group_types(e);
  BOOST_REQUIRE(types.size() == 2u);
  const auto moves = proofs::compute_group_moves(e, types, 4, CheckContext{});
  BOOST_TEST(moves.unequal.empty());
  BOOST_TEST(moves.skipped.empty());
  for (unsigned m = 0; m <= 4; ++m) {
    const unsigned w = 4 - m;
    PiecewisePolynomial q1 = PiecewisePolynomial::constant(0, 1, 0), q2 = q1;
    if (m > 0) q1 = grouped_q(types[0], m - 1, types[1], w, 0, 1);
    if (w > 0) q2 = grouped_q(types[1], w - 1, types[0], m, 0, 1);
    const PiecewisePolynomial excess = q1 * Rational(m) + q2 * Rational(w) - PiecewisePolynomial::constant(0, 1, 1);
    BOOST_REQUIRE(excess.piece_count() == 1u);
    auto roots = excess.pieces()[0].real_roots(0, 1);
    BOOST_REQUIRE(roots.size() == 1u);
    const auto& r = moves.r.at({m, w});
    if (m > 0) BOOST_TEST(*r[0] == q1(roots[0]));
    else BOOST_TEST(!r[0]);
    if (w > 0) BOOST_TEST(*r[1] == q2(roots[0]));
    else BOOST_TEST(!r[1]);
  }
}

BOOST_AUTO_TEST_CASE(groups_are_decided_by_polynomials_not_by_how_they_are_written) {
  Economy e;
  e.lo = 0;
  e.hi = 2;
  const auto uniform = uniform_cdf(0, 2);
  // The uniform CDF three ways: by name, as power 1, and cut at an extra break.
  const PiecewisePolynomial refined = uniform.refined({0, Rational(1, 2), 2});
  const auto h1 = histogram_cdf(0, 2, {Rational(1, 4), Rational(1, 4), Rational(1, 2)});
  const auto h2 = histogram_cdf(0, 2, {Rational(1, 4), Rational(1, 2), Rational(1, 4)});  // same first bin
  e.agents = {agent(1, uniform, "uniform"),   agent(1, power_cdf(0, 2, 1), "power 1"),
              agent(1, refined, "piecewise"), agent(Rational(1, 2), uniform, "uniform"),
              agent(1, h1, "histogram"),      agent(1, h2, "histogram")};
  const auto groups = proofs::ex_ante_groups(e);
  BOOST_REQUIRE(groups.size() == 4u);
  BOOST_TEST((groups[0] == std::vector<std::size_t>{0, 1, 2}));
  BOOST_TEST((groups[1] == std::vector<std::size_t>{3}));  // same F, other k
  BOOST_TEST((groups[2] == std::vector<std::size_t>{4}));
  BOOST_TEST((groups[3] == std::vector<std::size_t>{5}));  // differs only after the first bin
}

BOOST_AUTO_TEST_CASE(strict_order_on_the_open_interval_is_decided_exactly) {
  const auto t = uniform_cdf(0, 1), t2 = power_cdf(0, 1, 2);
  BOOST_TEST(!proofs::strict_order_failure(t2, t));  // t^2 < t on (0, 1); equal at 0 and 1 is allowed
  BOOST_TEST(proofs::strict_order_failure(t, t2).has_value());
  auto same = proofs::strict_order_failure(t, t);
  BOOST_REQUIRE(same);
  BOOST_TEST((*same > Algebraic(0) && *same < Algebraic(1)));
  // Tangent at an irrational point: F_upper - F_lower = t(1-t)(t^2 - 1/2)^2 >= 0, zero at 1/sqrt(2).
  const RationalPolynomial bump({0, Rational(1, 4), Rational(-1, 4), -1, 1, 1, -1});
  const PiecewisePolynomial upper({0, 1}, {t2.pieces()[0] + bump});
  BOOST_REQUIRE(!cdf_rule_broken(upper, 0, 1));
  BOOST_TEST(!(upper - t2).negative_point());  // the weak order (5) holds
  auto touch = proofs::strict_order_failure(t2, upper);
  BOOST_REQUIRE(touch);
  BOOST_TEST(*touch * *touch * Algebraic(2) == Algebraic(1));
  // Equal on a whole piece: histograms that agree on their first bin.
  const auto h1 = histogram_cdf(0, 1, {Rational(1, 4), Rational(1, 4), Rational(1, 2)});
  const auto h2 = histogram_cdf(0, 1, {Rational(1, 4), Rational(1, 2), Rational(1, 4)});
  BOOST_TEST(!(h2 - h1).negative_point());  // h1 <= h2 weakly
  auto flat = proofs::strict_order_failure(h1, h2);
  BOOST_REQUIRE(flat);
  BOOST_TEST((*flat > Algebraic(0) && *flat <= Algebraic(Rational(1, 3))));
}

// ---- the counterexample cases: each hypothesis fails there, and dropping it matters ----------

BOOST_AUTO_TEST_CASE(crossing_distributions_refute_cor3_and_prop8) {
  Outcome kept = run("groups-crossing-distributions.toml");
  BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet");
  BOOST_TEST(kept.unmet == std::vector<std::string>{"strength_ordered_group_distributions"});
  Outcome dropped = run("groups-crossing-distributions.toml", {"strength_ordered_group_distributions"});
  BOOST_TEST(to_string(dropped.verdict) == "refuted");
  BOOST_TEST(starts_with(dropped.summary, "Cor. 3 fails: agent 1 in G1"));
  BOOST_TEST(dropped.summary.find("Prop. 8 fails at m = 0") != std::string::npos);
  // The witness re-checks on its own: r*_1 < r*_3 in the case's economy.
  const auto r = r_star(economy_of("groups-crossing-distributions.toml"));
  BOOST_TEST(value_of(dropped, "i") == "1");
  BOOST_TEST(value_of(dropped, "j") == "3");
  BOOST_TEST(r[0] < r[2]);
}

BOOST_AUTO_TEST_CASE(reversed_demands_refute_cor3_and_prop8) {
  Outcome kept = run("groups-reversed-demands.toml");
  BOOST_TEST(kept.unmet == std::vector<std::string>{"strength_ordered_group_demands"});
  Outcome dropped = run("groups-reversed-demands.toml", {"strength_ordered_group_demands"});
  BOOST_TEST(to_string(dropped.verdict) == "refuted");
  BOOST_TEST(dropped.summary.find("Prop. 8 fails at m = 0") != std::string::npos);
  BOOST_TEST(starts_with(value_of(dropped, "A.7 r*_G1(m+1) >= 1/n >= r*_G2(m) for every m"), "fails"));
}

BOOST_AUTO_TEST_CASE(weak_order_suffices_strictness_is_not_needed) {
  // Equal demands, and CDFs that touch at t = 1/2: the strict hypotheses fail, the conclusions hold.
  Outcome demands = run("groups-equal-demands.toml");
  BOOST_TEST(demands.unmet == std::vector<std::string>{"strength_ordered_group_demands"});
  BOOST_TEST(to_string(run("groups-equal-demands.toml", both_orders).verdict) == "holds");
  Outcome tangent = run("groups-tangent-distributions.toml");
  BOOST_TEST(tangent.unmet == std::vector<std::string>{"strength_ordered_group_distributions"});
  BOOST_TEST(value_of(tangent, "hypothesis strength_ordered_group_distributions") ==
             "fails: F_G1(t) >= F_G2(t) at t = 1/2 in (lo, hi)");
  BOOST_TEST(to_string(run("groups-tangent-distributions.toml", both_orders).verdict) == "holds");
}

BOOST_AUTO_TEST_CASE(three_groups_prop8_out_of_scope_and_its_extension_holds) {
  Outcome kept = run("groups-three-strength-ordered.toml");
  BOOST_TEST(to_string(kept.verdict) == "holds");
  BOOST_TEST(starts_with(value_of(kept, "hypothesis two_groups"), "fails: 3 groups"));
  BOOST_TEST(value_of(kept, "economies_solved") == "<missing economies_solved>");
  Outcome extended = run("groups-three-strength-ordered.toml", {"two_groups"});
  BOOST_TEST(to_string(extended.verdict) == "holds");
  BOOST_TEST(value_of(extended, "economies_solved") == "21");  // compositions of 5 agents into 3 groups
  BOOST_TEST(value_of(extended, "moves_compared") == "45");
  BOOST_TEST(value_of(extended, "r_star_G1(5,0,0)") == "1/5");
  BOOST_TEST(value_of(extended, "r_star_G1(1,2,2)") == value_of(extended, "r_star_1"));
}

BOOST_AUTO_TEST_CASE(economies_outside_the_model_are_skipped_with_a_note) {
  Outcome out = run("groups-small-demands.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(starts_with(value_of(out, "skipped_compositions"), "(0): the sum of the k_i is not above 1"));
  BOOST_TEST(value_of(out, "moves_skipped_outside_model") == "1");
  BOOST_TEST(value_of(out, "moves_compared") == "4");
  BOOST_TEST(value_of(out, "r_star_G2(0)") == "<missing r_star_G2(0)>");
}

BOOST_AUTO_TEST_CASE(own_strength_never_lowers_own_holding) {
  // Why Prop. 8 and its g-group extension hold whenever the new type dominates the old one
  // (F' <= F, k' >= k): the agent's own q rises, everyone else's falls, pointwise; so r*_x
  // rises whichever way hat moves. Checked here on heterogeneous economies (not groups).
  for (const char* file : {"histogram-three-agents.toml", "strength-ordered.toml", "figure1.toml"}) {
    const Economy e = economy_of(file);
    const auto r = r_star(e);
    for (std::size_t x = 0; x < e.size(); ++x) {
      Economy stronger = e;
      stronger.agents[x].cdf = e.agents[x].cdf * e.agents[x].cdf;  // F^2 <= F
      stronger.agents[x].k = std::max(e.agents[x].k, Rational(9, 10));
      BOOST_TEST(r_star(stronger)[x] >= r[x], file << " agent " << x + 1);
    }
  }
}

// ---- seeded bugs -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_unequal_treatment_is_caught) {
  // Bug: r*_2 evaluated at hat + 1/1000 (agents 1 and 2 are one group).
  const Economy e = economy_of("groups-two-strength-ordered.toml");
  const auto groups = proofs::ex_ante_groups(e);
  auto q = interim_allocations(e);
  const Algebraic hat = common_worst_off_type(e);
  std::vector<Algebraic> r;
  for (const auto& qi : q) r.push_back(qi(hat));
  BOOST_TEST(!proofs::equal_treatment_failure(groups, r));
  r[1] = q[1](hat + Algebraic(Rational(1, 1000)));
  auto failure = proofs::equal_treatment_failure(groups, r);
  BOOST_REQUIRE(failure);
  BOOST_TEST(starts_with(failure->what, "Cor. 2 fails: agents 1 and 2"));
  BOOST_TEST(witness_of(*failure, "j") == "2");
}

BOOST_AUTO_TEST_CASE(seeded_bug_holdings_of_groups_swapped_is_caught) {
  // Bug: r* reported in the wrong agent order (the weak group's values first).
  const Economy e = economy_of("groups-three-strength-ordered.toml");
  const auto groups = proofs::ex_ante_groups(e);
  auto r = r_star(e);
  BOOST_TEST(!proofs::stronger_groups_hold_more_failure(groups, r));
  std::reverse(r.begin(), r.end());
  BOOST_TEST(proofs::stronger_groups_hold_more_failure(groups, r).has_value());
}

BOOST_AUTO_TEST_CASE(seeded_bug_prop8_economies_with_groups_confused_are_caught) {
  // Bug: the economies E(m) built with m agents of G2's type instead of G1's.
  const Economy e = economy_of("groups-two-strength-ordered.toml");
  auto types = group_types(e);
  BOOST_TEST(!proofs::judge_group_moves(proofs::compute_group_moves(e, types, 4, CheckContext{})).failure);
  std::swap(types[0], types[1]);
  auto failure = proofs::judge_group_moves(proofs::compute_group_moves(e, types, 4, CheckContext{})).failure;
  BOOST_REQUIRE(failure);
  BOOST_TEST(witness_of(*failure, "m") == "0");
}

BOOST_AUTO_TEST_CASE(seeded_bug_symmetric_shortcut_off_by_one_is_caught) {
  // Bug: r*_G2(0) filled in as 1/(n-1) by a symmetric shortcut that forgot an agent. Prop. 8
  // alone does not notice (r*_G1(1) > 1/3 here), A.7's end-point fact does.
  const Economy e = economy_of("groups-two-strength-ordered.toml");
  auto moves = proofs::compute_group_moves(e, group_types(e), 4, CheckContext{});
  BOOST_TEST(!proofs::a7_facts(moves).ends);
  moves.r.at({0, 4})[1] = Algebraic(Rational(1, 3));
  BOOST_TEST(!proofs::judge_group_moves(moves).failure);
  auto facts = proofs::a7_facts(moves);
  BOOST_REQUIRE(facts.ends);
  BOOST_TEST(*facts.ends == "r*_G2(0) = 1/3 != 1/n");
  BOOST_TEST(facts.weak.has_value());  // 1/n >= r*_G2(0) fails too
}

BOOST_AUTO_TEST_CASE(seeded_bug_weak_order_taken_for_strict_is_caught) {
  // Bug: deciding the strict order with the weak test (nowhere negative): the tangent case
  // would pass the hypothesis. The checker must report it unmet.
  const Economy e = economy_of("groups-tangent-distributions.toml");
  const auto types = group_types(e);
  BOOST_TEST(!(types[1].cdf - types[0].cdf).negative_point());  // the buggy test would accept
  BOOST_TEST(to_string(run_on(case_of(e, "tangent")).verdict) == "hypotheses_unmet");
}

BOOST_AUTO_TEST_SUITE_END()
