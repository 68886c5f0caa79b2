// G*'s expected utilities, written once and instantiated for every number kind.
#include "mat/model/mechanism.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <type_traits>

namespace mechcheck::mat {

template <class T>
std::vector<T> utility_table(const Economy& e, int trader) {
  const int prices = e.grid.price_count();
  std::vector<T> table;
  table.reserve(static_cast<std::size_t>(e.grid.bundle_count()) * prices);
  for (int b = 0; b < e.grid.bundle_count(); ++b)
    for (int p = 0; p < prices; ++p) table.push_back(from_rational<T>(e.utility(trader, b, p)));
  return table;
}

// g(m)(a) = rho_1 (1 - eps) / (N! (T+1)^k) + rho_2 eps / (N! (T+1)^k); Rule 1 does not read p,
// so its (T+1)^k copies of each phi are counted once with weight (1 - eps) / N!.
template <class T>
LotteryWeights<T> lottery_weights(const Economy& e, std::uint64_t permutations) {
  const Rational N = Rational(permutations);
  const T w1 = from_rational<T>((1 - e.epsilon) / N);
  const T w2 = from_rational<T>(e.epsilon / (N * e.grid.price_count()));
  return {w1, w2};
}

namespace {
// A count in T. For double the integer itself: every count is at most N! |P| <= 12! 10^6 < 2^53,
// so static_cast<double> is exact and equals from_rational<double>(Rational(count)) without the mpq.
template <class T>
T count_in(std::uint64_t count) {
  if constexpr (std::is_same_v<T, double>) return static_cast<double>(count);
  else return from_rational<T>(Rational(count));
}
}  // namespace

template <class T>
T expected_utility(const OutcomeCounts& counts, const std::vector<T>& utilities, const LotteryWeights<T>& weights) {
  T rule1 = from_rational<T>(Rational(0)), rule2 = rule1;
  for (std::size_t c = 0; c < utilities.size(); ++c) {
    if (counts.rule1[c]) rule1 += count_in<T>(counts.rule1[c]) * utilities[c];
    if (counts.rule2[c]) rule2 += count_in<T>(counts.rule2[c]) * utilities[c];
  }
  return weights.rule1 * rule1 + weights.rule2 * rule2;
}

template <class T>
T expected_utility(const Economy& e, const OutcomeCounts& counts, const std::vector<T>& utilities) {
  return expected_utility<T>(counts, utilities, lottery_weights<T>(e, counts.permutations));
}

#define MECHCHECK_MAT_KIND(T)                                                                            \
  template std::vector<T> utility_table<T>(const Economy&, int);                                         \
  template LotteryWeights<T> lottery_weights<T>(const Economy&, std::uint64_t);                          \
  template T expected_utility<T>(const OutcomeCounts&, const std::vector<T>&, const LotteryWeights<T>&); \
  template T expected_utility<T>(const Economy&, const OutcomeCounts&, const std::vector<T>&);
MECHCHECK_MAT_KIND(Rational)
MECHCHECK_MAT_KIND(double)
MECHCHECK_MAT_KIND(Mpfr)
MECHCHECK_MAT_KIND(Interval)
#undef MECHCHECK_MAT_KIND

}  // namespace mechcheck::mat
