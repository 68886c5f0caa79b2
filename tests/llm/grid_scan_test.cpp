// The exact vertex-grid scan of llm.prop1 / llm.necessity (proofs/llm/model/grid_scan.hpp: linear
// forms in the grid constants, orbits of exchangeable agents) against the reference,
// scan_vertex_grid<Algebraic> (eq. (2) at every point in qqbar): counts, minimum and minimiser
// identical on every committed case whose claims scan the grid, on small constructed instances
// (orbits against every ordered profile), on a hand-made grid whose constants are linearly
// dependent over Q (ties that only exact arithmetic decides), and a seeded wrong orbit size that
// the comparison must catch. Also the class-by-class expectation over who is above a price (the
// interim allocations q_i of many identical agents) against the sum over every subset.
#include "mechcheck/cases/case.hpp"
#include "llm/model/grid_scan.hpp"

#include "fixtures.hpp"
#include "support/simulated_team.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <tbb/global_control.h>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::llm_tests::cases_dir;
using testing::llm_tests::q;

bool same_scan(const GridScan<Algebraic>& a, const GridScan<Algebraic>& b) {
  return a.negative == b.negative && a.zero == b.zero && a.positive == b.positive && a.undecided == b.undecided &&
         a.minimum.has_value() == b.minimum.has_value() && (!a.minimum || *a.minimum == *b.minimum) &&
         a.argmin == b.argmin;
}

std::string describe(const GridScan<Algebraic>& s) {
  std::string argmin;
  for (auto i : s.argmin) argmin += std::to_string(i) + " ";
  return "neg " + std::to_string(s.negative) + ", zero " + std::to_string(s.zero) + ", pos " +
         std::to_string(s.positive) + ", undecided " + std::to_string(s.undecided) + ", min " +
         (s.minimum ? s.minimum->to_string(20) : "none") + ", argmin [ " + argmin + "]";
}

// The fast scan, with orbits and over every ordered profile, against the reference.
void expect_agrees_with_reference(const VertexGrid& grid, const std::string& what) {
  const auto reference = scan_vertex_grid<Algebraic>(grid);
  ExactScanWork work;
  const auto by_orbits = scan_vertex_grid_exact(grid, {}, &work);
  ExactScanOptions every_point;
  every_point.symmetry = GridSymmetry::every_point;
  const auto by_points = scan_vertex_grid_exact(grid, every_point);
  BOOST_TEST(!work.reference_fallback, what);
  BOOST_TEST(work.profiles == exact_scan_size(grid), what);
  BOOST_TEST(same_scan(by_orbits, reference),
             what << ": orbits " << describe(by_orbits) << " vs reference " << describe(reference));
  BOOST_TEST(same_scan(by_points, reference),
             what << ": every point " << describe(by_points) << " vs reference " << describe(reference));
}

Economy economy(const Rational& lo, const Rational& hi,
                const std::vector<std::pair<Rational, PiecewisePolynomial>>& agents) {
  Economy e;
  e.lo = lo;
  e.hi = hi;
  for (const auto& [k, cdf] : agents) e.agents.push_back({k, cdf, "constructed"});
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_grid_scan)

BOOST_AUTO_TEST_CASE(fast_scan_equals_reference_on_every_committed_case_that_scans) {
  // Every case file with an expectation for llm.prop1 or llm.necessity (the claims that scan the
  // grid), whatever its verdict: the grid of its holdings, as the checkers build it. The reference
  // costs a qqbar evaluation of eq. (2) per point (about 26 s for 3^7 points at a degree-6 worst-off
  // type), so it runs on grids of at most 1000 points; larger committed grids (the targets of the
  // exact scan) compare orbits with every ordered profile up to 10^5 points, and beyond that (3^30
  // points) check that the orbits cover the grid.
  std::size_t against_reference = 0, against_every_point = 0;
  for (const auto& entry : std::filesystem::directory_iterator(cases_dir)) {
    if (entry.path().extension() != ".toml") continue;
    const Case c = builtin_papers().load_case(entry.path().string());
    bool scans = false;
    for (const auto& x : c.expectations) scans = scans || x.claim == "llm.prop1" || x.claim == "llm.necessity";
    if (!scans) continue;
    const Economy& e = c.model_data<Economy>();
    const VertexGrid grid = vertex_grid(e, holdings(e));
    const std::string name = entry.path().filename().string();
    if (grid.point_count() <= 1000) {
      expect_agrees_with_reference(grid, name);
      ++against_reference;
      continue;
    }
    const auto by_orbits = scan_vertex_grid_exact(grid);
    BOOST_TEST(by_orbits.negative + by_orbits.zero + by_orbits.positive == grid.point_count(), name);
    if (grid.point_count() <= 100000) {
      ExactScanOptions every_point;
      every_point.symmetry = GridSymmetry::every_point;
      const auto by_points = scan_vertex_grid_exact(grid, every_point);
      BOOST_TEST(same_scan(by_orbits, by_points),
                 name << ": orbits " << describe(by_orbits) << " vs every point " << describe(by_points));
      ++against_every_point;
    }
  }
  BOOST_TEST(against_reference >= 13u);   // the committed cases of llm.prop1 and llm.necessity
  BOOST_TEST(against_every_point >= 2u);  // uniform n = 10, three CDFs n = 8
}

