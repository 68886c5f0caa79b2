// hw.prop1 — Hu & Wallace (2012), Proposition 1 (L105; proof L246-294): for every type
// configuration sigma of the M active agents, the stage-2 equilibrium beta^sigma exists.
// Certified per configuration: MPFR Newton on the first-order conditions of the one-sided best
// responses (15)-(16), then the Krawczyk test in MPFI (outward rounding) on a small box around the
// Newton point proves a unique zero of those conditions in the box; on the box each type's side
// is fixed, so by strict concavity of g and h (L270) and (17) the zero is a profile of unique best
// responses: an equilibrium. proofs/hw/docs/prop.md.
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include <sstream>

namespace mechcheck::proofs::hw_prop1 {

using hw_common::decimal;

using hw::Offer;
using hw::Totals;

Mpfr box_radius(unsigned digits) { return Mpfr(boost::multiprecision::pow(Mpfr(10), -static_cast<int>(digits / 2))); }

namespace {

// x rounded to a multiple of 10^-12 (a readable exact witness; the identity it shows holds for any value).
Rational to_rational_rounded(const Mpfr& x) {
  const Mpfr scaled = Mpfr(boost::multiprecision::round(Mpfr(x * Mpfr(1e12))));
  Rational q;
  mpfr_get_q(q.backend().data(), scaled.backend().data());
  return q / Rational(Integer(1'000'000'000'000LL));
}

// A single active agent (M = 1) facing (Q_-, R_-) = (0, eps_r) with eps_r > 0 (or the mirror
// image): offering s > 0 of good q fetches the whole R_- whatever s is (p2 = R_-/s, eq. (2)),
// so (qbar - s, rbar + R_-) is beaten by s/2, and offering good r fetches nothing (Q = 0). No
// trade is beaten by a small enough s when that bundle beats the endowment. Then no offer is a
// best response, and with M = 1 a stage-2 equilibrium is a best response: beta^sigma does not
// exist. Returns the first s = bar/2^k (k = 1..200) that beats no trade, compared exactly for
// Cobb-Douglas expected utility; Undecidable (an exact search that gives up) otherwise.
Rational offer_beating_no_trade_alone(const hw::Economy& e, const hw::Stage2Game& game, const std::string& label) {
  const auto cd = hw::expected_cobb_douglas(*e.info, game.types.front(), game.phi);
  if (!cd)
    throw Undecidable("sigma = " + label +
                          ": with one active agent and a zero exogenous offer, whether a small offer "
                          "beats no trade needs utility comparisons, exact only for Cobb-Douglas",
                      NumberKind<Rational>::arithmetic);
  const bool sell_q = e.epsilon.q == 0;  // offer q into the empty q side, fetch R_- = eps_r
  const hw::Totals<Rational> others{e.epsilon.q, e.epsilon.r};
  for (long k = 1; k <= 200; ++k) {
    const Rational s = (sell_q ? e.qbar : e.rbar) / Rational(Integer(1) << k);
    const hw::Bundle<Rational> deviation =
        sell_q ? hw::sell_q_bundle(e.qbar, e.rbar, others, s) : hw::sell_r_bundle(e.qbar, e.rbar, others, s);
    if (hw::compare_cobb_douglas(cd->first, cd->second, deviation, {e.qbar, e.rbar}) > 0) return s;
  }
  throw Undecidable("sigma = " + label + ": no small offer found that beats no trade",
                    NumberKind<Rational>::arithmetic);
}

// A tie that shows the best response is not a function once offers may be two-sided: at the
// others' totals of a one-sided equilibrium candidate, a type's one-sided best response and a
// two-sided twin that keeps its price (proofs/hw/docs/model.md §5) get the same bundle exactly.
struct TwoSidedTie {
  std::vector<long long> sigma;
  std::string type;
  Totals<Rational> others;
  Offer<Rational> one_sided, twin;
  hw::Bundle<Rational> bundle;
};

// The tie at the first configuration whose one-sided candidate MPFR Newton finds (rounded to
// 10^-12: the tie holds for every one-sided offer), the bundles compared exactly; nullopt when
// Newton finds none.
std::optional<TwoSidedTie> two_sided_tie(const hw::Economy& e, const std::vector<std::vector<long long>>& configs) {
  for (const auto& sigma : configs) {
    hw::Stage2Game game;
    try {
      game = hw::stage2_game(e, sigma);
    } catch (const std::domain_error&) {
      continue;
    }
    const auto approx = hw::solve_stage2(game);
    if (!approx.converged) continue;
    const std::size_t i = 0;
    const auto T = hw::others_totals_of(game, approx.s, hw::sides_of(approx.s), i);
    const Totals<Rational> others{to_rational_rounded(T.q), to_rational_rounded(T.r)};
    const bool sells_q = approx.s[i].sign() >= 0;
    const Rational beta = to_rational_rounded(sells_q ? approx.s[i] : Mpfr(-approx.s[i]));
    // The twin keeps the price of the one-sided offer (proofs/hw/docs/model.md §5): sells_q: b'' = (beta, 0),
    // twin (beta + t (beta + Q_-)/R_-, t); else b'' = (0, beta), twin (t, beta + t (beta + R_-)/Q_-).
    const Rational room =
        sells_q ? (e.qbar - beta) * others.r / (beta + others.q) : (e.rbar - beta) * others.q / (beta + others.r);
    const Rational t = min_of(room, sells_q ? e.rbar : e.qbar) / 2;
    const Offer<Rational> one{sells_q ? beta : Rational(0), sells_q ? Rational(0) : beta};
    const Offer<Rational> twin = sells_q ? Offer<Rational>{(beta * (others.r + t) + t * others.q) / others.r, t}
                                         : Offer<Rational>{t, (beta * (others.q + t) + t * others.r) / others.q};
    const auto a = hw::allocation(e.qbar, e.rbar, others, one), b = hw::allocation(e.qbar, e.rbar, others, twin);
    if (a.q != b.q || a.r != b.r) throw std::logic_error("hw.prop1: the two-sided twin does not keep the payoff");
    return TwoSidedTie{sigma, e.info->types[game.types[i]], others, one, twin, a};
  }
  return std::nullopt;
}

class Prop1 : public Checker<hw::Economy> {
 public:
  explicit Prop1(hw::IntervalJacobian jacobian) : jacobian_(jacobian) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.prop1",
        "Proposition 1 (L105, restated L246) and its proof (L248-294): eqs. (13)-(17); remark L107",
        "For any type configuration sigma : X -> {0, ..., M} of the active agents, the stage-2 Bayesian game with "
        "common posterior phi^sigma (L101) has an equilibrium beta^sigma : X -> O.",
        {{"one_sided_offers",
          "stage-2 offers lie in O = {b in [0, qbar] x [0, rbar] : b_q b_r = 0} (L47): the best response (13) is then "
          "a function (L107), whose first-order conditions the test solves",
          Necessity::scope,
          "no counterexample can exist: by Lemma 1 every two-sided offer has a one-sided twin with the same payoff, so "
          "an equilibrium in O stays an equilibrium when offers range over [0, qbar] x [0, rbar]; the hypothesis fixes "
          "the game the proposition is about (there the best response is a correspondence, L107, and the checker says "
          "so: cases/hw/prop1-two-sided.toml with the drop is inconclusive with a tie as witness)"},
         {"epsilon_positive", "eps_q > 0 and eps_r > 0 (L67): (Q_-, R_-) in R^2_++ for every profile (L258)",
          Necessity::counterexample, "cases/hw/prop1-single-agent-zero-eps-q.toml"},
         {"utility_assumptions",
          "u(.; x, z) strictly increasing, strictly concave, C^1, Inada (L39): g and h are "
          "strictly concave (L270), so a zero of g' (h') is the unique best response",
          Necessity::open,
          "not found. Searched: cases/hw/prop1-linear-utility.toml with the drop (a = 0 for one type): inconclusive, "
          "Newton finds no zero of the first-order conditions because that type's best response is the corner "
          "b_q = qbar, outside the system the test solves. Corner best responses still exist, so no failure of "
          "existence is known; the probe's generator writes a, b >= 1 only"}},
        "For each configuration sigma (the case's list, default all compositions of M), with phi^sigma exact: each "
        "present type x has one signed offer s_x (s > 0 sells q, s < 0 sells r) and one first-order condition "
        "Phi_x = g'(s) (s >= 0) or -(R_-/Q_-) h'(-s) (s < 0), continuous at 0 by (17) and decreasing in the own offer. "
        "MPFR Newton (Jacobian by forward-mode differentiation; damped best-response iteration as a fallback) finds "
        "an approximate zero m; then the Krawczyk operator K(X) = m - Y Phi(m) + (I - Y J(X))(X - m) on the box "
        "X = m +- 10^-(digits/2)(1 + |m|), with J(X) the interval Jacobian (forward mode in MPFI) and Y = J(m)^-1, is "
        "computed with outward rounding; K(X) strictly inside X proves exactly one zero of Phi in X. On X every "
        "offer's sign is certified fixed, offers stay in (-rbar, qbar) and (Q_-, R_-) > 0, so the zero is a profile "
        "of unique best responses (strict concavity, (15)-(17)): beta^sigma exists, and is locally unique. The "
        "interval Jacobian is cross-checked by the mean value theorem (interval difference quotients inside X must "
        "meet it; disjoint means the Jacobian code is wrong: error). A failed test is `inconclusive` with the box.",
        "hw",
        Arithmetic::certified};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.prop1");
  }

