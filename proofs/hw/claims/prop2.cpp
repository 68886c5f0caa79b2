// hw.prop2 — Hu & Wallace (2012), Proposition 2 (L123; proof L332-376): fix z; if
// sigma^N(x)/[(1 - eta) N] -> mu_z(x), then beta^{sigma^N} -> beta^z.
// Numeric evidence: for each N of a growing sequence (to 10^5 by default), sigma^N splits the
// M = ceil((1 - eta) N) active agents by mu_z (largest remainders), phi^{sigma^N} is computed in
// MPFR, beta^{sigma^N} by MPFR Newton on the first-order conditions (hw.prop1's system), and its
// distance to beta^z (Lemma 2: the exact CE of L^z(eps) through (18)) is tabulated with the
// least-squares rate of ln(distance) on ln N. proofs/hw/docs/prop.md.
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"
#include "mechcheck/report/files.hpp"
#include "mechcheck/report/plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace mechcheck::proofs::hw_prop2 {

using hw::Offer;

namespace {

std::string decimal(const Mpfr& x, int digits = 12) { return x.str(digits, std::ios_base::scientific); }

Mpfr to_mpfr(const Algebraic& a) {
  auto [lo, hi] = a.isolating_interval(256);
  return from_rational<Mpfr>((lo + hi) / 2);
}

std::string fixed3(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", x);
  return buffer;
}

}  // namespace

std::vector<long long> default_sizes() {
  std::vector<long long> out;
  for (int k = 2; k <= 10; ++k) out.push_back(std::llround(std::pow(10.0, k / 2.0)));
  return out;
}

std::vector<long long> configuration_for(const hw::Information& info, std::size_t z, long long M) {
  const std::size_t n = info.type_count();
  std::vector<long long> sigma(n, 0);
  std::vector<Rational> remainder(n);
  long long used = 0;
  for (std::size_t x = 0; x < n; ++x) {
    const Rational share = info.mu[z][x] * Rational(M);
    sigma[x] = (numerator(share) / denominator(share)).convert_to<long long>();
    remainder[x] = share - Rational(sigma[x]);
    used += sigma[x];
  }
  for (; used < M; ++used) {  // largest remainders first, ties to the first type
    std::size_t best = n;
    for (std::size_t x = 0; x < n; ++x)
      if (info.mu[z][x] > 0 && (best == n || remainder[x] > remainder[best])) best = x;
    ++sigma[best];
    remainder[best] -= 1;
  }
  return sigma;
}

