// Stage 1 of Hu & Wallace (2012) and the candidate equilibrium of Theorem 1 (L378-458): the
// inactive agent's problem, alpha*, the belief intervals (6), Claim 1's epsilon and the active
// agent's payoff F_x^N of (23)-(26). See stage1.hpp and proofs/hw/docs/theorem1.md.
#include "hw/model/stage1.hpp"

#include "hw/model/theory.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <mpfi.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace mechcheck::hw {

namespace {

Interval lift(const Rational& q) { return from_rational<Interval>(q); }

Mpfr left_end(const Interval& x) {
  Mpfr out;
  mpfi_get_left(out.backend().data(), x.backend().data());
  return out;
}
Mpfr right_end(const Interval& x) {
  Mpfr out;
  mpfi_get_right(out.backend().data(), x.backend().data());
  return out;
}
Interval between(const Mpfr& lo, const Mpfr& hi) {
  Interval out;
  mpfi_interv_fr(out.backend().data(), lo.backend().data(), hi.backend().data());
  return out;
}
Interval point(const Mpfr& x) { return between(x, x); }
Interval hull(const Interval& a, const Interval& b) {
  Interval out;
  mpfi_union(out.backend().data(), a.backend().data(), b.backend().data());
  return out;
}
// min of two enclosed numbers: [min of the left ends, min of the right ends].
Interval minimum(const Interval& a, const Interval& b) {
  return between(std::min(left_end(a), left_end(b)), std::min(right_end(a), right_end(b)));
}
Mpfr midpoint(const Interval& x) {
  Mpfr out;
  mpfi_mid(out.backend().data(), x.backend().data());
  return out;
}

void require_positive(const Interval& x, const char* what) {
  if (!(lower_bound(x) > 0))
    throw Undecidable(
        std::string("hw stage 1: ") + what + " is not certified > 0: " + NumberKind<Interval>::to_string(x),
        NumberKind<Interval>::arithmetic);
}

// The good-r consumption of an inactive agent who consumes q of good q: the budget of (1) at p1,
// r = p1 qbar + rbar - p1 q (proof of Claim 1, L416).
Interval inactive_r(const Economy& e, const Interval& q) {
  const Rational p1 = first_stage_price(e);
  return Interval(lift(p1 * e.qbar + e.rbar) - lift(p1) * q);
}

Interval power(const Interval& base, const Rational& exponent) {
  return Interval(boost::multiprecision::exp(Interval(lift(exponent) * boost::multiprecision::log(base))));
}

// L'_x(q) exactly when every u(.; x, z) with tau_x(z) > 0 is Cobb-Douglas: the marginal utilities
// a/q and b/r of marginal_utility are rational there (q, r > 0); nullopt otherwise.
std::optional<Rational> inactive_marginal_exact(const Economy& e, std::size_t x, const Rational& q) {
  const Information& info = *e.info;
  const auto tau = type_posterior<Rational>(info, x);
  const Rational p1 = e.rbar / e.qbar, r = p1 * e.qbar + e.rbar - p1 * q;
  if (!(q > 0) || !(r > 0)) return std::nullopt;
  Rational total = 0;
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    if (tau[z] == 0) continue;
    const Utility& u = info.utility[x][z];
    if (u.family != Family::cobb_douglas) return std::nullopt;
    total += tau[z] * (u.a / q - p1 * u.b / r);  // d/dq u(q, W - p1 q)
  }
  return total;
}

// The exact value must lie in its enclosure: the two computations check each other.
Rational checked_exact(const Rational& exact, const Interval& enclosure, const char* what) {
  if (exact < lower_bound(enclosure) || exact > upper_bound(enclosure))
    throw std::logic_error(std::string("hw Claim 1: the exact ") + what + " " + to_string(exact) +
                           " is outside its enclosure " + NumberKind<Interval>::to_string(enclosure));
  return exact;
}

}  // namespace

Rational first_stage_price(const Economy& e) { return e.rbar / e.qbar; }

Rational stage1_quantity(const Economy& e, const Offer<Rational>& a) {
  return e.qbar - a.q + a.r / first_stage_price(e);  // (5)
}

