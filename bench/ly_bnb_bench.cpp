// What exactness costs for the ly checkers (Larionov & Yamashita 2024): the subsidy
// branch-and-bound of ly.subsidy and the exp-sum sign decisions and both routes of
// ly.implementability (proofs/ly/model/subsidy.hpp, exp_sum.hpp, implementability.hpp).
//
// Benchmarks (instances: committed cases of cases/ly/ read with the ly parser, and 3x3 / 4x4
// structures built here):
//   subsidy_search/<case>             subsidy_optimum: the numeric (double) candidate search
//   subsidy_bnb/<case>/d<depth>_r<refinements>
//                                     certify_subsidy_optimum at the candidate (MPFI, certified):
//                                     growth with the branch-and-bound depth and refinements
//   T/<case>/<kind>                   T(x) once at the candidate, x = mu0(v_hi): double
//                                     (subsidy_T) and interval (subsidy_T_enclosure)
//   kinks/<case>                      subsidy_kinks: the kinks as exact exp-sums (rational algebra)
//   kink_side/<case>/<kind>           the signs of x_b - mu0 and x_s - mu0 that ly.subsidy decides:
//                                     exact (decide_sign: identity test, then MPFI at 128, 256, ...
//                                     bits), interval (one enclosure at 128 bits), double
//                                     (subsidy_closure's kinks at the double candidate)
//   identity/<case>                   decide_sign of (Opt^b) at x_b: an identically zero exp-sum,
//                                     decided exactly without any enclosure
//   multipliers/<structure>/<player>  solve_multipliers (route A: ST, CS exact; DF, NA by exp-sums)
//   deviation/<structure>/<player>    best_deviation (route B: double search, then a certified
//                                     witness or an exact duality certificate)
//   objective/<structure>/b<bits>     objective_enclosure of the player's own structure (MPFI)
// Structures: 2x2 cases (full support, perfect correlation, NA binding) and 3x3, 4x4 built here
// (conditionally independent full support, and perfectly correlated with the transfers of
// perfect_correlation_transfers): growth with the number of signals.
//
// Counters (computed outside the timed loop):
//   boxes, pruned, leaves_interior, leaves_boundary, leaves_undecided   the branch-and-bound's
//   gap_digits        -log10(upper - lower) of the certified enclosure of the optimal revenue
//   optimum           +1 interior (two kinks), -1 boundary (not attained), 0 undecided
//   wrong_sign, undecided   kink_side: signs of that kind that differ from the exact sign /
//                           that it cannot decide; the exact signs are `sign_b`, `sign_s`
//   exists, na_sign, binding_df     solve_multipliers' report
//   numeric_gain, iterations, optimal_proven, witness   best_deviation's report
//   width_digits      -log10 of the objective's enclosure width
//
// Debian's libbenchmark is a DEBUG build: compare kinds within one run, as ratios.
#include "ly/model/economy.hpp"
#include "ly/model/exp_sum.hpp"
#include "ly/model/implementability.hpp"
#include "ly/model/subsidy.hpp"
#include "mechcheck/cases/case.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::ly;

