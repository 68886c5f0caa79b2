// hw.prop1 and hw.prop2 (Hu & Wallace 2012, Propositions 1 and 2): a stage-2 equilibrium known by
// hand (a rational root), the first-order conditions against an exact algebraic root of the
// cleared Cobb-Douglas condition (two independent formulas), the MPFR/MPFI Jacobian against the
// exact derivative, seeded bugs the checker must catch (a box centred far from the root fails
// the Krawczyk test; a wrong interval Jacobian is caught by the mean-value check), the claims on
// the committed cases, and bad inputs at their positions.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using namespace mechcheck;
using namespace mechcheck::hw;
using namespace mechcheck::proofs;
using Q = Rational;

namespace {

const std::string& cases_dir = testing::hw_cases_dir;
using testing::load_error;
std::string write_case(const std::string& name, const std::string& body) { return testing::write_hw_case("mechcheck-hw-prop-test", name, body); }
Outcome run(const Claim& claim, const std::string& file, std::set<std::string> dropped = {}) {
  return testing::run_hw_case(claim, file, std::move(dropped));
}

const Claim& claim(const std::string& id) {
  const Claim* c = builtin_papers().find(id);
  BOOST_REQUIRE(c);
  return *c;
}

// One type, one state, u = ln q + ln r, qbar = 7, rbar = 1, eps = (1, 1), M = 1: g'(t) = 0 is
// (1 + t)(1 + 2t) = 7 - t, i.e. 2(t + 3)(t - 1) = 0: the equilibrium offer is t = 1 (sell q), by hand.
const char* one_agent = R"([hw]
qbar = "7"
rbar = "1"
epsilon = ["1", "1"]
types = ["only"]
states = ["z"]
prior = ["1"]
mu = [["1"]]
eta = "1/2"
N = 2

[[hw.utility]]
family = "cobb_douglas"
a = "1"
b = "1"
)";

// The Jacobian with the others' totals held fixed: d Phi_x / d s_x of the one-agent problem and
// no cross terms (a natural bug: the best-response derivative instead of the equilibrium system's).
IntervalMatrix own_offer_only(const Stage2Game& g, const std::vector<Interval>& box, const Sides& sides) {
  IntervalMatrix J = jacobian_ad(g, box, sides);
  for (std::size_t i = 0; i < g.size(); ++i)
    for (std::size_t j = 0; j < g.size(); ++j)
      if (i != j) J[i][j] = from_rational<Interval>(Q(0));
  return J;
}

IntervalMatrix sign_flipped(const Stage2Game& g, const std::vector<Interval>& box, const Sides& sides) {
  IntervalMatrix J = jacobian_ad(g, box, sides);
  for (auto& row : J)
    for (auto& x : row) x = Interval(-x);
  return J;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_prop)

BOOST_AUTO_TEST_CASE(known_answer_one_agent_sells_one_unit) {
  PrecisionScope precision(40);
  const Case c = builtin_papers().load_case(write_case("one-agent", one_agent));
  const auto& e = c.model_data<Economy>();
  const Stage2Game g = stage2_game(e, {1});
  BOOST_CHECK_EQUAL(g.M, 1);
  // Phi at the known root is exactly 0 in MPFI (every quantity is a small rational: 1/6 - 1/6).
  const auto F = first_order_conditions<Interval>(g, {from_rational<Interval>(Q(1))}, {1});
  BOOST_CHECK(lower_bound(F[0]) <= 0 && upper_bound(F[0]) >= 0);
  const auto approx = solve_stage2(g);
  BOOST_REQUIRE(approx.converged);
  BOOST_CHECK(abs(approx.s[0] - 1) < Mpfr(1e-30));
  const auto kr = krawczyk_test(g, approx.s, hw_prop1::box_radius(40));
  BOOST_REQUIRE(kr.contained);
  BOOST_CHECK(lower_bound(kr.box[0]) < 1 && upper_bound(kr.box[0]) > 1);  // the box contains the root t = 1
  BOOST_CHECK(kr.max_width < Q(1, 1000000000) * Q(1, 1000000000));
  // The claim on this economy holds.
  CheckContext context;
  BOOST_CHECK(run_claim(claim("hw.prop1"), c, context).verdict == Verdict::holds);
}