Offer<Rational> stage1_offer_for(const Economy& e, const Rational& q) {
  if (q <= e.qbar) return {e.qbar - q, Rational(0)};
  return {Rational(0), first_stage_price(e) * (q - e.qbar)};
}

Interval utility_enclosure(const Utility& u, const Interval& q, const Interval& r) {
  require_positive(q, "consumption of good q");
  require_positive(r, "consumption of good r");
  if (u.family == Family::cobb_douglas)
    return Interval(lift(u.a) * boost::multiprecision::log(q) + lift(u.b) * boost::multiprecision::log(r));
  const Rational rho = 1 - Rational(1) / u.sigma;  // (a q^rho + b r^rho)/rho
  return Interval((lift(u.a) * power(q, rho) + lift(u.b) * power(r, rho)) / lift(rho));
}

Interval inactive_utility(const Economy& e, std::size_t x, const Interval& q) {
  const Information& info = *e.info;
  const auto tau = type_posterior<Rational>(info, x);
  const Interval r = inactive_r(e, q);
  Interval total = lift(Rational(0));
  for (std::size_t z = 0; z < info.state_count(); ++z)
    if (tau[z] != 0) total = Interval(total + lift(tau[z]) * utility_enclosure(info.utility[x][z], q, r));
  return total;
}

Interval inactive_marginal(const Economy& e, std::size_t x, const Interval& q) {
  const Information& info = *e.info;
  const auto tau = type_posterior<Rational>(info, x);
  require_positive(q, "consumption of good q");
  const Interval r = inactive_r(e, q);
  require_positive(r, "consumption of good r");
  const Interval p1 = lift(first_stage_price(e));
  Interval total = lift(Rational(0));
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    if (tau[z] == 0) continue;
    const Utility& u = info.utility[x][z];
    const Interval uq = marginal_utility(u, u.a, q), ur = marginal_utility(u, u.b, r);
    total = Interval(total + lift(tau[z]) * Interval(uq - p1 * ur));  // d/dq u(q, W - p1 q)
  }
  return total;
}

InactiveOptimum inactive_optimum(const Economy& e, std::size_t x) {
  const Information& info = *e.info;
  InactiveOptimum out;
  const auto tau = type_posterior<Rational>(info, x);
  if (auto AB = expected_cobb_douglas(info, x, tau)) {
    // L_x = A ln q + B ln(2 rbar - p1 q): A/q = B p1/(2 rbar - p1 q) gives q = 2 A qbar/(A + B).
    const auto [A, B] = *AB;
    if (A + B == 0) throw std::domain_error("hw stage 1: type " + info.types[x] + " has A + B = 0 (no optimum)");
    out.exact = 2 * A * e.qbar / (A + B);
    out.q = lift(*out.exact);
    return out;
  }
  // L'_x is strictly decreasing (strict concavity); bisect on certified signs.
  Mpfr lo = 0, hi = from_rational<Mpfr>(2 * e.qbar);
  bool lo_certified = false, hi_certified = false;
  const int steps = static_cast<int>(float_precision_digits() * 3.33) + 8;
  for (int k = 0; k < steps; ++k) {
    const Mpfr mid = Mpfr((lo + hi) / 2);
    if (!(mid > lo) || !(mid < hi)) break;
    const Interval d = inactive_marginal(e, x, point(mid));
    if (lower_bound(d) > 0) {
      lo = mid;
      lo_certified = true;
    } else if (upper_bound(d) < 0) {
      hi = mid;
      hi_certified = true;
    } else {
      break;  // the sign at mid is not decided at this precision: [lo, hi] is as good as it gets
    }
  }
  if (!lo_certified || !hi_certified)
    throw Undecidable(
        "hw stage 1: the maximizer of L_" + info.types[x] + " could not be enclosed (no certified sign change of L')",
        NumberKind<Interval>::arithmetic);
  out.q = between(lo, hi);
  return out;
}

