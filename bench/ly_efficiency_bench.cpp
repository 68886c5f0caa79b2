// The grid search of ly.efficiency_structure (Larionov & Yamashita 2024; proofs/ly/claims/
// efficiency_grid.hpp, search_efficiency): what the integer prefilter saves over deciding the
// skips on rational structures, and what the parallel rows add.
//
// Benchmarks (instance: cases/ly/perfect-correlation-2x2.toml, distinct posteriors demanded, as
// the checker searches; grids 2x2x2 with N = 6 and 3x3x2 with N = 4):
//   grid_skip/<grid>/counts       grid_skip_by_counts on every structure of the grid (integers)
//   grid_skip/<grid>/rationals    the rational structure built and grid_skip_by_rationals on it
//   search/<grid>/<filter>/t<n>   search_efficiency with the checker's consistency test, the skips
//                                 by `filter` (counts or rationals), on at most n threads
//
// Counters (computed outside the timed loop): structures, kept (tested for consistency),
// consistent, counterexamples.
//
// Debian's libbenchmark is a DEBUG build: compare kinds within one run, as ratios.
#include "ly/claims/claims.hpp"
#include "ly/claims/efficiency_grid.hpp"
#include "ly/model/economy.hpp"
#include "mechcheck/cases/case.hpp"

#include <benchmark/benchmark.h>

#include <tbb/global_control.h>

#include <memory>
#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::ly;

namespace {

const std::string kCasesDir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/ly/";

struct Grid {
  std::size_t I, J;
  int N;
  std::string name() const { return std::to_string(I) + "x" + std::to_string(J) + "x2_N" + std::to_string(N); }
};

const Economy& economy() {
  static const Case c = load_case(kCasesDir + "perfect-correlation-2x2.toml", {{"ly", &parse_economy}});
  return *dynamic_cast<const Economy*>(c.data.get());
}

void bm_grid_skip(benchmark::State& state, Grid g, bool by_counts) {
  const Economy& e = economy();
  const std::vector<proofs::Composition> comps = proofs::compositions(g.N, g.I * g.J);
  const proofs::GridStructures grid(e.prior, g.I, g.J, g.N);
  long long kept = 0;
  for (auto _ : state) {
    kept = 0;
    for (const auto& lo : comps)
      for (const auto& hi : comps) {
        const proofs::GridSkip skip = by_counts ? proofs::grid_skip_by_counts(lo, hi, g.I, g.J, true)
                                                : proofs::grid_skip_by_rationals(grid.at(lo, hi), e.prior, true);
        kept += skip == proofs::GridSkip::kept;
      }
    benchmark::DoNotOptimize(kept);
  }
  state.counters["structures"] = static_cast<double>(comps.size() * comps.size());
  state.counters["kept"] = static_cast<double>(kept);
}

void bm_search(benchmark::State& state, Grid g, proofs::GridFilter filter, int threads) {
  const Economy& e = economy();
  const proofs::ConsistencyTest test = [&](const Structure& s, const Matrix& q) {
    return proofs::consistent_with_efficient_trade(e, s, q, nullptr);
  };
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  proofs::EfficiencySearch found;
  for (auto _ : state) {
    found = proofs::search_efficiency(e, g.I, g.J, g.N, true, true, test, CheckContext{}, filter);
    benchmark::DoNotOptimize(found.structures);
  }
  state.counters["structures"] = static_cast<double>(found.structures);
  state.counters["kept"] =
      static_cast<double>(found.structures - found.zero_signal - found.boundary - found.not_distinct);
  state.counters["consistent"] = static_cast<double>(found.consistent);
  state.counters["counterexamples"] = static_cast<double>(found.counterexamples);
}

}  // namespace

int main(int argc, char** argv) {
  for (const Grid g : {Grid{2, 2, 6}, Grid{3, 3, 4}}) {
    for (bool by_counts : {true, false})
      benchmark::RegisterBenchmark(("grid_skip/" + g.name() + (by_counts ? "/counts" : "/rationals")).c_str(),
                                   bm_grid_skip, g, by_counts)
          ->Unit(benchmark::kMillisecond);
    for (auto [filter, name] :
         {std::pair{proofs::GridFilter::integer_counts, "counts"}, {proofs::GridFilter::rationals, "rationals"}})
      for (int threads : {1, 2})
        benchmark::RegisterBenchmark(("search/" + g.name() + "/" + name + "/t" + std::to_string(threads)).c_str(),
                                     bm_search, g, filter, threads)
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
