// What exactness costs for llm.prop1 (Liu, Loertscher & Marx 2020, Proposition 1: with
// common worst-off types, the VCG budget surplus Pi(theta, r) of eq. (2) is >= 0 everywhere).
//
// The checker's work is the vertex reduction: Pi(., r) is linear on the cells cut by
// theta_i = theta_j and theta_i = hat_j, so it is scanned on the vertex grid
// {lo, hat_1, ..., hat_n, hi}^n. This program times, per instance:
//   prepare/<instance>            r_star + vertex_grid, exactly (root isolation, qqbar);
//   scan/<instance>/<kind>        scan_vertex_grid<T>: eq. (2) at every grid point in kind T;
//   scan/<instance>/exact_forms   scan_vertex_grid_exact over every ordered profile: eq. (2) as a
//                                 linear form in the grid constants, integer coefficients, each
//                                 distinct form's sign decided once (enclosure, else qqbar);
//   scan/<instance>/exact_orbits  the same over orbits of exchangeable agents (what the claims run);
//   growth/uniform_n<N>/<kind>    uniform agents at r*, n = 4..10 (30 for the orbits): how the
//                                 exact scans and the double scan grow with n (no reference);
//   surplus/<instance>/<profile>/<kind>
//                                 budget_surplus<T> at one profile: "hat" (every type at the
//                                 common worst-off type, where Pi = 0 exactly) and "corner"
//                                 (theta = (hi, lo, ..., lo));
//   mul_add/<instance>/<kind>     one x*y + z in T on the grid's numbers (hat_1, min(r_1,k_1));
//   allocation/<instance>         efficient_allocation (GMP rationals), the kind-independent
//                                 part of every welfare call.
// Kinds: algebraic (exact, Calcium qqbar), interval (MPFI, certified), double, mpfr
// (MPFR; MPFR and MPFI at 50 decimal digits, ~166 bits).
//
// Counters (computed once per benchmark, outside the timed loop, point by point against the
// exact values):
//   points       grid points evaluated per scan
//   exact_zero   points where Pi = 0 exactly
//   neg, zero, pos, undecided   the signs that kind T reports (scan_vertex_grid's own counts)
//   false_neg    points where T reports Pi < 0 but Pi >= 0 exactly (a spurious counterexample)
//   wrong_sign   decided signs that differ from the exact sign (includes false_neg; e.g. a
//                double that reports +1e-17 where Pi = 0)
//   min          the smallest value the scan found, converted to double
//
// Debian's libbenchmark is a DEBUG build: compare kinds within one run, as ratios.
#include "llm/model/economy.hpp"
#include "llm/model/grid_scan.hpp"
#include "llm/model/spot_market.hpp"
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

constexpr unsigned kFloatDigits = 50;

// ---- instances ------------------------------------------------------------------------

Economy symmetric_uniform(int n, const Rational& k) {
  Economy e;
  e.lo = 0;
  e.hi = 1;
  for (int i = 0; i < n; ++i) e.agents.push_back({k, uniform_cdf(0, 1), "uniform"});
  return e;
}

// Figure 1 of the paper: k = (1/3, 2/3, 2/3), uniform types.
Economy figure1() {
  Economy e;
  e.lo = 0;
  e.hi = 1;
  for (Rational k : {Rational(1, 3), Rational(2, 3), Rational(2, 3)})
    e.agents.push_back({k, uniform_cdf(0, 1), "uniform"});
  return e;
}

// n = 3, k = 1, F_1(t) = t^2, F_2 = F_3 uniform: sum q_i = t^2 + 2 t^3 = 1, a cubic hat_theta.
Economy power_first() {
  Economy e;
  e.lo = 0;
  e.hi = 1;
  e.agents.push_back({Rational(1), power_cdf(0, 1, 2), "t^2"});
  for (int i = 0; i < 2; ++i) e.agents.push_back({Rational(1), uniform_cdf(0, 1), "uniform"});
  return e;
}

struct Instance {
  std::string name;
  Economy economy;
  std::vector<Algebraic> r;
  VertexGrid grid;
  std::vector<int> exact_sign;  // per grid point, in odometer order
  unsigned long long exact_zero = 0, exact_negative = 0;
};

// Calls f(point) for every grid point in scan_vertex_grid's order (odometer, coordinate 0 fastest).
template <class F>
void for_each_point(const VertexGrid& grid, F&& f) {
  const std::size_t n = grid.dimension, m = grid.constants.size();
  std::vector<std::size_t> point(n, 0);
  while (true) {
    f(point);
    std::size_t i = 0;
    while (i < n && ++point[i] == m) point[i++] = 0;
    if (i == n) break;
  }
}

