// What exactness costs for mat.theorem1 (Matsushima 2005, Theorem 1: in G*, the undominated
// demand functions M*_i are exactly the price-taking ones D*_i), and where double gets M*_i wrong.
//
// Instance (built here, the one of cases/mat/theorem1-four-traders.toml): 2n = 4 traders in two
// groups, k = 1, l = 2, T = 2 (prices 0, 1/2, 1), endowments 1, v = (0, 4/5, 7/5) for traders
// 1-2 and (0, 1/3, 1/2) for traders 3-4, epsilon = 1/10; |D| = 3^3 = 27, |D|^4 = 531441
// profiles. Trader 1's brute force runs over all 27 x 27^3 = 531441 (own demand function,
// ordered opponents' profile) pairs (symmetry = false), each an exact lottery over 4! = 24
// permutations x (1 + 3) (rule, price) outcomes.
//
// Timed (wall clock: the library runs on the TBB pool; the CPU column is the whole process's):
//   outcome_table                   the exact integer outcome counts of every pair, once
//                                   (independent of epsilon and of the number kind);
//   payoff_table/<eps>/<kind>       u_1(g(m)) for every pair in kind T;
//   pure_dominators/<eps>/<kind>    strict pure dominance over the 27 x 26 pairs in T, as the
//                                   library does it (comparisons in T; an interval comparison
//                                   that cannot decide throws Undecidable);
//   certified_dominators/<eps>/interval
//                                   the same test done three-valued with MPFI (here, in this
//                                   file): a pair is decided when the intervals prove it, else
//                                   "undecided" (which an exact fallback would then settle).
// Kinds: rational (exact, GMP mpq), interval20 / interval50 (MPFI, certified, at 20 decimal
// digits = 68 bits, Boost's default, and at 50 digits = 168 bits), double.
// eps: 1e-1 (epsilon = 1/10) and 1e-20 (epsilon = 1/10^20; the outcome table is the same).
//
// Counters (computed once per benchmark outside the timed loop, against the exact sets):
//   undominated    |M*_1| as kind T finds it;    price_taking  |D*_1| (exact, from v_1)
//   equals_D_star  1 when T's undominated set equals D*_1
//   extra, missing demand functions T calls undominated that are dominated exactly / vice versa
//   threw          1 when pure_dominators<Interval> threw Undecidable (an exact tie)
//   undecided      strategies the certified interval test leaves open
//   bits_min, bits_max  MPFI precision of the interval payoffs (checked, not assumed)
// Before the table the program prints, on stderr (lines starting with '#'), the sets themselves.
//
// Debian's libbenchmark is a DEBUG build: compare kinds within one run, as ratios.
#include "mat/model/dominance.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <benchmark/benchmark.h>
#include <mpfi.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::mat;

