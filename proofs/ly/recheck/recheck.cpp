// Re-checks of what the ly claims report (recheck.hpp). Everything is recomputed here, from the
// model's definitions (proofs/ly/docs/derivation.md sections 1, 2, 5 and 6), by this file's own code:
//  * payoffs w from q, t and u (buyer: q u^b - t^b, seller: t^s - q u^s), posteriors from alpha;
//  * a structure's worth to a player as payoff minus kappa times the mutual information
//    I(V; S) = sum_{r,v} a_r(v) log(a_r(v) / (P_r m(v))), m(v) the marginal on V (the checkers
//    use the equivalent sum a_r(v) log mu_r(v));
//  * multipliers: at a positive cell ST with CS forces lambda_c(v) = w - kappa log mu_r(v); each
//    condition (ST, CS, DF, NA) is then evaluated on its own;
//  * signs. A value a + kappa log r (rational a, kappa > 0, r > 0) has the sign of a when r = 1 and
//    is otherwise nonzero (the log of a rational r != 1 is transcendental); a sum c_1 e^(x_1) + ...
//    with its equal exponents merged is identically 0 when no term is left and otherwise nonzero
//    (Lindemann-Weierstrass). Nonzero signs are read off MPFI enclosures at 128 to 16384 bits; one
//    still undecided there throws Undecidable (the re-check is then "undecided", never a guess).
#include "mechcheck/number/decimal.hpp"
#include "ly/recheck/recheck.hpp"

#include "ly/model/economy.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/undecidable.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <cstdio>
#include <functional>
#include <map>

namespace mechcheck::proofs {
namespace {

using ly::HI;
using ly::LO;
using ly::Matrix;
using Cells = std::array<Matrix, 2>;  // [v][row][column]

const char* quality_name(int v) { return v == LO ? "lo" : "hi"; }

// A failed re-check: what the reported text asserts and why it is false.
struct Reject {
  std::string why;
};
[[noreturn]] void reject(const std::string& why) { throw Reject{why}; }

// ---- enclosures (raw MPFI at a fixed precision) -------------------------------------------

// The arithmetic of a sign these enclosures leave undecided (Undecidable): MPFI intervals'.
constexpr Arithmetic enclosure_arithmetic = NumberKind<Interval>::arithmetic;

struct Real {
  mpfi_t x;
  explicit Real(unsigned long bits) {
    mpfi_init2(x, static_cast<mpfr_prec_t>(bits));
    mpfi_set_ui(x, 0);
  }
  Real(const Real& o) {
    mpfi_init2(x, mpfi_get_prec(o.x));
    mpfi_set(x, o.x);
  }
  Real& operator=(const Real& o) {
    if (this != &o) mpfi_set(x, o.x);
    return *this;
  }
  ~Real() { mpfi_clear(x); }
  unsigned long bits() const { return static_cast<unsigned long>(mpfi_get_prec(x)); }
};

Real of(const Rational& q, unsigned long bits) {
  Real r(bits);
  mpfi_set_q(r.x, q.backend().data());
  return r;
}
Real log_of(const Rational& q, unsigned long bits) {  // q > 0
  Real r = of(q, bits);
  mpfi_log(r.x, r.x);
  return r;
}
Real exp_of(const Rational& q, unsigned long bits) {
  Real r = of(q, bits);
  mpfi_exp(r.x, r.x);
  return r;
}
Real operator+(const Real& a, const Real& b) {
  Real r(a.bits());
  mpfi_add(r.x, a.x, b.x);
  return r;
}
Real operator-(const Real& a, const Real& b) {
  Real r(a.bits());
  mpfi_sub(r.x, a.x, b.x);
  return r;
}
Real operator*(const Real& a, const Real& b) {
  Real r(a.bits());
  mpfi_mul(r.x, a.x, b.x);
  return r;
}
Real operator/(const Real& a, const Real& b) {
  Real r(a.bits());
  mpfi_div(r.x, a.x, b.x);
  return r;
}
Real log(const Real& a) {
  Real r(a.bits());
  mpfi_log(r.x, a.x);
  return r;
}
Real exp(const Real& a) {
  Real r(a.bits());
  mpfi_exp(r.x, a.x);
  return r;
}
// Endpoint-wise min and max: enclosures of min(a, b) and max(a, b) without deciding an order.
Real minimum(const Real& a, const Real& b, bool take_max = false) {
  mpfr_t al, ar, bl, br;
  for (mpfr_t* m : {&al, &ar, &bl, &br}) mpfr_init2(*m, static_cast<mpfr_prec_t>(a.bits()));
  mpfi_get_left(al, a.x);
  mpfi_get_right(ar, a.x);
  mpfi_get_left(bl, b.x);
  mpfi_get_right(br, b.x);
  if (take_max) {
    mpfr_max(al, al, bl, MPFR_RNDD);
    mpfr_max(ar, ar, br, MPFR_RNDU);
  } else {
    mpfr_min(al, al, bl, MPFR_RNDD);
    mpfr_min(ar, ar, br, MPFR_RNDU);
  }
  Real r(a.bits());
  mpfi_interv_fr(r.x, al, ar);
  for (mpfr_t* m : {&al, &ar, &bl, &br}) mpfr_clear(*m);
  return r;
}
Real maximum(const Real& a, const Real& b) { return minimum(a, b, true); }
bool certainly_positive(const Real& a) { return mpfi_is_strictly_pos(a.x) > 0; }
bool certainly_negative(const Real& a) { return mpfi_is_strictly_neg(a.x) > 0; }
bool certainly_below(const Real& a, const Real& b) { return certainly_negative(a - b); }  // a < b
// An end of the enclosure against a rational: sign(end - q).
int compare_end(const Real& a, const Rational& q, bool right) {
  mpfr_t end;
  mpfr_init2(end, mpfi_get_prec(a.x));
  if (right) mpfi_get_right(end, a.x);
  else mpfi_get_left(end, a.x);
  const int s = mpfr_cmp_q(end, q.backend().data());
  mpfr_clear(end);
  return s;
}
bool certainly_at_least(const Real& a, const Rational& q) { return compare_end(a, q, false) >= 0; }
bool certainly_less(const Real& a, const Rational& q) { return compare_end(a, q, true) < 0; }

std::string text(const Real& a) {
  mpfr_t lo, hi;
  mpfr_init2(lo, 64);
  mpfr_init2(hi, 64);
  mpfi_get_left(lo, a.x);
  mpfi_get_right(hi, a.x);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "[%.12g, %.12g]", mpfr_get_d(lo, MPFR_RNDD), mpfr_get_d(hi, MPFR_RNDU));
  mpfr_clear(lo);
  mpfr_clear(hi);
  return buffer;
}

// The sign of a real known to be nonzero, from enclosures `enclose(bits)` at growing precision.
int nonzero_sign(const std::function<Real(unsigned long)>& enclose, const std::string& what) {
  for (unsigned long bits : {128ul, 512ul, 4096ul, 16384ul}) {
    const Real v = enclose(bits);
    if (certainly_positive(v)) return 1;
    if (certainly_negative(v)) return -1;
  }
  throw Undecidable("re-check: the sign of " + what + " is not decided at 16384 bits", enclosure_arithmetic);
}

// sign(a + kappa log r).
int sign_plus_log(const Rational& a, const Rational& kappa, const Rational& r) {
  if (r == 1) return a > 0 ? 1 : a < 0 ? -1 : 0;
  return nonzero_sign([&](unsigned long bits) { return of(a, bits) + of(kappa, bits) * log_of(r, bits); },
                      to_string(a) + " + " + to_string(kappa) + " log(" + to_string(r) + ")");
}

// sign(sum over the map of coefficient e^(exponent)), the map keyed by exponent.
int sign_exp_terms(std::map<Rational, Rational> terms) {
  for (auto it = terms.begin(); it != terms.end();) it = it->second == 0 ? terms.erase(it) : std::next(it);
  if (terms.empty()) return 0;
  if (terms.size() == 1) return terms.begin()->second > 0 ? 1 : -1;
  std::string what;
  for (const auto& [x, c] : terms) what += (what.empty() ? "" : " + ") + to_string(c) + " e^(" + to_string(x) + ")";
  return nonzero_sign(
      [&](unsigned long bits) {
        Real sum(bits);
        for (const auto& [x, c] : terms) sum = sum + of(c, bits) * exp_of(x, bits);
        return sum;
      },
      what);
}

// ---- reading the outcome back ---------------------------------------------------------------

const Value* lookup(const std::vector<Value>& list, const std::string& name) {
  for (const auto& v : list)
    if (v.name == name) return &v;
  return nullptr;
}
std::optional<std::string> text_of(const std::vector<Value>& list, const std::string& name) {
  const Value* v = lookup(list, name);
  return v ? std::optional<std::string>(v->text) : std::nullopt;
}
Rational rational_of(const std::vector<Value>& list, const std::string& name) {
  const Value* v = lookup(list, name);
  if (!v) reject("the outcome does not report '" + name + "'");
  const auto q = parse_rational(v->text);
  if (!q) reject("'" + name + "' = '" + v->text + "' is not an exact rational");
  return *q;
}
// Cells name_q_rc (q = lo, hi; r, c from 1) of an R x C matrix pair; nullopt when none is there.
std::optional<Cells> cells_of(const std::vector<Value>& list, const std::string& name, std::size_t R, std::size_t C) {
  if (!lookup(list, name + "_lo_11")) return std::nullopt;
  Cells out;
  for (int v = 0; v < 2; ++v) {
    out[v] = Matrix(R, std::vector<Rational>(C));
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t c = 0; c < C; ++c)
        out[v][r][c] =
            rational_of(list, name + "_" + quality_name(v) + "_" + std::to_string(r + 1) + std::to_string(c + 1));
  }
  return out;
}
Matrix matrix_of(const std::vector<Value>& list, const std::string& name, std::size_t R, std::size_t C) {
  Matrix out(R, std::vector<Rational>(C));
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c)
      out[r][c] = rational_of(list, name + "_" + std::to_string(r + 1) + std::to_string(c + 1));
  return out;
}
// The size of the matrix pair reported as name_lo_rc.
std::pair<std::size_t, std::size_t> cells_size(const std::vector<Value>& list, const std::string& name) {
  std::size_t R = 0, C = 0;
  const std::string prefix = name + "_lo_";
  for (const auto& v : list)
    if (v.name.size() == prefix.size() + 2 && v.name.compare(0, prefix.size(), prefix) == 0) {
      R = std::max<std::size_t>(R, static_cast<std::size_t>(v.name[prefix.size()] - '0'));
      C = std::max<std::size_t>(C, static_cast<std::size_t>(v.name[prefix.size() + 1] - '0'));
    }
  return {R, C};
}

