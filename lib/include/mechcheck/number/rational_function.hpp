#pragma once
// A symbolic number kind: elements of the field Q(x_1, ..., x_n) of multivariate rational
// functions with named variables (FLINT's fmpq_mpoly underneath, kept out of this header).
// Instantiating a generic formula with it evaluates the formula *as written in the code*
// symbolically, so an identity between two formulas can be proved for every instance at once:
// both sides are reduced fractions num/den, and they are equal iff the cleared numerator
// num_1 den_2 - num_2 den_1 is the zero polynomial.
// First used by the hw model (Lemma 1's identities).
#include "mechcheck/number/kind.hpp"

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck {

class RationalFunction {
 public:
  class Field;  // Q(x_1, ..., x_n) with the variables' names
  using FieldPtr = std::shared_ptr<const Field>;
  static FieldPtr make_field(std::vector<std::string> variable_names);

  RationalFunction();                          // 0
  RationalFunction(const Rational& constant);  // a constant, usable with any field
  RationalFunction(long long constant) : RationalFunction(Rational(constant)) {}
  static RationalFunction variable(const FieldPtr& field, std::size_t index);

  friend RationalFunction operator+(const RationalFunction& a, const RationalFunction& b);
  friend RationalFunction operator-(const RationalFunction& a, const RationalFunction& b);
  friend RationalFunction operator*(const RationalFunction& a, const RationalFunction& b);
  // Throws std::domain_error when b is the zero function.
  friend RationalFunction operator/(const RationalFunction& a, const RationalFunction& b);
  RationalFunction operator-() const;

  // Equality in the field (reduced forms are compared; equivalent to a zero cleared numerator).
  friend bool operator==(const RationalFunction& a, const RationalFunction& b);

  bool is_zero() const;
  std::optional<Rational> constant() const;  // the value when the function is constant

  // The polynomial num(a) den(b) - num(b) den(a): a = b iff it is 0 ("clear denominators").
  static RationalFunction cleared_numerator(const RationalFunction& a, const RationalFunction& b);

  RationalFunction numerator() const;  // of the reduced form (den has leading coefficient 1)
  RationalFunction denominator() const;

  // +1 (-1) when the numerator and the denominator of the reduced form each have all their
  // coefficients of one sign, the same (opposite) one: then the function is >= 0 (<= 0) at every
  // point of the nonnegative orthant where the denominator does not vanish. 0 for the zero
  // function; nullopt when the coefficients do not certify a sign.
  std::optional<int> orthant_sign_certificate() const;

  // The value at a point (one rational per variable of the field); throws std::domain_error
  // when the denominator vanishes there.
  Rational evaluate(const std::vector<Rational>& point) const;

  // "(num)/(den)" with the field's variable names, or "num" when den = 1.
  std::string to_string() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;  // null for a constant
  Rational constant_;                 // the value when impl_ is null
  explicit RationalFunction(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  friend struct RationalFunctionOps;
};

std::ostream& operator<<(std::ostream& out, const RationalFunction& f);  // f.to_string()

}  // namespace mechcheck

namespace mechcheck {

inline bool is_exactly_zero(const RationalFunction& x) { return x.is_zero(); }

template <>
struct NumberKind<RationalFunction> {
  static constexpr Arithmetic arithmetic = Arithmetic::exact;
  static constexpr const char* name = "rational function";
  static RationalFunction from_rational(const Rational& q) { return RationalFunction(q); }
  // Decided for constants only; the sign of a non-constant function is not a number's sign.
  static int sign(const RationalFunction& x);
  static std::string to_string(const RationalFunction& x) { return x.to_string(); }
};

}  // namespace mechcheck
