#pragma once
// A second, deliberately small implementation of the llm spot market (Liu, Loertscher & Marx
// 2020, Sections 2-3), used only by the re-checkers (proofs/llm/recheck/recheck.cpp) and by the tests
// that compare it with the model library. It reads the case's data (lo, hi, k_i, F_i) and uses
// the number and polynomial library, and nothing of the model library (proofs/llm/model) or of
// the checkers, so that a witness they report is re-evaluated by code that shares none of their
// formulas:
//   - q_i by a recursion over the agents (the distribution of the demand above a type, agent by
//     agent), not by enumerating subsets;
//   - W(theta) and E[W] by the layer-cake formula W = int_0^inf min(1, sum_{j: theta_j > p} k_j) dp,
//     never by the greedy allocation;
//   - the expected surplus E[Pi(theta, r)] by integrating eq. (2) with those expectations, and the
//     spot-market value of a holding as E[W] - E[W(hat, theta_-i)] + m hat (the VCG payoff), not
//     by eq. (11) or the envelope formula.
#include "mechcheck/claims/outcome.hpp"
#include "llm/model/economy.hpp"
#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs::llm_recheck {

// ---- the outcome as reported --------------------------------------------------------------

// The number a reported value stands for: "p/q" or an integer, or an irrational algebraic number
// given by its minimal polynomial and isolating interval (its one root there). Throws
// std::runtime_error when the text does not describe exactly one number.
Algebraic number_of(const Value& value);
// The rational endpoints of a reported enclosure "[lo, hi]" (kind "interval").
std::pair<Rational, Rational> enclosure_of(const Value& value);
const Value* find(const std::vector<Value>& values, const std::string& name);
// The value named `name` in `values`; throws std::runtime_error naming it when it is absent.
const Value& named(const std::vector<Value>& values, const std::string& name);
inline Algebraic reported(const std::vector<Value>& values, const std::string& name) {
  return number_of(named(values, name));
}
// A reported agent number "i" (from 1) as an index from 0, checked against n.
std::size_t agent_index(const std::vector<Value>& values, const std::string& name, std::size_t n);

// ---- exact sums ----------------------------------------------------------------------------

// A sum of rational multiples of algebraic numbers, kept as terms and added up once: terms on the
// same number (decided by an exact comparison) are merged first. A welfare is a sum of multiples of
// the types; qqbar adding c1 x + c2 x finds a minimal polynomial through a resultant of degree
// deg(x)^2 (seconds at degree 29, e.g. the worst-off type of 30 uniform agents), while (c1 + c2) x
// is a rational scaling. Exact either way: only the order of the additions changes.
class ExactSum {
 public:
  void add(const Rational& coefficient, const Algebraic& x);
  void add(const Rational& coefficient, const ExactSum& other);
  // x * y: a scaling when either is rational, else their product as one term.
  void add_product(const Rational& coefficient, const Algebraic& x, const Algebraic& y);
  Algebraic value() const;

 private:
  Rational rational_ = 0;
  std::vector<std::pair<Algebraic, Rational>> terms_;  // distinct irrational numbers
};

// ---- the spot market, again ----------------------------------------------------------------

class SpotMarket {
 public:
  explicit SpotMarket(const llm::Economy& e);

  std::size_t size() const { return k_.size(); }
  const std::vector<Rational>& k() const { return k_; }
  const Rational& lo() const { return lo_; }
  const Rational& hi() const { return hi_; }

  // q_i's limits from the right and from the left at t (q_i(hi) at hi, q_i(lo) at lo).
  Algebraic q_right(std::size_t i, const Algebraic& t) const;
  Algebraic q_left(std::size_t i, const Algebraic& t) const;
  // Lemma 1: min{t in [lo, hi] : q_i(t) >= level} (q_i taken from the right). Throws
  // std::domain_error when q_i(hi) < level.
  // `hints` are tried first, each verified exactly (e.g. the worst-off types of other agents).
  Algebraic worst_off_type(std::size_t i, const Algebraic& level, const std::vector<Algebraic>& hints = {}) const;

  // The solutions of sum_i q_i(t) = 1 in [lo, hi] (eq. (8)), distinct and increasing, and the
  // first interval [a, b] on which the sum is identically 1, if any.
  struct CommonWorstOff {
    std::vector<Algebraic> roots;
    std::optional<std::pair<Rational, Rational>> flat;
  };
  CommonWorstOff common_worst_off() const;

  // W(theta) by the layer cake (a finite profile), as a sum of multiples of the types and as a number.
  static ExactSum welfare_sum(const std::vector<Algebraic>& theta, const std::vector<Rational>& k);
  static Algebraic welfare(const std::vector<Algebraic>& theta, const std::vector<Rational>& k);
  // E[W(theta)] and E[W(t, theta_-i)], by the layer cake.
  Algebraic expected_welfare() const;
  Algebraic expected_welfare_with(std::size_t i, const Algebraic& t) const;
  // E[Pi(theta, r)] of eq. (2) with Lemma 1's worst-off types at min(r_i, k_i).
  Algebraic expected_surplus(const std::vector<Algebraic>& r) const;
  // The spot-market value pi_i(x) of holding x (Section 4.2): the expected VCG payoff
  // E[W] - E[W(hat, theta_-i)] + m hat with m = min(x, k_i) and hat its worst-off type.
  Algebraic spot_value(std::size_t i, const Algebraic& x) const;
  // E[theta_i] and E[theta_i q_i(theta_i)].
  Rational mean_type(std::size_t i) const;
  Rational mean_type_times_allocation(std::size_t i) const;
  // int_lo^hi q_i.
  Rational allocation_integral(std::size_t i) const;

 private:
  struct Piece {
    Rational a, b;
    std::vector<RationalPolynomial> cdf;  // F_j on [a, b]
  };
  // P(the agents of `among` above p have total demand K), for every K, on piece j.
  std::map<Rational, RationalPolynomial> demand_above(std::size_t j, const std::vector<std::size_t>& among) const;
  RationalPolynomial q_piece(std::size_t i, std::size_t j) const;
  std::vector<std::size_t> others(std::size_t i) const;
  // int_from^to E[min(1, extra + the demand of the agents of `among` above p)] dp, 0 <= from <= to <= hi.
  Algebraic layer_integral(const std::vector<std::size_t>& among, const Rational& extra, const Algebraic& from,
                           const Algebraic& to) const;

  Rational lo_, hi_;
  std::vector<Rational> k_;
  std::vector<Piece> pieces_;
  std::vector<std::vector<RationalPolynomial>> q_;     // q_[i][j]: q_i on piece j
  mutable std::optional<Algebraic> expected_welfare_;  // computed once
};

// The economy with k_i replaced by k for every agent (a state omega of Section 5.1).
llm::Economy with_every_k(const llm::Economy& e, const Rational& k);

}  // namespace mechcheck::proofs::llm_recheck
