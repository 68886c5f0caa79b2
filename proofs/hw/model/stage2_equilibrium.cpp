// The stage-2 equilibrium beta^sigma (Hu & Wallace 2012, Proposition 1): first-order conditions
// generic over the scalar (MPFR, MPFI, and forward-mode duals of both), Newton in MPFR, and the
// Krawczyk test in MPFI with outward rounding. See stage2_equilibrium.hpp and proofs/hw/docs/prop.md.
#include "hw/model/stage2_equilibrium.hpp"

#include "hw/model/theory.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <limits>
#include <mpfi.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace mechcheck::hw {

// ---------------------------------------------------------------- scalars
// Forward-mode arithmetic (found by argument lookup: namespace scope, like Dual).
template <class T>
Dual<T> operator+(const Dual<T>& a, const Dual<T>& b) {
  Dual<T> out{T(a.v + b.v), {}};
  const std::size_t n = std::max(a.d.size(), b.d.size());
  out.d.resize(n, from_rational<T>(Rational(0)));
  for (std::size_t k = 0; k < n; ++k) {
    if (k < a.d.size()) out.d[k] = T(out.d[k] + a.d[k]);
    if (k < b.d.size()) out.d[k] = T(out.d[k] + b.d[k]);
  }
  return out;
}
template <class T>
Dual<T> operator-(const Dual<T>& a) {
  Dual<T> out{T(-a.v), a.d};
  for (auto& x : out.d) x = T(-x);
  return out;
}
template <class T>
Dual<T> operator-(const Dual<T>& a, const Dual<T>& b) {
  return a + (-b);
}
template <class T>
Dual<T> operator*(const Dual<T>& a, const Dual<T>& b) {
  Dual<T> out{T(a.v * b.v), {}};
  const std::size_t n = std::max(a.d.size(), b.d.size());
  out.d.resize(n, from_rational<T>(Rational(0)));
  for (std::size_t k = 0; k < n; ++k) {
    if (k < a.d.size()) out.d[k] = T(out.d[k] + a.d[k] * b.v);
    if (k < b.d.size()) out.d[k] = T(out.d[k] + a.v * b.d[k]);
  }
  return out;
}
template <class T>
Dual<T> operator/(const Dual<T>& a, const Dual<T>& b) {
  const T v = T(a.v / b.v);
  Dual<T> out{v, {}};
  const std::size_t n = std::max(a.d.size(), b.d.size());
  out.d.resize(n, from_rational<T>(Rational(0)));
  for (std::size_t k = 0; k < n; ++k) {
    T num = k < a.d.size() ? a.d[k] : from_rational<T>(Rational(0));
    if (k < b.d.size()) num = T(num - v * b.d[k]);
    out.d[k] = T(num / b.v);
  }
  return out;
}

namespace {

template <class S>
struct Scalar {  // Mpfr, Interval
  static S lift(const Rational& q) { return from_rational<S>(q); }
  static S exp(const S& x) { return S(boost::multiprecision::exp(x)); }
  static S log(const S& x) { return S(boost::multiprecision::log(x)); }
};

template <class T>
struct Scalar<Dual<T>> {
  static Dual<T> lift(const Rational& q) { return {from_rational<T>(q), {}}; }
  static Dual<T> exp(const Dual<T>& x) {
    Dual<T> out{Scalar<T>::exp(x.v), x.d};
    for (auto& d : out.d) d = T(d * out.v);
    return out;
  }
  static Dual<T> log(const Dual<T>& x) {
    Dual<T> out{Scalar<T>::log(x.v), x.d};
    for (auto& d : out.d) d = T(d / x.v);
    return out;
  }
};

template <class S>
S lift(const Rational& q) {
  return Scalar<S>::lift(q);
}

}  // namespace

template <class S>
S marginal_utility(const Utility& u, const Rational& w, const S& y) {
  if (u.family == Family::cobb_douglas) return S(lift<S>(w) / y);
  const S e = lift<S>(Rational(-1) / u.sigma);
  return S(lift<S>(w) * Scalar<S>::exp(S(e * Scalar<S>::log(y))));
}
template Mpfr marginal_utility<Mpfr>(const Utility&, const Rational&, const Mpfr&);
template Interval marginal_utility<Interval>(const Utility&, const Rational&, const Interval&);

