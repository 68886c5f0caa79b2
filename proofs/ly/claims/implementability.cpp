// ly.implementability — the implementability lemma (slides "Implementability lemma",
// "Buyer's problem", appendix "Implementability for the seller"): (alpha, q, t) is
// implementable for a player iff multipliers satisfying ST, DF, CS and NA exist. Checked by
// solving for the multipliers and, independently, by the best-deviation problem.
#include "ly/claims/common.hpp"
#include "ly/claims/claims.hpp"
#include "ly/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"

namespace mechcheck::proofs {

using namespace ly_detail;

// Both routes for one player, recorded through `check`; returns the disagreement or undecided
// state. result: 1 agree, 0 undecided, -1 disagree (certified).
int judge_implementability(const Implementability& imp, const Rational& kappa, Check& check, std::string& detail) {
  // Both routes decide by signs of exp-sums (ST/CS agreement, DF, NA, the dual constraints):
  // exact when a sum is identically 0 or has one term, otherwise by MPFI enclosures; route B's
  // profitable deviation has an MPFI-enclosed gain.
  check.decided_in<Interval>();
  const std::string t = tag(imp.player);
  const bool a = imp.multipliers.exist;
  const auto b = imp.by_deviation();
  const BestDeviation& d = imp.deviation;
  check.text(std::string("implementable for the ") + to_string(imp.player) + " (multipliers)", a ? "yes" : "no");
  if (!a) check.text("multipliers^" + t + " fail", imp.multipliers.failure);
  report_multipliers(check, imp.player, imp.multipliers, kappa);
  check.value(numeric_value("best deviation gain^" + t + " (numeric)", d.numeric_gain))
      .text("dual certificate^" + t, d.optimal_proven()
                                         ? "proves max gain = 0 (feasible; gap identically 0)"
                                         : (d.dual_failure.empty() ? "duality gap not identically 0" : d.dual_failure))
      .stat("ascent iterations (" + t + ")", d.iterations);
  if (d.witness_gain) check.value(make_value("certified deviation gain^" + t, *d.witness_gain));
  // What each route's answer rests on, for the re-check: the multipliers when route A finds
  // them, the profitable deviation when route B certifies one.
  if (a) witness_exact_multipliers(check, imp.player, imp.multipliers);
  if (d.witness) report_witness(check, cell_values("deviation^" + t, *d.witness));
  const std::string who = to_string(imp.player);
  if (!b) {
    detail = "the best-deviation route could not decide for the " + who + " (numeric gain " +
             std::to_string(d.numeric_gain) + ", neither a dual certificate nor a certified profitable deviation)";
    return 0;
  }
  if (*b != a) {
    detail = std::string("for the ") + who + " the multipliers say " + (a ? "implementable" : "not implementable") +
             " but the best deviation says " + (*b ? "implementable" : "not implementable");
    return -1;
  }
  detail = who + ": " +
           (a ? "implementable by both routes" : "not implementable by both routes (" + imp.multipliers.failure + ")");
  return 1;
}

namespace {

class Implementable : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "ly.implementability",
        "Implementability lemma (buyer) and appendix lemma (seller); Buyer's problem BD^b",
        "(alpha, q, t) is implementable for the buyer (seller) iff there are multipliers lambda, phi with ST, DF, CS "
        "and NA.",
        {},
        "Route A solves ST+CS for lambda exactly as w - kappa log mu (LogTerms), decides DF at zero cells and NA "
        "(sum_v exp(-min_c lambda_c(v)/kappa) <= 1) as signs of exact exp-sums (0 only when identically 0; otherwise "
        "MPFI enclosures, nonzero by Lindemann-Weierstrass). Route B maximizes the deviation objective over structures "
        "with the other player's marginal fixed (abstention row included) numerically, then certifies: optimality by "
        "a weak-duality certificate whose gap is identically 0, or a profitable deviation with rational cells and an "
        "MPFI-certified positive gain. The routes must agree for both players.",
        "ly",
        Arithmetic::certified};
    return i;
  }

  void check_preconditions(const Case& c, const Economy& e) const override { require_mechanism(c, e); }
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& o) const override {
    return recheck_ly_implementability(e, o);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const Mechanism& m = given_mechanism(e);
    return judge_both_players(check, [&](Player p, std::string& detail) {
      return judge_implementability(check_implementability(player_problem(e, m, p)), e.kappa, check, detail);
    });
  }
};

}  // namespace

std::unique_ptr<Claim> make_ly_implementability() { return std::make_unique<Implementable>(); }

}  // namespace mechcheck::proofs
