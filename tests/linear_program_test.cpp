// The exact LP (lp/linear_program.hpp): optima worked by hand, each certificate checked here with
// its own sums, and random two-variable programs against a brute-force vertex enumeration.
#include "mechcheck/lp/linear_program.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <random>

using mechcheck::Rational;
namespace lp = mechcheck::lp;

namespace {

Rational q(long a, long b = 1) { return Rational(a) / b; }

// constant + a0 z0 + a1 z1 (>= 0, or == 0)
lp::Row row2(Rational constant, Rational a0, Rational a1, bool equality = false) {
  return lp::Row{constant, {{0, a0}, {1, a1}}, equality};
}

Rational evaluate(const lp::Row& row, const std::vector<Rational>& z, bool constant = true) {
  Rational s = constant ? row.constant : Rational(0);
  for (const auto& [j, a] : row.terms) s += a * z[j];
  return s;
}

// The certificate's claim, recomputed: objective(z) + sum_r y_r row_r(z) has no linear part.
// Returns its constant, or nullopt when a coefficient survives or a sign is wrong.
std::optional<Rational> combination_constant(const lp::Program& p, const std::vector<Rational>& y, bool objective) {
  std::vector<Rational> linear(p.variables, Rational(0));
  if (objective)
    for (std::size_t j = 0; j < p.objective.size(); ++j) linear[j] = p.objective[j];
  Rational constant = 0;
  for (std::size_t r = 0; r < p.rows.size(); ++r) {
    if (!p.rows[r].equality && y[r] < 0) return std::nullopt;
    constant += y[r] * p.rows[r].constant;
    for (const auto& [j, a] : p.rows[r].terms) linear[j] += y[r] * a;
  }
  for (const Rational& a : linear)
    if (a != 0) return std::nullopt;
  return constant;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(linear_program)

BOOST_AUTO_TEST_CASE(optimum_of_a_textbook_program) {
  // max x + y  s.t.  x, y >= 0,  4 - x - 2y >= 0,  6 - 3x - y >= 0: the vertex (8/5, 6/5), value
  // 14/5, with duals 2/5 and 1/5 on the two resource rows.
  lp::Program p;
  p.variables = 2;
  p.rows = {row2(0, 1, 0), row2(0, 0, 1), row2(4, -1, -2), row2(6, -3, -1)};
  p.objective = {1, 1};
  const lp::Result r = lp::solve(p);
  BOOST_REQUIRE(r.status == lp::Status::optimal);
  BOOST_TEST(r.value == q(14, 5));
  BOOST_TEST(r.point[0] == q(8, 5));
  BOOST_TEST(r.point[1] == q(6, 5));
  BOOST_TEST(r.multipliers[2] == q(2, 5));
  BOOST_TEST(r.multipliers[3] == q(1, 5));
  BOOST_TEST((combination_constant(p, r.multipliers, true) == std::optional<Rational>(q(14, 5))));
  // A seeded bug: a multiplier off by 1/5 no longer cancels the objective.
  std::vector<Rational> wrong = r.multipliers;
  wrong[3] += q(1, 5);
  BOOST_TEST(!combination_constant(p, wrong, true).has_value());
}

BOOST_AUTO_TEST_CASE(equalities_and_a_minimisation) {
  // min x (max -x)  s.t.  x + y = 1,  y <= 1/3 (1/3 - y >= 0): x = 2/3.
  lp::Program p;
  p.variables = 2;
  p.rows = {row2(-1, 1, 1, true), row2(q(1, 3), 0, -1)};
  p.objective = {-1, 0};
  const lp::Result r = lp::solve(p);
  BOOST_REQUIRE(r.status == lp::Status::optimal);
  BOOST_TEST(r.value == q(-2, 3));
  BOOST_TEST(r.point[0] == q(2, 3));
  BOOST_TEST((combination_constant(p, r.multipliers, true) == std::optional<Rational>(q(-2, 3))));
}

BOOST_AUTO_TEST_CASE(infeasible_program_has_a_farkas_certificate) {
  // x >= 1 and x <= 0: (x - 1) + (0 - x) = -1.
  lp::Program p;
  p.variables = 1;
  p.rows = {lp::Row{Rational(-1), {{0, Rational(1)}}, false}, lp::Row{Rational(0), {{0, Rational(-1)}}, false}};
  p.objective = {1};
  const lp::Result r = lp::solve(p);
  BOOST_REQUIRE(r.status == lp::Status::infeasible);
  BOOST_TEST(r.multipliers[0] == 1);
  BOOST_TEST(r.multipliers[1] == 1);
  BOOST_TEST((combination_constant(p, r.multipliers, false) == std::optional<Rational>(Rational(-1))));
  // Infeasible with an objective that is also unbounded in direction: still infeasible.
  p.rows.push_back(lp::Row{Rational(0), {{0, Rational(1)}}, false});
  BOOST_TEST((lp::solve(p).status == lp::Status::infeasible));
}

BOOST_AUTO_TEST_CASE(unbounded_program_has_a_ray) {
  // max x + y  s.t.  x >= 0, y >= 0, y - x <= 1.
  lp::Program p;
  p.variables = 2;
  p.rows = {row2(0, 1, 0), row2(0, 0, 1), row2(1, 1, -1)};
  p.objective = {1, 1};
  const lp::Result r = lp::solve(p);
  BOOST_REQUIRE(r.status == lp::Status::unbounded);
  for (const lp::Row& row : p.rows) {
    BOOST_TEST(evaluate(row, r.point) >= 0);
    BOOST_TEST(evaluate(row, r.direction, false) >= 0);
  }
  BOOST_TEST(r.direction[0] + r.direction[1] == 1);
}

BOOST_AUTO_TEST_CASE(out_of_range_variable_is_refused) {
  lp::Program p;
  p.variables = 1;
  p.rows = {lp::Row{Rational(0), {{3, Rational(1)}}, false}};
  BOOST_CHECK_THROW(lp::solve(p), std::invalid_argument);
}

// Random programs in two variables inside the box |z| <= 5 (so bounded), against every vertex:
// the intersections of two rows' lines that satisfy all rows. The optimum of a bounded, feasible
// program in the plane is attained at such a vertex; no vertex means infeasible.
BOOST_AUTO_TEST_CASE(random_programs_against_vertex_enumeration) {
  std::mt19937 rng(20261204);
  std::uniform_int_distribution<int> coefficient(-4, 4);
  int infeasible = 0, optimal = 0;
  for (int instance = 0; instance < 150; ++instance) {
    lp::Program p;
    p.variables = 2;
    p.rows = {row2(5, -1, 0), row2(5, 1, 0), row2(5, 0, -1), row2(5, 0, 1)};
    const int extra = 2 + instance % 4;
    for (int k = 0; k < extra; ++k)
      p.rows.push_back(row2(coefficient(rng), coefficient(rng), coefficient(rng), instance % 7 == 0 && k == 0));
    p.objective = {Rational(coefficient(rng)), Rational(coefficient(rng))};

    std::optional<Rational> best;
    for (std::size_t a = 0; a < p.rows.size(); ++a)
      for (std::size_t b = a + 1; b < p.rows.size(); ++b) {
        const auto& ra = p.rows[a];
        const auto& rb = p.rows[b];
        const Rational a0 = ra.terms[0].second, a1 = ra.terms[1].second, b0 = rb.terms[0].second,
                       b1 = rb.terms[1].second;
        const Rational det = a0 * b1 - a1 * b0;
        if (det == 0) continue;
        // a0 x + a1 y = -ca, b0 x + b1 y = -cb
        const std::vector<Rational> z{(-ra.constant * b1 + rb.constant * a1) / det,
                                      (-a0 * rb.constant + b0 * ra.constant) / det};
        bool ok = true;
        for (const lp::Row& row : p.rows) {
          const Rational v = evaluate(row, z);
          ok = ok && (row.equality ? v == 0 : v >= 0);
        }
        if (!ok) continue;
        const Rational value = p.objective[0] * z[0] + p.objective[1] * z[1];
        if (!best || value > *best) best = value;
      }
    const lp::Result r = lp::solve(p);
    if (!best) {
      ++infeasible;
      BOOST_TEST_REQUIRE((r.status == lp::Status::infeasible), "instance " << instance);
      BOOST_TEST((combination_constant(p, r.multipliers, false) == std::optional<Rational>(Rational(-1))));
    } else {
      ++optimal;
      BOOST_TEST_REQUIRE((r.status == lp::Status::optimal), "instance " << instance);
      BOOST_TEST(r.value == *best, "instance " << instance);
      BOOST_TEST((combination_constant(p, r.multipliers, true) == std::optional<Rational>(*best)));
    }
  }
  // Both kinds occur, so both paths were compared.
  BOOST_TEST(infeasible > 5);
  BOOST_TEST(optimal > 5);
}

BOOST_AUTO_TEST_SUITE_END()