// ---- the model, from its definition ---------------------------------------------------------

// One player's problem: own signals r (rows), the other's c (columns), a[v][r][c] = P(v, r, c),
// payoffs w[v][r][c] of reporting r.
struct Side {
  bool buyer = true;
  std::string who, tag;
  std::size_t R = 0, C = 0;
  Cells a, w;
  Rational kappa;
  Rational mass(int v, std::size_t r) const {
    Rational m = 0;
    for (const auto& x : a[v][r]) m += x;
    return m;
  }
  Rational column(int v, std::size_t c) const {
    Rational m = 0;
    for (const auto& row : a[v]) m += row[c];
    return m;
  }
  Rational posterior(int v, std::size_t r) const { return mass(v, r) / (mass(LO, r) + mass(HI, r)); }
  std::string cell(int v, std::size_t r, std::size_t c) const {
    return std::string("(") + (buyer ? "s^b_" : "s^s_") + std::to_string(r + 1) + ", " + (buyer ? "s^s_" : "s^b_") +
           std::to_string(c + 1) + ", v_" + quality_name(v) + ")";
  }
};

Side side_of(const ly::Economy& e, const ly::Structure& s, const Matrix& q, const Matrix& tb, const Matrix& ts,
             bool buyer) {
  Side p;
  p.buyer = buyer;
  p.who = buyer ? "buyer" : "seller";
  p.tag = buyer ? "b" : "s";
  p.kappa = e.kappa;
  const std::size_t I = s.alpha[LO].size(), J = s.alpha[LO][0].size();
  p.R = buyer ? I : J;
  p.C = buyer ? J : I;
  for (int v = 0; v < 2; ++v) {
    p.a[v] = p.w[v] = Matrix(p.R, std::vector<Rational>(p.C));
    for (std::size_t i = 0; i < I; ++i)
      for (std::size_t j = 0; j < J; ++j) {
        auto& a = buyer ? p.a[v][i][j] : p.a[v][j][i];
        auto& w = buyer ? p.w[v][i][j] : p.w[v][j][i];
        a = s.alpha[v][i][j];
        w = buyer ? Rational(q[i][j] * e.buyer_value[v] - tb[i][j]) : Rational(ts[i][j] - q[i][j] * e.seller_value[v]);
      }
  }
  return p;
}