  std::optional<Recheck> recheck_outcome(const hw::Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict == Verdict::holds) return hw_recheck::prop1_boxes(e, outcome);
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::no_best_response(e, outcome);
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Information& info = *e.info;
    check.hypothesis("one_sided_offers", e.equilibrium.one_sided,
                     e.equilibrium.one_sided ? "[hw.equilibrium] offers = \"one_sided\": offers lie in O (L47)"
                                             : "[hw.equilibrium] offers = \"two_sided\": offers range over [0, qbar] x "
                                               "[0, rbar] and the best response is a correspondence (L107)");
    hw_common::record_assumptions(check, e, {"epsilon_positive", "utility_assumptions"});
    if (!check.hypotheses_met()) return check.unmet();

    const unsigned digits = e.equilibrium.digits;
    hw::PrecisionScope precision(digits);
    const long long M = hw_common::active_agents(e);
    std::vector<std::vector<long long>> configs = e.equilibrium.sigma;
    if (configs.empty()) {
      // Counted exactly before any is built: N = 10^6 would otherwise allocate ~10^11 of them.
      guard_enumeration_size(check.context(),
                             hw::saturating_product(hw::configuration_count(info.type_count(), M), 1000),
                             "hw.prop1: configurations of M = " + std::to_string(M) + " agents over " +
                                 std::to_string(info.type_count()) + " types (x1000 work)");
      configs = hw::all_configurations(info.type_count(), M);
    }
    if (!e.equilibrium.one_sided) return two_sided_not_decided(e, configs, check);