namespace {

// The game's rationals lifted to the scalar S once (from_rational rounds to nearest in Mpfr and
// encloses in Interval), for a whole Newton solve, bisection or Krawczyk test instead of at every
// evaluation of Phi: the bisections evaluate Phi about 140 times per best response, and the
// lifts (a rational rounded each) were about a third of their cost. A lift is deterministic at
// the current precision, and the formulas below use the lifted values in the same expressions
// (same operations in the same order, so the same roundings; an operand that was a temporary is
// still one where that decides Boost's evaluation), so every value is the one the inline lifts
// gave (tests/hw/prop1_test.cpp compares Phi and the totals bit for bit in Mpfr and Interval).
template <class S>
struct LiftedGame {
  struct Weights {  // of u(.; x, z): u.a, u.b and, for CES, the exponent -1/sigma of marginal_utility
    S a, b, exponent;
  };
  S qbar, rbar, minus_one, zero;
  S M_eps_q, M_eps_r;                         // M eps of (L256)
  std::vector<S> phi;                         // per state (states with phi = 0 are skipped)
  std::vector<std::vector<Weights>> utility;  // [present type][state]
  std::vector<S> count, count_but_one;        // per present type: sigma(x) and sigma(x) - 1

  // What a caller needs lifted: the totals (L256) alone, or also the utilities of every present
  // type or of one (a caller that evaluates one Phi_i).
  enum class Parts { totals, all_types, one_type };
  explicit LiftedGame(const Stage2Game& g, Parts parts = Parts::all_types, std::size_t only = 0)
      : qbar(lift<S>(g.qbar)),
        rbar(lift<S>(g.rbar)),
        minus_one(lift<S>(Rational(-1))),
        zero(lift<S>(Rational(0))),
        M_eps_q(lift<S>(Rational(g.M) * g.epsilon.q)),
        M_eps_r(lift<S>(Rational(g.M) * g.epsilon.r)),
        utility(g.size()) {
    for (const Rational& p : g.phi) phi.push_back(p == 0 ? zero : lift<S>(p));
    for (std::size_t i = 0; i < g.size(); ++i) {
      count.push_back(lift<S>(Rational(g.count[i])));
      count_but_one.push_back(lift<S>(Rational(g.count[i] - 1)));
      if (parts == Parts::totals || (parts == Parts::one_type && i != only)) continue;
      for (std::size_t z = 0; z < g.phi.size(); ++z) {
        const Utility& u = g.utility[i][z];
        if (g.phi[z] == 0) {
          utility[i].push_back({zero, zero, zero});
          continue;
        }
        const bool ces = u.family != Family::cobb_douglas;
        utility[i].push_back({lift<S>(u.a), lift<S>(u.b), ces ? lift<S>(Rational(-1) / u.sigma) : zero});
      }
    }
  }
};

// marginal_utility with the weight w and the CES exponent already lifted (same expressions).
template <class S>
S lifted_marginal_utility(const Utility& u, const S& w, const S& exponent, const S& y) {
  if (u.family == Family::cobb_douglas) return S(w / y);
  return S(w * Scalar<S>::exp(S(exponent * Scalar<S>::log(y))));
}

// Phi of present type i at its own offer t >= 0 on `side`, facing totals (Q, R).
template <class S>
S foc_piece(const Stage2Game& g, const LiftedGame<S>& L, std::size_t i, const S& t, int side, const S& Q, const S& R) {
  const S& qbar = L.qbar;
  const S& rbar = L.rbar;
  S q, r, wq, wr;  // bundle, and the weights of E u_q and E u_r in Phi
  if (side > 0) {  // g'(t) = E[-u_q + u_r R Q/(Q + t)^2], (q, r) = (qbar - t, rbar + R t/(Q + t))  (L264)
    const S D = S(Q + t);
    q = S(qbar - t);
    r = S(rbar + R * t / D);
    wq = L.minus_one;
    wr = S(R * Q / (D * D));
  } else {  // -(R/Q) h'(t) = E[-u_q R^2/(R + t)^2 + u_r R/Q], (q, r) = (qbar + Q t/(R + t), rbar - t)  (L268)
    const S D = S(R + t);
    q = S(qbar + Q * t / D);
    r = S(rbar - t);
    wq = S(-(R * R) / (D * D));
    wr = S(R / Q);
  }
  S Euq = L.zero, Eur = L.zero;
  for (std::size_t z = 0; z < g.phi.size(); ++z) {
    if (g.phi[z] == 0) continue;
    const Utility& u = g.utility[i][z];
    const auto& w = L.utility[i][z];
    Euq = S(Euq + L.phi[z] * lifted_marginal_utility<S>(u, w.a, w.exponent, q));
    Eur = S(Eur + L.phi[z] * lifted_marginal_utility<S>(u, w.b, w.exponent, r));
  }
  return S(wq * Euq + wr * Eur);
}

// The sign of foc_piece<Mpfr> of one present type, for the best-response bisection, with its
// arithmetic written out as MPFR calls on numbers allocated once per bisection: Boost's
// expression templates allocate a dozen temporaries per evaluation of Phi, which were most of
// the bisections' cost. The calls are the operations Boost performs for foc_piece's expressions,
// in the same order on the same operands: each sum, product and quotient rounded to nearest at
// the working precision (a commuted operand, where Boost reuses a temporary, rounds the same), a
// negation exact, and wq Euq + wr Eur as two rounded products added (Boost fuses a product only
// into a sum with a plain number, not into a sum of two products). So each value, hence each
// sign, is foc_piece's to the bit (tests/hw/prop1_test.cpp compares the bisection's points with
// those of the formulas, and catches a fused product there).
class MpfrPhiSign {
 public:
  MpfrPhiSign(const Stage2Game& g, const LiftedGame<Mpfr>& L, std::size_t i) : g_(g), L_(L), i_(i) {
    const mpfr_prec_t precision = mpfr_get_prec(Mpfr().backend().data());  // that of Boost's temporaries
    for (mpfr_t* x : {&D_, &q_, &r_, &wq_, &wr_, &Euq_, &Eur_, &m_, &square_, &phi_}) mpfr_init2(*x, precision);
  }
  ~MpfrPhiSign() {
    for (mpfr_t* x : {&D_, &q_, &r_, &wq_, &wr_, &Euq_, &Eur_, &m_, &square_, &phi_}) mpfr_clear(*x);
  }
  MpfrPhiSign(const MpfrPhiSign&) = delete;
  MpfrPhiSign& operator=(const MpfrPhiSign&) = delete;