namespace {

const std::string kCasesDir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/ly/";

struct Instance {
  std::string name;
  std::shared_ptr<const ModelData> data;
  const Economy& economy() const { return *dynamic_cast<const Economy*>(data.get()); }
};

Instance load(const std::string& stem) {
  const Case c = load_case(kCasesDir + stem + ".toml", {{"ly", &parse_economy}});
  return {stem, c.data};
}

// The rational candidate ly.subsidy certifies around: the numeric optimum rounded to 40 bits
// (as the checker's dyadic()).
Rational dyadic(double x, int bits = 40) {
  return Rational(static_cast<long long>(std::llround(std::ldexp(x, bits)))) / Rational(Integer(1) << bits);
}

struct Candidate {
  NumericOptimum numeric;
  Rational pb, ps;
};
Candidate candidate(const Economy& e) {
  Candidate c{subsidy_optimum(e), 0, 0};
  c.pb = dyadic(c.numeric.pb);
  c.ps = dyadic(c.numeric.ps);
  return c;
}

double log10_width(const Rational& w) { return w > 0 ? -std::log10(w.convert_to<double>()) : 0.0; }

// The economies of the structure benchmarks, prior 1/2, u^b = (1, 3), u^s = (0, 1), kappa = 1
// (as cases/ly/full-support-2x2.toml), q = 1.
Economy base_economy() {
  Economy e;
  e.prior = {Rational(1, 2), Rational(1, 2)};
  e.buyer_value = {Rational(1), Rational(3)};
  e.seller_value = {Rational(0), Rational(1)};
  e.kappa = 1;
  return e;
}
Matrix constant(std::size_t n, const Rational& x) { return Matrix(n, std::vector<Rational>(n, x)); }

// Conditionally independent n x n full support: P(s_i | lo) = P(s_(n-1-i) | hi) = weight_i, the
// buyer's and the seller's signals alike; flat transfers 1 (a generalisation of full-support-2x2).
std::shared_ptr<const ModelData> full_support(std::size_t n) {
  auto e = std::make_shared<Economy>(base_economy());
  std::vector<Rational> weight;
  Rational total = 0;
  for (std::size_t i = 0; i < n; ++i) total += Rational(static_cast<long long>(n - i));
  for (std::size_t i = 0; i < n; ++i) weight.push_back(Rational(static_cast<long long>(n - i)) / total);
  for (int v = 0; v < 2; ++v) {
    e->structure.alpha[v] = constant(n, 0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        const Rational& wi = v == LO ? weight[i] : weight[n - 1 - i];
        const Rational& wj = v == LO ? weight[j] : weight[n - 1 - j];
        e->structure.alpha[v][i][j] = e->prior[v] * wi * wj;
      }
  }
  e->mechanism = Mechanism{constant(n, 1), constant(n, 1), constant(n, 1)};
  return e;
}

// Perfectly correlated n x n (diagonal), each signal with mass 1/n and posterior
// mu_i(v_hi) = (2i + 1)/(2n); transfers from perfect_correlation_transfers (implementable).
std::shared_ptr<const ModelData> perfect_correlation(std::size_t n) {
  auto e = std::make_shared<Economy>(base_economy());
  for (int v = 0; v < 2; ++v) e->structure.alpha[v] = constant(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Rational hi(static_cast<long long>(2 * i + 1), static_cast<long long>(2 * n));
    e->structure.alpha[HI][i][i] = hi / Rational(static_cast<long long>(n));
    e->structure.alpha[LO][i][i] = (1 - hi) / Rational(static_cast<long long>(n));
  }
  e->mechanism = perfect_correlation_transfers(*e, constant(n, 1));
  return e;
}

// ---- subsidy ------------------------------------------------------------------------------

void bm_subsidy_search(benchmark::State& state, const Instance* inst) {
  NumericOptimum opt;
  for (auto _ : state) {
    opt = subsidy_optimum(inst->economy());
    // Not DoNotOptimize(opt.pb): libbenchmark 1.7.1's "+r,m" asm constraint on a double member
    // that is read afterwards left a garbage value in it with GCC 12 -O3 (seen on numeric_gain).
    benchmark::DoNotOptimize(opt.evaluations);
  }
  state.counters["evaluations"] = static_cast<double>(opt.evaluations);
  state.counters["value"] = opt.split.value;
}

void bm_subsidy_bnb(benchmark::State& state, const Instance* inst, int depth, int refinements) {
  const Economy& e = inst->economy();
  const Candidate c = candidate(e);
  SubsidyCertificate cert;
  for (auto _ : state) {
    cert = certify_subsidy_optimum(e, c.pb, c.ps, refinements, depth);
    benchmark::DoNotOptimize(cert.boxes);
  }
  state.counters["boxes"] = static_cast<double>(cert.boxes);
  state.counters["pruned"] = static_cast<double>(cert.pruned);
  state.counters["leaves_interior"] = static_cast<double>(cert.leaves_interior);
  state.counters["leaves_boundary"] = static_cast<double>(cert.leaves_boundary);
  state.counters["leaves_undecided"] = static_cast<double>(cert.leaves_undecided);
  state.counters["gap_digits"] = log10_width(cert.upper - cert.lower);
  state.counters["optimum"] = cert.optimum == SubsidyCertificate::Optimum::interior   ? 1
                              : cert.optimum == SubsidyCertificate::Optimum::boundary ? -1
                                                                                      : 0;
}

void bm_T(benchmark::State& state, const Instance* inst, bool interval) {
  const Economy& e = inst->economy();
  const Candidate c = candidate(e);
  const Rational x = e.prior[HI];
  if (interval) {
    const Interval xi = from_rational<Interval>(x);
    Interval t;
    for (auto _ : state) {
      t = subsidy_T_enclosure(e, c.pb, c.ps, xi);
      benchmark::DoNotOptimize(t);
    }
    state.counters["width_digits"] = log10_width(width(t));
  } else {
    const double pb = c.pb.convert_to<double>(), ps = c.ps.convert_to<double>(), xd = x.convert_to<double>();
    for (auto _ : state) {
      double t = subsidy_T(e, pb, ps, xd);
      benchmark::DoNotOptimize(t);
    }
  }
}

void bm_kinks(benchmark::State& state, const Instance* inst) {
  const Economy& e = inst->economy();
  const Candidate c = candidate(e);
  for (auto _ : state) {
    Kinks k = subsidy_kinks(e, c.pb, c.ps);
    benchmark::DoNotOptimize(k);
  }
  const Kinks k = subsidy_kinks(e, c.pb, c.ps);
  state.counters["terms"] = static_cast<double>(k.xb_num.terms().size() + k.Kb.terms().size() +
                                                k.xs_num.terms().size() + k.Ks.terms().size());
}

enum class Kind { exact, interval, double_ };

// The sign of an enclosure, 2 when it holds 0 (undecided).
int interval_sign(const Interval& x) {
  if (lower_bound(x) > 0) return 1;
  if (upper_bound(x) < 0) return -1;
  if (lower_bound(x) == 0 && upper_bound(x) == 0) return 0;
  return 2;
}

void bm_kink_side(benchmark::State& state, const Instance* inst, Kind kind) {
  const Economy& e = inst->economy();
  const Candidate c = candidate(e);
  const Rational m = e.prior[HI];
  const Kinks k = subsidy_kinks(e, c.pb, c.ps);
  const ExpSum db = k.xb_num - k.Kb.scaled(m), ds = k.xs_num - k.Ks.scaled(m);  // as ly.subsidy
  const int exact_b = decide_sign(db), exact_s = decide_sign(ds);
  int sb = 0, ss = 0;
  if (kind == Kind::exact) {
    for (auto _ : state) {
      sb = decide_sign(db);
      ss = decide_sign(ds);
      benchmark::DoNotOptimize(sb + ss);
    }
  } else if (kind == Kind::interval) {
    for (auto _ : state) {
      sb = interval_sign(db.enclose(128));
      ss = interval_sign(ds.enclose(128));
      benchmark::DoNotOptimize(sb + ss);
    }
  } else {
    const double md = m.convert_to<double>();
    for (auto _ : state) {
      const NumericSplit split = subsidy_closure(e, c.numeric.pb, c.numeric.ps);
      sb = split.xb > md ? 1 : split.xb < md ? -1 : 0;
      ss = split.xs > md ? 1 : split.xs < md ? -1 : 0;
      benchmark::DoNotOptimize(sb + ss);
    }
  }
  state.counters["sign_b"] = exact_b;
  state.counters["sign_s"] = exact_s;
  state.counters["undecided"] = (sb == 2) + (ss == 2);
  state.counters["wrong_sign"] = (sb != 2 && sb != exact_b) + (ss != 2 && ss != exact_s);
}

void bm_identity(benchmark::State& state, const Instance* inst) {
  const Economy& e = inst->economy();
  const Candidate c = candidate(e);
  const Kinks k = subsidy_kinks(e, c.pb, c.ps);
  const ExpSum identity = opt_b_identity(e, c.pb, k);
  int s = 0;
  for (auto _ : state) {
    s = decide_sign(identity);
    benchmark::DoNotOptimize(s);
  }
  state.counters["sign"] = s;
  state.counters["identically_zero"] = identity.is_identically_zero() ? 1 : 0;
}

// ---- implementability ---------------------------------------------------------------------

PlayerProblem problem_of(const Instance* inst, Player p) {
  const Economy& e = inst->economy();
  return player_problem(e, *e.mechanism, p);
}

void bm_multipliers(benchmark::State& state, const Instance* inst, Player player) {
  const PlayerProblem p = problem_of(inst, player);
  Multipliers m;
  for (auto _ : state) {
    m = solve_multipliers(p);
    benchmark::DoNotOptimize(m.exist);
  }
  state.counters["exists"] = m.exist ? 1 : 0;
  state.counters["na_sign"] = m.na_sign;
  state.counters["binding_df"] = static_cast<double>(m.binding_df);
}

void bm_deviation(benchmark::State& state, const Instance* inst, Player player) {
  const PlayerProblem p = problem_of(inst, player);
  BestDeviation d;
  for (auto _ : state) {
    d = best_deviation(p);
    benchmark::DoNotOptimize(d.iterations);  // see bm_subsidy_search
  }
  state.counters["numeric_gain"] = d.numeric_gain;
  state.counters["iterations"] = static_cast<double>(d.iterations);
  state.counters["optimal_proven"] = d.optimal_proven() ? 1 : 0;
  state.counters["witness"] = d.witness ? 1 : 0;
}

void bm_objective(benchmark::State& state, const Instance* inst, unsigned long bits) {
  const PlayerProblem p = problem_of(inst, Player::buyer);
  Deviation a = p.a;  // the player's own structure, nothing on the abstention row
  for (auto& rows : a) rows.push_back(std::vector<Rational>(p.cols(), 0));
  Interval f;
  for (auto _ : state) {
    f = objective_enclosure(p, a, bits);
    benchmark::DoNotOptimize(f);
  }
  state.counters["width_digits"] = log10_width(width(f));
}

}  // namespace

