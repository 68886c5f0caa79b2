// hw.eq17 — Hu & Wallace (2012), proof of Proposition 1, eqs. (15)-(17) (L262-290): at the
// endowment, g'(0) = sum_z phi(z) [-u_q + u_r R_-/Q_-] and h'(0) = sum_z phi(z) [u_q Q_-/R_- - u_r]
// have opposite signs, so at most one side of O has an improving direction and the best
// response is unique. Checked exactly over the beliefs and the (Q_-, R_-) grid of the instance:
// g'(0), h'(0) by the paper's formulas and again by differentiating the market-game payoff
// (eq. (2)-(3)) as a rational function of the offer; for Cobb-Douglas also every interior
// stationary point of g and h, exactly (they are roots of quadratics).
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include <optional>
#include <stdexcept>

namespace mechcheck::proofs::hw_eq17 {

using hw::Bundle;
using hw::Totals;

Algebraic paper_g_prime(const Algebraic& Euq, const Algebraic& Eur, const Rational& Qm, const Rational& Rm) {
  return -Euq + Eur * Algebraic(Rm / Qm);  // L280
}

Algebraic paper_h_prime(const Algebraic& Euq, const Algebraic& Eur, const Rational& Qm, const Rational& Rm) {
  return Euq * Algebraic(Qm / Rm) - Eur;  // L284
}

Bundle<Rational> bundle_derivative_at_zero(const Rational& qbar, const Rational& rbar, const Totals<Rational>& others,
                                           bool sell_q) {
  using F = RationalFunction;
  auto field = F::make_field({"b"});
  const F b = F::variable(field, 0);
  const hw::Offer<F> offer = sell_q ? hw::Offer<F>{b, F(0)} : hw::Offer<F>{F(0), b};
  const Bundle<F> x = hw::allocation<F>(F(qbar), F(rbar), Totals<F>{F(others.q), F(others.r)}, offer);  // (2)-(3)
  const std::vector<Rational> at_zero{Rational(0)};
  // The derivative at 0 is the difference quotient (x(b) - x(0))/b, reduced, evaluated at b = 0.
  const F dq = (x.q - F(x.q.evaluate(at_zero))) / b;
  const F dr = (x.r - F(x.r.evaluate(at_zero))) / b;
  return {dq.evaluate(at_zero), dr.evaluate(at_zero)};
}

StationaryPoints cobb_douglas_stationary_points(const Rational& A, const Rational& B, const Rational& qbar,
                                                const Rational& rbar, const Totals<Rational>& others) {
  const Rational &Q = others.q, &R = others.r;
  using P = RationalPolynomial;
  // g'(b) (qbar - b)(Q + b)(rbar Q + (rbar + R) b) = B R Q (qbar - b) - A (Q + b)(rbar Q + (rbar + R) b)
  const P gq = P({B * R * Q * qbar, -B * R * Q}) - P({Q, 1}) * P({rbar * Q, rbar + R}) * A;
  // h'(b) (rbar - b)(R + b)(qbar R + (qbar + Q) b) = A Q R (rbar - b) - B (R + b)(qbar R + (qbar + Q) b)
  const P hr = P({A * Q * R * rbar, -A * Q * R}) - P({R, 1}) * P({qbar * R, qbar + Q}) * B;
  StationaryPoints s;
  auto interior = [](const P& p, const Rational& hi, std::vector<Algebraic>& out) {
    if (p.is_zero()) throw std::domain_error("hw.eq17: a first-order condition vanishes identically");
    for (auto& r : p.real_roots(Rational(0), hi))
      if (r.sign() > 0 && r < Algebraic(hi)) out.push_back(r);
  };
  interior(gq, qbar, s.sell_q);
  interior(hr, rbar, s.sell_r);
  return s;
}

namespace {

using hw_common::Belief;

std::string text(const Totals<Rational>& t) { return "(" + to_string(t.q) + ", " + to_string(t.r) + ")"; }

// At (Q_-, R_-) with exactly one total 0 (only with epsilon_positive dropped), an offer of the
// good whose side is empty fetches the whole other total whatever its size (eq. (2)), so every
// such offer is beaten by half of it, and offering the other good gets nothing: a best response
// exists only if no trade beats every small offer. The first s = bar/2^k (k = 1..200) whose
// deviation beats the endowment, compared exactly for Cobb-Douglas expected utility A ln q + B ln r;
// Undecidable (an exact search that gives up) otherwise.
Rational offer_beating_no_trade(const hw::Economy& e, const std::optional<std::pair<Rational, Rational>>& cd,
                                const Totals<Rational>& t) {
  if (!cd)
    throw Undecidable("at (Q_-, R_-) = " + text(t) +
                          " the paper's g'(0), h'(0) are undefined and deciding "
                          "whether a best response exists needs utility comparisons, exact only for Cobb-Douglas",
                      NumberKind<Rational>::arithmetic);
  const auto [A, B] = *cd;
  const bool sell_q = t.q == 0;  // offer q into an empty q side, get R_- of good r
  for (long k = 1; k <= 200; ++k) {
    const Rational s = (sell_q ? e.qbar : e.rbar) / Rational(Integer(1) << k);
    const Bundle<Rational> deviation =
        sell_q ? Bundle<Rational>{e.qbar - s, e.rbar + t.r} : Bundle<Rational>{e.qbar + t.q, e.rbar - s};
    if (hw::compare_cobb_douglas(A, B, deviation, {e.qbar, e.rbar}) > 0) return s;
  }
  throw Undecidable("no improving small offer found at (Q_-, R_-) = " + text(t), NumberKind<Rational>::arithmetic);
}

// g'(0) and h'(0) at one (belief, type, Q_-, R_-), exactly, twice: by the paper's L280/L284 and
// by the chain rule through d/db of the market-game payoff (2)-(3).
struct Slopes {
  Algebraic Euq, Eur;          // E u_q, E u_r at the endowment
  Algebraic g_paper, h_paper;  // L280, L284
  Algebraic g_game, h_game;    // E u_q dq/db + E u_r dr/db at b = 0
  std::vector<Value> shown() const {
    return {make_value("Eu_q", Euq),
            make_value("Eu_r", Eur),
            make_value("g'(0) (L280)", g_paper),
            make_value("h'(0) (L284)", h_paper),
            make_value("g'(0) (d/db of eq. 2)", g_game),
            make_value("h'(0) (d/db of eq. 2)", h_game)};
  }
};

Slopes slopes_at_endowment(const hw::Economy& e, const Algebraic& Euq, const Algebraic& Eur, const Totals<Rational>& t,
                           HPrime h_prime) {
  const Bundle<Rational> dq = bundle_derivative_at_zero(e.qbar, e.rbar, t, true);
  const Bundle<Rational> dr = bundle_derivative_at_zero(e.qbar, e.rbar, t, false);
  return {Euq,
          Eur,
          paper_g_prime(Euq, Eur, t.q, t.r),
          h_prime(Euq, Eur, t.q, t.r),
          Euq * Algebraic(dq.q) + Eur * Algebraic(dq.r),
          Euq * Algebraic(dr.q) + Eur * Algebraic(dr.r)};
}

class Eq17 : public Checker<hw::Economy> {
 public:
  explicit Eq17(HPrime h_prime) : h_prime_(h_prime) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.eq17",
        "Proof of Proposition 1, eqs. (15)-(17), L262-290 of the text",
        "For every posterior phi, type x and others' totals (Q_-, R_-) in R^2_++: sign h'(0) = -sign g'(0), where "
        "g, h are the payoffs of offering only good q, only good r (L264, L268); hence min{g'(0), h'(0)} <= 0 and the "
        "best response in O is unique.",
        {{"epsilon_positive", "eps_q, eps_r > 0, so (Q_-, R_-) in R^2_++ for every profile (L260)",
          Necessity::counterexample, "cases/hw/hw.eq17-probe-drop-epsilon-positive-seed-1.toml"},
         {"utility_assumptions", "u(.; x, z) strictly increasing, strictly concave, C^1, Inada (L39)",
          Necessity::counterexample, "cases/hw/eq17-drop-utility-assumptions.toml"}},
        "Beliefs: kappa, every tau_x and phi^sigma for every configuration of the M active agents (exact Bayes rule). "
        "Grid: points x points values of (Q_-, R_-) over what the others can reach, plus for Cobb-Douglas the point "
        "with g'(0) = 0 exactly. At each: E u_q, E u_r at the endowment (rational or real algebraic), g'(0), h'(0) "
        "by L280/L284 and by differentiating eq. (2)-(3) as a rational function of the offer (chain rule); the two "
        "must agree and sign h'(0) = -sign g'(0). For Cobb-Douglas expected utility, the interior stationary points "
        "of g on (0, qbar) and h on (0, rbar) are the roots of the cleared first-order conditions: there must be at "
        "most one in all, exactly where (15)-(16) put it. Points with Q_- = 0 or R_- = 0 (only when epsilon_positive "
        "is dropped) are examined for the existence of a best response. Reported beside the verdict: g'(0) and h'(0) "
        "of "
        "every type, exactly, under the prior kappa at the grid's lowest totals with Q_-, R_- > 0.",
        "hw",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.eq17");
  }