// Efficient trade: q_ij = 1 when E[u^b - u^s | i, j] >= 0 (ties and pairs of probability 0 included), else 0.
Matrix efficient_q(const ly::Economy& e, const ly::Structure& s) {
  Matrix q(s.alpha[LO].size(), std::vector<Rational>(s.alpha[LO][0].size()));
  for (std::size_t i = 0; i < q.size(); ++i)
    for (std::size_t j = 0; j < q[i].size(); ++j) {
      Rational gain = 0;
      for (int v = 0; v < 2; ++v) gain += s.alpha[v][i][j] * (e.buyer_value[v] - e.seller_value[v]);
      q[i][j] = gain >= 0 ? 1 : 0;
    }
  return q;
}

// The rules of a structure: nonnegative, marginal on V equal to the prior, every signal likely.
void check_structure(const ly::Economy& e, const ly::Structure& s) {
  const std::size_t I = s.alpha[LO].size(), J = I ? s.alpha[LO][0].size() : 0;
  if (I == 0 || J == 0 || s.alpha[HI].size() != I) reject("the reported structure is empty or ragged");
  std::vector<Rational> row(I), col(J);
  for (int v = 0; v < 2; ++v) {
    Rational total = 0;
    for (std::size_t i = 0; i < I; ++i)
      for (std::size_t j = 0; j < J; ++j) {
        const Rational& x = s.alpha[v][i][j];
        if (x < 0) reject("the reported structure has a negative entry");
        total += x;
        row[i] += x;
        col[j] += x;
      }
    if (total != e.prior[v])
      reject(std::string("the reported structure's mass at v_") + quality_name(v) + " is " + to_string(total) +
             ", not the prior " + to_string(e.prior[v]));
  }
  for (const auto& m : row)
    if (m == 0) reject("a buyer signal of the reported structure has probability 0");
  for (const auto& m : col)
    if (m == 0) reject("a seller signal of the reported structure has probability 0");
}

ly::Structure structure_of(const Cells& alpha) {
  ly::Structure s;
  s.alpha = alpha;
  return s;
}

// ---- multipliers: lambda_c(v) = a + kappa log r ----------------------------------------------

struct LogValue {
  Rational a, r;
};
using Lambda = std::array<std::vector<std::optional<LogValue>>, 2>;  // [v][c]; nullopt: free (no mass)

// What ST with CS force: at the first positive cell of each column, lambda = w - kappa log mu_r(v).
Lambda forced_lambda(const Side& s) {
  Lambda lam;
  for (int v = 0; v < 2; ++v) {
    lam[v].assign(s.C, std::nullopt);
    for (std::size_t c = 0; c < s.C; ++c)
      for (std::size_t r = 0; r < s.R && !lam[v][c]; ++r)
        if (s.a[v][r][c] > 0) lam[v][c] = LogValue{s.w[v][r][c], 1 / s.posterior(v, r)};
  }
  return lam;
}

// min_c lambda_c(v) over the columns with mass at v.
LogValue least(const Side& s, const Lambda& lam, int v) {
  std::optional<LogValue> m;
  for (std::size_t c = 0; c < s.C; ++c)
    if (lam[v][c] && s.column(v, c) > 0 && (!m || sign_plus_log(lam[v][c]->a - m->a, s.kappa, lam[v][c]->r / m->r) < 0))
      m = lam[v][c];
  if (!m) reject("no column has mass at v_" + std::string(quality_name(v)));
  return *m;
}

// The NA sum minus 1: sum_v exp(-Lambda(v)/kappa) - 1 = sum_v (1/r) e^(-a/kappa) - 1, its sign.
int na_excess_sign(const Side& s, const Lambda& lam) {
  std::map<Rational, Rational> terms{{Rational(0), Rational(-1)}};
  for (int v = 0; v < 2; ++v) {
    const LogValue m = least(s, lam, v);
    terms[-m.a / s.kappa] += 1 / m.r;
  }
  return sign_exp_terms(terms);
}

// nullopt when lambda satisfies ST and CS (phi = 0 at positive cells), DF (phi >= 0 at zero
// cells of columns with mass) and NA; else the first condition that fails.
std::optional<std::string> multipliers_fail(const Side& s, const Lambda& lam) {
  for (int v = 0; v < 2; ++v)
    for (std::size_t c = 0; c < s.C; ++c) {
      if (s.column(v, c) == 0) continue;  // lambda free, chosen large: it enters no condition
      if (!lam[v][c])
        return "lambda_" + std::to_string(c + 1) + "(v_" + quality_name(v) +
               ") is missing although its column has mass";
      const LogValue& l = *lam[v][c];
      for (std::size_t r = 0; r < s.R; ++r) {
        const Rational mu = s.posterior(v, r);
        if (s.a[v][r][c] > 0) {
          // a + kappa log r = w + kappa log(1/mu) exactly iff a = w and r mu = 1 (else a nonzero
          // rational would be kappa times the log of a rational != 1).
          if (!(l.a == s.w[v][r][c] && l.r * mu == 1))
            return "ST with CS fails at the positive cell " + s.cell(v, r, c);
        } else {
          if (mu == 0) return "ST at the zero cell " + s.cell(v, r, c) + " needs log 0 (boundary posterior)";
          // phi = lambda - (w - kappa log mu) = (a - w) + kappa log(r mu) >= 0
          if (sign_plus_log(l.a - s.w[v][r][c], s.kappa, l.r * mu) < 0)
            return "DF fails at the zero cell " + s.cell(v, r, c);
        }
      }
    }
  if (na_excess_sign(s, lam) > 0) return std::string("NA fails: sum_v exp(-Lambda(v)/kappa) > 1");
  return std::nullopt;
}

// The weak-duality certificate: lambda from the positive cells (all equal in each column: gap
// identically 0) dual feasible for every row, abstention included:
// sum_v exp(max_c (w_rc(v) - lambda_c(v))/kappa) <= 1. nullopt when it holds.
std::optional<std::string> dual_fails(const Side& s) {
  const Lambda lam = forced_lambda(s);
  for (int v = 0; v < 2; ++v)
    for (std::size_t c = 0; c < s.C; ++c)
      for (std::size_t r = 0; r < s.R; ++r)
        if (s.a[v][r][c] > 0 && !(lam[v][c]->a == s.w[v][r][c] && lam[v][c]->r == 1 / s.posterior(v, r)))
          return "the duality gap is not identically 0: the positive cells of column " + std::to_string(c + 1) +
                 " at v_" + quality_name(v) + " give different values w - kappa log mu";
  for (std::size_t r = 0; r <= s.R; ++r) {
    std::map<Rational, Rational> terms{{Rational(0), Rational(-1)}};
    for (int v = 0; v < 2; ++v) {
      // (w - lambda)/kappa = (w - a)/kappa - log r: exp of it is e^((w - a)/kappa) / r.
      std::optional<std::pair<Rational, Rational>> best;  // (w - a, r)
      for (std::size_t c = 0; c < s.C; ++c) {
        if (!lam[v][c]) continue;
        const Rational w = r < s.R ? s.w[v][r][c] : Rational(0);
        const std::pair<Rational, Rational> x{w - lam[v][c]->a, lam[v][c]->r};
        if (!best || sign_plus_log(x.first - best->first, s.kappa, best->second / x.second) > 0) best = x;
      }
      if (best) terms[best->first / s.kappa] += 1 / best->second;
    }
    if (sign_exp_terms(terms) > 0)
      return "the dual constraint of row " + (r < s.R ? std::to_string(r + 1) : std::string("m_0 (abstain)")) +
             " fails";
  }
  return std::nullopt;
}

