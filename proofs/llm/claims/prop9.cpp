// llm.prop9 — Proposition 9 (Section 5.3, proof in Appendix A.8): with holdings restricted to
// r_i <= k_i (r in Delta(k)), r* maximizes the expected budget surplus of the spot market.
//
// Also home of the revenue pieces shared with llm.prop10 (llm/claims/revenue.hpp):
// eq. (11) split by agent, the simplex grids of holdings and certified grid maxima.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/revenue.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace mechcheck::proofs::revenue {

using namespace mechcheck::llm;

// ---- eq. (11) by agent ----------------------------------------------------------------

SurplusTerms::SurplusTerms(const Economy& e) : lo_(e.lo), hi_(e.hi), exogenous_(0) {
  for (std::size_t i = 0; i < e.size(); ++i) {
    k_.push_back(e.agents[i].k);
    q_.push_back(interim_allocation(e, i));
    // q_i nondecreasing (exact), on every piece and across every break: Lemma 1's worst-off
    // types, the hint verification and the concavity of phi_i all rest on it.
    const PiecewisePolynomial& q = q_.back();
    bool monotone = !q.first_decreasing_piece();
    for (std::size_t j = 0; j + 1 < q.piece_count() && monotone; ++j)
      monotone = q.pieces()[j](q.breaks()[j + 1]) <= q.pieces()[j + 1](q.breaks()[j + 1]);
    if (!monotone) throw std::logic_error("q_" + std::to_string(i + 1) + " is not nondecreasing");
    q_integral_.push_back(q.integral_from_lo());
    // E[q_i(theta_i) theta_i - int_lo^theta_i q_i] = int (t q_i(t) - int_lo^t q_i) dF_i(t).
    const PiecewisePolynomial g = q_.back().times_polynomial(RationalPolynomial::identity()) - q_integral_.back();
    exogenous_ += (g * e.agents[i].cdf.derivative()).integral();
  }
}

namespace {

// Is t0 = min{t : q(t) >= m} (right limits at jumps, as worst_off_type)? q is nondecreasing.
bool is_first_reaching(const PiecewisePolynomial& q, const Algebraic& m, const Algebraic& t0, const Rational& lo,
                       const Rational& hi) {
  if (t0 < Algebraic(lo) || t0 > Algebraic(hi)) return false;
  if (q.right_limit(t0) < m) return false;
  if (t0 == Algebraic(lo)) return true;
  const RationalPolynomial& left = q.pieces()[q.piece_index(t0)];  // the piece ending at or containing t0
  const Algebraic left_value = left(t0);
  return left_value < m || (left_value == m && !left.is_constant());
}

}  // namespace

Algebraic SurplusTerms::worst_off(std::size_t i, const Algebraic& x, const std::optional<Algebraic>& hint) const {
  if (x.sign() < 0) throw std::invalid_argument("SurplusTerms: negative holdings " + x.to_string());
  const Algebraic m = std::min(x, Algebraic(k_[i]));
  if (hint && is_first_reaching(q_[i], m, *hint, lo_, hi_)) return *hint;
  return worst_off_type(q_[i], m);
}

Algebraic SurplusTerms::term(std::size_t i, const Algebraic& x, const std::optional<Algebraic>& hint) const {
  const Algebraic m = std::min(x, Algebraic(k_[i]));
  const Algebraic hat = worst_off(i, m, hint);
  if (hint && hat == *hint && !hat.is_rational()) {
    // The piece of q_i to the right of hat; when it gives m there, phi_i = (Q_i - t q_i)(hat).
    std::size_t j = q_[i].piece_index(hat);
    if (j + 1 < q_[i].piece_count() && hat == Algebraic(q_[i].breaks()[j + 1])) ++j;
    const RationalPolynomial& piece = q_[i].pieces()[j];
    if (piece(hat) == m) return (q_integral_[i].pieces()[j] - RationalPolynomial::identity() * piece)(hat);
  }
  return q_integral_[i](hat) - hat * m;
}

Interval SurplusTerms::term_enclosure(std::size_t i, const Algebraic& x) const {
  const Algebraic m = std::min(x, Algebraic(k_[i]));
  const Algebraic hat = worst_off(i, m);
  const Interval h = algebraic_to<Interval>(hat);
  // The piece is located exactly (an enclosure of a root at a break would straddle it).
  const RationalPolynomial& piece = q_integral_[i].pieces()[q_integral_[i].piece_index(hat)];
  return Interval(piece.evaluate(h) - h * algebraic_to<Interval>(m));
}

