// llm.prop11 — Appendix B, Proposition 11: under condition (16), the AGV transfers adjusted by
// the constants d_i (agent 1 absorbing their sum) are ex post budget balanced, Bayesian
// incentive compatible and interim individually rational.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/prop11.hpp"
#include "mechcheck/cases/checker.hpp"

#include <numeric>
#include <stdexcept>

namespace mechcheck::proofs {

using namespace mechcheck::llm;
using namespace llm_detail;

namespace {

// g on [lo, hi] with its pieces below 0 set to 0 (a nonpositive type is never served).
PiecewisePolynomial on_positive_types(const PiecewisePolynomial& g) {
  if (g.lo() >= 0) return g;
  std::vector<Rational> cut{g.lo(), g.hi()};
  if (g.hi() > 0) cut = {g.lo(), Rational(0), g.hi()};
  const auto breaks = PiecewisePolynomial::merged_breaks(g.breaks(), cut);
  const auto refined = g.refined(breaks);
  std::vector<RationalPolynomial> pieces = refined.pieces();
  for (std::size_t j = 0; j < pieces.size(); ++j)
    if (breaks[j + 1] <= 0) pieces[j] = RationalPolynomial();
  return PiecewisePolynomial(breaks, pieces);
}

std::vector<std::size_t> agents_except(const Economy& e, std::size_t a, std::size_t b) {
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < e.size(); ++j)
    if (j != a && j != b) out.push_back(j);
  return out;
}

Rational capped(const Rational& x) { return std::min(Rational(1), x); }

std::string agent_name(std::size_t i) { return "agent " + std::to_string(i + 1); }

}  // namespace

// ---- the model computations (could move to the library) --------------------------------

PiecewisePolynomial expected_welfare_given_type(const Economy& e, std::size_t i) {
  const auto others = agents_except(e, i, i);
  Rational k_others = 0;
  for (auto j : others) k_others += e.agents[j].k;
  const Rational k_i = e.agents[i].k;
  // Layer cake: below p = max(lo, 0) every agent is above p; on [lo, hi] agent i is above p iff
  // p < x, adding k_i.
  const auto with_i = expectation_over_who_is_above(e, others, [&](const Rational& s) { return capped(k_i + s); });
  const auto without_i = expectation_over_who_is_above(e, others, capped);
  const Rational base = std::max(e.lo, Rational(0)) * capped(k_i + k_others) + on_positive_types(without_i).integral();
  return PiecewisePolynomial::constant(e.lo, e.hi, base) + on_positive_types(with_i - without_i).integral_from_lo();
}

PiecewisePolynomial externality_by_welfare(const Economy& e, std::size_t i, const PiecewisePolynomial& q_i) {
  return expected_welfare_given_type(e, i) - q_i.times_polynomial(RationalPolynomial::identity());
}

PiecewisePolynomial externality_by_allocation(const Economy& e, std::size_t i) {
  PiecewisePolynomial total = PiecewisePolynomial::constant(e.lo, e.hi, 0);
  const Rational k_i = e.agents[i].k;
  for (std::size_t j = 0; j < e.size(); ++j) {
    if (j == i) continue;
    const Rational k_j = e.agents[j].k;
    auto served = [k_j](const Rational& k_above) {
      const Rational left = 1 - k_above;
      return left <= 0 ? Rational(0) : std::min(k_j, left);
    };
    const auto rest = agents_except(e, i, j);
    // E[Q_j | theta_j = s] with agent i below s (x < s) and above s (x > s).
    const auto i_below = expectation_over_who_is_above(e, rest, served);
    const auto i_above = expectation_over_who_is_above(e, rest, [&](const Rational& s) { return served(s + k_i); });
    const auto density = e.agents[j].cdf.derivative();
    const auto t = RationalPolynomial::identity();
    // int_{s > x} s E[Q_j | s, i below] f_j + int_{s < x} s E[Q_j | s, i above] f_j
    //   = int s E[Q_j | s, i below] f_j + int_lo^x s (E[Q_j | s, i above] - E[Q_j | s, i below]) f_j.
    const Rational all = on_positive_types(i_below * density).times_polynomial(t).integral();
    total = total + PiecewisePolynomial::constant(e.lo, e.hi, all) +
            on_positive_types((i_above - i_below) * density).times_polynomial(t).integral_from_lo();
  }
  return total;
}