  std::optional<Recheck> recheck_outcome(const hw::Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::eq17(e, outcome);
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Information& info = *e.info;
    hw_common::record_assumptions(check, e, {"epsilon_positive", "utility_assumptions"});
    if (!check.hypotheses_met()) return check.unmet();

    const auto beliefs = hw_common::beliefs(e);
    const auto grid = hw_common::totals_grid(e);
    // The point whose g'(0), h'(0) the report shows, per type: the prior kappa (beliefs[0]) at the
    // grid's first point with Q_-, R_- > 0 -- the lowest totals, (M eps_q, M eps_r) when the case
    // sets no [hw.grid] range: what the others offer when none of them trades. L280/L284 are
    // defined only there (they divide by Q_- and R_-).
    std::optional<Totals<Rational>> shown_at;
    for (const auto& t : grid)
      if (t.q > 0 && t.r > 0) {
        shown_at = t;
        break;
      }
    if (shown_at)
      check.text("g'(0), h'(0) at", "belief kappa (the prior), (Q_-, R_-) = " + text(*shown_at) +
                                        " (the grid's lowest totals with Q_-, R_- > 0); L280, L284");
    guard_enumeration_size(check.context(), beliefs.size() * info.type_count() * (grid.size() + 1),
                           "hw.eq17 grid points");
    long long points = 0, positive_g = 0, positive_h = 0, both_zero = 0, stationary_checked = 0, degenerate = 0;
    std::string first_best_response;

    // A refutation at (belief, type x, Q_-, R_-), with the values that show it.
    auto refuted_at = [&](const Belief& bel, std::size_t x, const Totals<Rational>& t, const std::string& summary,
                          const std::vector<Value>& shown) {
      check.witness(make_text("belief", bel.label));
      for (std::size_t z = 0; z < info.state_count(); ++z) check.witness("phi(" + info.states[z] + ")", bel.phi[z]);
      check.witness(make_text("type", info.types[x])).witness("Q_minus", t.q).witness("R_minus", t.r);
      for (const Value& v : shown) check.witness(v);
      return check.refuted(summary);
    };

    for (std::size_t bi = 0; bi < beliefs.size(); ++bi) {
      const Belief& bel = beliefs[bi];
      for (std::size_t x = 0; x < info.type_count(); ++x) {
        const auto [Euq, Eur] = hw::expected_marginal_utilities(info, x, bel.phi, e.qbar, e.rbar);
        const auto cd = hw::expected_cobb_douglas(info, x, bel.phi);
        std::vector<Totals<Rational>> here = grid;
        if (Euq.is_rational() && Eur.is_rational()) {  // the point where g'(0) = 0: R_-/Q_- = E u_q / E u_r
          const Rational Qmid = (grid.front().q + grid.back().q) / 2;
          if (Qmid > 0) here.push_back({Qmid, Qmid * Euq.to_rational() / Eur.to_rational()});
        }
        for (const auto& t : here) {
          ++points;
          if (t.q == 0 || t.r == 0) {
            ++degenerate;
            if (t.q == 0 && t.r == 0) continue;  // nobody offers: every deviation loses (no trade is the best response)
            // One total is 0: no best response exists, so it is not unique.
            const bool sell_q = t.q == 0;
            const Rational s = offer_beating_no_trade(e, cd, t);
            check.decided_in<Rational>();  // utilities compared exactly (compare_cobb_douglas)
            return refuted_at(
                bel, x, t,
                "at (Q_-, R_-) = " + text(t) +
                    " no best response exists, so it is not unique: g'(0)/h'(0) "
                    "are undefined; offering " +
                    to_string(s) + (sell_q ? " of good q" : " of good r") +
                    " beats no trade, every such offer is beaten by half of it (same proceeds, less given), "
                    "and offering the other good gets nothing",
                {make_value(sell_q ? "b_q" : "b_r", s)});
          }
          // The paper's g'(0), h'(0) are the derivatives of the market-game payoff.
          const Slopes d = slopes_at_endowment(e, Euq, Eur, t, h_prime_);
          if (bi == 0 && shown_at && t.q == shown_at->q && t.r == shown_at->r)
            check.value("g'(0), x = " + info.types[x], d.g_paper).value("h'(0), x = " + info.types[x], d.h_paper);
          const bool g_agrees = check.compare(d.g_paper, d.g_game) == 0;
          if (!g_agrees || check.compare(d.h_paper, d.h_game) != 0)
            return refuted_at(bel, x, t,
                              std::string("the paper's ") + (!g_agrees ? "g'(0) (L280)" : "h'(0) (L284)") +
                                  " differs from the derivative of the market-game payoff (2)-(3)",
                              d.shown());
          // (17): sign h'(0) = -sign g'(0).
          const int g_sign = check.sign(d.g_paper), h_sign = check.sign(d.h_paper);
          if (h_sign != -g_sign)
            return refuted_at(bel, x, t,
                              "sign h'(0) = " + std::to_string(h_sign) +
                                  " but -sign g'(0) = " + std::to_string(-g_sign) + " (eq. 17)",
                              d.shown());
          if (g_sign > 0) ++positive_g;
          else if (h_sign > 0) ++positive_h;
          else ++both_zero;
          if (!cd) continue;
          // (15)-(16) for Cobb-Douglas: exactly one interior stationary point, on the side with a
          // positive slope at 0, or none.
          const auto [A, B] = *cd;
          const StationaryPoints sp = cobb_douglas_stationary_points(A, B, e.qbar, e.rbar, t);
          check.decided_in<Algebraic>();  // the real roots of the first-order conditions, isolated exactly
          ++stationary_checked;
          const std::size_t want_q = g_sign > 0 ? 1 : 0, want_r = h_sign > 0 ? 1 : 0;
          if (sp.sell_q.size() != want_q || sp.sell_r.size() != want_r)
            return refuted_at(bel, x, t,
                              "g has " + std::to_string(sp.sell_q.size()) + " and h has " +
                                  std::to_string(sp.sell_r.size()) +
                                  " interior stationary points, but (15)-(16) with g'(0), h'(0) call for " +
                                  std::to_string(want_q) + " and " + std::to_string(want_r),
                              d.shown());
          if (first_best_response.empty() && (want_q + want_r) == 1) {
            const Algebraic& b = want_q ? sp.sell_q.front() : sp.sell_r.front();
            first_best_response = bel.label + ", type " + info.types[x] + ", (Q_-, R_-) = " + text(t) +
                                  ": the unique best response is " + (want_q ? "(b_q, 0)" : "(0, b_r)") + " with " +
                                  (want_q ? "b_q = " : "b_r = ") + b.to_string(20) +
                                  (b.is_rational() ? "" : ", a root of " + b.minimal_polynomial_string("b"));
          }
        }
      }
      check.context().report(static_cast<double>(bi + 1) / static_cast<double>(beliefs.size()));
    }
    check.stat("beliefs", static_cast<long long>(beliefs.size()))
        .stat("types", static_cast<long long>(info.type_count()))
        .stat("grid_points", static_cast<long long>(grid.size()))
        .stat("points_checked", points)
        .stat("g_prime_positive", positive_g)
        .stat("h_prime_positive", positive_h)
        .stat("both_zero", both_zero)
        .stat("stationary_point_checks", stationary_checked)
        .stat("zero_totals_points", degenerate);
    if (!first_best_response.empty()) check.text("example_best_response", first_best_response);
    // points counts every (belief, type, Q_-, R_-) examined; the sign identity is decided at those
    // with Q_-, R_- > 0, the others (zero totals, only with epsilon_positive dropped) by the
    // existence argument above.
    return check.holds(
        "at " + std::to_string(points - degenerate) +
        " (belief, type, Q_-, R_-) points with Q_-, R_- > 0 "
        "sign h'(0) = -sign g'(0), both formulas agree (g' > 0: " +
        std::to_string(positive_g) + ", h' > 0: " + std::to_string(positive_h) +
        ", both 0: " + std::to_string(both_zero) + ")" +
        (degenerate ? "; at " + std::to_string(degenerate) +
                          " points with (Q_-, R_-) = (0, 0) no offer "
                          "trades anything (no trade is the best response)"
                    : std::string()) +
        (stationary_checked ? "; Cobb-Douglas: exactly one stationary point, on the side (15)-(16) say, or none" : ""));
  }

 private:
  HPrime h_prime_;
};

}  // namespace

std::unique_ptr<Claim> make_claim(HPrime h_prime) { return std::make_unique<Eq17>(h_prime); }

}  // namespace mechcheck::proofs::hw_eq17
