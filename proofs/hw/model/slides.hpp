#pragma once
// The slides' formulation of Hu & Wallace ("Information aggregation and ex post optimality in a
// large, two-stage, Cournot market"; docs/papers.md), in
// the continuum, where it differs from the paper (proofs/hw/docs/slides.md):
//   - quasilinear utility u(q; x, z) + y in the asset q and a numeraire y, each agent endowed
//     with a units of the asset (slide 6); here u(q; x, z) = c_{xz} ln q (exact throughout);
//   - stage 1 is a demand q for the asset, and an inactive agent gets (q, p(a - q)) at the
//     stage-2 price p of the realized state (slide 8) — the paper's inactive agents trade at the
//     fixed p1 = rbar/qbar (eq. (1));
//   - the CE with z known scales the exogenous offers by the active share (slide 11):
//     sum_x P(x|z) q_z(x) + eps_y/((1 - eta) p_z) = a + eps_a/(1 - eta);
//   - the first-stage problem given CE prices (slide 10): max_q sum_z P(z|x)[u(q; x, z) + p(z)(a - q)];
//   - the Lemma (slide 15): with u perturbed by w, w'(q) = b_x, the first-stage demand q_x*(b)
//     has d q_x*/d b_x > 0 and d q_x'*/d b_x < 0 (x' != x) for small eps_y.
// In the case file: [hw] qbar is the asset endowment a, epsilon = (eps_a, eps_y), eta, types,
// states, prior, mu; [hw.slides] log_weight = one row per type of c_{xz} > 0 (one per state).
#include "hw/model/economy.hpp"

#include <vector>

namespace mechcheck::hw {

struct SlidesStage1 {
  std::vector<Rational> price;                   // p_z^ce per state (slide 11)
  std::vector<std::vector<Rational>> ce_demand;  // q_z^ce(x) = c_{xz} / p_z, [z][x]
  std::vector<Rational> clearing_gap;            // slide 11's clearing condition, left minus right (0)
  std::vector<Rational> demand;                  // q(x) of slide 10 given the CE prices
  std::vector<Rational> paper_demand;            // the paper's stage 1 on the same economy: q = E_tau[c] / p1
  // d p_z / d b_x and the Lemma's derivatives at b = 0, by implicit differentiation (exact).
  std::vector<std::vector<Rational>> price_response;   // [z][x]
  std::vector<std::vector<Rational>> demand_response;  // [x'][x] = d q_x'* / d b_x
};

// Throws std::invalid_argument when the economy has no [hw.slides] weights.
SlidesStage1 slides_stage1(const Economy& e);

}  // namespace mechcheck::hw
