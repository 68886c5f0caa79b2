// Assumptions, utilities, and the continuum economy L^z(eps) of Hu & Wallace (2012), exactly.
// The generic formulas (Bayes rule, eqs. (18)-(20)) are in theory_kinds.cpp.
#include "hw/model/theory.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace mechcheck::hw {

using mechcheck::to_string;

const char* to_string(Family f) { return f == Family::cobb_douglas ? "cobb_douglas" : "ces"; }

namespace {

std::string where(const Information& info, std::size_t x, std::size_t z) {
  return "u(.; " + info.types[x] + ", " + info.states[z] + ")";
}

bool integer_sigma(const Utility& u) { return u.family == Family::ces && denominator(u.sigma) == 1 && u.sigma >= 2; }

Integer integer_power(const Integer& base, unsigned long e) {
  Integer out = 1;
  for (unsigned long i = 0; i < e; ++i) out *= base;
  return out;
}

Rational power(const Rational& base, long e) {
  Rational out = 1;
  for (long i = 0; i < (e < 0 ? -e : e); ++i) out *= base;
  return e < 0 ? Rational(1) / out : out;
}

UnivariateRational constant(const Rational& c) {
  return {RationalPolynomial::constant(c), RationalPolynomial::constant(1)};
}
UnivariateRational add(const UnivariateRational& a, const UnivariateRational& b) {
  return {a.num * b.den + b.num * a.den, a.den * b.den};
}
UnivariateRational scale(const UnivariateRational& a, const Rational& c) { return {a.num * c, a.den}; }
UnivariateRational times_p(const UnivariateRational& a) { return {a.num * RationalPolynomial::identity(), a.den}; }

// c p^k as a polynomial.
RationalPolynomial monomial(const Rational& c, long k) {
  std::vector<Rational> coefficients(static_cast<std::size_t>(k) + 1, Rational(0));
  coefficients.back() = c;
  return RationalPolynomial(coefficients);
}

std::vector<Algebraic> positive_roots(const RationalPolynomial& p) {
  std::vector<Algebraic> out;
  if (p.is_zero() || p.is_constant()) return out;
  for (auto& r : real_roots(p))
    if (r.sign() > 0) out.push_back(r);
  return out;
}

Algebraic evaluate(const UnivariateRational& f, const Algebraic& p) {
  Algebraic d = f.den(p);
  if (d.sign() == 0) throw std::domain_error("hw: a denominator vanishes at p = " + p.to_string(12));
  return f.num(p) / d;
}

}  // namespace

// ---------------------------------------------------------------- assumptions
AssumptionCheck utility_assumptions(const Information& info) {
  for (std::size_t x = 0; x < info.type_count(); ++x)
    for (std::size_t z = 0; z < info.state_count(); ++z) {
      const Utility& u = info.utility[x][z];
      if (!(u.a > 0) || !(u.b > 0))
        return {"utility_assumptions", false,
                where(info, x, z) + " = " + to_string(u.family) + " with a = " + to_string(u.a) + ", b = " +
                    to_string(u.b) + ": not strictly increasing and strictly concave in both goods (needs a, b > 0)"};
    }
  return {"utility_assumptions", true,
          "every u(.; x, z) is Cobb-Douglas or CES with a, b > 0 (and sigma > 0): strictly increasing, strictly "
          "concave, C^1 on R^2_++, Inada"};
}

AssumptionCheck gross_substitutes(const Information& info) {
  for (std::size_t x = 0; x < info.type_count(); ++x)
    for (std::size_t z = 0; z < info.state_count(); ++z) {
      const Utility& u = info.utility[x][z];
      if (u.family == Family::ces && u.sigma < 1)
        return {"gross_substitutes", false,
                where(info, x, z) + " is CES with elasticity sigma = " + to_string(u.sigma) +
                    " < 1 (complements): gross substitutes, the sufficient condition of footnote 2 (L59), fails"};
    }
  return {"gross_substitutes", true, "Cobb-Douglas and CES with sigma >= 1 only"};
}

AssumptionCheck informative(const Information& info) {
  for (std::size_t z = 0; z < info.state_count(); ++z)
    for (std::size_t w = z + 1; w < info.state_count(); ++w)
      if (info.mu[z] == info.mu[w])
        return {
            "informative", false,
            "mu_" + info.states[z] + " = mu_" + info.states[w] + ": x says nothing to tell these states apart (L43)"};
  return {"informative", true, "distinct states have distinct mu_z"};
}