    const Mpfr radius = box_radius(digits);
    Rational widest = 0;
    long long checked = 0, impossible = 0, newton_steps = 0, br_rounds = 0;
    for (std::size_t k = 0; k < configs.size(); ++k) {
      const auto& sigma = configs[k];
      const std::string label = hw::configuration_text(sigma);
      hw::Stage2Game game;
      try {
        game = hw::stage2_game(e, sigma);
      } catch (const std::domain_error&) {
        ++impossible;  // P[sigma] = 0 in every state: never on the equilibrium path, phi^sigma undefined
        continue;
      }
      if (game.M == 1 && (e.epsilon.q == 0) != (e.epsilon.r == 0)) {
        // epsilon_positive dropped, one exogenous offer 0, one active agent: she faces the fixed
        // totals (Q_-, R_-) = (eps_q, eps_r), one of them 0, and has no best response at all.
        const Rational s = offer_beating_no_trade_alone(e, game, label);
        check.decided_in<Rational>();  // utilities compared exactly (compare_cobb_douglas)
        return no_best_response_alone(e, game, label, s, check);
      }
      // MPFR Newton gives the point the certified test is centred on.
      const hw::ApproximateEquilibrium approx = hw::solve_stage2(game);
      newton_steps += approx.newton_steps;
      br_rounds += approx.best_response_rounds;
      if (!approx.converged) {
        check.decided_in<Mpfr>();  // the attempt that failed is MPFR Newton's
        return check.inconclusive("sigma = " + label + ": MPFR Newton found no approximate equilibrium (" +
                                  approx.note + "), so there is no box to test");
      }
      // The Krawczyk test, in MPFI with outward rounding, decides whether the box holds one zero.
      const hw::KrawczykResult kr = hw::krawczyk_test(game, approx.s, radius, jacobian_);
      check.decided_in<Interval>();
      if (kr.signs_fixed) {
        const std::string wrong =
            hw::jacobian_mean_value_check(game, approx.s, kr.box, jacobian_(game, kr.box, hw::sides_of(approx.s)));
        if (!wrong.empty())
          throw std::logic_error("sigma = " + label + ": the interval Jacobian is not an enclosure: " + wrong);
      }
      if (!kr.contained) {
        witness_box(check, info, game, label, kr);
        return check.inconclusive("sigma = " + label +
                                  ": the Krawczyk test does not prove a zero in the box of width " +
                                  decimal(from_rational<Mpfr>(kr.max_width), 6) + ": " + kr.failure);
      }
      ++checked;
      if (kr.max_width > widest) widest = kr.max_width;
      for (std::size_t i = 0; i < game.size(); ++i) {
        const std::string x = info.types[game.types[i]];
        const bool sells_q = check.sign(kr.box[i]) > 0;
        const Interval amount = sells_q ? kr.box[i] : Interval(-kr.box[i]);
        check.value(make_value(std::string(sells_q ? "beta_q(" : "beta_r(") + x + ")^" + label, amount));
      }
      check.text("box_width^" + label, decimal(from_rational<Mpfr>(kr.max_width), 6));
      check.context().report(static_cast<double>(k + 1) / static_cast<double>(configs.size()));
    }
    check.stat("configurations", static_cast<long long>(configs.size()))
        .stat("certified", checked)
        .stat("probability_zero", impossible)
        .stat("newton_steps", newton_steps)
        .stat("best_response_rounds", br_rounds)
        .stat("digits", static_cast<long long>(digits));
    check.text("max_box_width", decimal(from_rational<Mpfr>(widest), 6));
    return check.holds("for all " + std::to_string(checked) + " configurations sigma of the M = " + std::to_string(M) +
                       " active agents" +
                       (impossible
                            ? " with positive probability (" + std::to_string(impossible) + " have probability 0)"
                            : std::string()) +
                       ", the Krawczyk test (MPFI, outward rounding) proves exactly one zero of the first-order "
                       "conditions in a box of width <= " +
                       decimal(from_rational<Mpfr>(widest), 3) +
                       " around the MPFR Newton point, with every offer's side fixed on the box: beta^sigma exists "
                       "and is locally unique");
  }

 private:
  // The box X and its Krawczyk image K(X) per present type, when the test fails.
  static void witness_box(Check& check, const hw::Information& info, const hw::Stage2Game& game,
                          const std::string& label, const hw::KrawczykResult& kr) {
    for (std::size_t i = 0; i < game.size(); ++i) {
      const std::string x = info.types[game.types[i]];
      check.witness(make_text("X(" + x + ")^" + label, NumberKind<Interval>::to_string(kr.box[i])));
      if (i < kr.image.size())
        check.witness(make_text("K(X)(" + x + ")^" + label, NumberKind<Interval>::to_string(kr.image[i])));
    }
    check.witness(make_text("box_width^" + label, decimal(from_rational<Mpfr>(kr.max_width), 6)));
  }

  // The refutation of a single agent's best response: the offer s beats no trade, and every such
  // offer is beaten by half of it (offer_beating_no_trade_alone).
  static Outcome no_best_response_alone(const hw::Economy& e, const hw::Stage2Game& game, const std::string& label,
                                        const Rational& s, Check& check) {
    const bool sell_q = e.epsilon.q == 0;
    check.witness(make_text("belief", "phi^" + label));
    for (std::size_t z = 0; z < e.info->state_count(); ++z)
      check.witness("phi(" + e.info->states[z] + ")", game.phi[z]);
    check.witness(make_text("type", e.info->types[game.types.front()]))
        .witness("Q_minus", e.epsilon.q)
        .witness("R_minus", e.epsilon.r)
        .witness(sell_q ? "b_q" : "b_r", s);
    return check.refuted("sigma = " + label + ": the single active agent faces (Q_-, R_-) = (" +
                         to_string(e.epsilon.q) + ", " + to_string(e.epsilon.r) +
                         ") and has no best response: offering " + to_string(s) +
                         (sell_q ? " of good q" : " of good r") + " fetches the whole " + (sell_q ? "R_-" : "Q_-") +
                         " and beats no trade, every such offer is beaten by half of it, and offering the other good "
                         "fetches nothing; so beta^sigma does not exist");
  }

  // one_sided_offers dropped: the game has two-sided offers. At the one-sided candidate the best
  // response ties with a segment of two-sided offers (exact identity, eq. (2)), so the best
  // response is not a function and the test (zeros of a function's first-order conditions) does
  // not apply: not decided.
  static Outcome two_sided_not_decided(const hw::Economy& e, const std::vector<std::vector<long long>>& configs,
                                       Check& check) {
    const std::optional<TwoSidedTie> tie = two_sided_tie(e, configs);
    check.decided_in<Rational>();  // the tie's bundles are compared exactly
    if (!tie)
      return check.inconclusive(
          "one_sided_offers dropped: no approximate one-sided profile to exhibit the tie at; not decided");
    check.witness(make_text("configuration", hw::configuration_text(tie->sigma)))
        .witness(make_text("type", tie->type))
        .witness(make_text("others_totals", "(" + to_string(tie->others.q) + ", " + to_string(tie->others.r) + ")"))
        .witness(make_text("one_sided_offer", hw::to_text(tie->one_sided)))
        .witness(make_text("two_sided_offer", hw::to_text(tie->twin)))
        .witness(make_text("common_bundle", hw::to_text(tie->bundle)));
    return check.inconclusive(
        "one_sided_offers dropped: with two-sided offers the best response is not single-valued. At the totals "
        "(Q_-, R_-) of the one-sided equilibrium candidate for sigma = " +
        hw::configuration_text(tie->sigma) + ", type " + tie->type +
        "'s best response (rounded to 10^-12; the tie below holds for every one-sided offer) " +
        hw::to_text(tie->one_sided) + " and the two-sided offer " + hw::to_text(tie->twin) +
        " get the same bundle exactly (eq. (2); so does the whole segment between them, by Lemma 1 nothing does "
        "better). The best-response map is a correspondence, not a function (L107): the Krawczyk test certifies "
        "zeros of the first-order conditions of a function and does not apply, and neither does the paper's Brouwer "
        "argument. Not decided.");
  }

  hw::IntervalJacobian jacobian_;
};

}  // namespace

std::unique_ptr<Claim> make_claim(hw::IntervalJacobian jacobian) { return std::make_unique<Prop1>(jacobian); }

}  // namespace mechcheck::proofs::hw_prop1