std::vector<Algebraic> SurplusTerms::summands(const std::vector<Algebraic>& r,
                                              const std::optional<Algebraic>& hint) const {
  std::vector<Algebraic> out{Algebraic(exogenous_)};
  for (std::size_t i = 0; i < size(); ++i) out.push_back(term(i, r[i], hint));
  return out;
}

Algebraic SurplusTerms::surplus_at_common_worst_off(const Algebraic& h) const {
  RationalPolynomial p = RationalPolynomial::constant(exogenous_) - RationalPolynomial::identity();
  for (std::size_t i = 0; i < size(); ++i) p += q_integral_[i].pieces()[q_integral_[i].piece_index(h)];
  return p(h);
}

Algebraic SurplusTerms::surplus(const std::vector<Algebraic>& r) const {
  Algebraic total(exogenous_);
  for (std::size_t i = 0; i < size(); ++i) total += term(i, r[i]);
  return total;
}

// ---- exact sums -----------------------------------------------------------------------

int compare_sums(std::vector<Algebraic> a, std::vector<Algebraic> b) {
  Rational rational = 0;
  std::vector<Algebraic> left, right;
  for (auto& x : a) {
    if (x.is_rational()) rational += x.to_rational();
    else left.push_back(std::move(x));
  }
  for (auto& y : b) {
    if (y.is_rational()) rational -= y.to_rational();
    else right.push_back(std::move(y));
  }
  // Cancel equal summands (the usual case of a tie: the same phi_i values in another order).
  for (std::size_t i = 0; i < left.size();) {
    bool cancelled = false;
    for (std::size_t j = 0; j < right.size() && !cancelled; ++j)
      if (left[i].degree() == right[j].degree() && left[i] == right[j]) {
        right.erase(right.begin() + static_cast<long>(j));
        cancelled = true;
      }
    if (cancelled) left.erase(left.begin() + static_cast<long>(i));
    else ++i;
  }
  Algebraic difference(rational);
  for (const auto& x : left) difference += x;
  for (const auto& y : right) difference -= y;
  return difference.sign();
}

std::optional<Algebraic> affordable_sum(const std::vector<Algebraic>& summands, int max_degree) {
  Rational rational = 0;
  std::optional<Algebraic> irrational;
  for (const auto& x : summands) {
    if (x.is_rational()) {
      rational += x.to_rational();
    } else if (!irrational) {
      irrational = x;
    } else {
      if (irrational->degree() * x.degree() > max_degree) return std::nullopt;
      *irrational += x;
    }
  }
  // Reporting a number of high degree (its isolating interval) is itself costly.
  if (irrational && irrational->degree() > 16) return std::nullopt;
  return irrational ? *irrational + Algebraic(rational) : Algebraic(rational);
}

Interval enclosure_of_sum(const std::vector<Algebraic>& summands) {
  Interval total = from_rational<Interval>(Rational(0));
  for (const auto& x : summands) total = Interval(total + algebraic_to<Interval>(x));
  return total;
}

Value exact_or_enclosure(const std::string& name, const std::optional<Algebraic>& exact, const Interval& enclosure) {
  return exact ? make_value(name, *exact) : make_value(name, enclosure);
}

int cross_check_surplus(const Economy& e, const SurplusTerms& terms, const std::vector<std::vector<Algebraic>>& at) {
  int compared = 0;
  for (const auto& r : at) {
    // The library solves q_i(t) = min(r_i, k_i) afresh: skip holdings where that equation (of
    // degree deg r_i times deg q_i) or the sum across the worst-off types' fields is too large.
    bool affordable = true;
    long long degrees = 1;
    for (std::size_t i = 0; i < terms.size() && affordable; ++i) {
      int q_degree = 1;
      for (const auto& piece : terms.q(i).pieces()) q_degree = std::max(q_degree, piece.degree());
      affordable = r[i].degree() * q_degree <= 24;
      if (affordable) degrees *= terms.worst_off(i, r[i]).degree();
    }
    if (!affordable || degrees > 64) continue;
    const std::optional<Algebraic> by_terms = affordable_sum(terms.summands(r));
    if (!by_terms) continue;
    const Algebraic by_integration = expected_surplus_by_integration(e, r);
    if (*by_terms != by_integration)
      throw std::logic_error("eq. (11) by agent gives " + by_terms->to_string(20) + " but integrating eq. (2) gives " +
                             by_integration.to_string(20) + " at " + llm_detail::list(r));
    ++compared;
  }
  return compared;
}

