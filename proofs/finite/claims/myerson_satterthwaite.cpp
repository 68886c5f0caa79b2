// finite.myerson_satterthwaite -- Myerson and Satterthwaite (1983), Theorem 1, asked of a finite
// bilateral-trade economy: with independent types whose ranges overlap, no mechanism is Bayesian
// incentive compatible, interim individually rational, ex post budget balanced and ex post
// efficient. The theorem needs a continuum of types; on a finite grid it may fail, and the exact LP
// of finite.design (model/design.hpp) decides which. The four properties are the theorem's
// hypotheses on the mechanism: dropping one removes its rows from the LP (so `--drop efficiency`
// asks whether a BIC, interim IR, budget-balanced mechanism exists). Holds: Farkas multipliers
// prove that no mechanism has the properties in force. Refuted: the LP's mechanism has them. Both
// re-checked by recheck/design.cpp, which rebuilds the rows from the definitions.
#include "finite/claims/claims.hpp"
#include "finite/claims/incentives.hpp"
#include "finite/claims/design_witness.hpp"
#include "finite/model/design.hpp"
#include "finite/model/rules.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <algorithm>

namespace mechcheck::finite {

namespace {

// The properties asked of the mechanism, in the LP's order, each a hypothesis of the theorem.
struct MechanismHypothesis {
  const char* name;
  Property property;
};
constexpr MechanismHypothesis kMechanismHypotheses[] = {{"bic", Property::bic},
                                                        {"interim_ir", Property::interim_ir},
                                                        {"budget_balance", Property::expost_bb},
                                                        {"efficiency", Property::efficiency}};

// The economy with [finite.design] set to the properties in force (those not dropped).
Economy with_properties_in_force(const Economy& e, const std::vector<std::string>& dropped) {
  Economy asked = e;
  asked.design = Design{Objective::feasibility, {}};
  for (const auto& h : kMechanismHypotheses)
    if (std::find(dropped.begin(), dropped.end(), h.name) == dropped.end())
      asked.design->constraints.push_back(h.property);
  return asked;
}

class MyersonSatterthwaite : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.myerson_satterthwaite",
        "Myerson and Satterthwaite (1983), Theorem 1, on a finite bilateral-trade economy",
        "In bilateral trade with independent types whose ranges overlap, no mechanism is Bayesian incentive "
        "compatible, interim individually rational, ex post budget balanced (weak or strong, the case's "
        "budget_balance) and ex post efficient.",
        {{"overlapping_supports",
          "the ranges overlap: the buyer's highest value exceeds the seller's lowest cost and the seller's highest "
          "cost exceeds the buyer's lowest value (otherwise trade is always or never efficient)",
          Necessity::counterexample, "cases/finite/myerson-satterthwaite-no-overlap.toml"},
         {"independent_prior", "the prior is the product of its marginals", Necessity::counterexample,
          "cases/finite/myerson-satterthwaite-correlated.toml"},
         {"bic", "the mechanism is Bayesian incentive compatible (rows bic.*)", Necessity::counterexample,
          "cases/finite/myerson-satterthwaite-drop-bic.toml"},
         {"interim_ir", "the mechanism is interim individually rational (rows interim_ir.*)", Necessity::counterexample,
          "cases/finite/myerson-satterthwaite-drop-interim-ir.toml"},
         {"budget_balance", "the mechanism is ex post budget balanced (rows expost_bb.*)", Necessity::counterexample,
          "cases/finite/myerson-satterthwaite-drop-budget-balance.toml"},
         {"efficiency", "the mechanism is ex post efficient (rows efficiency.*)", Necessity::counterexample,
          "cases/finite/myerson-satterthwaite-drop-efficiency.toml"}},
        "The instance hypotheses decided exactly; then finite.design's exact LP with the rows of the mechanism "
        "hypotheses in force (a dropped one is left out). Infeasible: the theorem holds on the instance, proved by "
        "Farkas multipliers. Feasible: the LP's mechanism is the counterexample. Both re-checked by code that "
        "rebuilds every row from the definitions and never calls the LP.",
        "finite",
        Arithmetic::exact};
    return i;
  }

 protected:
  void check_preconditions(const Case& c, const Economy& e) const override {
    if (!is_bilateral_trade(e))
      c.fail({"finite"},
             "finite.myerson_satterthwaite needs bilateral trade: two agents, outcomes [no trade, trade] without "
             "costs, the buyer (agent 1) with quantities [0, 1] and the seller (agent 2) with quantities [0, -1] "
             "(`mechcheck probe` writes such economies with --set family=bilateral_trade)");
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::holds && outcome.verdict != Verdict::refuted) return std::nullopt;
    // The same certificates as finite.design's, with the verdicts the other way round: an
    // impossibility (holds here) is an infeasible LP (refuted there).
    Outcome as_design = outcome;
    as_design.verdict = outcome.verdict == Verdict::holds ? Verdict::refuted : Verdict::holds;
    return recheck_design(with_properties_in_force(e, outcome.dropped), as_design);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const std::vector<Rational>& b = e.agents[0].types;
    const std::vector<Rational>& s = e.agents[1].types;
    const bool overlap = b.back() > s.front() && s.back() > b.front();
    check.hypothesis("overlapping_supports", overlap,
                     "buyer's values [" + to_string(b.front()) + ", " + to_string(b.back()) + "], seller's costs [" +
                         to_string(s.front()) + ", " + to_string(s.back()) + "]");
    check_independent_prior(check, e);
    // A property asked of the mechanism is imposed (its rows are in the LP) unless dropped; a dropped
    // one is reported as a dropped hypothesis, which is also how the re-check learns it.
    std::vector<std::string> dropped;
    for (const auto& h : kMechanismHypotheses) {
      const bool imposed = !check.context().dropped(h.name);
      check.hypothesis(
          h.name, imposed,
          imposed ? "imposed on the mechanism: its rows are in the LP" : "not imposed: its rows are left out");
      if (!imposed) dropped.push_back(h.name);
    }
    if (!check.hypotheses_met()) return check.unmet();

    const Economy asked = with_properties_in_force(e, dropped);
    guard_enumeration_size(
        check.context(), design_simplex_work(asked),
        "finite.myerson_satterthwaite's LP (units of simplex work: matrix entries x unknowns / 100)");
    const DesignProgram d = design_program(asked);
    // The estimate above counts rows as the builder should make them; the program built is what is
    // solved, so it is bounded too (an estimate that drifted from the builder cannot let a larger LP through).
    guard_enumeration_size(
        check.context(), lp::simplex_work(d.program),
        "finite.myerson_satterthwaite's LP as built (units of simplex work: matrix entries x unknowns / 100)");
    check.stat("lp_variables", static_cast<long long>(d.program.variables))
        .stat("lp_rows", static_cast<long long>(d.program.rows.size()));
    const lp::Result result = lp::solve(d.program);
    if (result.status == lp::Status::infeasible) {
      const long long used = witness_multipliers(check, d, result.multipliers);
      check.stat("certificate_multipliers", used);
      return check.holds("no mechanism has the properties in force: " + std::to_string(used) +
                         " Farkas multipliers combine their rows into -1 >= 0 (exact)");
    }
    // Feasibility has no objective: the LP is never unbounded here.
    witness_mechanism(check, e, result.point, "");
    return check.refuted(
        "a mechanism with the properties in force exists on this finite grid (the LP's, reported "
        "entry by entry; exact)");
  }
};

}  // namespace

std::unique_ptr<Claim> make_myerson_satterthwaite() { return std::make_unique<MyersonSatterthwaite>(); }

}  // namespace mechcheck::finite
