// hw.lemma2 — Hu & Wallace (2012), Lemma 2 (L115-119, proof L296-330): L^z(eps) has a unique
// competitive equilibrium, and (q(x), r(x)) is a CE allocation iff beta of eq. (18) is a Nash
// equilibrium of the market game of L^z(eps); the CE price is eq. (20).
// Checked exactly in every state z: the CE set from Walrasian demands and (19) (all positive
// roots of the excess demand's numerator), the Nash set from the game's best responses at the
// price (20) (all fixed points, piece by piece), and the two compared through (18).
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

namespace mechcheck::proofs::hw_lemma2 {

using hw::Bundle;
using hw::Offer;

Algebraic paper_price20(const std::vector<Algebraic>& mass, const std::vector<Offer<Algebraic>>& beta,
                        const Offer<Algebraic>& epsilon) {
  return hw::price_eq20(mass, beta, epsilon);
}

namespace {

std::string text(const Bundle<Algebraic>& x) { return "(" + x.q.to_string(15) + ", " + x.r.to_string(15) + ")"; }

bool same(const Bundle<Algebraic>& a, const Bundle<Algebraic>& b) { return a.q == b.q && a.r == b.r; }

// What fails in one state, in words, with the values that show it (empty why: nothing fails).
struct StateFailure {
  std::string why;
  std::vector<Value> shown;
};

class Lemma2 : public Checker<hw::Economy> {
 public:
  explicit Lemma2(Price20 price20) : price20_(price20) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.lemma2",
        "Lemma 2 (L115-119) and its proof (L296-330), eqs. (18)-(20)",
        "L^z(eps) has a unique competitive equilibrium; (q^z(x), r^z(x)) is a competitive allocation iff "
        "beta_q(x) = max{qbar - q(x), 0}, beta_r(x) = max{rbar - r(x), 0} (18) is a Nash equilibrium of the market "
        "game of L^z(eps); the CE price is p = (sum mu beta_r + eps_r)/(sum mu beta_q + eps_q) (20).",
        {{"epsilon_positive", "eps_q > 0 and eps_r > 0 (L67; without it no-trade is another equilibrium, L121)",
          Necessity::counterexample, "cases/hw/hw.lemma2-probe-drop-epsilon-positive-seed-1.toml"},
         {"utility_assumptions", "u(.; x, z) strictly increasing, strictly concave, C^1, Inada (L39)", Necessity::open,
          "not found. Searched: cases/hw/econ-linear-in-r.toml with the drop (a = 0 for one type: holds) and 48 "
          "Cobb-Douglas economies with a or b = 0 for some (type, state) (1-2 states, 2 types, weights 0-3, eps in "
          "{1/10, 1/2, 1}): all hold. Cobb-Douglas demands stay gross substitutes with a or b = 0, so (19) keeps one "
          "positive root; the probe's generator writes a, b >= 1 only and cannot leave the hypothesis"},
         {"gross_substitutes", "gross substitutes (footnote 2, L59), sufficient for the monotone demands of L41",
          Necessity::open,
          "not found: complements need CES with sigma < 1, and the checker's exact Walrasian demands exist only for "
          "Cobb-Douglas and CES with an integer sigma >= 2 (both gross substitutes), so with the drop a complements "
          "economy is inconclusive (cases/hw/econ-ces-complements.toml: 'no exact Walrasian demand'). Multiple CE with "
          "strong complements are classical, but none is decided here"}},
        "For each state z: (a) every CE: the positive roots of the numerator of eps_r/p + sum mu q(x; p) - qbar - "
        "eps_q (19) with the Walrasian demands q(x; p) (Cobb-Douglas: rational; CES with integer elasticity: "
        "algebraic), must be exactly one; (b) its beta by (18) is in O, the price by (20) equals the CE price, and "
        "the game payoff (2) of beta at that price is the CE bundle; (c) every Nash equilibrium of the continuum "
        "game: each beta(x) the best response at the price of (20), computed from the first-order conditions of the "
        "game's one-sided payoffs; all fixed points found exactly between the prices where a type switches sides "
        "(and, at eps = 0, the no-trade profile); (d) the Nash set equals the CE set, allocation by allocation.",
        "hw",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.lemma2");
  }

  std::optional<Recheck> recheck_outcome(const hw::Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::lemma2(e, outcome);
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Information& info = *e.info;
    hw_common::record_assumptions(check, e, {"epsilon_positive", "utility_assumptions", "gross_substitutes"});
    if (!check.hypotheses_met()) return check.unmet();

    for (std::size_t z = 0; z < info.state_count(); ++z) {
      const StateFailure f = check_state(e, z, check);
      check.decided_in<Algebraic>();  // prices, offers and bundles compared as exact real algebraic numbers
      if (!f.why.empty()) {
        check.witness(make_text("state", info.states[z]));
        for (const Value& v : f.shown) check.witness(v);
        return check.refuted("state " + info.states[z] + ": " + f.why);
      }
      check.context().report(static_cast<double>(z + 1) / static_cast<double>(info.state_count()));
    }
    check.stat("states", static_cast<long long>(info.state_count()));
    return check.holds("in each of the " + std::to_string(info.state_count()) +
                       " states: exactly one CE (exact root count of (19)), its (18)-offers are in O, (20) is its "
                       "price, and it is the only Nash equilibrium of the continuum market game");
  }

