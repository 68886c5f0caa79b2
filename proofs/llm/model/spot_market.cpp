#include "llm/model/spot_market.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace mechcheck::llm {

std::vector<Rational> efficient_allocation(const Ranking& rank, const std::vector<Rational>& k) {
  std::vector<std::size_t> order(rank.size());
  std::iota(order.begin(), order.end(), 0);
  // Decreasing type; equal types in increasing index order (see the header on ties).
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rank[a] > rank[b]; });
  std::vector<Rational> q(rank.size(), Rational(0));
  Rational left = 1;
  for (std::size_t i : order) {
    if (rank[i] <= 0 || left == 0) break;  // nonpositive types value the good at <= 0
    q[i] = std::min(k[i], left);
    left -= q[i];
  }
  return q;
}

PiecewisePolynomial expectation_over_who_is_above_by_subsets(const Economy& e, const std::vector<std::size_t>& among,
                                                             const std::function<Rational(const Rational&)>& payoff) {
  // Common refinement of the CDFs' breaks.
  std::vector<Rational> breaks{e.lo, e.hi};
  for (std::size_t j : among) breaks = PiecewisePolynomial::merged_breaks(breaks, e.agents[j].cdf.breaks());
  const PiecewisePolynomial one = PiecewisePolynomial::constant(e.lo, e.hi, 1).refined(breaks);
  std::vector<PiecewisePolynomial> below, above;  // F_j and 1 - F_j
  for (std::size_t j : among) {
    below.push_back(e.agents[j].cdf.refined(breaks));
    above.push_back(one - below.back());
  }
  PiecewisePolynomial total = PiecewisePolynomial::constant(e.lo, e.hi, 0).refined(breaks);
  const std::size_t m = among.size();
  if (m > 20) throw std::length_error("expectation_over_who_is_above: more than 20 agents (2^m subsets)");
  for (unsigned long mask = 0; mask < (1ul << m); ++mask) {
    Rational k_above = 0;
    PiecewisePolynomial probability = one;
    for (std::size_t b = 0; b < m; ++b) {
      if (mask & (1ul << b)) {
        k_above += e.agents[among[b]].k;
        probability = probability * above[b];
      } else {
        probability = probability * below[b];
      }
    }
    Rational value = payoff(k_above);
    if (value != 0) total = total + probability * value;
  }
  return total;
}

namespace {

Integer choose(std::size_t n, std::size_t r) {
  Integer value = 1;
  for (std::size_t i = 1; i <= r; ++i) value = value * (n - r + i) / i;  // C(n - r + i, i), exactly
  return value;
}

bool same_function(const PiecewisePolynomial& a, const PiecewisePolynomial& b) {
  const PiecewisePolynomial difference = a - b;
  for (const auto& p : difference.pieces())
    if (!p.is_zero()) return false;
  return true;
}

}  // namespace

PiecewisePolynomial expectation_over_who_is_above(const Economy& e, const std::vector<std::size_t>& among,
                                                  const std::function<Rational(const Rational&)>& payoff) {
  // Agents with the same F_j and the same k_j form a class. By independence, the event "exactly the
  // agents of S are above p" has probability prod_{j in S} (1 - F_j) prod_{j not in S} F_j, which for
  // the agents of a class depends only on how many of them are in S; so does sum_{j in S} k_j. The
  // subsets with j_c agents of each class c are prod_c C(s_c, j_c) in number (s_c the class's size),
  // so the sum over subsets (expectation_over_who_is_above_by_subsets, the reference) equals
  //   sum over (j_c)_c of prod_c C(s_c, j_c) (1 - F_c)^{j_c} F_c^{s_c - j_c} * payoff(sum_c j_c k_c),
  // a sum of prod_c (s_c + 1) terms instead of 2^m. Exact rational arithmetic: the same polynomial.
  std::vector<std::size_t> representative, size;  // per class: an agent of it, its size
  for (std::size_t j : among) {
    std::size_t c = 0;
    while (c < representative.size() && !(e.agents[representative[c]].k == e.agents[j].k &&
                                          same_function(e.agents[representative[c]].cdf, e.agents[j].cdf)))
      ++c;
    if (c == representative.size()) {
      representative.push_back(j);
      size.push_back(0);
    }
    ++size[c];
  }
  std::vector<Rational> breaks{e.lo, e.hi};
  for (std::size_t j : among) breaks = PiecewisePolynomial::merged_breaks(breaks, e.agents[j].cdf.breaks());
  const PiecewisePolynomial one = PiecewisePolynomial::constant(e.lo, e.hi, 1).refined(breaks);
  unsigned long terms = 1;
  for (std::size_t s : size) {
    if (terms > (1ul << 20) / (s + 1))
      throw std::length_error("expectation_over_who_is_above: more than 2^20 counts of agents above");
    terms *= s + 1;
  }
  // below_power[c][x] = F_c^x and above_power[c][x] = (1 - F_c)^x for x = 0..s_c.
  std::vector<std::vector<PiecewisePolynomial>> below_power, above_power;
  for (std::size_t c = 0; c < representative.size(); ++c) {
    const PiecewisePolynomial below = e.agents[representative[c]].cdf.refined(breaks), above = one - below;
    below_power.push_back({one});
    above_power.push_back({one});
    for (std::size_t x = 1; x <= size[c]; ++x) {
      below_power[c].push_back(below_power[c].back() * below);
      above_power[c].push_back(above_power[c].back() * above);
    }
  }
  PiecewisePolynomial total = PiecewisePolynomial::constant(e.lo, e.hi, 0).refined(breaks);
  std::vector<std::size_t> count(representative.size(), 0);  // j_c: the agents of class c above p
  while (true) {
    Rational k_above = 0;
    for (std::size_t c = 0; c < count.size(); ++c) k_above += e.agents[representative[c]].k * count[c];
    const Rational value = payoff(k_above);
    if (value != 0) {
      PiecewisePolynomial probability = one;
      Rational subsets = 1;
      for (std::size_t c = 0; c < count.size(); ++c) {
        subsets *= Rational(choose(size[c], count[c]));
        probability = probability * above_power[c][count[c]] * below_power[c][size[c] - count[c]];
      }
      total = total + probability * (subsets * value);
    }
    std::size_t c = 0;
    while (c < count.size() && ++count[c] > size[c]) count[c++] = 0;
    if (c == count.size()) break;
  }
  return total;
}