// ---- grids ----------------------------------------------------------------------------

unsigned long long simplex_grid_size(std::size_t n, unsigned steps) {
  // C(N + n - 1, n - 1), built as a product of binomials that stay integral.
  unsigned long long count = 1;
  for (std::size_t j = 1; j < n; ++j) {
    const unsigned long long factor = steps + j;
    if (count > (~0ull) / factor) return ~0ull;
    count = count * factor / j;
  }
  return count;
}

std::vector<GridPoint> simplex_grid(std::size_t n, unsigned steps) {
  std::vector<GridPoint> points;
  if (n == 0) return points;
  GridPoint p(n, 0);
  std::function<void(std::size_t, unsigned)> fill = [&](std::size_t i, unsigned left) {
    if (i + 1 == n) {
      p[i] = left;
      points.push_back(p);
      return;
    }
    for (unsigned j = 0; j <= left; ++j) {
      p[i] = j;
      fill(i + 1, left - j);
    }
  };
  fill(0, steps);
  return points;
}

std::vector<Rational> grid_holdings(const GridPoint& p, unsigned steps) {
  std::vector<Rational> r;
  for (unsigned j : p) r.push_back(Rational(j) / Rational(steps));
  return r;
}

bool within_demands(const std::vector<Rational>& r, const std::vector<Rational>& k) {
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r[i] > k[i]) return false;
  return true;
}

unsigned default_steps(const Economy& e) {
  const std::size_t n = e.size();
  unsigned long long denominators = 1;
  for (const auto& a : e.agents) {
    const Integer d = boost::multiprecision::denominator(a.k);
    if (d > 1000) {
      denominators = 0;
      break;
    }
    denominators = std::lcm(denominators, d.convert_to<unsigned long long>());
  }
  unsigned best_any = 1, best_multiple = 0;
  for (unsigned steps = 1; steps <= 60; ++steps) {
    if (simplex_grid_size(n, steps) > 2000 || n * (steps + 1) > 200) continue;
    best_any = steps;
    if (denominators != 0 && steps % denominators == 0) best_multiple = steps;
  }
  return best_multiple != 0 ? best_multiple : best_any;
}

GridTable::GridTable(const SurplusTerms& terms, unsigned steps, const std::function<void(double)>& progress)
    : steps_(steps), exogenous_(terms.exogenous()), exogenous_enclosure_(from_rational<Interval>(terms.exogenous())) {
  const std::size_t n = terms.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Algebraic> exact;
    std::vector<Interval> enclosure;
    std::optional<Algebraic> flat;  // phi_i(x) = phi_i(k_i) for x >= k_i
    for (unsigned j = 0; j <= steps; ++j) {
      const Rational x = Rational(j) / Rational(steps);
      if (x >= terms.k()[i] && flat) {
        exact.push_back(*flat);
      } else {
        exact.push_back(terms.term(i, Algebraic(x)));
        if (x >= terms.k()[i]) flat = exact.back();
      }
      enclosure.push_back(algebraic_to<Interval>(exact.back()));
      if (progress) progress(0.9 * (i * (steps + 1.0) + j + 1) / (n * (steps + 1.0)));
    }
    exact_.push_back(std::move(exact));
    enclosure_.push_back(std::move(enclosure));
  }
}

std::vector<Algebraic> GridTable::summands(const GridPoint& p) const {
  std::vector<Algebraic> out{exogenous_};
  for (std::size_t i = 0; i < p.size(); ++i) out.push_back(exact_[i][p[i]]);
  return out;
}

Interval GridTable::enclosure(const GridPoint& p) const {
  Interval total = exogenous_enclosure_;
  for (std::size_t i = 0; i < p.size(); ++i) total = Interval(total + enclosure_[i][p[i]]);
  return total;
}

int CertifiedComparer::compare(const Interval& a, const Interval& b, const std::function<int()>& exact_sign) {
  ++comparisons;
  const Interval difference(a - b);
  try {
    return NumberKind<Interval>::sign(difference);
  } catch (const Undecidable&) {
    ++exact_fallbacks;
  }
  return exact_sign();
}