// ---- orbits against every ordered profile, and both against the reference, on small instances

BOOST_AUTO_TEST_CASE(symmetric_agents_at_r_star) {
  // One class of n agents: C(n + 2, 2) orbits for 3^n profiles.
  for (int n = 2; n <= 5; ++n) {
    Economy e =
        economy(0, 1, std::vector<std::pair<Rational, PiecewisePolynomial>>(n, {Rational(1), uniform_cdf(0, 1)}));
    expect_agrees_with_reference(vertex_grid(e, r_star(e)), "uniform n = " + std::to_string(n));
  }
}

BOOST_AUTO_TEST_CASE(different_cdfs_with_a_common_worst_off_type_form_one_class) {
  // Exchangeability is decided on the grid (equal k_i and hat_i), not on the CDFs: at r* the
  // worst-off type is common, so agents with F = t^2, t^3, t are one class.
  Economy e = economy(0, 1, {{1, power_cdf(0, 1, 2)}, {1, power_cdf(0, 1, 3)}, {1, uniform_cdf(0, 1)}});
  const auto grid = vertex_grid(e, r_star(e));
  BOOST_TEST(exchangeable_classes(grid).size() == 1u);
  expect_agrees_with_reference(grid, "t^2, t^3, t");
}

BOOST_AUTO_TEST_CASE(unequal_demands_split_the_classes) {
  // Figure 1's k = (1/3, 2/3, 2/3): classes {1}, {2, 3}.
  Economy fig = economy(
      0, 1,
      {{Rational(1, 3), uniform_cdf(0, 1)}, {Rational(2, 3), uniform_cdf(0, 1)}, {Rational(2, 3), uniform_cdf(0, 1)}});
  const auto fig_grid = vertex_grid(fig, r_star(fig));
  BOOST_TEST(exchangeable_classes(fig_grid).size() == 2u);
  expect_agrees_with_reference(fig_grid, "Figure 1");
  // Interleaved classes {1, 3}, {2}, {4} by k = (1/2, 1/3, 1/2, 3/4) at r* (the orbit's first point
  // must interleave them as the odometer does).
  Economy e = economy(0, 1,
                      {{Rational(1, 2), uniform_cdf(0, 1)},
                       {Rational(1, 3), uniform_cdf(0, 1)},
                       {Rational(1, 2), uniform_cdf(0, 1)},
                       {Rational(3, 4), uniform_cdf(0, 1)}});
  const auto grid = vertex_grid(e, r_star(e));
  BOOST_TEST(exchangeable_classes(grid).size() == 3u);
  expect_agrees_with_reference(grid, "classes {1, 3}, {2}, {4}");
}

BOOST_AUTO_TEST_CASE(distinct_worst_off_types_and_a_negative_support) {
  // Explicit holdings with distinct worst-off types (llm.necessity's setting), with a negative
  // support (the constant 0 joins the grid) and a deficit.
  Economy e =
      economy(-1, 1, std::vector<std::pair<Rational, PiecewisePolynomial>>(3, {Rational(1), uniform_cdf(-1, 1)}));
  expect_agrees_with_reference(vertex_grid(e, {q(1, 2), q(1, 2), q(0, 1)}), "support [-1, 1], r = (1/2, 1/2, 0)");
  // Agents 1 and 3 have the same CDF and k but different holdings, so different worst-off types:
  // no two agents are exchangeable.
  Economy f = economy(0, 1, {{1, uniform_cdf(0, 1)}, {1, power_cdf(0, 1, 2)}, {1, uniform_cdf(0, 1)}});
  const auto grid = vertex_grid(f, {q(1, 2), q(1, 4), q(1, 4)});
  BOOST_TEST(exchangeable_classes(grid).size() == 3u);
  expect_agrees_with_reference(grid, "r = (1/2, 1/4, 1/4)");
}

