// The re-checkers' own spot market (see llm/recheck/recheck_model.hpp for what it shares with nothing).
#include "llm/recheck/recheck_model.hpp"

#include <algorithm>
#include <stdexcept>

namespace mechcheck::proofs::llm_recheck {

// ---- exact sums ----------------------------------------------------------------------------

void ExactSum::add(const Rational& coefficient, const Algebraic& x) {
  if (coefficient == 0) return;
  if (x.is_rational()) {
    rational_ += coefficient * x.to_rational();
    return;
  }
  for (auto& [number, c] : terms_)
    if (number == x) {
      c += coefficient;
      return;
    }
  terms_.emplace_back(x, coefficient);
}

void ExactSum::add(const Rational& coefficient, const ExactSum& other) {
  rational_ += coefficient * other.rational_;
  for (const auto& [number, c] : other.terms_) add(coefficient * c, number);
}

void ExactSum::add_product(const Rational& coefficient, const Algebraic& x, const Algebraic& y) {
  if (x.is_rational()) add(coefficient * x.to_rational(), y);
  else if (y.is_rational()) add(coefficient * y.to_rational(), x);
  else add(coefficient, x * y);
}

Algebraic ExactSum::value() const {
  Algebraic total(rational_);
  for (const auto& [number, c] : terms_)
    if (c != 0) total += Algebraic(c) * number;
  return total;
}

// ---- the outcome as reported --------------------------------------------------------------

namespace {

Rational rational_or_throw(std::string_view text, const std::string& what) {
  std::string why;
  if (auto q = parse_rational(text, &why)) return *q;
  throw std::runtime_error("the reported " + what + " '" + std::string(text) + "' is not a number: " + why);
}

// "3*x^2 - 1", "-x + 1/2", "x": RationalPolynomial::to_string's form in the variable x.
RationalPolynomial parse_polynomial(const std::string& text, const std::string& what) {
  std::string s;
  for (char ch : text)
    if (ch != ' ') s += ch;
  std::vector<Rational> coefficients;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t end = pos + 1;
    while (end < s.size() && s[end] != '+' && s[end] != '-') ++end;
    std::string term = s.substr(pos, end - pos);
    pos = end;
    Rational sign = 1;
    if (!term.empty() && (term[0] == '+' || term[0] == '-')) {
      if (term[0] == '-') sign = -1;
      term.erase(0, 1);
    }
    const auto x = term.find('x');
    Rational coefficient = 1;
    long power = 0;
    if (x == std::string::npos) {
      coefficient = rational_or_throw(term, what);
    } else {
      if (x > 0) {
        if (term[x - 1] != '*')
          throw std::runtime_error("the reported " + what + " '" + text + "' is not a polynomial");
        coefficient = rational_or_throw(term.substr(0, x - 1), what);
      }
      power = 1;
      if (x + 1 < term.size()) {
        if (term[x + 1] != '^')
          throw std::runtime_error("the reported " + what + " '" + text + "' is not a polynomial");
        power = std::stol(term.substr(x + 2));
      }
    }
    if (power < 0 || power > 4096) throw std::runtime_error("the reported " + what + " has an unreadable power");
    if (coefficients.size() <= static_cast<std::size_t>(power)) coefficients.resize(power + 1, Rational(0));
    coefficients[power] += sign * coefficient;
  }
  return RationalPolynomial(coefficients);
}

}  // namespace

std::pair<Rational, Rational> enclosure_of(const Value& value) {
  const std::string& t = value.interval.empty() ? value.text : value.interval;
  const auto open = t.find('['), comma = t.find(','), close = t.find(']');
  if (open == std::string::npos || comma == std::string::npos || close == std::string::npos || !(open < comma) ||
      !(comma < close))
    throw std::runtime_error("the reported " + value.name + " '" + t + "' is not an interval [lo, hi]");
  auto trim = [](std::string x) {
    x.erase(0, x.find_first_not_of(' '));
    x.erase(x.find_last_not_of(' ') + 1);
    return x;
  };
  return {rational_or_throw(trim(t.substr(open + 1, comma - open - 1)), value.name),
          rational_or_throw(trim(t.substr(comma + 1, close - comma - 1)), value.name)};
}