// ---- deviations: payoff minus kappa I(V; S) -------------------------------------------------

// The worth of cells d (rows beyond R abstain: payoff 0) to the player, up to a constant.
Real worth(const Side& s, const Cells& d, unsigned long bits) {
  const std::size_t rows = d[LO].size();
  Rational payoff = 0;
  std::array<Rational, 2> m{Rational(0), Rational(0)};
  std::vector<std::array<Rational, 2>> row(rows, {Rational(0), Rational(0)});
  for (int v = 0; v < 2; ++v)
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < s.C; ++c) {
        row[r][v] += d[v][r][c];
        m[v] += d[v][r][c];
        if (r < s.R) payoff += d[v][r][c] * s.w[v][r][c];
      }
  Real information(bits);
  for (std::size_t r = 0; r < rows; ++r)
    for (int v = 0; v < 2; ++v)
      if (row[r][v] > 0)
        information = information + of(row[r][v], bits) * log_of(row[r][v] / ((row[r][LO] + row[r][HI]) * m[v]), bits);
  return of(payoff, bits) - of(s.kappa, bits) * information;
}

// A deviation over own rows + abstention must keep the other player's marginal exactly.
void check_deviation(const Side& s, const Cells& d) {
  for (int v = 0; v < 2; ++v)
    for (std::size_t c = 0; c < s.C; ++c) {
      Rational total = 0;
      for (std::size_t r = 0; r < d[v].size(); ++r) {
        if (d[v][r][c] < 0) reject("the reported deviation has a negative cell");
        total += d[v][r][c];
      }
      if (total != s.column(v, c))
        reject("the reported deviation moves the other player's marginal at column " + std::to_string(c + 1) + ", v_" +
               quality_name(v) + ": " + to_string(total) + " instead of " + to_string(s.column(v, c)));
    }
}

// The certified sign of worth(d) - worth(alpha); 0 only when d is alpha.
int gain_sign(const Side& s, const Cells& d, std::string& shown) {
  Cells base = s.a;
  for (int v = 0; v < 2; ++v)
    while (base[v].size() < d[v].size()) base[v].push_back(std::vector<Rational>(s.C, Rational(0)));
  if (base == d) return 0;
  shown = text(worth(s, d, 256) - worth(s, base, 256));
  return nonzero_sign([&](unsigned long bits) { return worth(s, d, bits) - worth(s, base, bits); },
                      "a deviation's gain");
}

// ---- one player's two routes of ly.implementability, re-done ------------------------------

struct Routes {
  bool multipliers = false;       // the multipliers route says implementable (re-checked)
  std::optional<bool> deviation;  // the best-deviation route: implementable (true), not (false), undecided
  std::string detail;
};

std::optional<LogValue> parse_log_value(const std::string& t) {
  const std::string sep = " + kappa log(";
  const auto at = t.find(sep);
  if (at == std::string::npos || t.back() != ')') return std::nullopt;
  const auto a = parse_rational(t.substr(0, at));
  const auto r = parse_rational(t.substr(at + sep.size(), t.size() - at - sep.size() - 1));
  if (!a || !r || !(*r > 0)) return std::nullopt;
  return LogValue{*a, *r};
}

// nullopt when the player was not judged in this outcome.
std::optional<Routes> recheck_routes(const Side& s, const Outcome& o) {
  const auto said = text_of(o.values, "implementable for the " + s.who + " (multipliers)");
  if (!said) return std::nullopt;
  Routes out;
  out.multipliers = *said == "yes";
  if (out.multipliers) {
    Lambda lam;
    for (int v = 0; v < 2; ++v) {
      lam[v].assign(s.C, std::nullopt);
      for (std::size_t c = 0; c < s.C; ++c) {
        const std::string name = "lambda^" + s.tag + "_" + std::to_string(c + 1) + "(v_" + quality_name(v) + ")";
        const auto t = text_of(o.witness, name);
        if (!t) reject("the multipliers of the " + s.who + " are said to exist but '" + name + "' is not reported");
        if (*t == "free") continue;
        lam[v][c] = parse_log_value(*t);
        if (!lam[v][c]) reject("'" + name + "' = '" + *t + "' is not of the form a + kappa log(r)");
      }
    }
    if (auto f = multipliers_fail(s, lam)) reject("the reported multipliers of the " + s.who + " fail: " + *f);
    out.detail = s.who + ": the reported multipliers satisfy ST, CS, DF and NA";
  } else {
    const auto f = multipliers_fail(s, forced_lambda(s));
    if (!f)
      reject("no multipliers are said to exist for the " + s.who +
             ", yet those ST and CS force satisfy every condition");
    out.detail = s.who + ": no multipliers (" + *f + ")";
  }
  if (auto d = cells_of(o.witness, "deviation^" + s.tag, s.R + 1, s.C)) {
    check_deviation(s, *d);
    std::string shown;
    if (gain_sign(s, *d, shown) <= 0)
      reject("the reported deviation of the " + s.who + " does not gain (" + shown + ")");
    out.deviation = false;
    out.detail += "; the reported deviation gains " + shown + " (payoff - kappa I(V; S))";
  } else if (const auto dual = text_of(o.values, "dual certificate^" + s.tag); dual && dual->rfind("proves", 0) == 0) {
    if (auto f = dual_fails(s)) reject("the dual certificate of the " + s.who + " fails: " + *f);
    out.deviation = true;
    out.detail += "; the dual certificate holds (gap identically 0, every row feasible)";
  }
  return out;
}

// ---- Class 2 --------------------------------------------------------------------------------