AssumptionCheck epsilon_positive(const Economy& e) {
  const bool ok = e.epsilon.q > 0 && e.epsilon.r > 0;
  return {"epsilon_positive", ok,
          "epsilon = (" + to_string(e.epsilon.q) + ", " + to_string(e.epsilon.r) + ")" +
              (ok ? " > 0" : ": the paper requires eps_q > 0 and eps_r > 0 (L67)")};
}

AssumptionCheck assumption(const Economy& e, const std::string& name) {
  if (name == "epsilon_positive") return epsilon_positive(e);
  if (!e.info) throw std::invalid_argument("hw: the assumption " + name + " needs the economy (types, states, ...)");
  if (name == "utility_assumptions") return utility_assumptions(*e.info);
  if (name == "gross_substitutes") return gross_substitutes(*e.info);
  if (name == "informative") return informative(*e.info);
  throw std::invalid_argument("hw: unknown assumption " + name);
}

Rational block_mass(const Information& info, std::size_t z, unsigned long long mask) {
  Rational m = 0;
  for (std::size_t x = 0; x < info.type_count(); ++x)
    if (mask >> x & 1ULL) m += info.mu[z][x];
  return m;
}

// ---------------------------------------------------------------- utilities
Algebraic rational_power(const Rational& q, const Rational& e) {
  if (!(q > 0)) throw std::domain_error("hw: rational_power needs a positive base");
  const Integer num = numerator(e), den = denominator(e);
  const Rational qn = power(q, num.convert_to<long>());
  if (den == 1) return Algebraic(qn);
  std::vector<Rational> c(den.convert_to<std::size_t>() + 1, Rational(0));
  c.front() = -qn;
  c.back() = 1;
  auto roots = real_roots(RationalPolynomial(c));
  return roots.back();  // x^den = qn > 0 has exactly one positive root, the largest
}

std::pair<Algebraic, Algebraic> marginal_utilities(const Utility& u, const Rational& q, const Rational& r) {
  if (!(q > 0) || !(r > 0)) throw std::domain_error("hw: marginal utilities need q, r > 0");
  if (u.family == Family::cobb_douglas) return {Algebraic(u.a / q), Algebraic(u.b / r)};
  const Rational e = -1 / u.sigma;  // rho - 1
  return {Algebraic(u.a) * rational_power(q, e), Algebraic(u.b) * rational_power(r, e)};
}

std::pair<Algebraic, Algebraic> expected_marginal_utilities(const Information& info, std::size_t x,
                                                            const std::vector<Rational>& phi, const Rational& q,
                                                            const Rational& r) {
  Algebraic uq(0), ur(0);
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    if (phi[z] == 0) continue;
    auto [a, b] = marginal_utilities(info.utility[x][z], q, r);
    uq += Algebraic(phi[z]) * a;
    ur += Algebraic(phi[z]) * b;
  }
  return {uq, ur};
}

std::optional<std::pair<Rational, Rational>> expected_cobb_douglas(const Information& info, std::size_t x,
                                                                   const std::vector<Rational>& phi) {
  Rational A = 0, B = 0;
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    if (phi[z] == 0) continue;
    const Utility& u = info.utility[x][z];
    if (u.family != Family::cobb_douglas) return std::nullopt;
    A += phi[z] * u.a;
    B += phi[z] * u.b;
  }
  return std::make_pair(A, B);
}

int compare_cobb_douglas(const Rational& A, const Rational& B, const Bundle<Rational>& x1, const Bundle<Rational>& x2) {
  const Integer L = boost::multiprecision::lcm(denominator(A), denominator(B));
  const unsigned long a = (A * L).convert_to<Integer>().convert_to<unsigned long>();
  const unsigned long b = (B * L).convert_to<Integer>().convert_to<unsigned long>();
  // q1^a r1^b vs q2^a r2^b, all positive rationals: cross-multiply numerators and denominators.
  auto value = [&](const Bundle<Rational>& x) {
    return Rational(integer_power(numerator(x.q), a) * integer_power(numerator(x.r), b),
                    integer_power(denominator(x.q), a) * integer_power(denominator(x.r), b));
  };
  const Rational v1 = value(x1), v2 = value(x2);
  return v1 < v2 ? -1 : (v1 > v2 ? 1 : 0);
}