namespace {

Economy four_traders(const Rational& epsilon) {
  Economy e;
  e.grid = Grid{1, 2, 2};
  e.groups = 2;
  e.group_size = 2;
  e.epsilon = epsilon;
  Trader high{{1}, {0, Rational(4, 5), Rational(7, 5)}, {}};
  Trader low{{1}, {0, Rational(1, 3), Rational(1, 2)}, {}};
  e.traders = {high, high, low, low};
  return e;
}

constexpr int kTrader = 0;

struct Setup {
  std::map<std::string, Economy> economy;  // by eps name
  std::vector<DemandFunction> strategies;
  OpponentProfiles opponents;
  std::optional<OutcomeTable> table;
  std::vector<std::size_t> price_taking;                              // D*_1, exact
  std::map<std::string, std::vector<std::size_t>> exact_undominated;  // M*_1 by eps
};

Setup& setup() {
  static Setup s;
  return s;
}

const OutcomeTable& table() {
  Setup& s = setup();
  if (!s.table) s.table = outcome_table(s.economy.at("1e-1"), s.strategies, s.opponents);
  return *s.table;
}

std::size_t S() { return setup().strategies.size(); }
std::size_t O() { return setup().opponents.profiles.size(); }

// MPFI's precision (decimal digits) is process-wide in Boost 1.74 (a static, not per thread):
// set it before every interval computation. 0 = leave it (the other kinds).
void use_digits(unsigned digits) {
  if (digits) set_float_precision_digits(digits);
}

// Payoff tables per (eps, kind, digits), computed once outside the timed loops.
template <class T>
const std::vector<T>& payoffs(const std::string& eps, unsigned digits = 0) {
  static std::map<std::string, std::vector<T>> cache;
  const std::string key = eps + "/" + std::to_string(digits);
  auto it = cache.find(key);
  if (it == cache.end()) {
    use_digits(digits);
    it = cache.emplace(key, payoff_table<T>(setup().economy.at(eps), kTrader, table())).first;
  }
  return it->second;
}

std::vector<std::size_t> undominated_of(const std::vector<std::optional<std::size_t>>& dominator) {
  std::vector<std::size_t> u;
  for (std::size_t s = 0; s < dominator.size(); ++s)
    if (!dominator[s]) u.push_back(s);
  return u;
}

std::string set_text(const std::vector<std::size_t>& set) {
  std::string s = "{";
  for (std::size_t j = 0; j < set.size(); ++j)
    s += (j ? ", " : "") + demand_text(setup().economy.at("1e-1").grid, setup().strategies[set[j]]);
  return s + "}";
}

void compare_sets(benchmark::State& state, const std::vector<std::size_t>& found, const std::string& eps) {
  const auto& exact = setup().exact_undominated.at(eps);
  std::size_t extra = 0, missing = 0;
  for (auto s : found) extra += !std::binary_search(exact.begin(), exact.end(), s);
  for (auto s : exact) missing += !std::binary_search(found.begin(), found.end(), s);
  state.counters["undominated"] = static_cast<double>(found.size());
  state.counters["price_taking"] = static_cast<double>(setup().price_taking.size());
  state.counters["equals_D_star"] = found == setup().price_taking ? 1 : 0;
  state.counters["extra"] = static_cast<double>(extra);
  state.counters["missing"] = static_cast<double>(missing);
}

// ---- benchmarks ---------------------------------------------------------------------------

void bm_outcome_table(benchmark::State& state) {
  Setup& s = setup();
  std::optional<OutcomeTable> built;
  for (auto _ : state) {
    built.reset();
    built = outcome_table(s.economy.at("1e-1"), s.strategies, s.opponents);
    benchmark::DoNotOptimize(built->counts.data());
  }
  state.counters["pairs"] = static_cast<double>(built->counts.size());
  state.counters["allocations"] = static_cast<double>(built->allocations);
  if (!s.table) s.table = std::move(built);
}

template <class T>
void bm_payoff_table(benchmark::State& state, std::string eps, unsigned digits) {
  use_digits(digits);
  const OutcomeTable& t = table();
  const Economy& e = setup().economy.at(eps);
  for (auto _ : state) {
    auto U = payoff_table<T>(e, kTrader, t);
    benchmark::DoNotOptimize(U.data());
  }
  state.counters["pairs"] = static_cast<double>(t.counts.size());
}

template <class T>
void bm_pure_dominators(benchmark::State& state, std::string eps, unsigned digits) {
  const auto& U = payoffs<T>(eps, digits);
  std::vector<std::optional<std::size_t>> dominator;
  bool threw = false;
  for (auto _ : state) {
    try {
      dominator = pure_dominators<T>(U, S(), O());
    } catch (const Undecidable&) {
      threw = true;
    }
    benchmark::DoNotOptimize(dominator.data());
  }
  state.counters["threw"] = threw ? 1 : 0;
  if (!threw) compare_sets(state, undominated_of(dominator), eps);
}

// Three-valued strict dominance with MPFI: U[s][o] < U[t][o] is proved when U[t][o] - U[s][o]
// is strictly positive, refuted when it is <= 0 everywhere in the interval, else undecided.
enum class Tri { no, yes, undecided };

struct CertifiedDominance {
  std::vector<Tri> dominated;  // per strategy
};

CertifiedDominance certified_dominators(const std::vector<Interval>& U, std::size_t strategies, std::size_t profiles) {
  CertifiedDominance out;
  out.dominated.assign(strategies, Tri::no);
  Interval d;
  for (std::size_t s = 0; s < strategies; ++s) {
    bool open = false;
    for (std::size_t t = 0; t < strategies; ++t) {
      if (t == s) continue;
      Tri pair = Tri::yes;  // t strictly dominates s
      for (std::size_t o = 0; o < profiles; ++o) {
        mpfi_sub(d.backend().data(), U[t * profiles + o].backend().data(), U[s * profiles + o].backend().data());
        if (mpfi_is_strictly_pos(d.backend().data())) continue;
        if (mpfi_is_nonpos(d.backend().data()) > 0) {
          pair = Tri::no;
          break;
        }
        pair = Tri::undecided;  // keep looking for a profile that refutes it
      }
      if (pair == Tri::yes) {
        out.dominated[s] = Tri::yes;
        open = false;
        break;
      }
      open = open || pair == Tri::undecided;
    }
    if (open) out.dominated[s] = Tri::undecided;
  }
  return out;
}

void bm_certified(benchmark::State& state, std::string eps, unsigned digits) {
  const auto& U = payoffs<Interval>(eps, digits);
  use_digits(digits);
  CertifiedDominance c;
  for (auto _ : state) {
    c = certified_dominators(U, S(), O());
    benchmark::DoNotOptimize(c.dominated.data());
  }
  std::vector<std::size_t> undominated;
  std::size_t undecided = 0;
  for (std::size_t s = 0; s < c.dominated.size(); ++s) {
    if (c.dominated[s] == Tri::no) undominated.push_back(s);
    if (c.dominated[s] == Tri::undecided) ++undecided;
  }
  compare_sets(state, undominated, eps);
  state.counters["undecided"] = static_cast<double>(undecided);
  // MPFI's working precision of the payoffs (set per thread: payoff_table runs on the TBB pool).
  long bits_min = LONG_MAX, bits_max = 0;
  for (const auto& u : U) {
    const long b = static_cast<long>(mpfi_get_prec(u.backend().data()));
    bits_min = std::min(bits_min, b);
    bits_max = std::max(bits_max, b);
  }
  state.counters["bits_min"] = static_cast<double>(bits_min);
  state.counters["bits_max"] = static_cast<double>(bits_max);
}

void print_sets(const std::string& eps) {
  const auto exact = undominated_of(pure_dominators<Rational>(payoffs<Rational>(eps), S(), O()));
  setup().exact_undominated[eps] = exact;
  const auto dbl = undominated_of(pure_dominators<double>(payoffs<double>(eps), S(), O()));
  const Economy& e = setup().economy.at(eps);
  std::fprintf(stderr, "# epsilon = %s: exact M*_1 = %s (%zu); D*_1 = %s (%zu); M*_1 == D*_1: %s\n",
               to_string(e.epsilon).c_str(), set_text(exact).c_str(), exact.size(),
               set_text(setup().price_taking).c_str(), setup().price_taking.size(),
               exact == setup().price_taking ? "yes" : "NO");
  std::fprintf(stderr, "# epsilon = %s: double's undominated set has %zu demand functions%s%s\n",
               to_string(e.epsilon).c_str(), dbl.size(), dbl == exact ? " (the exact set)" : ": ",
               dbl == exact ? "" : set_text(dbl).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Setup& s = setup();
  s.economy.emplace("1e-1", four_traders(Rational(1, 10)));
  Rational tiny(1);
  for (int j = 0; j < 20; ++j) tiny /= 10;
  s.economy.emplace("1e-20", four_traders(tiny));
  const Economy& e = s.economy.at("1e-1");
  for (std::uint64_t d = 0; d < demand_function_count(e.grid); ++d) s.strategies.push_back(demand_function(e.grid, d));
  s.opponents = opponent_profiles(e, kTrader, s.strategies.size(), /*symmetry=*/false);
  for (std::size_t d = 0; d < s.strategies.size(); ++d)
    if (e.price_taking(kTrader, s.strategies[d])) s.price_taking.push_back(d);
  std::fprintf(stderr,
               "# trader 1: |D| = %zu, %zu ordered opponents' profiles, %zu pairs, N! (1 + |P|) = %llu outcomes each\n",
               s.strategies.size(), s.opponents.profiles.size(), s.strategies.size() * s.opponents.profiles.size(),
               static_cast<unsigned long long>(factorial(e.trader_count()) * (1 + e.grid.price_count())));

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // The exact sets every counter compares with (needs the table: built here unless the timed
  // outcome_table benchmark runs first -- it is registered first and keeps its table).
  benchmark::RegisterBenchmark("outcome_table", bm_outcome_table)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->UseRealTime()
      ->MeasureProcessCPUTime();
  auto timed = [](benchmark::internal::Benchmark* b) {
    b->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
  };
  struct Kind {
    std::string name;
    unsigned digits;  // MPFI precision; 0 for rational and double
  };
  const std::vector<Kind> intervals = {{"interval20", 20}, {"interval50", 50}};
  for (const std::string eps : {"1e-1", "1e-20"}) {
    timed(benchmark::RegisterBenchmark(("payoff_table/" + eps + "/rational").c_str(), bm_payoff_table<Rational>, eps,
                                       0u));
    for (const auto& k : intervals)
      timed(benchmark::RegisterBenchmark(("payoff_table/" + eps + "/" + k.name).c_str(), bm_payoff_table<Interval>, eps,
                                         k.digits));
    timed(benchmark::RegisterBenchmark(("payoff_table/" + eps + "/double").c_str(), bm_payoff_table<double>, eps, 0u));
    timed(benchmark::RegisterBenchmark(("pure_dominators/" + eps + "/rational").c_str(), bm_pure_dominators<Rational>,
                                       eps, 0u));
    for (const auto& k : intervals)
      timed(benchmark::RegisterBenchmark(("pure_dominators/" + eps + "/" + k.name).c_str(),
                                         bm_pure_dominators<Interval>, eps, k.digits));
    timed(benchmark::RegisterBenchmark(("pure_dominators/" + eps + "/double").c_str(), bm_pure_dominators<double>, eps,
                                       0u));
    for (const auto& k : intervals)
      timed(benchmark::RegisterBenchmark(("certified_dominators/" + eps + "/" + k.name).c_str(), bm_certified, eps,
                                         k.digits));
  }
  // Exact and double sets, printed before the timings (this builds the outcome table once,
  // untimed; the outcome_table benchmark times a second build).
  print_sets("1e-1");
  print_sets("1e-20");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