void CertifiedComparer::record_decisions(Check& check) const {
  if (comparisons > exact_fallbacks) check.decided_in<Interval>();
  if (exact_fallbacks > 0) check.decided_in<Algebraic>();
}

GridMaximum grid_maximum(const GridTable& table, const std::vector<GridPoint>& points, CertifiedComparer& comparer) {
  if (points.empty()) throw std::logic_error("grid_maximum: no points");
  GridMaximum best;
  best.argmax = {0};
  best.enclosure = table.enclosure(points[0]);
  for (std::size_t p = 1; p < points.size(); ++p) {
    const Interval enclosure = table.enclosure(points[p]);
    const int c = comparer.compare(enclosure, best.enclosure, [&] {
      return compare_sums(table.summands(points[p]), table.summands(points[best.argmax.front()]));
    });
    if (c > 0) {
      best.argmax = {p};
      best.enclosure = enclosure;
    } else if (c == 0) {
      best.argmax.push_back(p);
    }
  }
  best.summands = table.summands(points[best.argmax.front()]);
  best.value = affordable_sum(best.summands);
  return best;
}

namespace {

std::string holdings_list(const std::vector<Rational>& r) {
  std::string out;
  for (const auto& x : r) out += (out.empty() ? "" : ", ") + to_string(x);
  return "(" + out + ")";
}

}  // namespace

namespace {

// The largest multiple of `step` strictly below x.
Rational multiple_below(const Algebraic& x, const Rational& step) {
  const Rational lower = x.isolating_interval(64).first / step;
  Integer floor = boost::multiprecision::numerator(lower) / boost::multiprecision::denominator(lower);
  Rational below = Rational(floor) * step;
  while (!(Algebraic(below) < x)) below -= step;
  while (Algebraic(below + step) < x) below += step;
  return below;
}

}  // namespace

// ---- llm.prop9's judgement ------------------------------------------------------------