  // sign(Phi_i) at the own offer t >= 0 on `side`, facing totals (Q, R): foc_piece's steps.
  int operator()(const Mpfr& t_, int side, const Mpfr& Q_, const Mpfr& R_) {
    const auto t = t_.backend().data(), Q = Q_.backend().data(), R = R_.backend().data();
    if (side > 0) {
      mpfr_add(D_, Q, t, MPFR_RNDN);              // D = Q + t
      mpfr_sub(q_, data(L_.qbar), t, MPFR_RNDN);  // q = qbar - t
      mpfr_mul(r_, R, t, MPFR_RNDN);              // r = rbar + (R t) / D
      mpfr_div(r_, r_, D_, MPFR_RNDN);
      mpfr_add(r_, r_, data(L_.rbar), MPFR_RNDN);
      mpfr_set(wq_, data(L_.minus_one), MPFR_RNDN);  // wq = -1
      mpfr_mul(wr_, R, Q, MPFR_RNDN);                // wr = (R Q) / (D D)
      mpfr_mul(square_, D_, D_, MPFR_RNDN);
      mpfr_div(wr_, wr_, square_, MPFR_RNDN);
    } else {
      mpfr_add(D_, R, t, MPFR_RNDN);  // D = R + t
      mpfr_mul(q_, Q, t, MPFR_RNDN);  // q = qbar + (Q t) / D
      mpfr_div(q_, q_, D_, MPFR_RNDN);
      mpfr_add(q_, q_, data(L_.qbar), MPFR_RNDN);
      mpfr_sub(r_, data(L_.rbar), t, MPFR_RNDN);  // r = rbar - t
      mpfr_mul(wq_, R, R, MPFR_RNDN);             // wq = -(R R) / (D D)
      mpfr_neg(wq_, wq_, MPFR_RNDN);
      mpfr_mul(square_, D_, D_, MPFR_RNDN);
      mpfr_div(wq_, wq_, square_, MPFR_RNDN);
      mpfr_div(wr_, R, Q, MPFR_RNDN);  // wr = R / Q
    }
    mpfr_set(Euq_, data(L_.zero), MPFR_RNDN);
    mpfr_set(Eur_, data(L_.zero), MPFR_RNDN);
    for (std::size_t z = 0; z < g_.phi.size(); ++z) {
      if (g_.phi[z] == 0) continue;
      const Utility& u = g_.utility[i_][z];
      const auto& w = L_.utility[i_][z];
      mpfr_set(phi_, data(L_.phi[z]), MPFR_RNDN);
      add_weighted_marginal(Euq_, u, w.a, w.exponent, q_);  // Euq = Euq + phi u_q(q)
      add_weighted_marginal(Eur_, u, w.b, w.exponent, r_);  // Eur = Eur + phi u_r(r)
    }
    mpfr_mul(m_, wq_, Euq_, MPFR_RNDN);  // wq Euq + wr Eur, both products rounded (not fused)
    mpfr_mul(square_, wr_, Eur_, MPFR_RNDN);
    mpfr_add(m_, m_, square_, MPFR_RNDN);
    return mpfr_sgn(m_);
  }

 private:
  static mpfr_srcptr data(const Mpfr& x) { return x.backend().data(); }

