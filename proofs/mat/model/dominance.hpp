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
#include "mat/model/lottery.hpp"
#include "mat/model/mechanism.hpp"
#include "mechcheck/claims/team.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
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

// ---- The exact payoffs from the permutation classes (lottery.hpp), as scaled integers ----------
//
// With u_i(x, q) = a(x, q) / D over a common denominator D > 0 (a integers), g(m)'s weights
// (lottery_weights: (1 - eps)/N! and eps/(N! |P|)) over their common denominator L > 0,
// w1 = W1 / L and w2 = W2 / L (W integers), and the counts c1, c2 of outcome_counts, the formula
// of expected_utility
//   U = w1 sum c1 u + w2 sum c2 u = [ W1 sum c1 a + W2 sum c2 a ] / (L D)
// has one positive denominator for every pair of the trader. So U = scaled / scale with an
// integer `scaled`, and comparing payoffs is comparing the integers: exact. Before the loop,
// |scaled| <= (|W1| + |W2| |P|) N! max|a| is checked below 2^125, so every sum fits in a 128-bit
// integer; when it does not, the payoffs are exact rationals (expected_utility<Rational>).

// A 128-bit signed integer (a GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 ScaledPayoff;

}  // namespace mechcheck::mat

namespace mechcheck {
// The scaled integers' order, under the name the number kinds' comparison has, so that the
// dominance test reads the same for every payoff table.
inline bool less(mat::ScaledPayoff a, mat::ScaledPayoff b) { return a < b; }
}  // namespace mechcheck

namespace mechcheck::mat {

// Memory for a large table (at least 4 MiB) in 2 MiB-aligned blocks the kernel is asked to back
// with huge pages: a table of 10^8 bytes then costs tens of page faults instead of tens of
// thousands, which do not run in parallel. Smaller sizes come from operator new. Only speed
// depends on it.
void* allocate_table(std::size_t bytes);
void free_table(void* p, std::size_t bytes) noexcept;

// An allocator whose resize() leaves new elements default-initialised (integers: uninitialised),
// so that lottery_payoffs, which writes every cell, touches the table's pages first in its
// parallel loop instead of zeroing them on one thread; large tables in huge pages.
template <class T>
struct UninitialisedAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <class U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    if (n > std::size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(allocate_table(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { free_table(p, n * sizeof(T)); }
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

struct ExactPayoffs {
  bool scaled_form = false;
  std::vector<ScaledPayoff, UninitialisedAllocator<ScaledPayoff>> scaled;  // U[c] = scaled[c] / scale
  Rational scale;                                                          // L D > 0
  std::vector<Rational> rational;                                          // U[c] (when !scaled_form)

  std::size_t size() const { return scaled_form ? scaled.size() : rational.size(); }
  Rational at(std::size_t c) const;
  std::vector<Rational> rationals() const;  // every U[c]
};

// What the dominance claims need for one trader: the exact payoffs, the same in double (every
// utility, weight and sum in double, as payoff_table<double>), and how many allocations the
// lottery of all pairs comprises (N! (1 + |P|) per pair, as OutcomeTable::allocations).
struct LotteryPayoffs {
  ExactPayoffs exact;
  std::vector<double> approximate;
  std::uint64_t allocations = 0;
};
// The payoffs of every (own strategy s, opponents' profile o), s-major, from the permutation
// classes of `lottery` (its trader is opponents.trader); no outcome table is kept. Runs on the TBB
// pool and, in an MPI run of one check, on the processes of `team` (blocks of opponents' profiles,
// exchanged: every process ends with the whole table); an allocation outside {0..l} throws
// outcome_table's InfeasibleOutcome (the least cell).
LotteryPayoffs lottery_payoffs(const Economy& e, const std::vector<DemandFunction>& strategies,
                               const OpponentProfiles& opponents, const TraderLottery& lottery,
                               const std::function<void(double)>& progress = {}, const Team& team = {});

// pure_dominators and non_dominance_certificate on exact payoffs (the integers when scaled).
std::vector<std::optional<std::size_t>> pure_dominators(const ExactPayoffs& U, std::size_t strategies,
                                                        std::size_t profiles);
std::vector<std::size_t> non_dominance_certificate(const ExactPayoffs& U, std::size_t strategies, std::size_t profiles,
                                                   std::size_t s);

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
// The same decided by the LP alone (mixed_dominance first looks for best_response_profile).
MixedDominance mixed_dominance_by_lp(const std::vector<Rational>& U, std::size_t strategies, std::size_t profiles,
                                     std::size_t s);
// The least opponents' profile o where s is a best response among the pure strategies
// (U[s][o] >= U[t][o] for every t), if any. Such an o decides the LP without solving it: every
// mixture sigma has sum_t sigma_t U[t][o] - U[s][o] <= 0 there, so delta* <= 0, and sigma = s
// itself reaches delta = 0 against every profile, so delta* = 0 exactly: s is not strictly
// dominated, which is the LP's answer (dominated = false, delta = 0, no sigma).
std::optional<std::size_t> best_response_profile(const std::vector<Rational>& U, std::size_t strategies,
                                                 std::size_t profiles, std::size_t s);

}  // namespace mechcheck::mat