Outcome judge_interior_optimum(const SurplusTerms& terms, const std::vector<Algebraic>& r, const Algebraic& mu,
                               const GridTable& table, const std::vector<GridPoint>& grid, const GridMaximum& best,
                               const std::vector<std::vector<Rational>>& extra, bool restricted,
                               CertifiedComparer& comparer, Check& check, const std::vector<Rational>& deltas) {
  using llm_detail::value_indexed;
  std::vector<std::string> failures;
  const std::size_t n = terms.size();
  const auto& k = terms.k();
  auto agent = [](std::size_t i) { return std::to_string(i + 1); };
  // Feasibility, stationarity and the reference values at the candidate are decided exactly.
  check.decided_in<Algebraic>();

  // (c) primal feasibility.
  Algebraic total = 0;
  bool on_simplex = true, in_delta = true;
  for (std::size_t i = 0; i < n; ++i) {
    total += r[i];
    if (r[i].sign() < 0) on_simplex = false;
    if (r[i] > Algebraic(k[i])) in_delta = false;
  }
  if (total != Algebraic(1)) on_simplex = false;
  // r* (Proposition 2) off the simplex: a defect upstream, not a fact about Proposition 9.
  if (!on_simplex)
    throw std::logic_error("the candidate holdings are not on the simplex (sum = " + total.to_string(12) +
                           "): see llm.prop2");
  check.text("primal feasibility", in_delta ? "r in Delta(k)" : "r not in Delta(k)");
  if (restricted && !in_delta) failures.push_back("the candidate holdings are not in Delta(k)");

  // (a) stationarity with lambda^o = lambda^N = 0: hat_theta_i(r_i) = mu for every i.
  check.value("mu", mu);
  check.text("lambda",
             "lambda^o_i = lambda^N_i = 0 for every i (complementary slackness and dual feasibility hold trivially)");
  std::vector<Algebraic> hats;
  bool stationary = true;
  for (std::size_t i = 0; i < n; ++i) {
    hats.push_back(terms.worst_off(i, r[i], mu));
    if (hats.back() != mu) {
      stationary = false;
      failures.push_back("stationarity fails for agent " + agent(i) + ": hat_theta_" + agent(i) + "(r_" + agent(i) +
                         ") = " + hats.back().to_string(12) + " != mu = " + mu.to_string(12));
    }
  }
  value_indexed(check, "hat_theta_at_candidate", hats);

  // Pi at the candidate. At r* every worst-off type is mu and Pi = C + sum_i int_lo^mu q_i - mu,
  // one polynomial evaluated at mu.
  const std::vector<Algebraic> candidate = terms.summands(r, mu);
  const std::optional<Algebraic> value = stationary && in_delta
                                             ? std::optional<Algebraic>(terms.surplus_at_common_worst_off(mu))
                                             : affordable_sum(candidate);
  const Interval value_enclosure = value ? algebraic_to<Interval>(*value) : enclosure_of_sum(candidate);
  check.value(exact_or_enclosure("expected_surplus_at_candidate", value, value_enclosure));
  auto text_of = [](const std::optional<Algebraic>& x, const Interval& enclosure) {
    return x ? x->to_string(12) : NumberKind<Interval>::to_string(enclosure);
  };

  // Envelope: d phi_i / d r_i = -hat_theta_i(r_i), bracketed by one-sided difference quotients
  // towards the nearest multiples x of the step on each side (rational x, so hat_theta_i(x) is a
  // root of low degree; valid for the concave phi_i): certified enclosures, exact where needed.
  const Algebraic slope = -mu;
  const Interval slope_enclosure = algebraic_to<Interval>(slope);
  long long quotients = 0;
  for (std::size_t d = 0; d < deltas.size(); ++d) {
    const Rational& delta = deltas[d];
    for (std::size_t i = 0; i < n; ++i) {
      const bool last = d + 1 == deltas.size();
      const Interval phi = algebraic_to<Interval>(candidate[i + 1]);
      const Interval r_enclosure = algebraic_to<Interval>(r[i]);
      const Rational below = multiple_below(r[i], delta);
      Rational above = below + delta;
      while (!(Algebraic(above) > r[i])) above += delta;
      auto exact_sign = [&](const Rational& x) {  // sign of (phi_i(x) - phi_i(r_i)) / (x - r_i) + mu
        return ((terms.term(i, Algebraic(x)) - candidate[i + 1]) / (Algebraic(x) - r[i]) - slope).sign();
      };
      if (above <= k[i]) {
        const Interval right((terms.term_enclosure(i, Algebraic(above)) - phi) /
                             (from_rational<Interval>(above) - r_enclosure));
        ++quotients;
        if (last) check.value(exact_or_enclosure("right_quotient_" + agent(i), std::nullopt, right));
        if (comparer.compare(right, slope_enclosure, [&] { return exact_sign(above); }) > 0)
          failures.push_back("envelope fails for agent " + agent(i) + ": the difference quotient towards " +
                             to_string(above) + " is " + NumberKind<Interval>::to_string(right) +
                             " > -mu = " + slope.to_string(12));
      }
      if (below >= 0) {
        const Interval left((phi - terms.term_enclosure(i, Algebraic(below))) /
                            (r_enclosure - from_rational<Interval>(below)));
        ++quotients;
        if (last) check.value(exact_or_enclosure("left_quotient_" + agent(i), std::nullopt, left));
        if (comparer.compare(left, slope_enclosure, [&] { return exact_sign(below); }) < 0)
          failures.push_back("envelope fails for agent " + agent(i) + ": the difference quotient towards " +
                             to_string(below) + " is " + NumberKind<Interval>::to_string(left) +
                             " < -mu = " + slope.to_string(12));
      }
    }
  }
  if (!deltas.empty()) check.value("difference_quotient_step", deltas.back());

  // Lagrangian: with mu fixed, r_i maximizes phi_i(x) + mu x over the grid of x (the
  // sufficiency half of KKT; summed over i with sum x_i = 1 it bounds Pi on the grid).
  long long lagrangian_points = 0, lagrangian_violations = 0;
  const Interval mu_enclosure = algebraic_to<Interval>(mu);
  for (std::size_t i = 0; i < n; ++i) {
    // phi_i(r_i) + mu r_i, which is int_lo^mu q_i when hat_theta_i(r_i) = mu and r_i <= k_i.
    const Algebraic reference =
        hats[i] == mu && r[i] <= Algebraic(k[i]) ? terms.q_integral(i)(mu) : candidate[i + 1] + mu * r[i];
    const Interval reference_enclosure = algebraic_to<Interval>(reference);
    std::string first_violation;
    for (unsigned j = 0; j <= table.steps(); ++j) {
      const Rational x = Rational(j) / Rational(table.steps());
      if (restricted && x > k[i]) break;
      ++lagrangian_points;
      const Interval at_x(table.term_enclosure(i, j) + mu_enclosure * from_rational<Interval>(x));
      const int c = comparer.compare(at_x, reference_enclosure, [&] {
        return compare_sums({table.term(i, j), mu * Algebraic(x)}, {reference});
      });
      if (c > 0) {
        ++lagrangian_violations;
        if (first_violation.empty()) first_violation = to_string(x);
      }
    }
    // Without the restriction phi_i is flat beyond k_i and no longer concave on [0, 1]: the
    // Lagrangian condition is then only sufficient, so it is reported but not required.
    if (!first_violation.empty() && restricted)
      failures.push_back("the Lagrangian with mu = hat_theta is not maximized at r_" + agent(i) + " over agent " +
                         agent(i) + "'s holdings: x = " + first_violation + " gives more");
  }

  // The grid of holdings: its maximum, and the extra holdings, against the candidate.
  const std::vector<Rational> best_r = grid_holdings(grid[best.argmax.front()], table.steps());
  const int c =
      comparer.compare(best.enclosure, value_enclosure, [&] { return compare_sums(best.summands, candidate); });
  check.value("grid_steps", static_cast<long long>(table.steps()));
  check.value(exact_or_enclosure("grid_max_surplus", best.value, best.enclosure));
  check.text("grid_argmax", holdings_list(best_r));
  check.value("grid_argmax_count", static_cast<long long>(best.argmax.size()));
  std::vector<Algebraic> gap_summands = candidate;
  for (const auto& x : best.summands) gap_summands.push_back(-x);
  check.value(exact_or_enclosure("gap_candidate_minus_grid_max",
                                 c == 0 ? std::optional<Algebraic>(Algebraic(0)) : affordable_sum(gap_summands),
                                 Interval(value_enclosure - best.enclosure)));
  std::optional<std::vector<Rational>> beating;
  std::vector<Algebraic> beating_summands;
  Interval beating_enclosure;
  if (c > 0) {
    beating = best_r;
    beating_summands = best.summands;
    beating_enclosure = best.enclosure;
  }
  for (const auto& x : extra) {
    const std::vector<Algebraic> summands = terms.summands(std::vector<Algebraic>(x.begin(), x.end()));
    const Interval enclosure = enclosure_of_sum(summands);
    check.text("extra holdings", holdings_list(x) + ": Pi in " + NumberKind<Interval>::to_string(enclosure));
    if (comparer.compare(enclosure, value_enclosure, [&] { return compare_sums(summands, candidate); }) > 0 &&
        (!beating || comparer.compare(enclosure, beating_enclosure,
                                      [&] { return compare_sums(summands, beating_summands); }) > 0)) {
      beating = x;
      beating_summands = summands;
      beating_enclosure = enclosure;
    }
  }
  if (beating) {
    const std::optional<Algebraic> beating_value = affordable_sum(beating_summands);
    failures.insert(failures.begin(), "the holdings " + holdings_list(*beating) +
                                          " give Pi = " + text_of(beating_value, beating_enclosure) + " > " +
                                          text_of(value, value_enclosure) + " at the candidate");
    for (std::size_t i = 0; i < n; ++i) check.witness("r_" + agent(i), (*beating)[i]);
    check.witness(exact_or_enclosure("Pi_r", beating_value, beating_enclosure));
    check.witness(exact_or_enclosure("Pi_candidate", value, value_enclosure));
  }

  check.stat("grid_points", static_cast<long long>(grid.size()) + static_cast<long long>(extra.size()))
      .stat("difference_quotients", quotients)
      .stat("lagrangian_points", lagrangian_points)
      .stat("lagrangian_violations", lagrangian_violations)
      .stat("certified_comparisons", comparer.comparisons)
      .stat("exact_fallbacks", comparer.exact_fallbacks);
  comparer.record_decisions(check);  // the envelope, the Lagrangian and the grid, on enclosures or exactly

  if (failures.empty()) {
    // Stationarity holds: every worst-off type at r* is hat_theta = mu.
    check.value("Pi_r_star", terms.surplus_at_common_worst_off(mu));
    return check.holds("r* = " + llm_detail::list(r) + " maximizes Pi over " +
                       (restricted ? "Delta(k)" : "the whole simplex") +
                       " on the grid: KKT holds at the candidate "
                       "with mu = " +
                       mu.to_string(12) + " and no " + std::string(restricted ? "" : "simplex ") +
                       "grid point (step 1/" + std::to_string(table.steps()) + ", " + std::to_string(grid.size()) +
                       " points) beats Pi = " + text_of(value, value_enclosure) + "; the grid maximum is " +
                       text_of(best.value, best.enclosure) + " at " + holdings_list(best_r));
  }
  if (!beating)
    // The proof's KKT conditions fail at the candidate but no holdings beat it: without a
    // witness against the statement (r* maximizes Pi) this is neither a proof nor a refutation.
    return check.inconclusive("the KKT conditions fail at the candidate (" + failures.front() +
                              (failures.size() > 1 ? ", ..." : "") +
                              ") but no grid point beats it: neither proved nor "
                              "refuted");
  std::string summary = restricted ? "" : "without r_i <= k_i, r* is not optimal: ";
  summary += failures.front();
  for (std::size_t i = 1; i < failures.size() && i < 4; ++i) summary += "; " + failures[i];
  if (failures.size() > 4) summary += "; and " + std::to_string(failures.size() - 4) + " more";
  return check.refuted(summary);
}

}  // namespace mechcheck::proofs::revenue

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;
using namespace revenue;

