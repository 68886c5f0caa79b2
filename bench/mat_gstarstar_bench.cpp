// What the order reduction of G**'s lottery (evaluate_trader, proofs/mat/model/gstarstar.hpp:
// one permutation per sequence of trader types, weighted) saves in mat.theorem2's brute force
// (Matsushima 2005, Theorem 2), and what the exact interim utility costs against double.
//
// Instance: cases/mat/theorem2-smallest.toml (N = 6 traders in three groups, |D| = 9, two
// signals, two prices). Work: trader 1's round-1 cells of mat.theorem2, i.e. every message of
// D x {informed, naive}^2 (36) at both signals against opponents all playing one strategy of the
// round-1 menu (price-taking or pooling first announcements, every rule pair: 12), in all 864
// (message, opponents' profile) cells.
//
// Timed (wall clock, one thread):
//   evaluate/orders_reduced       evaluate_trader as mat.theorem2 calls it, for all 864 cells
//   evaluate/every_order          the same over all N! = 720 permutations (reduce_orders = false)
//   utility/rational              interim_utility<Rational> of the 864 evaluations
//   utility/double                interim_utility<double> of the same (not used by the claim)
// Counters: cells, and per cell the permutations run (type sequences or N!).
//
// Debian's libbenchmark is a DEBUG build: compare within one run, as ratios.
#include "mat/model/economy.hpp"
#include "mat/model/gstarstar.hpp"
#include "mechcheck/cases/case.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::mat;

namespace {

struct Cell {
  int theta = 0;
  GMessage own;
  std::vector<const GStrategy*> strategies;
};

struct Instance {
  Case source;
  std::unique_ptr<ResponseTables> tables;
  std::vector<GStrategy> menu;
  std::vector<Cell> cells;
  std::vector<GEvaluation> evaluations;  // of the cells, reduced
  const Economy& economy() const { return source.model_data<Economy>(); }
};

Instance& instance() {
  static Instance x = [] {
    Instance x;
    x.source =
        load_case(std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/theorem2-smallest.toml", {{"mat", parse_economy}});
    const Economy& e = x.economy();
    const Interdependent& I = *e.interdependent;
    x.tables = std::make_unique<ResponseTables>(e, I);
    // mat.theorem2's round-1 menu: price-taking or pooling first announcements, every rule pair.
    std::vector<int> price_taking;
    for (int t = 0; t < I.signals; ++t)
      price_taking.push_back(static_cast<int>(demand_function_index(e.grid, D1(e, I, t).lowest())));
    for (int pool = -1; pool < I.signals; ++pool)
      for (auto r2 : I.second_rules)
        for (auto r3 : I.third_rules) {
          GStrategy s;
          for (int t = 0; t < I.signals; ++t)
            s.push_back(GMessage{pool < 0 ? price_taking[t] : price_taking[pool], r2, r3});
          x.menu.push_back(s);
        }
    const int N = e.trader_count();
    for (int theta = 0; theta < I.signals; ++theta)
      for (std::size_t d = 0; d < x.tables->demand_functions().size(); ++d)
        for (auto r2 : I.second_rules)
          for (auto r3 : I.third_rules)
            for (const GStrategy& s : x.menu) {
              Cell c{theta, GMessage{static_cast<int>(d), r2, r3}, std::vector<const GStrategy*>(N, &s)};
              c.strategies[0] = nullptr;
              x.cells.push_back(c);
            }
    for (const Cell& c : x.cells)
      x.evaluations.push_back(evaluate_trader(e, I, *x.tables, 0, c.theta, c.own, c.strategies));
    return x;
  }();
  return x;
}

// The permutations evaluate_trader runs per cell: one per type sequence, or N!.
double permutations_per_cell(const Instance& x, bool reduce_orders) {
  const Economy& e = x.economy();
  std::uint64_t permutations = 0;
  for (std::size_t c = 0; c < x.cells.size(); ++c)
    for (const GCounts& g : x.evaluations[c].classes) {
      std::vector<GMessage> messages(e.trader_count());
      for (int j = 0; j < e.trader_count(); ++j)
        messages[j] = j == 0 ? x.cells[c].own : (*x.cells[c].strategies[j])[static_cast<std::size_t>(g.signals[j])];
      permutations +=
          reduce_orders ? order_classes(order_types(e, 0, messages, g.signals)).size() : factorial(e.trader_count());
    }
  return static_cast<double>(permutations) / static_cast<double>(x.cells.size());
}

void bm_evaluate(benchmark::State& state, bool reduce_orders) {
  Instance& x = instance();
  const Economy& e = x.economy();
  for (auto _ : state)
    for (const Cell& c : x.cells) {
      const GEvaluation ev =
          evaluate_trader(e, *e.interdependent, *x.tables, 0, c.theta, c.own, c.strategies, true, reduce_orders);
      benchmark::DoNotOptimize(ev.classes.data());
    }
  state.counters["cells"] = static_cast<double>(x.cells.size());
  state.counters["permutations_per_cell"] = permutations_per_cell(x, reduce_orders);
}

template <class T>
void bm_utility(benchmark::State& state) {
  Instance& x = instance();
  const Economy& e = x.economy();
  for (auto _ : state)
    for (std::size_t c = 0; c < x.cells.size(); ++c) {
      T u = interim_utility<T>(e, *e.interdependent, 0, x.cells[c].theta, x.evaluations[c]);
      benchmark::DoNotOptimize(u);
    }
  state.counters["cells"] = static_cast<double>(x.cells.size());
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  auto timed = [](benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond)->UseRealTime(); };
  timed(benchmark::RegisterBenchmark("evaluate/orders_reduced", bm_evaluate, true));
  timed(benchmark::RegisterBenchmark("evaluate/every_order", bm_evaluate, false)->Iterations(1));
  timed(benchmark::RegisterBenchmark("utility/rational", bm_utility<Rational>));
  timed(benchmark::RegisterBenchmark("utility/double", bm_utility<double>));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
