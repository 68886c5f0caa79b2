// The stage-2 market-game formulas, written once and instantiated for every number kind that
// uses them (exact: Rational, Algebraic; symbolic: RationalFunction; numeric: double; certified: Interval).
#include "hw/model/market_game.hpp"
#include "mechcheck/number/rational_function.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/kind_interval.hpp"

#include <stdexcept>
#include <string>

namespace mechcheck {
// Exact zero test for the algebraic kind (internal to this file; found by argument lookup).
static bool is_exactly_zero(const Algebraic& x) { return x.sign() == 0; }
// An enclosure is exactly zero only when it is the point 0; one that merely contains 0 is a
// denominator the formulas cannot certify as nonzero, and the division by it yields an unbounded
// enclosure, which callers see.
static bool is_exactly_zero(const Interval& x) { return lower_bound(x) == 0 && upper_bound(x) == 0; }
}  // namespace mechcheck

namespace mechcheck::hw {
namespace {

template <class T>
const T& nonzero(const T& x, const char* what) {
  if (is_exactly_zero(x))
    throw std::domain_error(std::string("hw stage-2 market: ") + what + " = 0, the market-game formulas are undefined");
  return x;
}

}  // namespace

template <class T>
Totals<T> others_totals(long long active_agents, const Offer<T>& epsilon, const std::vector<Offer<T>>& other_offers) {
  const T M = from_rational<T>(Rational(active_agents));
  Totals<T> totals{T(M * epsilon.q), T(M * epsilon.r)};
  for (const auto& b : other_offers) {
    totals.q = T(totals.q + b.q);
    totals.r = T(totals.r + b.r);
  }
  return totals;
}

template <class T>
T price(const Totals<T>& others, const Offer<T>& b) {
  const T Q = others.q + b.q;  // (3)
  const T R = others.r + b.r;
  return T(R / nonzero(Q, "Q = Q_- + b_q"));
}

template <class T>
Bundle<T> allocation(const T& qbar, const T& rbar, const Totals<T>& others, const Offer<T>& b) {
  const T p2 = price(others, b);
  nonzero(p2, "R = R_- + b_r");
  return {T(qbar - b.q + b.r / p2), T(rbar - b.r + p2 * b.q)};  // (2)
}

template <class T>
Bundle<T> allocation_closed_form(const T& qbar, const T& rbar, const Totals<T>& others, const Offer<T>& b) {
  const T& Qm = others.q;
  const T& Rm = others.r;
  const T q_den = Rm + b.r, r_den = Qm + b.q;
  return {T(qbar + (b.r * Qm - b.q * Rm) / nonzero(q_den, "R_- + b_r")),  // (11)
          T(rbar + (b.q * Rm - b.r * Qm) / nonzero(r_den, "Q_- + b_q"))};
}

template <class T>
T net_trade_numerator(const Totals<T>& others, const Offer<T>& b) {
  return T(b.r * others.q - b.q * others.r);
}

template <class T>
Bundle<T> sell_q_bundle(const T& qbar, const T& rbar, const Totals<T>& others, const T& b_q) {
  if (is_exactly_zero(b_q)) return {qbar, rbar};
  return {T(qbar - b_q), T(rbar + b_q * others.r / nonzero(T(others.q + b_q), "Q_- + b_q"))};  // L264
}

template <class T>
Bundle<T> sell_r_bundle(const T& qbar, const T& rbar, const Totals<T>& others, const T& b_r) {
  if (is_exactly_zero(b_r)) return {qbar, rbar};
  return {T(qbar + b_r * others.q / nonzero(T(others.r + b_r), "R_- + b_r")), T(rbar - b_r)};  // L268
}

#define MECHCHECK_HW_MARKET_INSTANTIATE(T)                                                             \
  template Totals<T> others_totals<T>(long long, const Offer<T>&, const std::vector<Offer<T>>&);       \
  template T price<T>(const Totals<T>&, const Offer<T>&);                                              \
  template Bundle<T> allocation<T>(const T&, const T&, const Totals<T>&, const Offer<T>&);             \
  template Bundle<T> allocation_closed_form<T>(const T&, const T&, const Totals<T>&, const Offer<T>&); \
  template T net_trade_numerator<T>(const Totals<T>&, const Offer<T>&);                                \
  template Bundle<T> sell_q_bundle<T>(const T&, const T&, const Totals<T>&, const T&);                 \
  template Bundle<T> sell_r_bundle<T>(const T&, const T&, const Totals<T>&, const T&);

MECHCHECK_HW_MARKET_INSTANTIATE(Rational)
MECHCHECK_HW_MARKET_INSTANTIATE(RationalFunction)
MECHCHECK_HW_MARKET_INSTANTIATE(double)
MECHCHECK_HW_MARKET_INSTANTIATE(Algebraic)
MECHCHECK_HW_MARKET_INSTANTIATE(Interval)

}  // namespace mechcheck::hw