BeliefIntervals belief_intervals(const Economy& e) {
  const Information& info = *e.info;
  const std::size_t k = info.type_count();
  BeliefIntervals b;
  for (std::size_t x = 0; x < k; ++x) b.optimum.push_back(inactive_optimum(e, x));
  b.order.resize(k);
  std::iota(b.order.begin(), b.order.end(), 0);
  // Order by the enclosures; any overlap is decided below (exact) or undecidable.
  std::sort(b.order.begin(), b.order.end(),
            [&](std::size_t x, std::size_t y) { return midpoint(b.optimum[x].q) < midpoint(b.optimum[y].q); });
  b.separating = true;
  for (std::size_t i = 0; i + 1 < k; ++i) {
    const auto& a = b.optimum[b.order[i]];
    const auto& c = b.optimum[b.order[i + 1]];
    const std::string pair = info.types[b.order[i]] + " and " + info.types[b.order[i + 1]];
    if (a.exact && c.exact) {
      if (*a.exact == *c.exact) {
        b.separating = false;
        b.separation_detail = "q1(alpha*(" + info.types[b.order[i]] + ")) = q1(alpha*(" + info.types[b.order[i + 1]] +
                              ")) = " + mechcheck::to_string(*a.exact) + " exactly: alpha* is not separating";
        return b;
      }
      continue;
    }
    if (!(upper_bound(a.q) < lower_bound(c.q)))
      throw Undecidable("hw stage 1: the enclosures of q1(alpha*) for " + pair + " overlap (" +
                            NumberKind<Interval>::to_string(a.q) + ", " + NumberKind<Interval>::to_string(c.q) +
                            "): separation is not decided",
                        NumberKind<Interval>::arithmetic);
  }
  b.separation_detail = k == 1
                            ? "one type: nothing to separate"
                            : "q1(alpha*(x)) are pairwise distinct (" +
                                  std::string(std::all_of(b.optimum.begin(), b.optimum.end(),
                                                          [](const InactiveOptimum& o) { return o.exact.has_value(); })
                                                  ? "exactly"
                                                  : "certified: disjoint enclosures") +
                                  ")";
  b.lower.assign(k, lift(Rational(0)));
  b.upper.assign(k, lift(2 * e.qbar));
  b.lower_exact.assign(k, Rational(0));
  b.upper_exact.assign(k, 2 * e.qbar);
  for (std::size_t i = 0; i + 1 < k; ++i) {
    const std::size_t x = b.order[i], y = b.order[i + 1];
    const Interval m = Interval((b.optimum[x].q + b.optimum[y].q) / 2);  // (6)
    b.upper[x] = b.lower[y] = m;
    if (b.optimum[x].exact && b.optimum[y].exact)
      b.upper_exact[x] = b.lower_exact[y] = (*b.optimum[x].exact + *b.optimum[y].exact) / 2;
    else b.upper_exact[x] = b.lower_exact[y] = std::nullopt;
  }
  return b;
}

std::size_t interval_of(const BeliefIntervals& b, const Rational& q) {
  for (std::size_t i = 0; i < b.order.size(); ++i) {
    const std::size_t x = b.order[i];
    const bool last = i + 1 == b.order.size();
    auto below_upper = [&]() -> bool {
      if (last) return q <= upper_bound(b.upper[x]);
      if (b.upper_exact[x]) return q < *b.upper_exact[x];
      if (q < lower_bound(b.upper[x])) return true;
      if (q >= upper_bound(b.upper[x])) return false;
      throw Undecidable("hw stage 1: q = " + mechcheck::to_string(q) + " is inside the enclosure of an end of (6)",
                        NumberKind<Interval>::arithmetic);
    };
    if (below_upper()) return i;
  }
  throw std::domain_error("hw stage 1: q = " + mechcheck::to_string(q) + " is outside [0, 2 qbar]");
}