bool same_function(const PiecewisePolynomial& a, const PiecewisePolynomial& b) {
  const auto difference = a - b;
  for (const auto& p : difference.pieces())
    if (!p.is_zero()) return false;
  return true;
}

// ---- T-bar ------------------------------------------------------------------------------

Algebraic AgvTransfers::v(std::size_t i, const Algebraic& x) const { return v_variable[i](x) + v_constant[i]; }

Algebraic AgvTransfers::expected_h(std::size_t i) const {
  Algebraic sum = 0;
  for (std::size_t j = 0; j < size(); ++j)
    if (j != i) sum += expected_v[j];
  return Algebraic(h_weight) * sum;
}

Algebraic AgvTransfers::transfer(const std::vector<Algebraic>& v_at_theta, std::size_t i) const {
  Algebraic h = 0;
  for (std::size_t j = 0; j < size(); ++j)
    if (j != i) h += v_at_theta[j];
  return Algebraic(h_weight) * h - v_at_theta[i] + adjustment[i];
}

Algebraic AgvTransfers::interim_transfer(std::size_t i, const Algebraic& x) const {
  return expected_h(i) - v(i, x) + adjustment[i];
}

AgvTransfers agv_transfers(const Economy& e, const std::vector<Algebraic>& r) {
  const std::size_t n = e.size();
  const auto m = outside_quantities(e, r);
  const auto hat = worst_off_types(e, r);
  AgvTransfers t;
  for (std::size_t i = 0; i < n; ++i) {
    t.v_variable.push_back(externality_by_allocation(e, i));
    t.v_constant.push_back(m[i] * hat[i]);
    t.expected_v.push_back(Algebraic((t.v_variable[i] * e.agents[i].cdf.derivative()).integral()) + t.v_constant[i]);
    t.expected_welfare_at_hat.push_back(expected_welfare_with_type(e, i, hat[i]));
  }
  t.h_weight = Rational(1) / Rational(static_cast<long>(n) - 1);
  for (std::size_t i = 0; i < n; ++i) t.d.push_back(t.expected_h(i) - t.expected_welfare_at_hat[i]);
  // T-bar_i = h_i - v_i - d_i for i != 1, and T-bar_1 = h_1 - v_1 + sum_{j != 1} d_j.
  Algebraic others = 0;
  for (std::size_t j = 1; j < n; ++j) others += t.d[j];
  t.adjustment.push_back(others);
  for (std::size_t i = 1; i < n; ++i) t.adjustment.push_back(-t.d[i]);
  return t;
}

Algebraic condition16_slack(const AgvTransfers& t) {
  Algebraic slack = 0;
  for (std::size_t i = 0; i < t.size(); ++i) slack += t.expected_welfare_at_hat[i] - t.expected_v[i];
  return slack;
}

// ---- judges -----------------------------------------------------------------------------

Judgement judge_agv_budget_balance(const AgvTransfers& t, const std::vector<Algebraic>& types, Check& check) {
  const std::size_t n = t.size(), m = types.size();
  unsigned long long profiles = 1;
  for (std::size_t i = 0; i < n; ++i) profiles = profiles > (~0ull) / m ? ~0ull : profiles * m;
  guard_enumeration_size(check.context(), profiles, "the type profiles of the grid (ex post budget balance)");
  // v_j at every grid type: the ex post transfers need nothing else.
  std::vector<std::vector<Algebraic>> v(n);
  for (std::size_t j = 0; j < n; ++j)
    for (const auto& x : types) v[j].push_back(t.v(j, x));
  check.decided_in<Algebraic>();  // every sum is compared with 0 exactly
  std::vector<std::size_t> point(n, 0);
  unsigned long long visited = 0;
  while (true) {
    std::vector<Algebraic> v_at;
    for (std::size_t j = 0; j < n; ++j) v_at.push_back(v[j][point[j]]);
    Algebraic total = 0;
    for (std::size_t i = 0; i < n; ++i) total += t.transfer(v_at, i);
    if (total.sign() != 0) {
      std::vector<Algebraic> theta;
      for (auto index : point) theta.push_back(types[index]);
      witness_indexed(check, "theta", theta);
      check.witness("sum_of_transfers", total);
      return {false, "ex post budget balance fails: the transfers sum to " + total.to_string(12) +
                         " at theta = " + list(theta)};
    }
    if (check.context().progress && (++visited & 63) == 0) check.context().report(double(visited) / double(profiles));
    std::size_t i = 0;
    while (i < n && ++point[i] == m) point[i++] = 0;
    if (i == n) break;
  }
  check.stat("budget_profiles", static_cast<long long>(profiles));
  return {true, "the transfers sum to 0 at all " + std::to_string(profiles) + " grid profiles"};
}

