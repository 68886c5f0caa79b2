// hw.lemma1 — Hu & Wallace (2012), Lemma 1: fix the stage-2 offers of all other agents; any
// two-sided offer b' (b'_q b'_r > 0) has a one-sided offer b'' in O with the same payoff (q', r').
// Checked on the case's offers with the proof's construction, exactly, and for every instance
// at once as rational-function identities (lemma1_symbolic.cpp).
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include <stdexcept>

namespace mechcheck::proofs::hw_lemma1 {

using hw::Bundle;
using hw::Offer;
using hw::to_text;

namespace {

bool same(const Offer<Rational>& a, const Offer<Rational>& b) { return a.q == b.q && a.r == b.r; }
bool same(const Bundle<Rational>& a, const Bundle<Rational>& b) { return a.q == b.q && a.r == b.r; }

// Why b is not in O = {[0, qbar] x [0, rbar], b_q b_r = 0}, or empty.
std::string outside_one_sided_set(const hw::Economy& e, const Offer<Rational>& b) {
  if (b.q < 0 || b.r < 0) return "it is negative";
  if (b.q > e.qbar) return "b''_q exceeds qbar = " + mechcheck::to_string(e.qbar);
  if (b.r > e.rbar) return "b''_r exceeds rbar = " + mechcheck::to_string(e.rbar);
  if (b.q * b.r != 0) return "it is two-sided";
  return "";
}

}  // namespace

OfferCheck check_offer(const hw::Economy& e, const hw::Totals<Rational>& others, const hw::TestOffer& offer,
                       const Construction& construction) {
  OfferCheck x;
  const Offer<Rational>& b = offer.b;
  x.offer = b;
  x.D = hw::net_trade_numerator(others, b);
  x.sign_case = sign_case(others, b);
  // Off the paper's domain (Q_- or R_- = 0) a formula may divide by 0; on it nothing does, so
  // there a division by 0 is a failure of the construction.
  const bool on_domain = others.q > 0 && others.r > 0;
  auto undefined = [&](const std::string& why) {
    if (on_domain) x.failures.push_back(why);
    else x.undefined = why;
    return x;
  };

  // The payoff of b', eq. (2) with p2 of eq. (3), and the same by eq. (11).
  try {
    x.bundle = hw::allocation(e.qbar, e.rbar, others, b);
    x.price = hw::price(others, b);
    auto closed = hw::allocation_closed_form(e.qbar, e.rbar, others, b);
    if (!same(*x.bundle, closed))
      x.failures.push_back("eq. (2)-(3) gives " + to_text(*x.bundle) + " for b' but eq. (11) gives " + to_text(closed));
  } catch (const std::domain_error& err) {
    return undefined(std::string("the payoff of b' is undefined: ") + err.what());
  }

  // The one-sided offer of the proof, in this offer's sign case.
  try {
    x.one_sided = construction.exact(x.sign_case, others, b);
  } catch (const std::domain_error& err) {
    std::string why = std::string("case (") + to_string(x.sign_case) + "): " + err.what();
    try {  // Say whether the closed form still finds a one-sided offer with the same payoff.
      auto closed = net_sale_at_price(x.sign_case, others, b);
      auto payoff = hw::allocation(e.qbar, e.rbar, others, closed);
      why += "; the closed form b' net of the sale at p2' is " + to_text(closed) +
             ", in O: " + (outside_one_sided_set(e, closed).empty() ? "yes" : "no") + ", payoff " + to_text(payoff) +
             (same(payoff, *x.bundle) ? " = (q', r')" : " != (q', r')");
    } catch (const std::domain_error&) {}
    return undefined(why);
  }
  const Offer<Rational>& bb = *x.one_sided;
  if (auto why = outside_one_sided_set(e, bb); !why.empty())
    x.failures.push_back("b'' = " + to_text(bb) + " is not in O: " + why);

  // Its payoff, and the comparison with the payoff of b'.
  try {
    x.one_sided_bundle = hw::allocation(e.qbar, e.rbar, others, bb);
    x.one_sided_price = hw::price(others, bb);
  } catch (const std::domain_error& err) {
    return undefined("the payoff of b'' = " + to_text(bb) + " is undefined: " + err.what());
  }
  if (!same(*x.one_sided_bundle, *x.bundle))
    x.failures.push_back("b'' = " + to_text(bb) + " gets " + to_text(*x.one_sided_bundle) + " but b' = " + to_text(b) +
                         " gets " + to_text(*x.bundle));
  if (*x.one_sided_price != *x.price)
    x.failures.push_back("p2 under b'' is " + mechcheck::to_string(*x.one_sided_price) + " but under b' it is " +
                         mechcheck::to_string(*x.price));

  // The same offer by the closed form (net sale at p2'), and what the case file pins.
  auto closed = net_sale_at_price(x.sign_case, others, b);
  if (!same(bb, closed))
    x.failures.push_back("b'' = " + to_text(bb) + " differs from the net sale at the price p2', " + to_text(closed));
  if (offer.one_sided && !same(bb, b))
    x.failures.push_back("b' = " + to_text(b) + " is already one-sided but the construction returns " + to_text(bb));
  if (offer.expect_case && *offer.expect_case != to_string(x.sign_case))
    x.failures.push_back(std::string("the case file expects case (") + *offer.expect_case + "), but D' = " +
                         mechcheck::to_string(x.D) + " puts b' in case (" + to_string(x.sign_case) + ")");
  if (offer.expect_one_sided && !same(*offer.expect_one_sided, bb))
    x.failures.push_back("the case file expects b'' = " + to_text(*offer.expect_one_sided) +
                         ", the construction gives " + to_text(bb));
  return x;
}

namespace {

class Lemma1 : public Checker<hw::Economy> {
 public:
  explicit Lemma1(Construction construction) : construction_(std::move(construction)) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.lemma1",
        "Lemma 1 and its proof (Section 4, eqs. (11)-(12)); the market game of Section 2.2, eqs. (2)-(3)",
        "Fix the stage-2 offers of all other agents. If b' in [0, qbar] x [0, rbar] with payoff (q', r') is such that "
        "b'_q b'_r > 0, then there exists b'' in O (the one-sided offers) with payoff (q', r').",
        {{"positive_totals",
          "(Q_-, R_-), the other agents' total offers including the exogenous M epsilon, lie in R^2_++ (L228); in "
          "the game epsilon > 0 ensures it",
          Necessity::scope,
          "outside R^2_++ the proof's construction (12) divides by Q_- - gamma = 0 and at (Q_-, R_-) = (0, 0) the "
          "price "
          "of eq. (3) is 0/0: the construction and the payoffs are undefined, not wrong. Where the payoff is defined "
          "(Q_- = 0 < R_-) the closed form b' net of the sale at p2' still gives a one-sided offer with the payoff of "
          "b' "
          "(cases/hw/lemma1-zero-epsilon.toml with the drop: inconclusive, and it says so)"}},
        "For each offer b' of the case: the sign case of D' = b'_r Q_- - b'_q R_-, the proof's b'' (eq. (12) and its "
        "case-(ii) analogue), b'' in O, and the payoffs of b' and b'' by eq. (2)-(3) compared exactly (also: (2)-(3) "
        "= (11), equal prices, b'' = the closed form b' net of the sale at p2'). Then the same identities proved for "
        "every instance in the field Q(qbar, rbar, Q_-, R_-, b_q, b_r) by clearing denominators (FLINT fmpq_mpoly), "
        "per sign case.",
        "hw",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    if (!e.stage2)
      c.fail({"hw", "stage2"},
             "hw.lemma1 needs a [hw.stage2] table: the other agents' offers (or Q_minus, R_minus) and "
             "the offers to test");
  }