Claim1Epsilon claim1_epsilon(const Economy& e, const BeliefIntervals& b) {
  const Information& info = *e.info;
  const std::size_t k = b.order.size();
  if (k < 2) throw std::domain_error("hw Claim 1: delta is a minimum over pairs of types; there is one type");
  Claim1Epsilon out;
  out.delta = Interval(abs(Interval(b.optimum[b.order[1]].q - b.optimum[b.order[0]].q)) / 2);
  for (std::size_t i = 1; i + 1 < k; ++i)
    out.delta = minimum(out.delta, Interval(abs(Interval(b.optimum[b.order[i + 1]].q - b.optimum[b.order[i]].q)) / 2));
  out.A.assign(k, lift(Rational(0)));
  out.side_dropped.assign(k, "");
  const Interval half = Interval(out.delta / 2);
  const Interval top = lift(2 * e.qbar);
  std::optional<Interval> smallest;
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t x = b.order[i];
    const Interval q = b.optimum[x].q;
    std::optional<Interval> A;
    auto take = [&](const Interval& v) { A = A ? minimum(*A, v) : v; };
    const Interval left = Interval(q - half), right = Interval(q + half);
    // The printed formula uses both sides; a side outside (0, 2 qbar) is undefined there, and
    // (x lowest / highest) has no q outside I(x) on that side.
    if (lower_bound(left) > 0) take(inactive_marginal(e, x, left));
    else if (i > 0)
      throw Undecidable("hw Claim 1: q*(" + info.types[x] + ") - delta/2 is not certified > 0",
                        NumberKind<Interval>::arithmetic);
    else
      out.side_dropped[x] = "L'(q* - delta/2) left out: q* - delta/2 = " + NumberKind<Interval>::to_string(left) +
                            " is not in (0, 2 qbar), and no q below I(" + info.types[x] + ") exists";
    if (upper_bound(right) < lower_bound(top)) take(Interval(-inactive_marginal(e, x, right)));
    else if (i + 1 < k)
      throw Undecidable("hw Claim 1: q*(" + info.types[x] + ") + delta/2 is not certified < 2 qbar",
                        NumberKind<Interval>::arithmetic);
    else
      out.side_dropped[x] = "-L'(q* + delta/2) left out: q* + delta/2 = " + NumberKind<Interval>::to_string(right) +
                            " is not in (0, 2 qbar), and no q above I(" + info.types[x] + ") exists";
    out.A[x] = *A;  // k >= 2: at least one side has points outside I(x)
    const Interval term = Interval(half * out.A[x]);
    smallest = smallest ? minimum(*smallest, term) : term;
  }
  out.epsilon = Interval(*smallest / 2);

  // Exactly, when every q*_x is exact (Cobb-Douglas) and the same sides are used.
  out.A_exact.assign(k, std::nullopt);
  bool exact = true;
  for (std::size_t x = 0; x < k && exact; ++x) exact = b.optimum[x].exact.has_value();
  if (!exact) return out;
  Rational delta = abs(*b.optimum[b.order[1]].exact - *b.optimum[b.order[0]].exact) / 2;
  for (std::size_t i = 1; i + 1 < k; ++i)
    delta = min_of(delta, Rational(abs(*b.optimum[b.order[i + 1]].exact - *b.optimum[b.order[i]].exact) / 2));
  out.delta_exact = checked_exact(delta, out.delta, "delta");
  std::optional<Rational> least;
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t x = b.order[i];
    const Rational q = *b.optimum[x].exact;
    std::optional<Rational> A;
    for (int side : {-1, 1}) {
      const bool dropped = out.side_dropped[x].rfind(side < 0 ? "L'(q* - delta/2)" : "-L'(q* + delta/2)", 0) == 0;
      if (dropped) continue;
      const auto slope = inactive_marginal_exact(e, x, q + Rational(side) * delta / 2);
      if (!slope) return out;
      const Rational v = side < 0 ? *slope : Rational(-*slope);
      A = A ? min_of(*A, v) : v;
    }
    out.A_exact[x] = checked_exact(*A, out.A[x], "A_x");
    const Rational term = delta / 2 * *A;
    least = least ? min_of(*least, term) : term;
  }
  out.epsilon_exact = checked_exact(*least / 2, out.epsilon, "epsilon");
  return out;
}

