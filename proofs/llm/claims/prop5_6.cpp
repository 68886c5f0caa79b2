// llm.prop5_6 — Propositions 5 and 6 (Section 5.1): with aggregate uncertainty k(omega) in the
// symmetric setup, (5) the forward market with P in the family yields holdings that make the
// spot market efficient in every state, and (6) for P^U in the family built from the expected
// worst-off types, equal holdings are a Nash equilibrium; in both, some P' balances the budget.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/forward.hpp"
#include "mechcheck/cases/checker.hpp"

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

constexpr unsigned kDeviationGrid = 24;

class Prop5_6 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop5_6",
        "Propositions 5 and 6 (Section 5.1); proof of 5 in Appendix A.5, of 6 in the text",
        "Symmetric agents, states omega with k_i = k(omega). (5) Unanticipated: for P in the family the forward "
        "market's equilibrium holdings make the spot market operate in every state, and some P' balances the "
        "budget. (6) Anticipated: for P^U in the family P^U (built from int hat_i(x; omega) d alpha) equal "
        "holdings are a Nash equilibrium of payoffs (4), and some P^U' balances the budget.",
        {},
        "(5): P built for the case's k as in llm.prop3_4 (exact single-crossing and family decision); equal "
        "holdings 1/n checked an equilibrium at the deviation grid; in every state r*(k(omega)) = 1/n with a "
        "common worst-off type and Pi >= 0 (Corollary 1). (6): P^U(y) = sum_omega alpha hat_theta(omega) + s y "
        "(kinked), s the smallest 2^j that passes single-crossing and the family test in EVERY state (a common "
        "slope: summing the per-state strict inequalities with weights alpha proves them for the expected "
        "worst-off types); the expected payoff (4) compared exactly at x in {0, 1/24, ..., 1, e_i}. Budgets exact, "
        "with the exact upper bound for every P in the family (sum_omega alpha of the per-state bounds).",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Section 5.1's setup: states of aggregate uncertainty (the parser makes the agents symmetric
  // there) and the endowments the forward market trades from.
  void check_preconditions(const Case& c, const Economy& e) const override {
    if (!e.aggregate)
      c.fail({"llm", "aggregate"},
             "llm.prop5_6 needs the states of aggregate uncertainty of Section 5.1: "
             "[llm.aggregate] states = [{ probability = ..., k = ... }, ...]");
    if (!e.endowments)
      c.fail({"llm", "endowments"},
             "llm.prop5_6 needs endowments = [e_1, ..., e_n] in [llm]: the forward market of "
             "Section 5.1 trades from the endowments e");
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop5_6(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    long long evaluations = 0;

    // Proposition 5: P in the family for the case's k; the forward market's equilibrium holdings.
    const ForwardMarket base = forward_market(e, *e.endowments);
    auto s5 = doubling_search(
        [&](const Rational& s) { return !single_crossing_failure(base, s, s) && !family_failure(base, s, s); });
    if (!s5)
      throw Undecidable("no slope 2^j <= 2^20 puts the kinked P in the family", NumberKind<Algebraic>::arithmetic);
    const KinkedPricing p5{base.hat_theta, Algebraic(*s5), Algebraic(*s5)};
    const auto dev5 = profitable_deviation(
        base.target, base.endowments, [&](std::size_t i, const Algebraic& x) { return forward_payoff(base, p5, i, x); },
        kDeviationGrid, evaluations);
    check.decided_in<Algebraic>();  // the slopes' tests and every gain's sign are decided exactly
    if (dev5) {
      deviation_witness("5", *dev5, *s5, check);
      return check.refuted("(5) the holdings r* are not an equilibrium: agent " + std::to_string(dev5->agent + 1) +
                           " gains " + dev5->gain.to_string(12) + " at x = " + dev5->x.to_string(12));
    }
    // ... and the spot market operates in every state (Corollary 1 there).
    const auto states = state_economies(e);
    for (std::size_t w = 0; w < states.size(); ++w)
      if (auto failure = cor1_failure_at(states[w], states[w].agents[0].k)) {
        check.witness("state", static_cast<long long>(w + 1)).witness("k", states[w].agents[0].k);
        return check.refuted("(5) state " + std::to_string(w + 1) + ": " + *failure);
      }
    check.value("slope_P", *s5).value("budget_P", forward_budget(base, p5));
    check.context().report(0.4);

    // Proposition 6: P^U from the expected worst-off types, one forward market per state.
    std::vector<ForwardMarket> markets;
    Algebraic p0 = 0, bound = 0;
    for (std::size_t w = 0; w < states.size(); ++w) {
      markets.push_back(forward_market(states[w], *e.endowments));
      const Algebraic alpha((*e.aggregate)[w].probability);
      p0 += alpha * markets.back().hat_theta;
    }
    auto s6 = doubling_search([&](const Rational& s) {
      for (const auto& m : markets)
        if (single_crossing_failure(m, s, s) || family_failure(m, s, s)) return false;
      return true;
    });
    if (!s6)
      throw Undecidable("no common slope 2^j <= 2^20 passes single-crossing in every state",
                        NumberKind<Algebraic>::arithmetic);
    const KinkedPricing pu{p0, Algebraic(*s6), Algebraic(*s6)};
    auto expected_payoff = [&](std::size_t i, const Algebraic& x) {
      Algebraic value = 0;
      for (std::size_t w = 0; w < markets.size(); ++w)
        value += Algebraic((*e.aggregate)[w].probability) * spot_payoff(markets[w].agents[i], x);
      const Algebraic d = Algebraic(e.endowments->at(i)) - markets.front().target[i];
      return value - pu.integral(d, x - markets.front().target[i]);
    };
    if (auto dev =
            profitable_deviation(markets.front().target, *e.endowments, expected_payoff, kDeviationGrid, evaluations)) {
      deviation_witness("6", *dev, *s6, check);
      return check.refuted("(6) equal holdings are not an equilibrium under P^U: agent " +
                           std::to_string(dev->agent + 1) + " gains " + dev->gain.to_string(12) +
                           " at x = " + dev->x.to_string(12));
    }
    const Algebraic budget = forward_budget(markets.front(), pu);
    for (std::size_t w = 0; w < markets.size(); ++w)
      bound += Algebraic((*e.aggregate)[w].probability) * family_budget_bound(markets[w]);
    check.value("P_U_0", p0).value("slope_P_U", *s6).value("budget_P_U", budget);
    check.stat("deviations_evaluated", evaluations);

    // The budgets: with no trade both are 0; else every P (P^U) of the family stays below its bound.
    bool trade = false;
    for (const auto& d : base.excess()) trade = trade || check.sign(d) != 0;
    if (!trade)
      return check.holds(
          "e = (1/n, ...): equal holdings are an equilibrium for P and P^U, the spot market operates "
          "in every state, and both budgets are 0");
    const Algebraic bound5 = family_budget_bound(base);
    check.value("family_budget_bound_P", bound5).value("family_budget_bound_P_U", bound);
    check.witness("budget_P", forward_budget(base, p5))
        .witness("family_budget_bound_P", bound5)
        .witness("budget_P_U", budget)
        .witness("family_budget_bound_P_U", bound);
    return check.refuted("equal holdings are an equilibrium for P (slope " + to_string(*s5) + ") and for P^U (slope " +
                         to_string(*s6) + "), and the spot market operates in all " + std::to_string(states.size()) +
                         " states; but no P' balances the budget: every P in the family has budget < " +
                         bound5.to_string(12) + " and every P^U < " + bound.to_string(12));
  }

 private:
  // The witness of a profitable deviation in part (5) or (6) of the claim.
  static void deviation_witness(const char* part, const Deviation& dev, const Rational& slope, Check& check) {
    check.witness(make_text("proposition", part))
        .witness("agent", static_cast<long long>(dev.agent + 1))
        .witness("x", dev.x)
        .witness("gain", dev.gain)
        .witness("slope", slope);
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_prop5_6() { return std::make_unique<Prop5_6>(); }

}  // namespace mechcheck::proofs
