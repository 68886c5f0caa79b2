// llm.eq2 — Section 3: the VCG transfers T_{r,i} have budget surplus eq. (2), are dominant-
// strategy incentive compatible and interim individually rational.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"

#include <stdexcept>

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

// hat_i as the grid holds them, and their ranks among the grid's values.
std::vector<Algebraic> worst_off_types_of(const VertexGrid& grid) {
  std::vector<Algebraic> hat;
  for (std::size_t i = 0; i < grid.dimension; ++i) hat.push_back(grid.constants[grid.hat_index[i]]);
  return hat;
}
std::vector<long> worst_off_ranks_of(const VertexGrid& grid) {
  std::vector<long> rank;
  for (std::size_t i = 0; i < grid.dimension; ++i) rank.push_back(grid.constant_rank[grid.hat_index[i]]);
  return rank;
}

// The VCG transfers T_{r,i} of Section 3 on the grid.
TransferRule vcg_transfers(const VertexGrid& grid) {
  return [&grid, hat = worst_off_types_of(grid), hat_rank = worst_off_ranks_of(grid)](
             const std::vector<Algebraic>& theta, const Ranking& rank, std::size_t i) {
    return vcg_transfer(theta, rank, i, hat[i], hat_rank[i], grid.k, grid.outside[i]);
  };
}

class Eq2 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.eq2",
        "Section 3: transfers T_{r,i}, eq. (2), footnote 7",
        "With T_{r,i}(theta) = Q_i theta_i - W(theta) + W(hat_i, theta_-i) - min(r_i,k_i) hat_i, the budget "
        "surplus sum_i T_{r,i} equals eq. (2); truth-telling is a dominant strategy; and every type's interim "
        "payoff is at least its outside option min(r_i,k_i) theta_i.",
        {},
        "On the type grid {lo + j (hi - lo)/type_grid} plus the worst-off types (and 0 if lo < 0), exactly: at "
        "every profile the sum of the transfers is compared with eq. (2) evaluated independently; every agent's "
        "every misreport on the grid is compared with truth-telling (ex post, against every profile of the "
        "others); the interim payoff net of the outside option is computed at every grid type from the transfers "
        "(welfare differences, layer-cake expectations) and must be >= 0 (and equal eq. (10)'s envelope formula: a "
        "disagreement is reported as an error).",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_eq2(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const auto r = holdings(e);
    std::vector<Rational> steps;
    for (unsigned j = 0; j <= e.type_grid; ++j) steps.push_back(e.lo + (e.hi - e.lo) * Rational(j, e.type_grid));
    const VertexGrid grid = vertex_grid(e, r, steps);
    const std::vector<Algebraic> hat = worst_off_types_of(grid);
    value_indexed(check, "r", r);
    value_indexed(check, "hat_theta", hat);

    // Budget surplus (2) and dominant strategies, ex post at every profile of the grid.
    const Judgement ex_post = judge_transfers(grid, vcg_transfers(grid), check);
    if (!ex_post.holds) return check.refuted(ex_post.why);
    // Interim individual rationality at every grid type, two formulas.
    long long interim_points = 0;
    for (std::size_t i = 0; i < grid.dimension; ++i) {
      const PiecewisePolynomial q = interim_allocation(e, i);
      for (const auto& t : grid.constants) {
        if (t < Algebraic(e.lo) || t > Algebraic(e.hi)) continue;
        const Algebraic u = interim_payoff_vcg(e, i, grid.outside[i], hat[i], t);
        ++interim_points;
        // Eq. (10) is a second formula of the same payoff: a disagreement is a defect, not a refutation.
        if (u != interim_payoff_envelope(q, grid.outside[i], hat[i], t))
          throw std::logic_error("agent " + std::to_string(i + 1) + " of type " + t.to_string(12) +
                                 ": the interim payoff by the transfers, " + u.to_string(12) +
                                 ", differs from eq. (10)");
        if (check.sign(u) < 0) {
          check.witness("agent", static_cast<long long>(i + 1)).witness("type", t).witness("net_interim_payoff", u);
          return check.refuted("agent " + std::to_string(i + 1) + " of type " + t.to_string(12) +
                               " has net interim payoff " + u.to_string(12) + " < 0: below its outside option");
        }
      }
    }
    check.stat("grid_values", static_cast<long long>(grid.constants.size())).stat("interim_points", interim_points);
    return check.holds(ex_post.why + ", and interim IR holds at every grid type");
  }
};

}  // namespace

