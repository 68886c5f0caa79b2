// The finite module (proofs/finite): the property claims on a 3-agent, 4-types-each instance, and
// finite.design's exact LP on 2 agents x 4 types, with what exactness costs against doubles.
//
// Benchmarks:
//   property/<claim>                 the claim's check on cases/finite/three-bidders-four-types.toml
//                                    (64 profiles, second price), exact rationals
//   every_property                   the nine property claims one after the other (target: < 1 s)
//   interim_utilities/exact          every interim utility U_i(k; m) of that instance, as the
//                                    checks compute them (finite::interim_utility, rationals)
//   interim_utilities/double         the same sums in double, from tables converted once (what a
//                                    floating checker would do; its signs would be guesses)
//   design/<instance>                finite.design's check and its re-check (target: < 10 s):
//                                    bilateral-trade-4x4 (least subsidy, BIC + interim IR +
//                                    efficiency) and optimal-auction-2x4 (revenue, DSIC + ex post IR)
//   design_lp_only/<instance>        lp::solve alone on the same program (no re-check)
//
// Debian's libbenchmark is a DEBUG build: compare within one run, as ratios.
#include "finite/claims/claims.hpp"
#include "finite/model/design.hpp"
#include "finite/model/economy.hpp"
#include "finite/paper.hpp"
#include "mechcheck/cases/case.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::finite;

namespace {

const std::string kCasesDir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/finite/";

Case load(const std::string& path) { return load_case(path, {{"finite", &parse_economy}}); }

const Economy& c_economy(const Case& c) { return c.model_data<Economy>(); }

// A case written from text into the temporary directory (design instances not committed as cases).
Case load_text(const std::string& name, const std::string& body) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("mechcheck-finite-bench-" + name + ".toml");
  std::ofstream(path) << "[case]\nname = \"" << name << "\"\nmodel = \"finite\"\n\n" << body;
  Case c = load(path.string());
  std::filesystem::remove(path);
  return c;
}

const Case& three_bidders() {
  static const Case c = load(kCasesDir + "three-bidders-four-types.toml");
  return c;
}

const std::vector<std::unique_ptr<Claim>>& claims() {
  static const std::vector<std::unique_ptr<Claim>> all = paper().make_claims();
  return all;
}

const Claim& claim(const std::string& id) {
  for (const auto& c : claims())
    if (c->info().id == id) return *c;
  throw std::runtime_error("no claim " + id);
}

const char* kProperties[] = {"finite.dsic",       "finite.bic",          "finite.expost_ir",
                             "finite.interim_ir", "finite.expost_bb",    "finite.exante_bb",
                             "finite.efficiency", "finite.monotonicity", "finite.expectations"};

void bm_property(benchmark::State& state, std::string id) {
  const Case& c = three_bidders();
  const Claim& k = claim(id);
  for (auto _ : state) benchmark::DoNotOptimize(k.check(c, CheckContext{}));
}

void bm_every_property(benchmark::State& state) {
  const Case& c = three_bidders();
  for (auto _ : state)
    for (const char* id : kProperties) benchmark::DoNotOptimize(claim(id).check(c, CheckContext{}));
}

void bm_interim_exact(benchmark::State& state) {
  const Economy& e = c_economy(three_bidders());
  for (auto _ : state) {
    Rational sum = 0;
    for (std::size_t i = 0; i < e.agent_count(); ++i)
      for (std::size_t k = 0; k < e.agents[i].types.size(); ++k)
        for (std::size_t m = 0; m < e.agents[i].types.size(); ++m) sum += interim_utility(e, i, k, m);
    benchmark::DoNotOptimize(sum);
  }
}

