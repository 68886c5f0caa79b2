// The slides' continuum formulation of Hu & Wallace (slides 6-15), exact. See slides.hpp and
// proofs/hw/docs/slides.md.
#include "hw/model/slides.hpp"

#include "hw/model/theory.hpp"

#include <algorithm>
#include <stdexcept>

namespace mechcheck::hw {

SlidesStage1 slides_stage1(const Economy& e) {
  if (!e.info || e.slides_log_weight.empty())
    throw std::invalid_argument("hw: the slides' formulation needs the economy and [hw.slides] log_weight");
  if (!e.eta) throw std::invalid_argument("hw: the slides' formulation needs eta (slide 8)");
  const Information& info = *e.info;
  const auto& c = e.slides_log_weight;  // c[x][z]
  const std::size_t k = info.type_count(), Z = info.state_count();
  const Rational active = 1 - *e.eta;
  const Rational a = e.qbar, eps_a = e.epsilon.q, eps_y = e.epsilon.r;
  SlidesStage1 out;
  std::vector<Rational> weighted(Z, Rational(0));  // sum_x mu_z(x) c_{xz}
  for (std::size_t z = 0; z < Z; ++z) {
    for (std::size_t x = 0; x < k; ++x) weighted[z] += info.mu[z][x] * c[x][z];
    // Slide 11 with q_z(x) = c_{xz}/p (c/q = p): sum mu c / p + eps_y/((1 - eta) p) = a + eps_a/(1 - eta).
    const Rational p = (weighted[z] + eps_y / active) / (a + eps_a / active);
    out.price.push_back(p);
    std::vector<Rational> demand;
    Rational lhs = eps_y / (active * p);
    for (std::size_t x = 0; x < k; ++x) {
      demand.push_back(c[x][z] / p);
      lhs += info.mu[z][x] * demand.back();
    }
    out.ce_demand.push_back(demand);
    out.clearing_gap.push_back(lhs - (a + eps_a / active));
    // d p_z / d b_x at b = 0: the perturbed demand is c/(p - b_x); implicit differentiation.
    std::vector<Rational> response;
    for (std::size_t x = 0; x < k; ++x) response.push_back(info.mu[z][x] * c[x][z] / (weighted[z] + eps_y / active));
    out.price_response.push_back(response);
  }
  const Rational p1 = e.rbar / e.qbar;
  std::vector<Rational> Ec(k, Rational(0)), Ep(k, Rational(0));
  for (std::size_t x = 0; x < k; ++x) {
    const auto tau = type_posterior<Rational>(info, x);
    for (std::size_t z = 0; z < Z; ++z) {
      Ec[x] += tau[z] * c[x][z];
      Ep[x] += tau[z] * out.price[z];
    }
    out.demand.push_back(Ec[x] / Ep[x]);  // slide 10: E[c]/q = E[p]
    out.paper_demand.push_back(
        std::min(Rational(Ec[x] / p1), Rational(2 * e.qbar)));  // (4) with u = c ln q + r at p1, q in [0, 2 qbar]
  }
  out.demand_response.assign(k, std::vector<Rational>(k, Rational(0)));
  for (std::size_t xp = 0; xp < k; ++xp) {
    const auto tau = type_posterior<Rational>(info, xp);
    for (std::size_t x = 0; x < k; ++x) {
      Rational dEp = 0;  // d E_tau_x'[p] / d b_x
      for (std::size_t z = 0; z < Z; ++z) dEp += tau[z] * out.price_response[z][x];
      // q_x' = E[c]/(E[p(b)] - b_x'): differentiate in b_x at b = 0.
      const Rational own = xp == x ? Rational(1) : Rational(0);
      out.demand_response[xp][x] = Ec[xp] * (own - dEp) / (Ep[xp] * Ep[xp]);
    }
  }
  return out;
}

}  // namespace mechcheck::hw