class Prop9 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop9",
        "Proposition 9 (Section 5.3); proof in Appendix A.8 (eq. (11), Delta(k), the Lagrangian and KKT)",
        "If holdings are restricted to be no more than the maximum demands (r in Delta(k): sum r_i = 1, "
        "max{0, 1 - sum_{j != i} k_j} <= r_i <= k_i), then r* maximizes the expected budget surplus Pi_r of the "
        "spot market.",
        {{"strictly_increasing_cdf",
          "every F_i is strictly increasing on [lo, hi] (the paper's positive density; Proposition 2's r* exists)",
          Necessity::open,
          "Where sum_i q_i = 1 on an interval, r* is not defined and the check reports an error "
          "(cases/llm/prop2-flat-cdfs.toml); where r* stays defined no counterexample is known. Searched, with the "
          "hypothesis dropped: every F_i from uniform, t^2 and histograms with an empty bin ((1/2, 0, 1/2), (0, 1/2, "
          "1/2), (1/2, 1/2, 0), "
          "(1/4, 0, 3/4)), at least one flat, n = 2 and 3, k_i in {1, 1/2, 2/3, 3/4, 1/3}, holdings r*: 901 economies "
          "(704 hold; 178 inconclusive: where q_i is flat at level r*_i, Lemma 1's least worst-off type differs from "
          "hat_theta and the KKT step fails, but no holdings beat r*; 19 errors: r* not unique)"},
         {"holdings_within_demands",
          "holdings are restricted to r_i <= k_i: the comparison set is Delta(k), and the case's own holdings (when "
          "explicit) lie in it. Dropped, the comparison set is the whole simplex r >= 0, sum r_i = 1 (the outside "
          "option is then valued at min(r_i, k_i), as in eq. (1))",
          Necessity::counterexample, "cases/llm/revenue-figure1-cornered-drop-holdings-within-demands.toml"}},
        "Eq. (11) split by agent, Pi_r = C + sum_i phi_i(r_i) with phi_i(x) = int_lo^{hat_i} q_i - hat_i min(x, k_i) "
        "and hat_i = min{t : q_i(t) >= min(x, k_i)} (Lemma 1), exact (algebraic numbers); the split is checked "
        "against eq. (2) integrated over the types (expected_surplus_by_integration) at r*, the grid maximum and "
        "the corners where the exact sums are affordable, and q_i is checked nondecreasing exactly (so phi_i(x) = "
        "min_t (int_lo^t q_i - t x) is concave on [0, k_i] with supergradient -hat_i: the envelope argument). "
        "KKT at r* with the paper's Lagrangian L = sum phi_i + mu (sum r_i - 1) + sum lambda^o_i (r_i - lower_i) - "
        "sum lambda^N_i (r_i - k_i): primal feasibility r* in Delta(k); stationarity hat_theta_i(r*_i) = mu for every "
        "i with every lambda = 0, so mu = hat_theta (the paper's sign convention; mu = -hat_theta under L = f - "
        "mu (sum r_i - 1)); the derivative d phi_i / d r_i = -hat_theta_i(r_i) bracketed by one-sided difference "
        "quotients towards the nearest multiples of 1/100 and of 1/10000 on each side of r*_i; and r*_i maximizes "
        "phi_i(x) + mu x over each agent's one-dimensional grid x = j/N in [0, k_i] (the sufficiency half). Then Pi_r "
        "at every point of the simplex grid r = j/N inside Delta(k) (N <= 60, at most 2000 simplex points, preferring "
        "multiples of the k_i's denominators; the case's explicit holdings are added) is compared with Pi_{r*}. "
        "Comparisons use certified enclosures (MPFI) and fall back to exact algebraic arithmetic where they overlap "
        "(ties). Holds when every step holds and no point beats r*; refuted when a point beats r* (the witness); "
        "inconclusive when a KKT step fails but no point beats r*. The grid maximum, its argmax and the gap are "
        "reported. Dropping holdings_within_demands extends the grid to the whole simplex.",
        "llm",
        Arithmetic::certified};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop9(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    std::string flat;
    for (std::size_t i = 0; i < e.size() && flat.empty(); ++i)
      for (const auto& piece : e.agents[i].cdf.pieces())
        if (piece.is_constant()) flat = "F_" + std::to_string(i + 1) + " is constant on a piece";
    check.hypothesis("strictly_increasing_cdf", flat.empty(), flat);

    const std::vector<Rational> k = e.max_demands();
    const bool restricted = !check.context().dropped("holdings_within_demands");
    std::string detail;
    bool case_within = true;
    if (e.holdings)
      for (std::size_t i = 0; i < e.size() && case_within; ++i)
        if (check.compare((*e.holdings)[i], k[i]) > 0) {
          case_within = false;
          detail = "the case's holdings have r_" + std::to_string(i + 1) + " = " + to_string((*e.holdings)[i]) +
                   " > k_" + std::to_string(i + 1) + " = " + to_string(k[i]);
        }
    if (!restricted)
      detail += std::string(detail.empty() ? "" : "; ") +
                "the comparison set is extended to the whole simplex, where r_i > k_i is allowed";
    check.hypothesis("holdings_within_demands", case_within && restricted, detail);
    check.decided_in<Rational>();  // both hypotheses are decided on rational coefficients and holdings
    if (!check.hypotheses_met()) return check.unmet();

    const SurplusTerms terms(e);
    const Algebraic hat = common_worst_off_type(e);
    const std::vector<Algebraic> r = r_star(e);

    // The comparison set: the simplex grid r = j/N, inside Delta(k) unless the restriction is
    // dropped, and the case's own holdings.
    const unsigned steps = default_steps(e);
    guard_enumeration_size(check.context(), simplex_grid_size(e.size(), steps),
                           "the simplex grid of holdings with step 1/" + std::to_string(steps));
    std::vector<GridPoint> grid;
    for (auto& p : simplex_grid(e.size(), steps))
      if (!restricted || within_demands(grid_holdings(p, steps), k)) grid.push_back(std::move(p));
    std::vector<std::vector<Rational>> extra;
    if (e.holdings) extra.push_back(*e.holdings);
    const GridTable table(terms, steps, check.context().progress);
    CertifiedComparer comparer;
    const GridMaximum best = grid_maximum(table, grid, comparer);

    // Eq. (11) by agent against eq. (2) integrated over the types.
    std::vector<std::vector<Algebraic>> probes{r};
    const auto best_r = grid_holdings(grid[best.argmax.front()], steps);
    probes.emplace_back(best_r.begin(), best_r.end());
    for (std::size_t i = 0; i < e.size(); ++i) {
      std::vector<Algebraic> corner(e.size(), Algebraic(0));
      corner[i] = Algebraic(1);
      probes.push_back(corner);
    }
    const int probed = cross_check_surplus(e, terms, probes);
    check.text("surplus_cross_check", "eq. (11) by agent = eq. (2) integrated at " + std::to_string(probed) + " of " +
                                          std::to_string(probes.size()) +
                                          " holdings (r*, the grid maximum, the corners); the others' exact sums "
                                          "were too costly and are not compared");
    check.value("hat_theta", hat);
    value_indexed(check, "r_star", r);
    check.value("first_component_of_11", terms.exogenous());
    check.stat("comparison_set", restricted ? "Delta(k)" : "simplex");
    check.context().report(1.0);

    // KKT at r* with mu = hat_theta, and r* against the grid's maximum.
    return judge_interior_optimum(terms, r, hat, table, grid, best, extra, restricted, comparer, check);
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_prop9() { return std::make_unique<Prop9>(); }

}  // namespace mechcheck::proofs
