// The spot-market formulas that take numbers, written once and instantiated for every
// number kind (exact: Rational, Algebraic; certified: Interval; numeric: double, Mpfr).
#include "llm/model/spot_market.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <algorithm>
#include <numeric>

namespace mechcheck::llm {

template <class T>
Ranking rank_values(const std::vector<T>& values) {
  // Sort the indices by value (comparisons in T), then give equal values equal ranks and
  // shift so that rank 0 is the value 0.
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return compare(values[a], values[b]) < 0; });
  Ranking rank(values.size());
  long current = 0;
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    if (pos > 0 && compare(values[order[pos]], values[order[pos - 1]]) != 0) current += 2;
    rank[order[pos]] = current;
  }
  // Ranks are even; a value's sign decides where 0 sits (odd gaps keep the order strict).
  long zero_rank = 0;
  bool found = false;
  for (std::size_t pos = 0; pos < order.size() && !found; ++pos) {
    int s = sign_of(values[order[pos]]);
    if (s == 0) {
      zero_rank = rank[order[pos]];
      found = true;
    } else if (s > 0) {
      zero_rank = rank[order[pos]] - 1;
      found = true;
    }
  }
  if (!found) zero_rank = current + 1;
  for (auto& r : rank) r -= zero_rank;
  return rank;
}

template <class T>
T welfare(const std::vector<T>& theta, const Ranking& rank, const std::vector<Rational>& k) {
  std::vector<Rational> q = efficient_allocation(rank, k);
  T total = from_rational<T>(Rational(0));
  for (std::size_t i = 0; i < theta.size(); ++i)
    if (q[i] != 0) total = T(total + theta[i] * from_rational<T>(q[i]));
  return total;
}

template <class T>
T budget_surplus(const std::vector<T>& theta, const Ranking& theta_rank, const std::vector<T>& hat,
                 const Ranking& hat_rank, const std::vector<Rational>& k, const std::vector<T>& outside) {
  const std::size_t n = theta.size();
  T surplus = from_rational<T>(Rational(0));
  std::vector<T> profile = theta;
  Ranking profile_rank = theta_rank;
  for (std::size_t i = 0; i < n; ++i) {
    // W(hat_i, theta_-i)
    profile[i] = hat[i];
    profile_rank[i] = hat_rank[i];
    surplus = T(surplus + welfare(profile, profile_rank, k));
    profile[i] = theta[i];
    profile_rank[i] = theta_rank[i];
  }
  surplus = T(surplus - welfare(theta, theta_rank, k) * from_rational<T>(Rational(static_cast<long>(n) - 1)));
  for (std::size_t i = 0; i < n; ++i) surplus = T(surplus - outside[i] * hat[i]);
  return surplus;
}

template <class T>
T vcg_transfer(const std::vector<T>& theta, const Ranking& theta_rank, std::size_t i, const T& hat_i, long hat_rank_i,
               const std::vector<Rational>& k, const T& outside_i) {
  const Rational q_i = efficient_allocation(theta_rank, k)[i];
  std::vector<T> at_hat = theta;
  Ranking at_hat_rank = theta_rank;
  at_hat[i] = hat_i;
  at_hat_rank[i] = hat_rank_i;
  return T(theta[i] * from_rational<T>(q_i) - welfare(theta, theta_rank, k) + welfare(at_hat, at_hat_rank, k) -
           outside_i * hat_i);
}

#define MECHCHECK_LLM_INSTANTIATE(T)                                                                         \
  template Ranking rank_values<T>(const std::vector<T>&);                                                    \
  template T welfare<T>(const std::vector<T>&, const Ranking&, const std::vector<Rational>&);                \
  template T budget_surplus<T>(const std::vector<T>&, const Ranking&, const std::vector<T>&, const Ranking&, \
                               const std::vector<Rational>&, const std::vector<T>&);                         \
  template T vcg_transfer<T>(const std::vector<T>&, const Ranking&, std::size_t, const T&, long,             \
                             const std::vector<Rational>&, const T&);

MECHCHECK_LLM_INSTANTIATE(Rational)
MECHCHECK_LLM_INSTANTIATE(Algebraic)
MECHCHECK_LLM_INSTANTIATE(double)
MECHCHECK_LLM_INSTANTIATE(Mpfr)
MECHCHECK_LLM_INSTANTIATE(Interval)

}  // namespace mechcheck::llm

namespace mechcheck::llm {

template <class T>
GridScan<T> scan_vertex_grid(const VertexGrid& grid, const std::function<void(double)>& progress) {
  const std::size_t n = grid.dimension, m = grid.constants.size();
  std::vector<T> constant_value;
  for (const auto& c : grid.constants) constant_value.push_back(algebraic_to<T>(c));
  std::vector<T> outside;
  for (const auto& o : grid.outside) outside.push_back(algebraic_to<T>(o));
  std::vector<T> hat;
  Ranking hat_rank;
  for (std::size_t i = 0; i < n; ++i) {
    hat.push_back(constant_value[grid.hat_index[i]]);
    hat_rank.push_back(grid.constant_rank[grid.hat_index[i]]);
  }
  GridScan<T> scan;
  std::vector<std::size_t> point(n, 0);
  std::vector<T> theta(n, constant_value[0]);
  Ranking theta_rank(n, grid.constant_rank[0]);
  const unsigned long long total = grid.point_count();
  unsigned long long visited = 0;
  while (true) {
    for (std::size_t i = 0; i < n; ++i) {
      theta[i] = constant_value[point[i]];
      theta_rank[i] = grid.constant_rank[point[i]];
    }
    T value = budget_surplus(theta, theta_rank, hat, hat_rank, grid.k, outside);
    try {
      int s = sign_of(value);
      (s < 0 ? scan.negative : s == 0 ? scan.zero : scan.positive)++;
    } catch (const Undecidable&) {
      ++scan.undecided;
    }
    try {
      if (!scan.minimum || compare(value, *scan.minimum) < 0) {
        scan.minimum = value;
        scan.argmin = point;
      }
    } catch (const Undecidable&) {
      // Overlapping enclosures: the minimum is tracked among decided comparisons only.
    }
    ++visited;
    if (progress && (visited & 1023) == 0) progress(double(visited) / double(total));
    // Next point of the grid {0..m-1}^n (odometer).
    std::size_t i = 0;
    while (i < n && ++point[i] == m) point[i++] = 0;
    if (i == n) break;
  }
  return scan;
}

template GridScan<Algebraic> scan_vertex_grid<Algebraic>(const VertexGrid&, const std::function<void(double)>&);
template GridScan<Interval> scan_vertex_grid<Interval>(const VertexGrid&, const std::function<void(double)>&);
template GridScan<double> scan_vertex_grid<double>(const VertexGrid&, const std::function<void(double)>&);
template GridScan<Mpfr> scan_vertex_grid<Mpfr>(const VertexGrid&, const std::function<void(double)>&);

}  // namespace mechcheck::llm