// A direction beta (0 <= beta <= alpha cellwise, some mass) of the player's cells.
Rational check_direction(const Side& s, const Cells& beta) {
  Rational B = 0;
  for (int v = 0; v < 2; ++v)
    for (std::size_t r = 0; r < s.R; ++r)
      for (std::size_t c = 0; c < s.C; ++c) {
        if (beta[v][r][c] < 0 || beta[v][r][c] > s.a[v][r][c])
          reject("the reported direction is not between 0 and alpha at " + s.cell(v, r, c));
        B += beta[v][r][c];
      }
  if (B == 0) reject("the reported direction moves no mass");
  return B;
}

// alpha with epsilon beta moved to the abstention row.
Cells class2_step(const Side& s, const Cells& beta, const Rational& epsilon) {
  Cells d = s.a;
  for (int v = 0; v < 2; ++v) {
    d[v].push_back(std::vector<Rational>(s.C, Rational(0)));
    for (std::size_t r = 0; r < s.R; ++r)
      for (std::size_t c = 0; c < s.C; ++c) {
        d[v][r][c] -= epsilon * beta[v][r][c];
        d[v][s.R][c] += epsilon * beta[v][r][c];
      }
  }
  return d;
}

// d/de of the worth along the step: with m(v) the marginal on V and b(v) the moved mass,
// MG = -sum beta w - kappa [sum_v b log(b / (B m)) - sum_cells beta log(mu_r(v) / m(v))].
Real class2_marginal_gain(const Side& s, const Cells& beta, unsigned long bits) {
  Rational linear = 0;
  std::array<Rational, 2> b{Rational(0), Rational(0)}, m{Rational(0), Rational(0)};
  Real cells(bits);
  for (int v = 0; v < 2; ++v)
    for (std::size_t r = 0; r < s.R; ++r) {
      m[v] += s.mass(v, r);
      for (std::size_t c = 0; c < s.C; ++c) {
        b[v] += beta[v][r][c];
        linear -= beta[v][r][c] * s.w[v][r][c];
      }
    }
  for (int v = 0; v < 2; ++v)
    for (std::size_t r = 0; r < s.R; ++r)
      for (std::size_t c = 0; c < s.C; ++c)
        if (beta[v][r][c] > 0) cells = cells + of(beta[v][r][c], bits) * log_of(s.posterior(v, r) / m[v], bits);
  Real moved(bits);
  const Rational B = b[LO] + b[HI];
  for (int v = 0; v < 2; ++v)
    if (b[v] > 0) moved = moved + of(b[v], bits) * log_of(b[v] / (B * m[v]), bits);
  return of(linear, bits) - of(s.kappa, bits) * (moved - cells);
}

// kappa log sum_v exp(-Lambda(v)/kappa), Lambda from what ST and CS force.
Real kappa_log_na_sum(const Side& s, unsigned long bits) {
  const Lambda lam = forced_lambda(s);
  Real sum(bits);
  for (int v = 0; v < 2; ++v) {
    const LogValue m = least(s, lam, v);
    sum = sum + of(1 / m.r, bits) * exp_of(-m.a / s.kappa, bits);
  }
  return of(s.kappa, bits) * log(sum);
}

// ---- transfers for efficient trade (proofs/ly/docs/derivation.md section 5) ------------------------

// x_low - x_high = sigma Delta u (q_low - q_high) - kappa log(LR_low / LR_high), its sign, with
// x_r = sigma q_rc Delta u - kappa log(mu_r(hi) / mu_r(lo)).
int bound_order(const Side& s, const ly::Economy& e, const Matrix& q, std::size_t c, std::size_t low,
                std::size_t high) {
  const auto& u = s.buyer ? e.buyer_value : e.seller_value;
  const Rational sigma = s.buyer ? 1 : -1;
  auto alloc = [&](std::size_t r) { return s.buyer ? q[r][c] : q[c][r]; };
  auto lr = [&](std::size_t r) { return s.mass(HI, r) / s.mass(LO, r); };
  return sign_plus_log(sigma * (u[HI] - u[LO]) * (alloc(low) - alloc(high)), s.kappa, lr(high) / lr(low));
}

// Real transfers implement q for the player iff every posterior is interior and, in every
// column, every bound from a cell with mass at v_lo (d >= x) is at most every bound from a cell
// with mass at v_hi (d <= x). nullopt when they exist.
std::optional<std::string> no_transfers(const Side& s, const ly::Economy& e, const Matrix& q) {
  for (std::size_t r = 0; r < s.R; ++r)
    for (int v = 0; v < 2; ++v)
      if (s.mass(v, r) == 0) return s.who + "'s signal " + std::to_string(r + 1) + " has a boundary posterior";
  for (std::size_t c = 0; c < s.C; ++c)
    for (std::size_t low = 0; low < s.R; ++low)
      for (std::size_t high = 0; high < s.R; ++high)
        if (s.a[LO][low][c] > 0 && s.a[HI][high][c] > 0 && bound_order(s, e, q, c, low, high) > 0)
          return s.who + ", column " + std::to_string(c + 1) + ": the bound of row " + std::to_string(low + 1) +
                 " lies above that of row " + std::to_string(high + 1);
  return std::nullopt;
}

bool perfectly_correlated(const ly::Structure& s) {
  const std::size_t I = s.alpha[LO].size(), J = s.alpha[LO][0].size();
  if (I != J) return false;
  for (std::size_t i = 0; i < I; ++i) {
    int in_row = 0, in_column = 0;
    for (std::size_t j = 0; j < J; ++j) {
      in_row += s.alpha[LO][i][j] + s.alpha[HI][i][j] > 0;
      in_column += s.alpha[LO][j][i] + s.alpha[HI][j][i] > 0;
    }
    if (in_row != 1 || in_column != 1) return false;
  }
  return true;
}

// ---- subsidy: T from its definition (proofs/ly/docs/derivation.md section 6) ----------------------

