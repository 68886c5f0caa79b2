#pragma once
// Brute-force dominance in G* (Matsushima 2005, Section 3): one trader's expected utility
// u_i(g(m_i, m_-i)) for every own demand function m_i and every opponents' profile m_-i,
// computed from the mechanism's lottery (mechanism.hpp), never from Theorem 1's argument; then
// the undominated set M*_i of the paper's definition (no m'_i with u_i(g(m)) < u_i(g(m'_i, m_-i))
// for ALL m_-i), optionally also dominance by mixed strategies (an exact LP).
//
// Symmetry (sound, and optional): G* reads only the endowments and messages of the traders
// along phi, and phi is uniform over all permutations. Swapping two opponents j, j' with
// e_j = e_j' maps phi to phi o (j j'), a bijection of the permutations, and carries every
// allocation of (m_j, m_j') to the relabelled allocation of (m_j', m_j); trader i's own
// (x_i, q_i) is unchanged. So u_i(g(m)) depends on the opponents' messages only through the
// multiset of messages within each class of equal endowments, and "for all m_-i" may run over
// one profile per orbit. `symmetry = false` enumerates every ordered profile instead (a test
// compares the two).
#include "mat/model/mechanism.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::mat {

// a * b, throwing std::overflow_error (naming `what`) instead of wrapping: every count of
// profiles, pairs and outcomes that a size guard compares goes through it.
std::uint64_t checked_product(std::uint64_t a, std::uint64_t b, const std::string& what = "a count");

struct OpponentProfiles {
  int trader = 0;
  std::vector<int> opponents;                        // trader indices, grouped by class
  std::vector<std::vector<std::uint32_t>> profiles;  // strategy index per opponent
  std::vector<std::uint64_t> orbit_size;             // ordered profiles each one stands for
  std::uint64_t covered = 0;                         // sum of orbit sizes = |D|^(N-1)
};

// How many opponents' profiles `opponent_profiles` would list (without listing them).
// With trader = -1 both list profiles of ALL traders (orbits of equal-endowment traders).
std::uint64_t count_opponent_profiles(const Economy& e, int trader, std::uint64_t strategies, bool symmetry);
OpponentProfiles opponent_profiles(const Economy& e, int trader, std::uint64_t strategies, bool symmetry);

// The outcome counts of trader i for every (own strategy s, opponents' profile o), s-major.
// Work: |D| x profiles x N! x (1 + |P|) allocations. Runs on the TBB pool.
struct OutcomeTable {
  std::size_t strategies = 0, profiles = 0;
  std::vector<OutcomeCounts> counts;  // [s * profiles + o]
  std::uint64_t allocations = 0;      // allocations computed
};
OutcomeTable outcome_table(const Economy& e, const std::vector<DemandFunction>& strategies,
                           const OpponentProfiles& opponents, const std::function<void(double)>& progress = {});

// U[s * profiles + o] = u_i(g(s, o)) in the number kind T.
template <class T>
std::vector<T> payoff_table(const Economy& e, int trader, const OutcomeTable& table);

// For each strategy, a pure strategy that strictly dominates it (the first in order), or none.
// Comparisons are made in T (for double: the floats themselves).
template <class T>
std::vector<std::optional<std::size_t>> pure_dominators(const std::vector<T>& U, std::size_t strategies,
                                                        std::size_t profiles);

// For an undominated s: for every other s', a profile o with U[s'][o] <= U[s][o] (s' does not
// strictly dominate s there) -- the re-checkable certificate of undominatedness.
template <class T>
std::vector<std::size_t> non_dominance_certificate(const std::vector<T>& U, std::size_t strategies,
                                                   std::size_t profiles, std::size_t s);

// Dominance by a mixed strategy, decided by an exact rational LP (cddlib, GMP):
//   max delta  s.t.  sum_s' sigma_s' U[s'][o] - U[s][o] >= delta for all o,  sigma in the simplex;
// s is strictly dominated iff delta* > 0. Returns sigma (exact) when dominated.
struct MixedDominance {
  bool dominated = false;
  Rational delta;               // the optimal margin delta*
  std::vector<Rational> sigma;  // by strategy index (zero for unused)
};
MixedDominance mixed_dominance(const std::vector<Rational>& U, std::size_t strategies, std::size_t profiles,
                               std::size_t s);

}  // namespace mechcheck::mat
