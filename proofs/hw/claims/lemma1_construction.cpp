// The construction in the proof of Hu & Wallace (2012), Lemma 1 (L228-244), and an independent
// closed form of it, generic over the number kind: Rational for instances, RationalFunction to
// prove the identities for every instance at once.
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include <stdexcept>
#include <string>

namespace mechcheck::proofs::hw_lemma1 {
namespace {

using hw::Offer;
using hw::Totals;

template <class T>
const T& nonzero(const T& x, const char* what) {
  if (is_exactly_zero(x)) throw std::domain_error(std::string("the construction divides by ") + what + " = 0");
  return x;
}

}  // namespace

const char* to_string(SignCase c) {
  switch (c) {
    case SignCase::i:
      return "i";
    case SignCase::ii:
      return "ii";
    case SignCase::iii:
      return "iii";
  }
  return "?";
}

SignCase sign_case(const Totals<Rational>& others, const Offer<Rational>& b) {
  int s = sign(hw::net_trade_numerator(others, b));  // b'_r Q_- - b'_q R_-
  return s > 0 ? SignCase::i : s < 0 ? SignCase::ii : SignCase::iii;
}

template <class T>
Offer<T> proof_construction(SignCase c, const Totals<T>& others, const Offer<T>& b) {
  const T& Qm = others.q;
  const T& Rm = others.r;
  const T zero = from_rational<T>(Rational(0));
  switch (c) {
    case SignCase::i: {
      // b''_q = 0 and b''_r solves b''_r Q_-/(R_- + b''_r) = gamma, eq. (12): b''_r = R_- gamma/(Q_- - gamma).
      const T gamma = (b.r * Qm - b.q * Rm) / nonzero(T(Rm + b.r), "R_- + b'_r");
      return {zero, T(Rm * gamma / nonzero(T(Qm - gamma), "Q_- - gamma"))};
    }
    case SignCase::ii: {
      // "Completely analogous, but with b''_r = 0" (L242): b''_q solves b''_q R_-/(Q_- + b''_q) = delta,
      // the amount of r that b' receives net, delta = (b'_q R_- - b'_r Q_-)/(Q_- + b'_q).
      const T delta = (b.q * Rm - b.r * Qm) / nonzero(T(Qm + b.q), "Q_- + b'_q");
      return {T(Qm * delta / nonzero(T(Rm - delta), "R_- - delta")), zero};
    }
    case SignCase::iii:
      return {zero, zero};
  }
  throw std::logic_error("unknown sign case");
}

template <class T>
Offer<T> net_sale_at_price(SignCase c, const Totals<T>& others, const Offer<T>& b) {
  const T zero = from_rational<T>(Rational(0));
  switch (c) {
    case SignCase::i:
      return {zero, T(b.r - hw::price(others, b) * b.q)};
    case SignCase::ii:
      return {T(b.q - b.r / hw::price(others, b)), zero};
    case SignCase::iii:
      return {zero, zero};
  }
  throw std::logic_error("unknown sign case");
}

template Offer<Rational> proof_construction<Rational>(SignCase, const Totals<Rational>&, const Offer<Rational>&);
template Offer<RationalFunction> proof_construction<RationalFunction>(SignCase, const Totals<RationalFunction>&,
                                                                      const Offer<RationalFunction>&);
template Offer<Rational> net_sale_at_price<Rational>(SignCase, const Totals<Rational>&, const Offer<Rational>&);
template Offer<RationalFunction> net_sale_at_price<RationalFunction>(SignCase, const Totals<RationalFunction>&,
                                                                     const Offer<RationalFunction>&);

Construction paper_construction() {
  return {"the proof's construction (eq. 12 and its case-(ii) analogue)", &proof_construction<Rational>,
          &proof_construction<RationalFunction>};
}

}  // namespace mechcheck::proofs::hw_lemma1