PiecewisePolynomial interim_allocation(const Economy& e, std::size_t i) {
  std::vector<std::size_t> others;
  for (std::size_t j = 0; j < e.size(); ++j)
    if (j != i) others.push_back(j);
  const Rational k_i = e.agents[i].k;
  PiecewisePolynomial q = expectation_over_who_is_above(e, others, [&](const Rational& k_above) {
    Rational left = 1 - k_above;
    return left <= 0 ? Rational(0) : std::min(k_i, left);
  });
  if (e.lo < 0) {
    // A negative type is never served: q_i(t) = 0 for t < 0.
    auto breaks = PiecewisePolynomial::merged_breaks(q.breaks(), {e.lo, Rational(0), e.hi});
    q = q.refined(breaks);
    std::vector<RationalPolynomial> pieces = q.pieces();
    for (std::size_t j = 0; j < pieces.size(); ++j)
      if (breaks[j + 1] <= 0) pieces[j] = RationalPolynomial();
    q = PiecewisePolynomial(breaks, pieces);
  }
  return q;
}

std::vector<PiecewisePolynomial> interim_allocations(const Economy& e) {
  std::vector<PiecewisePolynomial> out;
  for (std::size_t i = 0; i < e.size(); ++i) out.push_back(interim_allocation(e, i));
  return out;
}

Rational rational_strictly_between(const Algebraic& x, const Algebraic& y) {
  if (!(x < y)) throw std::invalid_argument("rational_strictly_between: needs x < y");
  for (long bits = 64;; bits *= 2) {
    const Rational probe = (x.isolating_interval(bits).second + y.isolating_interval(bits).first) / 2;
    if (Algebraic(probe) > x && Algebraic(probe) < y) return probe;
  }
}

bool strictly_increasing(const RationalPolynomial& p, const Rational& a, const Rational& b) {
  const RationalPolynomial slope = p.derivative();
  if (slope.is_zero()) return false;
  std::vector<Algebraic> points{Algebraic(a)};
  for (auto& root : slope.real_roots(a, b)) points.push_back(root);
  points.emplace_back(b);
  for (std::size_t l = 0; l + 1 < points.size(); ++l)
    if (points[l] < points[l + 1] && slope(rational_strictly_between(points[l], points[l + 1])) <= 0) return false;
  return true;
}

Algebraic worst_off_type(const PiecewisePolynomial& q, const Algebraic& level,
                         const std::vector<Algebraic>& candidates) {
  // Lemma 1: min { t : q_i(t) >= level }. q_i is nondecreasing, so the first piece whose
  // right end reaches the level contains the minimum: at its left end when q_i jumps there
  // (it does at t = 0 when lo < 0: negative types are never served), else inside.
  for (std::size_t j = 0; j < q.piece_count(); ++j) {
    const Rational& a = q.breaks()[j];
    const Rational& b = q.breaks()[j + 1];
    if (Algebraic(q.pieces()[j](a)) >= level) return Algebraic(a);
    if (Algebraic(q.pieces()[j](b)) >= level) {
      // A candidate t in (a, b] with p(t) = level, on a piece p that is strictly increasing there,
      // is the only solution of p(t) = level in [a, b] (p(a) < level), so it is the minimum that
      // solutions_of below would find. One exact evaluation of p at t instead of the real roots
      // of minpoly(level) o p, of degree deg(level) deg(p).
      if (!candidates.empty() && strictly_increasing(q.pieces()[j], a, b))
        for (const auto& t : candidates)
          if (t > Algebraic(a) && t <= Algebraic(b) && q.pieces()[j](t) == level) return t;
      auto t = q.pieces()[j].solutions_of(level, a, b);
      if (!t || t->empty())
        throw std::logic_error("worst_off_type: no solution on the piece where q_i crosses the level");
      return t->front();
    }
  }
  throw std::invalid_argument("worst_off_type: the level " + level.to_string() + " exceeds q_i(hi)");
}

