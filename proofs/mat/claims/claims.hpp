#pragma once
// Checkers of the mat claims (Matsushima 2005, random grouping).
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/registry.hpp"
#include "mat/model/dominance.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs {

namespace mat_example {
std::unique_ptr<Claim> make_claim();
}
namespace mat_feasibility {
std::unique_ptr<Claim> make_claim();
}
namespace mat_properties {
std::unique_ptr<Claim> make_claim();
}
namespace mat_remark3 {
std::unique_ptr<Claim> make_claim();
}
namespace mat_convergence {
std::unique_ptr<Claim> make_claim();
}
namespace mat_theorem2 {
std::unique_ptr<Claim> make_claim();
}
namespace mat_necessity {
std::unique_ptr<Claim> make_claim();
}

// mat.theorem1 (and, with other hypotheses, mat.remark3 and mat.necessity): M*_i computed by
// brute force from G*'s expected utilities, compared as a set with D*_i.
namespace mat_theorem1 {

struct TraderDominance {
  int trader = 0;                // 0-based
  std::uint64_t strategies = 0;  // |D|
  std::vector<mat::DemandFunction> demand_functions;
  std::vector<std::size_t> undominated;               // M*_i (pure dominance, exact)
  std::vector<std::size_t> price_taking;              // D*_i
  std::vector<std::optional<std::size_t>> dominator;  // exact pure dominator per strategy
  std::vector<std::size_t> undominated_double;        // M*_i with every utility and comparison in double
  std::vector<std::size_t> undominated_mixed;         // when mixed dominance was asked for
  std::vector<mat::MixedDominance> mixed;             // per strategy (empty unless asked)
  std::uint64_t profiles_covered = 0;                 // |D|^N strategy profiles (own x ordered opponents')
  std::uint64_t profiles_evaluated = 0;               // after the orbit reduction
  std::uint64_t allocations = 0;                      // (phi, p, rule) allocations computed
  mat::ExactPayoffs payoffs;                          // U[s * profiles + o], exact
  mat::OpponentProfiles opponents;
};

// How the payoffs are computed. `classes` (what the claims run): one representative permutation
// per class of G*'s lottery (mat/model/lottery.hpp, proof there) and the payoffs as scaled
// integers (dominance.hpp). `reference`: outcome_table over all N! permutations of every pair and
// payoff_table<Rational>, the straightforward computation the tests compare `classes` with.
enum class Route { classes, reference };

// The brute-force computation for one trader; honours the size guard of `context`. `lottery`
// (classes route only; default TraderLottery(e, trader)) lets a test seed wrong classes.
TraderDominance undominated_strategies(const mat::Economy& e, int trader, const CheckContext& context,
                                       Route route = Route::classes, const mat::TraderLottery* lottery = nullptr);

// The traders a dominance claim checks: the case's [mat.dominance] traders, or the first
// trader of each type (equal endowment and utility: interchangeable, so M*_i is the same).
std::vector<int> traders_to_check(const mat::Economy& e);

// M*_i and D*_i of every trader to check (traders_to_check), in that order; the progress of
// `context` runs over all of them.
std::vector<TraderDominance> dominance_by_trader(const mat::Economy& e, const CheckContext& context,
                                                 Route route = Route::classes);

// The largest set that a report lists element by element (M*_i, D*_i): 64 demand functions of,
// say, 5 prices print in about a thousand characters; a larger set is reported by its size.
inline constexpr std::size_t listed_set_cap = 64;

// A set as a report value: "{a, b, c}", the elements in the order given (for demand functions
// the order of D: lexicographic in (d(p_0), d(p_1), ...), prices and bundles in Grid's order, each
// printed by demand_text as [d(p_0),...]); "omitted (N elements)" above listed_set_cap; "{}" when empty.
std::string set_listing(const std::vector<std::string>& elements);

// Records what mat.theorem1 reports beside its verdict: per trader |M*_i|, |D*_i|, M*_i and D*_i
// (set_listing, values M_star_trader_I and D_star_trader_I), the count found in double (and by
// mixed strategies when asked for), whether double agrees, and the enumeration's statistics.
void report_dominance(const mat::Economy& e, const std::vector<TraderDominance>& all, Check& check);

// Where M*_i and D*_i first differ: the trader (an index into dominance_by_trader's list) and
// either a surviving non-price-taking demand function (with how many survive) or a dominated
// price-taking one.
struct Mismatch {
  std::size_t trader = 0;
  bool survivor = false;      // strategy is in M*_i \ D*_i; else in D*_i \ M*_i
  std::size_t strategy = 0;   // the first such one
  std::size_t survivors = 0;  // |M*_i \ D*_i|
};
std::optional<Mismatch> first_mismatch(const std::vector<TraderDominance>& all);

// M*_i \ D*_i: the undominated demand functions that are not price-taking.
std::vector<std::size_t> surviving_not_price_taking(const TraderDominance& d);

// "M*_i = D*_i for ..." when there is no mismatch, else what differs; with the double-precision
// disagreement, if any, appended.
std::string comparison_summary(const mat::Economy& e, const std::vector<TraderDominance>& all,
                               const std::optional<Mismatch>& mismatch);

// The re-checkable witness of a mismatch: record_survivor's, or the trader, the dominated
// price-taking demand function and its dominator.
void record_mismatch(const mat::Economy& e, const TraderDominance& d, const Mismatch& mismatch, Check& check);

// "s (not optimal at p = ...)" for a demand function s of d that is not price-taking.
std::string survivor_text(const mat::Economy& e, const TraderDominance& d, std::size_t s);
// The witness of a surviving non-price-taking demand function s of d: the trader, s, a price
// where s(p) is not optimal, and for every other demand function an opponents' profile where it
// is not strictly better (re-checkable).
void record_survivor(const mat::Economy& e, const TraderDominance& d, std::size_t s, Check& check);

std::unique_ptr<Claim> make_claim();

}  // namespace mat_theorem1
}  // namespace mechcheck::proofs
