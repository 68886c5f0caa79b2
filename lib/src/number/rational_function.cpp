// Multivariate rational functions over Q on FLINT's fmpq_mpoly: every value is kept reduced
// (numerator and denominator divided by their gcd, denominator with leading coefficient 1), so
// equal functions have equal representations.
#include "mechcheck/number/rational_function.hpp"

#include "../flint_convert.hpp"

#include <flint/fmpq.h>
#include <flint/fmpq_mpoly.h>

#include <ostream>
#include <stdexcept>

namespace mechcheck {

class RationalFunction::Field {
 public:
  explicit Field(std::vector<std::string> names) : names_(std::move(names)) {
    if (names_.empty()) throw std::invalid_argument("a field of rational functions needs at least one variable");
    fmpq_mpoly_ctx_init(ctx_, static_cast<slong>(names_.size()), ORD_DEGREVLEX);
    for (const auto& n : names_) c_names_.push_back(n.c_str());
  }
  ~Field() { fmpq_mpoly_ctx_clear(ctx_); }
  Field(const Field&) = delete;
  Field& operator=(const Field&) = delete;

  const fmpq_mpoly_ctx_struct* ctx() const { return ctx_; }
  std::size_t size() const { return names_.size(); }
  const char** c_names() const { return const_cast<const char**>(c_names_.data()); }

 private:
  std::vector<std::string> names_;
  std::vector<const char*> c_names_;
  mutable fmpq_mpoly_ctx_t ctx_;
};

// num/den in a field; immutable once built.
struct RationalFunction::Impl {
  FieldPtr field;
  fmpq_mpoly_t num, den;
  explicit Impl(FieldPtr f) : field(std::move(f)) {
    fmpq_mpoly_init(num, field->ctx());
    fmpq_mpoly_init(den, field->ctx());
  }
  ~Impl() {
    fmpq_mpoly_clear(num, field->ctx());
    fmpq_mpoly_clear(den, field->ctx());
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
};

// Helpers with access to the private representation.
struct RationalFunctionOps {
  using Impl = RationalFunction::Impl;
  using FieldPtr = RationalFunction::FieldPtr;

  static FieldPtr common_field(const RationalFunction& a, const RationalFunction& b) {
    if (a.impl_ && b.impl_ && a.impl_->field != b.impl_->field)
      throw std::logic_error("rational functions of different fields cannot be combined");
    return a.impl_ ? a.impl_->field : b.impl_ ? b.impl_->field : nullptr;
  }

  // A fresh (num, den) copy of x in `field`.
  static std::shared_ptr<Impl> lift(const RationalFunction& x, const FieldPtr& field) {
    auto out = std::make_shared<Impl>(field);
    if (x.impl_) {
      fmpq_mpoly_set(out->num, x.impl_->num, field->ctx());
      fmpq_mpoly_set(out->den, x.impl_->den, field->ctx());
    } else {
      FlintRational c(x.constant_);
      fmpq_mpoly_set_fmpq(out->num, c.get(), field->ctx());
      fmpq_mpoly_one(out->den, field->ctx());
    }
    return out;
  }

  // Divides out gcd(num, den), makes den's leading coefficient 1; a constant result drops the field.
  static RationalFunction finish(const std::shared_ptr<Impl>& x) {
    const auto* ctx = x->field->ctx();
    if (fmpq_mpoly_is_zero(x->den, ctx)) throw std::domain_error("division by the zero rational function");
    if (fmpq_mpoly_is_zero(x->num, ctx)) {
      fmpq_mpoly_one(x->den, ctx);
    } else {
      fmpq_mpoly_t g;
      fmpq_mpoly_init(g, ctx);
      if (!fmpq_mpoly_gcd(g, x->num, x->den, ctx)) {
        fmpq_mpoly_clear(g, ctx);
        throw std::runtime_error("FLINT could not compute a polynomial gcd");
      }
      if (!fmpq_mpoly_is_one(g, ctx)) {
        fmpq_mpoly_divides(x->num, x->num, g, ctx);
        fmpq_mpoly_divides(x->den, x->den, g, ctx);
      }
      fmpq_mpoly_clear(g, ctx);
      fmpq_t lc;
      fmpq_init(lc);
      fmpq_mpoly_get_term_coeff_fmpq(lc, x->den, 0, ctx);
      fmpq_mpoly_scalar_div_fmpq(x->num, x->num, lc, ctx);
      fmpq_mpoly_scalar_div_fmpq(x->den, x->den, lc, ctx);
      fmpq_clear(lc);
    }
    if (fmpq_mpoly_is_fmpq(x->num, ctx) && fmpq_mpoly_is_one(x->den, ctx)) {
      fmpq_t c;
      fmpq_init(c);
      fmpq_mpoly_get_fmpq(c, x->num, ctx);
      RationalFunction constant(from_flint(c));
      fmpq_clear(c);
      return constant;
    }
    return RationalFunction(std::shared_ptr<const Impl>(x));
  }

