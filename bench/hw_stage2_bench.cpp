// What exactness costs for the stage-2 equilibrium of Hu & Wallace (2012), Proposition 1 (L105,
// proof L246-294), as hw.prop1 and hw.theorem1 compute it (proofs/hw/model/stage2_equilibrium.hpp):
// MPFR Newton proposes a point, the Krawczyk test in MPFI certifies a box around it.
//
// There is no double path: first_order_conditions<S> and jacobian_ad are instantiated for Mpfr,
// Interval and their forward-mode duals only (inside stage2_equilibrium.cpp), so the numeric
// baseline is MPFR, at the case's precision and at 16 digits (53 bits, a double's mantissa, still
// paying MPFR's per-operation cost). The exact path is the first-order conditions at a rational
// point in Algebraic (qqbar), composed from the model's exact pieces (see exact_phi).
//
// Benchmarks (instances: committed cases of cases/hw/ read with the hw parser, and one
// configuration sigma of each):
//   newton/<case>/<sigma>/d<digits>      solve_stage2 from no trade (MPFR, numeric)
//   krawczyk/<case>/<sigma>/d<digits>    krawczyk_test around the Newton point of the same digits
//                                        (MPFI, certified); radius 10^-(digits/2) as hw.prop1
//   phi/<case>/<sigma>/<point>/<kind>    Phi (eqs. (15)-(16), L264/L268) once at a rational point:
//                                        `newton` (the Newton point rounded to rationals, Phi tiny)
//                                        or `no_trade` (s = 0); kinds exact (Algebraic), interval
//                                        (MPFI, point intervals), mpfr, mpfr16
//   jacobian/<case>/<sigma>/<kind>       jacobian_ad at the point (mpfr) and over the box (interval)
//   best_response/<case>/<sigma>/<kind>  the first present type's best response to the others'
//                                        totals at the Newton point, as hw.theorem1's deviator gets
//                                        it: `bisection` (MPFR, stops when the bracket stops
//                                        shrinking) or `enclosure` (two certified signs in MPFI)
//   certify_all/<case>/M<M>              certify_equilibria: every configuration of M agents
//                                        (growth with M and with the number of types)
//   theorem1/<case>/N<N>                 certify_equilibria + active_payoffs (23)-(26) for the M of N,
//                                        what hw.theorem1 does per N (growth over its N range)
//   inactive_optimum/<case>/<type>       stage 1 (5)-(6): exact for Cobb-Douglas types, interval
//                                        bisection otherwise
//
// Counters (computed outside the timed loop):
//   converged, newton_steps, br_rounds    solve_stage2's own report
//   contained, signs_fixed, width_digits  the Krawczyk result; -log10 of the box's widest side
//   wrong_sign, undecided                 phi: coordinates whose sign in that kind differs from the
//                                         exact sign / that the interval cannot decide
//   configurations, certified, impossible, failed   certify_equilibria's family
//   weighted                              active_payoffs' configurations of the other M - 1 agents
//   s_per_config                          time per configuration (1.2m = 1.2 ms)
//   gap_digits, enclosed                  best_response: -log10 |response - Newton offer| (the
//                                         equilibrium offer is a best response to the others'
//                                         totals); 1 when the enclosure is certified
//
// Debian's libbenchmark is a DEBUG build: compare kinds within one run, as ratios.
#include "hw/model/economy.hpp"
#include "hw/model/market_game.hpp"
#include "hw/model/stage1.hpp"
#include "hw/model/stage2_equilibrium.hpp"
#include "hw/model/theory.hpp"
#include "mechcheck/cases/case.hpp"
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <benchmark/benchmark.h>
#include <mpfi.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::hw;

