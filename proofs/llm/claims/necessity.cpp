// llm.necessity — without a common worst-off type the spot market can run a deficit
// (Section 3's two-sided case; Myerson & Satterthwaite 1983 for n = 2, r = (1, 0)).
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Necessity : public Claim {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.necessity",
        "Section 3 after Lemma 2 (two-sided allocation problem, footnote 8); Proposition 1's hypothesis",
        "Without a common worst-off type, the VCG surplus can be negative at some theta and the expected surplus "
        "can be negative, so the spot market does not operate (e.g. n = 2, r = (1, 0): Myerson-Satterthwaite).",
        {{"distinct_worst_off", "the agents' worst-off types are not all equal (Proposition 1's hypothesis fails)",
          mechcheck::Necessity::counterexample, "cases/llm/llm.necessity-probe-drop-distinct-worst-off-seed-1.toml"}},
        "On the instance: the exact minimum of Pi(., r) over the type cube by the vertex reduction of llm.prop1 "
        "(witness: a theta with Pi < 0), and the expected surplus Pi_r exactly (eq. (11), cross-checked against "
        "integrating eq. (2)). Holds when both are negative; refuted when this instance runs no deficit.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const override {
    return llm_recheck::recheck_necessity(c, outcome);
  }

  Outcome check(const Case& c, const CheckContext& context) const override {
    const Economy& e = c.model_data<Economy>();
    const auto r = holdings(e);
    const auto hat = worst_off_types(e, r);
    HypothesisLedger ledger(context);
    ledger.record("distinct_worst_off", !all_equal(hat), "worst-off types " + list(hat));
    if (auto unmet = ledger.unmet_outcome(Arithmetic::exact)) return *unmet;

    // The exact minimum of Pi over the cube (llm.prop1's vertex reduction): "refuted" there
    // means a theta with Pi < 0 was found, which is what this claim needs.
    Outcome out = judge_surplus_nonnegative(vertex_grid(e, r), context);
    const bool deficit_somewhere = out.verdict == Verdict::refuted;
    add_indexed(out.values, "r", r);
    add_indexed(out.values, "hat_theta", hat);
    const std::string surplus_text = out.summary;

    const Algebraic expected = expected_surplus_eq11(e, r);
    const Algebraic integrated = expected_surplus_by_integration(e, r);
    if (expected != integrated) {
      out.verdict = Verdict::error;
      out.summary = "the two formulas for the expected surplus disagree (" + expected.to_string(12) + " vs " +
                    integrated.to_string(12) + "): see llm.lemma2";
      return out;
    }
    out.value(make_value("expected_surplus", expected));
    const bool expected_deficit = expected < Algebraic(0);
    if (deficit_somewhere && expected_deficit) {
      out.verdict = Verdict::holds;
      out.summary = surplus_text + "; and Pi_r = " + expected.to_string(12) + " < 0: the spot market does not operate";
    } else {
      out.verdict = Verdict::refuted;
      out.summary = "this instance runs no " + std::string(deficit_somewhere ? "expected " : "") +
                    "deficit: " + surplus_text + "; Pi_r = " + expected.to_string(12);
      out.witness.clear();
    }
    ledger.annotate(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_necessity() { return std::make_unique<Necessity>(); }

}  // namespace mechcheck::proofs
