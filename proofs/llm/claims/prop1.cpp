// llm.prop1 — Proposition 1: with a common worst-off type, the VCG budget surplus Pi(theta, r)
// of eq. (2) is nonnegative at EVERY type profile (so the spot market operates, Lemma 2).
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "llm/model/grid_scan.hpp"
#include "mechcheck/cases/checker.hpp"

#include <algorithm>
#include <stdexcept>

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Prop1 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop1",
        "Proposition 1 (Section 4.1); proof in Appendix A.1, eqs. (6)-(7)",
        "If hat_theta_i(r_i) = hat_theta for all agents, then Pi(theta, r) >= 0 for every theta in [lo, hi]^n, "
        "so the spot market operates.",
        {{"common_worst_off", "all agents have the same worst-off type hat_theta_i(r_i) (Lemma 1's formula)",
          Necessity::counterexample, "cases/llm/llm.prop1-probe-drop-common-worst-off-seed-1.toml"}},
        "Exact proof for the instance over the whole type cube, not sampling. Pi(., r) depends on theta only "
        "through the ranking of theta's coordinates among themselves, the worst-off types and 0, and is linear "
        "on each cell of that arrangement; each closed cell is a polytope whose vertices have every coordinate in "
        "{lo, hat_1, ..., hat_n, 0 (if lo < 0), hi}. So the minimum over the cube is the minimum over that finite "
        "grid. There eq. (2) is a linear form with rational coefficients in the grid constants, evaluated once "
        "per orbit of exchangeable agents (equal k_i and worst-off type), each distinct form's sign decided by "
        "a rigorous enclosure and, where that cannot exclude 0, in exact algebraic arithmetic. Reports the minimum "
        "and how many grid points attain 0.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop1(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const auto r = holdings(e);
    const auto hat = worst_off_types(e, r);
    // Pi(theta, r) at the case's named profiles, whatever the verdict: they are quantities of the
    // instance that a case may assert, not part of the conclusion.
    report_surplus_profiles(e, r, check);
    check.decided_in<Algebraic>();  // the worst-off types are compared exactly
    check.hypothesis("common_worst_off", all_equal(hat), "worst-off types " + list(hat));
    if (!check.hypotheses_met()) return check.unmet();

    value_indexed(check, "r", r);
    if (all_equal(hat)) check.value("hat_theta", hat.front());
    else value_indexed(check, "hat_theta", hat);
    // Pi(., r) over the type cube is minimal at a point of the vertex grid (the proof's cells).
    const VertexGrid grid = vertex_grid(e, r);
    return judge_surplus_nonnegative(grid, scan_surplus(grid, check.context()), check);
  }
};

}  // namespace

std::vector<Algebraic> surplus_at_profiles(const Economy& e, const std::vector<Algebraic>& r,
                                           const CheckContext& context) {
  const auto& profiles = e.surplus_profiles;
  if (profiles.empty()) return {};
  guard_enumeration_size(context, profiles.size() * (e.size() + 1),
                         "the transfers of every agent at the profiles of [llm.surplus_grid]");
  // The profiles' types join the grid constants, so that each profile is ranked together with the
  // worst-off types on one scale (the VCG transfers compare theta_j with hat_i).
  std::vector<Rational> types;
  for (const auto& theta : profiles) types.insert(types.end(), theta.begin(), theta.end());
  const VertexGrid grid = vertex_grid(e, r, types);
  std::vector<Algebraic> hat;
  std::vector<long> hat_rank;
  for (std::size_t i = 0; i < grid.dimension; ++i) {
    hat.push_back(grid.constants[grid.hat_index[i]]);
    hat_rank.push_back(grid.constant_rank[grid.hat_index[i]]);
  }
  std::vector<Algebraic> surplus;
  for (const auto& profile : profiles) {
    std::vector<std::size_t> point;
    std::vector<Algebraic> theta;
    Ranking rank;
    for (const auto& t : profile) {
      const auto at = std::lower_bound(grid.constants.begin(), grid.constants.end(), Algebraic(t));
      point.push_back(static_cast<std::size_t>(at - grid.constants.begin()));
      theta.push_back(*at);
      rank.push_back(grid.constant_rank[point.back()]);
    }
    // The mechanism's budget surplus is what the agents pay it: sum_i T_{r,i}(theta) (Section 3).
    Algebraic paid = 0;
    for (std::size_t i = 0; i < grid.dimension; ++i)
      paid += vcg_transfer(theta, rank, i, hat[i], hat_rank[i], grid.k, grid.outside[i]);
    // Eq. (2) is the paper's closed form of that sum; llm.eq2 checks the identity on its grid, and
    // here a disagreement is a defect of this program, not a finding.
    const Algebraic closed_form = budget_surplus_at(grid, point);
    if (paid != closed_form)
      throw std::logic_error("at theta = " + list(theta) + " the VCG transfers sum to " + paid.to_string(12) +
                             " but eq. (2) gives " + closed_form.to_string(12));
    surplus.push_back(paid);
  }
  return surplus;
}