// With NA binding at e^(-Lambda^b(lo)/kappa) = p_b etc.:
// T(mu) = min_v [u^b(v) - kappa log mu(v) - Lambda^b(v)] - max_v [u^s(v) + kappa log mu(v) + Lambda^s(v)].
struct TDefinition {
  const ly::Economy& e;
  Rational pb, ps;
  unsigned long bits;
  std::array<Real, 2> lambda_b() const {
    return {of(-e.kappa, bits) * log_of(pb, bits), of(-e.kappa, bits) * log_of(1 - pb, bits)};
  }
  std::array<Real, 2> lambda_s() const {
    return {of(-e.kappa, bits) * log_of(ps, bits), of(-e.kappa, bits) * log_of(1 - ps, bits)};
  }
  // The buyer's branch at v and the seller's, with log mu(v) given.
  Real buyer(int v, const Real& log_mu) const {
    return of(e.buyer_value[v], bits) - of(e.kappa, bits) * log_mu - lambda_b()[v];
  }
  Real seller(int v, const Real& log_mu) const {
    return of(e.seller_value[v], bits) + of(e.kappa, bits) * log_mu + lambda_s()[v];
  }
  Real T(const Real& x) const {  // 0 < x < 1: x = mu(v_hi)
    const Real one = of(Rational(1), bits);
    const Real lo = log(one - x), hi = log(x);
    return minimum(buyer(LO, lo), buyer(HI, hi)) - maximum(seller(LO, lo), seller(HI, hi));
  }
  // The limits at the fully revealing posteriors: only the branches at the revealed quality stay finite.
  Real T_limit(int v) const {
    const Real zero(bits);
    return buyer(v, zero) - seller(v, zero);
  }
  // Where the two branches of one player cross: log(x/(1-x)) = D/kappa.
  Real kink(bool buyer_side) const {
    const Real D = buyer_side ? (of(e.buyer_value[HI] - e.buyer_value[LO], bits) - lambda_b()[HI] + lambda_b()[LO])
                              : (of(e.seller_value[LO] - e.seller_value[HI], bits) + lambda_s()[LO] - lambda_s()[HI]);
    const Real one = of(Rational(1), bits);
    return one / (one + exp(of(Rational(0), bits) - D / of(e.kappa, bits)));
  }
};
Real chord(const Real& a, const Real& Ta, const Real& b, const Real& Tb, const Real& m) {
  return Ta + (m - a) * (Tb - Ta) / (b - a);
}

// ---- the claims ----------------------------------------------------------------------------

template <class F>
std::optional<Recheck> guarded(const std::string& method, F body) {
  try {
    return Recheck{true, method, body()};
  } catch (const Reject& r) {
    return Recheck{false, method, r.why};
  }
}

}  // namespace

std::optional<Recheck> recheck_ly_implementability(const ly::Economy& e, const Outcome& o) {
  if ((o.verdict != Verdict::holds && o.verdict != Verdict::refuted) || !e.mechanism) return std::nullopt;
  const ly::Mechanism& m = *e.mechanism;
  return guarded(
      "both routes re-done per player by separate code from the model's definition: the reported multipliers (or those "
      "ST "
      "and CS force, when none exist) evaluated against ST, CS, DF and NA; a reported deviation's gain recomputed as "
      "payoff "
      "minus kappa I(V; S), the other player's marginal checked exactly; the duality certificate re-evaluated row by "
      "row",
      [&] {
        std::string detail;
        bool disagree = false, all = true;
        for (bool buyer : {true, false}) {
          const Side s = side_of(e, e.structure, m.q, m.t_buyer, m.t_seller, buyer);
          const auto r = recheck_routes(s, o);
          if (!r || !r->deviation) {
            all = false;
            continue;
          }
          detail += (detail.empty() ? "" : "; ") + r->detail;
          if (*r->deviation != r->multipliers) disagree = true;
        }
        if (o.verdict == Verdict::refuted && !disagree)
          reject("no player's routes disagree once re-checked (" + detail + ")");
        if (o.verdict == Verdict::holds && (disagree || !all))
          reject("the routes do not agree for both players once re-checked (" + detail + ")");
        return detail;
      });
}

std::optional<Recheck> recheck_ly_class2(const ly::Economy& e, const Outcome& o) {
  if ((o.verdict != Verdict::holds && o.verdict != Verdict::refuted) || !e.mechanism) return std::nullopt;
  const ly::Mechanism& m = *e.mechanism;
  auto side = [&](bool buyer) { return side_of(e, e.structure, m.q, m.t_buyer, m.t_seller, buyer); };
  if (o.verdict == Verdict::refuted)
    return guarded(
        "the reported direction re-evaluated by separate code: NA from the multipliers ST and CS force at each "
        "column's first "
        "positive cell, a finite step's gain as payoff minus kappa I(V; S), the marginal gain from the derivative of "
        "that "
        "mutual information, kappa log S from its own enclosure",
        [&]() -> std::string {
          const auto who = text_of(o.witness, "refuted for");
          const auto kind = text_of(o.witness, "refutation");
          if (!who || !kind) reject("the refutation does not say whose and which");
          const Side s = side(*who == "buyer");
          const auto beta = cells_of(o.witness, "beta^" + s.tag, s.R, s.C);
          if (!beta) reject("the direction beta^" + s.tag + " is not reported");
          const Rational B = check_direction(s, *beta);
          if (*kind == "NA holds but a Class-2 step pays") {
            const Rational epsilon = rational_of(o.witness, "epsilon^" + s.tag);
            if (!(epsilon > 0 && epsilon <= 1))
              reject("the step epsilon = " + to_string(epsilon) + " is not in (0, 1]");
            if (na_excess_sign(s, forced_lambda(s)) > 0)
              reject("NA fails for the " + s.who + ", so a paying step refutes nothing");
            std::string shown;
            if (gain_sign(s, class2_step(s, *beta, epsilon), shown) <= 0)
              reject("moving epsilon beta to abstention does not gain (" + shown + ")");
            return s.who + ": NA holds, and moving epsilon beta to abstention gains " + shown;
          }
          if (*kind == "a direction beats kappa log S") {
            for (unsigned long bits : {256ul, 4096ul}) {
              const Real per_unit = class2_marginal_gain(s, *beta, bits) / of(B, bits),
                         bound = kappa_log_na_sum(s, bits);
              if (certainly_below(bound, per_unit))
                return s.who + ": MG(beta)/B = " + text(per_unit) + " > kappa log S = " + text(bound);
              if (!certainly_positive(per_unit - bound) && !mpfi_has_zero((per_unit - bound).x))
                reject("MG(beta)/B = " + text(per_unit) + " is below kappa log S = " + text(bound));
            }
            throw Undecidable("re-check: MG(beta)/B against kappa log S not decided at 4096 bits",
                              enclosure_arithmetic);
          }
          reject("unknown refutation '" + *kind + "'");
        });
  return guarded(
      "NA re-decided per player from the multipliers ST and CS force (separate code); where NA fails, the reported "
      "step "
      "epsilon beta*'s gain recomputed as payoff minus kappa I(V; S)",
      [&] {
        std::string detail;
        for (bool buyer : {true, false}) {
          const Side s = side(buyer);
          const auto said = text_of(o.values, "NA^" + s.tag);
          if (!said) reject("NA^" + s.tag + " is not reported");
          const int excess = na_excess_sign(s, forced_lambda(s));
          const std::string found = excess < 0 ? "holds" : excess == 0 ? "binds" : "fails";
          if (found != *said) reject("NA^" + s.tag + " is reported as '" + *said + "' but " + found);
          detail += (detail.empty() ? "" : "; ") + s.who + ": NA " + found;
          if (excess > 0) {
            const auto beta = cells_of(o.witness, "beta*^" + s.tag, s.R, s.C);
            if (!beta) reject("NA fails for the " + s.who + " but no step beta* is reported");
            check_direction(s, *beta);
            const Rational epsilon = rational_of(o.witness, "epsilon^" + s.tag);
            std::string shown;
            if (!(epsilon > 0 && epsilon <= 1) || gain_sign(s, class2_step(s, *beta, epsilon), shown) <= 0)
              reject("the reported step epsilon beta* of the " + s.who + " does not gain (" + shown + ")");
            detail += ", and the step epsilon beta* gains " + shown;
          }
        }
        return detail;
      });
}

