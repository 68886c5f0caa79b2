#pragma once
// Exact reals of the form  X = sum_k c_k exp(a_k)  with rational c_k and rational, pairwise
// distinct a_k (zero coefficients dropped). Every sign the ly checkers decide is the sign of
// such an X (proofs/ly/docs/derivation.md, section 6):
//  * X with no terms is exactly 0: an identity, proved by the algebra that built it;
//  * otherwise X != 0 by the Lindemann-Weierstrass theorem (exp of distinct algebraic numbers
//    are linearly independent over the algebraic numbers), so an MPFI enclosure at growing
//    precision decides its sign; if the precision cap is reached, Undecidable is thrown
//    (-> inconclusive), never a guess.
// Logarithms enter through  a + kappa log r  =  kappa log( r exp(a / kappa) ): comparing two
// such values is the sign of an ExpSum (exp is increasing).
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/rational.hpp"

#include <map>
#include <string>

namespace mechcheck::ly {

class ExpSum {
 public:
  ExpSum() = default;
  static ExpSum constant(const Rational& c);                        // c = c e^0
  static ExpSum term(const Rational& c, const Rational& exponent);  // c e^a

  ExpSum& operator+=(const ExpSum& other);
  ExpSum& operator-=(const ExpSum& other);
  friend ExpSum operator+(ExpSum a, const ExpSum& b) { return a += b; }
  friend ExpSum operator-(ExpSum a, const ExpSum& b) { return a -= b; }
  friend ExpSum operator*(const ExpSum& a, const ExpSum& b);  // e^a e^b = e^(a+b)
  ExpSum scaled(const Rational& factor) const;

  bool is_identically_zero() const { return terms_.empty(); }
  const std::map<Rational, Rational>& terms() const { return terms_; }  // exponent -> coefficient
  // An enclosure with `bits` of working precision (outward rounding throughout).
  Interval enclose(unsigned long bits = 256) const;
  std::string to_string() const;  // "3/4 e^(-1/2) - 1"

 private:
  std::map<Rational, Rational> terms_;
};

// -1, 0, +1: 0 exactly when the sum is identically zero; otherwise intervals at 128, 256, ...,
// max_bits bits; throws Undecidable beyond.
int decide_sign(const ExpSum& x, unsigned long max_bits = 1u << 15);

// The value  a + kappa * log(r)  (r > 0 rational), kept exactly as the pair (a, r).
struct LogTerm {
  Rational a;
  Rational r;
};
// sign(x - y) for two LogTerms with the same kappa > 0: sign( r_x e^(a_x/k) - r_y e^(a_y/k) ).
int compare(const LogTerm& x, const LogTerm& y, const Rational& kappa);
// e^(x / kappa) = r e^(a / kappa), exactly.
ExpSum exp_over_kappa(const LogTerm& x, const Rational& kappa);
// An enclosure of a + kappa log r.
Interval enclose(const LogTerm& x, const Rational& kappa, unsigned long bits = 256);
// Enclosure of log(r) for a positive rational, and of exp(a).
Interval log_enclosure(const Rational& r, unsigned long bits = 256);
Interval exp_enclosure(const Rational& a, unsigned long bits = 256);
// "[lo, hi]" of an interval (for reports).
std::string interval_text(const Interval& x);
// A double near the interval's midpoint (for numeric evidence only).
double midpoint(const Interval& x);

}  // namespace mechcheck::ly
