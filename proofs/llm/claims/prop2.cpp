// llm.prop2 — Proposition 2: a unique common worst-off type hat_theta in (lo, hi) and
// feasible holdings r* = (q_1(hat_theta), ..., q_n(hat_theta)) that make it everyone's.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

// The first interval [a, b] on which f is identically 0 (exact: a piece with zero coefficients).
std::optional<std::pair<Rational, Rational>> flat_piece(const PiecewisePolynomial& f) {
  for (std::size_t j = 0; j < f.piece_count(); ++j)
    if (f.pieces()[j].is_zero()) return std::pair{f.breaks()[j], f.breaks()[j + 1]};
  return std::nullopt;
}

// Every root of f on [lo, hi], distinct (a root at a shared break counts once), increasing.
std::vector<Algebraic> distinct_roots(const PiecewisePolynomial& f) {
  std::vector<Algebraic> roots;
  for (std::size_t j = 0; j < f.piece_count(); ++j)
    for (auto& root : f.pieces()[j].real_roots(f.breaks()[j], f.breaks()[j + 1]))
      if (roots.empty() || roots.back() != root) roots.push_back(root);
  return roots;
}

class Prop2 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop2",
        "Proposition 2; proof in Appendix A.2, eq. (8)",
        "There exist a unique hat_theta in (lo, hi) and unique holdings r* = (q_1(hat_theta), ..., q_n(hat_theta)) "
        "such that with holdings r* every agent's worst-off type is hat_theta.",
        {{"strictly_increasing_cdf",
          "every F_i is strictly increasing on [lo, hi] (the paper's positive density; no piece of F_i is constant)",
          Necessity::counterexample, "cases/llm/prop2-flat-cdfs.toml"}},
        "Isolate every real root of sum_i q_i(t) - 1 on each piece exactly (q_i are piecewise polynomials with "
        "rational coefficients); require exactly one, inside (lo, hi). Then r*_i = q_i(hat_theta) as exact algebraic "
        "numbers: check 0 <= r*_i <= k_i, sum_i r*_i = 1, and that Lemma 1's formula min{t : q_i(t) >= r*_i} "
        "returns hat_theta for every i.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop2(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    std::string flat;
    for (std::size_t i = 0; i < e.size(); ++i)
      for (const auto& piece : e.agents[i].cdf.pieces())
        if (piece.is_constant()) flat = "F_" + std::to_string(i + 1) + " is constant on a piece";
    check.decided_in<Rational>();  // a piece is constant when its rational coefficients say so
    check.hypothesis("strictly_increasing_cdf", flat.empty(), flat);
    if (!check.hypotheses_met()) return check.unmet();

    // Eq. (8): the common worst-off type solves sum_i q_i(t) = 1.
    const auto q = interim_allocations(e);
    PiecewisePolynomial excess = PiecewisePolynomial::constant(e.lo, e.hi, -1);
    for (const auto& qi : q) excess = excess + qi;
    if (const auto interval = flat_piece(excess)) {
      check.witness("flat_from", interval->first).witness("flat_to", interval->second);
      return check.refuted("sum_i q_i(t) = 1 on the whole interval [" + to_string(interval->first) + ", " +
                           to_string(interval->second) + "]: the common worst-off type is not unique");
    }
    const std::vector<Algebraic> roots = distinct_roots(excess);
    check.decided_in<Algebraic>();  // the roots are isolated and told apart exactly
    check.value("sum_q_at_lo", excess(e.lo) + 1).value("sum_q_at_hi", excess(e.hi) + 1);
    check.stat("root_count", static_cast<long long>(roots.size()));
    if (roots.size() != 1) {
      witness_indexed(check, "root", roots);
      return check.refuted("sum_i q_i(t) = 1 has " + std::to_string(roots.size()) +
                           " solutions in [lo, hi], not exactly one");
    }

    // r*_i = q_i(hat_theta), and what Proposition 2 says of it.
    const Algebraic hat = roots.front();
    check.value("hat_theta", hat);
    std::vector<Algebraic> r;
    for (const auto& qi : q) r.push_back(qi.right_limit(hat));  // q_i jumps at 0 when lo < 0
    value_indexed(check, "r_star", r);
    Algebraic total = 0;
    for (const auto& ri : r) total += ri;
    check.value("sum_r_star", total);
    const std::vector<std::string> failures = r_star_failures(e, q, hat, r);
    check.decided_in<Algebraic>();  // r_star_failures compares algebraic numbers exactly
    if (failures.empty())
      return check.holds("unique common worst-off type hat_theta = " + hat.to_string(12) +
                         (hat.is_rational() ? "" : " (root of " + hat.minimal_polynomial_string() + ")") +
                         "; r* is feasible and gives every agent that worst-off type");
    std::string summary = failures.front();
    for (std::size_t i = 1; i < failures.size(); ++i) summary += "; " + failures[i];
    check.witness("hat_theta", hat);
    return check.refuted(summary);
  }
};

}  // namespace

std::vector<std::string> r_star_failures(const Economy& e, const std::vector<PiecewisePolynomial>& q,
                                         const Algebraic& hat, const std::vector<Algebraic>& r) {
  std::vector<std::string> failures;
  if (!(hat > Algebraic(e.lo) && hat < Algebraic(e.hi))) failures.push_back("hat_theta is not inside (lo, hi)");
  Algebraic total = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const std::string agent = std::to_string(i + 1);
    total += r[i];
    if (r[i] < Algebraic(0) || r[i] > Algebraic(e.agents[i].k))
      failures.push_back("r*_" + agent + " = " + r[i].to_string(12) + " is outside [0, k_" + agent + "]");
    const Algebraic own = worst_off_type(q[i], r[i]);
    if (own != hat)
      failures.push_back("agent " + agent + "'s worst-off type at r*_" + agent + " is " + own.to_string(12) +
                         ", not hat_theta");
  }
  if (total != Algebraic(1)) failures.push_back("sum_i r*_i = " + total.to_string(12) + " is not 1");
  return failures;
}

std::unique_ptr<Claim> make_llm_prop2() { return std::make_unique<Prop2>(); }

}  // namespace mechcheck::proofs
