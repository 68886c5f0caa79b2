// llm.prop2 — Proposition 2: a unique common worst-off type hat_theta in (lo, hi) and
// feasible holdings r* = (q_1(hat_theta), ..., q_n(hat_theta)) that make it everyone's.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Prop2 : public Claim {
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
  std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop2(c, outcome);
  }

  Outcome check(const Case& c, const CheckContext& context) const override {
    const Economy& e = c.model_data<Economy>();
    HypothesisLedger ledger(context);
    std::string flat;
    for (std::size_t i = 0; i < e.size(); ++i)
      for (const auto& piece : e.agents[i].cdf.pieces())
        if (piece.is_constant()) flat = "F_" + std::to_string(i + 1) + " is constant on a piece";
    ledger.record("strictly_increasing_cdf", flat.empty(), flat);
    if (auto unmet = ledger.unmet_outcome(Arithmetic::exact)) return *unmet;

    Outcome out;
    out.arithmetic = Arithmetic::exact;
    const auto q = interim_allocations(e);
    PiecewisePolynomial excess = PiecewisePolynomial::constant(e.lo, e.hi, -1);
    for (const auto& qi : q) excess = excess + qi;

    // Every root of sum_i q_i - 1 on [lo, hi], distinct (a root at a shared break counts once).
    std::vector<Algebraic> roots;
    for (std::size_t j = 0; j < excess.piece_count(); ++j) {
      if (excess.pieces()[j].is_zero()) {
        out.verdict = Verdict::refuted;
        out.witness.push_back(make_value("flat_from", excess.breaks()[j]));
        out.witness.push_back(make_value("flat_to", excess.breaks()[j + 1]));
        out.summary = "sum_i q_i(t) = 1 on the whole interval [" + to_string(excess.breaks()[j]) + ", " +
                      to_string(excess.breaks()[j + 1]) + "]: the common worst-off type is not unique";
        ledger.annotate(out);
        return out;
      }
      for (auto& root : excess.pieces()[j].real_roots(excess.breaks()[j], excess.breaks()[j + 1]))
        if (roots.empty() || roots.back() != root) roots.push_back(root);
    }
    out.value(make_value("sum_q_at_lo", excess(e.lo) + 1));
    out.value(make_value("sum_q_at_hi", excess(e.hi) + 1));
    out.stat("root_count", static_cast<long long>(roots.size()));
    if (roots.size() != 1) {
      out.verdict = Verdict::refuted;
      out.summary = "sum_i q_i(t) = 1 has " + std::to_string(roots.size()) + " solutions in [lo, hi], not exactly one";
      add_indexed(out.witness, "root", roots);
      ledger.annotate(out);
      return out;
    }
    const Algebraic hat = roots.front();
    out.value(make_value("hat_theta", hat));
    std::vector<Algebraic> r;
    for (const auto& qi : q) r.push_back(qi.right_limit(hat));  // q_i jumps at 0 when lo < 0
    add_indexed(out.values, "r_star", r);
    Algebraic total = 0;
    for (const auto& ri : r) total += ri;
    out.value(make_value("sum_r_star", total));
    const std::vector<std::string> failures = r_star_failures(e, q, hat, r);
    if (failures.empty()) {
      out.verdict = Verdict::holds;
      out.summary = "unique common worst-off type hat_theta = " + hat.to_string(12) +
                    (hat.is_rational() ? "" : " (root of " + hat.minimal_polynomial_string() + ")") +
                    "; r* is feasible and gives every agent that worst-off type";
    } else {
      out.verdict = Verdict::refuted;
      out.summary = failures.front();
      for (std::size_t i = 1; i < failures.size(); ++i) out.summary += "; " + failures[i];
      out.witness.push_back(make_value("hat_theta", hat));
    }
    ledger.annotate(out);
    return out;
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