// The same interim utilities in double: E[u | t_i = k] = sum_{t: t_i = k} P(t) u(k; m, t_-i) / P_i(k).
void bm_interim_double(benchmark::State& state) {
  const Economy& e = c_economy(three_bidders());
  const auto d = [](const Rational& q) { return q.convert_to<double>(); };
  std::vector<double> prior;
  std::vector<std::vector<double>> lottery, payments;
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    prior.push_back(d(e.prior[r]));
    lottery.emplace_back();
    payments.emplace_back();
    for (const Rational& p : e.lottery[r]) lottery.back().push_back(d(p));
    for (const Rational& x : e.payments[r]) payments.back().push_back(d(x));
  }
  std::vector<std::vector<std::vector<double>>> values(e.agent_count());
  std::vector<std::vector<double>> marginal(e.agent_count());
  for (std::size_t i = 0; i < e.agent_count(); ++i) {
    for (const auto& row : e.agents[i].values) {
      values[i].emplace_back();
      for (const Rational& v : row) values[i].back().push_back(d(v));
    }
    for (const Rational& p : e.agents[i].marginal) marginal[i].push_back(d(p));
  }
  for (auto _ : state) {
    double sum = 0;
    for (std::size_t i = 0; i < e.agent_count(); ++i)
      for (std::size_t k = 0; k < e.agents[i].types.size(); ++k)
        for (std::size_t m = 0; m < e.agents[i].types.size(); ++m) {
          double u = 0;
          for_each_profile_with(e, i, k, [&](std::size_t r, const Rational&) {
            const std::size_t lie = with_type(e, r, i, m);
            double value = -payments[lie][i];
            for (std::size_t o = 0; o < e.outcomes.size(); ++o) value += lottery[lie][o] * values[i][k][o];
            u += prior[r] * value;
          });
          sum += u / marginal[i][k];
        }
    benchmark::DoNotOptimize(sum);
  }
}

std::string grid(int k, int first) {
  std::string types, probabilities;
  for (int v = 0; v < k; ++v) {
    types += std::string(v ? ", " : "") + "\"" + std::to_string(first + v) + "\"";
    probabilities += std::string(v ? ", " : "") + "\"1/" + std::to_string(k) + "\"";
  }
  return "types = [" + types + "]\nprobabilities = [" + probabilities + "]\n";
}

const Case& design_instance(const std::string& name) {
  static const Case trade = load_text(
      "bilateral-trade-4x4", "[finite]\noutcomes = [\"no trade\", \"trade\"]\n\n[[finite.agent]]\n" + grid(4, 1) +
                                 "quantities = [\"0\", \"1\"]\n\n[[finite.agent]]\n" + grid(4, 1) +
                                 "quantities = [\"0\", \"-1\"]\n\n[finite.design]\nobjective = \"subsidy\"\n"
                                 "constraints = [\"bic\", \"interim_ir\", \"efficiency\"]\n");
  static const Case auction = load_text(
      "optimal-auction-2x4", "[finite]\noutcomes = [\"no sale\", \"bidder 1\", \"bidder 2\"]\n\n[[finite.agent]]\n" +
                                 grid(4, 0) + "quantities = [\"0\", \"1\", \"0\"]\n\n[[finite.agent]]\n" + grid(4, 0) +
                                 "quantities = [\"0\", \"0\", \"1\"]\n\n[finite.design]\nobjective = \"revenue\"\n"
                                 "constraints = [\"dsic\", \"expost_ir\"]\n");
  return name == "bilateral-trade-4x4" ? trade : auction;
}

void bm_design(benchmark::State& state, std::string instance) {
  const Case& c = design_instance(instance);
  const Claim& k = claim("finite.design");
  for (auto _ : state) {
    const Outcome out = k.check(c, CheckContext{});
    benchmark::DoNotOptimize(k.recheck(c, out));
  }
}

void bm_design_lp_only(benchmark::State& state, std::string instance) {
  const DesignProgram d = design_program(c_economy(design_instance(instance)));
  state.counters["variables"] = static_cast<double>(d.program.variables);
  state.counters["rows"] = static_cast<double>(d.program.rows.size());
  for (auto _ : state) benchmark::DoNotOptimize(lp::solve(d.program));
}

}  // namespace

int main(int argc, char** argv) {
  for (const char* id : kProperties)
    benchmark::RegisterBenchmark((std::string("property/") + id).c_str(), bm_property, std::string(id))
        ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("every_property", bm_every_property)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("interim_utilities/exact", bm_interim_exact)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("interim_utilities/double", bm_interim_double)->Unit(benchmark::kMicrosecond);
  for (const char* instance : {"bilateral-trade-4x4", "optimal-auction-2x4"}) {
    benchmark::RegisterBenchmark((std::string("design/") + instance).c_str(), bm_design, std::string(instance))
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("design_lp_only/") + instance).c_str(), bm_design_lp_only,
                                 std::string(instance))
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
