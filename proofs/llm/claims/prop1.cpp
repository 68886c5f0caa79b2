// llm.prop1 — Proposition 1: with a common worst-off type, the VCG budget surplus Pi(theta, r)
// of eq. (2) is nonnegative at EVERY type profile (so the spot market operates, Lemma 2).
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Prop1 : public Claim {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop1",
        "Proposition 1 (Section 4.1); proof in Appendix A.1, eqs. (6)-(7)",
        "If hat_theta_i(r_i) = hat_theta for all agents, then Pi(theta, r) >= 0 for every theta in [lo, hi]^n, "
        "so the spot market operates.",
        {{"common_worst_off", "all agents have the same worst-off type hat_theta_i(r_i) (Lemma 1's formula)",
          Necessity::counterexample, "cases/llm/llm.prop1-probe-drop-common-worst-off-seed-1.toml"}},
        "Exact proof for the instance over the whole type cube, not sampling. Pi(., r) depends on theta only "
        "through the ranking of theta's coordinates among themselves, the worst-off types and 0, and is linear "
        "on each cell of that arrangement; each closed cell is a polytope whose vertices have every coordinate in "
        "{lo, hat_1, ..., hat_n, 0 (if lo < 0), hi}. So the minimum over the cube is the minimum over that finite "
        "grid, which is evaluated point by point with eq. (2) in exact algebraic arithmetic. Reports the minimum "
        "and how many grid points attain 0.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop1(c, outcome);
  }

  Outcome check(const Case& c, const CheckContext& context) const override {
    const Economy& e = c.model_data<Economy>();
    const auto r = holdings(e);
    const auto hat = worst_off_types(e, r);
    HypothesisLedger ledger(context);
    ledger.record("common_worst_off", all_equal(hat), "worst-off types " + list(hat));
    if (auto unmet = ledger.unmet_outcome(Arithmetic::exact)) return *unmet;

    const VertexGrid grid = vertex_grid(e, r);
    Outcome out = judge_surplus_nonnegative(grid, context);
    add_indexed(out.values, "r", r);
    if (all_equal(hat)) out.value(make_value("hat_theta", hat.front()));
    else add_indexed(out.values, "hat_theta", hat);
    ledger.annotate(out);
    return out;
  }
};

}  // namespace

Outcome judge_surplus_nonnegative(const VertexGrid& grid, const CheckContext& context) {
  guard_enumeration_size(context, grid.point_count(), "the vertex grid of [lo, hi]^n");
  const auto scan = scan_vertex_grid<Algebraic>(grid, context.progress);
  Outcome out;
  out.arithmetic = Arithmetic::exact;
  out.stat("grid_constants", static_cast<long long>(grid.constants.size()));
  out.stat("points_evaluated", static_cast<long long>(grid.point_count()));
  out.stat("points_negative", static_cast<long long>(scan.negative));
  out.stat("points_zero", static_cast<long long>(scan.zero));
  out.value(make_value("min_surplus", *scan.minimum));
  std::vector<Algebraic> argmin;
  for (auto index : scan.argmin) argmin.push_back(grid.constants[index]);
  const std::string n = std::to_string(grid.dimension);
  if (scan.negative == 0) {
    out.verdict = Verdict::holds;
    out.summary = "Pi(theta, r) >= 0 on all of [lo, hi]^" + n + ": minimum " + scan.minimum->to_string(12) +
                  " over " + std::to_string(grid.point_count()) + " vertex-grid points, attained at " +
                  std::to_string(scan.zero) + " of them";
    add_indexed(out.values, "theta_at_min", argmin);
  } else {
    out.verdict = Verdict::refuted;
    out.summary = "Pi(theta, r) = " + scan.minimum->to_string(12) + " < 0 at theta = " + list(argmin) + " (" +
                  std::to_string(scan.negative) + " of " + std::to_string(grid.point_count()) +
                  " grid points are negative)";
    add_indexed(out.witness, "theta", argmin);
    out.witness.push_back(make_value("Pi", *scan.minimum));
  }
  return out;
}

std::unique_ptr<Claim> make_llm_prop1() { return std::make_unique<Prop1>(); }

}  // namespace mechcheck::proofs
