// llm.lemma2 — Lemma 2: given r, the spot market operates iff Pi_r = E[Pi(theta, r)] >= 0.
// The checker computes Pi_r two independent ways and requires exact agreement.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Lemma2 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.lemma2",
        "Lemma 2 (Section 3), eq. (2); eq. (11) of Appendix A.8",
        "Given holdings r, the spot market operates iff the expected VCG budget surplus Pi_r = E[Pi(theta, r)] "
        "is nonnegative.",
        {},
        "Pi_r computed exactly two independent ways: (a) eq. (11), from the interim allocations q_i and the "
        "payoff-equivalence transfers (10); (b) integrating eq. (2) over the type cube, with E[W] and "
        "E[W(hat_i, theta_-i)] by the layer-cake formula W = int_0^inf min(1, sum_{theta_j > p} k_j) dp, which "
        "never uses q_i. The two must be equal as exact algebraic numbers; the verdict then reports whether the "
        "market operates (Pi_r >= 0).",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_lemma2(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const auto r = holdings(e);
    value_indexed(check, "r", r);
    value_indexed(check, "hat_theta", worst_off_types(e, r));
    const Algebraic by_eq11 = expected_surplus_eq11(e, r);
    const Algebraic by_integration = expected_surplus_by_integration(e, r);
    check.value("expected_surplus_eq11", by_eq11)
        .value("expected_surplus_integrated", by_integration)
        .value("expected_welfare", expected_welfare(e));
    return judge_expected_surplus(by_eq11, by_integration, check);
  }
};

}  // namespace

Outcome judge_expected_surplus(const Algebraic& by_eq11, const Algebraic& by_integration, Check& check) {
  check.decided_in<Algebraic>();  // the two values are compared exactly
  if (by_eq11 != by_integration) {
    check.witness("expected_surplus_eq11", by_eq11).witness("expected_surplus_integrated", by_integration);
    return check.refuted("eq. (11) gives " + by_eq11.to_string(12) + " but integrating eq. (2) gives " +
                         by_integration.to_string(12));
  }
  // Lemma 2: the market operates iff Pi_r >= 0 (reported; the verdict is the agreement).
  const bool operates = by_eq11.sign() >= 0;
  check.value("expected_surplus", by_eq11).text("spot_market_operates", operates ? "yes" : "no");
  return check.holds("Pi_r = " + by_eq11.to_string(12) + " by eq. (11) and by integrating eq. (2); the spot market " +
                     (operates ? "operates" : "does not operate"));
}

std::unique_ptr<Claim> make_llm_lemma2() { return std::make_unique<Lemma2>(); }

}  // namespace mechcheck::proofs
