// Exact known answers of the llm model (Liu, Loertscher & Marx 2020) on small economies.
#include "llm/model/spot_market.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

Economy symmetric_uniform(int n, const Rational& k) {
  Economy e;
  e.lo = 0;
  e.hi = 1;
  for (int i = 0; i < n; ++i) e.agents.push_back({k, uniform_cdf(0, 1), "uniform"});
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_model)

BOOST_AUTO_TEST_CASE(interim_allocation_uniform_n3_is_t_squared) {
  // With k = 1 an agent is served iff it has the highest type: q_i(t) = t^2.
  auto e = symmetric_uniform(3, 1);
  auto q = interim_allocation(e, 0);
  BOOST_TEST(q(Rational(1, 2)) == Rational(1, 4));
  BOOST_TEST(q(Rational(2, 3)) == Rational(4, 9));
}

BOOST_AUTO_TEST_CASE(common_worst_off_type_n2_is_one_half) {
  auto e = symmetric_uniform(2, 1);
  BOOST_TEST(common_worst_off_type(e) == Algebraic(Rational(1, 2)));
}

BOOST_AUTO_TEST_CASE(common_worst_off_type_n3_is_one_over_root_three) {
  auto e = symmetric_uniform(3, 1);
  Algebraic hat = common_worst_off_type(e);
  BOOST_TEST(!hat.is_rational());
  // 3 t^2 = 1: hat^2 = 1/3 exactly.
  BOOST_TEST(hat * hat == Algebraic(Rational(1, 3)));
  BOOST_TEST(hat.minimal_polynomial_string() == "3*x^2 - 1");
  auto r = r_star(e);
  for (const auto& ri : r) BOOST_TEST(ri == Algebraic(Rational(1, 3)));
}

BOOST_AUTO_TEST_CASE(expected_surplus_partnership_n2_is_one_twelfth) {
  // Pi = max(1/2, t2) + max(t1, 1/2) - max(t1, t2) - 1/2, so E = 2*5/8 - 2/3 - 1/2 = 1/12.
  auto e = symmetric_uniform(2, 1);
  auto r = r_star(e);
  BOOST_TEST(expected_surplus_eq11(e, r) == Algebraic(Rational(1, 12)));
  BOOST_TEST(expected_surplus_by_integration(e, r) == Algebraic(Rational(1, 12)));
}

BOOST_AUTO_TEST_CASE(myerson_satterthwaite_expected_deficit_is_minus_one_sixth) {
  // r = (1, 0): hat = (1, 0), Pi = -(t2 - t1)^+, E[Pi] = -1/6.
  auto e = symmetric_uniform(2, 1);
  std::vector<Algebraic> r{Algebraic(1), Algebraic(0)};
  auto hat = worst_off_types(e, r);
  BOOST_TEST(hat[0] == Algebraic(1));
  BOOST_TEST(hat[1] == Algebraic(0));
  BOOST_TEST(expected_surplus_eq11(e, r) == Algebraic(Rational(-1, 6)));
  BOOST_TEST(expected_surplus_by_integration(e, r) == Algebraic(Rational(-1, 6)));
  auto grid = vertex_grid(e, r);
  auto scan = scan_vertex_grid<Algebraic>(grid);
  BOOST_TEST(*scan.minimum == Algebraic(-1));  // theta = (0, 1): the buyer values 1, the seller 0
}

BOOST_AUTO_TEST_CASE(worst_off_type_on_a_flat_piece_is_its_left_end) {
  // Types uniform on [-1, 1], k = 1, r = (1, 0). Agent 2 is never served below 0, so q_2 = 0 on
  // [-1, 0] and its level min(r_2, k_2) = 0 is reached on that whole flat piece: hat_2 = min { t :
  // q_2(t) >= 0 } = -1, its left end (there is no crossing to solve for). Agent 1 reaches q_1 = 1
  // only at the top: hat_1 = 1.
  Economy e;
  e.lo = -1;
  e.hi = 1;
  for (int i = 0; i < 2; ++i) e.agents.push_back({Rational(1), uniform_cdf(-1, 1), "uniform"});
  const auto hat = worst_off_types(e, {Algebraic(1), Algebraic(0)});
  BOOST_TEST(hat[0] == Algebraic(1));
  BOOST_TEST(hat[1] == Algebraic(-1));
}

BOOST_AUTO_TEST_CASE(expected_welfare_uniform) {
  // E[max of n uniforms] = n/(n+1) when k = 1.
  BOOST_TEST(expected_welfare(symmetric_uniform(2, 1)) == Algebraic(Rational(2, 3)));
  BOOST_TEST(expected_welfare(symmetric_uniform(4, 1)) == Algebraic(Rational(4, 5)));
}

