// The centralized forward market (Section 4.2) and its aggregate-uncertainty version (5.1).
#include "llm/model/forward_market.hpp"

#include <algorithm>
#include <stdexcept>

namespace mechcheck::llm {

Economy with_common_demand(const Economy& e, const Rational& k) {
  Economy out = e;
  for (auto& a : out.agents) a.k = k;
  out.aggregate.reset();
  return out;
}

std::vector<Economy> state_economies(const Economy& e) {
  std::vector<Economy> out;
  if (e.aggregate)
    for (const auto& s : *e.aggregate) out.push_back(with_common_demand(e, s.k));
  return out;
}

SpotValue spot_value(const Economy& e, std::size_t i) {
  SpotValue v;
  const PiecewisePolynomial& f = e.agents[i].cdf;
  v.q = interim_allocation(e, i);
  v.q_integral = v.q.integral_from_lo();
  v.fq_integral = (f * v.q).integral_from_lo();
  v.tail = (v.q - f * v.q).integral();
  v.k = e.agents[i].k;
  v.lo = e.lo;
  v.hi = e.hi;
  v.mean_type = e.hi - f.integral();
  return v;
}

namespace {

Algebraic clamp_holding(const SpotValue& v, const Algebraic& x) {
  if (x.sign() <= 0) return Algebraic(0);
  const Algebraic k(v.k);
  return x > k ? k : x;
}

}  // namespace

Algebraic worst_off_type_at(const SpotValue& v, const Algebraic& x) { return worst_off_type(v.q, clamp_holding(v, x)); }

Algebraic spot_payoff(const SpotValue& v, const Algebraic& x) {
  const Algebraic r = clamp_holding(v, x);
  const Algebraic hat = worst_off_type(v.q, r);
  // int_hat^hi (1 - F) q = tail - int_lo^hat (1 - F) q = tail - (Q(hat) - FQ(hat)).
  const Algebraic fq = v.fq_integral(hat);
  return r * hat - fq + (Algebraic(v.tail) - (v.q_integral(hat) - fq));
}

Algebraic KinkedPricing::operator()(const Algebraic& y) const { return p0 + (y.sign() < 0 ? below : above) * y; }

Algebraic KinkedPricing::integral(const Algebraic& a, const Algebraic& b) const {
  // Antiderivative A(y) = p0 y + s(y) y^2 / 2, continuous at the kink y = 0.
  auto anti = [&](const Algebraic& y) {
    return p0 * y + (y.sign() < 0 ? below : above) * y * y * Algebraic(Rational(1, 2));
  };
  return anti(b) - anti(a);
}

namespace {

// Calls visit(t, g(t), x = q_j(t)) at the candidate extrema of g = s q - t on [a, b]: the ends
// of every piece's part of [a, b] (one-sided values) and the roots of g' inside.
template <class Visit>
bool scan_candidates(const SpotValue& v, const Rational& s, const Algebraic& a, const Algebraic& b, Visit visit) {
  const auto& breaks = v.q.breaks();
  for (std::size_t j = 0; j < v.q.piece_count(); ++j) {
    const Algebraic bj(breaks[j]), bj1(breaks[j + 1]);
    const Algebraic from = std::max(a, bj), to = std::min(b, bj1);
    if (from > to) continue;
    const RationalPolynomial& q = v.q.pieces()[j];
    const RationalPolynomial g = q * s - RationalPolynomial::identity();
    std::vector<Algebraic> ts{from, to};
    const RationalPolynomial dg = g.derivative();
    if (!dg.is_zero() && !dg.is_constant())
      for (const auto& t : dg.real_roots(breaks[j], breaks[j + 1]))
        if (t > from && t < to) ts.push_back(t);
    for (const auto& t : ts)
      if (visit(t, g(t), q(t))) return true;
  }
  return false;
}

}  // namespace

std::optional<Algebraic> left_side_violation(const SpotValue& v, const Rational& s, const Algebraic& hat_theta,
                                             const Algebraic& r, const Algebraic& x_from, bool strict) {
  if (!(x_from < r)) return std::nullopt;
  const Algebraic a = worst_off_type_at(v, x_from);
  const Algebraic c = Algebraic(s) * r - hat_theta;
  std::optional<Algebraic> bad;
  scan_candidates(v, s, a, hat_theta, [&](const Algebraic& t, const Algebraic& g, const Algebraic& x) {
    const bool fails = strict ? (t < hat_theta && g >= c) : g > c;
    if (fails) bad = std::max(x, x_from);
    return fails;
  });
  return bad;
}

std::optional<Algebraic> right_side_violation(const SpotValue& v, const Rational& s, const Algebraic& hat_theta,
                                              const Algebraic& r, const Algebraic& x_to) {
  if (!(x_to > r)) return std::nullopt;
  const Algebraic b = worst_off_type_at(v, x_to);
  const Algebraic c = Algebraic(s) * r - hat_theta;
  std::optional<Algebraic> bad;
  scan_candidates(v, s, hat_theta, b, [&](const Algebraic& t, const Algebraic& g, const Algebraic& x) {
    const bool fails = t > hat_theta && g <= c;
    if (fails) bad = std::min(x, x_to);
    return fails;
  });
  return bad;
}

std::vector<Algebraic> ForwardMarket::excess() const {
  std::vector<Algebraic> d;
  for (std::size_t i = 0; i < size(); ++i) d.push_back(Algebraic(endowments[i]) - target[i]);
  return d;
}

ForwardMarket forward_market(const Economy& e, const std::vector<Rational>& endowments) {
  ForwardMarket m;
  for (std::size_t i = 0; i < e.size(); ++i) m.agents.push_back(spot_value(e, i));
  m.endowments = endowments;
  m.target = r_star(e);
  m.hat_theta = common_worst_off_type(e);
  return m;
}

namespace {

std::string agent_name(std::size_t i) { return "agent " + std::to_string(i + 1); }

}  // namespace

std::optional<std::string> single_crossing_failure(const ForwardMarket& m, const Rational& below,
                                                   const Rational& above) {
  for (std::size_t i = 0; i < m.size(); ++i) {
    const auto& v = m.agents[i];
    if (auto x = left_side_violation(v, below, m.hat_theta, m.target[i], Algebraic(0), false))
      return agent_name(i) + ": hat_i(x) < P(x - r*_i) at x = " + x->to_string(12) + " < r*_i";
    if (auto x = right_side_violation(v, above, m.hat_theta, m.target[i], Algebraic(v.k)))
      return agent_name(i) + ": hat_i(x) >= P(x - r*_i) at x = " + x->to_string(12) + " > r*_i";
    // Above k_i the marginal value of a holding is 0 <= hat_theta <= P(y), strictly once above > 0.
    if (above == 0 && m.target[i] < Algebraic(1) && m.hat_theta.sign() <= 0)
      return agent_name(i) + ": P = 0 = marginal value above r*_i";
  }
  return std::nullopt;
}

std::optional<std::string> family_failure(const ForwardMarket& m, const Rational& below, const Rational& above) {
  const auto d = m.excess();
  const Algebraic ymin = *std::min_element(d.begin(), d.end()), ymax = *std::max_element(d.begin(), d.end());
  for (std::size_t j = 0; j < m.size(); ++j) {
    const auto& v = m.agents[j];
    const Algebraic r = m.target[j];
    const Algebraic x_from = std::max(Algebraic(0), ymin + r), x_to = std::min(Algebraic(v.k), ymax + r);
    if (auto x = left_side_violation(v, below, m.hat_theta, r, x_from, true))
      return "P(y) >= hat_" + std::to_string(j + 1) + "(y + r*_" + std::to_string(j + 1) +
             ") >= delta(y) at y = " + (*x - r).to_string(12) + " < 0";
    if (auto x = right_side_violation(v, above, m.hat_theta, r, x_to))
      return "P(y) <= hat_" + std::to_string(j + 1) + "(y + r*_" + std::to_string(j + 1) +
             ") <= delta(y) at y = " + (*x - r).to_string(12) + " > 0";
  }
  return std::nullopt;
}

std::optional<Rational> doubling_search(const std::function<bool(const Rational&)>& passes) {
  for (Rational s(1, 8); s <= Rational(1 << 20); s *= 2)
    if (passes(s)) return s;
  return std::nullopt;
}

Algebraic forward_payoff(const ForwardMarket& m, const KinkedPricing& p, std::size_t i, const Algebraic& x) {
  const Algebraic d = Algebraic(m.endowments[i]) - m.target[i];
  return spot_payoff(m.agents[i], x) - p.integral(d, x - m.target[i]);
}

Algebraic forward_budget(const ForwardMarket& m, const KinkedPricing& p) {
  Algebraic total = 0;
  for (const auto& d : m.excess()) total += p.integral(d, Algebraic(0));
  return total;
}

Algebraic forward_budget_by_decomposition(const ForwardMarket& m, const KinkedPricing& p) {
  Algebraic left = 0, right = 0;
  for (const auto& d : m.excess()) (d.sign() < 0 ? left : right) += d * d;
  return -(p.below * left + p.above * right) * Algebraic(Rational(1, 2));
}

Algebraic family_budget_bound(const ForwardMarket& m) {
  Algebraic total = 0;
  for (std::size_t i = 0; i < m.size(); ++i) {
    const auto& v = m.agents[i];
    const Algebraic c = Algebraic(std::min(m.endowments[i], v.k));
    total -= spot_payoff(v, c) - spot_payoff(v, m.target[i]) - m.hat_theta * (c - m.target[i]);
  }
  return total;
}

Algebraic ex_ante_surplus(const ForwardMarket& m, const KinkedPricing& p, std::size_t i) {
  const auto& v = m.agents[i];
  const Algebraic d = Algebraic(m.endowments[i]) - m.target[i];
  return spot_payoff(v, m.target[i]) - p.integral(d, Algebraic(0)) -
         Algebraic(std::min(v.k, m.endowments[i]) * v.mean_type);
}

}  // namespace mechcheck::llm