// ---------------------------------------------------------------- L^z(eps)
std::optional<UnivariateRational> walrasian_demand_q(const Utility& u, const Rational& qbar, const Rational& rbar) {
  const RationalPolynomial wealth({rbar, qbar});  // p qbar + rbar
  if (u.family == Family::cobb_douglas) {
    if (u.a + u.b == 0) return std::nullopt;
    return UnivariateRational{wealth * (u.a / (u.a + u.b)), RationalPolynomial::identity()};
  }
  if (!integer_sigma(u)) return std::nullopt;
  const long k = numerator(u.sigma).convert_to<long>();
  // r/q = (p b/a)^k at the optimum (MRS = p), so q (p + (b/a)^k p^k) = p qbar + rbar.
  return UnivariateRational{wealth, RationalPolynomial::identity() + monomial(power(u.b / u.a, k), k)};
}

std::optional<GameBestResponse> continuum_best_response(const Utility& u, const Rational& qbar, const Rational& rbar) {
  const RationalPolynomial p = RationalPolynomial::identity();
  if (u.family == Family::cobb_douglas) {
    if (u.a + u.b == 0) return std::nullopt;
    // d/db [a ln(qbar - b) + b_ ln(rbar + p b)] = 0  ->  b = (b_ p qbar - a rbar)/((a + b_) p)
    // d/db [a ln(qbar + b/p) + b_ ln(rbar - b)] = 0  ->  b = (a rbar - b_ p qbar)/(a + b_)
    const RationalPolynomial num_q({-u.a * rbar, u.b * qbar});
    return GameBestResponse{{num_q, p * (u.a + u.b)}, {-num_q, RationalPolynomial::constant(u.a + u.b)}};
  }
  if (!integer_sigma(u)) return std::nullopt;
  const long k = numerator(u.sigma).convert_to<long>();
  // u_q/u_r = p at the chosen bundle (both sides): (r/q) = K(p) = (b/a)^k p^k.
  const RationalPolynomial K = monomial(power(u.b / u.a, k), k);
  const RationalPolynomial num_q = K * qbar - RationalPolynomial::constant(rbar);  // rbar + p b = K (qbar - b)
  return GameBestResponse{{num_q, p + K}, {-(p * num_q), p + K}};                  // rbar - b = K (qbar + b/p)
}

Population population(const Information& info, std::size_t z) {
  Population pop;
  for (std::size_t x = 0; x < info.type_count(); ++x)
    if (info.mu[z][x] > 0) {
      pop.types.push_back(x);
      pop.mass.push_back(info.mu[z][x]);
      pop.utility.push_back(info.utility[x][z]);
    }
  return pop;
}

CompetitiveEquilibria competitive_equilibria(const Economy& e, std::size_t z) {
  CompetitiveEquilibria out;
  const Population pop = population(*e.info, z);
  // (19): eps_r/p + sum_x mu(x) q(x; p) - qbar - eps_q = 0.
  UnivariateRational gap{RationalPolynomial::constant(e.epsilon.r), RationalPolynomial::identity()};
  gap = add(gap, constant(-e.qbar - e.epsilon.q));
  std::vector<UnivariateRational> demand;
  for (std::size_t i = 0; i < pop.types.size(); ++i) {
    auto d = walrasian_demand_q(pop.utility[i], e.qbar, e.rbar);
    if (!d) {
      out.unsupported = "no exact Walrasian demand for u(.; " + e.info->types[pop.types[i]] + ", " + e.info->states[z] +
                        ") (CES with a non-integer elasticity)";
      return out;
    }
    demand.push_back(*d);
    gap = add(gap, scale(*d, pop.mass[i]));
  }
  out.excess_numerator = gap.num;
  if (gap.num.is_zero()) {
    out.unsupported = "the excess demand (19) vanishes identically";
    return out;
  }
  for (const Algebraic& p : positive_roots(gap.num)) {
    if (gap.den(p).sign() == 0) continue;
    CompetitiveEquilibrium ce{p, {}};
    bool defined = true;
    for (const auto& d : demand) {
      if (d.den(p).sign() == 0) {
        defined = false;
        break;
      }
      const Algebraic q = evaluate(d, p);
      ce.bundle.push_back({q, p * Algebraic(e.qbar) + Algebraic(e.rbar) - p * q});  // budget
    }
    if (defined) out.equilibria.push_back(std::move(ce));
  }
  return out;
}