std::optional<Recheck> recheck_ly_perfect_correlation(const ly::Economy& e, const Outcome& o) {
  if (o.verdict != Verdict::holds && o.verdict != Verdict::refuted) return std::nullopt;
  const Matrix q = efficient_q(e, e.structure);
  const Matrix none(q.size(), std::vector<Rational>(q[0].size()));
  if (const auto kind = text_of(o.witness, "obstruction"))
    return guarded(
        "the reported obstruction re-evaluated by separate code: efficient q from E[u^b - u^s | i, j], the bounds x_r "
        "= "
        "sigma q Delta u - kappa log LR_r of its two cells compared (proofs/ly/docs/derivation.md section 5), or the "
        "boundary "
        "posterior read off alpha",
        [&]() -> std::string {
          if (*kind == "boundary") {
            const bool buyer = text_of(o.witness, "boundary signal of") == std::optional<std::string>("buyer");
            const Side s = side_of(e, e.structure, q, none, none, buyer);
            const Rational k = rational_of(o.witness, "boundary signal");
            if (!(k >= 1 && k <= static_cast<long long>(s.R)) || denominator(k) != 1) reject("no such signal");
            const std::size_t r = static_cast<std::size_t>(numerator(k).convert_to<long>() - 1);
            if (s.mass(LO, r) > 0 && s.mass(HI, r) > 0)
              reject("the " + s.who + "'s signal " + to_string(k) + " has an interior posterior");
            return "the " + s.who + "'s signal " + to_string(k) + " has a boundary posterior: ST would need log 0";
          }
          const Side s = side_of(e, e.structure, q, none, none,
                                 text_of(o.witness, "obstruction player") == std::optional<std::string>("buyer"));
          auto index = [&](const std::string& name, std::size_t n) {
            const Rational k = rational_of(o.witness, name);
            if (denominator(k) != 1 || k < 1 || k > static_cast<long long>(n)) reject("'" + name + "' is out of range");
            return static_cast<std::size_t>(numerator(k).convert_to<long>() - 1);
          };
          const std::size_t col = index("obstruction column", s.C), low = index("obstruction low row", s.R),
                            high = index("obstruction high row", s.R);
          if (!(s.a[LO][low][col] > 0)) reject("the low row's cell " + s.cell(LO, low, col) + " has no mass");
          if (!(s.a[HI][high][col] > 0)) reject("the high row's cell " + s.cell(HI, high, col) + " has no mass");
          if (bound_order(s, e, q, col, low, high) <= 0)
            reject("in column " + std::to_string(col + 1) + " of the " + s.who +
                   "'s problem the lower bound does not exceed the upper bound");
          return s.who + ", column " + std::to_string(col + 1) + ": lambda(hi) - lambda(lo) must be >= x of row " +
                 std::to_string(low + 1) + " (mass at v_lo) and <= x of row " + std::to_string(high + 1) +
                 " (mass at v_hi), and the first exceeds the second";
        });
  if (text_of(o.values, "transfers exist for the buyer"))
    return guarded(
        "existence of transfers re-decided by separate code (every pair of bounds per column, "
        "proofs/ly/docs/derivation.md section 5)",
        [&]() -> std::string {
          if (o.verdict != Verdict::holds) reject("no obstruction is reported");
          for (bool buyer : {true, false})
            if (auto f = no_transfers(side_of(e, e.structure, q, none, none, buyer), e, q)) reject(*f);
          return "every bound from a v_lo cell is at most every bound from a v_hi cell in every column, for both "
                 "players";
        });
  if (!lookup(o.witness, "t_buyer_11")) return std::nullopt;
  const std::size_t I = q.size();
  const Matrix tb = matrix_of(o.witness, "t_buyer", I, I), ts = matrix_of(o.witness, "t_seller", I, I);
  return guarded(
      "the constructed transfers (as reported) re-checked for both players by separate code: multipliers evaluated "
      "against "
      "ST, CS, DF and NA, a reported deviation's gain recomputed as payoff minus kappa I(V; S), the duality "
      "certificate "
      "re-evaluated",
      [&] {
        std::string detail;
        bool implementable = true, all = true, disagree = false;
        for (bool buyer : {true, false}) {
          const auto r = recheck_routes(side_of(e, e.structure, q, tb, ts, buyer), o);
          if (!r || !r->deviation) {
            all = false;
            continue;
          }
          detail += (detail.empty() ? "" : "; ") + r->detail;
          implementable = implementable && r->multipliers && *r->deviation;
          disagree = disagree || r->multipliers != *r->deviation;
        }
        if (o.verdict == Verdict::holds && !(all && implementable))
          reject("the transfers are not implementable for both players (" + detail + ")");
        if (o.verdict == Verdict::refuted && implementable && !disagree)
          reject("the transfers are implementable once re-checked (" + detail + ")");
        return detail;
      });
}