BOOST_AUTO_TEST_CASE(ties_between_dependent_constants_are_decided_exactly) {
  // A hand-made grid whose irrational constants a = 1 - 1/sqrt(2) and b = 1/sqrt(2) sum to 1, with
  // worst-off types (b, a) and outside quantities (1, 1), so S = a + b = 1: a linear form such as
  // a + b - 1 is exactly 0 with nonzero coefficients, which no enclosure decides (qqbar does).
  // The formula is eq. (2), for which any constants and worst-off types will do.
  const Algebraic b = Algebraic::real_roots({Rational(-1, 2), 0, 1}).back();
  const Algebraic a = Algebraic(1) - b;
  VertexGrid grid;
  grid.constants = {Algebraic(0), a, b, Algebraic(1)};
  grid.constant_rank = rank_values(grid.constants);
  grid.dimension = 2;
  grid.k = {Rational(1), Rational(1)};
  grid.hat_index = {2, 1};
  grid.outside = {q(1, 1), q(1, 1)};
  expect_agrees_with_reference(grid, "a + b = 1");
  ExactScanWork work;
  const auto scan = scan_vertex_grid_exact(grid, {}, &work);
  BOOST_TEST(work.exact_decisions > 0u);
  BOOST_TEST(scan.zero == 2u);
  BOOST_TEST(*scan.minimum == -b);  // at theta = (0, b): W(b, b) + W(0, a) - W(0, b) - 1
}

BOOST_AUTO_TEST_CASE(orbit_sizes_are_multinomial_coefficients) {
  BOOST_TEST(orbit_size({{2, 1, 0}}) == 3u);
  BOOST_TEST(orbit_size({{1, 1, 1}}) == 6u);
  BOOST_TEST(orbit_size({{1, 1}, {0, 2}}) == 2u);
  BOOST_TEST(orbit_size({{10, 10, 10}}) == 5550996791340ull);      // 30! / (10!)^3
  BOOST_TEST(orbit_size({{30, 30, 0}}) == 118264581564861424ull);  // C(60, 30)
  BOOST_TEST(orbit_size({{70, 70, 0}}) == ~0ull);                  // C(140, 70) > 2^64: saturates
  // The orbits of n symmetric agents over m constants cover the m^n profiles once each.
  Economy e = economy(0, 1, std::vector<std::pair<Rational, PiecewisePolynomial>>(6, {Rational(1), uniform_cdf(0, 1)}));
  const auto grid = vertex_grid(e, r_star(e));
  BOOST_TEST(exact_scan_size(grid) == 28u);  // C(6 + 2, 2) multisets
  BOOST_TEST(exact_scan_size(grid, GridSymmetry::every_point) == 729u);
  const auto scan = scan_vertex_grid_exact(grid);
  BOOST_TEST(scan.negative + scan.zero + scan.positive == 729u);
}