  std::optional<Recheck> recheck_outcome(const hw::Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::lemma1(e, outcome);
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Stage2& market = *e.stage2;
    const hw::Totals<Rational>& others = market.totals;  // (Q_-, R_-)

    // Hypothesis: (Q_-, R_-) in R^2_++.
    check.hypothesis("positive_totals", check.sign(others.q) > 0 && check.sign(others.r) > 0,
                     "(Q_-, R_-) = " + to_text(Offer<Rational>{others.q, others.r}));
    if (!check.hypotheses_met()) return check.unmet();
    check.value("Q_minus", others.q).value("R_minus", others.r);

    // For every offer b' of the case: the proof's b'' and both payoffs, compared exactly.
    long long count[3] = {0, 0, 0}, one_sided = 0;
    std::vector<OfferCheck> failed;
    std::vector<std::string> undefined;
    for (std::size_t k = 0; k < market.offers.size(); ++k) {
      const OfferCheck x = check_offer(e, others, market.offers[k], construction_);
      ++count[static_cast<int>(x.sign_case)];
      if (market.offers[k].one_sided) ++one_sided;
      check.text("offer_" + std::to_string(k + 1), describe(x));
      if (!x.failures.empty()) failed.push_back(x);
      if (!x.undefined.empty()) undefined.push_back("offer " + std::to_string(k + 1) + ": " + x.undefined);
    }
    check.decided_in<Rational>();  // check_offer compares offers, bundles and prices exactly
    check.stat("offers", static_cast<long long>(market.offers.size()))
        .stat("one_sided_offers", one_sided)
        .stat("case_i", count[0])
        .stat("case_ii", count[1])
        .stat("case_iii", count[2]);

    // The identities for every instance, in Q(qbar, rbar, Q_-, R_-, b_q, b_r).
    const SymbolicProof proof = prove_symbolically(construction_);
    check.decided_in<RationalFunction>();  // identities decided by cleared numerators, exactly
    report_proof(check, proof);

    if (!failed.empty()) {
      const OfferCheck& x = failed.front();
      add_witness(check, e, others, x);
      return check.refuted(std::to_string(failed.size()) + " offer(s) fail; first, b' = " + to_text(x.offer) + ": " +
                           x.failures.front());
    }
    if (!proof.proved) {
      check.witness(make_text("identity", proof.failures.front()));
      return check.refuted("the identities fail symbolically: " + proof.failures.front());
    }
    if (!undefined.empty())
      return check.inconclusive(
          "off the paper's domain Q_-, R_- > 0 a formula divides by 0 (no convention is guessed): " +
          undefined.front());
    return check.holds(
        "every offer's one-sided b'' gets exactly the payoff of b' (cases i/ii/iii: " + std::to_string(count[0]) + "/" +
        std::to_string(count[1]) + "/" + std::to_string(count[2]) + "), and the identities hold for every instance");
  }

