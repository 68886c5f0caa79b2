// Brute-force dominance in G*: opponents' profiles (with the orbit reduction proved in
// dominance.hpp), outcome tables and the pure-strategy dominance test.
#include "mat/model/dominance.hpp"
#include "mechcheck/number/kind.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <stdexcept>
#include <sys/mman.h>

namespace mechcheck::mat {
namespace {

__extension__ typedef unsigned __int128 UnsignedScaled;

// The opponents of `trader` grouped into classes of interchangeable traders (equal endowments)
// when `symmetry`, else one class per opponent.
std::vector<std::vector<int>> opponent_classes(const Economy& e, int trader, bool symmetry) {
  std::vector<std::vector<int>> classes;
  const auto cls = e.endowment_classes();
  std::map<int, std::size_t> where;
  for (int j = 0; j < e.trader_count(); ++j) {
    if (j == trader) continue;
    if (!symmetry) {
      classes.push_back({j});
      continue;
    }
    auto [it, fresh] = where.emplace(cls[j], classes.size());
    if (fresh) classes.emplace_back();
    classes[it->second].push_back(j);
  }
  return classes;
}

// C(n + m - 1, m): multisets of size m from n strategies.
std::uint64_t multisets(std::uint64_t n, std::uint64_t m) {
  std::uint64_t c = 1;
  for (std::uint64_t j = 1; j <= m; ++j) {
    // c * (n + j - 1) / j stays integral at every step.
    UnsignedScaled next = static_cast<UnsignedScaled>(c) * (n + j - 1) / j;
    if (next > UINT64_MAX) throw std::overflow_error("the number of profiles exceeds 2^64");
    c = static_cast<std::uint64_t>(next);
  }
  return c;
}

}  // namespace

std::uint64_t checked_product(std::uint64_t a, std::uint64_t b, const std::string& what) {
  if (b != 0 && a > UINT64_MAX / b) throw std::overflow_error(what + " exceeds 2^64");
  return a * b;
}

std::uint64_t count_opponent_profiles(const Economy& e, int trader, std::uint64_t strategies, bool symmetry) {
  std::uint64_t count = 1;
  for (auto& c : opponent_classes(e, trader, symmetry))
    count = checked_product(count, multisets(strategies, c.size()), "the number of profiles");
  return count;
}

OpponentProfiles opponent_profiles(const Economy& e, int trader, std::uint64_t strategies, bool symmetry) {
  OpponentProfiles out;
  out.trader = trader;
  auto classes = opponent_classes(e, trader, symmetry);
  for (auto& c : classes) out.opponents.insert(out.opponents.end(), c.begin(), c.end());
  std::vector<std::uint32_t> current;
  // Nondecreasing strategy indices within each class: one profile per orbit.
  std::function<void(std::size_t, std::size_t, std::uint32_t, std::uint64_t)> extend =
      [&](std::size_t cls, std::size_t pos, std::uint32_t from, std::uint64_t orbit) {
        if (cls == classes.size()) {
          out.profiles.push_back(current);
          out.orbit_size.push_back(orbit);
          out.covered += orbit;
          return;
        }
        if (pos == classes[cls].size()) {
          // orbit size of this class: m! / prod (multiplicity!)
          const std::size_t begin = current.size() - pos;
          std::uint64_t ways = 1, run = 0;
          for (std::size_t j = 0; j < pos; ++j) {
            run = (j > 0 && current[begin + j] == current[begin + j - 1]) ? run + 1 : 1;
            ways = ways * (j + 1) / run;
          }
          extend(cls + 1, 0, 0, checked_product(orbit, ways, "an orbit size"));
          return;
        }
        for (std::uint64_t s = from; s < strategies; ++s) {
          current.push_back(static_cast<std::uint32_t>(s));
          extend(cls, pos + 1, static_cast<std::uint32_t>(s), orbit);
          current.pop_back();
        }
      };
  extend(0, 0, 0, 1);
  return out;
}

OutcomeTable outcome_table(const Economy& e, const std::vector<DemandFunction>& strategies,
                           const OpponentProfiles& opponents, const std::function<void(double)>& progress) {
  OutcomeTable table;
  table.strategies = strategies.size();
  table.profiles = opponents.profiles.size();
  table.counts.resize(table.strategies * table.profiles);
  std::atomic<std::size_t> done{0};
  const std::size_t total = table.counts.size();
  // An allocation outside {0..l} (a reading that breaks feasibility) is reported for the least
  // cell where it happens, whichever thread meets one first: the error names the same phi every run.
  LeastKeyed<std::size_t, std::string> infeasible;
  mechcheck::parallel_for(std::size_t(0), total, [&](std::size_t cell) {
    if (infeasible.settled_below(cell)) return;
    const std::size_t s = cell / table.profiles, o = cell % table.profiles;
    Profile profile(e.trader_count());
    profile[opponents.trader] = &strategies[s];
    for (std::size_t j = 0; j < opponents.opponents.size(); ++j)
      profile[opponents.opponents[j]] = &strategies[opponents.profiles[o][j]];
    try {
      table.counts[cell] = outcome_counts(e, opponents.trader, profile);
    } catch (const InfeasibleOutcome& error) {
      infeasible.offer(cell, error.what());
    }
    std::size_t finished = ++done;
    if (progress && finished % 4096 == 0) progress(static_cast<double>(finished) / total);
  });
  if (infeasible.kept()) throw InfeasibleOutcome(infeasible.kept()->second);
  table.allocations = checked_product(total, checked_product(factorial(e.trader_count()), 1 + e.grid.price_count()));
  return table;
}

template <class T>
std::vector<T> payoff_table(const Economy& e, int trader, const OutcomeTable& table) {
  const std::vector<T> utilities = utility_table<T>(e, trader);
  const LotteryWeights<T> weights = lottery_weights<T>(e, factorial(e.trader_count()));
  std::vector<T> U(table.counts.size());
  mechcheck::parallel_for(std::size_t(0), U.size(),
                          [&](std::size_t c) { U[c] = expected_utility<T>(table.counts[c], utilities, weights); });
  return U;
}

namespace {

// Strict pure dominance over a payoff table U[s * profiles + o] (one implementation for every
// representation of the payoffs: mechcheck::less of the number kinds, or of the scaled integers).
template <class Table>
std::vector<std::optional<std::size_t>> dominators_by(const Table& U, std::size_t strategies, std::size_t profiles) {
  std::vector<std::optional<std::size_t>> dominator(strategies);
  mechcheck::parallel_for(std::size_t(0), strategies, [&](std::size_t s) {
    for (std::size_t t = 0; t < strategies && !dominator[s]; ++t) {
      if (t == s) continue;
      bool strictly_better_everywhere = true;
      for (std::size_t o = 0; o < profiles && strictly_better_everywhere; ++o)
        strictly_better_everywhere = mechcheck::less(U[s * profiles + o], U[t * profiles + o]);
      if (strictly_better_everywhere) dominator[s] = t;
    }
  });
  return dominator;
}

template <class Table>
std::vector<std::size_t> certificate_by(const Table& U, std::size_t strategies, std::size_t profiles, std::size_t s) {
  std::vector<std::size_t> where(strategies, profiles);
  for (std::size_t t = 0; t < strategies; ++t) {
    if (t == s) continue;
    for (std::size_t o = 0; o < profiles; ++o)
      if (!mechcheck::less(U[s * profiles + o], U[t * profiles + o])) {
        where[t] = o;
        break;
      }
    if (where[t] == profiles)
      throw std::logic_error("non_dominance_certificate: strategy " + std::to_string(s) + " is dominated by " +
                             std::to_string(t));
  }
  return where;
}

}  // namespace

template <class T>
std::vector<std::optional<std::size_t>> pure_dominators(const std::vector<T>& U, std::size_t strategies,
                                                        std::size_t profiles) {
  return dominators_by(U, strategies, profiles);
}

template <class T>
std::vector<std::size_t> non_dominance_certificate(const std::vector<T>& U, std::size_t strategies,
                                                   std::size_t profiles, std::size_t s) {
  return certificate_by(U, strategies, profiles, s);
}

std::vector<std::optional<std::size_t>> pure_dominators(const ExactPayoffs& U, std::size_t strategies,
                                                        std::size_t profiles) {
  // scaled[c] / scale with one scale > 0: the integers are in the payoffs' order.
  if (U.scaled_form) return dominators_by(U.scaled, strategies, profiles);
  return dominators_by(U.rational, strategies, profiles);
}

std::vector<std::size_t> non_dominance_certificate(const ExactPayoffs& U, std::size_t strategies, std::size_t profiles,
                                                   std::size_t s) {
  if (U.scaled_form) return certificate_by(U.scaled, strategies, profiles, s);
  return certificate_by(U.rational, strategies, profiles, s);
}

namespace {

// |z| < 2^127 (the caller's bound) as a 128-bit integer, and back.
ScaledPayoff to_int128(const Integer& z) {
  // Checked before mpz_export writes: |z| < 2^127 fits the two words and the signed type.
  if (mpz_sizeinbase(z.backend().data(), 2) > 127) throw std::logic_error("to_int128: the integer exceeds 127 bits");
  std::uint64_t words[2] = {0, 0};
  std::size_t count = 0;
  mpz_export(words, &count, -1, sizeof(std::uint64_t), 0, 0, z.backend().data());
  if (count > 2) throw std::logic_error("to_int128: the integer exceeds 128 bits");
  const UnsignedScaled magnitude = (static_cast<UnsignedScaled>(words[1]) << 64) | words[0];
  return z < 0 ? -static_cast<ScaledPayoff>(magnitude) : static_cast<ScaledPayoff>(magnitude);
}

Integer from_int128(ScaledPayoff v) {
  const UnsignedScaled magnitude = v < 0 ? -static_cast<UnsignedScaled>(v) : static_cast<UnsignedScaled>(v);
  Integer z = Integer(static_cast<std::uint64_t>(magnitude >> 64));
  z <<= 64;
  z += Integer(static_cast<std::uint64_t>(magnitude));
  return v < 0 ? Integer(-z) : z;
}

}  // namespace

namespace {
constexpr std::size_t kHugePage = std::size_t(2) << 20, kLargeTable = std::size_t(4) << 20;
}

void* allocate_table(std::size_t bytes) {
  if (bytes < kLargeTable) return ::operator new(bytes);
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (!p) throw std::bad_alloc();
  madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without huge pages the table works the same
  return p;
}

void free_table(void* p, std::size_t bytes) noexcept {
  if (bytes < kLargeTable) ::operator delete(p);
  else std::free(p);
}

Rational ExactPayoffs::at(std::size_t c) const {
  if (!scaled_form) return rational[c];
  return Rational(from_int128(scaled[c])) / scale;
}

std::vector<Rational> ExactPayoffs::rationals() const {
  if (!scaled_form) return rational;
  std::vector<Rational> U(scaled.size());
  mechcheck::parallel_for(std::size_t(0), U.size(), [&](std::size_t c) { U[c] = at(c); });
  return U;
}

LotteryPayoffs lottery_payoffs(const Economy& e, const std::vector<DemandFunction>& strategies,
                               const OpponentProfiles& opponents, const TraderLottery& lottery,
                               const std::function<void(double)>& progress, const Team& team) {
  if (lottery.trader() != opponents.trader) throw std::invalid_argument("lottery_payoffs: two different traders");
  const int trader = opponents.trader, N = e.trader_count();
  const std::size_t S = strategies.size(), O = opponents.profiles.size(), total = S * O;
  const std::uint64_t permutations = factorial(N), prices = e.grid.price_count();

  // The scaled form (proof in dominance.hpp), when its bound holds.
  const std::vector<Rational> utilities = utility_table<Rational>(e, trader);
  Integer D = 1, largest = 0;
  for (const Rational& u : utilities) D = lcm(D, Integer(denominator(u)));
  std::vector<Integer> a(utilities.size());
  for (std::size_t c = 0; c < utilities.size(); ++c) {
    a[c] = Integer(numerator(utilities[c])) * (D / Integer(denominator(utilities[c])));
    if (abs(a[c]) > largest) largest = abs(a[c]);
  }
  // g(m)'s weights (lottery_weights) over their common denominator L: w = W / L, W integers.
  const LotteryWeights<Rational> weights = lottery_weights<Rational>(e, permutations);
  const Integer L = lcm(Integer(denominator(weights.rule1)), Integer(denominator(weights.rule2)));
  const Integer w1 = Integer(numerator(weights.rule1)) * (L / Integer(denominator(weights.rule1)));
  const Integer w2 = Integer(numerator(weights.rule2)) * (L / Integer(denominator(weights.rule2)));
  // |sum c1 a| <= N! max|a| and |sum c2 a| <= N! |P| max|a| (the counts sum to N! and N! |P|).
  const Integer bound_cell = largest * permutations * prices;
  const Integer bound = (abs(w1) + abs(w2) * prices) * largest * permutations;
  const Integer limit = Integer(1) << 125;

  LotteryPayoffs out;
  ExactPayoffs& U = out.exact;
  U.scaled_form = bound < limit && bound_cell < limit && abs(w1) < limit && abs(w2) < limit;
  std::vector<ScaledPayoff> a128;
  ScaledPayoff w1_128 = 0, w2_128 = 0;
  if (U.scaled_form) {
    for (const Integer& x : a) a128.push_back(to_int128(x));
    w1_128 = to_int128(w1);
    w2_128 = to_int128(w2);
    U.scale = Rational(L * D);
    U.scaled.resize(total);
  } else {
    U.rational.resize(total);
  }
  const std::vector<double> utilities_double = utility_table<double>(e, trader);
  const LotteryWeights<double> weights_double = lottery_weights<double>(e, permutations);
  out.approximate.resize(total);

  // The opponents' profiles [first, last), every own strategy against each, on this process's
  // threads: writes their cells of U and out.approximate and returns the least cell (with its
  // message) where an amount leaves {0..l}, if any.
  using Failure = std::optional<std::pair<std::size_t, std::string>>;
  std::atomic<std::size_t> done{0};
  auto profiles_in = [&](std::size_t first, std::size_t last) -> Failure {
    LeastKeyed<std::size_t, std::string> infeasible;
    // Tasks take a range of opponents' profiles and every own strategy against each, so that the
    // opponents' part of the lottery is computed once per profile (TraderLottery::fix_opponents).
    constexpr std::size_t chunk = 16;
    const std::size_t chunks = (last - first + chunk - 1) / chunk;
    mechcheck::parallel_for(std::size_t(0), chunks, [&](std::size_t k) {
      const std::size_t begin = first + k * chunk, end = std::min(last, begin + chunk);
      // The least cell of this task is `begin` (s = 0): a failure kept below it settles the task.
      if (infeasible.settled_below(begin)) return;
      TraderLottery::Scratch scratch = lottery.scratch();
      OutcomeCounts counts;
      Profile profile(N);
      profile[trader] = &strategies[0];
      for (std::size_t o = begin; o < end; ++o) {
        for (std::size_t j = 0; j < opponents.opponents.size(); ++j)
          profile[opponents.opponents[j]] = &strategies[opponents.profiles[o][j]];
        lottery.fix_opponents(profile, scratch);
        for (std::size_t s = 0; s < S; ++s) {
          const std::size_t cell = s * O + o;
          profile[trader] = &strategies[s];
          if (!lottery.count(profile, counts, scratch)) {
            // outcome_counts names the first phi (in its order) where an amount leaves {0..l}.
            try {
              outcome_counts(e, trader, profile);
            } catch (const InfeasibleOutcome& error) {
              infeasible.offer(cell, error.what());
              break;  // the later cells of this profile are larger
            }
            throw std::logic_error(
                "lottery_payoffs: the permutation classes and outcome_counts disagree on feasibility");
          }
          if (U.scaled_form) {
            ScaledPayoff sum1 = 0, sum2 = 0;
            for (std::size_t c = 0; c < a128.size(); ++c) {
              if (counts.rule1[c]) sum1 += static_cast<ScaledPayoff>(counts.rule1[c]) * a128[c];
              if (counts.rule2[c]) sum2 += static_cast<ScaledPayoff>(counts.rule2[c]) * a128[c];
            }
            U.scaled[cell] = w1_128 * sum1 + w2_128 * sum2;
          } else {
            U.rational[cell] = expected_utility<Rational>(counts, utilities, weights);
          }
          out.approximate[cell] = expected_utility<double>(counts, utilities_double, weights_double);
        }
      }
      const std::size_t finished = done += (end - begin) * S;
      if (progress && k % 64 == 0) progress(static_cast<double>(finished) / ((last - first) * S));
    });
    return infeasible.kept();
  };
  // Shared among the check's processes by blocks of profiles (claims/team.hpp). A block travels as
  // its range, its failure and its cells (integers in decimal, doubles in hexadecimal: both exact);
  // decoding writes the cells into U and out.approximate, so every process ends with the whole
  // table. The failure kept is the least cell of all, as one process finds it.
  struct Block {
    std::size_t first = 0, last = 0;
    Failure failure;
  };
  const Block whole = shared_among<Block>(
      team, O,
      [&](std::uint64_t first, std::uint64_t last) {
        return Block{static_cast<std::size_t>(first), static_cast<std::size_t>(last), profiles_in(first, last)};
      },
      [&](const Block& b) {
        std::string text = std::to_string(b.first) + " " + std::to_string(b.last) + " " +
                           (b.failure ? std::to_string(b.failure->first) : "-") + "\n";
        // After a failure the table is not used: the rest of the text is the message, whole.
        if (b.failure) return text + b.failure->second;
        char hex[64];
        for (std::size_t s = 0; s < S; ++s)
          for (std::size_t o = b.first; o < b.last; ++o) {
            const std::size_t cell = s * O + o;
            text += U.scaled_form ? from_int128(U.scaled[cell]).str() : to_string(U.rational[cell]);
            std::snprintf(hex, sizeof hex, " %a\n", out.approximate[cell]);
            text += hex;
          }
        return text;
      },
      [&](const std::string& text) {
        std::istringstream in(text);
        Block b;
        std::string failure_cell;
        in >> b.first >> b.last >> failure_cell;
        if (failure_cell != "-") {
          b.failure.emplace(std::stoull(failure_cell), text.substr(text.find('\n') + 1));
          return b;
        }
        std::string exact, approximate;
        for (std::size_t s = 0; s < S; ++s)
          for (std::size_t o = b.first; o < b.last; ++o) {
            const std::size_t cell = s * O + o;
            in >> exact >> approximate;
            if (U.scaled_form) U.scaled[cell] = to_int128(Integer(exact));
            else U.rational[cell] = parse_rational(exact).value();
            out.approximate[cell] = std::strtod(approximate.c_str(), nullptr);
          }
        if (!in) throw std::runtime_error("lottery_payoffs: a malformed block from another process");
        return b;
      },
      [](Block left, const Block& right) {
        if (right.failure && (!left.failure || right.failure->first < left.failure->first))
          left.failure = right.failure;
        left.last = right.last;
        return left;
      });
  if (whole.failure) throw InfeasibleOutcome(whole.failure->second);
  out.allocations = checked_product(total, checked_product(permutations, 1 + prices));
  return out;
}

}  // namespace mechcheck::mat

#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::mat {
#define MECHCHECK_MAT_DOMINANCE_KIND(T)                                                                           \
  template std::vector<T> payoff_table<T>(const Economy&, int, const OutcomeTable&);                              \
  template std::vector<std::optional<std::size_t>> pure_dominators<T>(const std::vector<T>&, std::size_t,         \
                                                                      std::size_t);                               \
  template std::vector<std::size_t> non_dominance_certificate<T>(const std::vector<T>&, std::size_t, std::size_t, \
                                                                 std::size_t);
MECHCHECK_MAT_DOMINANCE_KIND(Rational)
MECHCHECK_MAT_DOMINANCE_KIND(double)
MECHCHECK_MAT_DOMINANCE_KIND(Mpfr)
MECHCHECK_MAT_DOMINANCE_KIND(Interval)
#undef MECHCHECK_MAT_DOMINANCE_KIND
}  // namespace mechcheck::mat