BOOST_AUTO_TEST_CASE(any_split_among_processes_and_threads_gives_the_same_scan) {
  // The orbits are numbered in the odometer's order and split into blocks that start anywhere in
  // it (OrbitNumbering::unrank): among 1-4 simulated processes, each on 1 or 2 threads, the scan
  // must equal the one-process scan -- counts, minimum and minimiser -- on grids with one class,
  // several classes and more blocks than orbits per process.
  std::vector<std::pair<std::string, VertexGrid>> grids;
  Economy uniform =
      economy(0, 1, std::vector<std::pair<Rational, PiecewisePolynomial>>(7, {Rational(1), uniform_cdf(0, 1)}));
  grids.emplace_back("uniform n = 7", vertex_grid(uniform, r_star(uniform)));
  Economy mixed = economy(0, 1,
                          {{Rational(1, 2), uniform_cdf(0, 1)},
                           {Rational(1, 3), uniform_cdf(0, 1)},
                           {Rational(1, 2), power_cdf(0, 1, 2)},
                           {Rational(3, 4), uniform_cdf(0, 1)},
                           {Rational(1, 2), uniform_cdf(0, 1)}});
  grids.emplace_back("classes {1, 3, 5}, {2}, {4}", vertex_grid(mixed, r_star(mixed)));
  for (const auto& [what, grid] : grids) {
    const auto alone = scan_vertex_grid_exact(grid);
    for (int threads : {1, 2}) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      for (int size = 1; size <= 4; ++size) {
        const auto team = testing::run_as_team<GridScan<Algebraic>>(size, [&](const Team& t) {
          ExactScanOptions options;
          options.team = t;
          return scan_vertex_grid_exact(grid, options);
        });
        for (int b = 0; b < size; ++b) {
          BOOST_TEST_REQUIRE(!team.failures[b]);
          BOOST_TEST(same_scan(team.results[b], alone), what << ", " << size << " processes x " << threads
                                                             << " threads, member " << b << ": "
                                                             << describe(team.results[b]) << " vs " << describe(alone));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(seeded_bug_wrong_orbit_size_is_caught) {
  // Bug: every orbit counted once (its representative) instead of by its size. The minimum and the
  // minimiser survive it; the counts do not, and the comparison with the reference sees it.
  Economy e = economy(0, 1, std::vector<std::pair<Rational, PiecewisePolynomial>>(4, {Rational(1), uniform_cdf(0, 1)}));
  const auto grid = vertex_grid(e, r_star(e));
  const auto reference = scan_vertex_grid<Algebraic>(grid);
  ExactScanOptions bug;
  bug.orbit_size = [](const OrbitMultiplicities&) { return 1ull; };
  BOOST_TEST(!same_scan(scan_vertex_grid_exact(grid, bug), reference));
  // Bug: the multinomial of the first class only (a product over classes cut short), on Figure 1's
  // two classes.
  Economy fig = economy(
      0, 1,
      {{Rational(1, 3), uniform_cdf(0, 1)}, {Rational(2, 3), uniform_cdf(0, 1)}, {Rational(2, 3), uniform_cdf(0, 1)}});
  const auto fig_grid = vertex_grid(fig, r_star(fig));
  bug.orbit_size = [](const OrbitMultiplicities& m) { return orbit_size({m.front()}); };
  BOOST_TEST(!same_scan(scan_vertex_grid_exact(fig_grid, bug), scan_vertex_grid<Algebraic>(fig_grid)));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(llm_expectation_by_classes)

// expectation_over_who_is_above counts the subsets of identically distributed agents with equal
// k_j by binomial coefficients; the reference enumerates them. Both sums are exact, so the
// piecewise polynomials must be identical, piece by piece.
namespace {

void expect_same_expectation(const Economy& e, const std::string& what) {
  const auto capped = [](const Rational& x) { return std::min(Rational(1), x); };
  for (std::size_t i = 0; i < e.size(); ++i) {
    std::vector<std::size_t> others;
    for (std::size_t j = 0; j < e.size(); ++j)
      if (j != i) others.push_back(j);
    const Rational k_i = e.agents[i].k;
    const auto served = [&](const Rational& above) {
      return above >= 1 ? Rational(0) : std::min(k_i, Rational(1 - above));
    };
    for (const auto& [among, payoff] :
         std::vector<std::pair<std::vector<std::size_t>, std::function<Rational(const Rational&)>>>{{others, served},
                                                                                                    {others, capped}}) {
      const PiecewisePolynomial by_classes = expectation_over_who_is_above(e, among, payoff);
      const PiecewisePolynomial by_subsets = expectation_over_who_is_above_by_subsets(e, among, payoff);
      BOOST_TEST((by_classes.breaks() == by_subsets.breaks()), what << ", agent " << i + 1);
      BOOST_TEST((by_classes.pieces() == by_subsets.pieces()), what << ", agent " << i + 1);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(classes_equal_subsets_on_constructed_economies) {
  expect_same_expectation(
      economy(0, 1, std::vector<std::pair<Rational, PiecewisePolynomial>>(6, {Rational(1), uniform_cdf(0, 1)})),
      "6 uniform agents, k = 1");
  expect_same_expectation(
      economy(0, 1, std::vector<std::pair<Rational, PiecewisePolynomial>>(5, {Rational(1, 3), uniform_cdf(0, 1)})),
      "5 uniform agents, k = 1/3");
  Economy e;
  e.lo = -1;
  e.hi = 2;
  e.agents.push_back({Rational(1, 2), uniform_cdf(-1, 2), "uniform"});
  e.agents.push_back({Rational(1, 2), power_cdf(-1, 2, 2), "t^2"});
  e.agents.push_back({Rational(1, 2), uniform_cdf(-1, 2), "uniform"});
  e.agents.push_back({Rational(2, 3), uniform_cdf(-1, 2), "uniform"});  // same F, other k
  e.agents.push_back({Rational(1, 2), histogram_cdf(-1, 2, {Rational(1, 4), Rational(3, 4)}), "histogram"});
  e.agents.push_back({Rational(1, 2), power_cdf(-1, 2, 2), "t^2"});
  expect_same_expectation(e, "mixed CDFs and demands on [-1, 2]");
}

BOOST_AUTO_TEST_CASE(classes_equal_subsets_on_every_committed_case) {
  std::size_t compared = 0;
  for (const auto& path : find_case_files({std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm"})) {
    const Economy e = testing::model_of<Economy>(path);
    if (e.size() > 12) continue;  // 2^11 subsets per agent at most
    expect_same_expectation(e, path);
    ++compared;
  }
  BOOST_TEST(compared >= 50u);
}

BOOST_AUTO_TEST_SUITE_END()
