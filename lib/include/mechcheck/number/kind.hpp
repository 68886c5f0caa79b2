#pragma once
// The number-kind interface that generic formulas use. A kind T provides +, -, *, / and
// a specialization NumberKind<T> with:
//   static constexpr Arithmetic arithmetic;   exact / certified / numeric
//   static constexpr const char* name;
//   static T from_rational(const Rational&);  exact when exact, an enclosure when certified
//   static int sign(const T&);                -1/0/+1, throws Undecidable when it cannot decide
//   static std::string to_string(const T&);
// Specializations live in kind_double.hpp, kind_rational.hpp, kind_mpfr.hpp,
// kind_interval.hpp and kind_algebraic.hpp; include only the ones a file instantiates.
#include "mechcheck/number/arithmetic.hpp"
#include "mechcheck/number/rational.hpp"
#include "mechcheck/number/undecidable.hpp"

#include <concepts>
#include <string>

namespace mechcheck {

template <class T>
struct NumberKind;

// A number kind: a field's four operations and a complete NumberKind<T> as described above.
// Generic formulas and the checkers' decisions (Check::compare, Check::sign) take only kinds
// that satisfy it; tests/number_kind_test.cpp runs one conformance test over every kind.
template <class T>
concept Number = requires(const T& a, const T& b, const Rational& q) {
  { a + b } -> std::convertible_to<T>;
  { a - b } -> std::convertible_to<T>;
  { a* b } -> std::convertible_to<T>;
  { a / b } -> std::convertible_to<T>;
  { NumberKind<T>::arithmetic } -> std::convertible_to<Arithmetic>;
  { NumberKind<T>::name } -> std::convertible_to<const char*>;
  { NumberKind<T>::from_rational(q) } -> std::convertible_to<T>;
  { NumberKind<T>::sign(a) } -> std::same_as<int>;
  { NumberKind<T>::to_string(a) } -> std::convertible_to<std::string>;
};

template <Number T>
T from_rational(const Rational& q) {
  return NumberKind<T>::from_rational(q);
}

template <Number T>
int sign_of(const T& x) {
  return NumberKind<T>::sign(x);
}

// Three-way comparison decided in T's own arithmetic (throws Undecidable for
// overlapping intervals).
template <Number T>
int compare(const T& a, const T& b) {
  return NumberKind<T>::sign(T(a - b));
}

template <Number T>
bool less(const T& a, const T& b) {
  return compare(a, b) < 0;
}

template <Number T>
const T& max_of(const T& a, const T& b) {
  return compare(a, b) >= 0 ? a : b;
}

template <Number T>
const T& min_of(const T& a, const T& b) {
  return compare(a, b) <= 0 ? a : b;
}

}  // namespace mechcheck
