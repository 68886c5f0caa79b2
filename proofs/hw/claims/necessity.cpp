// hw.necessity — Hu & Wallace (2012): (a) "Without [positive eps], no-trade could be another Nash
// equilibrium" (L121; L67): at eps = 0, when every other agent offers nothing, every offer trades
// nothing; with the instance's eps > 0 no-trade is not an equilibrium (some type gains from a
// small offer). (b) The one-sided restriction is what makes best responses unique (L71, L107):
// over the box [0, qbar] x [0, rbar] every one-sided offer, the best response included, shares
// its payoff with a whole segment of two-sided offers.
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

namespace mechcheck::proofs::hw_necessity {

using hw::Bundle;
using hw::Offer;
using hw::Totals;

template <class T>
Offer<T> same_payoff_two_sided(const Totals<T>& others, const T& beta, const T& t, bool buy_q) {
  if (buy_q) return {t, T((beta * (others.q + t) + t * others.r) / others.q)};  // b'' = (0, beta)
  return {T((beta * (others.r + t) + t * others.q) / others.r), t};             // b'' = (beta, 0)
}
template Offer<Algebraic> same_payoff_two_sided(const Totals<Algebraic>&, const Algebraic&, const Algebraic&, bool);
template Offer<RationalFunction> same_payoff_two_sided(const Totals<RationalFunction>&, const RationalFunction&,
                                                       const RationalFunction&, bool);

Rule paper_rule() { return {&same_payoff_two_sided<Algebraic>, &same_payoff_two_sided<RationalFunction>}; }

namespace {

using F = RationalFunction;

bool same(const Bundle<F>& a, const Bundle<F>& b) {
  return F::cleared_numerator(a.q, b.q).is_zero() && F::cleared_numerator(a.r, b.r).is_zero();
}

// (a) In Q(qbar, rbar, t): with (Q_-, R_-) = (0, 0) offering t of good q gets (qbar - t, rbar) and
// t of good r gets (qbar, rbar - t) (the one-sided payoffs of L264, L268).
bool no_trade_payoffs_at_eps_0() {
  auto field = F::make_field({"qbar", "rbar", "t"});
  const F qbar = F::variable(field, 0), rbar = F::variable(field, 1), t = F::variable(field, 2);
  const Totals<F> none{F(0), F(0)};
  return same(hw::sell_q_bundle(qbar, rbar, none, t), Bundle<F>{qbar - t, rbar}) &&
         same(hw::sell_r_bundle(qbar, rbar, none, t), Bundle<F>{qbar, rbar - t});
}

// At the instance's eps > 0 and the no-trade totals (M eps_q, M eps_r): the first (belief, type)
// with g'(0) > 0 or h'(0) > 0 (a profitable small offer), in words; empty on a knife-edge.
std::string no_trade_gain(const hw::Economy& e, const std::vector<hw_common::Belief>& beliefs, Check& check) {
  const hw::Information& info = *e.info;
  const Rational M(hw_common::active_agents(e));
  const Totals<Rational> t{M * e.epsilon.q, M * e.epsilon.r};
  for (const auto& bel : beliefs)
    for (std::size_t x = 0; x < info.type_count(); ++x) {
      auto [Euq, Eur] = hw::expected_marginal_utilities(info, x, bel.phi, e.qbar, e.rbar);
      const Algebraic g = hw_eq17::paper_g_prime(Euq, Eur, t.q, t.r), h = hw_eq17::paper_h_prime(Euq, Eur, t.q, t.r);
      const bool sells_q = check.sign(g) > 0;
      if (sells_q || check.sign(h) > 0)
        return "belief " + bel.label + ", type " + info.types[x] + ": at the no-trade totals (M eps_q, M eps_r) = (" +
               to_string(t.q) + ", " + to_string(t.r) + ") " +
               (sells_q ? "g'(0) = " + g.to_string(15) : "h'(0) = " + h.to_string(15)) +
               " > 0, so a small offer of good " + (sells_q ? "q" : "r") + " is profitable";
    }
  return "";
}

// (b) In Q(qbar, rbar, Qm, Rm, beta, t): the rule's two-sided offer built from (0, beta) (or
// (beta, 0)) gets that one-sided offer's payoff by eq. (2)-(3). Empty when both hold, else why not.
std::string segment_identity_failure(const Rule& rule) {
  auto field = F::make_field({"qbar", "rbar", "Qm", "Rm", "beta", "t"});
  const F qbar = F::variable(field, 0), rbar = F::variable(field, 1), beta = F::variable(field, 4),
          t = F::variable(field, 5);
  const Totals<F> others{F::variable(field, 2), F::variable(field, 3)};
  for (bool buy_q : {true, false}) {
    const Offer<F> two = rule.symbolic(others, beta, t, buy_q);
    const Bundle<F> lhs = hw::allocation(qbar, rbar, others, two);
    const Bundle<F> rhs =
        buy_q ? hw::sell_r_bundle(qbar, rbar, others, beta) : hw::sell_q_bundle(qbar, rbar, others, beta);
    if (!same(lhs, rhs))
      return std::string("the two-sided offer built from ") + (buy_q ? "(0, beta)" : "(beta, 0)") +
             " does not get its payoff: eq. (2) gives (" + lhs.q.to_string() + ", " + lhs.r.to_string() + ") vs (" +
             rhs.q.to_string() + ", " + rhs.r.to_string() + ")";
  }
  return "";
}

class Necessity : public Checker<hw::Economy> {
 public:
  explicit Necessity(Rule rule) : rule_(rule) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.necessity",
        "L67 and L121 (eps > 0 rules out no-trade), L71 and L107 (one-sided offers give unique best responses)",
        "(a) With eps = 0, no trade (every active agent offers (0, 0)) is a Nash equilibrium of the stage-2 game for "
        "every belief; with the instance's eps > 0 it is not (unless knife-edge). (b) Without b_q b_r = 0 best "
        "responses are not unique: every one-sided offer's payoff is also the payoff of a segment of two-sided offers.",
        {{"utility_assumptions", "u(.; x, z) strictly increasing (and the rest of L39)", mechcheck::Necessity::vacuous,
          "cannot fail to matter here and cannot be refuted: the parser requires a, b >= 0 (not both 0), so u is "
          "weakly "
          "increasing, which is all (a) needs (at eps = 0 a deviation gets (qbar - t, rbar) or (qbar, rbar - t): no "
          "gain, "
          "so no trade stays an equilibrium); (b) is an identity of eq. (2) that does not involve u. With the drop "
          "cases/hw/econ-linear-in-r.toml holds"}},
        "(a) In Q(qbar, rbar, t): the one-sided payoffs (L264, L268) with (Q_-, R_-) = (0, 0) are (qbar - t, rbar) and "
        "(qbar, rbar - t), so by strict monotonicity every deviation loses; at the instance's eps > 0 the no-trade "
        "totals (M eps_q, M eps_r) give some (belief, type) with g'(0) > 0 or h'(0) > 0 (exact). (b) In Q(qbar, rbar, "
        "Qm, Rm, beta, t): the two-sided offer (t, (beta (Qm + t) + t Rm)/Qm) gets by eq. (2)-(3) the payoff of (0, "
        "beta), and symmetrically; then, for Cobb-Douglas, at each grid point and type under the prior the exact "
        "best response b* and three two-sided offers in the box with its payoff (exact algebraic numbers).",
        "hw",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.necessity");
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Information& info = *e.info;
    hw_common::record_assumptions(check, e, {"utility_assumptions"});
    if (!check.hypotheses_met()) return check.unmet();