BOOST_AUTO_TEST_CASE(welfare_is_independent_of_tie_order) {
  std::vector<Rational> theta{Rational(1, 2), Rational(1, 2), Rational(1, 4)};
  std::vector<Rational> k{Rational(2, 3), Rational(2, 3), Rational(1)};
  auto rank = rank_values(theta);
  BOOST_TEST(rank[0] == rank[1]);
  BOOST_TEST(welfare(theta, rank, k) == Rational(1, 2));
  auto q = efficient_allocation(rank, k);
  BOOST_TEST(q[0] == Rational(2, 3));
  BOOST_TEST(q[1] == Rational(1, 3));
  BOOST_TEST(q[2] == 0);
}

BOOST_AUTO_TEST_CASE(worst_off_type_candidates_are_verified_not_assumed) {
  // F = t, t^2, t^3 at r*: q = (t^5, t^4, t^3), so hat_theta is the root of x^5 + x^4 + x^3 = 1 in
  // (0, 1), and r*_i = q_i(hat_theta) is irrational. A candidate is returned only when it solves
  // q_i(t) = level on the crossing piece.
  Economy e;
  e.lo = 0;
  e.hi = 1;
  e.agents.push_back({Rational(1), uniform_cdf(0, 1), "uniform"});
  e.agents.push_back({Rational(1), power_cdf(0, 1, 2), "t^2"});
  e.agents.push_back({Rational(1), power_cdf(0, 1, 3), "t^3"});
  const auto r = r_star(e);
  for (std::size_t i = 0; i < e.size(); ++i) {
    const PiecewisePolynomial q = interim_allocation(e, i);
    const Algebraic solved = worst_off_type(q, r[i]);
    BOOST_TEST(solved == common_worst_off_type(e));
    BOOST_TEST(worst_off_type(q, r[i], {solved}) == solved);
    const std::vector<Algebraic> wrong{Algebraic(Rational(1, 2)), solved + Algebraic(Rational(1, 1000)),
                                       solved * solved};
    BOOST_TEST(worst_off_type(q, r[i], wrong) == solved);
    // A level that no candidate meets: the root isolation answers.
    BOOST_TEST(worst_off_type(q, Algebraic(Rational(1, 5)), {solved}) == worst_off_type(q, Algebraic(Rational(1, 5))));
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(llm_ties)

// The efficient allocation serves tied agents in index order. No value may depend on that
// choice: relabelling the agents (which reverses the tie order) must permute r* and leave the
// vertex-grid minimum of Pi, the count of zero points and the expected surplus unchanged.
BOOST_AUTO_TEST_CASE(relabelling_agents_changes_no_value) {
  Economy e;
  e.lo = 0;
  e.hi = 1;
  e.agents.push_back({Rational(1, 3), uniform_cdf(0, 1), "uniform"});
  e.agents.push_back({Rational(2, 3), power_cdf(0, 1, 2), "t^2"});
  e.agents.push_back({Rational(2, 3), uniform_cdf(0, 1), "uniform"});
  Economy reversed = e;
  std::reverse(reversed.agents.begin(), reversed.agents.end());
  auto r = r_star(e), r_reversed = r_star(reversed);
  for (std::size_t i = 0; i < r.size(); ++i) BOOST_TEST(r[i] == r_reversed[r.size() - 1 - i]);
  auto scan = scan_vertex_grid<Algebraic>(vertex_grid(e, r));
  auto scan_reversed = scan_vertex_grid<Algebraic>(vertex_grid(reversed, r_reversed));
  BOOST_TEST(*scan.minimum == *scan_reversed.minimum);
  BOOST_TEST(scan.zero == scan_reversed.zero);
  BOOST_TEST(scan.negative == scan_reversed.negative);
  BOOST_TEST(expected_surplus_eq11(e, r) == expected_surplus_eq11(reversed, r_reversed));
}

BOOST_AUTO_TEST_CASE(welfare_at_ties_equals_both_tie_orders) {
  // Two agents tied at 1/2 with k = 2/3 each and one unit: whichever is served first, W = 1/2.
  std::vector<Rational> theta{Rational(1, 2), Rational(1, 2)};
  std::vector<Rational> k{Rational(2, 3), Rational(2, 3)};
  Ranking tied{1, 1}, first_higher{2, 1}, second_higher{1, 2};
  BOOST_TEST(welfare(theta, tied, k) == welfare(theta, first_higher, k));
  BOOST_TEST(welfare(theta, tied, k) == welfare(theta, second_higher, k));
}

BOOST_AUTO_TEST_SUITE_END()
