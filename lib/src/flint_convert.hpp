#pragma once
// Conversions between Boost.MP GMP numbers and FLINT/Arb types (private to lib/src).
#include "mechcheck/number/rational.hpp"

#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpz.h>
#include <arf.h>

namespace mechcheck {

inline Integer from_flint(const fmpz_t z) {
  Integer out;
  fmpz_get_mpz(out.backend().data(), z);
  return out;
}

inline Rational from_flint(const fmpq_t r) {
  Rational out;
  fmpq_get_mpq(out.backend().data(), r);
  return out;
}

// An arf is a dyadic rational (or infinite/NaN, which we never produce here).
inline Rational from_flint(const arf_t x) {
  fmpz_t m, e;
  fmpz_init(m);
  fmpz_init(e);
  arf_get_fmpz_2exp(m, e, x);
  Rational out(from_flint(m));
  slong exponent = fmpz_get_si(e);
  Integer two_pow = 1;
  two_pow <<= static_cast<unsigned>(exponent < 0 ? -exponent : exponent);
  if (exponent >= 0) out *= Rational(two_pow);
  else out /= Rational(two_pow);
  fmpz_clear(m);
  fmpz_clear(e);
  return out;
}

class FlintRational {
 public:
  explicit FlintRational(const Rational& value) {
    fmpq_init(value_);
    fmpq_set_mpq(value_, value.backend().data());
  }
  ~FlintRational() { fmpq_clear(value_); }
  FlintRational(const FlintRational&) = delete;
  FlintRational& operator=(const FlintRational&) = delete;
  fmpq* get() { return value_; }

 private:
  fmpq_t value_;
};

class FlintPolynomial {
 public:
  // From coefficients in ascending powers.
  explicit FlintPolynomial(const std::vector<Rational>& c) {
    fmpq_poly_init(value_);
    for (std::size_t i = 0; i < c.size(); ++i) {
      FlintRational r(c[i]);
      fmpq_poly_set_coeff_fmpq(value_, static_cast<slong>(i), r.get());
    }
  }
  ~FlintPolynomial() { fmpq_poly_clear(value_); }
  FlintPolynomial(const FlintPolynomial&) = delete;
  FlintPolynomial& operator=(const FlintPolynomial&) = delete;
  fmpq_poly_struct* get() { return value_; }

 private:
  fmpq_poly_t value_;
};

}  // namespace mechcheck
