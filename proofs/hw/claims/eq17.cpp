// hw.eq17 — Hu & Wallace (2012), proof of Proposition 1, eqs. (15)-(17) (L262-290): at the
// endowment, g'(0) = sum_z phi(z) [-u_q + u_r R_-/Q_-] and h'(0) = sum_z phi(z) [u_q Q_-/R_- - u_r]
// have opposite signs, so at most one side of O has an improving direction and the best
// response is unique. Checked exactly over the beliefs and the (Q_-, R_-) grid of the instance:
// g'(0), h'(0) by the paper's formulas and again by differentiating the market-game payoff
// (eq. (2)-(3)) as a rational function of the offer; for Cobb-Douglas also every interior
// stationary point of g and h, exactly (they are roots of quadratics).
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

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

std::string text(const Totals<Rational>& t) { return "(" + to_string(t.q) + ", " + to_string(t.r) + ")"; }

class Eq17 : public Claim {
 public:
  explicit Eq17(HPrime h_prime) : h_prime_(h_prime) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.eq17",
        "Proof of Proposition 1, eqs. (15)-(17), L262-290 of the text",
        "For every posterior phi, type x and others' totals (Q_-, R_-) in R^2_++: sign h'(0) = -sign g'(0), where "
        "g, h are the payoffs of offering only good q, only good r (L264, L268); hence min{g'(0), h'(0)} <= 0 and the "
        "best response in O is unique.",
        {{"epsilon_positive", "eps_q, eps_r > 0, so (Q_-, R_-) in R^2_++ for every profile (L260)", Necessity::counterexample,
          "cases/hw/hw.eq17-probe-drop-epsilon-positive-seed-1.toml"},
         {"utility_assumptions", "u(.; x, z) strictly increasing, strictly concave, C^1, Inada (L39)",
          Necessity::counterexample, "cases/hw/eq17-drop-utility-assumptions.toml"}},
        "Beliefs: kappa, every tau_x and phi^sigma for every configuration of the M active agents (exact Bayes rule). "
        "Grid: points x points values of (Q_-, R_-) over what the others can reach, plus for Cobb-Douglas the point "
        "with g'(0) = 0 exactly. At each: E u_q, E u_r at the endowment (rational or real algebraic), g'(0), h'(0) "
        "by L280/L284 and by differentiating eq. (2)-(3) as a rational function of the offer (chain rule); the two "
        "must agree and sign h'(0) = -sign g'(0). For Cobb-Douglas expected utility, the interior stationary points "
        "of g on (0, qbar) and h on (0, rbar) are the roots of the cleared first-order conditions: there must be at "
        "most one in all, exactly where (15)-(16) put it. Points with Q_- = 0 or R_- = 0 (only when epsilon_positive "
        "is dropped) are examined for the existence of a best response.",
        "hw",
        Arithmetic::exact};
    return i;
  }

  void validate(const Case& c) const override { hw_common::require_economy(c, "hw.eq17"); }

  std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::eq17(c, outcome);
  }

  Outcome check(const Case& c, const CheckContext& context) const override {
    const auto& e = c.model_data<hw::Economy>();
    const hw::Information& info = *e.info;
    HypothesisLedger ledger(context);
    for (const char* name : {"epsilon_positive", "utility_assumptions"}) {
      auto a = hw::assumption(e, name);
      ledger.record(a.name, a.holds, a.detail);
    }
    if (auto unmet = ledger.unmet_outcome(Arithmetic::exact)) return *unmet;

    Outcome out;
    out.arithmetic = Arithmetic::exact;
    const auto beliefs = hw_common::beliefs(e);
    const auto grid = hw_common::totals_grid(e);
    guard_enumeration_size(context, beliefs.size() * info.type_count() * (grid.size() + 1), "hw.eq17 grid points");
    long long points = 0, positive_g = 0, positive_h = 0, both_zero = 0, stationary_checked = 0, degenerate = 0;
    std::string first_best_response;

    auto refute = [&](const std::string& summary, const hw_common::Belief& bel, std::size_t x, const Totals<Rational>& t) {
      out.verdict = Verdict::refuted;
      out.summary = summary;
      out.witness.push_back(make_text("belief", bel.label));
      for (std::size_t z = 0; z < info.state_count(); ++z)
        out.witness.push_back(make_value("phi(" + info.states[z] + ")", bel.phi[z]));
      out.witness.push_back(make_text("type", info.types[x]));
      out.witness.push_back(make_value("Q_minus", t.q));
      out.witness.push_back(make_value("R_minus", t.r));
      ledger.annotate(out);
      return out;
    };

    for (std::size_t bi = 0; bi < beliefs.size(); ++bi) {
      const auto& bel = beliefs[bi];
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
            // One total is 0: selling into it gets the whole other total for any small offer.
            if (!cd)
              throw Undecidable("at (Q_-, R_-) = " + text(t) + " the paper's g'(0), h'(0) are undefined and deciding "
                                "whether a best response exists needs utility comparisons, exact only for Cobb-Douglas", Arithmetic::exact);
            const auto [A, B] = *cd;
            const bool sell_q = t.q == 0;  // offer q into an empty q side, get R_- of good r
            for (long k = 1; k <= 200; ++k) {
              const Rational s = (sell_q ? e.qbar : e.rbar) / Rational(Integer(1) << k);
              Bundle<Rational> dev = sell_q ? Bundle<Rational>{e.qbar - s, e.rbar + t.r} : Bundle<Rational>{e.qbar + t.q, e.rbar - s};
              if (hw::compare_cobb_douglas(A, B, dev, {e.qbar, e.rbar}) > 0) {
                refute("at (Q_-, R_-) = " + text(t) + " no best response exists, so it is not unique: g'(0)/h'(0) are "
                       "undefined; offering " + to_string(s) + (sell_q ? " of good q" : " of good r") +
                       " beats no trade, every such offer is beaten by half of it (same proceeds, less given), and "
                       "offering the other good gets nothing",
                       bel, x, t);
                out.witness.push_back(make_value(sell_q ? "b_q" : "b_r", s));
                return out;
              }
            }
            throw Undecidable("no improving small offer found at (Q_-, R_-) = " + text(t), Arithmetic::exact);
          }
          const Algebraic gA = paper_g_prime(Euq, Eur, t.q, t.r), hA = h_prime_(Euq, Eur, t.q, t.r);
          const Bundle<Rational> dq = bundle_derivative_at_zero(e.qbar, e.rbar, t, true);
          const Bundle<Rational> dr = bundle_derivative_at_zero(e.qbar, e.rbar, t, false);
          const Algebraic gB = Euq * Algebraic(dq.q) + Eur * Algebraic(dq.r);
          const Algebraic hB = Euq * Algebraic(dr.q) + Eur * Algebraic(dr.r);
          // (Euq, Eur captured by name: clang 14 cannot capture a structured binding.)
          auto values = [&, &Euq = Euq, &Eur = Eur] {
            out.witness.push_back(make_value("Eu_q", Euq));
            out.witness.push_back(make_value("Eu_r", Eur));
            out.witness.push_back(make_value("g'(0) (L280)", gA));
            out.witness.push_back(make_value("h'(0) (L284)", hA));
            out.witness.push_back(make_value("g'(0) (d/db of eq. 2)", gB));
            out.witness.push_back(make_value("h'(0) (d/db of eq. 2)", hB));
          };
          if (gA != gB || hA != hB) {
            refute(std::string("the paper's ") + (gA != gB ? "g'(0) (L280)" : "h'(0) (L284)") +
                       " differs from the derivative of the market-game payoff (2)-(3)", bel, x, t);
            values();
            return out;
          }
          if (hA.sign() != -gA.sign()) {
            refute("sign h'(0) = " + std::to_string(hA.sign()) + " but -sign g'(0) = " + std::to_string(-gA.sign()) +
                       " (eq. 17)", bel, x, t);
            values();
            return out;
          }
          if (gA.sign() > 0) ++positive_g;
          else if (hA.sign() > 0) ++positive_h;
          else ++both_zero;
          if (cd) {
            const auto [A, B] = *cd;
            const StationaryPoints s = cobb_douglas_stationary_points(A, B, e.qbar, e.rbar, t);
            ++stationary_checked;
            const std::size_t want_q = gA.sign() > 0 ? 1 : 0, want_r = hA.sign() > 0 ? 1 : 0;
            if (s.sell_q.size() != want_q || s.sell_r.size() != want_r) {
              refute("g has " + std::to_string(s.sell_q.size()) + " and h has " + std::to_string(s.sell_r.size()) +
                         " interior stationary points, but (15)-(16) with g'(0), h'(0) call for " +
                         std::to_string(want_q) + " and " + std::to_string(want_r), bel, x, t);
              values();
              return out;
            }
            if (first_best_response.empty() && (want_q + want_r) == 1) {
              const Algebraic& b = want_q ? s.sell_q.front() : s.sell_r.front();
              first_best_response = bel.label + ", type " + info.types[x] + ", (Q_-, R_-) = " + text(t) +
                                    ": the unique best response is " + (want_q ? "(b_q, 0)" : "(0, b_r)") + " with " +
                                    (want_q ? "b_q = " : "b_r = ") + b.to_string(20) +
                                    (b.is_rational() ? "" : ", a root of " + b.minimal_polynomial_string("b"));
            }
          }
        }
      }
      context.report(static_cast<double>(bi + 1) / static_cast<double>(beliefs.size()));
    }
    out.stat("beliefs", static_cast<long long>(beliefs.size()));
    out.stat("types", static_cast<long long>(info.type_count()));
    out.stat("grid_points", static_cast<long long>(grid.size()));
    out.stat("points_checked", points);
    out.stat("g_prime_positive", positive_g).stat("h_prime_positive", positive_h).stat("both_zero", both_zero);
    out.stat("stationary_point_checks", stationary_checked);
    out.stat("zero_totals_points", degenerate);
    if (!first_best_response.empty()) out.value(make_text("example_best_response", first_best_response));
    out.verdict = Verdict::holds;
    // points counts every (belief, type, Q_-, R_-) examined; the sign identity is decided at those
    // with Q_-, R_- > 0, the others (zero totals, only with epsilon_positive dropped) by the
    // existence argument above.
    out.summary = "at " + std::to_string(points - degenerate) + " (belief, type, Q_-, R_-) points with Q_-, R_- > 0 "
                  "sign h'(0) = -sign g'(0), both formulas agree (g' > 0: " + std::to_string(positive_g) +
                  ", h' > 0: " + std::to_string(positive_h) + ", both 0: " + std::to_string(both_zero) + ")" +
                  (degenerate ? "; at " + std::to_string(degenerate) + " points with (Q_-, R_-) = (0, 0) no offer "
                                "trades anything (no trade is the best response)" : std::string()) +
                  (stationary_checked ? "; Cobb-Douglas: exactly one stationary point, on the side (15)-(16) say, or none"
                                      : "");
    ledger.annotate(out);
    return out;
  }

 private:
  HPrime h_prime_;
};

}  // namespace

std::unique_ptr<Claim> make_claim(HPrime h_prime) { return std::make_unique<Eq17>(h_prime); }

}  // namespace mechcheck::proofs::hw_eq17