Judgement judge_agv_bic(const std::vector<PiecewisePolynomial>& q, const AgvTransfers& t,
                        const std::vector<Algebraic>& types, Check& check) {
  const std::size_t n = t.size(), m = types.size();
  guard_enumeration_size(check.context(), n * m * m, "the (agent, type, report) triples of the grid");
  check.decided_in<Algebraic>();  // every gain's sign is decided exactly
  long long misreports = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Algebraic> q_at, transfer_at;
    for (const auto& x : types) {
      q_at.push_back(q[i](x));
      transfer_at.push_back(t.interim_transfer(i, x));
    }
    for (std::size_t a = 0; a < m; ++a) {
      const Algebraic& type = types[a];
      const Algebraic truthful = type * q_at[a] - transfer_at[a];
      for (std::size_t b = 0; b < m; ++b) {
        if (b == a) continue;
        ++misreports;
        const Algebraic gain = type * q_at[b] - transfer_at[b] - truthful;
        if (gain.sign() > 0) {
          check.witness("agent", static_cast<long long>(i + 1))
              .witness("type", type)
              .witness("report", types[b])
              .witness("interim_gain", gain);
          return {false, "Bayesian IC fails: " + agent_name(i) + " of type " + type.to_string(12) + " gains " +
                             gain.to_string(12) + " in expectation by reporting " + types[b].to_string(12)};
        }
      }
    }
  }
  check.stat("bic_misreports", misreports);
  return {true, "none of " + std::to_string(misreports) + " interim misreports gains"};
}

Judgement judge_agv_interim_ir(const std::vector<PiecewisePolynomial>& q, const std::vector<Algebraic>& outside,
                               const AgvTransfers& t, const std::vector<Algebraic>& types, Check& check) {
  const std::size_t n = t.size();
  guard_enumeration_size(check.context(), n * types.size(), "the (agent, type) pairs of the grid");
  check.decided_in<Algebraic>();  // the payoffs are compared exactly
  std::optional<Algebraic> overall;
  std::size_t worst_agent = 0;
  Algebraic worst_type;
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<Algebraic> lowest;
    Algebraic where;
    for (const auto& x : types) {
      const Algebraic u = x * q[i](x) - t.interim_transfer(i, x) - outside[i] * x;
      if (!lowest || u < *lowest) {
        lowest = u;
        where = x;
      }
    }
    check.value("min_interim_payoff_" + std::to_string(i + 1), *lowest)
        .value("min_interim_payoff_type_" + std::to_string(i + 1), where);
    if (!overall || *lowest < *overall) {
      overall = lowest;
      worst_agent = i;
      worst_type = where;
    }
  }
  check.value("min_interim_payoff", *overall);
  check.stat("ir_points", static_cast<long long>(n * types.size()));
  if (overall->sign() < 0) {
    check.witness("agent", static_cast<long long>(worst_agent + 1))
        .witness("type", worst_type)
        .witness("net_interim_payoff", *overall);
    return {false, "interim IR fails: " + agent_name(worst_agent) + " of type " + worst_type.to_string(12) +
                       " has interim payoff " + overall->to_string(12) + " net of its outside option"};
  }
  return {true, "every grid type's interim payoff net of its outside option is >= 0 (minimum " +
                    overall->to_string(12) + ", " + agent_name(worst_agent) + " at type " + worst_type.to_string(12) +
                    ")"};
}

// ---- the claim ----------------------------------------------------------------------------

