// Exact exp-sums, their certified enclosures and exact sign decisions (exp_sum.hpp).
#include "ly/model/exp_sum.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>

namespace mechcheck::ly {
namespace {

// RAII for a raw mpfi_t at a given precision.
struct Mpfi {
  mpfi_t x;
  explicit Mpfi(unsigned long bits) { mpfi_init2(x, static_cast<mpfr_prec_t>(bits)); }
  ~Mpfi() { mpfi_clear(x); }
  Mpfi(const Mpfi&) = delete;
  Mpfi& operator=(const Mpfi&) = delete;
};

Interval to_interval(const mpfi_t x) {
  Interval out;
  const unsigned long bits = static_cast<unsigned long>(mpfi_get_prec(x));
  out.precision(static_cast<unsigned>(bits * 0.30103) + 2);
  mpfi_set(out.backend().data(), x);  // rounds outward if narrower
  return out;
}

void set_q(mpfi_t x, const Rational& q) { mpfi_set_q(x, q.backend().data()); }

}  // namespace

ExpSum ExpSum::constant(const Rational& c) { return term(c, Rational(0)); }

ExpSum ExpSum::term(const Rational& c, const Rational& exponent) {
  ExpSum out;
  if (c != 0) out.terms_[exponent] = c;
  return out;
}

ExpSum& ExpSum::operator+=(const ExpSum& other) {
  for (const auto& [a, c] : other.terms_) {
    auto it = terms_.find(a);
    if (it == terms_.end()) terms_[a] = c;
    else {
      it->second += c;
      if (it->second == 0) terms_.erase(it);
    }
  }
  return *this;
}

ExpSum& ExpSum::operator-=(const ExpSum& other) { return *this += other.scaled(Rational(-1)); }

ExpSum operator*(const ExpSum& x, const ExpSum& y) {
  ExpSum out;
  for (const auto& [a, c] : x.terms_)
    for (const auto& [b, d] : y.terms_) out += ExpSum::term(c * d, a + b);
  return out;
}

ExpSum ExpSum::scaled(const Rational& factor) const {
  ExpSum out;
  if (factor == 0) return out;
  for (const auto& [a, c] : terms_) out.terms_[a] = c * factor;
  return out;
}

Interval ExpSum::enclose(unsigned long bits) const {
  Mpfi acc(bits), t(bits), a(bits);
  mpfi_set_ui(acc.x, 0);
  for (const auto& [e, c] : terms_) {
    set_q(a.x, e);
    mpfi_exp(t.x, a.x);
    mpfi_mul_q(t.x, t.x, c.backend().data());
    mpfi_add(acc.x, acc.x, t.x);
  }
  return to_interval(acc.x);
}

std::string ExpSum::to_string() const {
  if (terms_.empty()) return "0";
  std::string out;
  for (const auto& [a, c] : terms_) {
    std::string coeff = mechcheck::to_string(c);
    if (!out.empty()) {
      if (c < 0) {
        out += " - ";
        coeff = mechcheck::to_string(Rational(-c));
      } else {
        out += " + ";
      }
    }
    out += coeff;
    if (a != 0) out += " e^(" + mechcheck::to_string(a) + ")";
  }
  return out;
}

int decide_sign(const ExpSum& x, unsigned long max_bits) {
  if (x.is_identically_zero()) return 0;
  // One term: the sign of its coefficient (e^a > 0), exactly.
  if (x.terms().size() == 1) return x.terms().begin()->second > 0 ? 1 : -1;
  Interval last;
  for (unsigned long bits = 128; bits <= max_bits; bits *= 2) {
    Mpfi acc(bits), t(bits), a(bits);
    mpfi_set_ui(acc.x, 0);
    for (const auto& [e, c] : x.terms()) {
      set_q(a.x, e);
      mpfi_exp(t.x, a.x);
      mpfi_mul_q(t.x, t.x, c.backend().data());
      mpfi_add(acc.x, acc.x, t.x);
    }
    if (mpfi_is_strictly_pos(acc.x)) return 1;
    if (mpfi_is_strictly_neg(acc.x)) return -1;
    last = to_interval(acc.x);
  }
  throw Undecidable("the sign of " + x.to_string() + " (nonzero by Lindemann-Weierstrass) is not decided at " +
                        std::to_string(max_bits) + " bits: enclosure " + interval_text(last),
                    NumberKind<Interval>::arithmetic);
}

ExpSum exp_over_kappa(const LogTerm& x, const Rational& kappa) { return ExpSum::term(x.r, x.a / kappa); }

int compare(const LogTerm& x, const LogTerm& y, const Rational& kappa) {
  return decide_sign(exp_over_kappa(x, kappa) - exp_over_kappa(y, kappa));
}

Interval log_enclosure(const Rational& r, unsigned long bits) {
  Mpfi t(bits);
  set_q(t.x, r);
  mpfi_log(t.x, t.x);
  return to_interval(t.x);
}

Interval exp_enclosure(const Rational& a, unsigned long bits) {
  Mpfi t(bits);
  set_q(t.x, a);
  mpfi_exp(t.x, t.x);
  return to_interval(t.x);
}

Interval enclose(const LogTerm& x, const Rational& kappa, unsigned long bits) {
  Mpfi t(bits), a(bits);
  set_q(t.x, x.r);
  mpfi_log(t.x, t.x);
  mpfi_mul_q(t.x, t.x, kappa.backend().data());
  set_q(a.x, x.a);
  mpfi_add(t.x, t.x, a.x);
  return to_interval(t.x);
}

std::string interval_text(const Interval& x) { return NumberKind<Interval>::to_string(x); }

double midpoint(const Interval& x) {
  const Rational m = (lower_bound(x) + upper_bound(x)) / 2;
  return m.convert_to<double>();
}

}  // namespace mechcheck::ly