Rational rational_between(const Algebraic& a, const Algebraic& b) {
  if (!(a < b)) throw std::invalid_argument("hw: rational_between needs a < b");
  for (long bits = 16;; bits *= 2) {
    auto [alo, ahi] = a.isolating_interval(bits);
    auto [blo, bhi] = b.isolating_interval(bits);
    if (ahi < blo) return (ahi + blo) / 2;
    if (a.is_rational() && a.to_rational() < blo) return (a.to_rational() + blo) / 2;
    if (b.is_rational() && ahi < b.to_rational()) return (ahi + b.to_rational()) / 2;
  }
}

NashEquilibria nash_equilibria(const Economy& e, std::size_t z) {
  NashEquilibria out;
  const Population pop = population(*e.info, z);
  std::vector<GameBestResponse> br;
  for (std::size_t i = 0; i < pop.types.size(); ++i) {
    auto b = continuum_best_response(pop.utility[i], e.qbar, e.rbar);
    if (!b) {
      out.unsupported = "no exact best response for u(.; " + e.info->types[pop.types[i]] + ", " + e.info->states[z] +
                        ") (CES with a non-integer elasticity)";
      return out;
    }
    br.push_back(*b);
  }
  // Breakpoints: prices where a type's stationary offer of q (and of r) is 0.
  std::vector<Algebraic> cuts;
  for (const auto& b : br)
    for (auto& m : positive_roots(b.sell_q.num)) cuts.push_back(m);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  out.breakpoints = cuts;

  // Offers at p, given which side each type is on.
  auto profile_at = [&](const Algebraic& p) {
    NashEquilibrium ne;
    ne.price = p;
    for (const auto& b : br) {
      Algebraic sq = evaluate(b.sell_q, p), sr = evaluate(b.sell_r, p);
      Offer<Algebraic> o{sq.sign() > 0 ? sq : Algebraic(0), sr.sign() > 0 ? sr : Algebraic(0)};
      ne.bundle.push_back(continuum_bundle(Algebraic(e.qbar), Algebraic(e.rbar), p, o));
      ne.beta.push_back(o);
    }
    return ne;
  };

  std::vector<Algebraic> found;
  const std::size_t pieces = cuts.size() + 1;
  for (std::size_t k = 0; k < pieces; ++k) {
    const Algebraic lo = k == 0 ? Algebraic(0) : cuts[k - 1];
    const std::optional<Algebraic> hi = k < cuts.size() ? std::optional<Algebraic>(cuts[k]) : std::nullopt;
    const Rational test = hi ? rational_between(lo, *hi) : lo.isolating_interval(8).second + 1;
    // F(p) = p (eps_q + sum mu BR_q) - (eps_r + sum mu BR_r) with each type's side on this piece.
    UnivariateRational offered_q = constant(e.epsilon.q), offered_r = constant(e.epsilon.r);
    for (std::size_t i = 0; i < br.size(); ++i) {
      if (br[i].sell_q.num(test) * br[i].sell_q.den(test) > 0)
        offered_q = add(offered_q, scale(br[i].sell_q, pop.mass[i]));
      if (br[i].sell_r.num(test) * br[i].sell_r.den(test) > 0)
        offered_r = add(offered_r, scale(br[i].sell_r, pop.mass[i]));
    }
    const UnivariateRational F = add(times_p(offered_q), scale(offered_r, -1));
    if (F.num.is_zero()) {
      out.unsupported = "the Nash condition vanishes identically on a piece of prices";
      return out;
    }
    std::vector<Algebraic> candidates = positive_roots(F.num);
    for (const Algebraic& p : candidates) {
      if (!(p > lo)) continue;
      if (hi && p > *hi) continue;  // the right end is a breakpoint, the formula extends to it
      if (F.den(p).sign() == 0) continue;
      if (std::find(found.begin(), found.end(), p) == found.end()) found.push_back(p);
    }
  }
  std::sort(found.begin(), found.end());
  for (const Algebraic& p : found) out.equilibria.push_back(profile_at(p));
  if (e.epsilon.q == 0 && e.epsilon.r == 0) {
    // No trade: (Q, R) = (0, 0), so any one-sided deviation gets nothing (sell_*_bundle).
    NashEquilibrium none;
    for (std::size_t i = 0; i < br.size(); ++i) {
      none.beta.push_back({Algebraic(0), Algebraic(0)});
      none.bundle.push_back({Algebraic(e.qbar), Algebraic(e.rbar)});
    }
    out.equilibria.push_back(std::move(none));
  }
  return out;
}

}  // namespace mechcheck::hw