Algebraic number_of(const Value& value) {
  if (value.polynomial.empty()) return Algebraic(rational_or_throw(value.text, value.name));
  const RationalPolynomial p = parse_polynomial(value.polynomial, value.name);
  const auto [lo, hi] = enclosure_of(value);
  const auto roots = p.real_roots(lo, hi);
  if (roots.size() != 1)
    throw std::runtime_error("the reported " + value.name + " is not one root: " + value.polynomial + " has " +
                             std::to_string(roots.size()) + " roots in " + value.interval);
  return roots.front();
}

const Value* find(const std::vector<Value>& values, const std::string& name) {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

const Value& named(const std::vector<Value>& values, const std::string& name) {
  if (const Value* v = find(values, name)) return *v;
  throw std::runtime_error("the outcome reports no value named '" + name + "'");
}

std::size_t agent_index(const std::vector<Value>& values, const std::string& name, std::size_t n) {
  const Algebraic a = reported(values, name);
  for (std::size_t i = 0; i < n; ++i)
    if (a == Algebraic(static_cast<long>(i + 1))) return i;
  throw std::runtime_error("the reported " + name + " " + a.to_string(12) + " is no agent of 1.." + std::to_string(n));
}

// ---- the spot market ------------------------------------------------------------------------

namespace {

Rational capped_at_one(const Rational& x) { return std::min(Rational(1), x); }

// int_a^b p for algebraic bounds.
Algebraic integral(const RationalPolynomial& p, const Algebraic& a, const Algebraic& b) {
  const RationalPolynomial antiderivative = p.antiderivative();
  return antiderivative(b) - antiderivative(a);
}

}  // namespace

SpotMarket::SpotMarket(const llm::Economy& e) : lo_(e.lo), hi_(e.hi) {
  std::vector<Rational> breaks{e.lo, e.hi};
  if (e.lo < 0 && e.hi > 0) breaks.emplace_back(0);  // negative types are never served
  for (const auto& agent : e.agents) {
    k_.push_back(agent.k);
    breaks.insert(breaks.end(), agent.cdf.breaks().begin(), agent.cdf.breaks().end());
  }
  std::sort(breaks.begin(), breaks.end());
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
  for (std::size_t j = 0; j + 1 < breaks.size(); ++j) {
    Piece piece{breaks[j], breaks[j + 1], {}};
    const Rational middle = (piece.a + piece.b) / 2;
    for (const auto& agent : e.agents) piece.cdf.push_back(agent.cdf.pieces()[agent.cdf.piece_index(middle)]);
    pieces_.push_back(std::move(piece));
  }
  q_.resize(size());
  for (std::size_t i = 0; i < size(); ++i)
    for (std::size_t j = 0; j < pieces_.size(); ++j) q_[i].push_back(q_piece(i, j));
}

std::vector<std::size_t> SpotMarket::others(std::size_t i) const {
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < size(); ++j)
    if (j != i) out.push_back(j);
  return out;
}

std::map<Rational, RationalPolynomial> SpotMarket::demand_above(std::size_t j,
                                                                const std::vector<std::size_t>& among) const {
  std::map<Rational, RationalPolynomial> distribution{{Rational(0), RationalPolynomial::constant(1)}};
  for (std::size_t a : among) {
    const RationalPolynomial& below = pieces_[j].cdf[a];
    const RationalPolynomial above = RationalPolynomial::constant(1) - below;
    std::map<Rational, RationalPolynomial> next;
    for (const auto& [demand, probability] : distribution) {
      next[demand + k_[a]] += probability * above;
      next[demand] += probability * below;
    }
    distribution = std::move(next);
  }
  return distribution;
}

RationalPolynomial SpotMarket::q_piece(std::size_t i, std::size_t j) const {
  RationalPolynomial q;
  if (pieces_[j].b <= 0) return q;  // a nonpositive type is never served
  // Agent i with type t gets what the agents above t leave, up to k_i.
  for (const auto& [demand, probability] : demand_above(j, others(i))) {
    const Rational left = 1 - demand;
    if (left > 0) q += probability * RationalPolynomial::constant(std::min(k_[i], left));
  }
  return q;
}

Algebraic SpotMarket::q_right(std::size_t i, const Algebraic& t) const {
  for (std::size_t j = 0; j < pieces_.size(); ++j)
    if (Algebraic(pieces_[j].a) <= t && (t < Algebraic(pieces_[j].b) || j + 1 == pieces_.size())) return q_[i][j](t);
  throw std::domain_error("q_right: " + t.to_string(12) + " is outside [lo, hi]");
}