std::string profile_text(const std::vector<Rational>& theta) {
  std::string out;
  for (const auto& t : theta) out += (out.empty() ? "" : ", ") + to_string(t);
  return "(" + out + ")";
}

void report_surplus_profiles(const Economy& e, const std::vector<Algebraic>& r, Check& check) {
  const auto surplus = surplus_at_profiles(e, r, check.context());
  check.decided_in<Algebraic>();  // the two formulas of Pi are compared exactly
  for (std::size_t j = 0; j < surplus.size(); ++j) {
    const std::string index = std::to_string(j + 1);
    check.text("profile_" + index, profile_text(e.surplus_profiles[j]))
        .value("surplus_at_profile_" + index, surplus[j]);
  }
  if (!surplus.empty()) check.stat("surplus_profiles", static_cast<long long>(surplus.size()));
}

std::vector<Algebraic> surplus_minimizer(const VertexGrid& grid, const GridScan<Algebraic>& scan) {
  std::vector<Algebraic> theta;
  for (auto index : scan.argmin) theta.push_back(grid.constants[index]);
  return theta;
}

GridScan<Algebraic> scan_surplus(const VertexGrid& grid, const CheckContext& context) {
  // The exact scan by linear forms over orbits of exchangeable agents (grid_scan.hpp: the same
  // counts, minimum and minimiser as scan_vertex_grid<Algebraic>); the guard counts the
  // profiles it evaluates, one per orbit.
  // The counts of the report (points of each sign) are 64-bit: a grid of 2^64 points or more is
  // refused before any work, saying how large it is.
  if (grid.point_count() == ~0ull) {
    const unsigned long long m = grid.constants.size();
    int most = 0;  // the most agents whose m^n points fit: m^most < 2^64 - 1 (point_count's overflow mark)
    for (unsigned long long power = m; power < ~0ull / m; power *= m) ++most;
    throw TooLarge("the vertex grid has " + std::to_string(m) + "^" + std::to_string(grid.dimension) +
                   " points, 2^64 or more: its counts do not fit in 64 bits (with " + std::to_string(m) +
                   " grid constants, at most " + std::to_string(most + 1) + " agents)");
  }
  guard_enumeration_size(context, exact_scan_size(grid),
                         "the vertex grid of [lo, hi]^n, one profile per orbit of exchangeable agents,");
  ExactScanOptions options;
  options.progress = context.progress;
  options.team = context.team;
  return scan_vertex_grid_exact(grid, options);
}

std::string surplus_minimum_text(const VertexGrid& grid, const GridScan<Algebraic>& scan) {
  if (scan.negative == 0)
    return "Pi(theta, r) >= 0 on all of [lo, hi]^" + std::to_string(grid.dimension) + ": minimum " +
           scan.minimum->to_string(12) + " over " + std::to_string(grid.point_count()) +
           " vertex-grid points, attained at " + std::to_string(scan.zero) + " of them";
  return "Pi(theta, r) = " + scan.minimum->to_string(12) + " < 0 at theta = " + list(surplus_minimizer(grid, scan)) +
         " (" + std::to_string(scan.negative) + " of " + std::to_string(grid.point_count()) +
         " grid points are negative)";
}

void record_surplus_scan(const VertexGrid& grid, const GridScan<Algebraic>& scan, Check& check) {
  check.stat("grid_constants", static_cast<long long>(grid.constants.size()))
      .stat("points_evaluated", static_cast<long long>(grid.point_count()))
      .stat("points_negative", static_cast<long long>(scan.negative))
      .stat("points_zero", static_cast<long long>(scan.zero))
      .value("min_surplus", *scan.minimum);
}

Outcome judge_surplus_nonnegative(const VertexGrid& grid, const GridScan<Algebraic>& scan, Check& check) {
  record_surplus_scan(grid, scan, check);
  check.decided_in<Algebraic>();  // the scan decides the sign of Pi exactly at every grid point
  if (scan.negative == 0) {
    value_indexed(check, "theta_at_min", surplus_minimizer(grid, scan));
    return check.holds(surplus_minimum_text(grid, scan));
  }
  witness_indexed(check, "theta", surplus_minimizer(grid, scan));
  check.witness("Pi", *scan.minimum);
  return check.refuted(surplus_minimum_text(grid, scan));
}

std::unique_ptr<Claim> make_llm_prop1() { return std::make_unique<Prop1>(); }

}  // namespace mechcheck::proofs
