// What the classes of permutations (proofs/mat/model/lottery.hpp) and the scaled integer payoffs
// (dominance.hpp) save in mat.theorem1's brute force (Matsushima 2005, Theorem 1), and how the
// work grows with the economy.
//
// Instances (built here, those of cases/mat): 2n traders in two groups, k = 1, l = 2, endowments 1,
// the first n traders v = (0, 4/5, 7/5), the others v = (0, 1/3, 1/2), epsilon = 1/10:
//   n4_T1  2n = 4, T = 1 (|D| = 9)      n4_T2  2n = 4, T = 2 (|D| = 27; theorem1-four-traders)
//   n6_T1  2n = 6, T = 1 (|D| = 9)      n6_T2  2n = 6, T = 2 (|D| = 27; theorem1-six-traders-three-prices)
//
// Timed (wall clock; the library's loops run on the TBB pool, CPU = the whole process's):
//   pair_counts/<inst>/reference   outcome_counts (all N! permutations) of 256 fixed profiles
//   pair_counts/<inst>/classes     TraderLottery::count (one evaluation or look-up per class)
//   trader/<inst>/reference        trader 1's exact M*_1 as before: outcome_table over every pair
//                                  (one opponents' profile per orbit), payoff_table<Rational>,
//                                  pure_dominators<Rational> (n4 and n6_T1 only: n6_T2 would take hours)
//   trader/<inst>/classes          the same by lottery_payoffs + pure_dominators(ExactPayoffs)
//                                  (also computes the double payoffs, as the claim does)
//   dominators/<inst>/<kind>       strict pure dominance over trader 1's table: scaled (128-bit
//                                  integers, exact), rational (the same payoffs as mpq), double
// Counters: pairs, undominated (|M*_1|), evaluations per pair (classes) or allocations (reference).
//
// Debian's libbenchmark is a DEBUG build: compare within one run, as ratios.
#include "mat/model/dominance.hpp"
#include "mat/model/lottery.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::mat;