namespace {

class Prop11 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop11",
        "Appendix B, Proposition 11, condition (16) and its proof",
        "With v_i(x) = sum_{j != i} E[Q_j(x, theta_-i) theta_j] + min(r_i,k_i) hat_i, h_i = (1/(n-1)) sum_{j != i} "
        "v_j(theta_j) and d_i = E[h_i] - E[W(hat_i, theta_-i)]: if (16) E[sum_i W(hat_i, theta_-i)] >= "
        "E[sum_i v_i(theta_i)] holds, then T-bar_i = h_i - v_i - d_i (i != 1), T-bar_1 = h_1 - v_1 + sum_{j != 1} d_j "
        "with the efficient allocation is ex post budget balanced, Bayesian IC and interim IR.",
        {{"condition_16", "condition (16): E[sum_i W(hat_i, theta_-i)] >= E[sum_i v_i(theta_i)], decided exactly",
          Necessity::counterexample, "cases/llm/llm.prop11-probe-drop-condition-16-seed-1.toml"}},
        "Exact, in closed form. v_i is a piecewise polynomial in its argument plus the constant min(r_i,k_i) hat_i, "
        "computed from the allocation (int s E[Q_j | theta_j = s, theta_i = x] f_j(s) ds summed over j != i) and "
        "checked equal, as a function, to E[W(x, theta_-i)] - x q_i(x) with E[W(x, .)] by the layer cake; "
        "d/dx E[W(x, .)] = q_i is checked too. E[v_i], E[h_i], d_i and the slack of (16) follow exactly; the slack "
        "is checked equal to the expected VCG surplus Pi_r of eq. (11). Then, on the type grid {lo + j (hi - lo)/"
        "type_grid} plus the worst-off types (and 0 if lo < 0): sum_i T-bar_i(theta) = 0 at every profile (v_j "
        "evaluated exactly at algebraic coordinates); no agent, true type and report on the grid gains from the "
        "misreport in interim expectation (E[T-bar_i(x, .)] = E[h_i] - v_i(x) + constant); every grid type's "
        "interim payoff net of its outside option is >= 0. Because u_i' = q_i - min(r_i,k_i) (verified identity) "
        "with q_i nondecreasing, u_i is convex with minimum at hat_i, which is on the grid, so IR and BIC extend "
        "from the grid to [lo, hi] (reported as whole_interval). The proof's chain is checked: u_i(hat_i) = 0 for "
        "i != 1 and u_1(hat_1) = slack of (16). Readings: the proof's 'v_1(theta_i)' (and 'v_i(theta_i)' in the "
        "i != 1 chain) is v at hat; in its second line for agent 1 the sum over i != 1 spans both terms of d_i and "
        "'W(hat, .)' is W(hat_i, .); T_i in u_i^T is T-bar_i. Findings: slack(16) = Pi_r always, so (16) is "
        "Lemma 2's condition and holds under r* (Prop. 1); min_t u_1(t) = u_1(hat_1) = slack(16), so the mechanism "
        "as written is interim IR exactly when (16) holds; agents i != 1 get exactly the VCG interim payoff. The "
        "proof's step u_i(hat_i) = -E[T_i(hat_i, .)] (and the note v_i(hat_i) = E[W(hat_i, .)]) needs "
        "hat_i q_i(hat_i) = min(r_i,k_i) hat_i, which fails when r_i < q_i(lo) and lo != 0; the conclusion does "
        "not depend on it (reported as a note when it happens).",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop11(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const std::size_t n = e.size();
    const auto r = holdings(e);
    const auto q = interim_allocations(e);
    const auto m = outside_quantities(e, r);
    const auto hat = worst_off_types(e, r);
    const AgvTransfers agv = agv_transfers(e, r);

    value_indexed(check, "r", r);
    value_indexed(check, "hat_theta", hat);
    value_indexed(check, "expected_v", agv.expected_v);
    std::vector<Algebraic> expected_h;
    for (std::size_t i = 0; i < n; ++i) expected_h.push_back(agv.expected_h(i));
    value_indexed(check, "expected_h", expected_h);
    value_indexed(check, "expected_welfare_at_hat", agv.expected_welfare_at_hat);
    value_indexed(check, "d", agv.d);

    // v_i two ways (as functions), E[W(hat_i, .)] two ways, and the envelope d/dx E[W(x, .)] = q_i.
    bool whole_interval = true;
    for (std::size_t i = 0; i < n; ++i) {
      const auto welfare = expected_welfare_given_type(e, i);
      // Two formulas of one quantity: a disagreement is a defect of this program (an error), not a
      // finding about Proposition 11.
      if (!same_function(agv.v_variable[i], externality_by_welfare(e, i, q[i])))
        throw std::logic_error("v_" + std::to_string(i + 1) +
                               " from the allocation differs from "
                               "E[W(x, theta_-i)] - x q_i(x) (two formulas disagree)");
      if (welfare(hat[i]) != agv.expected_welfare_at_hat[i])
        throw std::logic_error("E[W(hat_" + std::to_string(i + 1) + ", theta_-i)]: two layer-cake formulas disagree");
      whole_interval = whole_interval && same_function(welfare.derivative(), q[i]) && !q[i].first_decreasing_piece();
      if (hat[i] * q[i](hat[i]) != m[i] * hat[i])
        check.text("note_agent_" + std::to_string(i + 1),
                   "hat_i q_i(hat_i) != min(r_i,k_i) hat_i: the proof's steps v_i(hat_i) = E[W(hat_i, .)] and "
                   "u_i(hat_i) = -E[T_i(hat_i, .)] fail here (the conclusion does not use them)");
    }
    check.text("whole_interval", whole_interval ? "yes: u_i' = q_i - min(r_i,k_i), q_i nondecreasing" : "no");

    // Condition (16), and its identity with the expected VCG surplus.
    const Algebraic slack = condition16_slack(agv);
    const Algebraic pi_r = expected_surplus_eq11(e, r);
    check.value("slack_16", slack).value("expected_surplus", pi_r);
    if (slack != pi_r)
      throw std::logic_error("the slack of (16), " + slack.to_string(12) +
                             ", differs from Pi_r = " + pi_r.to_string(12) + " (an identity)");
    check.hypothesis("condition_16", check.sign(slack) >= 0,
                     "E[sum_i W(hat_i, .)] - E[sum_i v_i] = " + slack.to_string(12));
    if (!check.hypotheses_met()) return check.unmet();

    // Ex post budget balance, BIC and interim IR on the type grid.
    std::vector<Rational> steps;
    for (unsigned j = 0; j <= e.type_grid; ++j) steps.push_back(e.lo + (e.hi - e.lo) * Rational(j, e.type_grid));
    const auto types = vertex_grid(e, r, steps).constants;
    check.stat("grid_types", static_cast<long long>(types.size()));
    const Judgement budget = judge_agv_budget_balance(agv, types, check);
    if (!budget.holds) return check.refuted(budget.why);
    const Judgement bic = judge_agv_bic(q, agv, types, check);
    if (!bic.holds) return check.refuted(bic.why);
    const Judgement ir = judge_agv_interim_ir(q, m, agv, types, check);
    if (!ir.holds) return check.refuted(ir.why);

    // The proof's chain at the worst-off types, and u_i two ways (VCG payoff + agent 1's share).
    for (std::size_t i = 0; i < n; ++i) {
      auto u = [&](const Algebraic& x) { return x * q[i](x) - agv.interim_transfer(i, x) - m[i] * x; };
      const Algebraic at_hat = u(hat[i]);
      if (i == 0) check.value("u_1_at_hat_1", at_hat);
      // Identities of the construction (the proof's chain): a failure is a defect, reported as an error.
      if (at_hat != (i == 0 ? slack : Algebraic(0)))
        throw std::logic_error(agent_name(i) + "'s interim payoff at its worst-off type is " + at_hat.to_string(12) +
                               ", not " + (i == 0 ? "the slack of (16)" : "0"));
      for (const auto& x : {Algebraic(e.lo), hat[i], Algebraic(e.hi)}) {
        const Algebraic vcg = interim_payoff_vcg(e, i, m[i], hat[i], x) + (i == 0 ? slack : Algebraic(0));
        if (u(x) != vcg)
          throw std::logic_error(agent_name(i) + "'s AGV interim payoff at " + x.to_string(12) +
                                 " differs from its VCG payoff" + (i == 0 ? " + slack(16)" : ""));
      }
    }
    return check.holds("(16) holds with slack " + slack.to_string(12) + " (= Pi_r); " + budget.why + "; " + bic.why +
                       "; " + ir.why);
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_prop11() { return std::make_unique<Prop11>(); }

}  // namespace mechcheck::proofs
