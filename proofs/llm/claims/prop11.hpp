#pragma once
// llm.prop11 (Liu, Loertscher & Marx 2020, Appendix B): the AGV-adjusted transfers T-bar, in
// the closed form the checker uses, and the judging steps, exposed so that tests can feed
// them a seeded bug and see the checker catch it.
//
// The formulas below (expected_welfare_given_type, the two externality formulas) are model
// computations that could move to the library (llm/model/spot_market.hpp); they live here
// because the checker is their only user so far.
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"
#include "llm/claims/common.hpp"
#include "llm/model/spot_market.hpp"

#include <vector>

namespace mechcheck::proofs {

// x -> E[W(x, theta_-i)] on [lo, hi] as a piecewise polynomial, by the layer-cake formula
// W = int_0^inf min(1, sum_{j: theta_j > p} k_j) dp (no use of q_i). At a point it equals
// llm::expected_welfare_with_type(e, i, x).
PiecewisePolynomial expected_welfare_given_type(const llm::Economy& e, std::size_t i);

// The variable part of v_i(x) = sum_{j != i} E[Q_j(x, theta_-i) theta_j] + min(r_i,k_i) hat_i,
// two independent ways:
// (a) from welfare: E[W(x, theta_-i)] - x q_i(x);
// (b) from the allocation: sum_{j != i} int s E[Q_j | theta_j = s, theta_i = x] f_j(s) ds, with
//     j served min(k_j, max(0, 1 - sum of the k's above s)) and i above s iff x > s.
PiecewisePolynomial externality_by_welfare(const llm::Economy& e, std::size_t i, const PiecewisePolynomial& q_i);
PiecewisePolynomial externality_by_allocation(const llm::Economy& e, std::size_t i);

// Equal as functions on [lo, hi] (exact, piece by piece on the common refinement).
bool same_function(const PiecewisePolynomial& a, const PiecewisePolynomial& b);

// T-bar of Proposition 11 with everything it is built from. Agent indices are 0-based here
// (agent 0 is the paper's agent 1).
struct AgvTransfers {
  std::vector<PiecewisePolynomial> v_variable;     // sum_{j != i} E[Q_j(x, theta_-i) theta_j]
  std::vector<Algebraic> v_constant;               // min(r_i, k_i) hat_i
  std::vector<Algebraic> expected_v;               // E[v_i(theta_i)]
  std::vector<Algebraic> expected_welfare_at_hat;  // E[W(hat_i, theta_-i)]
  Rational h_weight;                               // 1/(n-1) in h_i(theta_-i) = h_weight sum_{j != i} v_j(theta_j)
  std::vector<Algebraic> d;                        // d_i = E[h_i] - E[W(hat_i, theta_-i)]
  std::vector<Algebraic> adjustment;               // -d_i for i != 1; + sum_{j != 1} d_j for agent 1

  std::size_t size() const { return v_variable.size(); }
  Algebraic v(std::size_t i, const Algebraic& x) const;  // v_i(x)
  Algebraic expected_h(std::size_t i) const;             // E[h_i(theta_-i)]
  // T-bar_i(theta) from v_at_theta[j] = v_j(theta_j): h_i(theta_-i) - v_i(theta_i) + adjustment_i.
  Algebraic transfer(const std::vector<Algebraic>& v_at_theta, std::size_t i) const;
  // E[T-bar_i(x, theta_-i)] = E[h_i] - v_i(x) + adjustment_i (closed form; h_i does not depend on x).
  Algebraic interim_transfer(std::size_t i, const Algebraic& x) const;
};

// The paper's T-bar for holdings r (v_i by formula (b), E[W(hat_i, .)] by the library's layer cake).
AgvTransfers agv_transfers(const llm::Economy& e, const std::vector<Algebraic>& r);

// Condition (16)'s slack: E[sum_i W(hat_i, theta_-i)] - E[sum_i v_i(theta_i)].
Algebraic condition16_slack(const AgvTransfers& t);

// The judging steps of the conclusion on a grid of types, each recording its witness (on failure)
// and counts in `check`.
// Ex post budget balance: sum_i T-bar_i(theta) = 0 at every profile of `types`^n, exactly.
llm_detail::Judgement judge_agv_budget_balance(const AgvTransfers& t, const std::vector<Algebraic>& types,
                                               Check& check);

// Bayesian IC on `types`: q_i(x) t - E[T-bar_i(x, .)] <= q_i(t) t - E[T-bar_i(t, .)] for every agent,
// true type t and report x.
llm_detail::Judgement judge_agv_bic(const std::vector<PiecewisePolynomial>& q, const AgvTransfers& t,
                                    const std::vector<Algebraic>& types, Check& check);

// Interim IR on `types`: u_i(t) = t q_i(t) - E[T-bar_i(t, .)] - min(r_i,k_i) t >= 0. Reports
// min_interim_payoff (and per agent), with a witness when negative.
llm_detail::Judgement judge_agv_interim_ir(const std::vector<PiecewisePolynomial>& q,
                                           const std::vector<Algebraic>& outside, const AgvTransfers& t,
                                           const std::vector<Algebraic>& types, Check& check);

}  // namespace mechcheck::proofs