namespace {

Economy instance(int traders, int T) {
  Economy e;
  e.grid = Grid{1, 2, T};
  e.groups = 2;
  e.group_size = traders / 2;
  e.epsilon = Rational(1, 10);
  const Trader high{{1}, {0, Rational(4, 5), Rational(7, 5)}, {}};
  const Trader low{{1}, {0, Rational(1, 3), Rational(1, 2)}, {}};
  for (int i = 0; i < traders; ++i) e.traders.push_back(i < traders / 2 ? high : low);
  return e;
}

struct Instance {
  Economy economy;
  std::vector<DemandFunction> strategies;
  OpponentProfiles opponents;         // trader 1, one per orbit
  std::vector<Profile> sample;        // 256 fixed profiles (mt19937, seed 1)
  std::optional<ExactPayoffs> exact;  // trader 1's, for the dominance benchmarks
};

Instance& get(const std::string& name) {
  static std::map<std::string, Instance> all;
  auto it = all.find(name);
  if (it != all.end()) return it->second;
  Instance& x = all[name];
  x.economy = instance(name[1] - '0', name[4] - '0');
  for (std::uint64_t d = 0; d < demand_function_count(x.economy.grid); ++d)
    x.strategies.push_back(demand_function(x.economy.grid, d));
  x.opponents = opponent_profiles(x.economy, 0, x.strategies.size(), /*symmetry=*/true);
  std::mt19937 random(1);
  std::uniform_int_distribution<std::size_t> pick(0, x.strategies.size() - 1);
  for (int s = 0; s < 256; ++s) {
    Profile p(x.economy.trader_count());
    for (auto& d : p) d = &x.strategies[pick(random)];
    x.sample.push_back(p);
  }
  return x;
}

const ExactPayoffs& exact_payoffs(const std::string& name) {
  Instance& x = get(name);
  if (!x.exact) {
    const TraderLottery lottery(x.economy, 0);
    x.exact = lottery_payoffs(x.economy, x.strategies, x.opponents, lottery).exact;
  }
  return *x.exact;
}

void bm_pair_counts_reference(benchmark::State& state, std::string name) {
  Instance& x = get(name);
  for (auto _ : state)
    for (const Profile& p : x.sample) {
      OutcomeCounts c = outcome_counts(x.economy, 0, p);
      benchmark::DoNotOptimize(c.rule1.data());
    }
  state.counters["profiles"] = static_cast<double>(x.sample.size());
  state.counters["allocations_per_profile"] =
      static_cast<double>(factorial(x.economy.trader_count()) * (1 + x.economy.grid.price_count()));
}

void bm_pair_counts_classes(benchmark::State& state, std::string name) {
  Instance& x = get(name);
  const TraderLottery lottery(x.economy, 0);
  TraderLottery::Scratch scratch = lottery.scratch();
  OutcomeCounts c;
  for (auto _ : state)
    for (const Profile& p : x.sample) {
      lottery.count(p, c, scratch);
      benchmark::DoNotOptimize(c.rule1.data());
    }
  state.counters["profiles"] = static_cast<double>(x.sample.size());
  state.counters["evaluations_per_profile"] = static_cast<double>(lottery.evaluations_per_profile());
}

void bm_trader_reference(benchmark::State& state, std::string name) {
  Instance& x = get(name);
  std::size_t undominated = 0;
  for (auto _ : state) {
    const OutcomeTable table = outcome_table(x.economy, x.strategies, x.opponents);
    const auto U = payoff_table<Rational>(x.economy, 0, table);
    const auto dominator = pure_dominators<Rational>(U, x.strategies.size(), x.opponents.profiles.size());
    undominated = static_cast<std::size_t>(std::count(dominator.begin(), dominator.end(), std::nullopt));
  }
  state.counters["pairs"] = static_cast<double>(x.strategies.size() * x.opponents.profiles.size());
  state.counters["undominated"] = static_cast<double>(undominated);
}

void bm_trader_classes(benchmark::State& state, std::string name) {
  Instance& x = get(name);
  std::size_t undominated = 0;
  for (auto _ : state) {
    const TraderLottery lottery(x.economy, 0);
    const LotteryPayoffs U = lottery_payoffs(x.economy, x.strategies, x.opponents, lottery);
    const auto dominator = pure_dominators(U.exact, x.strategies.size(), x.opponents.profiles.size());
    undominated = static_cast<std::size_t>(std::count(dominator.begin(), dominator.end(), std::nullopt));
  }
  state.counters["pairs"] = static_cast<double>(x.strategies.size() * x.opponents.profiles.size());
  state.counters["undominated"] = static_cast<double>(undominated);
}

void bm_dominators(benchmark::State& state, std::string name, std::string kind) {
  Instance& x = get(name);
  const ExactPayoffs& scaled = exact_payoffs(name);
  const std::size_t S = x.strategies.size(), O = x.opponents.profiles.size();
  std::vector<Rational> rational;
  std::vector<double> approximate;
  if (kind != "scaled") rational = scaled.rationals();
  if (kind == "double")
    for (const auto& u : rational) approximate.push_back(u.convert_to<double>());
  std::size_t undominated = 0;
  for (auto _ : state) {
    const auto dominator = kind == "scaled"     ? pure_dominators(scaled, S, O)
                           : kind == "rational" ? pure_dominators<Rational>(rational, S, O)
                                                : pure_dominators<double>(approximate, S, O);
    undominated = static_cast<std::size_t>(std::count(dominator.begin(), dominator.end(), std::nullopt));
  }
  state.counters["undominated"] = static_cast<double>(undominated);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  auto timed = [](benchmark::internal::Benchmark* b) {
    b->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
  };
  for (const std::string name : {"n4_T1", "n4_T2", "n6_T1", "n6_T2"}) {
    timed(benchmark::RegisterBenchmark(("pair_counts/" + name + "/reference").c_str(), bm_pair_counts_reference, name));
    timed(benchmark::RegisterBenchmark(("pair_counts/" + name + "/classes").c_str(), bm_pair_counts_classes, name));
  }
  for (const std::string name : {"n4_T1", "n4_T2", "n6_T1", "n6_T2"}) {
    if (name != "n6_T2")
      timed(benchmark::RegisterBenchmark(("trader/" + name + "/reference").c_str(), bm_trader_reference, name)
                ->Iterations(1));
    timed(benchmark::RegisterBenchmark(("trader/" + name + "/classes").c_str(), bm_trader_classes, name)
              ->Iterations(name == "n6_T2" ? 1 : 3));
  }
  for (const std::string name : {"n4_T2", "n6_T2"})
    for (const std::string kind : {"scaled", "rational", "double"})
      timed(benchmark::RegisterBenchmark(("dominators/" + name + "/" + kind).c_str(), bm_dominators, name, kind));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