  // total = total + phi * marginal_utility(u, weight, y) (lifted_marginal_utility's steps).
  void add_weighted_marginal(mpfr_t total, const Utility& u, const Mpfr& weight, const Mpfr& exponent, mpfr_t y) {
    if (u.family == Family::cobb_douglas) {
      mpfr_div(m_, data(weight), y, MPFR_RNDN);  // w / y
    } else {
      mpfr_log(m_, y, MPFR_RNDN);  // w exp(e log y)
      mpfr_mul(m_, m_, data(exponent), MPFR_RNDN);
      mpfr_exp(m_, m_, MPFR_RNDN);
      mpfr_mul(m_, m_, data(weight), MPFR_RNDN);
    }
    mpfr_mul(m_, m_, phi_, MPFR_RNDN);
    mpfr_add(total, m_, total, MPFR_RNDN);
  }

  const Stage2Game& g_;
  const LiftedGame<Mpfr>& L_;
  std::size_t i_;
  mpfr_t D_, q_, r_, wq_, wr_, Euq_, Eur_, m_, square_, phi_;
};

template <class S>
S signed_part(const LiftedGame<S>& L, const S& s, int side, int which) {  // the amount offered of good `which`
  if (side != which) return S(L.zero);                                    // (+1 q, -1 r)
  return side > 0 ? s : S(-s);
}

template <class S>
Totals<S> lifted_others_totals(const Stage2Game& g, const LiftedGame<S>& L, const std::vector<S>& s, const Sides& sides,
                               std::size_t i) {
  S Q = L.M_eps_q, R = L.M_eps_r;  // (L256)
  for (std::size_t j = 0; j < g.size(); ++j) {
    const S& c = j == i ? L.count_but_one[j] : L.count[j];
    Q = S(Q + c * signed_part(L, s[j], sides[j], +1));
    R = S(R + c * signed_part(L, s[j], sides[j], -1));
  }
  return {Q, R};
}

template <class S>
std::vector<S> lifted_first_order_conditions(const Stage2Game& g, const LiftedGame<S>& L, const std::vector<S>& s,
                                             const Sides& sides) {
  std::vector<S> out;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const Totals<S> T = lifted_others_totals(g, L, s, sides, i);
    const S t = sides[i] > 0 ? s[i] : S(-s[i]);
    out.push_back(foc_piece(g, L, i, t, sides[i], T.q, T.r));
  }
  return out;
}

}  // namespace

template <class S>
Totals<S> others_totals_of(const Stage2Game& g, const std::vector<S>& s, const Sides& sides, std::size_t i) {
  return lifted_others_totals(g, LiftedGame<S>(g, LiftedGame<S>::Parts::totals), s, sides, i);
}

template <class S>
std::vector<S> first_order_conditions(const Stage2Game& g, const std::vector<S>& s, const Sides& sides) {
  return lifted_first_order_conditions(g, LiftedGame<S>(g), s, sides);
}

#define MECHCHECK_HW_STAGE2_INSTANTIATE(S)                                                                     \
  template Totals<S> others_totals_of<S>(const Stage2Game&, const std::vector<S>&, const Sides&, std::size_t); \
  template std::vector<S> first_order_conditions<S>(const Stage2Game&, const std::vector<S>&, const Sides&);
MECHCHECK_HW_STAGE2_INSTANTIATE(Mpfr)
MECHCHECK_HW_STAGE2_INSTANTIATE(Interval)
MECHCHECK_HW_STAGE2_INSTANTIATE(Dual<Mpfr>)
MECHCHECK_HW_STAGE2_INSTANTIATE(Dual<Interval>)

// ---------------------------------------------------------------- the game
Stage2Game stage2_game(const Economy& e, const std::vector<long long>& sigma, std::vector<Rational> phi) {
  if (!e.info) throw std::invalid_argument("hw: the stage-2 game needs the economy (types, states, ...)");
  const Information& info = *e.info;
  if (sigma.size() != info.type_count()) throw std::invalid_argument("hw: a configuration needs one count per type");
  Stage2Game g;
  g.qbar = e.qbar;
  g.rbar = e.rbar;
  g.epsilon = e.epsilon;
  for (std::size_t x = 0; x < sigma.size(); ++x) {
    if (sigma[x] < 0) throw std::invalid_argument("hw: a count sigma(x) must be >= 0");
    g.M += sigma[x];
    if (sigma[x] == 0) continue;
    g.types.push_back(x);
    g.count.push_back(sigma[x]);
    g.utility.push_back(info.utility[x]);
  }
  if (g.M < 1) throw std::invalid_argument("hw: a configuration needs at least one active agent");
  g.phi = std::move(phi);
  return g;
}

Stage2Game stage2_game(const Economy& e, const std::vector<long long>& sigma) {
  if (!e.info) throw std::invalid_argument("hw: the stage-2 game needs the economy (types, states, ...)");
  return stage2_game(e, sigma, configuration_posterior<Rational>(*e.info, sigma));
}