Table compute_table(const hw::Economy& e) {
  if (!e.info) throw InputError("hw.prop2 needs the economy (types, states, prior, mu, [[hw.utility]])");
  if (!e.eta) throw InputError("hw.prop2 needs eta (M = ceil((1 - eta) N), L47)");
  const hw::Information& info = *e.info;
  Table t;
  t.state = e.equilibrium.state.value_or(0);
  const std::size_t z = t.state;
  // beta^z: the unique CE of L^z(eps) through (18) (Lemma 2), exactly, then rounded to MPFR.
  const hw::CompetitiveEquilibria ces = hw::competitive_equilibria(e, z);
  if (!ces.unsupported.empty()) throw Undecidable("beta^z: " + ces.unsupported, NumberKind<Algebraic>::arithmetic);
  if (ces.equilibria.size() != 1)
    throw Undecidable("beta^z: L^z(eps) has " + std::to_string(ces.equilibria.size()) + " competitive equilibria",
                      NumberKind<Algebraic>::arithmetic);
  const hw::Population pop = hw::population(info, z);
  t.types = pop.types;
  for (std::size_t i = 0; i < pop.types.size(); ++i) {
    const auto b = hw::beta_eq18(Algebraic(e.qbar), Algebraic(e.rbar), ces.equilibria[0].bundle[i]);
    t.limit.push_back({to_mpfr(b.q), to_mpfr(b.r)});
  }

  const std::vector<long long> sizes = e.equilibrium.sizes.empty() ? default_sizes() : e.equilibrium.sizes;
  std::optional<std::vector<Mpfr>> previous;
  std::vector<std::size_t> previous_types;
  for (long long N : sizes) {
    Row row;
    row.N = N;
    row.M = hw::active_agents(*e.eta, N);
    row.sigma = configuration_for(info, z, row.M);
    const std::vector<Rational> phi = hw::configuration_posterior_mpfr(info, row.sigma);
    row.phi_z = from_rational<Mpfr>(phi[z]);
    row.phi_rest = 0;
    for (std::size_t w = 0; w < phi.size(); ++w)
      if (w != z) row.phi_rest = Mpfr(row.phi_rest + from_rational<Mpfr>(phi[w]));
    const hw::Stage2Game game = hw::stage2_game(e, row.sigma, phi);
    // Start from the previous N's solution (continuation), else from beta^z.
    std::vector<Mpfr> start;
    for (std::size_t i = 0; i < game.size(); ++i) {
      Mpfr s0 = 0;
      bool found = false;
      if (previous)
        for (std::size_t k = 0; k < previous_types.size(); ++k)
          if (previous_types[k] == game.types[i]) {
            s0 = (*previous)[k];
            found = true;
          }
      if (!found)
        for (std::size_t k = 0; k < t.types.size(); ++k)
          if (t.types[k] == game.types[i]) s0 = Mpfr(t.limit[k].q - t.limit[k].r);
      start.push_back(s0);
    }
    const hw::ApproximateEquilibrium approx = hw::solve_stage2(game, start);
    row.converged = approx.converged;
    previous = approx.s;
    previous_types = game.types;
    const auto offers = hw::offers_of(approx.s);
    row.distance = 0;
    for (std::size_t k = 0; k < t.types.size(); ++k) {
      Offer<Mpfr> b{Mpfr(0), Mpfr(0)};
      bool present = false;
      for (std::size_t i = 0; i < game.size(); ++i)
        if (game.types[i] == t.types[k]) {
          b = offers[i];
          present = true;
        }
      row.beta.push_back(b);
      if (!present) continue;
      const Mpfr d = max(Mpfr(abs(b.q - t.limit[k].q)), Mpfr(abs(b.r - t.limit[k].r)));
      if (d > row.distance) row.distance = d;
    }
    t.rows.push_back(std::move(row));
  }
  // Least squares: ln d = intercept + rate ln N.
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  for (const Row& r : t.rows) {
    if (!(r.distance > 0)) continue;
    const double x = std::log(static_cast<double>(r.N)),
                 y = boost::multiprecision::log(r.distance).convert_to<double>();
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++n;
  }
  if (n >= 2) {
    t.rate = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    t.intercept = (sy - t.rate * sx) / n;
  }
  return t;
}

std::string table_csv(const Table& t, const hw::Economy& e) {
  const hw::Information& info = *e.info;
  std::ostringstream out;
  out << "N,M,sigma,one_minus_phi_z,distance,fit";
  for (std::size_t x : t.types) out << ",beta_q(" << info.types[x] << "),beta_r(" << info.types[x] << ")";
  out << "\n";
  for (const Row& r : t.rows) {
    std::string sigma = hw::configuration_text(r.sigma);
    for (char& c : sigma)
      if (c == ',') c = ';';
    out << r.N << "," << r.M << "," << sigma << "," << decimal(r.phi_rest, 6) << "," << decimal(r.distance, 15) << ","
        << std::exp(t.intercept + t.rate * std::log(static_cast<double>(r.N)));
    for (const auto& b : r.beta) out << "," << decimal(b.q, 20) << "," << decimal(b.r, 20);
    out << "\n";
  }
  out << "limit,,,0,0,";
  for (const auto& b : t.limit) out << "," << decimal(b.q, 20) << "," << decimal(b.r, 20);
  out << "\n";
  return out.str();
}