    // (a) eps = 0: nobody else offers anything, so every deviation loses (u strictly increasing).
    const bool no_trade_identity = no_trade_payoffs_at_eps_0();
    check.decided_in<RationalFunction>();  // identities decided by cleared numerators, exactly
    if (!no_trade_identity)
      return check.refuted(
          "at eps = 0 with no other offers, a one-sided offer t gets more than (qbar - t, rbar) / (qbar, rbar - t)");
    check.text("no_trade_at_eps_0",
               "proved in Q(qbar, rbar, t): with (Q_-, R_-) = (0, 0) offering t of q gets (qbar - t, rbar) "
               "and t of r gets (qbar, rbar - t): every deviation loses (u strictly increasing), for every "
               "type, belief and M");
    // ... and at the instance's eps > 0 no-trade is not an equilibrium (unless knife-edge).
    const auto beliefs = hw_common::beliefs(e);
    if (e.epsilon.q > 0 && e.epsilon.r > 0) {
      const std::string gain = no_trade_gain(e, beliefs, check);
      check.text("no_trade_at_case_eps", gain.empty() ? "knife-edge: every type's endowment MRS equals "
                                                        "eps_r/eps_q, so no-trade survives at this eps"
                                                      : "not an equilibrium: " + gain);
    } else {
      check.text("no_trade_at_case_eps", "the case's eps is not > 0: only the eps = 0 statement is checked");
    }

    // (b) two-sided offers with the payoff of a one-sided one, for every instance.
    const std::string segment_failure = segment_identity_failure(rule_);
    if (!segment_failure.empty()) return check.refuted(segment_failure);
    check.text("segment_identity",
               "proved in Q(qbar, rbar, Qm, Rm, beta, t): (t, (beta (Qm + t) + t Rm)/Qm) gets the payoff of "
               "(0, beta) and ((beta (Rm + t) + t Qm)/Rm, t) that of (beta, 0), for every t");

