// ly.class2 — the Class-2 lemma (slides "Solution to Buyer's problem", "Class 2-lemma",
// "Proof of Class 2-lemma"): if alpha solves the Class-1 problem, (alpha, S^b) solves the
// Class-2 problem iff NA holds.
#include "common.hpp"
#include "mechcheck/proofs/ly.hpp"

namespace mechcheck::proofs {

using namespace ly_detail;

int judge_class2(const Class2& c2, Player p, Outcome& out, std::string& detail) {
  const std::string t = tag(p), who = to_string(p);
  out.value(make_text("NA^" + t + " sum (exact)", c2.na_sum.to_string()));
  out.value(interval_value("NA^" + t + " sum", c2.na_sum.enclose()));
  out.value(interval_value("kappa log S^" + t + " (closed-form max MG)", c2.closed_form));
  out.value(interval_value("MG^" + t + "(beta*) general formula", c2.marginal_gain));
  out.stat("directions compared (" + t + ")", c2.sampled_directions);
  const bool na = c2.na_sign >= 0;
  if (c2.sample_exceeding) {
    // A direction beats the closed form. With Class-1 optimality this contradicts the derivation.
    if (c2.exceeding_gain) {
      out.value(interval_value("class-2 gain^" + t + " along that direction", *c2.exceeding_gain));
      out.witness.push_back(make_value("epsilon^" + t, *c2.exceeding_epsilon));
      add_cells(out.witness, "beta^" + t, *c2.exceeding_direction);
    }
    if (na && c2.exceeding_gain) {
      detail = who + ": NA holds but moving mass to abstention pays (" + *c2.sample_exceeding + ")";
      return -1;
    }
    // Certified: MG(beta) > kappa log S, while the derivation gives max MG = kappa log S.
    detail = who + ": a direction beats the closed-form maximum kappa log S (" + *c2.sample_exceeding + ")";
    return -1;
  }
  if (!na) {
    if (!c2.finite_gain) {
      detail = who + ": NA fails but no finite Class-2 step with a certified positive gain was found";
      return 0;
    }
    out.value(interval_value("class-2 gain^" + t + "(epsilon beta*)", *c2.finite_gain));
    out.value(make_value("epsilon^" + t, *c2.epsilon));
    detail = who + ": NA fails and the worst direction beta* gains " + interval_text(*c2.finite_gain) + " at epsilon = " +
             to_string(*c2.epsilon);
    return 1;
  }
  detail = who + ": NA " + (c2.na_sign == 0 ? "binds (exactly)" : "holds") +
           ", so MG(beta) <= kappa log S <= 0 for every direction (closed form; " +
           std::to_string(c2.sampled_directions) + " directions compared)";
  return 1;
}

namespace {

class Class2Lemma : public Claim {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "ly.class2",
        "Larionov & Yamashita (2024)",
        "Class 2-lemma and its proof (2x2x2 illustration generalized)",
        "If alpha solves the Class-1 problem (ST, DF, CS hold), then no Class-2 deviation (moving mass to the "
        "abstention realization) is profitable iff NA: sum_v exp(-min_j lambda_j(v)/kappa) <= 1.",
        {{"class1_optimal", "ST, DF and CS hold for both players (alpha solves both Class-1 problems)"}},
        "Per player: the worst direction beta* (mass b(v) ~ exp(-Lambda(v)/kappa) from the argmin columns) and its "
        "marginal gain by the general formula -sum beta (w - kappa log mu) - kappa sum_v b log(b/B), enclosed; the "
        "closed form max MG = kappa log S; sign(MG*) = sign(S - 1) decided exactly/certified. NA failing: a finite "
        "step epsilon beta* with certified positive gain. NA holding: every single-cell direction (exactly) and "
        "pseudo-random directions (certified) stay below kappa log S.",
        "ly",
        Arithmetic::certified};
    return i;
  }

  Outcome check(const Case& c, const CheckContext& context) const override {
    const Economy& e = c.model_data<Economy>();
    const Mechanism& m = e.require_mechanism();
    HypothesisLedger ledger(context);
    std::array<Class2, 2> c2{check_class2(player_problem(e, m, Player::buyer)), check_class2(player_problem(e, m, Player::seller))};
    std::string why;
    for (int k = 0; k < 2; ++k)
      if (!c2[k].class1_optimal) why += (why.empty() ? "" : "; ") + std::string(k == 0 ? "buyer: " : "seller: ") + c2[k].class1_failure;
    ledger.record("class1_optimal", why.empty(), why);
    if (auto unmet = ledger.unmet_outcome(Arithmetic::certified)) return *unmet;
    return judge_both_players(ledger, [&](Player p, Outcome& out, std::string& detail) {
      return judge_class2(c2[p == Player::buyer ? 0 : 1], p, out, detail);
    });
  }
};

}  // namespace

std::unique_ptr<Claim> make_ly_class2() { return std::make_unique<Class2Lemma>(); }

}  // namespace mechcheck::proofs
