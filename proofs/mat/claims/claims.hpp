#pragma once
// Checkers of the mat claims (Matsushima 2005, random grouping).
#include "mechcheck/claims/registry.hpp"
#include "mat/model/dominance.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mechcheck::proofs {

namespace mat_example { std::unique_ptr<Claim> make_claim(); }
namespace mat_feasibility { std::unique_ptr<Claim> make_claim(); }
namespace mat_properties { std::unique_ptr<Claim> make_claim(); }
namespace mat_remark3 { std::unique_ptr<Claim> make_claim(); }
namespace mat_convergence { std::unique_ptr<Claim> make_claim(); }
namespace mat_theorem2 { std::unique_ptr<Claim> make_claim(); }
namespace mat_necessity { std::unique_ptr<Claim> make_claim(); }

// mat.theorem1 (and, with other hypotheses, mat.remark3 and mat.necessity): M*_i computed by
// brute force from G*'s expected utilities, compared as a set with D*_i.
namespace mat_theorem1 {

struct TraderDominance {
  int trader = 0;                              // 0-based
  std::uint64_t strategies = 0;                // |D|
  std::vector<mat::DemandFunction> demand_functions;
  std::vector<std::size_t> undominated;        // M*_i (pure dominance, exact)
  std::vector<std::size_t> price_taking;       // D*_i
  std::vector<std::optional<std::size_t>> dominator;  // exact pure dominator per strategy
  std::vector<std::size_t> undominated_double; // M*_i with every utility and comparison in double
  std::vector<std::size_t> undominated_mixed;  // when mixed dominance was asked for
  std::vector<mat::MixedDominance> mixed;      // per strategy (empty unless asked)
  std::uint64_t profiles_covered = 0;          // |D|^N strategy profiles (own x ordered opponents')
  std::uint64_t profiles_evaluated = 0;        // after the orbit reduction
  std::uint64_t allocations = 0;               // (phi, p, rule) allocations computed
  std::vector<Rational> payoffs;               // U[s * profiles + o], exact
  mat::OpponentProfiles opponents;
};

// The brute-force computation for one trader; honours the size guard of `context`.
TraderDominance undominated_strategies(const mat::Economy& e, int trader, const CheckContext& context);

// The traders a dominance claim checks: the case's [mat.dominance] traders, or the first
// trader of each type (equal endowment and utility: interchangeable, so M*_i is the same).
std::vector<int> traders_to_check(const mat::Economy& e);

// The witness of a surviving non-price-taking demand function s of d: the trader, s, a price
// where s(p) is not optimal, and for every other demand function an opponents' profile where
// it is not strictly better (re-checkable). Sets out.summary to "s (not optimal at p = ...)".
void describe_survivor(const mat::Economy& e, const TraderDominance& d, std::size_t s, Outcome& out);

// M*_i against D*_i for every trader to check: `holds` when the sets are equal for all, else
// `refuted` with a re-checkable witness (a surviving non-price-taking strategy with, for every
// other strategy, an opponents' profile where it is not strictly better; or a dominated
// price-taking strategy with its dominator). Values and stats as mat.theorem1 reports them.
Outcome compare_with_price_taking(const mat::Economy& e, const CheckContext& context,
                                  std::vector<TraderDominance>* details = nullptr);

std::unique_ptr<Claim> make_claim();

}  // namespace mat_theorem1
}  // namespace mechcheck::proofs
