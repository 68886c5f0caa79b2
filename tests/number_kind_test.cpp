// One conformance test over every number kind (Boost.Test's typed test cases): each satisfies the
// Number concept, carries the arithmetic label its verdicts inherit, agrees with exact rational
// arithmetic as its label promises (exact kinds equal, certified kinds never decide a wrong sign,
// numeric kinds close), and decides or refuses to decide a sign as its label promises.
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/number/numeric_state.hpp"
#include "mechcheck/number/rational_function.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <vector>

using namespace mechcheck;

namespace {

using Kinds = boost::mpl::list<Rational, Algebraic, RationalFunction, Interval, Mpfr, double>;

// The label each kind must carry: a verdict decided in it inherits this (Check::decided_in).
template <class T>
constexpr Arithmetic expected_label() {
  if constexpr (std::is_same_v<T, Interval>) return Arithmetic::certified;
  else if constexpr (std::is_same_v<T, Mpfr> || std::is_same_v<T, double>) return Arithmetic::numeric;
  else return Arithmetic::exact;
}

const std::vector<Rational> samples = {Rational(-7, 3), Rational(-1), Rational(-1, 1024), Rational(0),
                                       Rational(1, 3),  Rational(2),  Rational(22, 7),    Rational(1000001, 999)};

struct Operation {
  const char* name;
  std::function<Rational(const Rational&, const Rational&)> exact;
};
const std::vector<Operation> operations = {
    {"+", [](const Rational& a, const Rational& b) { return Rational(a + b); }},
    {"-", [](const Rational& a, const Rational& b) { return Rational(a - b); }},
    {"*", [](const Rational& a, const Rational& b) { return Rational(a * b); }},
    {"/", [](const Rational& a, const Rational& b) { return Rational(a / b); }},
};

template <class T>
T apply(const char* name, const T& a, const T& b) {
  switch (name[0]) {
    case '+':
      return T(a + b);
    case '-':
      return T(a - b);
    case '*':
      return T(a * b);
    default:
      return T(a / b);
  }
}

// Whether the kind's result x of an operation agrees with the exact result q as T's label promises.
template <class T>
bool agrees(const T& x, const Rational& q) {
  const T exact = from_rational<T>(q);
  if constexpr (expected_label<T>() == Arithmetic::exact) {
    return sign_of(T(x - exact)) == 0;
  } else if constexpr (expected_label<T>() == Arithmetic::certified) {
    // Never a wrong decision: the difference of two enclosures of q is 0 or undecidable.
    try {
      return sign_of(T(x - exact)) == 0;
    } catch (const Undecidable&) {
      return true;
    }
  } else {
    const double got = static_cast<double>(x), want = q.convert_to<double>();
    return std::abs(got - want) <= 1e-12 * std::max(1.0, std::abs(want));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(number_kind_conformance)

BOOST_AUTO_TEST_CASE_TEMPLATE(satisfies_the_concept_and_carries_its_label, T, Kinds) {
  static_assert(Number<T>);
  BOOST_TEST(std::string(NumberKind<T>::name).size() > 0);
  BOOST_TEST(to_string(NumberKind<T>::arithmetic) == to_string(expected_label<T>()));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(from_rational_keeps_the_sign, T, Kinds) {
  NumericScope scope(NumericState::standard());
  for (const Rational& q : samples)
    BOOST_TEST(sign_of(from_rational<T>(q)) == sign(q), NumberKind<T>::name << " " << q);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(field_operations_agree_with_exact_arithmetic_as_labelled, T, Kinds) {
  NumericScope scope(NumericState::standard());
  for (const Operation& op : operations)
    for (const Rational& a : samples)
      for (const Rational& b : samples) {
        if (op.name[0] == '/' && b == 0) continue;
        const T x = apply(op.name, from_rational<T>(a), from_rational<T>(b));
        BOOST_TEST(agrees(x, op.exact(a, b)), NumberKind<T>::name << ": " << a << " " << op.name << " " << b);
      }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(compare_is_antisymmetric_and_orders_distinct_samples, T, Kinds) {
  NumericScope scope(NumericState::standard());
  for (const Rational& a : samples)
    for (const Rational& b : samples) {
      if (a == b) continue;  // x - x is where the kinds differ (next test)
      const int ab = compare(from_rational<T>(a), from_rational<T>(b));
      BOOST_TEST(ab == (a < b ? -1 : 1), NumberKind<T>::name << " " << a << " vs " << b);
      BOOST_TEST(compare(from_rational<T>(b), from_rational<T>(a)) == -ab);
    }
}

// x - x for x = 1/3: an exact kind decides 0; a certified kind holds an enclosure of width > 0, so
// the difference straddles 0 and its sign is undecidable, never guessed; a numeric kind answers.
BOOST_AUTO_TEST_CASE_TEMPLATE(an_undecidable_sign_is_refused_exactly_when_the_label_is_certified, T, Kinds) {
  NumericScope scope(NumericState::standard());
  const T third = from_rational<T>(Rational(1, 3));
  const T difference = T(third - third);
  if constexpr (expected_label<T>() == Arithmetic::certified) {
    BOOST_CHECK_THROW(sign_of(difference), Undecidable);
    try {
      sign_of(difference);
    } catch (const Undecidable& e) {
      BOOST_TEST(to_string(e.arithmetic()) == "certified");
    }
  } else {
    BOOST_TEST(sign_of(difference) == 0);
  }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(prints_a_nonempty_text_and_exact_kinds_print_rationals_as_p_over_q, T, Kinds) {
  NumericScope scope(NumericState::standard());
  for (const Rational& q : samples) {
    const std::string text = NumberKind<T>::to_string(from_rational<T>(q));
    BOOST_TEST(!text.empty());
    if constexpr (expected_label<T>() == Arithmetic::exact) BOOST_TEST(text == to_string(q), NumberKind<T>::name);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(the_kinds_have_distinct_names) {
  const std::set<std::string> names = {
      NumberKind<Rational>::name, NumberKind<Algebraic>::name, NumberKind<RationalFunction>::name,
      NumberKind<Interval>::name, NumberKind<Mpfr>::name,      NumberKind<double>::name};
  BOOST_TEST(names.size() == 6u);
}

// A seeded defect the conformance test must catch: a "certified" kind that rounds to nearest
// (an Mpfr relabelled) decides x - y = 0 for distinct x, y closer than its precision.
BOOST_AUTO_TEST_CASE(a_kind_that_rounds_to_nearest_is_not_certified) {
  NumericScope scope(NumericState::standard());
  const Rational q = 1;
  Rational tiny = 1;
  for (int i = 0; i < 400; ++i) tiny /= 2;
  const Mpfr rounded = from_rational<Mpfr>(q + tiny);
  BOOST_TEST(sign_of(Mpfr(rounded - from_rational<Mpfr>(q))) == 0);  // wrong: q + tiny != q
  const Interval enclosed = from_rational<Interval>(q + tiny);
  BOOST_CHECK_THROW(sign_of(Interval(enclosed - from_rational<Interval>(q))), Undecidable);
}
