#pragma once
// The vertex-grid scan of llm.prop1 / llm.necessity, exactly, at near-float cost.
//
// scan_vertex_grid<Algebraic> (spot_market.hpp) evaluates eq. (2) at every grid point in
// Calcium's qqbar, where every + and * finds a new minimal polynomial. It stays the reference
// (and the scan of the interval, double and MPFR kinds). This scan computes the same GridScan
// from two reductions, each proved beside its code in grid_scan.cpp and tested against the
// reference (tests/llm/grid_scan_test.cpp):
//   1. Linear forms. At a grid point every theta_i is a grid constant and W is linear in theta
//      with rational weights fixed by the ranking, so Pi(theta, r) = sum_c a_c c - S with exact
//      rational a_c and one constant S = sum_i min(r_i, k_i) hat_i. The a_c are accumulated in
//      integers; the sign of each distinct form is decided once, from rigorous rational
//      enclosures of the irrational constants, and in exact arithmetic only where the enclosure
//      cannot exclude 0.
//   2. Orbits. Agents with equal k_i and equal worst-off type are exchangeable: Pi is symmetric
//      in their types. The scan enumerates one profile per orbit (a multiset of constants per
//      class of exchangeable agents), weighted by the orbit's size.
// Counts, minimum and minimiser are those of the reference: the minimiser is the first grid
// point, in the reference's odometer order, where Pi attains its minimum.
#include "llm/model/spot_market.hpp"
#include "mechcheck/claims/team.hpp"

#include <functional>
#include <vector>

namespace mechcheck::llm {

// Whether the scan may enumerate orbits of exchangeable agents (orbits) or must visit every
// ordered profile (every_point: the linear forms alone; for tests of the orbit reduction).
enum class GridSymmetry { orbits, every_point };

// The classes of agents that are exchangeable for Pi(., r) on the grid: equal k_i and equal
// worst-off type (the same grid constant). Each class lists agents in increasing index; the
// classes are ordered by their first agent. With every_point, every agent is its own class.
std::vector<std::vector<std::size_t>> exchangeable_classes(const VertexGrid& grid,
                                                           GridSymmetry symmetry = GridSymmetry::orbits);

// The number of profiles scan_vertex_grid_exact evaluates (one per orbit), for the size guard;
// ~0ull when that number does not fit.
unsigned long long exact_scan_size(const VertexGrid& grid, GridSymmetry symmetry = GridSymmetry::orbits);

// The orbit of a profile: for each class, how many of its agents sit at each grid constant
// (multiplicity[class][constant]).
using OrbitMultiplicities = std::vector<std::vector<unsigned>>;
// The number of ordered profiles in an orbit: the product over classes of the multinomial
// coefficient s! / prod_c multiplicity_c! (s the class's size). ~0ull when it does not fit.
unsigned long long orbit_size(const OrbitMultiplicities& multiplicities);

struct ExactScanOptions {
  GridSymmetry symmetry = GridSymmetry::orbits;
  std::function<void(double)> progress;
  // The orbit sizes the counts are weighted by; empty means orbit_size. Tests replace it with a
  // wrong one (a seeded bug) to see the comparison with the reference catch it.
  std::function<unsigned long long(const OrbitMultiplicities&)> orbit_size;
  // The processes the orbits are shared among (the check's team; one process by default).
  Team team;
};

// What the scan did, for tests and benchmarks.
struct ExactScanWork {
  unsigned long long profiles = 0;  // profiles evaluated (orbit representatives)
  std::size_t classes = 0;          // classes of exchangeable agents
  std::size_t distinct_forms = 0;   // distinct values of Pi as linear forms in the constants
  std::size_t exact_decisions = 0;  // signs the enclosures could not decide (qqbar)
  bool reference_fallback = false;  // the integer accumulation did not apply (huge denominators)
};

// The GridScan of scan_vertex_grid<Algebraic>: the same counts, minimum and argmin.
GridScan<Algebraic> scan_vertex_grid_exact(const VertexGrid& grid, const ExactScanOptions& options = {},
                                           ExactScanWork* work = nullptr);

}  // namespace mechcheck::llm
