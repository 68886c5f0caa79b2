// ly.class2 — the Class-2 lemma (slides "Solution to Buyer's problem", "Class 2-lemma",
// "Proof of Class 2-lemma"): if alpha solves the Class-1 problem, (alpha, S^b) solves the
// Class-2 problem iff NA holds.
#include "ly/claims/common.hpp"
#include "ly/claims/claims.hpp"
#include "ly/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"

namespace mechcheck::proofs {

using namespace ly_detail;

int judge_class2(const Class2& c2, Player p, Check& check, std::string& detail) {
  // NA is the sign of an exp-sum (exact only when it binds identically); the directions are
  // compared with kappa log S and the finite steps' gains certified by MPFI enclosures.
  check.decided_in<Interval>();
  const std::string t = tag(p), who = to_string(p);
  check.text("NA^" + t + " sum (exact)", c2.na_sum.to_string())
      .value(make_value("NA^" + t + " sum", c2.na_sum.enclose()))
      .text("NA^" + t, c2.na_sign > 0    ? "holds"
                       : c2.na_sign == 0 ? "binds"
                                         : "fails")
      .value(make_value("kappa log S^" + t + " (closed-form max MG)", c2.closed_form))
      .value(make_value("MG^" + t + "(beta*) general formula", c2.marginal_gain))
      .stat("directions tried against kappa log S^" + t, c2.directions_tried)
      .stat("directions with MG/B <= kappa log S^" + t, c2.directions_not_above)
      .stat("directions with MG/B > kappa log S^" + t, c2.directions_above)
      .stat("directions undecided against kappa log S^" + t + " (enclosures overlap at 4096 bits)",
            c2.directions_undecided);
  const bool na = c2.na_sign >= 0;
  if (c2.sample_exceeding) {
    // A direction beats the closed form. With Class-1 optimality this contradicts the derivation.
    check.witness(make_text("refuted for", who));
    if (na && c2.exceeding_gain) {
      // The lemma's "NA => no profitable Class-2 deviation" fails: a finite step pays.
      check.witness(make_text("refutation", "NA holds but a Class-2 step pays"))
          .witness("epsilon^" + t, *c2.exceeding_epsilon);
      report_witness(check, cell_values("beta^" + t, *c2.exceeding_direction));
      check.value(make_value("class-2 gain^" + t + " along that direction", *c2.exceeding_gain));
      detail = who + ": NA holds but moving mass to abstention pays (" + *c2.sample_exceeding + ")";
      return -1;
    }
    // Certified: MG(beta)/B > kappa log S, while the derivation gives max MG/B = kappa log S.
    check.witness(make_text("refutation", "a direction beats kappa log S"));
    report_witness(check, cell_values("beta^" + t, *c2.exceeding_direction));
    if (c2.exceeding_gain)
      check.value(make_value("class-2 gain^" + t + " along that direction", *c2.exceeding_gain))
          .value("class-2 step epsilon^" + t + " along that direction", *c2.exceeding_epsilon);
    detail = who + ": a direction beats the closed-form maximum kappa log S (" + *c2.sample_exceeding + ")";
    return -1;
  }
  if (!na) {
    // The lemma's "not NA => a profitable Class-2 deviation": a finite step proves it, whatever
    // the sampled directions say.
    if (!c2.finite_gain) {
      detail = who + ": NA fails but no finite Class-2 step with a certified positive gain was found";
      return 0;
    }
    check.value(make_value("class-2 gain^" + t + "(epsilon beta*)", *c2.finite_gain))
        .witness("epsilon^" + t, *c2.epsilon);
    report_witness(check, cell_values("beta*^" + t, c2.worst_direction));
    detail = who + ": NA fails and the worst direction beta* gains " + interval_text(*c2.finite_gain) +
             " at epsilon = " + to_string(*c2.epsilon);
    return 1;
  }
  if (c2.directions_undecided > 0) {
    // NA holds: the closed form says no direction pays, and the directions tried cross-check it.
    // One that cannot be compared leaves the cross-check incomplete: undecided, not holds.
    detail = who + ": NA " + (c2.na_sign == 0 ? "binds" : "holds") + ", but " +
             std::to_string(c2.directions_undecided) + " of the " + std::to_string(c2.directions_tried) +
             " directions tried could not be compared with kappa log S (enclosures overlap at 4096 bits; first: " +
             *c2.first_undecided + ")";
    return 0;
  }
  detail = who + ": NA " + (c2.na_sign == 0 ? "binds (exactly)" : "holds") +
           ", so MG(beta) <= kappa log S <= 0 for every direction (closed form; all " +
           std::to_string(c2.directions_tried) + " directions tried stay at or below it)";
  return 1;
}

namespace {

class Class2Lemma : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "ly.class2",
        "Class 2-lemma and its proof (2x2x2 illustration generalized)",
        "If alpha solves the Class-1 problem (ST, DF, CS hold), then no Class-2 deviation (moving mass to the "
        "abstention realization) is profitable iff NA: sum_v exp(-min_j lambda_j(v)/kappa) <= 1.",
        {{"class1_optimal", "ST, DF and CS hold for both players (alpha solves both Class-1 problems)",
          Necessity::counterexample, "cases/ly/class1-fails.toml"}},
        "Per player: the worst direction beta* (mass b(v) ~ exp(-Lambda(v)/kappa) from the argmin columns) and its "
        "marginal gain by the general formula -sum beta (w - kappa log mu) - kappa sum_v b log(b/B), enclosed; the "
        "closed form max MG = kappa log S; sign(MG*) = sign(S - 1) decided exactly/certified. NA failing: a finite "
        "step epsilon beta* with certified positive gain. NA holding: every single-cell direction (exactly) and "
        "pseudo-random directions (certified) stay at or below kappa log S; a direction whose enclosure still overlaps "
        "kappa log S at 4096 bits is counted as undecided and makes the verdict inconclusive, never holds.",
        "ly",
        Arithmetic::certified};
    return i;
  }

  void check_preconditions(const Case& c, const Economy& e) const override { require_mechanism(c, e); }
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& o) const override {
    return recheck_ly_class2(e, o);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const Mechanism& m = given_mechanism(e);
    std::array<Class2, 2> c2{check_class2(player_problem(e, m, Player::buyer)),
                             check_class2(player_problem(e, m, Player::seller))};
    std::string why;
    for (int k = 0; k < 2; ++k)
      if (!c2[k].class1_optimal)
        why += (why.empty() ? "" : "; ") + std::string(k == 0 ? "buyer: " : "seller: ") + c2[k].class1_failure;
    // A boundary posterior breaks ST by a rational test (it would need log 0), which decides
    // class1_optimal (false) by itself; with interior posteriors, ST and CS agreement and DF are
    // signs of exp-sums (MPFI enclosures unless a sum is identically 0 or has one term).
    if (interior_posteriors(e.structure)) check.decided_in<Interval>();
    check.hypothesis("class1_optimal", why.empty(), why);
    if (!check.hypotheses_met()) return check.unmet();
    return judge_both_players(check, [&](Player p, std::string& detail) {
      return judge_class2(c2[p == Player::buyer ? 0 : 1], p, check, detail);
    });
  }
};

}  // namespace

std::unique_ptr<Claim> make_ly_class2() { return std::make_unique<Class2Lemma>(); }

}  // namespace mechcheck::proofs