unsigned long long configuration_count(std::size_t types, long long M) {
  if (types == 0 || M < 0) return 0;
  // C(M + k, k) with k = types - 1, as the running product prod_{j=1..k} (M + j)/j: each
  // partial product C(M + j, j) is an integer, so the division is exact.
  Integer count = 1;
  const Integer cap(std::numeric_limits<unsigned long long>::max());
  for (std::size_t j = 1; j < types; ++j) {
    count = count * (Integer(M) + Integer(static_cast<unsigned long long>(j))) /
            Integer(static_cast<unsigned long long>(j));
    if (count > cap) return std::numeric_limits<unsigned long long>::max();
  }
  return count.convert_to<unsigned long long>();
}

unsigned long long saturating_product(unsigned long long a, unsigned long long b) {
  if (a != 0 && b > std::numeric_limits<unsigned long long>::max() / a)
    return std::numeric_limits<unsigned long long>::max();
  return a * b;
}

unsigned long long saturating_sum(unsigned long long a, unsigned long long b) {
  return b > std::numeric_limits<unsigned long long>::max() - a ? std::numeric_limits<unsigned long long>::max()
                                                                : a + b;
}

std::vector<std::vector<long long>> all_configurations(std::size_t types, long long M) {
  std::vector<std::vector<long long>> out;
  std::vector<long long> sigma(types, 0);
  std::function<void(std::size_t, long long)> rec = [&](std::size_t i, long long left) {
    if (i + 1 == types) {
      sigma[i] = left;
      out.push_back(sigma);
      return;
    }
    for (long long k = 0; k <= left; ++k) {
      sigma[i] = k;
      rec(i + 1, left - k);
    }
  };
  if (types > 0) rec(0, M);
  return out;
}

std::string configuration_text(const std::vector<long long>& sigma) {
  std::string s = "(";
  for (std::size_t x = 0; x < sigma.size(); ++x) s += (x ? "," : "") + std::to_string(sigma[x]);
  return s + ")";
}

std::vector<Rational> configuration_posterior_mpfr(const Information& info, const std::vector<long long>& sigma) {
  std::vector<std::optional<Mpfr>> logw;
  for (std::size_t z = 0; z < info.state_count(); ++z) {
    Mpfr w = Mpfr(boost::multiprecision::log(from_rational<Mpfr>(info.prior[z])));
    bool zero = false;
    for (std::size_t x = 0; x < info.type_count(); ++x) {
      if (sigma[x] == 0) continue;
      if (info.mu[z][x] == 0) {
        zero = true;
        break;
      }
      w = Mpfr(w + Mpfr(sigma[x]) * Mpfr(boost::multiprecision::log(from_rational<Mpfr>(info.mu[z][x]))));
    }
    logw.push_back(zero ? std::nullopt : std::optional<Mpfr>(w));
  }
  std::optional<Mpfr> top;
  for (const auto& w : logw)
    if (w && (!top || *w > *top)) top = *w;
  if (!top) throw std::invalid_argument("hw: the configuration has probability 0 in every state");
  std::vector<Mpfr> w;
  Mpfr total = 0;
  for (const auto& l : logw) {
    w.push_back(l ? Mpfr(boost::multiprecision::exp(Mpfr(*l - *top))) : Mpfr(0));
    total = Mpfr(total + w.back());
  }
  std::vector<Rational> out;
  for (auto& v : w) {
    const Mpfr p = Mpfr(v / total);
    Rational q;
    mpfr_get_q(q.backend().data(), p.backend().data());
    out.push_back(q);
  }
  return out;
}

Sides sides_of(const std::vector<Mpfr>& s) {
  Sides out;
  for (const auto& v : s) out.push_back(v.sign() >= 0 ? 1 : -1);
  return out;
}

std::vector<Offer<Mpfr>> offers_of(const std::vector<Mpfr>& s) {
  std::vector<Offer<Mpfr>> out;
  for (const auto& v : s) out.push_back(v.sign() >= 0 ? Offer<Mpfr>{v, Mpfr(0)} : Offer<Mpfr>{Mpfr(0), Mpfr(-v)});
  return out;
}

// ---------------------------------------------------------------- Jacobians by forward mode
namespace {
template <class T>
std::vector<std::vector<T>> jacobian_of(const Stage2Game& g, const LiftedGame<Dual<T>>& L, const std::vector<T>& s,
                                        const Sides& sides) {
  const std::size_t n = g.size();
  std::vector<Dual<T>> x;
  for (std::size_t j = 0; j < n; ++j) {
    Dual<T> d{s[j], std::vector<T>(n, from_rational<T>(Rational(0)))};
    d.d[j] = from_rational<T>(Rational(1));
    x.push_back(d);
  }
  const auto F = lifted_first_order_conditions(g, L, x, sides);
  std::vector<std::vector<T>> J(n, std::vector<T>(n, from_rational<T>(Rational(0))));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n && j < F[i].d.size(); ++j) J[i][j] = F[i].d[j];
  return J;
}