Instance make_instance(std::string name, Economy e, bool exact_signs = true) {
  Instance inst;
  inst.name = std::move(name);
  inst.economy = std::move(e);
  inst.r = r_star(inst.economy);
  inst.grid = vertex_grid(inst.economy, inst.r);
  if (!exact_signs) return inst;
  for_each_point(inst.grid, [&](const std::vector<std::size_t>& point) {
    int s = budget_surplus_at(inst.grid, point).sign();
    inst.exact_sign.push_back(s);
    if (s == 0) ++inst.exact_zero;
    if (s < 0) ++inst.exact_negative;
  });
  return inst;
}

// ---- per-kind inputs --------------------------------------------------------------------

// The inputs of budget_surplus<T> for a grid point, converted to T once.
template <class T>
struct KindInputs {
  std::vector<T> constant_value, hat, outside;
  Ranking hat_rank;
  explicit KindInputs(const VertexGrid& grid) {
    for (const auto& c : grid.constants) constant_value.push_back(algebraic_to<T>(c));
    for (const auto& o : grid.outside) outside.push_back(algebraic_to<T>(o));
    for (std::size_t i = 0; i < grid.dimension; ++i) {
      hat.push_back(constant_value[grid.hat_index[i]]);
      hat_rank.push_back(grid.constant_rank[grid.hat_index[i]]);
    }
  }
  T surplus(const VertexGrid& grid, const std::vector<std::size_t>& point) const {
    std::vector<T> theta;
    Ranking theta_rank;
    for (std::size_t c : point) {
      theta.push_back(constant_value[c]);
      theta_rank.push_back(grid.constant_rank[c]);
    }
    return budget_surplus(theta, theta_rank, hat, hat_rank, grid.k, outside);
  }
};

template <class T>
int sign_or_undecided(const T& x, bool& undecided) {
  try {
    undecided = false;
    return sign_of(x);
  } catch (const Undecidable&) {
    undecided = true;
    return 0;
  }
}

template <class T>
double to_double_for_report(const T& x) {
  if constexpr (std::is_same_v<T, double>) return x;
  else if constexpr (std::is_same_v<T, Algebraic>) return x.to_double();
  else if constexpr (std::is_same_v<T, Interval>) return lower_bound(x).template convert_to<double>();
  else return x.template convert_to<double>();
}

struct Agreement {
  unsigned long long false_negative = 0, wrong_sign = 0;
};

// Point by point: the sign that T reports against the exact sign.
template <class T>
Agreement agreement(const Instance& inst) {
  KindInputs<T> in(inst.grid);
  Agreement a;
  std::size_t index = 0;
  for_each_point(inst.grid, [&](const std::vector<std::size_t>& point) {
    bool undecided = false;
    int s = sign_or_undecided(in.surplus(inst.grid, point), undecided);
    int exact = inst.exact_sign[index++];
    if (undecided) return;
    if (s < 0 && exact >= 0) ++a.false_negative;
    if (s != exact) ++a.wrong_sign;
  });
  return a;
}

// ---- benchmarks ---------------------------------------------------------------------------

void bm_prepare(benchmark::State& state, const Instance* inst) {
  for (auto _ : state) {
    auto r = r_star(inst->economy);
    auto grid = vertex_grid(inst->economy, r);
    benchmark::DoNotOptimize(grid.dimension);
  }
  state.counters["points"] = static_cast<double>(inst->grid.point_count());
  state.counters["constants"] = static_cast<double>(inst->grid.constants.size());
}

