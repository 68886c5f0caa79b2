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

// ---- The exact payoffs from the permutation classes (lottery.hpp), as scaled integers ----------
//
// With u_i(x, q) = a(x, q) / D over a common denominator D > 0 (a integers), eps = e_n / e_d
// (e_d > 0) and the counts c1, c2 of outcome_counts, the formula of g(m) (expected_utility)
//   U = (1 - eps)/N! sum c1 u + eps/(N! |P|) sum c2 u
//     = [ (e_d - e_n) |P| sum c1 a + e_n sum c2 a ] / (e_d N! |P| D)
// has one positive denominator for every pair of the trader. So U = scaled / scale with an
// integer `scaled`, and comparing payoffs is comparing the integers: exact. Before the loop,
// |scaled| <= N! |P| max|a| (|e_d - e_n| + e_n) is checked below 2^125, so every sum fits in a
// 128-bit integer; when it does not, the payoffs are exact rationals (expected_utility<Rational>).
// A 128-bit signed integer (a GCC/Clang extension; __extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 ScaledPayoff;

struct ExactPayoffs {
  bool scaled_form = false;
  std::vector<ScaledPayoff> scaled;  // U[c] = scaled[c] / scale (when scaled_form)
  Rational scale;                    // e_d N! |P| D > 0
  std::vector<Rational> rational;    // U[c] (when !scaled_form)

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
// pool; an allocation outside {0..l} throws outcome_table's InfeasibleOutcome (the least cell).
LotteryPayoffs lottery_payoffs(const Economy& e, const std::vector<DemandFunction>& strategies,
                               const OpponentProfiles& opponents, const TraderLottery& lottery,
                               const std::function<void(double)>& progress = {});

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

}  // namespace mechcheck::mat