// Gaussian elimination with partial pivoting in MPFR; nullopt when a pivot is 0.
std::optional<MpfrMatrix> inverse(MpfrMatrix A) {
  const std::size_t n = A.size();
  MpfrMatrix I(n, std::vector<Mpfr>(n, Mpfr(0)));
  for (std::size_t i = 0; i < n; ++i) I[i][i] = 1;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (abs(A[r][c]) > abs(A[p][c])) p = r;
    if (A[p][c].sign() == 0) return std::nullopt;
    std::swap(A[p], A[c]);
    std::swap(I[p], I[c]);
    const Mpfr pivot = A[c][c];
    for (std::size_t k = 0; k < n; ++k) {
      A[c][k] = Mpfr(A[c][k] / pivot);
      I[c][k] = Mpfr(I[c][k] / pivot);
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const Mpfr f = A[r][c];
      if (f.sign() == 0) continue;
      for (std::size_t k = 0; k < n; ++k) {
        A[r][k] = Mpfr(A[r][k] - f * A[c][k]);
        I[r][k] = Mpfr(I[r][k] - f * I[c][k]);
      }
    }
  }
  return I;
}

Mpfr max_abs(const std::vector<Mpfr>& v) {
  Mpfr m = 0;
  for (const auto& x : v)
    if (abs(x) > m) m = abs(x);
  return m;
}

// Inside the open domain: -rbar < s_i < qbar and (Q_-, R_-) > 0 for every type.
bool in_domain(const Stage2Game& g, const LiftedGame<Mpfr>& L, const std::vector<Mpfr>& s) {
  const Mpfr qbar = from_rational<Mpfr>(g.qbar), rbar = from_rational<Mpfr>(g.rbar);
  const Sides sides = sides_of(s);
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (!(s[i] < qbar) || !(s[i] > -rbar)) return false;
    const auto T = lifted_others_totals(g, L, s, sides, i);
    if (!(T.q > 0) || !(T.r > 0)) return false;
  }
  return true;
}

}  // namespace

IntervalMatrix jacobian_ad(const Stage2Game& g, const std::vector<Interval>& box, const Sides& sides) {
  return jacobian_of(g, LiftedGame<Dual<Interval>>(g), box, sides);
}
MpfrMatrix jacobian_ad(const Stage2Game& g, const std::vector<Mpfr>& s, const Sides& sides) {
  return jacobian_of(g, LiftedGame<Dual<Mpfr>>(g), s, sides);
}

// ---------------------------------------------------------------- MPFR: Newton and best responses
Mpfr best_response_bisection(const Stage2Game& g, std::size_t i, const Totals<Mpfr>& others) {
  const LiftedGame<Mpfr> L(g, LiftedGame<Mpfr>::Parts::one_type, i);
  MpfrPhiSign phi_sign(g, L, i);
  Mpfr lo = -from_rational<Mpfr>(g.rbar), hi = from_rational<Mpfr>(g.qbar);
  for (int k = 0; k < 200; ++k) {
    const Mpfr mid = Mpfr((lo + hi) / 2);
    const int side = mid.sign() >= 0 ? 1 : -1;
    const Mpfr t = side > 0 ? mid : Mpfr(-mid);
    // Phi decreasing in the own offer: for Phi > 0 the zero is to the right.
    Mpfr& end = phi_sign(t, side, others.q, others.r) > 0 ? lo : hi;
    const bool unchanged = end == mid;
    end = mid;
    // A halving is a function of (lo, hi) alone (same precision, same rounding): once one
    // leaves them as they were (mid rounds to the end it replaces), every later one does the
    // same, so stopping returns the point that all 200 halvings return.
    if (unchanged) break;
  }
  return Mpfr((lo + hi) / 2);
}

std::optional<Interval> best_response_enclosure(const Stage2Game& g, std::size_t i, const Totals<Interval>& others,
                                                const Mpfr& approx, const Mpfr& radius) {
  const Mpfr r = Mpfr(radius * (1 + abs(approx)));
  const Mpfr lo = Mpfr(approx - r), hi = Mpfr(approx + r);
  if (!(lo > -from_rational<Mpfr>(g.rbar)) || !(hi < from_rational<Mpfr>(g.qbar))) return std::nullopt;
  const LiftedGame<Interval> L(g, LiftedGame<Interval>::Parts::one_type, i);
  auto phi_at = [&](const Mpfr& s) {
    const int side = s.sign() >= 0 ? 1 : -1;
    Interval t;
    const Mpfr amount = side > 0 ? s : Mpfr(-s);
    mpfi_set_fr(t.backend().data(), amount.backend().data());
    return foc_piece<Interval>(g, L, i, t, side, others.q, others.r);
  };
  if (!(lower_bound(phi_at(lo)) > 0) || !(upper_bound(phi_at(hi)) < 0)) return std::nullopt;
  Interval out;
  mpfi_interv_fr(out.backend().data(), lo.backend().data(), hi.backend().data());
  return out;
}

