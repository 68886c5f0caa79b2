// Brute-force dominance in G*: opponents' profiles (with the orbit reduction proved in
// dominance.hpp), outcome tables and the pure-strategy dominance test.
#include "mat/model/dominance.hpp"
#include "mechcheck/number/kind.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <atomic>
#include <map>
#include <stdexcept>

namespace mechcheck::mat {
namespace {

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
    unsigned __int128 next = static_cast<unsigned __int128>(c) * (n + j - 1) / j;
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
  std::vector<T> U(table.counts.size());
  mechcheck::parallel_for(std::size_t(0), U.size(),
                          [&](std::size_t c) { U[c] = expected_utility<T>(e, table.counts[c], utilities); });
  return U;
}

template <class T>
std::vector<std::optional<std::size_t>> pure_dominators(const std::vector<T>& U, std::size_t strategies,
                                                        std::size_t profiles) {
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

template <class T>
std::vector<std::size_t> non_dominance_certificate(const std::vector<T>& U, std::size_t strategies,
                                                   std::size_t profiles, std::size_t s) {
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
