// The llm re-checkers (proofs/llm/recheck/recheck.cpp, one file for every llm claim): their own spot
// market agrees exactly with the model library where both compute the same quantity by different
// formulas; every refuted record of the committed cases is re-checked; and a witness altered by
// one unit, or a refutation made up, fails its re-check (seeded bugs in what a checker reports,
// for llm.prop1, prop2, prop3_4, prop5_6, prop7, prop9, prop10, prop11, cor1, groups, necessity
// and fig1).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/model/spot_market.hpp"
#include "llm/recheck/recheck_model.hpp"

#include "support/committed_cases.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;
namespace rc = mechcheck::proofs::llm_recheck;

namespace {

using testing::llm_tests::cases_dir;

const Claim& claim(const std::string& id) {
  const Claim* c = builtin_papers().find(id);
  BOOST_REQUIRE(c != nullptr);
  return *c;
}

// Runs the case's expectation for `id` (with its dropped hypotheses).
Outcome run_expectation(const Case& c, const std::string& id) {
  CheckContext context;
  for (const auto& e : c.expectations)
    if (e.claim == id) context.dropped_hypotheses.insert(e.dropped.begin(), e.dropped.end());
  return run_claim(claim(id), c, context);
}

Value& witness_value(Outcome& out, const std::string& name) {
  for (auto& v : out.witness)
    if (v.name == name) return v;
  BOOST_FAIL("no witness value " << name);
  throw std::logic_error("unreachable");
}

// The reported number plus `delta`, written back as the checker would (exactly).
void shift(Value& v, const Rational& delta) {
  const Value moved = make_value(v.name, rc::number_of(v) + Algebraic(delta));
  v.text = moved.text;
  v.polynomial = moved.polynomial;
  v.interval = moved.interval;
  v.kind = moved.kind;
}

// The re-check of `out` as reported, and of `out` with one witness value moved by one unit.
void expect_recheck_catches_shift(const std::string& id, const std::string& case_file, const std::string& value) {
  const Case c = builtin_papers().load_case(cases_dir + case_file);
  Outcome out = run_expectation(c, id);
  BOOST_TEST_CONTEXT(id << " on " << case_file << ", " << value << " + 1") {
    BOOST_TEST(to_string(out.verdict) == "refuted");
    BOOST_TEST(to_string(out.recheck.status) == "passed");
    auto honest = claim(id).recheck(c, out);
    BOOST_REQUIRE(honest);
    BOOST_TEST(honest->passed);
    shift(witness_value(out, value), Rational(1));
    auto altered = claim(id).recheck(c, out);
    BOOST_REQUIRE(altered);
    BOOST_TEST(!altered->passed, altered->detail);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_recheck)

BOOST_AUTO_TEST_CASE(the_recheck_spot_market_agrees_with_the_model_library) {
  // Two implementations of the same definitions: q_i (subsets vs a recursion over the agents),
  // Lemma 1's worst-off type, eq. (8)'s root, E[Pi] (eq. (11) vs eq. (2) integrated by the layer
  // cake) and the value of a holding (Section 4.2's formula vs the expected VCG payoff).
  for (const char* file : {"uniform-n3-k1.toml", "asymmetric-t-squared.toml", "histogram-three-agents.toml",
                           "negative-support.toml", "strength-ordered.toml", "revenue-shifted-support.toml"}) {
    BOOST_TEST_CONTEXT(file) {
      const Economy e = dynamic_cast<const Economy&>(*builtin_papers().load_case(cases_dir + file).data);
      const rc::SpotMarket market(e);
      const auto r = r_star(e);
      const auto common = market.common_worst_off();
      BOOST_REQUIRE(common.roots.size() == 1u);
      BOOST_TEST(common.roots.front() == common_worst_off_type(e));
      for (std::size_t i = 0; i < e.size(); ++i) {
        const auto q = interim_allocation(e, i);
        for (int j = 1; j < 8; ++j) {
          const Algebraic t(e.lo + (e.hi - e.lo) * Rational(j, 8));
          if (t.sign() != 0) BOOST_TEST(market.q_right(i, t) == q(t));
        }
        BOOST_TEST(market.q_right(i, common.roots.front()) == r[i]);
        const Algebraic level(std::min(e.agents[i].k, Rational(1, 3)));
        BOOST_TEST(market.worst_off_type(i, level) == worst_off_type(q, level));
        BOOST_TEST(market.expected_welfare_with(i, Algebraic(e.hi)) ==
                   expected_welfare_with_type(e, i, Algebraic(e.hi)));
        const SpotValue v = spot_value(e, i);
        for (const auto& x : {Algebraic(0), Algebraic(Rational(1, 5)), r[i], Algebraic(1)})
          BOOST_TEST(market.spot_value(i, x) == spot_payoff(v, x));
      }
      BOOST_TEST(market.expected_welfare() == expected_welfare(e));
      BOOST_TEST(market.expected_surplus(r) == expected_surplus_eq11(e, r));
      std::vector<Algebraic> corner(e.size(), Algebraic(0));
      corner[0] = Algebraic(1);
      BOOST_TEST(market.expected_surplus(corner) == expected_surplus_eq11(e, corner));
    }
  }
}

BOOST_AUTO_TEST_CASE(layer_cake_welfare_by_hand) {
  // W(theta) = 1 x 3/4 for theta = (3/4, 1/2) with k = (1/2, 1): 1/2 at 3/4, then 1/2 at 1/2... as layers:
  // (3/4 - 1/2) min(1, 1/2) + 1/2 min(1, 3/2) = 1/8 + 1/2.
  const std::vector<Algebraic> theta{Algebraic(Rational(3, 4)), Algebraic(Rational(1, 2))};
  BOOST_TEST(rc::SpotMarket::welfare(theta, {Rational(1, 2), Rational(1)}) == Algebraic(Rational(5, 8)));
  // Nonpositive types add nothing.
  BOOST_TEST(rc::SpotMarket::welfare({Algebraic(-1), Algebraic(0)}, {Rational(1), Rational(1)}) == Algebraic(0));
}

BOOST_AUTO_TEST_CASE(exact_sums_equal_the_additions_they_replace) {
  // ExactSum merges the terms on one number before adding: the same value as adding term by term.
  const Algebraic r2 = Algebraic::real_roots({-2, 0, 1}).back(), r3 = Algebraic::real_roots({-3, 0, 1}).back();
  rc::ExactSum sum;
  sum.add(Rational(1, 3), r2);
  sum.add(Rational(2), Algebraic(Rational(1, 5)));
  sum.add(Rational(-1, 3), r2);  // cancels the first term exactly
  sum.add(Rational(3), r3);
  sum.add_product(Rational(-1), r2, r3);  // an irrational product: one term of its own
  sum.add_product(Rational(1, 2), Algebraic(Rational(4)), r3);
  rc::ExactSum twice;
  twice.add(2, sum);
  const Algebraic expected = Algebraic(Rational(2, 5)) + Algebraic(Rational(5)) * r3 - r2 * r3;
  BOOST_TEST(sum.value() == expected);
  BOOST_TEST(twice.value() == Algebraic(2) * expected);
  // Welfare and welfare_sum agree with W by hand: the greedy serves sqrt(3) - 1 (k = 1/2), then 1/2
  // (k = 1/3), then sqrt(2) - 1 with the last 1/6.
  const std::vector<Algebraic> theta{r2 - Algebraic(1), Algebraic(Rational(1, 2)), r3 - Algebraic(1)};
  const std::vector<Rational> k{Rational(1, 2), Rational(1, 3), Rational(1, 2)};
  const Algebraic w = (r3 - Algebraic(1)) * Algebraic(Rational(1, 2)) + Algebraic(Rational(1, 6)) +
                      (r2 - Algebraic(1)) * Algebraic(Rational(1, 6));
  BOOST_TEST(rc::SpotMarket::welfare(theta, k) == w);
  BOOST_TEST(rc::SpotMarket::welfare_sum(theta, k).value() == w);
}

BOOST_AUTO_TEST_CASE(worst_off_type_hints_are_verified_not_assumed) {
  Economy e;
  e.lo = 0;
  e.hi = 1;
  e.agents.push_back({Rational(1), uniform_cdf(0, 1), "uniform"});
  e.agents.push_back({Rational(1), power_cdf(0, 1, 2), "t^2"});
  e.agents.push_back({Rational(1), power_cdf(0, 1, 3), "t^3"});
  const rc::SpotMarket market(e);
  const auto roots = market.common_worst_off().roots;
  BOOST_REQUIRE(roots.size() == 1u);
  const Algebraic hat = roots.front();
  for (std::size_t i = 0; i < e.size(); ++i) {
    const Algebraic level = market.q_right(i, hat);
    BOOST_TEST(market.worst_off_type(i, level) == hat);
    BOOST_TEST(market.worst_off_type(i, level, {hat}) == hat);
    BOOST_TEST(market.worst_off_type(i, level, {Algebraic(Rational(1, 2)), hat + Algebraic(Rational(1, 1000))}) == hat);
  }
}

BOOST_AUTO_TEST_CASE(reported_numbers_are_read_back_exactly) {
  const Algebraic root_two = real_roots(RationalPolynomial({Rational(-2), Rational(0), Rational(1)})).back();
  BOOST_TEST(rc::number_of(make_value("x", root_two)) == root_two);
  const Algebraic third = root_two / Algebraic(3) - Algebraic(Rational(1, 7));
  BOOST_TEST(rc::number_of(make_value("y", third)) == third);
  BOOST_TEST(rc::number_of(make_value("q", Rational(-5, 12))) == Algebraic(Rational(-5, 12)));
  Value broken = make_value("x", root_two);
  broken.interval = "[3, 4]";  // no root of x^2 - 2 there
  BOOST_CHECK_THROW(rc::number_of(broken), std::runtime_error);
  BOOST_CHECK_THROW(rc::number_of(make_text("t", "one half")), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(every_refuted_llm_record_is_rechecked) {
  std::size_t refuted = 0;
  testing::check_committed_cases(cases_dir, [&](const std::string& path, const Expectation& e, const Outcome& out) {
    if (out.verdict != Verdict::refuted) return;
    ++refuted;
    BOOST_TEST(to_string(out.recheck.status) == "passed", path << " " << e.claim << ": " << out.recheck.detail);
  });
  BOOST_TEST(refuted >= 16u);
}

BOOST_AUTO_TEST_CASE(seeded_bug_a_witness_moved_by_one_unit_fails_its_recheck) {
  expect_recheck_catches_shift("llm.prop1", "llm.prop1-probe-drop-common-worst-off-seed-1.toml", "Pi");
  expect_recheck_catches_shift("llm.prop1", "llm.prop1-probe-drop-common-worst-off-seed-1.toml", "theta_2");
  expect_recheck_catches_shift("llm.prop7", "llm.prop7-probe-drop-strength-ordered-demands-seed-1.toml", "r_star_i");
  expect_recheck_catches_shift("llm.groups", "llm.groups-probe-drop-strength-ordered-group-demands-seed-1.toml",
                               "r_star_j");
  expect_recheck_catches_shift("llm.groups", "llm.groups-probe-drop-strength-ordered-group-distributions-seed-1.toml",
                               "r_star_G2(0)");
  expect_recheck_catches_shift("llm.prop2", "prop2-flat-cdfs.toml", "flat_from");
  expect_recheck_catches_shift("llm.prop3_4", "forward-uniform-n2.toml", "budget");
  expect_recheck_catches_shift("llm.prop3_4", "forward-too-flat-drop-pricing-hypotheses.toml", "gain");
  expect_recheck_catches_shift("llm.prop5_6", "aggregate-uniform-n2.toml", "family_budget_bound_P_U");
  expect_recheck_catches_shift("llm.prop9", "revenue-figure1-cornered-drop-holdings-within-demands.toml", "r_3");
  expect_recheck_catches_shift("llm.prop10", "llm.prop10-probe-drop-boundary-solution-optimal-seed-1.toml", "Pi_r");
  expect_recheck_catches_shift("llm.prop11", "llm.prop11-probe-drop-condition-16-seed-1.toml", "net_interim_payoff");
  expect_recheck_catches_shift("llm.cor1", "llm.cor1-probe-drop-symmetric-agents-seed-1.toml", "k");
}

BOOST_AUTO_TEST_CASE(seeded_bug_a_false_refutation_fails_its_recheck) {
  // llm.necessity refuted on an instance that does run an expected deficit (Myerson-Satterthwaite).
  const Case ms = builtin_papers().load_case(cases_dir + "myerson-satterthwaite.toml");
  Outcome out = run_expectation(ms, "llm.necessity");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(to_string(out.recheck.status) == "passed");
  out.verdict = Verdict::refuted;
  BOOST_TEST(!claim("llm.necessity").recheck(ms, out)->passed);
  // llm.fig1 said to fail "interior revenue increases" between two k1 where it does increase.
  const Case figure = builtin_papers().load_case(cases_dir + "figure1.toml");
  Outcome fake;
  fake.verdict = Verdict::refuted;
  fake.witness = {make_text("statement", "interior revenue increases in k1")};
  for (int p = 1; p <= 2; ++p) {
    Economy e = dynamic_cast<const Economy&>(*figure.data);
    e.agents[0].k = Rational(p, 6);
    const rc::SpotMarket market(e);
    std::vector<Algebraic> cornered(3, Algebraic(0));
    cornered[0] = Algebraic(1);
    fake.witness.push_back(make_value("k1_" + std::to_string(p), Rational(p, 6)));
    fake.witness.push_back(make_value("interior_" + std::to_string(p), expected_surplus_eq11(e, r_star(e))));
    fake.witness.push_back(make_value("cornered_" + std::to_string(p), expected_surplus_eq11(e, cornered)));
  }
  auto r = claim("llm.fig1").recheck(figure, fake);
  BOOST_REQUIRE(r);
  BOOST_TEST(!r->passed, r->detail);
  // ... and its certificate (the crossing bracket) moved off the crossing.
  Outcome holds = run_expectation(figure, "llm.fig1");
  BOOST_TEST(to_string(holds.recheck.status) == "passed");
  for (auto& v : holds.values)
    if (v.name == "crossing_k1_lower" || v.name == "crossing_k1_upper") shift(v, Rational(-1, 4));
  BOOST_TEST(!claim("llm.fig1").recheck(figure, holds)->passed);
}

BOOST_AUTO_TEST_SUITE_END()