ApproximateEquilibrium solve_stage2(const Stage2Game& g, std::optional<std::vector<Mpfr>> start) {
  const std::size_t n = g.size();
  ApproximateEquilibrium out;
  std::vector<Mpfr> s = start ? *start : std::vector<Mpfr>(n, Mpfr(0));
  const unsigned digits = float_precision_digits();
  const Mpfr tol = Mpfr(boost::multiprecision::pow(Mpfr(10), -static_cast<int>(digits > 10 ? digits - 8 : 2)));
  const LiftedGame<Mpfr> L(g);
  const LiftedGame<Dual<Mpfr>> LD(g);

  auto newton = [&]() -> bool {
    for (int it = 0; it < 200; ++it) {
      if (!in_domain(g, L, s)) return false;
      const Sides sides = sides_of(s);
      const auto F = lifted_first_order_conditions(g, L, s, sides);
      const Mpfr norm = max_abs(F);
      if (norm.sign() == 0) return true;
      auto Y = inverse(jacobian_of(g, LD, s, sides));
      if (!Y) {
        out.note = "singular Jacobian";
        return false;
      }
      std::vector<Mpfr> d(n, Mpfr(0));
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) d[i] = Mpfr(d[i] - (*Y)[i][j] * F[j]);
      Mpfr lambda = 1;
      bool accepted = false;
      for (int k = 0; k < 60 && !accepted; ++k, lambda = Mpfr(lambda / 2)) {
        std::vector<Mpfr> t(n);
        for (std::size_t i = 0; i < n; ++i) t[i] = Mpfr(s[i] + lambda * d[i]);
        if (!in_domain(g, L, t)) continue;
        const Mpfr tn = max_abs(lifted_first_order_conditions(g, L, t, sides_of(t)));
        if (tn < norm * (1 - lambda / 4) || max_abs(d) * lambda <= tol * (1 + max_abs(s))) {
          s = t;
          accepted = true;
        }
      }
      ++out.newton_steps;
      if (!accepted) {
        out.note = "line search failed";
        return false;
      }
      if (max_abs(d) * lambda * 2 <= tol * (1 + max_abs(s)))
        return true;  // the accepted step (lambda was halved once more)
    }
    out.note = "no convergence in 200 Newton steps";
    return false;
  };

  bool ok = in_domain(g, L, s) && newton();
  if (!ok) {
    // Damped best-response iteration (Jacobi), then Newton again.
    s.assign(n, Mpfr(0));
    for (int round = 0; round < 400; ++round) {
      ++out.best_response_rounds;
      const Sides sides = sides_of(s);
      std::vector<Mpfr> next(n);
      Mpfr change = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const auto T = lifted_others_totals(g, L, s, sides, i);
        if (!(T.q > 0) || !(T.r > 0)) {
          out.note = "(Q_-, R_-) not > 0: the first-order conditions are undefined";
          out.s = s;
          return out;
        }
        next[i] = Mpfr((s[i] + best_response_bisection(g, i, T)) / 2);
        if (abs(next[i] - s[i]) > change) change = abs(next[i] - s[i]);
      }
      s = next;
      if (change < Mpfr(1e-12)) break;
    }
    out.note.clear();
    ok = newton();
  }
  out.s = s;
  out.converged = ok;
  out.residual = in_domain(g, L, s) ? max_abs(lifted_first_order_conditions(g, L, s, sides_of(s))) : Mpfr(-1);
  return out;
}

// ---------------------------------------------------------------- MPFI: Krawczyk
namespace {
Interval point(const Mpfr& x) {
  Interval out;
  mpfi_set_fr(out.backend().data(), x.backend().data());
  return out;
}
Interval symmetric(const Mpfr& r) {
  Interval out;
  const Mpfr lo = -r;
  mpfi_interv_fr(out.backend().data(), lo.backend().data(), r.backend().data());
  return out;
}
bool strictly_inside(const Interval& a, const Interval& b) {
  return lower_bound(a) > lower_bound(b) && upper_bound(a) < upper_bound(b);
}
bool disjoint(const Interval& a, const Interval& b) {
  return upper_bound(a) < lower_bound(b) || upper_bound(b) < lower_bound(a);
}
}  // namespace