template <class T>
void bm_scan(benchmark::State& state, const Instance* inst) {
  set_float_precision_digits(kFloatDigits);
  GridScan<T> scan;
  for (auto _ : state) {
    scan = scan_vertex_grid<T>(inst->grid);
    benchmark::DoNotOptimize(scan.positive);
  }
  Agreement a = agreement<T>(*inst);
  const double points = static_cast<double>(inst->grid.point_count());
  if (scan.negative + scan.zero + scan.positive + scan.undecided != inst->grid.point_count())
    state.SkipWithError("scan counts do not add up to the grid size");
  state.counters["points"] = points;
  state.counters["exact_zero"] = static_cast<double>(inst->exact_zero);
  state.counters["neg"] = static_cast<double>(scan.negative);
  state.counters["zero"] = static_cast<double>(scan.zero);
  state.counters["pos"] = static_cast<double>(scan.positive);
  state.counters["undecided"] = static_cast<double>(scan.undecided);
  state.counters["false_neg"] = static_cast<double>(a.false_negative);
  state.counters["wrong_sign"] = static_cast<double>(a.wrong_sign);
  if (scan.minimum) state.counters["min"] = to_double_for_report(*scan.minimum);
  // Seconds per grid point (printed with an SI prefix: 1.2u = 1.2 microseconds).
  state.counters["s_per_point"] =
      benchmark::Counter(points, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The exact scan of grid_scan.hpp (by linear forms; with or without orbits). Its counts must be
// the reference's (tests/llm/grid_scan_test.cpp); here they are checked against the exact signs.
void bm_scan_exact(benchmark::State& state, const Instance* inst, GridSymmetry symmetry) {
  ExactScanOptions options;
  options.symmetry = symmetry;
  GridScan<Algebraic> scan;
  ExactScanWork work;
  for (auto _ : state) {
    scan = scan_vertex_grid_exact(inst->grid, options, &work);
    benchmark::DoNotOptimize(scan.positive);
  }
  const double points = static_cast<double>(inst->grid.point_count());
  if (scan.negative + scan.zero + scan.positive != inst->grid.point_count())
    state.SkipWithError("scan counts do not add up to the grid size");
  if (!inst->exact_sign.empty() && (scan.zero != inst->exact_zero || scan.negative != inst->exact_negative))
    state.SkipWithError("the exact scan's counts differ from the exact signs");
  state.counters["points"] = points;
  state.counters["profiles"] = static_cast<double>(work.profiles);
  state.counters["forms"] = static_cast<double>(work.distinct_forms);
  state.counters["qqbar_signs"] = static_cast<double>(work.exact_decisions);
  state.counters["neg"] = static_cast<double>(scan.negative);
  state.counters["zero"] = static_cast<double>(scan.zero);
  state.counters["pos"] = static_cast<double>(scan.positive);
  state.counters["min"] = scan.minimum->to_double();
  state.counters["s_per_point"] =
      benchmark::Counter(points, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The double scan alone (no agreement counters: growth instances have no exact signs).
void bm_scan_double(benchmark::State& state, const Instance* inst) {
  GridScan<double> scan;
  for (auto _ : state) {
    scan = scan_vertex_grid<double>(inst->grid);
    benchmark::DoNotOptimize(scan.positive);
  }
  const double points = static_cast<double>(inst->grid.point_count());
  state.counters["points"] = points;
  state.counters["zero"] = static_cast<double>(scan.zero);
  state.counters["s_per_point"] =
      benchmark::Counter(points, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

template <class T>
void bm_surplus(benchmark::State& state, const Instance* inst, bool at_hat) {
  set_float_precision_digits(kFloatDigits);
  const VertexGrid& grid = inst->grid;
  KindInputs<T> in(grid);
  std::vector<std::size_t> point(grid.dimension, 0);  // corner: (hi, lo, ..., lo)
  if (at_hat) point = grid.hat_index;
  else point[0] = grid.constants.size() - 1;
  std::vector<T> theta;
  Ranking theta_rank;
  for (std::size_t c : point) {
    theta.push_back(in.constant_value[c]);
    theta_rank.push_back(grid.constant_rank[c]);
  }
  for (auto _ : state) {
    T value = budget_surplus(theta, theta_rank, in.hat, in.hat_rank, grid.k, in.outside);
    benchmark::DoNotOptimize(value);
  }
  T value = budget_surplus(theta, theta_rank, in.hat, in.hat_rank, grid.k, in.outside);
  bool undecided = false;
  int s = sign_or_undecided(value, undecided);
  int exact = budget_surplus_at(grid, point).sign();
  state.counters["exact_sign"] = exact;
  state.counters["undecided"] = undecided ? 1 : 0;
  state.counters["sign"] = undecided ? 0 : s;
  state.counters["false_neg"] = (!undecided && s < 0 && exact >= 0) ? 1 : 0;
  state.counters["value"] = to_double_for_report(value);
}

// One multiply-add in T on the grid's own numbers: hat_1 * min(r_1, k_1) + hat_1, the
// shape of eq. (2)'s last term (qqbar must find the minimal polynomial of every result).
template <class T>
void bm_mul_add(benchmark::State& state, const Instance* inst) {
  set_float_precision_digits(kFloatDigits);
  KindInputs<T> in(inst->grid);
  T x = in.hat[0];
  T y = in.outside[0];
  for (auto _ : state) {
    benchmark::DoNotOptimize(x);  // the compiler must assume x and y change: nothing is hoisted
    benchmark::DoNotOptimize(y);
    T value = T(x * y + x);
    benchmark::DoNotOptimize(value);
  }
}

// The kind-independent part of every welfare call: the greedy allocation, in GMP rationals.
void bm_allocation(benchmark::State& state, const Instance* inst) {
  const VertexGrid& grid = inst->grid;
  Ranking rank(grid.dimension, grid.constant_rank.front());
  rank[0] = grid.constant_rank.back();  // corner (hi, lo, ..., lo)
  for (auto _ : state) {
    auto q = efficient_allocation(rank, grid.k);
    benchmark::DoNotOptimize(q.data());
  }
}

void register_exact_scans(const Instance* inst, const std::string& prefix, bool every_point) {
  if (every_point)
    benchmark::RegisterBenchmark((prefix + "/exact_forms").c_str(), bm_scan_exact, inst, GridSymmetry::every_point)
        ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark((prefix + "/exact_orbits").c_str(), bm_scan_exact, inst, GridSymmetry::orbits)
      ->Unit(benchmark::kMicrosecond);
}

template <class T>
void register_kind(const Instance* inst, const char* kind) {
  benchmark::RegisterBenchmark(("scan/" + inst->name + "/" + kind).c_str(), bm_scan<T>, inst)
      ->Unit(benchmark::kMicrosecond);
  for (bool at_hat : {true, false})
    benchmark::RegisterBenchmark(("surplus/" + inst->name + "/" + (at_hat ? "hat" : "corner") + "/" + kind).c_str(),
                                 bm_surplus<T>, inst, at_hat)
        ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("mul_add/" + inst->name + "/" + kind).c_str(), bm_mul_add<T>, inst)
      ->Unit(benchmark::kNanosecond);
}

}  // namespace

int main(int argc, char** argv) {
  set_float_precision_digits(kFloatDigits);
  // Built once, before any timing; static storage so the benchmarks can point at them.
  static std::vector<Instance> instances;
  instances.reserve(5);
  instances.push_back(make_instance("uniform_n2", symmetric_uniform(2, 1)));
  instances.push_back(make_instance("uniform_n3", symmetric_uniform(3, 1)));
  instances.push_back(make_instance("uniform_n4", symmetric_uniform(4, 1)));
  instances.push_back(make_instance("fig1_n3", figure1()));
  instances.push_back(make_instance("t2_n3", power_first()));

  for (const auto& inst : instances) {
    std::fprintf(stderr,
                 "# %s: hat_theta = %s (minimal polynomial %s), %zu constants, %llu grid points, "
                 "%llu exact zeros, %llu exact negatives\n",
                 inst.name.c_str(), inst.grid.constants[inst.grid.hat_index[0]].to_string(20).c_str(),
                 inst.grid.constants[inst.grid.hat_index[0]].minimal_polynomial_string("t").c_str(),
                 inst.grid.constants.size(), inst.grid.point_count(), inst.exact_zero, inst.exact_negative);
  }

  // Growth in n (uniform agents at r*): the exact scans and the double scan, no reference.
  static std::vector<Instance> growth;
  growth.reserve(8);
  for (int n : {4, 6, 8, 10, 30})
    growth.push_back(make_instance("uniform_n" + std::to_string(n), symmetric_uniform(n, 1), false));

  for (const auto& inst : instances) {
    benchmark::RegisterBenchmark(("prepare/" + inst.name).c_str(), bm_prepare, &inst)->Unit(benchmark::kMicrosecond);
    register_exact_scans(&inst, "scan/" + inst.name, true);
    benchmark::RegisterBenchmark(("allocation/" + inst.name).c_str(), bm_allocation, &inst)
        ->Unit(benchmark::kNanosecond);
    register_kind<Algebraic>(&inst, "exact");
    register_kind<Interval>(&inst, "interval");
    register_kind<double>(&inst, "double");
    register_kind<Mpfr>(&inst, "mpfr");
  }

  for (const auto& inst : growth) {
    const bool every_point = inst.grid.point_count() <= 100000;
    register_exact_scans(&inst, "growth/" + inst.name, every_point);
    if (every_point)
      benchmark::RegisterBenchmark(("growth/" + inst.name + "/double").c_str(), bm_scan_double, &inst)
          ->Unit(benchmark::kMicrosecond);
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
