// ly.perfect_correlation — "Perfectly correlated signals => allocational efficiency" (slides
// "Preview of results", "Information structures consistent with efficient trade", corollary
// "Perfect correlation"): with I = J and alpha_ij(v) = 0 for i != j, transfers exist that
// implement efficient trade for both players. Constructed explicitly and checked by both routes.
#include "ly/claims/common.hpp"
#include "ly/claims/claims.hpp"
#include "ly/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"

namespace mechcheck::proofs {

using namespace ly_detail;

int judge_perfect_correlation(const Economy& e, const Mechanism& m, Check& check, std::string& detail) {
  std::string parts;
  bool undecided = false;
  for (Player p : {Player::buyer, Player::seller}) {
    const Implementability imp = check_implementability(player_problem(e, m, p));
    std::string d;
    const int r = judge_implementability(imp, e.kappa, check, d);
    if (r < 0) {
      detail = "the two routes disagree: " + d;
      return -1;
    }
    if (r == 0) {
      undecided = true;
      parts += (parts.empty() ? "" : "; ") + d;
      continue;
    }
    if (!imp.multipliers.exist) {
      if (imp.deviation.witness) report_witness(check, cell_values("deviation^" + tag(p), *imp.deviation.witness));
      detail = std::string("the constructed transfers are not implementable for the ") + to_string(p) + ": " +
               imp.multipliers.failure;
      return -1;
    }
    parts += (parts.empty() ? "" : "; ") + d;
  }
  detail = parts;
  return undecided ? 0 : 1;
}

namespace {

// With a hypothesis dropped: whether any real transfers implement efficient trade on the case's
// structure (proofs/ly/docs/derivation.md section 5); a refutation names the obstruction.
Outcome decide_transfers_exist(const Economy& e, const Matrix& q, Check& check) {
  std::string why_b, why_s;
  bool by_enclosure = false;
  TransferObstruction ob_b, ob_s;
  const bool tb = transfers_exist(e.structure, q, e.buyer_value, e.kappa, Player::buyer, &why_b, &by_enclosure, &ob_b);
  const bool ts =
      tb && transfers_exist(e.structure, q, e.seller_value, e.kappa, Player::seller, &why_s, &by_enclosure, &ob_s);
  // Exact (rational comparisons of likelihood ratios) when q* is constant along every column;
  // otherwise some deciding sign of a two-term exp-sum came from an MPFI enclosure.
  if (by_enclosure) check.decided_in<Interval>();
  check.text("transfers exist for the buyer", tb ? "yes" : "no: " + why_b);
  if (tb) check.text("transfers exist for the seller", ts ? "yes" : "no: " + why_s);
  if (e.mechanism) {
    // The case's own mechanism, as an illustration only: its findings are a value, and its
    // decisions (recorded in a scratch Check) are not this verdict's.
    Check scratch(check.context());
    std::string d;
    judge_perfect_correlation(e, *e.mechanism, scratch, d);
    check.text("the case's own transfers", d);
  }
  const std::string decided =
      by_enclosure ? "certified: signs of exp-sums by MPFI enclosures" : "exact: rational comparisons";
  if (!tb || !ts) {
    witness_obstruction(check, !tb ? ob_b : ob_s);
    return check.refuted("no transfers implement efficient trade on this structure (" + decided +
                         "): " + (!tb ? "buyer: " + why_b : "seller: " + why_s));
  }
  return check.holds("real transfers implementing efficient trade exist on this structure (" + decided + ")");
}

// The corollary's construction (proofs/ly/docs/derivation.md 5.1): rational transfers for the
// perfectly correlated structure, implementable for both players by both routes.
Outcome constructed_transfers_implement(const Economy& e, const Matrix& q, Check& check) {
  const Mechanism m = perfect_correlation_transfers(e, q);
  report_witness(check, matrix_values("t_buyer", m.t_buyer));
  report_witness(check, matrix_values("t_seller", m.t_seller));
  check.value("expected subsidy E[t^s - t^b]", expected_subsidy(e.structure, m));
  std::string detail;
  const int r = judge_perfect_correlation(e, m, check, detail);
  if (r > 0) return check.holds("efficient trade implemented by the constructed transfers: " + detail);
  return r == 0 ? check.inconclusive(detail) : check.refuted(detail);
}

class PerfectCorrelation : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "ly.perfect_correlation",
        "Preview of results; Information structures consistent with efficient trade; Corollary (Perfect correlation)",
        "Perfectly correlated signals admit efficient trade: for alpha with I = J and alpha_ij(v) = 0 for i != j there "
        "are transfers t^b, t^s making (alpha, q*, t) implementable for both players, q* the efficient allocation.",
        {{"perfect_correlation",
          "I = J and every signal of one player is paired with exactly one of the other's (alpha_ij(v) = 0 off a "
          "permutation)",
          Necessity::counterexample, "cases/ly/full-support-2x2.toml"},
         {"interior_posteriors", "every posterior gives both qualities positive probability", Necessity::counterexample,
          "cases/ly/fully-revealing.toml"}},
        "Construct rational transfers (proofs/ly/docs/derivation.md 5.1): on the diagonal t^b = min q u^b - kappa and "
        "t^s = max q u^s + kappa (NA strict: sum <= 2/e), off the diagonal misreports punished by kappa (U + 1) with "
        "U a rational upper bound of the log posterior ratio; then check both routes of ly.implementability for both "
        "players. With a hypothesis dropped, whether any real transfers exist is decided instead (section 5): exactly "
        "when q* is constant along every column, by certified exp-sum signs otherwise; a refutation names the two "
        "cells whose bounds on lambda(hi) - lambda(lo) cross, or the boundary posterior.",
        "ly",
        Arithmetic::certified};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& o) const override {
    return recheck_ly_perfect_correlation(e, o);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    // Both hypotheses are rational tests on alpha (exact).
    std::string why_pc, why_int;
    const bool pc = perfectly_correlated(e.structure, &why_pc);
    const bool interior = interior_posteriors(e.structure, &why_int);
    check.hypothesis("perfect_correlation", pc, why_pc);
    check.hypothesis("interior_posteriors", interior, why_int);
    if (!check.hypotheses_met()) return check.unmet();
    const Matrix q = efficient_allocation(e.structure, e.buyer_value, e.seller_value);
    report_values(check, matrix_values("q*", q));
    if (!pc || !interior) return decide_transfers_exist(e, q, check);
    return constructed_transfers_implement(e, q, check);
  }
};

}  // namespace

std::unique_ptr<Claim> make_ly_perfect_correlation() { return std::make_unique<PerfectCorrelation>(); }

}  // namespace mechcheck::proofs