Algebraic SpotMarket::q_left(std::size_t i, const Algebraic& t) const {
  for (std::size_t j = 0; j < pieces_.size(); ++j)
    if (t <= Algebraic(pieces_[j].b) && (t > Algebraic(pieces_[j].a) || j == 0)) return q_[i][j](t);
  throw std::domain_error("q_left: " + t.to_string(12) + " is outside [lo, hi]");
}

namespace {

// Is p' > 0 on [a, b] except at finitely many points (so p is strictly increasing there)? Decided
// exactly: the sign of p' at a rational in each gap between its real roots.
bool increases_strictly(const RationalPolynomial& p, const Rational& a, const Rational& b) {
  const RationalPolynomial slope = p.derivative();
  if (slope.is_zero()) return false;
  std::vector<Algebraic> cuts{Algebraic(a)};
  for (auto& root : slope.real_roots(a, b)) cuts.push_back(root);
  cuts.emplace_back(b);
  for (std::size_t l = 0; l + 1 < cuts.size(); ++l) {
    if (!(cuts[l] < cuts[l + 1])) continue;
    Rational inside;
    for (long bits = 64;; bits *= 2) {
      inside = (cuts[l].isolating_interval(bits).second + cuts[l + 1].isolating_interval(bits).first) / 2;
      if (Algebraic(inside) > cuts[l] && Algebraic(inside) < cuts[l + 1]) break;
    }
    if (slope(inside) <= 0) return false;
  }
  return true;
}

}  // namespace

Algebraic SpotMarket::worst_off_type(std::size_t i, const Algebraic& level, const std::vector<Algebraic>& hints) const {
  for (std::size_t j = 0; j < pieces_.size(); ++j) {
    const RationalPolynomial& q = q_[i][j];
    if (Algebraic(q(pieces_[j].a)) >= level) return Algebraic(pieces_[j].a);
    if (Algebraic(q(pieces_[j].b)) >= level) {
      // q(a) < level <= q(b) with q strictly increasing on [a, b]: a hint t in (a, b] with q(t) =
      // level is the one crossing, found by one exact evaluation.
      if (!hints.empty() && increases_strictly(q, pieces_[j].a, pieces_[j].b))
        for (const auto& t : hints)
          if (t > Algebraic(pieces_[j].a) && t <= Algebraic(pieces_[j].b) && q(t) == level) return t;
      const auto solutions = q.solutions_of(level, pieces_[j].a, pieces_[j].b);
      if (!solutions || solutions->empty())
        throw std::logic_error("worst_off_type: no crossing where q_i passes the level");
      return solutions->front();
    }
  }
  throw std::domain_error("q_" + std::to_string(i + 1) + " never reaches " + level.to_string(12));
}

SpotMarket::CommonWorstOff SpotMarket::common_worst_off() const {
  CommonWorstOff out;
  for (std::size_t j = 0; j < pieces_.size(); ++j) {
    RationalPolynomial excess = RationalPolynomial::constant(-1);
    for (std::size_t i = 0; i < size(); ++i) excess += q_[i][j];
    if (excess.is_zero()) {
      if (!out.flat) out.flat = std::make_pair(pieces_[j].a, pieces_[j].b);
      continue;
    }
    for (auto& root : excess.real_roots(pieces_[j].a, pieces_[j].b))
      if (out.roots.empty() || out.roots.back() != root) out.roots.push_back(root);
  }
  return out;
}

ExactSum SpotMarket::welfare_sum(const std::vector<Algebraic>& theta, const std::vector<Rational>& k) {
  // W = int_0^inf min(1, sum_{j: theta_j > p} k_j) dp: layers between consecutive positive types.
  std::vector<std::size_t> order;
  for (std::size_t j = 0; j < theta.size(); ++j)
    if (theta[j].sign() > 0) order.push_back(j);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return theta[a] > theta[b]; });
  ExactSum total;
  Rational demand = 0;
  for (std::size_t l = 0; l < order.size(); ++l) {
    demand += k[order[l]];
    const Algebraic next = l + 1 < order.size() ? theta[order[l + 1]] : Algebraic(0);
    total.add(capped_at_one(demand), theta[order[l]]);  // (theta_(l) - next) min(1, demand)
    total.add(-capped_at_one(demand), next);
  }
  return total;
}