BOOST_AUTO_TEST_CASE(symmetric_equilibrium_matches_exact_algebraic_root) {
  // One type, M = 3, u = ln q + 2 ln r, qbar = 2, rbar = 3, eps = (1/10, 1/10): with Q_- = 3/10 + 2t,
  // R_- = 3/10, g'(t) = 0 cleared of denominators is the quadratic
  // A (Q + t)(rbar (Q + t) + R t) - B R Q (qbar - t) = 0: its root in (0, qbar), exactly (Algebraic),
  // must lie in the certified box (an independent formula for the same equilibrium).
  PrecisionScope precision(40);
  const char* body = R"([hw]
qbar = "2"
rbar = "3"
epsilon = ["1/10", "1/10"]
types = ["only"]
states = ["z"]
prior = ["1"]
mu = [["1"]]
eta = "1/4"
N = 4

[[hw.utility]]
family = "cobb_douglas"
a = "1"
b = "2"
)";
  const Case c = builtin_papers().load_case(write_case("symmetric", body));
  const auto& e = c.model_data<Economy>();
  const Stage2Game g = stage2_game(e, {3});
  const auto approx = solve_stage2(g);
  BOOST_REQUIRE(approx.converged);
  const auto kr = krawczyk_test(g, approx.s, hw_prop1::box_radius(40));
  BOOST_REQUIRE(kr.contained);
  BOOST_REQUIRE(sign_of(kr.box[0]) > 0);  // sells q
  // Q = 3/10 + 2t, R = 3/10, A = 1, B = 2, qbar = 2, rbar = 3:
  const RationalPolynomial t = RationalPolynomial::identity();
  const RationalPolynomial Qp = RationalPolynomial::constant(Q(3, 10)) + t * Q(2);
  const RationalPolynomial D = Qp + t;
  const RationalPolynomial cleared = D * (D * Q(3) + t * Q(3, 10)) - Qp * (RationalPolynomial::constant(Q(2)) - t) * Q(6, 10);
  std::vector<Algebraic> inside;
  for (auto& r : real_roots(cleared))
    if (r.sign() > 0 && r < Algebraic(Q(2))) inside.push_back(r);
  BOOST_REQUIRE_EQUAL(inside.size(), 1u);
  BOOST_CHECK(Algebraic(lower_bound(kr.box[0])) < inside[0]);
  BOOST_CHECK(inside[0] < Algebraic(upper_bound(kr.box[0])));
}

BOOST_AUTO_TEST_CASE(phi_is_continuous_at_zero_by_eq17) {
  // Both pieces of Phi at s = 0 are g'(0) = E[-u_q + u_r R/Q] = -(R/Q) h'(0) (identity (17)): evaluate
  // the sell-r piece at a tiny negative offer and the sell-q piece at 0 in MPFI; they must overlap
  // within the interval of the derivative times the offer.
  PrecisionScope precision(40);
  const Case c = builtin_papers().load_case(cases_dir + "prop1-cobb-douglas.toml");
  const Stage2Game g = stage2_game(c.model_data<Economy>(), {1, 2});
  const std::vector<Mpfr> s{Mpfr(0), Mpfr(0)};
  const auto plus = first_order_conditions<Mpfr>(g, s, {1, 1});
  const auto minus = first_order_conditions<Mpfr>(g, s, {-1, -1});
  for (std::size_t i = 0; i < 2; ++i) BOOST_CHECK(abs(plus[i] - minus[i]) < Mpfr(1e-35));
}

BOOST_AUTO_TEST_CASE(forward_mode_jacobian_matches_difference_quotients) {
  // Two independent derivatives: forward-mode AD in MPFR vs central differences (h = 1e-15) at the
  // equilibrium of configuration (1, 2); agreement to 1e-20 (MPFR at 40 digits).
  PrecisionScope precision(40);
  const Case c = builtin_papers().load_case(cases_dir + "prop1-cobb-douglas.toml");
  const Stage2Game g = stage2_game(c.model_data<Economy>(), {1, 2});
  const auto approx = solve_stage2(g);
  BOOST_REQUIRE(approx.converged);
  const Sides sides = sides_of(approx.s);
  BOOST_CHECK(sides[0] == 1 && sides[1] == -1);  // lo sells q, hi sells r (values in proofs/hw/docs/prop.md)
  const auto J = jacobian_ad(g, approx.s, sides);
  const Mpfr h("1e-15");
  for (std::size_t j = 0; j < 2; ++j) {
    auto up = approx.s, down = approx.s;
    up[j] = Mpfr(up[j] + h);
    down[j] = Mpfr(down[j] - h);
    const auto Fu = first_order_conditions<Mpfr>(g, up, sides), Fd = first_order_conditions<Mpfr>(g, down, sides);
    for (std::size_t i = 0; i < 2; ++i) BOOST_CHECK(abs(Mpfr((Fu[i] - Fd[i]) / (2 * h)) - J[i][j]) < Mpfr(1e-20));
  }
  // Cross terms are not zero: the others' offers move (Q_-, R_-).
  BOOST_CHECK(abs(J[0][1]) > Mpfr(1e-3));
}