EquilibriumFamily certify_equilibria(const Economy& e, long long M, const Mpfr& radius) {
  EquilibriumFamily out;
  out.M = M;
  for (const auto& sigma : all_configurations(e.info->type_count(), M)) {
    Stage2Game game;
    try {
      game = stage2_game(e, sigma);
    } catch (const std::domain_error&) {
      ++out.impossible;  // probability 0 in every state: phi^sigma undefined, never believed on path
      continue;
    }
    const std::string label = configuration_text(sigma);
    const ApproximateEquilibrium approx = solve_stage2(game);
    if (!approx.converged) {
      out.failure = "sigma = " + label + ": MPFR Newton found no approximate stage-2 equilibrium (" + approx.note + ")";
      return out;
    }
    const KrawczykResult kr = krawczyk_test(game, approx.s, radius);
    if (!kr.contained) {
      out.failure = "sigma = " + label + ": the Krawczyk test does not certify beta^sigma: " + kr.failure;
      return out;
    }
    // The Jacobian that K(X) used: the box keeps the center's signs (it is certified, so it
    // does not hold 0), so it is jacobian_ad at sides_of(approx.s), not computed a second time.
    const std::string wrong = jacobian_mean_value_check(game, approx.s, kr.box, kr.jacobian);
    if (!wrong.empty())
      throw std::logic_error("sigma = " + label + ": the interval Jacobian is not an enclosure: " + wrong);
    out.by_sigma.emplace(sigma, CertifiedEquilibrium{std::move(game), kr.box, approx.s});
  }
  return out;
}

Rational configuration_weight(const Information& info, std::size_t z, const std::vector<long long>& c) {
  // multinomial(M - 1; c) built as a running product of binomials, each step an integer.
  Rational weight = 1;
  long long placed = 0;
  for (std::size_t y = 0; y < c.size(); ++y)
    for (long long j = 1; j <= c[y]; ++j) {
      ++placed;
      weight = weight * placed / j * info.mu[z][y];
    }
  return weight;
}

namespace {

// The final bundle of a signed stage-2 offer s (s > 0 sells q, s < 0 sells r), eq. (11) through
// the one-sided payoffs of L264/L268; an enclosure straddling 0 takes the hull of both sides.
Bundle<Interval> bundle_of(const Economy& e, const Totals<Interval>& others, const Interval& s) {
  const Interval qbar = lift(e.qbar), rbar = lift(e.rbar);
  if (lower_bound(s) >= 0) return sell_q_bundle(qbar, rbar, others, s);
  if (upper_bound(s) <= 0) return sell_r_bundle(qbar, rbar, others, Interval(-s));
  const Mpfr zero = 0;
  const auto a = sell_q_bundle(qbar, rbar, others, between(zero, right_end(s)));
  const auto b = sell_r_bundle(qbar, rbar, others, between(zero, Mpfr(-left_end(s))));
  return {hull(a.q, b.q), hull(a.r, b.r)};
}

}  // namespace