Algebraic SpotMarket::welfare(const std::vector<Algebraic>& theta, const std::vector<Rational>& k) {
  return welfare_sum(theta, k).value();
}

Algebraic SpotMarket::layer_integral(const std::vector<std::size_t>& among, const Rational& extra,
                                     const Algebraic& from, const Algebraic& to) const {
  // Below max(lo, 0) every agent is above p.
  Algebraic total = 0;
  const Algebraic everyone_above(std::max(lo_, Rational(0)));
  Rational all = 0;
  for (std::size_t a : among) all += k_[a];
  const Algebraic low_end = std::min(to, everyone_above), low_start = std::min(from, everyone_above);
  if (low_end > low_start) total += (low_end - low_start) * Algebraic(capped_at_one(extra + all));
  for (std::size_t j = 0; j < pieces_.size(); ++j) {
    if (pieces_[j].b <= 0) continue;
    const Algebraic a = std::max(Algebraic(pieces_[j].a), from), b = std::min(Algebraic(pieces_[j].b), to);
    if (!(a < b)) continue;
    RationalPolynomial g;
    for (const auto& [demand, probability] : demand_above(j, among))
      g += probability * RationalPolynomial::constant(capped_at_one(extra + demand));
    total += integral(g, a, b);
  }
  return total;
}

Algebraic SpotMarket::expected_welfare() const {
  if (!expected_welfare_) {
    std::vector<std::size_t> all(size());
    for (std::size_t j = 0; j < size(); ++j) all[j] = j;
    expected_welfare_ = layer_integral(all, Rational(0), Algebraic(0), Algebraic(hi_));
  }
  return *expected_welfare_;
}

Algebraic SpotMarket::expected_welfare_with(std::size_t i, const Algebraic& t) const {
  // Agent i of type t adds k_i to the demand above every p < t.
  const Algebraic t_plus = std::max(t, Algebraic(0));
  return layer_integral(others(i), k_[i], Algebraic(0), t_plus) +
         layer_integral(others(i), Rational(0), t_plus, Algebraic(hi_));
}

Algebraic SpotMarket::expected_surplus(const std::vector<Algebraic>& r) const {
  // E[Pi] = sum_i E[W(hat_i, theta_-i)] - (n - 1) E[W] - sum_i min(r_i, k_i) hat_i (eq. (2)).
  Algebraic total = -Algebraic(static_cast<long>(size()) - 1) * expected_welfare();
  for (std::size_t i = 0; i < size(); ++i) {
    const Algebraic m = std::min(r[i], Algebraic(k_[i]));
    const Algebraic hat = worst_off_type(i, m);
    total += expected_welfare_with(i, hat) - m * hat;
  }
  return total;
}

Algebraic SpotMarket::spot_value(std::size_t i, const Algebraic& x) const {
  const Algebraic m = std::min(std::max(x, Algebraic(0)), Algebraic(k_[i]));
  const Algebraic hat = worst_off_type(i, m);
  return expected_welfare() - expected_welfare_with(i, hat) + m * hat;
}

Rational SpotMarket::mean_type(std::size_t i) const {
  Rational below = 0;  // int_lo^hi F_i
  for (const auto& piece : pieces_) {
    const RationalPolynomial antiderivative = piece.cdf[i].antiderivative();
    below += antiderivative(piece.b) - antiderivative(piece.a);
  }
  return hi_ - below;
}

Rational SpotMarket::mean_type_times_allocation(std::size_t i) const {
  Rational total = 0;
  for (std::size_t j = 0; j < pieces_.size(); ++j) {
    const RationalPolynomial f = RationalPolynomial::identity() * q_[i][j] * pieces_[j].cdf[i].derivative();
    const RationalPolynomial antiderivative = f.antiderivative();
    total += antiderivative(pieces_[j].b) - antiderivative(pieces_[j].a);
  }
  return total;
}

Rational SpotMarket::allocation_integral(std::size_t i) const {
  Rational total = 0;
  for (std::size_t j = 0; j < pieces_.size(); ++j) {
    const RationalPolynomial antiderivative = q_[i][j].antiderivative();
    total += antiderivative(pieces_[j].b) - antiderivative(pieces_[j].a);
  }
  return total;
}

llm::Economy with_every_k(const llm::Economy& e, const Rational& k) {
  llm::Economy out = e;
  for (auto& agent : out.agents) agent.k = k;
  return out;
}

}  // namespace mechcheck::proofs::llm_recheck