std::vector<std::string> write_figure(const Table& t, const hw::Economy& e, const std::string& directory) {
  std::filesystem::create_directories(directory);
  const std::string csv = directory + "/prop2.csv", svg = directory + "/prop2.svg";
  write_file_atomically(csv, table_csv(t, e));
  LineChart chart;
  // Proposition 2's beta^{sigma^N} and beta^z (L123) in the plot's markup (report/plot.hpp), Greek
  // as UTF-8; log-log axes, on which the least-squares fit ln d = c + rate ln N is a straight line.
  std::string exponent = fixed3(t.rate);
  if (exponent.front() == '-') exponent.replace(0, 1, "\u2212");  // the minus sign, as on the axes
  const std::string beta_N = "\u03b2^{\u03c3^{N}}", beta_z = "\u03b2^{z}", rate = "N^{" + exponent + "}";
  chart.title = "hw.prop2: distance of " + beta_N + " to " + beta_z + " (state " + e.info->states[t.state] +
                "), least-squares rate " + rate;
  chart.x_label = "N (number of agents, log scale)";
  chart.y_label = "max_{x} |" + beta_N + "(x) \u2212 " + beta_z + "(x)| (log scale)";
  chart.x_scale = {true, 10};
  chart.y_scale = {true, 10};
  PlotSeries data{"distance", {}, false};
  PlotSeries fit{"fit " + rate, {}, true};
  for (const Row& r : t.rows) {
    if (!(r.distance > 0)) continue;
    const auto N = static_cast<double>(r.N);
    data.points.emplace_back(N, r.distance.convert_to<double>());
    fit.points.emplace_back(N, std::exp(t.intercept + t.rate * std::log(N)));
  }
  chart.series = {data, fit};
  write_file_atomically(svg, render_svg(chart));
  return {csv, svg};
}