namespace {

const std::string kCasesDir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/hw/";

// hw.prop1's box radius: 10^-(digits/2), relative.
Mpfr box_radius(unsigned digits) { return Mpfr(boost::multiprecision::pow(Mpfr(10), -static_cast<int>(digits / 2))); }

struct CaseData {
  std::string name;
  std::shared_ptr<const ModelData> data;
  const Economy& economy() const { return *dynamic_cast<const Economy*>(data.get()); }
};

CaseData load(const std::string& stem) {
  const Case c = load_case(kCasesDir + stem + ".toml", {{"hw", &parse_economy}});
  return {stem, c.data};
}

struct Instance {
  const CaseData* source;
  std::vector<long long> sigma;
  Stage2Game game;
  std::string name() const { return source->name + "/" + configuration_text(sigma); }
};

Rational to_rational(const Mpfr& x) {
  Rational q;
  mpfr_get_q(q.backend().data(), x.backend().data());
  return q;
}

Interval point_interval(const Rational& q) { return from_rational<Interval>(q); }

// Phi at a rational point s, exactly. The pieces are the model's exact formulas: the others'
// totals (Q_-, R_-) of eq. (3) (others_totals over the other M - 1 agents' one-sided offers),
// the one-sided bundles of L264/L268 (sell_q_bundle, sell_r_bundle) and the expected marginal
// utilities (expected_marginal_utilities: rational for Cobb-Douglas, real algebraic for CES).
// Only the chain-rule weights of g'(t) and -(R_-/Q_-) h'(t) are written here (L264, L268):
//   selling q:  Phi = -E u_q + E u_r R Q/(Q + t)^2;  selling r:  Phi = -E u_q R^2/(R + t)^2 + E u_r R/Q.
// make_instance checks that every value lies in the MPFI enclosure of first_order_conditions at
// the same point, so this composition and the model's formula are one formula.
std::vector<Algebraic> exact_phi(const Economy& e, const Stage2Game& g, const std::vector<Rational>& s) {
  auto offer = [](const Rational& v) { return v >= 0 ? Offer<Rational>{v, 0} : Offer<Rational>{0, -v}; };
  std::vector<Algebraic> out;
  for (std::size_t i = 0; i < g.size(); ++i) {
    std::vector<Offer<Rational>> others;
    for (std::size_t j = 0; j < g.size(); ++j)
      for (long long k = 0; k < g.count[j] - (j == i ? 1 : 0); ++k) others.push_back(offer(s[j]));
    const Totals<Rational> T = others_totals<Rational>(g.M, g.epsilon, others);
    const bool sells_q = s[i] >= 0;
    const Rational t = sells_q ? s[i] : Rational(-s[i]);
    const Bundle<Rational> b =
        sells_q ? sell_q_bundle<Rational>(g.qbar, g.rbar, T, t) : sell_r_bundle<Rational>(g.qbar, g.rbar, T, t);
    const auto [Euq, Eur] = expected_marginal_utilities(*e.info, g.types[i], g.phi, b.q, b.r);
    Rational wq, wr;
    if (sells_q) {
      const Rational D = T.q + t;
      wq = -1;
      wr = T.r * T.q / (D * D);
    } else {
      const Rational D = T.r + t;
      wq = -(T.r * T.r) / (D * D);
      wr = T.r / T.q;
    }
    out.push_back(Algebraic(wq) * Euq + Algebraic(wr) * Eur);
  }
  return out;
}

Sides sides_of_rational(const std::vector<Rational>& s) {
  Sides out;
  for (const auto& v : s) out.push_back(v >= 0 ? 1 : -1);
  return out;
}

// The Newton point at `digits`, rounded to rationals (the point the phi/ benchmarks use).
std::vector<Rational> rational_newton_point(const Stage2Game& g, unsigned digits) {
  PrecisionScope precision(digits);
  const ApproximateEquilibrium approx = solve_stage2(g);
  if (!approx.converged) throw std::runtime_error("Newton did not converge: " + approx.note);
  std::vector<Rational> out;
  for (const auto& v : approx.s) out.push_back(to_rational(v));
  return out;
}

Instance make_instance(const CaseData* source, std::vector<long long> sigma, unsigned digits) {
  Instance inst{source, sigma, stage2_game(source->economy(), sigma)};
  // The exact composition against the model's interval formula (see exact_phi).
  PrecisionScope precision(digits);
  const auto s = rational_newton_point(inst.game, digits);
  const auto exact = exact_phi(source->economy(), inst.game, s);
  std::vector<Interval> box;
  for (const auto& v : s) box.push_back(point_interval(v));
  const auto enclosure = first_order_conditions(inst.game, box, sides_of_rational(s));
  for (std::size_t i = 0; i < exact.size(); ++i)
    if ((exact[i] - Algebraic(lower_bound(enclosure[i]))).sign() < 0 ||
        (exact[i] - Algebraic(upper_bound(enclosure[i]))).sign() > 0)
      throw std::logic_error(inst.name() + ": the exact Phi lies outside the model's MPFI enclosure");
  return inst;
}

// ---- benchmarks ---------------------------------------------------------------------------

void bm_newton(benchmark::State& state, const Instance* inst, unsigned digits) {
  PrecisionScope precision(digits);
  ApproximateEquilibrium approx;
  for (auto _ : state) {
    approx = solve_stage2(inst->game);
    benchmark::DoNotOptimize(approx.converged);
  }
  state.counters["converged"] = approx.converged ? 1 : 0;
  state.counters["newton_steps"] = approx.newton_steps;
  state.counters["br_rounds"] = approx.best_response_rounds;
  state.counters["residual"] = approx.residual.convert_to<double>();
}

void bm_krawczyk(benchmark::State& state, const Instance* inst, unsigned digits) {
  PrecisionScope precision(digits);
  const ApproximateEquilibrium approx = solve_stage2(inst->game);
  const Mpfr radius = box_radius(digits);
  KrawczykResult kr;
  for (auto _ : state) {
    kr = krawczyk_test(inst->game, approx.s, radius);
    benchmark::DoNotOptimize(kr.contained);
  }
  state.counters["contained"] = kr.contained ? 1 : 0;
  state.counters["signs_fixed"] = kr.signs_fixed ? 1 : 0;
  // Decimal digits of the widest side: -log10(width).
  state.counters["width_digits"] = -std::log10(kr.max_width.convert_to<double>());
}

enum class Kind { exact, interval, mpfr, mpfr16 };
const char* kind_name(Kind k) {
  switch (k) {
    case Kind::exact:
      return "exact";
    case Kind::interval:
      return "interval";
    case Kind::mpfr:
      return "mpfr";
    case Kind::mpfr16:
      return "mpfr16";
  }
  return "";
}

// `at_newton`: the Newton point rounded to rationals (Phi ~ 10^-digits there, as where the checker
// works); otherwise no trade, s = 0 (Phi is the identity (17) value, far from 0).
void bm_phi(benchmark::State& state, const Instance* inst, Kind kind, unsigned digits, bool at_newton) {
  const Economy& e = inst->source->economy();
  const auto s = at_newton ? rational_newton_point(inst->game, digits) : std::vector<Rational>(inst->game.size(), 0);
  const Sides sides = sides_of_rational(s);
  std::vector<int> exact_sign;
  for (const auto& v : exact_phi(e, inst->game, s)) exact_sign.push_back(v.sign());
  long long wrong = 0, undecided = 0;
  auto tally = [&](std::size_t i, int sign) {
    if (sign != exact_sign[i]) ++wrong;
  };
  if (kind == Kind::exact) {
    for (auto _ : state) {
      auto phi = exact_phi(e, inst->game, s);
      benchmark::DoNotOptimize(phi.data());
    }
  } else if (kind == Kind::interval) {
    PrecisionScope precision(digits);
    std::vector<Interval> x;
    for (const auto& v : s) x.push_back(point_interval(v));
    std::vector<Interval> phi;
    for (auto _ : state) {
      phi = first_order_conditions(inst->game, x, sides);
      benchmark::DoNotOptimize(phi.data());
    }
    for (std::size_t i = 0; i < phi.size(); ++i) {
      if (lower_bound(phi[i]) > 0) tally(i, 1);
      else if (upper_bound(phi[i]) < 0) tally(i, -1);
      else if (lower_bound(phi[i]) == 0 && upper_bound(phi[i]) == 0) tally(i, 0);
      else ++undecided;
    }
  } else {
    PrecisionScope precision(kind == Kind::mpfr16 ? 16 : digits);
    std::vector<Mpfr> x;
    for (const auto& v : s) x.push_back(from_rational<Mpfr>(v));
    std::vector<Mpfr> phi;
    for (auto _ : state) {
      phi = first_order_conditions(inst->game, x, sides);
      benchmark::DoNotOptimize(phi.data());
    }
    for (std::size_t i = 0; i < phi.size(); ++i) tally(i, phi[i].sign());
  }
  state.counters["n"] = static_cast<double>(s.size());
  state.counters["wrong_sign"] = static_cast<double>(wrong);
  state.counters["undecided"] = static_cast<double>(undecided);
}

void bm_jacobian(benchmark::State& state, const Instance* inst, bool interval, unsigned digits) {
  PrecisionScope precision(digits);
  const ApproximateEquilibrium approx = solve_stage2(inst->game);
  const Sides sides = sides_of(approx.s);
  if (interval) {
    const KrawczykResult kr = krawczyk_test(inst->game, approx.s, box_radius(digits));
    for (auto _ : state) {
      auto J = jacobian_ad(inst->game, kr.box, sides);
      benchmark::DoNotOptimize(J.data());
    }
  } else {
    for (auto _ : state) {
      auto J = jacobian_ad(inst->game, approx.s, sides);
      benchmark::DoNotOptimize(J.data());
    }
  }
}

void bm_best_response(benchmark::State& state, const Instance* inst, bool enclosure) {
  const unsigned digits = inst->source->economy().equilibrium.digits;
  PrecisionScope precision(digits);
  const ApproximateEquilibrium approx = solve_stage2(inst->game);
  const Totals<Mpfr> others = others_totals_of(inst->game, approx.s, sides_of(approx.s), 0);
  Mpfr response = best_response_bisection(inst->game, 0, others);
  std::optional<Interval> enclosed;
  if (enclosure) {
    const Totals<Interval> box{point_interval(to_rational(others.q)), point_interval(to_rational(others.r))};
    const Mpfr radius = box_radius(digits);
    for (auto _ : state) {
      enclosed = best_response_enclosure(inst->game, 0, box, response, radius);
      benchmark::DoNotOptimize(enclosed.has_value());
    }
  } else {
    for (auto _ : state) {
      response = best_response_bisection(inst->game, 0, others);
      benchmark::DoNotOptimize(response.backend().data());
    }
  }
  const Mpfr gap = abs(Mpfr(response - approx.s[0]));
  state.counters["gap_digits"] = gap.sign() == 0 ? static_cast<double>(digits) : -std::log10(gap.convert_to<double>());
  state.counters["enclosed"] = enclosed ? 1 : 0;
}

void bm_certify_all(benchmark::State& state, const CaseData* source, long long M) {
  const Economy& e = source->economy();
  const unsigned digits = e.equilibrium.digits;
  PrecisionScope precision(digits);
  const Mpfr radius = box_radius(digits);
  EquilibriumFamily family;
  for (auto _ : state) {
    family = certify_equilibria(e, M, radius);
    benchmark::DoNotOptimize(family.M);
  }
  const auto configurations = static_cast<double>(configuration_count(e.info->type_count(), M));
  state.counters["configurations"] = configurations;
  state.counters["certified"] = static_cast<double>(family.by_sigma.size());
  state.counters["impossible"] = static_cast<double>(family.impossible);
  state.counters["failed"] = family.failure.empty() ? 0 : 1;
  state.counters["s_per_config"] =
      benchmark::Counter(configurations, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void bm_theorem1(benchmark::State& state, const CaseData* source, long long N) {
  const Economy& e = source->economy();
  const unsigned digits = e.equilibrium.digits;
  PrecisionScope precision(digits);
  const Mpfr radius = box_radius(digits);
  const long long M = active_agents(*e.eta, N);
  EquilibriumFamily family;
  ActivePayoffs F;
  for (auto _ : state) {
    family = certify_equilibria(e, M, radius);
    F = active_payoffs(e, family, radius);
    benchmark::DoNotOptimize(F.M);
  }
  state.counters["M"] = static_cast<double>(M);
  state.counters["certified"] = static_cast<double>(family.by_sigma.size());
  state.counters["weighted"] = static_cast<double>(F.configurations);
  state.counters["failed"] = (family.failure.empty() && F.failure.empty()) ? 0 : 1;
}

void bm_inactive_optimum(benchmark::State& state, const CaseData* source, std::size_t x) {
  const Economy& e = source->economy();
  PrecisionScope precision(e.equilibrium.digits);
  InactiveOptimum opt;
  for (auto _ : state) {
    opt = inactive_optimum(e, x);
    benchmark::DoNotOptimize(opt.q);
  }
  state.counters["exact"] = opt.exact ? 1 : 0;
  state.counters["width"] = width(opt.q).convert_to<double>();
}

}  // namespace

int main(int argc, char** argv) {
  // Built once, before any timing; static storage so the benchmarks can point at them.
  static std::vector<CaseData> cases;
  cases.reserve(3);
  cases.push_back(load("prop1-cobb-douglas"));     // 2 types, Cobb-Douglas, M = 3, 40 digits
  cases.push_back(load("prop1-ces-three-types"));  // 3 types, CES sigma = 3/2 and 2, M = 4, 50 digits
  cases.push_back(load("theorem1-cobb-douglas"));  // 2 types, N in [1, 30]
  const CaseData& cd = cases[0];
  const CaseData& ces = cases[1];
  const CaseData& t1 = cases[2];

  // Stage-2 games of n = 1, 2, 3 present types (the system's size).
  static std::vector<Instance> instances;
  instances.push_back(make_instance(&cd, {3, 0}, cd.economy().equilibrium.digits));
  instances.push_back(make_instance(&cd, {2, 1}, cd.economy().equilibrium.digits));
  instances.push_back(make_instance(&ces, {4, 0, 0}, ces.economy().equilibrium.digits));
  instances.push_back(make_instance(&ces, {2, 2, 0}, ces.economy().equilibrium.digits));
  instances.push_back(make_instance(&ces, {2, 1, 1}, ces.economy().equilibrium.digits));

  for (const auto& inst : instances) {
    const unsigned d = inst.source->economy().equilibrium.digits;
    std::fprintf(stderr, "# %s: %zu present types, M = %lld, case digits %u\n", inst.name().c_str(), inst.game.size(),
                 inst.game.M, d);
    for (unsigned digits : {16u, 30u, d, 100u}) {
      const std::string tag = "/d" + std::to_string(digits);
      benchmark::RegisterBenchmark(("newton/" + inst.name() + tag).c_str(), bm_newton, &inst, digits)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(("krawczyk/" + inst.name() + tag).c_str(), bm_krawczyk, &inst, digits)
          ->Unit(benchmark::kMicrosecond);
    }
    for (bool at_newton : {true, false})
      for (Kind k : {Kind::exact, Kind::interval, Kind::mpfr, Kind::mpfr16})
        benchmark::RegisterBenchmark(
            ("phi/" + inst.name() + (at_newton ? "/newton/" : "/no_trade/") + kind_name(k)).c_str(), bm_phi, &inst, k,
            d, at_newton)
            ->Unit(benchmark::kMicrosecond);
    for (bool interval : {false, true})
      benchmark::RegisterBenchmark(("jacobian/" + inst.name() + (interval ? "/interval" : "/mpfr")).c_str(),
                                   bm_jacobian, &inst, interval, d)
          ->Unit(benchmark::kMicrosecond);
    for (bool enclosure : {false, true})
      benchmark::RegisterBenchmark(("best_response/" + inst.name() + (enclosure ? "/enclosure" : "/bisection")).c_str(),
                                   bm_best_response, &inst, enclosure)
          ->Unit(benchmark::kMicrosecond);
  }
  for (long long M : {3, 6, 12, 24})
    benchmark::RegisterBenchmark(("certify_all/" + cd.name + "/M" + std::to_string(M)).c_str(), bm_certify_all, &cd, M)
        ->Unit(benchmark::kMillisecond);
  for (long long M : {2, 4, 8})
    benchmark::RegisterBenchmark(("certify_all/" + ces.name + "/M" + std::to_string(M)).c_str(), bm_certify_all, &ces,
                                 M)
        ->Unit(benchmark::kMillisecond);
  for (long long N : {2, 5, 10, 20, 30})
    benchmark::RegisterBenchmark(("theorem1/" + t1.name + "/N" + std::to_string(N)).c_str(), bm_theorem1, &t1, N)
        ->Unit(benchmark::kMillisecond);
  for (const CaseData* c : {&cd, &ces})
    for (std::size_t x = 0; x < c->economy().info->type_count(); ++x)
      benchmark::RegisterBenchmark(("inactive_optimum/" + c->name + "/" + c->economy().info->types[x]).c_str(),
                                   bm_inactive_optimum, c, x)
          ->Unit(benchmark::kMicrosecond);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
