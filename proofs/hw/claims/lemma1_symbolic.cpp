// The identities behind Lemma 1 of Hu & Wallace (2012), proved once for every instance: the
// model's formulas and the construction are evaluated *as implemented* in the field
// Q(qbar, rbar, Qm, Rm, bq, br) (Qm = Q_-, Rm = R_-, (bq, br) = b'), and each identity is
// checked by clearing denominators: lhs = rhs iff num(lhs) den(rhs) - num(rhs) den(lhs) = 0.
#include "hw/claims/claims.hpp"

#include <stdexcept>

namespace mechcheck::proofs::hw_lemma1 {
namespace {

using F = RationalFunction;

class Prover {
 public:
  explicit Prover(SymbolicProof& proof) : proof_(proof) {}

  // lhs = rhs in the field; `what` names the identity.
  bool identity(const std::string& what, const F& lhs, const F& rhs) {
    F cleared = F::cleared_numerator(lhs, rhs);
    if (cleared.is_zero()) return true;
    fail(what + ": the cleared numerator is " + cleared.to_string() + ", not 0");
    return false;
  }

  // f >= 0 wherever defined on the domain (all variables >= 0), by the coefficient signs of the
  // reduced numerator and denominator.
  bool nonnegative(const std::string& what, const F& f) {
    auto s = f.orthant_sign_certificate();
    if (s && *s >= 0) return true;
    fail(what + ": " + f.to_string() + " is not certified >= 0 (its coefficients have mixed signs or are negative)");
    return false;
  }

  void fail(const std::string& why) {
    proof_.proved = false;
    proof_.failures.push_back(why);
  }

  SymbolicProof& proof_;
};

std::string offer_text(const hw::Offer<F>& b) {
  std::string out = "(";  // appended piece by piece: GCC 12's -Wrestrict false positive on "(" + string
  out += b.q.to_string();
  out += ", ";
  out += b.r.to_string();
  out += ")";
  return out;
}

}  // namespace

SymbolicProof prove_symbolically(const Construction& construction) {
  SymbolicProof proof;
  Prover check(proof);
  auto field = F::make_field({"qbar", "rbar", "Qm", "Rm", "bq", "br"});
  const F qbar = F::variable(field, 0), rbar = F::variable(field, 1);
  const hw::Totals<F> others{F::variable(field, 2), F::variable(field, 3)};
  const hw::Offer<F> b{F::variable(field, 4), F::variable(field, 5)};

  // Eq. (2) with p2 of eq. (3) is eq. (11) for every offer.
  {
    auto two = hw::allocation(qbar, rbar, others, b), eleven = hw::allocation_closed_form(qbar, rbar, others, b);
    if (check.identity("q by eq. (2)-(3) = q by eq. (11)", two.q, eleven.q) &&
        check.identity("r by eq. (2)-(3) = r by eq. (11)", two.r, eleven.r))
      proof.steps.push_back(
          {"eq2_eq11", "eq. (2)-(3) = eq. (11): q = " + two.q.to_string() + ", r = " + two.r.to_string()});
  }

  const F D = hw::net_trade_numerator(others, b);  // b'_r Q_- - b'_q R_-
  const auto bundle = hw::allocation(qbar, rbar, others, b);
  const F price = hw::price(others, b);

  // Cases (i) and (ii): for every b', with the sign of D' only needed for b'' >= 0.
  for (SignCase c : {SignCase::i, SignCase::ii}) {
    const std::string name = std::string("case (") + to_string(c) + ")";
    const std::size_t failures_before = proof.failures.size();
    hw::Offer<F> bb;
    try {
      bb = construction.symbolic(c, others, b);
    } catch (const std::domain_error& e) {
      check.fail(name + ": the construction is undefined as a rational function: " + e.what());
      continue;
    }
    const bool buys_q = c == SignCase::i;  // case (i): b'' offers r only; case (ii): q only
    const F& offered = buys_q ? bb.r : bb.q;
    const F& not_offered = buys_q ? bb.q : bb.r;
    const F sign_ratio = buys_q ? F(offered / D) : F(offered / (-D));  // b'' >= 0 iff the case's sign holds
    const F slack = buys_q ? F(b.r - bb.r) : F(b.q - bb.q);            // b'' <= b' <= endowment
    const std::string ratio_name = buys_q ? "b''_r/D'" : "b''_q/(-D')";
    const std::string slack_name = buys_q ? "b'_r - b''_r" : "b'_q - b''_q";
    check.identity(name + ": b''_" + (buys_q ? "q" : "r") + " = 0", not_offered, F(0));
    check.nonnegative(name + ": " + ratio_name, sign_ratio);
    check.nonnegative(name + ": " + slack_name, slack);
    // The closed form: the net sale at the price p2' of b'.
    auto closed = net_sale_at_price(c, others, b);
    check.identity(name + ": b'' = the net sale at p2'", offered, buys_q ? closed.r : closed.q);
    // Same bundle and same price.
    auto bundle2 = hw::allocation(qbar, rbar, others, bb);
    check.identity(name + ": q(b'') = q(b')", bundle2.q, bundle.q);
    check.identity(name + ": r(b'') = r(b')", bundle2.r, bundle.r);
    check.identity(name + ": p2(b'') = p2(b')", hw::price(others, bb), price);
    if (proof.failures.size() == failures_before)
      proof.steps.push_back({std::string("case_") + to_string(c),
                             name + ": b'' = " + offer_text(bb) + " (" + ratio_name + " = " + sign_ratio.to_string() +
                                 " >= 0, " + slack_name + " = " + slack.to_string() +
                                 " >= 0); (q, r)(b'') - (q, r)(b') and p2(b'') - p2(b') have cleared numerators 0"});
  }

  // Case (iii): on D' = 0, i.e. b'_r = b'_q R_-/Q_- (Q_- > 0), with the construction's b''.
  {
    const std::size_t failures_before = proof.failures.size();
    const hw::Offer<F> b0{b.q, F(b.q * others.r / others.q)};
    hw::Offer<F> bb;
    try {
      bb = construction.symbolic(SignCase::iii, others, b0);
    } catch (const std::domain_error& e) {
      check.fail(std::string("case (iii): the construction is undefined as a rational function: ") + e.what());
      return proof;
    }
    check.identity("case (iii): b''_q b''_r = 0", F(bb.q * bb.r), F(0));
    check.nonnegative("case (iii): b''_q", bb.q);
    check.nonnegative("case (iii): b''_r", bb.r);
    auto bundle0 = hw::allocation(qbar, rbar, others, b0), bundle2 = hw::allocation(qbar, rbar, others, bb);
    check.identity("case (iii): q(b') = qbar", bundle0.q, qbar);
    check.identity("case (iii): r(b') = rbar", bundle0.r, rbar);
    check.identity("case (iii): q(b'') = q(b')", bundle2.q, bundle0.q);
    check.identity("case (iii): r(b'') = r(b')", bundle2.r, bundle0.r);
    check.identity("case (iii): p2(b'') = p2(b')", hw::price(others, bb), hw::price(others, b0));
    if (proof.failures.size() == failures_before)
      proof.steps.push_back({"case_iii", "case (iii): on D' = 0 (br = bq*Rm/Qm), b'' = " + offer_text(bb) +
                                             " and b' both give (qbar, rbar) at the price Rm/Qm"});
  }
  return proof;
}

}  // namespace mechcheck::proofs::hw_lemma1