std::optional<Recheck> recheck_ly_efficiency_structure(const ly::Economy& e, const Outcome& o) {
  if (o.verdict != Verdict::refuted) return std::nullopt;  // a search that found nothing has no witness
  return guarded(
      "the reported structure re-checked by separate code: the model's rules, distinct posteriors when the search "
      "required "
      "them, efficient q from E[u^b - u^s | i, j], existence of transfers for both players (every pair of bounds per "
      "column), and that it is not perfectly correlated",
      [&]() -> std::string {
        const auto [I, J] = cells_size(o.witness, "alpha");
        const auto alpha = cells_of(o.witness, "alpha", I, J);
        if (!alpha) reject("the structure alpha is not reported");
        const ly::Structure s = structure_of(*alpha);
        check_structure(e, s);
        const auto sought = text_of(o.values, "counterexamples sought among");
        if (!sought) reject("the outcome does not say which structures were searched");
        if (sought->rfind("structures with distinct", 0) == 0) {
          for (bool buyer : {true, false}) {
            const Side side = side_of(e, s, efficient_q(e, s), Matrix(I, std::vector<Rational>(J)),
                                      Matrix(I, std::vector<Rational>(J)), buyer);
            for (std::size_t a = 0; a < side.R; ++a)
              for (std::size_t b = a + 1; b < side.R; ++b)
                if (side.posterior(HI, a) == side.posterior(HI, b))
                  reject("two of the " + side.who + "'s signals share a posterior");
          }
        }
        const Matrix q = efficient_q(e, s), zero(I, std::vector<Rational>(J));
        for (bool buyer : {true, false})
          if (auto f = no_transfers(side_of(e, s, q, zero, zero, buyer), e, q))
            reject("no transfers implement efficient trade: " + *f);
        if (perfectly_correlated(s)) reject("the reported structure is perfectly correlated");
        return std::to_string(I) + "x" + std::to_string(J) +
               "x2 structure: valid, transfers implementing efficient trade exist for "
               "both players, and it is not perfectly correlated";
      });
}

std::optional<Recheck> recheck_ly_subsidy(const ly::Economy& e, const Outcome& o) {
  const Rational mu0 = e.prior[HI];
  if (o.verdict == Verdict::refuted)
    return guarded(
        "at the reported Lambda, by separate code from T's definition (min of the buyer's, max of the seller's "
        "branches): the "
        "best split with weight at a fully revealing posterior reaches the reported lower bound and every split on the "
        "kinks stays below it (that the same holds at every near-optimal Lambda rests on the branch-and-bound)",
        [&]() -> std::string {
          const Rational pb = rational_of(o.witness, "p_b (best boundary split)"),
                         ps = rational_of(o.witness, "p_s (best boundary split)");
          const Rational L = rational_of(o.witness, "certified lower bound of the optimal revenue");
          if (!(pb > 0 && pb < 1 && ps > 0 && ps < 1)) reject("p_b, p_s must lie in (0, 1)");
          for (unsigned long bits : {256ul, 4096ul}) {
            const TDefinition t{e, pb, ps, bits};
            const Real m = of(mu0, bits), zero = of(Rational(0), bits), one = of(Rational(1), bits);
            const Real T0 = t.T_limit(LO), T1 = t.T_limit(HI);
            const std::array<Real, 2> kink{t.kink(true), t.kink(false)};
            if (!(certainly_below(kink[0], m) || certainly_below(m, kink[0])) ||
                !(certainly_below(kink[1], m) || certainly_below(m, kink[1])))
              continue;  // a kink not separated from mu0: more precision
            // Splits with weight at a fully revealing posterior: (0, 1), (0, k) for a kink k > mu0, (k, 1) for k < mu0.
            std::vector<Real> boundary{chord(zero, T0, one, T1, m)};
            for (const Real& k : kink)
              boundary.push_back(certainly_below(k, m) ? chord(k, t.T(k), one, T1, m) : chord(zero, T0, k, t.T(k), m));
            const Real* reaching = nullptr;
            for (const Real& v : boundary)
              if (!reaching && certainly_at_least(v, L)) reaching = &v;
            // The split on the kinks: only when they lie on either side of mu0.
            std::optional<Real> on_kinks;
            if (certainly_below(kink[0], m) != certainly_below(kink[1], m)) {
              const int below = certainly_below(kink[0], m) ? 0 : 1;
              on_kinks = chord(kink[below], t.T(kink[below]), kink[1 - below], t.T(kink[1 - below]), m);
            }
            const bool kinks_below = !on_kinks || certainly_less(*on_kinks, L);
            if (reaching && kinks_below)
              return "at the reported Lambda a split with a fully revealing posterior is worth " + text(*reaching) +
                     " >= the reported lower bound " + certified_decimal(L, 10) + ", and " +
                     (on_kinks ? "the split on the kinks " + text(*on_kinks) + " < it"
                               : std::string("no split uses both kinks"));
            if (bits == 4096ul) {
              if (!reaching)
                reject("no split with a fully revealing posterior reaches the reported lower bound " +
                       certified_decimal(L, 10) + " at the reported Lambda");
              reject("the split on the kinks, " + text(*on_kinks) + ", is not below the reported lower bound " +
                     certified_decimal(L, 10));
            }
          }
          throw Undecidable("re-check: a kink's position against mu0 is not decided at 4096 bits",
                            enclosure_arithmetic);
        });
  if (o.verdict != Verdict::holds || !lookup(o.witness, "t_buyer_11")) return std::nullopt;
  return guarded(
      "the reported two-realization mechanism re-checked by separate code: the model's rules on its structure, ST, CS, "
      "DF "
      "and NA for both players with q = 1, its subsidy sum alpha (t^s - t^b) recomputed exactly and its revenue at "
      "most the "
      "certified optimum",
      [&]() -> std::string {
        const auto alpha = cells_of(o.witness, "alpha", 2, 2);
        if (!alpha) reject("the structure alpha is not reported");
        const ly::Structure s = structure_of(*alpha);
        check_structure(e, s);
        const Matrix q(2, std::vector<Rational>(2, Rational(1)));
        const Matrix tb = matrix_of(o.witness, "t_buyer", 2, 2), ts = matrix_of(o.witness, "t_seller", 2, 2);
        for (bool buyer : {true, false}) {
          const Side side = side_of(e, s, q, tb, ts, buyer);
          if (auto f = multipliers_fail(side, forced_lambda(side)))
            reject("the mechanism is not implementable for the " + side.who + ": " + *f);
        }
        Rational subsidy = 0;
        for (int v = 0; v < 2; ++v)
          for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 2; ++j) subsidy += s.alpha[v][i][j] * (ts[i][j] - tb[i][j]);
        const Rational reported =
            rational_of(o.values, "subsidy of the rational mechanism (exact; implementable, certified)");
        if (subsidy != reported)
          reject("its subsidy is " + to_string(subsidy) + ", not the reported " + to_string(reported));
        const Rational upper = rational_of(o.witness, "certified upper bound of the optimal revenue");
        if (-subsidy > upper)
          reject("its revenue " + to_string(-subsidy) + " exceeds the certified optimum's upper bound");
        return "implementable for both players (ST, CS, DF, NA), subsidy " + certified_decimal(subsidy, 10) +
               " exactly, revenue within the certified optimum";
      });
}

}  // namespace mechcheck::proofs
