#pragma once
#include "mechcheck/number/kind.hpp"

namespace mechcheck {

template <>
struct NumberKind<Rational> {
  static constexpr Arithmetic arithmetic = Arithmetic::exact;
  static constexpr const char* name = "rational";
  static Rational from_rational(const Rational& q) { return q; }
  static int sign(const Rational& x) { return mechcheck::sign(x); }
  static std::string to_string(const Rational& x) { return mechcheck::to_string(x); }
};

}  // namespace mechcheck
