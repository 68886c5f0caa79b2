#pragma once
#include "mechcheck/number/kind.hpp"
#include <string>

namespace mechcheck {

inline bool is_exactly_zero(double x) { return x == 0; }  // the float itself, not the number it stands for

template <>
struct NumberKind<double> {
  static constexpr Arithmetic arithmetic = Arithmetic::numeric;
  static constexpr const char* name = "double";
  static double from_rational(const Rational& q) { return q.convert_to<double>(); }
  static int sign(double x) { return (x > 0) - (x < 0); }
  static std::string to_string(double x);
};

}  // namespace mechcheck