Algebraic common_worst_off_type(const Economy& e) {
  auto q = interim_allocations(e);
  PiecewisePolynomial sum = PiecewisePolynomial::constant(e.lo, e.hi, -1);
  for (const auto& qi : q) sum = sum + qi;
  std::vector<Algebraic> roots;
  for (std::size_t j = 0; j < sum.piece_count(); ++j) {
    if (sum.pieces()[j].is_zero())
      throw std::domain_error("sum_i q_i(t) = 1 on a whole interval: the common worst-off type is not unique");
    for (auto& r : sum.pieces()[j].real_roots(sum.breaks()[j], sum.breaks()[j + 1]))
      if (roots.empty() || roots.back() != r) roots.push_back(r);
  }
  if (roots.size() != 1)
    throw std::domain_error("sum_i q_i(t) = 1 has " + std::to_string(roots.size()) + " solutions in [lo, hi]");
  return roots.front();
}

std::vector<Algebraic> r_star(const Economy& e) {
  Algebraic hat = common_worst_off_type(e);
  std::vector<Algebraic> r;
  // The right limit: with lo < 0, q_i jumps at 0 (negative types are never served) and the
  // root of sum_i q_i = 1 can sit at the jump, on the right piece.
  for (const auto& qi : interim_allocations(e)) r.push_back(qi.right_limit(hat));
  return r;
}

std::vector<Algebraic> holdings(const Economy& e) {
  if (!e.holdings) return r_star(e);
  std::vector<Algebraic> r;
  for (const auto& x : *e.holdings) r.emplace_back(x);
  return r;
}

std::vector<Algebraic> outside_quantities(const Economy& e, const std::vector<Algebraic>& r) {
  std::vector<Algebraic> m;
  for (std::size_t i = 0; i < e.size(); ++i) m.push_back(std::min(r[i], Algebraic(e.agents[i].k)));
  return m;
}

std::vector<Algebraic> worst_off_types(const Economy& e, const std::vector<Algebraic>& r) {
  auto m = outside_quantities(e, r);
  std::vector<Algebraic> hat;
  // The worst-off types found so far are candidates for the next agents (worst_off_type verifies
  // a candidate exactly): at r* they are all equal, and each check replaces a root isolation.
  for (std::size_t i = 0; i < e.size(); ++i) hat.push_back(worst_off_type(interim_allocation(e, i), m[i], hat));
  return hat;
}

// ---- expected surplus -----------------------------------------------------------------

Algebraic expected_surplus_eq11(const Economy& e, const std::vector<Algebraic>& r) {
  auto m = outside_quantities(e, r);
  auto hat = worst_off_types(e, r);
  Algebraic total = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    PiecewisePolynomial q = interim_allocation(e, i);
    PiecewisePolynomial q_integral = q.integral_from_lo();
    // G_i(t) = q_i(t) t - int_lo^t q_i, and E[G_i(theta_i)] = int G_i dF_i.
    PiecewisePolynomial g = q.times_polynomial(RationalPolynomial::identity()) - q_integral;
    Rational expectation = (g * e.agents[i].cdf.derivative()).integral();
    total += Algebraic(expectation) + q_integral(hat[i]) - hat[i] * m[i];
  }
  return total;
}

namespace {

// int_a^b h(p) dp for 0 <= a <= b <= hi, where h is `g` on [lo, hi] and equals `below` on
// [0, lo) (all types exceed p there).
Algebraic layer_integral(const Economy& e, const PiecewisePolynomial& g, const Rational& below, const Algebraic& a,
                         const Algebraic& b) {
  const Algebraic floor_lo(std::max(e.lo, Rational(0)));
  const PiecewisePolynomial g_integral = g.integral_from_lo();
  Algebraic constant_part = (std::min(b, floor_lo) - std::min(a, floor_lo)) * Algebraic(below);
  return constant_part + g_integral(std::max(b, floor_lo)) - g_integral(std::max(a, floor_lo));
}

Rational capped(const Rational& x) { return std::min(Rational(1), x); }

}  // namespace

