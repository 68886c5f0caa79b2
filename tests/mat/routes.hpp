#pragma once
// mat.theorem1's dominance computation by its two routes (claims.hpp: Route::classes, what the
// claims run, and Route::reference, every permutation and exact rationals), compared field by
// field. Shared by lottery_test.cpp and theorem1_test.cpp.
#include "mechcheck/cases/case.hpp"
#include "mat/claims/claims.hpp"
#include "mat/model/dominance.hpp"
#include "mat/model/lottery.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <optional>
#include <random>
#include <string>

namespace mechcheck::testing::mat_routes {

namespace t1 = mechcheck::proofs::mat_theorem1;
using mechcheck::mat::Economy;

// "" when the two routes give trader d the same results, field by field (everything the claims
// report or witness is a function of these), else the first field that differs.
inline std::string dominance_difference(const t1::TraderDominance& a, const t1::TraderDominance& b) {
  if (a.trader != b.trader || a.strategies != b.strategies || a.demand_functions != b.demand_functions)
    return "strategies";
  if (a.opponents.profiles != b.opponents.profiles || a.opponents.orbit_size != b.opponents.orbit_size)
    return "opponents' profiles";
  if (a.profiles_covered != b.profiles_covered || a.profiles_evaluated != b.profiles_evaluated) return "profile counts";
  if (a.allocations != b.allocations) return "allocations";
  if (a.payoffs.size() != b.payoffs.size() || a.payoffs.rationals() != b.payoffs.rationals()) return "payoffs";
  if (a.dominator != b.dominator) return "dominators";
  if (a.undominated != b.undominated) return "M*_i";
  if (a.price_taking != b.price_taking) return "D*_i";
  if (a.undominated_double != b.undominated_double) return "the double set";
  if (a.undominated_mixed != b.undominated_mixed) return "the mixed set";
  if (a.mixed.size() != b.mixed.size()) return "mixed results";
  for (std::size_t s = 0; s < a.mixed.size(); ++s)
    if (a.mixed[s].dominated != b.mixed[s].dominated || a.mixed[s].delta != b.mixed[s].delta ||
        a.mixed[s].sigma != b.mixed[s].sigma)
      return "mixed result of strategy " + std::to_string(s);
  for (std::size_t s : a.undominated)
    if (non_dominance_certificate(a.payoffs, a.strategies, a.profiles_evaluated, s) !=
        non_dominance_certificate(b.payoffs, b.strategies, b.profiles_evaluated, s))
      return "the certificate of strategy " + std::to_string(s);
  return "";
}

// Both routes for every trader a dominance claim checks; "" when all agree. An error (e.g. an
// infeasible allocation) must be the same error by both routes.
inline std::string routes_difference(const Economy& e) {
  const CheckContext context;
  for (int i : t1::traders_to_check(e)) {
    std::string error_classes, error_reference;
    std::optional<t1::TraderDominance> classes, reference;
    try {
      classes = t1::undominated_strategies(e, i, context, t1::Route::classes);
    } catch (const std::exception& error) {
      error_classes = error.what();
    }
    try {
      reference = t1::undominated_strategies(e, i, context, t1::Route::reference);
    } catch (const std::exception& error) {
      error_reference = error.what();
    }
    if (error_classes != error_reference) return "errors differ: '" + error_classes + "' / '" + error_reference + "'";
    if (!classes) continue;
    const std::string diff = dominance_difference(*classes, *reference);
    if (!diff.empty()) return "trader " + std::to_string(i + 1) + ": " + diff;
  }
  return "";
}

inline bool checks_dominance(const Case& c) {
  for (const auto& x : c.expectations)
    if (x.claim == "mat.theorem1" || x.claim == "mat.remark3" || x.claim == "mat.necessity") return true;
  return false;
}

// The allocations the reference route computes for every trader a dominance claim checks:
// |D| x (opponents' profiles) x N! (1 + |P|) each.
inline double reference_allocations(const Economy& e) {
  const double S = static_cast<double>(mat::demand_function_count(e.grid));
  double total = 0;
  for (int i : t1::traders_to_check(e))
    total += S *
             static_cast<double>(
                 mat::count_opponent_profiles(e, i, mat::demand_function_count(e.grid), e.dominance.symmetry)) *
             static_cast<double>(mat::factorial(e.trader_count()) * (1 + e.grid.price_count()));
  return total;
}

// For an economy too large for the reference route: the lottery's counts against outcome_counts
// on `samples` uniformly drawn profiles (mt19937, seed 1) per trader checked; "" when all agree.
inline std::string sampled_counts_difference(const Economy& e, int samples) {
  std::vector<mat::DemandFunction> D;
  for (std::uint64_t s = 0; s < mat::demand_function_count(e.grid); ++s) D.push_back(mat::demand_function(e.grid, s));
  std::mt19937 random(1);
  std::uniform_int_distribution<std::size_t> pick(0, D.size() - 1);
  for (int i : t1::traders_to_check(e)) {
    const mat::TraderLottery lottery(e, i);
    mat::TraderLottery::Scratch scratch = lottery.scratch();
    mat::Profile profile(e.trader_count());
    mat::OutcomeCounts fast;
    for (int x = 0; x < samples; ++x) {
      for (auto& d : profile) d = &D[pick(random)];
      if (!lottery.count(profile, fast, scratch)) return "trader " + std::to_string(i + 1) + ": infeasible";
      const mat::OutcomeCounts reference = mat::outcome_counts(e, i, profile);
      if (fast.rule1 != reference.rule1 || fast.rule2 != reference.rule2)
        return "trader " + std::to_string(i + 1) + ": counts differ on sample " + std::to_string(x);
    }
  }
  return "";
}

}  // namespace mechcheck::testing::mat_routes
