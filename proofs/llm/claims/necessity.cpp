// llm.necessity — without a common worst-off type the spot market can run a deficit
// (Section 3's two-sided case; Myerson & Satterthwaite 1983 for n = 2, r = (1, 0)).
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"

#include <stdexcept>

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Necessity : public Checker<Economy> {
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
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_necessity(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const auto r = holdings(e);
    const auto hat = worst_off_types(e, r);
    check.decided_in<Algebraic>();  // the worst-off types are compared exactly
    check.hypothesis("distinct_worst_off", !all_equal(hat), "worst-off types " + list(hat));
    if (!check.hypotheses_met()) return check.unmet();

    value_indexed(check, "r", r);
    value_indexed(check, "hat_theta", hat);
    // The exact minimum of Pi over the cube (llm.prop1's vertex reduction).
    const VertexGrid grid = vertex_grid(e, r);
    const GridScan<Algebraic> scan = scan_surplus(grid, check.context());
    record_surplus_scan(grid, scan, check);
    // The expected surplus Pi_r, by eq. (11) and by integrating eq. (2): two formulas of one
    // quantity, so a disagreement is a defect of this program (an error), not a finding.
    const Algebraic expected = expected_surplus_eq11(e, r);
    const Algebraic integrated = expected_surplus_by_integration(e, r);
    if (expected != integrated)
      throw std::logic_error("the two formulas for the expected surplus disagree (" + expected.to_string(12) + " vs " +
                             integrated.to_string(12) + "): see llm.lemma2");
    check.value("expected_surplus", expected);

    const bool deficit_somewhere = check.sign(*scan.minimum) < 0;
    const bool expected_deficit = check.sign(expected) < 0;
    const std::string surplus_text = surplus_minimum_text(grid, scan);
    if (!deficit_somewhere) value_indexed(check, "theta_at_min", surplus_minimizer(grid, scan));
    if (deficit_somewhere && expected_deficit) {
      witness_indexed(check, "theta", surplus_minimizer(grid, scan));
      check.witness("Pi", *scan.minimum);
      return check.holds(surplus_text + "; and Pi_r = " + expected.to_string(12) +
                         " < 0: the spot market does not operate");
    }
    return check.refuted("this instance runs no " + std::string(deficit_somewhere ? "expected " : "") +
                         "deficit: " + surplus_text + "; Pi_r = " + expected.to_string(12));
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_necessity() { return std::make_unique<Necessity>(); }

}  // namespace mechcheck::proofs