 private:
  Construction construction_;

  static std::string describe(const OfferCheck& x) {
    std::string s =
        "b' = " + to_text(x.offer) + ", D' = " + mechcheck::to_string(x.D) + ", case (" + to_string(x.sign_case) + ")";
    if (x.bundle) s += ", (q', r') = " + to_text(*x.bundle);
    if (x.one_sided) s += ", b'' = " + to_text(*x.one_sided);
    if (x.one_sided_bundle) s += ", (q'', r'') = " + to_text(*x.one_sided_bundle);
    if (x.price) s += ", p2 = " + mechcheck::to_string(*x.price);
    if (!x.undefined.empty()) s += ", undefined: " + x.undefined;
    if (!x.failures.empty()) s += ", FAILS: " + x.failures.front();
    return s;
  }

  // What the symbolic proof established (or which identity failed), as values.
  static void report_proof(Check& check, const SymbolicProof& proof) {
    std::string proved;
    for (const auto& step : proof.steps) proved += (proved.empty() ? "" : ", ") + step.label;
    std::string symbolic_failures;
    for (const auto& f : proof.failures) symbolic_failures += (symbolic_failures.empty() ? "" : "; ") + f;
    check.text("symbolic_identity",
               proof.proved ? "proved in Q(qbar, rbar, Qm, Rm, bq, br) with Qm = Q_-, Rm = R_-, (bq, br) = b', "
                              "by clearing denominators: " +
                                  proved
                            : "NOT proved: " + symbolic_failures);
    for (const auto& step : proof.steps) check.text("symbolic_" + step.label, step.text);
    check.stat("symbolic_identities_proved", static_cast<long long>(proof.steps.size()));
  }

  static void add_witness(Check& check, const hw::Economy& e, const hw::Totals<Rational>& others, const OfferCheck& x) {
    check.witness("qbar", e.qbar).witness("rbar", e.rbar).witness("Q_minus", others.q).witness("R_minus", others.r);
    check.witness("b'_q", x.offer.q).witness("b'_r", x.offer.r);
    if (x.one_sided) check.witness("b''_q", x.one_sided->q).witness("b''_r", x.one_sided->r);
    if (x.bundle) check.witness("q'", x.bundle->q).witness("r'", x.bundle->r);
    if (x.one_sided_bundle) check.witness("q''", x.one_sided_bundle->q).witness("r''", x.one_sided_bundle->r);
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim(Construction construction) {
  return std::make_unique<Lemma1>(std::move(construction));
}

}  // namespace mechcheck::proofs::hw_lemma1