namespace {

class Prop2 : public Checker<hw::Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.prop2",
        "Proposition 2 (L123, restated L332) and its proof (L334-376); Lemma 2 (L115) for beta^z",
        "Fix z. If sigma^N(x)/[(1 - eta) N] -> mu_z(x) for each x, then beta^{sigma^N} -> beta^z, the Nash "
        "equilibrium of the continuum market game of L^z(eps) (the CE offers (18)).",
        {{"epsilon_positive", "eps_q > 0 and eps_r > 0 (L67; the bounds on p2 in the proof, L346)", Necessity::open,
          "not found. Searched: cases/hw/prop1-zero-epsilon.toml with the drop: holds numerically (rate N^-1.0; Newton "
          "from beta^z follows the trading equilibrium, not no-trade, which L121 makes another equilibrium at eps = "
          "0); "
          "with one coordinate 0 the single-agent game has no equilibrium "
          "(cases/hw/prop1-single-agent-zero-eps-q.toml) "
          "but prop2 starts at N = 2"},
         {"utility_assumptions", "u(.; x, z) strictly increasing, strictly concave, C^1, Inada (L39)", Necessity::open,
          "not found. Searched: cases/hw/prop1-linear-utility.toml with the drop: inconclusive (Newton does not "
          "converge "
          "where a type's best response is a corner; the converged distances still fall like N^-0.99)"},
         {"informative", "z != z' implies mu_z != mu_z' (L43): then phi^{sigma^N}(z) -> 1 (L109)",
          Necessity::counterexample, "cases/hw/prop2-uninformative-dropped.toml"}},
        "For each N of [hw.equilibrium] sizes (default 10, 32, 100, ..., 10^5): M = ceil((1 - eta) N), sigma^N = "
        "the largest-remainder split of M by mu_z, phi^{sigma^N} in MPFR (log-sum-exp), beta^{sigma^N} by MPFR "
        "Newton on the first-order conditions of hw.prop1 (continuation from the previous N), beta^z exactly from "
        "the unique CE of L^z(eps) (Lemma 2, (18)); distance = max over types and goods; rate = least-squares "
        "slope of ln(distance) on ln N. Numeric criterion: `holds` when every Newton run converged and the "
        "fitted rate is <= -1/2 (the distance falls at least like N^-1/2 across the whole sequence); otherwise "
        "`refuted` (numeric evidence only, the table says how the distance behaves).",
        "hw",
        Arithmetic::numeric};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.prop2");
    if (!e.eta)
      c.fail({"hw", "eta"}, "hw.prop2 needs eta, the inactive fraction (M = ceil((1 - eta) N) active agents, L47)");
  }

  std::optional<Recheck> recheck_outcome(const hw::Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::prop2(e, outcome);
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    hw_common::record_assumptions(check, e, {"epsilon_positive", "utility_assumptions", "informative"});
    if (!check.hypotheses_met()) return check.unmet();

    hw::PrecisionScope precision(e.equilibrium.digits);
    const Table t = compute_table(e);
    check.decided_in<Mpfr>();  // beta^{sigma_N} by MPFR Newton: numeric evidence
    report_table(check, t, e);
    const Row& first = t.rows.front();
    const Row& last = t.rows.back();
    const std::string trend = "distance " + decimal(first.distance, 4) + " at N = " + std::to_string(first.N) + ", " +
                              decimal(last.distance, 4) + " at N = " + std::to_string(last.N) +
                              "; least-squares rate N^" + fixed3(t.rate);
    const std::string Z = e.info->states[t.state];
    check.context().report(1.0);
    const bool converged = std::all_of(t.rows.begin(), t.rows.end(), [](const Row& r) { return r.converged; });
    if (!converged) return check.inconclusive("MPFR Newton did not converge for some N (see the values): " + trend);
    // The numeric criterion: the distance falls at least like N^-1/2 across the sequence. (A NaN
    // rate, from a degenerate fit, must not pass: `<=` is false for it, a sign of rate + 1/2 is 0.)
    check.decided_in<double>();
    if (t.rate <= -0.5) return check.holds("numeric: beta^{sigma_N} approaches beta^z in state " + Z + ": " + trend);
    return check.refuted("numeric: beta^{sigma_N} does not approach beta^z in state " + Z +
                         " (rate above -1/2): " + trend);
  }

 private:
  // An Mpfr of this numeric path as reported (its digits as `decimal` prints them): kind "decimal",
  // so reports mark it as not certified (make_decimal takes doubles).
  static Value numeric(std::string label, std::string digits) {
    return Value{std::move(label), std::move(digits), "", "", "decimal"};
  }

  // beta^z, the distance for each N and the fitted rate, as values; the sizes as statistics.
  static void report_table(Check& check, const Table& t, const hw::Economy& e) {
    const hw::Information& info = *e.info;
    const std::string Z = info.states[t.state];
    for (std::size_t k = 0; k < t.types.size(); ++k) {
      check.value(numeric("beta_q^z(" + info.types[t.types[k]] + ")", decimal(t.limit[k].q, 20)));
      check.value(numeric("beta_r^z(" + info.types[t.types[k]] + ")", decimal(t.limit[k].r, 20)));
    }
    for (const Row& r : t.rows)
      check.text("distance_N=" + std::to_string(r.N), decimal(r.distance, 10) + " (M = " + std::to_string(r.M) +
                                                          ", sigma = " + hw::configuration_text(r.sigma) +
                                                          ", 1 - phi(" + Z + ") = " + decimal(r.phi_rest, 3) +
                                                          (r.converged ? "" : ", NOT converged") + ")");
    check.value(make_decimal("fitted_rate", t.rate, 7));
    check.value(make_decimal("fitted_constant", std::exp(t.intercept), 7));
    check.stat("sizes", static_cast<long long>(t.rows.size()))
        .stat("largest_N", t.rows.back().N)
        .stat("digits", static_cast<long long>(e.equilibrium.digits));
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Prop2>(); }

}  // namespace mechcheck::proofs::hw_prop2