llm_detail::Judgement judge_transfers(const VertexGrid& grid, const TransferRule& transfer, Check& check) {
  const std::size_t n = grid.dimension, m = grid.constants.size();
  const unsigned long long profiles = grid.point_count();
  guard_enumeration_size(check.context(), profiles * (1 + n * m), "the profiles and misreports of the type grid");
  const std::vector<Algebraic> hat = worst_off_types_of(grid);
  const std::vector<long> hat_rank = worst_off_ranks_of(grid);
  check.decided_in<Algebraic>();  // the sums and the gains are compared exactly
  std::vector<std::size_t> point(n, 0);
  unsigned long long misreports = 0, visited = 0;
  while (true) {
    std::vector<Algebraic> theta;
    Ranking rank;
    for (auto index : point) {
      theta.push_back(grid.constants[index]);
      rank.push_back(grid.constant_rank[index]);
    }
    // Budget surplus: sum of transfers vs eq. (2).
    Algebraic total = 0;
    for (std::size_t i = 0; i < n; ++i) total += transfer(theta, rank, i);
    const Algebraic eq2 = budget_surplus(theta, rank, hat, hat_rank, grid.k, grid.outside);
    if (total != eq2) {
      witness_indexed(check, "theta", theta);
      check.witness("sum_of_transfers", total).witness("eq2", eq2);
      return {false, "the VCG transfers sum to " + total.to_string(12) + " but eq. (2) gives " + eq2.to_string(12) +
                         " at theta = " + list(theta)};
    }
    // Dominant strategies: no misreport on the grid beats the truth.
    const auto truthful_q = efficient_allocation(rank, grid.k);
    for (std::size_t i = 0; i < n; ++i) {
      const Algebraic truthful = theta[i] * Algebraic(truthful_q[i]) - transfer(theta, rank, i);
      for (std::size_t x = 0; x < m; ++x) {
        if (x == point[i]) continue;  // the truth
        std::vector<Algebraic> lie = theta;
        Ranking lie_rank = rank;
        lie[i] = grid.constants[x];
        lie_rank[i] = grid.constant_rank[x];
        const Algebraic gain =
            theta[i] * Algebraic(efficient_allocation(lie_rank, grid.k)[i]) - transfer(lie, lie_rank, i) - truthful;
        ++misreports;
        if (gain > Algebraic(0)) {
          witness_indexed(check, "theta", theta);
          check.witness("agent", static_cast<long long>(i + 1))
              .witness("misreport", grid.constants[x])
              .witness("gain", gain);
          return {false, "agent " + std::to_string(i + 1) + " gains " + gain.to_string(12) + " by reporting " +
                             grid.constants[x].to_string(12) + " at theta = " + list(theta)};
        }
      }
    }
    if (check.context().progress && (++visited & 63) == 0) check.context().report(double(visited) / double(profiles));
    std::size_t i = 0;
    while (i < n && ++point[i] == m) point[i++] = 0;
    if (i == n) break;
  }
  check.stat("profiles", static_cast<long long>(profiles)).stat("misreports", static_cast<long long>(misreports));
  return {true, "on " + std::to_string(profiles) + " grid profiles the transfers sum to eq. (2) and none of " +
                    std::to_string(misreports) + " misreports gains"};
}

std::unique_ptr<Claim> make_llm_eq2() { return std::make_unique<Eq2>(); }

}  // namespace mechcheck::proofs