 private:
  // Lemma 2 in state z: (a) exactly one CE of L^z(eps); (b) its offers (18) are in O, (20) is its
  // price and the game payoff (2) at that price is the CE bundle; (c)-(d) every Nash equilibrium of
  // the continuum market game is that CE. Records the state's values and statistics on `check`.
  StateFailure check_state(const hw::Economy& e, std::size_t z, Check& check) const {
    const hw::Information& info = *e.info;
    const std::string& Z = info.states[z];
    const Algebraic qbar(e.qbar), rbar(e.rbar);
    const Offer<Algebraic> eps{Algebraic(e.epsilon.q), Algebraic(e.epsilon.r)};
    const hw::Population pop = hw::population(info, z);
    std::vector<Algebraic> mass;
    for (const auto& m : pop.mass) mass.emplace_back(m);

    // (a) every competitive equilibrium of L^z(eps).
    const hw::CompetitiveEquilibria ces = hw::competitive_equilibria(e, z);
    if (!ces.unsupported.empty())
      throw Undecidable("state " + Z + ": " + ces.unsupported, NumberKind<Algebraic>::arithmetic);
    check.text("excess_demand_numerator_" + Z, ces.excess_numerator.to_string("p"));
    if (ces.equilibria.size() != 1) {
      std::vector<Value> prices;
      for (std::size_t k = 0; k < ces.equilibria.size(); ++k)
        prices.push_back(make_value("ce_price_" + std::to_string(k + 1), ces.equilibria[k].price));
      return {std::to_string(ces.equilibria.size()) + " competitive equilibria (the roots p > 0 of " +
                  ces.excess_numerator.to_string("p") + "), not exactly one",
              prices};
    }
    const hw::CompetitiveEquilibrium& ce = ces.equilibria.front();
    check.value("p_" + Z, ce.price);

    // (b) beta by (18), in O; price (20); game payoff (2) at that price = the CE bundle.
    std::vector<Offer<Algebraic>> beta;
    for (std::size_t i = 0; i < pop.types.size(); ++i) {
      const Offer<Algebraic> b = hw::beta_eq18(qbar, rbar, ce.bundle[i]);
      const std::string x = info.types[pop.types[i]];
      if ((b.q * b.r).sign() != 0 || b.q > qbar || b.r > rbar)
        return {"beta(" + x + ") of (18) is not in O",
                {make_value("beta_q(" + x + ")", b.q), make_value("beta_r(" + x + ")", b.r)}};
      beta.push_back(b);
      check.value("beta_q(" + x + ")_" + Z, b.q).value("beta_r(" + x + ")_" + Z, b.r);
    }
    const Algebraic p20 = price20_(mass, beta, eps);
    if (p20 != ce.price)
      return {"the price of (20), " + p20.to_string(15) + ", differs from the CE price " + ce.price.to_string(15),
              {make_value("ce_price", ce.price), make_value("price_eq20", p20)}};
    for (std::size_t i = 0; i < pop.types.size(); ++i) {
      const Bundle<Algebraic> game = hw::continuum_bundle(qbar, rbar, p20, beta[i]);
      if (!same(game, ce.bundle[i]))
        return {"the game payoff of beta(" + info.types[pop.types[i]] + ") at p = (20) is " + text(game) +
                    ", not the CE bundle " + text(ce.bundle[i]),
                {}};
    }
    if (hw::clearing_gap_eq19(ce.price, mass, ce.bundle, qbar, eps).sign() != 0)
      return {"the CE allocation does not satisfy (19)", {}};

    // (c)-(d) every Nash equilibrium of the continuum game, compared with the CE.
    const hw::NashEquilibria nes = hw::nash_equilibria(e, z);
    if (!nes.unsupported.empty())
      throw Undecidable("state " + Z + ": " + nes.unsupported, NumberKind<Algebraic>::arithmetic);
    for (const auto& ne : nes.equilibria) {
      if (!ne.price)
        return {
            "no-trade is a Nash equilibrium of the market game (eps = 0: the price (20) is 0/0 and every "
            "deviation trades nothing), but the endowment is not the CE allocation",
            {make_text("nash_equilibrium", "no trade: beta(x) = (0, 0) for every type")}};
      const Algebraic p = price20_(mass, ne.beta, eps);
      if (p != *ne.price)
        return {"a fixed point p = " + ne.price->to_string(15) +
                    " of the best responses has price (20) = " + p.to_string(15),
                {}};
      bool is_the_ce = *ne.price == ce.price;
      for (std::size_t i = 0; is_the_ce && i < pop.types.size(); ++i) is_the_ce = same(ne.bundle[i], ce.bundle[i]);
      if (!is_the_ce)
        return {"a Nash equilibrium of the market game at p = " + ne.price->to_string(15) + " is not the CE allocation",
                {make_value("nash_price", *ne.price), make_value("ce_price", ce.price)}};
    }
    if (nes.equilibria.size() != 1) return {std::to_string(nes.equilibria.size()) + " Nash equilibria, but one CE", {}};
    check.stat("side_switch_prices_" + Z, static_cast<long long>(nes.breakpoints.size()));
    return {};
  }

  Price20 price20_;
};

}  // namespace

std::unique_ptr<Claim> make_claim(Price20 price20) { return std::make_unique<Lemma2>(price20); }

}  // namespace mechcheck::proofs::hw_lemma2