    // Concrete best responses (Cobb-Douglas expected utility under the prior), exactly.
    long long shown = 0;
    const auto grid = hw_common::totals_grid(e);
    const auto& prior = beliefs.front();
    for (std::size_t x = 0; x < info.type_count(); ++x) {
      auto cd = hw::expected_cobb_douglas(info, x, prior.phi);
      if (!cd) continue;
      for (const auto& t : grid) {
        if (!(t.q > 0) || !(t.r > 0)) continue;
        const auto s = hw_eq17::cobb_douglas_stationary_points(cd->first, cd->second, e.qbar, e.rbar, t);
        const bool buy_q = s.sell_q.empty();  // b* = (0, beta) (or (0, 0))
        const Algebraic beta =
            !s.sell_q.empty() ? s.sell_q.front() : (!s.sell_r.empty() ? s.sell_r.front() : Algebraic(0));
        const Totals<Algebraic> tot{Algebraic(t.q), Algebraic(t.r)};
        const Algebraic qbar(e.qbar), rbar(e.rbar);
        const Offer<Algebraic> best =
            buy_q ? Offer<Algebraic>{Algebraic(0), beta} : Offer<Algebraic>{beta, Algebraic(0)};
        const Bundle<Algebraic> target = hw::allocation(qbar, rbar, tot, best);
        // Room in the box: the other coordinate t keeps the offer within [0, qbar] x [0, rbar].
        const Algebraic room = buy_q ? tot.q * (rbar - beta) / (beta + tot.r) : tot.r * (qbar - beta) / (beta + tot.q);
        Rational t1 = room.isolating_interval(32).first / 2;
        const Rational cap = buy_q ? e.qbar : e.rbar;
        if (t1 > cap) t1 = cap;
        if (!(t1 > 0)) continue;
        std::vector<Offer<Algebraic>> offers;
        for (const Rational& tt : std::vector<Rational>{t1, Rational(t1 / 2), Rational(3 * t1 / 4)})
          offers.push_back(rule_.exact(tot, beta, Algebraic(tt), buy_q));
        for (const auto& o : offers) {
          const Bundle<Algebraic> got = hw::allocation(qbar, rbar, tot, o);
          const bool in_box =
              o.q.sign() >= 0 && o.r.sign() >= 0 && o.q <= qbar && o.r <= rbar && (o.q * o.r).sign() > 0;
          check.decided_in<Algebraic>();  // offers and bundles compared as exact real algebraic numbers
          if (!in_box || got.q != target.q || got.r != target.r) {
            check.witness(make_text("type", info.types[x]))
                .witness("Q_minus", t.q)
                .witness("R_minus", t.r)
                .witness("b*_q", best.q)
                .witness("b*_r", best.r)
                .witness("b'_q", o.q)
                .witness("b'_r", o.r);
            return check.refuted(std::string("the two-sided offer is ") +
                                 (in_box ? "in the box but its payoff differs from the best response's"
                                         : "not a two-sided offer in the box"));
          }
        }
        if (shown++ == 0) {
          check.text("example", "type " + info.types[x] + ", prior, (Q_-, R_-) = (" + to_string(t.q) + ", " +
                                    to_string(t.r) + "): b* = (" + best.q.to_string(15) + ", " + best.r.to_string(15) +
                                    "); also best: (" + offers[0].q.to_string(15) + ", " + offers[0].r.to_string(15) +
                                    "), (" + offers[1].q.to_string(15) + ", " + offers[1].r.to_string(15) +
                                    ") and their midpoint-type point (" + offers[2].q.to_string(15) + ", " +
                                    offers[2].r.to_string(15) + ")");
          check.witness("b*_q", best.q)
              .witness("b*_r", best.r)
              .witness("b'_q", offers[0].q)
              .witness("b'_r", offers[0].r);
        }
      }
    }
    check.context().report(1.0);
    check.stat("best_responses_with_two_sided_twins", shown);
    return check.holds(
        "eps = 0 makes no-trade a Nash equilibrium (identity in Q(qbar, rbar, t)); two-sided offers tie "
        "with every one-sided offer along a segment (identity), shown at " +
        std::to_string(shown) + " exact best responses");
  }

 private:
  Rule rule_;
};

}  // namespace

std::unique_ptr<Claim> make_claim(Rule rule) { return std::make_unique<Necessity>(rule); }

}  // namespace mechcheck::proofs::hw_necessity