Algebraic expected_welfare(const Economy& e) {
  std::vector<std::size_t> all(e.size());
  std::iota(all.begin(), all.end(), 0);
  Rational k_total = 0;
  for (const auto& a : e.agents) k_total += a.k;
  PiecewisePolynomial g = expectation_over_who_is_above(e, all, capped);
  return layer_integral(e, g, capped(k_total), Algebraic(0), Algebraic(e.hi));
}

Algebraic expected_welfare_with_type(const Economy& e, std::size_t i, const Algebraic& t) {
  std::vector<std::size_t> others;
  Rational k_others = 0;
  for (std::size_t j = 0; j < e.size(); ++j)
    if (j != i) {
      others.push_back(j);
      k_others += e.agents[j].k;
    }
  const Rational k_i = e.agents[i].k;
  // While p < t agent i is above p and adds k_i; above t it does not.
  auto g_with = expectation_over_who_is_above(e, others, [&](const Rational& s) { return capped(k_i + s); });
  auto g_without = expectation_over_who_is_above(e, others, capped);
  Algebraic t_plus = std::max(t, Algebraic(0));
  return layer_integral(e, g_with, capped(k_i + k_others), Algebraic(0), t_plus) +
         layer_integral(e, g_without, capped(k_others), t_plus, Algebraic(e.hi));
}

Algebraic expected_surplus_by_integration(const Economy& e, const std::vector<Algebraic>& r) {
  auto m = outside_quantities(e, r);
  auto hat = worst_off_types(e, r);
  // E[Pi] = sum_i E[W(hat_i, theta_-i)] - (n-1) E[W(theta)] - sum_i min(r_i,k_i) hat_i  (eq. 2)
  Algebraic total = -Algebraic(Rational(static_cast<long>(e.size()) - 1)) * expected_welfare(e);
  for (std::size_t i = 0; i < e.size(); ++i) total += expected_welfare_with_type(e, i, hat[i]) - m[i] * hat[i];
  return total;
}

}  // namespace mechcheck::llm

namespace mechcheck::llm {

unsigned long long VertexGrid::point_count() const {
  unsigned long long count = 1;
  for (std::size_t i = 0; i < dimension; ++i) {
    if (count > (~0ull) / constants.size()) return ~0ull;
    count *= constants.size();
  }
  return count;
}

VertexGrid vertex_grid(const Economy& e, const std::vector<Algebraic>& r, const std::vector<Rational>& extra) {
  VertexGrid grid;
  grid.dimension = e.size();
  grid.k = e.max_demands();
  grid.outside = outside_quantities(e, r);
  auto hat = worst_off_types(e, r);
  std::vector<Algebraic> constants{Algebraic(e.lo), Algebraic(e.hi)};
  if (e.lo < 0) constants.emplace_back(0);
  for (const auto& h : hat) constants.push_back(h);
  for (const auto& x : extra) constants.emplace_back(x);
  std::sort(constants.begin(), constants.end());
  constants.erase(std::unique(constants.begin(), constants.end()), constants.end());
  grid.constants = constants;
  grid.constant_rank = rank_values(constants);
  for (const auto& h : hat)
    grid.hat_index.push_back(
        static_cast<std::size_t>(std::lower_bound(constants.begin(), constants.end(), h) - constants.begin()));
  return grid;
}

Algebraic budget_surplus_at(const VertexGrid& grid, const std::vector<std::size_t>& point) {
  std::vector<Algebraic> theta, hat;
  Ranking theta_rank, hat_rank;
  for (std::size_t i = 0; i < grid.dimension; ++i) {
    theta.push_back(grid.constants[point[i]]);
    theta_rank.push_back(grid.constant_rank[point[i]]);
    hat.push_back(grid.constants[grid.hat_index[i]]);
    hat_rank.push_back(grid.constant_rank[grid.hat_index[i]]);
  }
  return budget_surplus(theta, theta_rank, hat, hat_rank, grid.k, grid.outside);
}

}  // namespace mechcheck::llm

namespace mechcheck::llm {

Algebraic interim_payoff_vcg(const Economy& e, std::size_t i, const Algebraic& m, const Algebraic& hat,
                             const Algebraic& t) {
  // q_i(t) t - t_i(t) - m t with t_i(t) = q_i(t) t - E[W(t, .)] + E[W(hat, .)] - m hat: the q_i(t) t
  // terms cancel, leaving welfare differences only.
  return expected_welfare_with_type(e, i, t) - expected_welfare_with_type(e, i, hat) - m * (t - hat);
}

Algebraic interim_payoff_envelope(const PiecewisePolynomial& q_i, const Algebraic& m, const Algebraic& hat,
                                  const Algebraic& t) {
  const PiecewisePolynomial integral = q_i.integral_from_lo();
  return integral(t) - integral(hat) - m * (t - hat);
}

}  // namespace mechcheck::llm
