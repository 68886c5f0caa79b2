// What the llm checks found in Liu, Loertscher & Marx (2020): errata, gaps and the readings the
// checkers chose, each with the committed case that shows it (`mechcheck findings`).
#include "llm/paper.hpp"

namespace mechcheck::llm {

std::vector<Finding> findings() {
  return {
      {"llm.ties", "llm.prop1", "reading",
       "Ties between types have probability zero (Section 2), so the efficient allocation among equal types is left "
       "open.",
       "On llm.prop1's vertex grid ties are the rule: Pi(theta, r*) = 0 at 19 of the 27 grid points of three "
       "uniform agents, among them (hat, 0, 0). The checker serves equal types in increasing index order and uses only "
       "the welfare W, which does not depend on that order (tied agents have the same marginal value); q_i does not "
       "either, the CDFs being continuous (a case-file rule).",
       "cases/llm/uniform-n3-k1.toml"},
      {"llm.outside-option-beyond-demand", "llm.lemma2", "reading",
       "Eq. (11) writes the outside option as hat_theta_i(r_i) r_i.",
       "With r_i > k_i (a cornered market: r = (1, 0, 0) with k_1 = 1/3) an agent can consume only k_i, so the "
       "outside option is min(r_i, k_i) theta_i (Section 2); the checker uses min(r_i, k_i) everywhere, which agrees "
       "with (11) whenever r_i <= k_i. Read this way (11) equals eq. (2) integrated: Pi_r = 1/6 both ways.",
       "cases/llm/figure1-cornered.toml"},
      {"llm.negative-types", "llm.lemma1", "reading",
       "Types lie in [lo, hi] with no restriction on the sign of lo; Lemma 1's worst-off type is min{t : q_i(t) >= "
       "min(r_i, k_i)}.",
       "With lo < 0 negative types are never served, so q_i jumps at 0 and Lemma 1's minimum is taken at the jump "
       "(hat_theta_i = 0 for both agents on types in [-1, 1]); llm.prop1's vertex grid gains the constant 0. Lemma 1, "
       "eq. (2) and Propositions 1-2 hold there.",
       "cases/llm/negative-support.toml"},
      {"llm.footnote7-transfer-sign", "llm.lemma1", "erratum",
       "Footnote 7 prints the interim transfer as E[W(theta_i, .)] - q_i theta_i + min(r_i,k_i) hat_i - E[W(hat_i, "
       ".)].",
       "That is the negative of E[T_{r,i}] = q_i theta_i - E[W(theta_i, .)] + E[W(hat_i, .)] - min(r_i,k_i) hat_i, the "
       "expectation of the transfer defined just above it. Both vanish at hat_i, so the footnote's conclusion stands. "
       "With the transfer as defined (two independent formulas) every agent's net interim payoff is >= 0 and first 0 "
       "at Lemma 1's hat_theta_i.",
       "cases/llm/asymmetric-t-squared.toml"},
      {"llm.prop4-budget-balance", "llm.prop3_4", "erratum",
       "Proposition 4: some pricing function P' of its family supports r* and balances the forward market's budget "
       "sum_i int_{e_i - r*_i}^0 P'(z) dz = 0; the proof's second case adjusts P to remove a deficit.",
       "False whenever e != r*: the hat_theta parts cancel (the e_i - r*_i sum to 0), so the budget is sum_i "
       "int_{d_i}^0 (P - hat_theta), and every term is negative because every P of the family is below hat_theta left "
       "of 0 and above it right of 0. Uniform types, n = 2, e = (1, 0): the case's P runs a budget of -1/2, every P of "
       "the family runs below -1/4 (an exact bound), and the proof's adjustment moves it to -3/4. The equilibrium and "
       "IR (9) parts hold.",
       "cases/llm/forward-uniform-n2.toml"},
      {"llm.prop4-uniform-pricing", "llm.prop3_4", "remark",
       "After Proposition 4 the paper turns to uniform pricing, a constant P = hat_theta.",
       "Uniform pricing balances the budget (payments hat_theta times net trades that sum to 0) but does not support "
       "r*: agent 1 gains 1/8 by demanding x = 0 (P is outside the family and single-crossing fails). With "
       "llm.prop4-budget-balance, neither the family nor uniform pricing both supports r* and balances the budget "
       "when e != r*.",
       "cases/llm/forward-uniform-pricing.toml"},
      {"llm.forward-pricing-domain", "llm.prop3_4", "reading",
       "P is declared on [0, 1] with values in [lo, hi]; delta(y) is defined with hat_j(y + r*_j).",
       "P is evaluated at negative arguments y = x - r*_i and needs values outside [lo, hi] (the case's P(y) = 1/2 + "
       "2y runs from -1/2 to 3/2 on types in [0, 1]), so P may take any real value. hat_j(y + r*_j) is undefined "
       "outside [0, k_j]: such agents are left out of delta's min and max there.",
       "cases/llm/forward-uniform-n2.toml"},
      {"llm.prop5-6-budget-balance", "llm.prop5_6", "erratum",
       "Propositions 5 and 6 (aggregate uncertainty) carry Proposition 4's budget-balance part to P and P^U.",
       "They inherit its failure: equal holdings are an equilibrium for P (slope 2) and P^U (slope 4) and the spot "
       "market operates in both states, but every P of the family runs a budget below -1/4 and every P^U likewise "
       "(the case's: -1/2 and -1).",
       "cases/llm/aggregate-uniform-n2.toml"},
      {"llm.a7-order-reversed", "llm.groups", "erratum",
       "Appendix A.7 (proof of Proposition 8): \"r*_G2(m) > r*_G1(m)\", \"r*_G1(0) = 1/n\", and n r*_G1(m+1) > 1 for "
       "every m >= 1.",
       "The first inequality is reversed and the end point is r*_G2(0) = 1/n = r*_G1(n). At m + 1 = n, n r*_G1(n) = 1 "
       "exactly, not > 1 (reported as the fact 'A.7 as printed', which fails: n r*_G1(4) = 1 at m = 3). Proposition "
       "8 and the corrected facts hold.",
       "cases/llm/groups-two-strength-ordered.toml"},
      {"llm.groups-weak-order", "llm.groups", "remark",
       "Corollary 3 and Proposition 8 assume strength-ordered groups: k_G1 > k_G2 and F_G1 < F_G2 strictly.",
       "The weak order (5) of Proposition 7 suffices: with equal demands k_G1 = k_G2 = 1/2 the strict hypothesis "
       "fails (hypotheses_unmet), and with it dropped Corollaries 2-3 and Proposition 8 hold (also with CDFs that "
       "touch "
       "at t = 1/2: cases/llm/groups-tangent-distributions.toml).",
       "cases/llm/groups-equal-demands.toml"},
      {"llm.prop9-multiplier-sign", "llm.prop9", "reading",
       "Appendix A.8's Lagrangian L = sum_i phi_i + mu (sum_i r_i - 1) + ... and its KKT conditions.",
       "With the Lagrangian as printed, stationarity at r* gives mu = +hat_theta (mu = -hat_theta under the usual L = "
       "f "
       "- mu g). The checker uses the paper's sign: mu = hat_theta = 0.4774... at r*, every lambda = 0, and no point "
       "of the simplex grid beats r*.",
       "cases/llm/revenue-figure1-k1-one-half.toml"},
      {"llm.lemma-a1-equality", "llm.prop10", "erratum",
       "Lemma A.1 (proof of Proposition 10): 1 - sum_{j != i} q_j(lo) > k_i for every agent i.",
       "False as stated for n = 2 and for agents with k_i = 1, where it holds with equality: here 1 - q_2(lo) = 9/10 = "
       "k_1 and 1 - q_1(lo) = 1/5 = k_2 (reported as 'statement: Lemma A.1 and (15) = fails').",
       "cases/llm/revenue-shifted-support-drop-types-from-zero.toml"},
      {"llm.prop10-shifted-support", "llm.prop10", "erratum",
       "Proposition 10: agent i* in argmin_i int (k_i - q_i) corners the market; A.9's Case 1 pads the type space down "
       "to 0 when lo > 0.",
       "The formula for i* drops the cost lo k_i that the padding adds: with types in [1, 2] it picks i* = 1, but the "
       "best boundary holdings are (0, 1), agent 2 cornering (Pi = 31/40 against 11/120 for agent 1): refuted with "
       "types_from_zero dropped.",
       "cases/llm/revenue-shifted-support-drop-types-from-zero.toml"},
      {"llm.prop10-full-demand", "llm.prop10", "reading",
       "Proposition 10: if a boundary solution r^c is optimal, agent i* in argmin_i int (k_i - q_i) corners the "
       "market.",
       "\"Boundary solution\" is read as a holding of the simplex with r_i > k_i for some i, and \"optimal\" as "
       "beating r* over the whole simplex (the hypothesis boundary_solution_optimal). i* may have k_{i*} = 1 and then "
       "cannot corner: here i* = 1 with k_1 = 1, the best boundary holding (0, 1) is agent 2's, and it gives -1/8 "
       "against Pi_r* = 0.034, so the premise fails (hypotheses_unmet; refuted with it dropped).",
       "cases/llm/revenue-full-demand-cannot-corner.toml"},
      {"llm.appendix-b-condition-16", "llm.prop11", "remark",
       "Appendix B (Proposition 11): if (16) holds, the AGV mechanism with T-bar is budget balanced, Bayesian IC and "
       "interim IR; its proof writes \"v_1(theta_i)\" for v_1(hat_1) and drops a parenthesis in agent 1's second "
       "line.",
       "The slack of (16) always equals Pi_r, and agent 1's least interim payoff equals that slack, so the mechanism "
       "as written is interim IR exactly when (16) holds. Bilateral trade (Myerson-Satterthwaite) has slack = Pi_r = "
       "-1/6: (16) fails, and with it dropped agent 1 of type 1 is left at -1/6.",
       "cases/llm/agv-myerson-satterthwaite.toml"},
  };
}

}  // namespace mechcheck::llm
