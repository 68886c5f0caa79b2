// llm.lemma1 — Lemma 1: the worst-off type is hat_theta_i(r_i) = min{t : q_i(t) >= min(r_i, k_i)}.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"

#include <stdexcept>

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Lemma1 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.lemma1",
        "Lemma 1 (Section 3), eq. (1); transfers of Section 3 and eq. (10)",
        "Given r_i, the type minimizing agent i's interim payoff net of its outside option (1) in the VCG spot "
        "market is hat_theta_i(r_i) = min{t : q_i(t) >= min(r_i, k_i)}.",
        {},
        "For every agent: hat_theta_i from Lemma 1's formula (exact root isolation, algebraic levels allowed). The "
        "net interim payoff u_i(t) with the VCG transfers is computed two independent ways (welfare differences "
        "E[W(t, theta_-i)] - E[W(hat_i, theta_-i)] - m (t - hat_i) by the layer-cake formula, and eq. (10)'s "
        "integral of q_i); they must agree at every point evaluated (a disagreement is reported as an error). u_i is "
        "differentiable on each piece with "
        "derivative q_i - m, so its minimum over [lo, hi] is at a piece end or a solution of q_i(t) = m: all of "
        "those are evaluated exactly. Holds when the minimum is 0, attained at hat_theta_i, and at no smaller t.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_lemma1(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const auto r = holdings(e);
    const auto m = outside_quantities(e, r);
    value_indexed(check, "r", r);
    long long points = 0;
    std::optional<std::string> failure;
    for (std::size_t i = 0; i < e.size() && !failure; ++i) {
      // Lemma 1's formula, and the minimum of the net interim payoff it claims to locate.
      const Algebraic hat = worst_off_type(interim_allocation(e, i), m[i]);
      check.value("hat_theta_" + std::to_string(i + 1), hat);
      const NetPayoffMinimum minimum = net_payoff_minimum(e, i, m[i], hat);
      points += minimum.points;
      failure = worst_off_type_failure(i, hat, minimum, check);
    }
    check.stat("points_evaluated", points);
    if (failure) return check.refuted(*failure);
    return check.holds(
        "for every agent the net interim payoff (VCG transfers) is >= 0 and first 0 at Lemma 1's "
        "hat_theta_i; the two payoff formulas agree at all " +
        std::to_string(points) + " points");
  }
};

}  // namespace

NetPayoffMinimum net_payoff_minimum(const Economy& e, std::size_t i, const Algebraic& m, const Algebraic& hat) {
  const PiecewisePolynomial q = interim_allocation(e, i);
  // u_i is differentiable on each piece with derivative q_i - m: its minimum is at a break, a
  // solution of q_i(t) = m, or hat. Those are the candidates.
  std::vector<Algebraic> candidates{hat};
  for (const auto& b : q.breaks()) candidates.emplace_back(b);
  for (std::size_t j = 0; j < q.piece_count(); ++j)
    if (auto s = q.pieces()[j].solutions_of(m, q.breaks()[j], q.breaks()[j + 1]))
      candidates.insert(candidates.end(), s->begin(), s->end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::optional<NetPayoffMinimum> minimum;
  long long points = 0;
  for (const auto& t : candidates) {
    const Algebraic by_envelope = interim_payoff_envelope(q, m, hat, t);
    const Algebraic by_transfers = interim_payoff_vcg(e, i, m, hat, t);
    ++points;
    // Two formulas of one quantity (an identity of the model, not Lemma 1's statement): a
    // disagreement is a defect of this program, reported as an error.
    if (by_envelope != by_transfers)
      throw std::logic_error("agent " + std::to_string(i + 1) +
                             ": the two interim-payoff formulas disagree at t = " + t.to_string(12) + " (transfers " +
                             by_transfers.to_string(12) + ", eq. (10) " + by_envelope.to_string(12) + ")");
    if (!minimum || by_envelope < minimum->value) minimum = NetPayoffMinimum{by_envelope, t, 0};
  }
  minimum->points = points;
  return *minimum;
}

std::optional<std::string> worst_off_type_failure(std::size_t i, const Algebraic& hat, const NetPayoffMinimum& minimum,
                                                  Check& check) {
  const std::string agent = std::to_string(i + 1);
  check.value("min_net_payoff_" + agent, minimum.value);
  check.decided_in<Algebraic>();  // the minimum and its place are compared exactly
  if (minimum.value == Algebraic(0) && minimum.first_minimizer == hat) return std::nullopt;
  check.witness("agent", static_cast<long long>(i + 1))
      .witness("t", minimum.first_minimizer)
      .witness("u", minimum.value);
  return "agent " + agent + ": the net interim payoff is minimized at t = " + minimum.first_minimizer.to_string(12) +
         " (value " + minimum.value.to_string(12) + "), not at hat_theta = " + hat.to_string(12);
}

std::unique_ptr<Claim> make_llm_lemma1() { return std::make_unique<Lemma1>(); }

}  // namespace mechcheck::proofs
