#pragma once
// Exact real algebraic numbers: a defining polynomial (the minimal polynomial over Q,
// hence square-free, with coprime integer coefficients) and an enclosure that isolates
// the number from the polynomial's other roots. Backed by Calcium's qqbar (packaged
// with FLINT/Arb in Debian); comparisons with rationals and with other algebraic numbers
// are exact (qqbar decides them by refining enclosures and, for equality, by comparing
// minimal polynomials), and the enclosure refines to any number of digits.
#include "mechcheck/number/kind.hpp"
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace mechcheck {

class Algebraic;

// The kind is declared before the class: the class's own operators call compare(a, b), and a
// compiler checks the constraint `Number<Algebraic>` of kind.hpp's generic compare at that point.
// Were NumberKind<Algebraic> still undeclared there, the check would fail and (clang) cache that
// failure for the whole translation unit, so every later generic call on Algebraic would be refused.
template <>
struct NumberKind<Algebraic> {
  static constexpr Arithmetic arithmetic = Arithmetic::exact;
  static constexpr const char* name = "algebraic";
  static Algebraic from_rational(const Rational& q);
  static int sign(const Algebraic& x);
  static std::string to_string(const Algebraic& x);
};

class Algebraic {
 public:
  Algebraic();                   // zero
  Algebraic(const Rational& q);  // NOLINT: implicit on purpose, rationals are algebraic
  Algebraic(long value);         // NOLINT
  Algebraic(const Algebraic& other);
  Algebraic(Algebraic&& other) noexcept;
  Algebraic& operator=(const Algebraic& other);
  Algebraic& operator=(Algebraic&& other) noexcept;
  ~Algebraic();

  // The distinct real roots, in increasing order, of the polynomial with these coefficients in
  // ascending powers (not all zero). For a RationalPolynomial: real_roots(p) (poly/polynomial.hpp).
  static std::vector<Algebraic> real_roots(std::vector<Rational> coefficients);

  bool is_rational() const;
  Rational to_rational() const;  // precondition: is_rational()
  int degree() const;            // degree of the minimal polynomial
  // Minimal polynomial, integer coefficients in ascending powers, positive leading one.
  std::vector<Integer> minimal_polynomial() const;
  std::string minimal_polynomial_string(const std::string& variable = "x") const;
  // An interval [lo, hi] with rational (dyadic) endpoints that contains this number and
  // no other real root of the minimal polynomial; width at most 2^-bits when asked.
  std::pair<Rational, Rational> isolating_interval(long bits = 64) const;
  // `digits` significant decimal digits, every one of them correct (rigorous enclosure).
  std::string to_decimal(int digits = 30) const;
  // The value for people and JSON: "p/q" when rational, else decimal digits.
  std::string to_string(int digits = 30) const;
  double to_double() const;  // nearest-ish double, for plots and numeric paths only

  int sign() const;
  friend int compare(const Algebraic& a, const Algebraic& b);

  Algebraic operator-() const;
  friend Algebraic operator+(const Algebraic& a, const Algebraic& b);
  friend Algebraic operator-(const Algebraic& a, const Algebraic& b);
  friend Algebraic operator*(const Algebraic& a, const Algebraic& b);
  friend Algebraic operator/(const Algebraic& a, const Algebraic& b);  // b != 0
  Algebraic& operator+=(const Algebraic& b) { return *this = *this + b; }
  Algebraic& operator-=(const Algebraic& b) { return *this = *this - b; }
  Algebraic& operator*=(const Algebraic& b) { return *this = *this * b; }

  friend bool operator==(const Algebraic& a, const Algebraic& b) { return compare(a, b) == 0; }
  friend bool operator!=(const Algebraic& a, const Algebraic& b) { return compare(a, b) != 0; }
  friend bool operator<(const Algebraic& a, const Algebraic& b) { return compare(a, b) < 0; }
  friend bool operator<=(const Algebraic& a, const Algebraic& b) { return compare(a, b) <= 0; }
  friend bool operator>(const Algebraic& a, const Algebraic& b) { return compare(a, b) > 0; }
  friend bool operator>=(const Algebraic& a, const Algebraic& b) { return compare(a, b) >= 0; }

  // Access for code that talks to Calcium directly (a qqbar_struct*).
  void* raw() { return impl_; }
  const void* raw() const { return impl_; }

 private:
  void* impl_;  // qqbar_struct, owned
};

std::ostream& operator<<(std::ostream& out, const Algebraic& a);

// Declared here too so that a qualified call, mechcheck::compare(a, b) (as Check::compare makes),
// finds Calcium's direct comparison rather than kind.hpp's generic sign(a - b): a subtraction of
// two algebraic numbers computes a new minimal polynomial, a comparison need not.
int compare(const Algebraic& a, const Algebraic& b);

// An algebraic number in another kind: Rational (only when rational, else throws),
// double and Mpfr (nearest at the working precision), Interval (a rigorous enclosure).
template <class T>
T algebraic_to(const Algebraic& a);

inline Algebraic NumberKind<Algebraic>::from_rational(const Rational& q) { return Algebraic(q); }
inline int NumberKind<Algebraic>::sign(const Algebraic& x) { return x.sign(); }
inline std::string NumberKind<Algebraic>::to_string(const Algebraic& x) { return x.to_string(); }

}  // namespace mechcheck