KrawczykResult krawczyk_test(const Stage2Game& g, const std::vector<Mpfr>& center, const Mpfr& radius,
                             IntervalJacobian jacobian) {
  const std::size_t n = g.size();
  const LiftedGame<Interval> L(g);
  KrawczykResult out;
  std::vector<Interval> m;
  for (std::size_t i = 0; i < n; ++i) {
    m.push_back(point(center[i]));
    out.box.push_back(Interval(m.back() + symmetric(Mpfr(radius * (1 + abs(center[i]))))));
    const Rational w = width(out.box.back());
    if (i == 0 || w > out.max_width) out.max_width = w;
  }
  // Signs fixed on X (Phi smooth there), offers inside (-rbar, qbar), (Q_-, R_-) > 0 on X.
  Sides sides(n, 1);
  try {
    for (std::size_t i = 0; i < n; ++i) {
      sides[i] = sign_of(out.box[i]);
      if (sides[i] == 0) throw Undecidable("the box is the point 0", NumberKind<Interval>::arithmetic);
      if (!(upper_bound(out.box[i]) < g.qbar) || !(lower_bound(out.box[i]) > -g.rbar))
        throw Undecidable("the box of type " + std::to_string(i + 1) + " leaves (-rbar, qbar)",
                          NumberKind<Interval>::arithmetic);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto T = lifted_others_totals(g, L, out.box, sides, i);
      if (sign_of(T.q) <= 0 || sign_of(T.r) <= 0)
        throw Undecidable("(Q_-, R_-) is not > 0 on the box", NumberKind<Interval>::arithmetic);
    }
  } catch (const Undecidable& u) {
    out.failure = std::string("the first-order conditions are not smooth on the box: ") + u.what();
    return out;
  }
  out.signs_fixed = true;

  MpfrMatrix Jm = jacobian_ad(g, center, sides);
  auto Y = inverse(Jm);
  if (!Y) {
    out.failure = "the MPFR Jacobian at the center is singular";
    return out;
  }
  const auto Fm = lifted_first_order_conditions(g, L, m, sides);
  out.jacobian = jacobian(g, out.box, sides);
  const IntervalMatrix& J = out.jacobian;
  for (std::size_t i = 0; i < n; ++i) {
    Interval k = m[i];
    for (std::size_t j = 0; j < n; ++j) k = Interval(k - point((*Y)[i][j]) * Fm[j]);
    for (std::size_t j = 0; j < n; ++j) {
      Interval c = from_rational<Interval>(Rational(i == j ? 1 : 0));  // (I - Y J(X))_ij
      for (std::size_t l = 0; l < n; ++l) c = Interval(c - point((*Y)[i][l]) * J[l][j]);
      k = Interval(k + c * Interval(out.box[j] - m[j]));
    }
    out.image.push_back(k);
  }
  out.contained = true;
  for (std::size_t i = 0; i < n; ++i)
    if (!strictly_inside(out.image[i], out.box[i])) {
      out.contained = false;
      out.failure = "K(X) is not inside X in coordinate " + std::to_string(i + 1) +
                    ": K = " + NumberKind<Interval>::to_string(out.image[i]) +
                    ", X = " + NumberKind<Interval>::to_string(out.box[i]);
      break;
    }
  return out;
}

std::string jacobian_mean_value_check(const Stage2Game& g, const std::vector<Mpfr>& center,
                                      const std::vector<Interval>& box, const IntervalMatrix& J) {
  const std::size_t n = g.size();
  const LiftedGame<Interval> L(g);
  Sides sides(n);
  for (std::size_t i = 0; i < n; ++i) sides[i] = sign_of(box[i]);
  for (std::size_t j = 0; j < n; ++j) {
    // h: a quarter of the box's width along j, so both points stay inside X.
    const Mpfr h = Mpfr(from_rational<Mpfr>(width(box[j])) / 4);
    std::vector<Interval> u, v;
    for (std::size_t i = 0; i < n; ++i) {
      u.push_back(point(i == j ? Mpfr(center[i] + h) : center[i]));
      v.push_back(point(i == j ? Mpfr(center[i] - h) : center[i]));
    }
    const auto Fu = lifted_first_order_conditions(g, L, u, sides), Fv = lifted_first_order_conditions(g, L, v, sides);
    const Interval step = Interval(u[j] - v[j]);
    for (std::size_t i = 0; i < n; ++i) {
      const Interval quotient = Interval(Interval(Fu[i] - Fv[i]) / step);
      if (disjoint(quotient, J[i][j]))
        return "d Phi_" + std::to_string(i + 1) + "/d s_" + std::to_string(j + 1) + ": the difference quotient " +
               NumberKind<Interval>::to_string(quotient) +
               " (a value of the derivative in the box, mean value theorem) "
               "lies outside the interval Jacobian " +
               NumberKind<Interval>::to_string(J[i][j]);
    }
  }
  return "";
}

NumericState PrecisionScope::with_digits(unsigned digits10) {
  NumericState state = NumericState::current();
  state.float_digits = digits10;
  return state;
}
PrecisionScope::PrecisionScope(unsigned digits10) : scope_(with_digits(digits10)) {}

}  // namespace mechcheck::hw
