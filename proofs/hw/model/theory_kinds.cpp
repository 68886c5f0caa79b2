// The hw formulas that take numbers, written once and instantiated for every number kind
// (exact: Rational, Algebraic; certified: Interval; numeric: double, Mpfr).
#include "hw/model/theory.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <stdexcept>

namespace mechcheck::hw {
namespace {

template <class T>
T zero() {
  return from_rational<T>(Rational(0));
}

template <class T>
T positive_part(const T& x) {
  return sign_of(x) > 0 ? x : zero<T>();
}

template <class T>
const T& nonzero(const T& x, const char* what) {
  if (sign_of(x) == 0) throw std::domain_error(std::string("hw: ") + what + " = 0");
  return x;
}

template <class T>
std::vector<T> normalized(std::vector<T> w, const char* what) {
  T total = zero<T>();
  for (const auto& v : w) total = T(total + v);
  nonzero(total, what);
  for (auto& v : w) v = T(v / total);
  return w;
}

// base^e (e >= 0) by repeated squaring: O(log e) products, so a configuration of 10^6 agents
// (exponents sigma(x) of phi^sigma) costs a few dozen multiplications, not a million.
template <class T>
T power(const T& base, long long e) {
  T out = from_rational<T>(Rational(1));
  T square = base;
  for (; e > 0; e >>= 1) {
    if (e & 1) out = T(out * square);
    if (e > 1) square = T(square * square);
  }
  return out;
}

}  // namespace

template <class T>
std::vector<T> type_posterior(const Information& info, std::size_t x) {
  std::vector<T> w;
  for (std::size_t z = 0; z < info.state_count(); ++z)
    w.push_back(T(from_rational<T>(info.prior[z]) * from_rational<T>(info.mu[z][x])));
  return normalized(std::move(w), "P[x] (the type has probability 0)");
}

template <class T>
std::vector<T> configuration_posterior(const Information& info, const std::vector<long long>& sigma) {
  std::vector<T> w;
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    T v = from_rational<T>(info.prior[z]);
    for (std::size_t x = 0; x < info.type_count(); ++x) v = T(v * power(from_rational<T>(info.mu[z][x]), sigma[x]));
    w.push_back(v);
  }
  return normalized(std::move(w), "P[sigma] (the configuration has probability 0)");
}

template <class T>
std::vector<T> signal_posterior(const Information& info, std::size_t xbar, const std::vector<std::size_t>& block,
                                const std::vector<long long>& lambda_minus) {
  std::vector<T> w;
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    T v = T(from_rational<T>(info.prior[z]) * from_rational<T>(info.mu[z][xbar]));  // (29)
    for (std::size_t k = 0; k < lambda_minus.size(); ++k) {
      Rational m = 0;
      for (std::size_t x = 0; x < info.type_count(); ++x)
        if (block[x] == k) m += info.mu[z][x];
      v = T(v * power(from_rational<T>(m), lambda_minus[k]));
    }
    w.push_back(v);
  }
  return normalized(std::move(w), "the denominator of (29)");
}

template <class T>
Offer<T> beta_eq18(const T& qbar, const T& rbar, const Bundle<T>& x) {
  return {positive_part(T(qbar - x.q)), positive_part(T(rbar - x.r))};  // (18)
}

template <class T>
T price_eq20(const std::vector<T>& mass, const std::vector<Offer<T>>& beta, const Offer<T>& epsilon) {
  T num = epsilon.r, den = epsilon.q;
  for (std::size_t i = 0; i < mass.size(); ++i) {
    num = T(num + mass[i] * beta[i].r);
    den = T(den + mass[i] * beta[i].q);
  }
  return T(num / nonzero(den, "the denominator of (20)"));  // (20)
}

template <class T>
Bundle<T> continuum_bundle(const T& qbar, const T& rbar, const T& p, const Offer<T>& b) {
  return {T(qbar - b.q + b.r / nonzero(p, "the price")), T(rbar - b.r + p * b.q)};  // (2) with p2 = p
}

template <class T>
T clearing_gap_eq19(const T& p, const std::vector<T>& mass, const std::vector<Bundle<T>>& x, const T& qbar,
                    const Offer<T>& epsilon) {
  T lhs = T(epsilon.r / nonzero(p, "the price"));
  for (std::size_t i = 0; i < mass.size(); ++i) lhs = T(lhs + mass[i] * x[i].q);
  return T(lhs - qbar - epsilon.q);  // (19)
}

#define MECHCHECK_HW_THEORY_INSTANTIATE(T)                                                                      \
  template std::vector<T> type_posterior<T>(const Information&, std::size_t);                                   \
  template std::vector<T> configuration_posterior<T>(const Information&, const std::vector<long long>&);        \
  template std::vector<T> signal_posterior<T>(const Information&, std::size_t, const std::vector<std::size_t>&, \
                                              const std::vector<long long>&);                                   \
  template Offer<T> beta_eq18<T>(const T&, const T&, const Bundle<T>&);                                         \
  template T price_eq20<T>(const std::vector<T>&, const std::vector<Offer<T>>&, const Offer<T>&);               \
  template Bundle<T> continuum_bundle<T>(const T&, const T&, const T&, const Offer<T>&);                        \
  template T clearing_gap_eq19<T>(const T&, const std::vector<T>&, const std::vector<Bundle<T>>&, const T&,     \
                                  const Offer<T>&);

MECHCHECK_HW_THEORY_INSTANTIATE(Rational)
MECHCHECK_HW_THEORY_INSTANTIATE(Algebraic)
MECHCHECK_HW_THEORY_INSTANTIATE(double)
MECHCHECK_HW_THEORY_INSTANTIATE(Mpfr)
MECHCHECK_HW_THEORY_INSTANTIATE(Interval)

}  // namespace mechcheck::hw