int main(int argc, char** argv) {
  // Built once, before any timing; static storage so the benchmarks can point at them.
  static std::vector<Instance> subsidy_cases;
  for (const char* stem :
       {"subsidy-two-realizations", "subsidy-two-realizations-kappa1", "subsidy-no-minimum", "subsidy-no-information"})
    subsidy_cases.push_back(load(stem));
  static std::vector<Instance> structures;
  structures.push_back(load("full-support-2x2"));
  structures.push_back(load("implementable-perfect-correlation"));
  structures.push_back(load("na-binds"));
  structures.push_back({"full-support-3x3", full_support(3)});
  structures.push_back({"perfect-correlation-3x3", perfect_correlation(3)});
  structures.push_back({"full-support-4x4", full_support(4)});
  structures.push_back({"perfect-correlation-4x4", perfect_correlation(4)});

  for (const auto& inst : subsidy_cases) {
    const Candidate c = candidate(inst.economy());
    std::fprintf(stderr, "# %s: candidate (p_b, p_s) = (%.10f, %.10f), numeric value %.10f\n", inst.name.c_str(),
                 c.numeric.pb, c.numeric.ps, c.numeric.split.value);
    benchmark::RegisterBenchmark(("subsidy_search/" + inst.name).c_str(), bm_subsidy_search, &inst)
        ->Unit(benchmark::kMillisecond);
    for (auto [depth, refinements] : {std::pair{7, 0}, {9, 0}, {11, 0}, {11, 100}, {11, 500}, {13, 500}})
      benchmark::RegisterBenchmark(
          ("subsidy_bnb/" + inst.name + "/d" + std::to_string(depth) + "_r" + std::to_string(refinements)).c_str(),
          bm_subsidy_bnb, &inst, depth, refinements)
          ->Unit(benchmark::kMillisecond);
    for (bool interval : {false, true})
      benchmark::RegisterBenchmark(("T/" + inst.name + (interval ? "/interval" : "/double")).c_str(), bm_T, &inst,
                                   interval)
          ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("kinks/" + inst.name).c_str(), bm_kinks, &inst)->Unit(benchmark::kMicrosecond);
    for (auto [kind, name] : {std::pair{Kind::exact, "exact"}, {Kind::interval, "interval"}, {Kind::double_, "double"}})
      benchmark::RegisterBenchmark(("kink_side/" + inst.name + "/" + name).c_str(), bm_kink_side, &inst, kind)
          ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("identity/" + inst.name).c_str(), bm_identity, &inst)->Unit(benchmark::kMicrosecond);
  }
  for (const auto& inst : structures) {
    for (Player p : {Player::buyer, Player::seller}) {
      benchmark::RegisterBenchmark(("multipliers/" + inst.name + "/" + to_string(p)).c_str(), bm_multipliers, &inst, p)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(("deviation/" + inst.name + "/" + to_string(p)).c_str(), bm_deviation, &inst, p)
          ->Unit(benchmark::kMicrosecond);
    }
    for (unsigned long bits : {64ul, 256ul, 1024ul})
      benchmark::RegisterBenchmark(("objective/" + inst.name + "/b" + std::to_string(bits)).c_str(), bm_objective,
                                   &inst, bits)
          ->Unit(benchmark::kMicrosecond);
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