BOOST_AUTO_TEST_CASE(seeded_bug_box_far_from_the_root_fails) {
  PrecisionScope precision(40);
  const Case c = builtin_papers().load_case(cases_dir + "prop1-cobb-douglas.toml");
  const Stage2Game g = stage2_game(c.model_data<Economy>(), {1, 2});
  const auto approx = solve_stage2(g);
  BOOST_REQUIRE(approx.converged);
  BOOST_CHECK(krawczyk_test(g, approx.s, hw_prop1::box_radius(40)).contained);
  // Centre shifted by 10^-6: the box of radius ~10^-20 contains no zero; the test must fail.
  auto shifted = approx.s;
  shifted[0] = Mpfr(shifted[0] + Mpfr("1e-6"));
  const auto kr = krawczyk_test(g, shifted, hw_prop1::box_radius(40));
  BOOST_CHECK(!kr.contained);
  BOOST_CHECK(kr.failure.find("K(X) is not inside X") != std::string::npos);
  // A large box (radius 1/2 relative) does not fit the linearization either, or leaves the domain.
  BOOST_CHECK(!krawczyk_test(g, approx.s, Mpfr("0.5")).contained);
  // Radius 1/10 relative, centred on the root: every offer keeps its sign on X, and m - Y Phi(m)
  // is the root to working precision, inside X; only the term (I - Y J(X)) (X - m), wide because
  // J varies over so large a box, pushes K(X) out. A test without that term would certify X.
  const auto wide = krawczyk_test(g, approx.s, Mpfr("0.1"));
  BOOST_CHECK(wide.signs_fixed);
  BOOST_CHECK(!wide.contained);
  BOOST_CHECK(wide.failure.find("K(X) is not inside X") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(seeded_bug_wrong_jacobian_is_caught) {
  PrecisionScope precision(40);
  const Case c = builtin_papers().load_case(cases_dir + "prop1-cobb-douglas.toml");
  const Stage2Game g = stage2_game(c.model_data<Economy>(), {1, 2});
  const auto approx = solve_stage2(g);
  BOOST_REQUIRE(approx.converged);
  const auto kr = krawczyk_test(g, approx.s, hw_prop1::box_radius(40));
  const Sides sides = sides_of(approx.s);
  BOOST_CHECK(jacobian_mean_value_check(g, approx.s, kr.box, jacobian_ad(g, kr.box, sides)).empty());
  BOOST_CHECK(!jacobian_mean_value_check(g, approx.s, kr.box, own_offer_only(g, kr.box, sides)).empty());
  BOOST_CHECK(!jacobian_mean_value_check(g, approx.s, kr.box, sign_flipped(g, kr.box, sides)).empty());
  // The claim with a wrong Jacobian ends in `error`, never `holds`.
  for (IntervalJacobian wrong : {&own_offer_only, &sign_flipped}) {
    const auto bad = hw_prop1::make_claim(wrong);
    const Outcome o = run(*bad, "prop1-cobb-douglas.toml");
    BOOST_CHECK(o.verdict == Verdict::error);
    BOOST_CHECK(o.summary.find("not an enclosure") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(prop1_on_the_cases) {
  BOOST_CHECK(run(claim("hw.prop1"), "prop1-cobb-douglas.toml").verdict == Verdict::holds);
  BOOST_CHECK(run(claim("hw.prop1"), "prop1-ces-three-types.toml").verdict == Verdict::holds);
  const Outcome knife = run(claim("hw.prop1"), "prop1-knife-edge.toml");
  BOOST_CHECK(knife.verdict == Verdict::inconclusive);
  BOOST_CHECK(knife.summary.find("box") != std::string::npos);
  const Outcome two = run(claim("hw.prop1"), "prop1-two-sided.toml");
  BOOST_CHECK(two.verdict == Verdict::hypotheses_unmet);
  BOOST_REQUIRE_EQUAL(two.unmet.size(), 1u);
  BOOST_CHECK_EQUAL(two.unmet[0], "one_sided_offers");
  const Outcome dropped = run(claim("hw.prop1"), "prop1-two-sided.toml", {"one_sided_offers"});
  BOOST_CHECK(dropped.verdict == Verdict::inconclusive);
  BOOST_CHECK(dropped.summary.find("not single-valued") != std::string::npos);
  BOOST_CHECK(run(claim("hw.prop1"), "prop1-zero-epsilon.toml").verdict == Verdict::hypotheses_unmet);
  BOOST_CHECK(run(claim("hw.prop1"), "prop1-linear-utility.toml").verdict == Verdict::hypotheses_unmet);
}

BOOST_AUTO_TEST_CASE(prop2_rate_and_counterexample) {
  const Outcome o = run(claim("hw.prop2"), "prop2-cobb-douglas.toml");
  BOOST_CHECK(o.verdict == Verdict::holds);
  BOOST_CHECK(o.arithmetic == Arithmetic::numeric);
  PrecisionScope precision(40);
  const Case c = builtin_papers().load_case(cases_dir + "prop2-cobb-douglas.toml");
  const auto& e = c.model_data<Economy>();
  const auto t = hw_prop2::compute_table(e);
  BOOST_REQUIRE_EQUAL(t.rows.size(), 9u);
  BOOST_CHECK_EQUAL(t.rows.back().N, 100000);
  BOOST_CHECK(t.rate < -0.9 && t.rate > -1.1);  // the strategic effect of M agents is O(1/M)
  // beta^z by hand (proofs/hw/docs/model.md): p = 129/109; lo sells qbar - q = 2 - (1/3)(2p + 3)/p = 21/43.
  BOOST_CHECK(abs(t.limit[0].q - from_rational<Mpfr>(Q(21, 43))) < Mpfr(1e-30));
  const Outcome u = run(claim("hw.prop2"), "prop2-uninformative.toml");
  BOOST_CHECK(u.verdict == Verdict::hypotheses_unmet);
  BOOST_CHECK(run(claim("hw.prop2"), "prop2-uninformative.toml", {"informative"}).verdict == Verdict::refuted);
}

BOOST_AUTO_TEST_CASE(configuration_for_splits_by_largest_remainder) {
  const Case c = builtin_papers().load_case(cases_dir + "prop2-cobb-douglas.toml");
  const auto& info = *c.model_data<Economy>().info;
  BOOST_CHECK((hw_prop2::configuration_for(info, 0, 8) == std::vector<long long>{5, 3}));
  BOOST_CHECK((hw_prop2::configuration_for(info, 1, 7) == std::vector<long long>{2, 5}));
  BOOST_CHECK_EQUAL(hw::all_configurations(3, 4).size(), 15u);
}

BOOST_AUTO_TEST_CASE(figure_writes_csv_and_svg) {
  const Case c = builtin_papers().load_case(cases_dir + "prop2-cobb-douglas.toml");
  const FigureWriter* figure = builtin_papers().figure("hw.prop2");
  BOOST_REQUIRE(figure != nullptr);
  const auto dir = (std::filesystem::temp_directory_path() / "mechcheck-hw-prop2-figure").string();
  const auto files = figure->write(c, dir);
  BOOST_REQUIRE_EQUAL(files.size(), 2u);
  std::ifstream svg(files[1]);
  const std::string text((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
  BOOST_CHECK(text.find("log10 N") != std::string::npos);
  BOOST_CHECK(text.find("fit -0.9") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_inputs_at_their_positions) {
  const std::string head = std::string(one_agent) + "\n[hw.equilibrium]\n";
  const std::string offers = load_error(write_case("bad-offers", head + "offers = \"both\"\n"));
  BOOST_CHECK(offers.find(": offers is \"one_sided\"") != std::string::npos);
  BOOST_CHECK(offers.find("not 'both'") != std::string::npos);
  BOOST_CHECK_EQUAL(offers.substr(0, offers.find(':')), "22");  // the line of `offers` (4 header lines + 15 + 2)
  BOOST_CHECK(load_error(write_case("bad-sigma", head + "sigma = [[2]]\n")).find("must sum to M") != std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-sizes", head + "sizes = [10, 5, 100]\n")).find("strictly increasing") !=
              std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-state", head + "state = \"w\"\n")).find("not one of the declared states") !=
              std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-digits", head + "digits = 10\n")).find("[30, 200]") != std::string::npos);
  BOOST_CHECK(load_error(write_case("bad-key", head + "sigmas = [[1]]\n")) != "");
}

BOOST_AUTO_TEST_SUITE_END()