  template <class RationalOp, class FieldOp>
  static RationalFunction combine(const RationalFunction& a, const RationalFunction& b, RationalOp on_constants,
                                  FieldOp on_fractions) {
    FieldPtr field = common_field(a, b);
    if (!field) return RationalFunction(on_constants(a.constant_, b.constant_));
    auto x = lift(a, field), y = lift(b, field);
    auto out = std::make_shared<Impl>(field);
    on_fractions(*out, *x, *y, field->ctx());
    return finish(out);
  }

  static const RationalFunction::Impl* impl(const RationalFunction& x) { return x.impl_.get(); }
  static const Rational& constant(const RationalFunction& x) { return x.constant_; }
};

using Ops = RationalFunctionOps;

RationalFunction::FieldPtr RationalFunction::make_field(std::vector<std::string> variable_names) {
  return std::make_shared<const Field>(std::move(variable_names));
}

RationalFunction::RationalFunction() : constant_(0) {}
RationalFunction::RationalFunction(const Rational& constant) : constant_(constant) {}

RationalFunction RationalFunction::variable(const FieldPtr& field, std::size_t index) {
  if (index >= field->size()) throw std::out_of_range("no such variable in the field");
  auto x = std::make_shared<Impl>(field);
  fmpq_mpoly_gen(x->num, static_cast<slong>(index), field->ctx());
  fmpq_mpoly_one(x->den, field->ctx());
  return RationalFunction(std::shared_ptr<const Impl>(x));
}

RationalFunction operator+(const RationalFunction& a, const RationalFunction& b) {
  return Ops::combine(
      a, b, [](const Rational& x, const Rational& y) { return Rational(x + y); },
      [](Ops::Impl& out, const Ops::Impl& x, const Ops::Impl& y, const fmpq_mpoly_ctx_struct* ctx) {
        fmpq_mpoly_t t;
        fmpq_mpoly_init(t, ctx);
        fmpq_mpoly_mul(out.num, x.num, y.den, ctx);
        fmpq_mpoly_mul(t, y.num, x.den, ctx);
        fmpq_mpoly_add(out.num, out.num, t, ctx);
        fmpq_mpoly_mul(out.den, x.den, y.den, ctx);
        fmpq_mpoly_clear(t, ctx);
      });
}

RationalFunction RationalFunction::operator-() const { return RationalFunction(Rational(-1)) * *this; }

RationalFunction operator-(const RationalFunction& a, const RationalFunction& b) { return a + (-b); }

RationalFunction operator*(const RationalFunction& a, const RationalFunction& b) {
  return Ops::combine(
      a, b, [](const Rational& x, const Rational& y) { return Rational(x * y); },
      [](Ops::Impl& out, const Ops::Impl& x, const Ops::Impl& y, const fmpq_mpoly_ctx_struct* ctx) {
        fmpq_mpoly_mul(out.num, x.num, y.num, ctx);
        fmpq_mpoly_mul(out.den, x.den, y.den, ctx);
      });
}

RationalFunction operator/(const RationalFunction& a, const RationalFunction& b) {
  if (b.is_zero()) throw std::domain_error("division by the zero rational function");
  return Ops::combine(
      a, b, [](const Rational& x, const Rational& y) { return Rational(x / y); },
      [](Ops::Impl& out, const Ops::Impl& x, const Ops::Impl& y, const fmpq_mpoly_ctx_struct* ctx) {
        fmpq_mpoly_mul(out.num, x.num, y.den, ctx);
        fmpq_mpoly_mul(out.den, x.den, y.num, ctx);
      });
}

bool operator==(const RationalFunction& a, const RationalFunction& b) { return (a - b).is_zero(); }

bool RationalFunction::is_zero() const { return !impl_ && constant_ == 0; }

std::optional<Rational> RationalFunction::constant() const {
  if (impl_) return std::nullopt;
  return constant_;
}

RationalFunction RationalFunction::cleared_numerator(const RationalFunction& a, const RationalFunction& b) {
  return a.numerator() * b.denominator() - b.numerator() * a.denominator();
}

RationalFunction RationalFunction::numerator() const {
  if (!impl_) return *this;
  auto x = std::make_shared<Impl>(impl_->field);
  fmpq_mpoly_set(x->num, impl_->num, impl_->field->ctx());
  fmpq_mpoly_one(x->den, impl_->field->ctx());
  return Ops::finish(x);
}

RationalFunction RationalFunction::denominator() const {
  if (!impl_) return RationalFunction(Rational(1));
  auto x = std::make_shared<Impl>(impl_->field);
  fmpq_mpoly_set(x->num, impl_->den, impl_->field->ctx());
  fmpq_mpoly_one(x->den, impl_->field->ctx());
  return Ops::finish(x);
}

namespace {

// +1 / -1 when every coefficient has that sign, 0 for the zero polynomial, nullopt when mixed.
std::optional<int> coefficient_sign(const fmpq_mpoly_t p, const fmpq_mpoly_ctx_struct* ctx) {
  slong n = fmpq_mpoly_length(p, ctx);
  if (n == 0) return 0;
  int s = 0;
  fmpq_t c;
  fmpq_init(c);
  std::optional<int> out;
  for (slong i = 0; i < n; ++i) {
    fmpq_mpoly_get_term_coeff_fmpq(c, p, i, ctx);
    int t = fmpq_sgn(c);
    if (s == 0) s = t;
    else if (t != s) {
      s = 2;
      break;
    }
  }
  fmpq_clear(c);
  if (s != 2) out = s;
  return out;
}

}  // namespace

std::optional<int> RationalFunction::orthant_sign_certificate() const {
  if (!impl_) return sign(constant_);
  auto n = coefficient_sign(impl_->num, impl_->field->ctx());
  auto d = coefficient_sign(impl_->den, impl_->field->ctx());
  if (!n || !d) return std::nullopt;
  return *n * *d;
}

Rational RationalFunction::evaluate(const std::vector<Rational>& point) const {
  if (!impl_) return constant_;
  const auto& field = *impl_->field;
  if (point.size() != field.size())
    throw std::invalid_argument("evaluate: " + std::to_string(point.size()) + " values for " +
                                std::to_string(field.size()) + " variables");
  std::vector<fmpq> values(point.size());
  std::vector<fmpq*> pointers;
  for (std::size_t i = 0; i < point.size(); ++i) {
    fmpq_init(&values[i]);
    fmpq_set_mpq(&values[i], point[i].backend().data());
    pointers.push_back(&values[i]);
  }
  fmpq_t n, d;
  fmpq_init(n);
  fmpq_init(d);
  fmpq_mpoly_evaluate_all_fmpq(n, impl_->num, pointers.data(), field.ctx());
  fmpq_mpoly_evaluate_all_fmpq(d, impl_->den, pointers.data(), field.ctx());
  for (auto& v : values) fmpq_clear(&v);
  bool zero = fmpq_is_zero(d);
  Rational out = zero ? Rational(0) : Rational(from_flint(n) / from_flint(d));
  fmpq_clear(n);
  fmpq_clear(d);
  if (zero) throw std::domain_error("the denominator " + denominator().to_string() + " vanishes at this point");
  return out;
}

std::string RationalFunction::to_string() const {
  if (!impl_) return mechcheck::to_string(constant_);
  const auto* ctx = impl_->field->ctx();
  auto pretty = [&](const fmpq_mpoly_t p) {
    char* s = fmpq_mpoly_get_str_pretty(p, impl_->field->c_names(), ctx);
    std::string out(s);
    flint_free(s);
    return out;
  };
  std::string num = pretty(impl_->num);
  if (fmpq_mpoly_is_one(impl_->den, ctx)) return num;
  bool simple_num = fmpq_mpoly_length(impl_->num, ctx) == 1;
  bool simple_den = fmpq_mpoly_length(impl_->den, ctx) == 1;
  return (simple_num ? num : "(" + num + ")") + "/" +
         (simple_den ? pretty(impl_->den) : "(" + pretty(impl_->den) + ")");
}

std::ostream& operator<<(std::ostream& out, const RationalFunction& f) { return out << f.to_string(); }

}  // namespace mechcheck

namespace mechcheck {

int NumberKind<RationalFunction>::sign(const RationalFunction& x) {
  if (auto c = x.constant()) return mechcheck::sign(*c);
  throw Undecidable("the sign of the non-constant rational function " + x.to_string() + " is not a number's sign",
                    Arithmetic::exact);
}

}  // namespace mechcheck
