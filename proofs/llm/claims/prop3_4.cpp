// llm.prop3_4 — Propositions 3 and 4 (Section 4.2): a centralized forward market whose pricing
// function P satisfies single-crossing (in particular every P in the family of Proposition 4)
// has r* as a Nash equilibrium, every agent gains ex ante (9), and some P' in the family
// balances the forward market's budget.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/forward.hpp"
#include "mechcheck/cases/checker.hpp"

#include <stdexcept>

namespace mechcheck::proofs {

using namespace mechcheck::llm;

std::optional<Deviation> profitable_deviation(const std::vector<Algebraic>& target,
                                              const std::vector<Rational>& endowments, const ForwardPayoff& payoff,
                                              unsigned grid, long long& evaluations) {
  std::optional<Deviation> best;
  for (std::size_t i = 0; i < target.size(); ++i) {
    const Algebraic base = payoff(i, target[i]);
    std::vector<Algebraic> xs;
    for (unsigned j = 0; j <= grid; ++j) xs.emplace_back(Rational(j, grid));
    xs.emplace_back(endowments[i]);
    for (const auto& x : xs) {
      const Algebraic gain = payoff(i, x) - base;
      evaluations += 1;
      if (gain.sign() > 0 && (!best || gain > best->gain)) best = Deviation{i, x, gain};
    }
  }
  return best;
}

std::optional<std::string> budget_identity_failure(const Algebraic& direct, const Algebraic& decomposition) {
  if (direct == decomposition) return std::nullopt;
  return "the sum of the payments " + direct.to_string(12) + " differs from its decomposition " +
         decomposition.to_string(12);
}

namespace {

using namespace llm_detail;

constexpr unsigned kDeviationGrid = 24;

KinkedPricing kinked(const Algebraic& p0, const Rational& below, const Rational& above) {
  return KinkedPricing{p0, Algebraic(below), Algebraic(above)};
}

class Prop3_4 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop3_4",
        "Propositions 3 and 4 (Section 4.2); proofs in Appendix A.3 and A.4",
        "With endowments e, a pricing function P with P(0) = hat_theta that satisfies single-crossing (every P in "
        "the family of Proposition 4) makes r* a Nash equilibrium of the centralized forward market with payoffs "
        "(3); every agent meets ex ante IR (9); and some P' in the family balances the forward market's budget "
        "sum_i int_{e_i - r*_i}^0 P'(z) dz = 0.",
        {{"pricing_in_family", "the case's P (pricing_slopes) lies in the family of Proposition 4", Necessity::open,
          "Necessary jointly with single_crossing: with both dropped r* is not an equilibrium "
          "(cases/llm/forward-too-flat-drop-pricing-hypotheses.toml). Dropped alone, single_crossing is still "
          "required and gives the equilibrium and IR (9) by Proposition 3, and the budget conclusion does not depend "
          "on the case's P, so a counterexample would refute Proposition 3 itself; none is known. Searched: the "
          "committed forward cases with it dropped alone (forward-slope-one, forward-too-flat, "
          "forward-uniform-pricing: single_crossing fails there too); the probe generates no forward markets"},
         {"single_crossing", "the case's P satisfies single-crossing: hat_i(x) >= P(x - r*_i) iff x <= r*_i",
          Necessity::open,
          "Necessary jointly with pricing_in_family (cases/llm/forward-too-flat-drop-pricing-hypotheses.toml). "
          "Dropped alone, pricing_in_family is still required, and every P in the family satisfies single-crossing "
          "(Proposition 4's first part, A.4), so a counterexample would refute Proposition 4 itself; none is known. "
          "Searched: the committed forward cases with it dropped alone (pricing_in_family fails there too); the "
          "probe generates no forward markets"}},
        "P is the kinked line P(y) = hat_theta + below y (y < 0), hat_theta + above y (y > 0): the case's "
        "pricing_slopes, or else the smallest common rational slope 2^j passing both tests. Single-crossing and "
        "membership in the family are DECIDED EXACTLY on the whole continuum: in type space t = hat_i(x) they read "
        "s q_i(t) - t <= (or >) s r*_i - hat_theta, and the rational piecewise polynomial s q_i - t is compared at "
        "its exact extrema candidates (ends, breaks, real roots of its derivative). With pi_i' = hat_i this proves "
        "r* an equilibrium; independently the exact payoff (3) at every deviation x in {0, 1/24, ..., 1, e_i} is "
        "compared. IR (9) exact. The budget is computed exactly two ways, and an exact upper bound on the budget "
        "of EVERY P in the family (-sum_i of the convexity gaps of pi_i) decides whether some P' can balance it.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // The forward market trades from endowments e (Section 4.2): the claim has nothing to say without them.
  void check_preconditions(const Case& c, const Economy& e) const override {
    if (!e.endowments)
      c.fail({"llm", "endowments"},
             "llm.prop3_4 needs endowments = [e_1, ..., e_n] in [llm]: the forward market of "
             "Section 4.2 trades from the endowments e");
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop3_4(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const ForwardMarket m = forward_market(e, *e.endowments);
    Rational below, above;
    if (e.pricing_slopes) {
      std::tie(below, above) = *e.pricing_slopes;
      const auto family = family_failure(m, below, above);
      const auto crossing = single_crossing_failure(m, below, above);
      check.decided_in<Algebraic>();  // both decided exactly on the whole continuum
      check.hypothesis("pricing_in_family", !family, family.value_or(""));
      check.hypothesis("single_crossing", !crossing, crossing.value_or(""));
      if (!check.hypotheses_met()) return unmet_with_deviation(m, below, above, check);
    } else {
      auto s = doubling_search(
          [&](const Rational& s) { return !single_crossing_failure(m, s, s) && !family_failure(m, s, s); });
      if (!s)
        throw Undecidable("no slope 2^j <= 2^20 puts the kinked P in the family", NumberKind<Algebraic>::arithmetic);
      below = above = *s;
      check.stat("pricing", "constructed: the smallest slope 2^j in the family");
    }
    const KinkedPricing p = kinked(m.hat_theta, below, above);
    check.value("hat_theta", m.hat_theta);
    value_indexed(check, "r_star", m.target);
    value_indexed(check, "e", *e.endowments);
    check.value("slope_below", below).value("slope_above", above);

    // Proposition 3's conclusion, independently of the single-crossing proof: exact payoffs (3).
    long long evaluations = 0;
    if (auto dev = best_deviation(m, p, evaluations, check)) {
      check.witness("agent", static_cast<long long>(dev->agent + 1)).witness("x", dev->x).witness("gain", dev->gain);
      return check.refuted("r* is not a Nash equilibrium: agent " + std::to_string(dev->agent + 1) + " gains " +
                           dev->gain.to_string(12) + " by demanding x = " + dev->x.to_string(12));
    }
    check.stat("deviations_evaluated", evaluations);
    check.context().report(0.5);

    // Ex ante IR (9).
    for (std::size_t i = 0; i < m.size(); ++i) {
      const Algebraic slack = ex_ante_surplus(m, p, i);
      check.value("ir_slack_" + std::to_string(i + 1), slack);
      if (check.sign(slack) < 0) {
        check.witness("agent", static_cast<long long>(i + 1)).witness("slack", slack);
        return check.refuted("ex ante IR (9) fails for agent " + std::to_string(i + 1) + ": slack " +
                             slack.to_string(12));
      }
    }

    // The budget: for this P, and the bound for every P in the family.
    const Algebraic budget = forward_budget(m, p);
    if (auto failure = budget_identity_failure(budget, forward_budget_by_decomposition(m, p)))
      throw std::logic_error("llm.prop3_4: " + *failure);
    check.value("budget", budget);
    bool trade = false;
    for (const auto& d : m.excess()) trade = trade || check.sign(d) != 0;
    if (!trade)
      return check.holds("e = r*: r* is an equilibrium (exact single-crossing and no gain at " +
                         std::to_string(evaluations) + " deviations), IR (9) holds, and the budget is 0");
    const Algebraic bound = family_budget_bound(m);
    check.value("family_budget_bound", bound);
    // The proof of A.4 lowers P left of 0 when the budget is negative: it lowers the budget further.
    check.value("budget_after_proof_step", forward_budget(m, kinked(m.hat_theta, below * 2, above)));
    check.witness("budget", budget).witness("family_budget_bound", bound);
    return check.refuted("Propositions 3 and (first part) 4 hold for P (slopes " + to_string(below) + ", " +
                         to_string(above) + "): exact single-crossing, no gain at " + std::to_string(evaluations) +
                         " deviations, IR (9); but no P' in the family balances the budget: every P in it has budget "
                         "sum_i int_{d_i}^0 (P - hat_theta) < " +
                         bound.to_string(12) + " < 0 (here " + budget.to_string(12) + ")");
  }

 private:
  // The best deviation from r* under P on the grid of demands (exact payoffs (3)), if one gains.
  static std::optional<Deviation> best_deviation(const ForwardMarket& m, const KinkedPricing& p, long long& evaluations,
                                                 Check& check) {
    auto dev = profitable_deviation(
        m.target, m.endowments, [&](std::size_t i, const Algebraic& x) { return forward_payoff(m, p, i, x); },
        kDeviationGrid, evaluations);
    check.decided_in<Algebraic>();  // every gain's sign is decided exactly
    return dev;
  }

  // The hypotheses on the case's P failed: show what they buy, a profitable deviation from r* under this P.
  static Outcome unmet_with_deviation(const ForwardMarket& m, const Rational& below, const Rational& above,
                                      Check& check) {
    long long evaluations = 0;
    const auto dev = best_deviation(m, kinked(m.hat_theta, below, above), evaluations, check);
    if (dev)
      check.witness("agent", static_cast<long long>(dev->agent + 1)).witness("x", dev->x).witness("gain", dev->gain);
    check.value("slope_below", below).value("slope_above", above);
    return check.unmet(dev ? "and r* is not an equilibrium: agent " + std::to_string(dev->agent + 1) + " gains " +
                                 dev->gain.to_string(12) + " by demanding x = " + dev->x.to_string(12)
                           : "no profitable deviation on the grid");
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_prop3_4() { return std::make_unique<Prop3_4>(); }

}  // namespace mechcheck::proofs
