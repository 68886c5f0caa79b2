// Beliefs and (Q_-, R_-) grids shared by the hw claims.
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include <mpfi.h>

#include <functional>

namespace mechcheck::proofs::hw_common {

void require_economy(const Case& c, const hw::Economy& e, const std::string& claim) {
  if (!e.info)
    c.fail({"hw", "types"},
           claim + " needs the economy in [hw]: types, states, prior, mu and [[hw.utility]] (Section 2.1)");
}

void record_assumptions(Check& check, const hw::Economy& e, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const hw::AssumptionCheck a = hw::assumption(e, name);
    check.decided_in<Rational>();
    check.hypothesis(a.name, a.holds, a.detail);
  }
}

long long active_agents(const hw::Economy& e) {
  if (auto m = e.active_agents()) return *m;
  if (e.stage2 && e.stage2->active) return *e.stage2->active;
  return 2;
}

std::vector<Belief> beliefs(const hw::Economy& e) {
  const hw::Information& info = *e.info;
  std::vector<Belief> out;
  out.push_back({"kappa", info.prior});
  for (std::size_t x = 0; x < info.type_count(); ++x)
    out.push_back({"tau_" + info.types[x], hw::type_posterior<Rational>(info, x)});
  // Every configuration sigma of the M active agents (compositions of M into #X parts).
  const long long M = active_agents(e);
  std::vector<std::vector<long long>> configs;
  std::vector<long long> sigma(info.type_count(), 0);
  std::function<void(std::size_t, long long)> rec = [&](std::size_t i, long long left) {
    if (configs.size() > 64) return;
    if (i + 1 == sigma.size()) {
      sigma[i] = left;
      configs.push_back(sigma);
      return;
    }
    for (long long k = 0; k <= left; ++k) {
      sigma[i] = k;
      rec(i + 1, left - k);
    }
  };
  rec(0, M);
  if (configs.size() <= 64)
    for (const auto& s : configs) {
      bool possible = false;  // probability > 0 in some state
      for (std::size_t z = 0; z < info.state_count() && !possible; ++z) {
        bool ok = true;
        for (std::size_t x = 0; x < s.size(); ++x) ok = ok && (s[x] == 0 || info.mu[z][x] > 0);
        possible = ok;
      }
      if (!possible) continue;
      std::string label = "phi^(";
      for (std::size_t x = 0; x < s.size(); ++x) label += (x ? "," : "") + std::to_string(s[x]);
      out.push_back({label + ")", hw::configuration_posterior<Rational>(info, s)});
    }
  return out;
}

std::vector<hw::Totals<Rational>> totals_grid(const hw::Economy& e) {
  const long long M = active_agents(e);
  const Rational m(M);
  auto range = [&](const std::optional<std::pair<Rational, Rational>>& given, const Rational& eps,
                   const Rational& bar) {
    if (given) return *given;
    Rational lo = m * eps, hi = m * eps + (m - 1) * bar;
    if (hi == lo) hi = lo + bar;  // M = 1: only epsilon; still look around it
    return std::make_pair(lo, hi);
  };
  const auto [qlo, qhi] = range(e.grid.q_range, e.epsilon.q, e.qbar);
  const auto [rlo, rhi] = range(e.grid.r_range, e.epsilon.r, e.rbar);
  const long long G = e.grid.points;
  std::vector<hw::Totals<Rational>> out;
  for (long long i = 0; i < G; ++i)
    for (long long j = 0; j < G; ++j)
      out.push_back({qlo + (qhi - qlo) * Rational(i, G - 1), rlo + (rhi - rlo) * Rational(j, G - 1)});
  return out;
}

std::string decimal(const Mpfr& x, int digits) { return x.str(digits, std::ios_base::scientific); }

std::string decimal(const Interval& x, int digits) {
  // Only the digits the enclosure certifies (cut, not rounded); the enclosure when there are none.
  const std::string certified = certified_digits(x, digits);
  return certified.empty() ? NumberKind<Interval>::to_string(x) : certified;
}

}  // namespace mechcheck::proofs::hw_common