ActivePayoffs active_payoffs(const Economy& e, const EquilibriumFamily& family, const Mpfr& radius,
                             ConfigurationWeight weight) {
  const Information& info = *e.info;
  const std::size_t k = info.type_count(), Z = info.state_count();
  const long long M = family.M;
  ActivePayoffs out;
  out.M = M;
  out.F.assign(k, std::vector<Interval>(k, lift(Rational(0))));
  std::vector<std::vector<Rational>> tau;
  for (std::size_t x = 0; x < k; ++x) tau.push_back(type_posterior<Rational>(info, x));

  const auto others = all_configurations(k, M - 1);
  out.configurations = static_cast<long long>(others.size());
  std::vector<Rational> total(Z, Rational(0));
  for (const auto& c : others)
    for (std::size_t z = 0; z < Z; ++z) total[z] += weight(info, z, c);
  for (std::size_t z = 0; z < Z; ++z)
    if (total[z] != 1) {
      out.weight_failure = "the weights gamma_z^N of the others' configurations sum to " +
                           mechcheck::to_string(total[z]) + " in state " + info.states[z] + ", not 1";
      return out;
    }

  const Rational M_eps_q = Rational(M) * e.epsilon.q, M_eps_r = Rational(M) * e.epsilon.r;
  for (const auto& c : others) {
    std::vector<Rational> w(Z);
    for (std::size_t z = 0; z < Z; ++z) w[z] = weight(info, z, c);
    // The types x for whom c has positive weight in some state they deem possible.
    std::vector<bool> relevant(k, false);
    for (std::size_t x = 0; x < k; ++x)
      for (std::size_t z = 0; z < Z; ++z) relevant[x] = relevant[x] || (tau[x][z] != 0 && w[z] != 0);
    if (std::none_of(relevant.begin(), relevant.end(), [](bool b) { return b; })) continue;
    // The deviator's own game: posterior phi^{sigma*}, sigma* = c + e_x (8).
    std::vector<std::optional<Stage2Game>> own(k);
    for (std::size_t x = 0; x < k; ++x) {
      if (!relevant[x]) continue;
      auto sigma_star = c;
      ++sigma_star[x];
      own[x] = stage2_game(e, sigma_star);  // positive probability: relevant[x]
    }
    for (std::size_t xp = 0; xp < k; ++xp) {
      // The others read the deviator's action as type x' (7) and believe sigma' = c + e_x' (26).
      auto sigma_prime = c;
      ++sigma_prime[xp];
      const auto found = family.by_sigma.find(sigma_prime);
      if (found == family.by_sigma.end()) {
        out.failure = "the others' believed configuration sigma' = " + configuration_text(sigma_prime) +
                      " has probability 0 in every state: phi^sigma' of (8) and beta^sigma' are undefined";
        return out;
      }
      const CertifiedEquilibrium& eq = found->second;
      // (25): (Q_-, R_-) = M eps + sum_y c(y) beta^sigma'(y).
      Interval Q = lift(M_eps_q), R = lift(M_eps_r);
      for (std::size_t j = 0; j < eq.game.size(); ++j) {
        const long long count = c[eq.game.types[j]];
        if (count == 0) continue;
        const Interval& s = eq.box[j];
        if (lower_bound(s) > 0) Q = Interval(Q + lift(Rational(count)) * s);
        else R = Interval(R - lift(Rational(count)) * s);  // Krawczyk boxes have certified signs
      }
      const Totals<Interval> totals{Q, R};
      for (std::size_t x = 0; x < k; ++x) {
        if (!relevant[x]) continue;
        Interval offer;
        if (xp == x) {  // a nondefector plays beta^{sigma*}(x) (L188)
          const auto it = std::find(eq.game.types.begin(), eq.game.types.end(), x);
          offer = eq.box[static_cast<std::size_t>(it - eq.game.types.begin())];
        } else {  // a defector best-responds to beta^sigma' with its own posterior (10)
          const Stage2Game& g = *own[x];
          const std::size_t i =
              static_cast<std::size_t>(std::find(g.types.begin(), g.types.end(), x) - g.types.begin());
          const Totals<Mpfr> approx_totals{midpoint(Q), midpoint(R)};
          const Mpfr approx = best_response_bisection(g, i, approx_totals);
          // The totals are enclosures of width ~ M radius, so the enclosure of the response
          // must be wider than the box radius: widen until both signs are certified.
          std::optional<Interval> enclosed;
          for (int widening = 0; widening < 4 && !enclosed; ++widening)
            enclosed = best_response_enclosure(g, i, totals, approx,
                                               Mpfr(radius * boost::multiprecision::pow(Mpfr(1000), widening)));
          if (!enclosed) {
            out.failure = "type " + info.types[x] + " reading as " + info.types[xp] + ", others " +
                          configuration_text(c) + ": the deviator's best response could not be enclosed";
            return out;
          }
          offer = *enclosed;
        }
        const Bundle<Interval> bundle = bundle_of(e, totals, offer);
        for (std::size_t z = 0; z < Z; ++z) {
          if (tau[x][z] == 0 || w[z] == 0) continue;
          out.F[x][xp] = Interval(out.F[x][xp] +
                                  lift(tau[x][z] * w[z]) * utility_enclosure(info.utility[x][z], bundle.q, bundle.r));
        }
      }
    }
  }
  return out;
}

}  // namespace mechcheck::hw
