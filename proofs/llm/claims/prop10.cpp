// llm.prop10 — Proposition 10 (Section 5.3, proof in Appendix A.9 with Lemma A.1): if a boundary
// solution r^c is optimal, agent i* (argmin_i int (k_i - q_i)) corners the forward market:
// r^c_{i*} = 1 - sum_{j != i*} r^c_j and r^c_j in [0, max{0, 1 - sum_{l != j} k_l}] for j != i*.
//
// Reading of "boundary solution" (the paper is loose): holdings r of the simplex (r >= 0,
// sum r_i = 1) with r_i > k_i for at least one agent, i.e. outside Delta(k) of Proposition 9
// (the proof's N_P = {i : r_i >= k_i} nonempty; holdings with r_i = k_i exactly lie in Delta(k),
// where Proposition 9 applies). "r^c is optimal" is read as: r^c maximizes Pi_r over the whole
// simplex (the named hypothesis boundary_solution_optimal: some boundary holding does at least as
// well as r*, the optimum over Delta(k)). Dropping it checks the weaker reading "r^c is optimal
// among the boundary holdings", which is what Case 1 of A.9 derives. The equation
// r_{i*} = 1 - sum_{j != i*} r_j holds for any holdings on the simplex; the content of the
// statement is the bound on the other agents, which (Lemma A.1) makes i* the agent with r > k.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/revenue.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <stdexcept>

namespace mechcheck::proofs::revenue {

using namespace mechcheck::llm;

std::vector<Rational> integrated_demand_gaps(const SurplusTerms& terms) {
  std::vector<Rational> gaps;
  for (std::size_t i = 0; i < terms.size(); ++i)
    gaps.push_back(terms.k()[i] * (terms.hi() - terms.lo()) - terms.q(i).integral());
  return gaps;
}

std::vector<std::size_t> argmin_indices(const std::vector<Rational>& values) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!out.empty() && values[i] > values[out.front()]) continue;
    if (!out.empty() && values[i] < values[out.front()]) out.clear();
    out.push_back(i);
  }
  return out;
}

Rational form_bound(const std::vector<Rational>& k, std::size_t j) {
  Rational bound = 1;
  for (std::size_t l = 0; l < k.size(); ++l)
    if (l != j) bound -= k[l];
  return bound > 0 ? bound : Rational(0);
}

bool has_stated_form(const std::vector<Rational>& r, const std::vector<Rational>& k, std::size_t c) {
  for (std::size_t j = 0; j < r.size(); ++j)
    if (j != c && (r[j] < 0 || r[j] > form_bound(k, j))) return false;
  return true;
}

bool is_boundary(const std::vector<Rational>& r, const std::vector<Rational>& k) { return !within_demands(r, k); }

std::vector<std::string> lemma_a1_failures(const SurplusTerms& terms) {
  std::vector<std::string> failures;
  const auto& k = terms.k();
  const std::size_t n = terms.size();
  std::vector<Rational> at_lo;
  for (std::size_t i = 0; i < n; ++i) at_lo.push_back(terms.q(i)(terms.lo()));
  for (std::size_t i = 0; i < n; ++i) {
    const std::string a = std::to_string(i + 1);
    if (at_lo[i] != form_bound(k, i))
      failures.push_back("(15) fails for agent " + a + ": q_" + a + "(lo) = " + to_string(at_lo[i]) +
                         " != max{0, 1 - sum_{j != " + a + "} k_j} = " + to_string(form_bound(k, i)));
    if (!(at_lo[i] < k[i]))
      failures.push_back("(15) fails for agent " + a + ": q_" + a + "(lo) = " + to_string(at_lo[i]) + " >= k_" + a);
    Rational left = 1;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) left -= at_lo[j];
    if (!(left > k[i]))
      failures.push_back("Lemma A.1 fails for agent " + a + ": 1 - sum_{j != " + a + "} q_j(lo) = " + to_string(left) +
                         " <= k_" + a + " = " + to_string(k[i]));
  }
  return failures;
}

namespace {

std::string holdings_list(const std::vector<Rational>& r) {
  std::string out;
  for (const auto& x : r) out += (out.empty() ? "" : ", ") + to_string(x);
  return "(" + out + ")";
}

std::string agents_list(const std::vector<std::size_t>& agents) {
  std::string out;
  for (auto i : agents) out += (out.empty() ? "" : ", ") + std::to_string(i + 1);
  return out;
}

// How many comparisons the comparer made, and how many of them the enclosures could not decide.
void record_comparisons(const CertifiedComparer& comparer, Check& check) {
  check.stat("certified_comparisons", comparer.comparisons).stat("exact_fallbacks", comparer.exact_fallbacks);
}

}  // namespace

Outcome judge_boundary_form(const SurplusTerms& terms, const std::vector<std::size_t>& i_star, const GridTable& table,
                            const std::vector<GridPoint>& boundary, CertifiedComparer& comparer, Check& check) {
  const auto& k = terms.k();
  const std::size_t n = terms.size();
  // Lemma A.1 is a step of the proof, not part of the statement: reported, not judged.
  const std::vector<std::string> lemma = lemma_a1_failures(terms);
  check.text("statement: Lemma A.1 and (15)", lemma.empty() ? "holds" : "fails: " + lemma.front());
  for (std::size_t i = 1; i < lemma.size(); ++i) check.text("Lemma A.1 finding " + std::to_string(i + 1), lemma[i]);
  for (std::size_t i = 0; i < n; ++i) {
    Rational left = 1;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) left -= terms.q(j)(terms.lo());
    check.value("lemma_A1_lhs_" + std::to_string(i + 1), left);
    check.value("form_bound_" + std::to_string(i + 1), form_bound(k, i));
  }
  check.text("i_star", agents_list(i_star));

  if (boundary.empty()) {
    // Decided by the k_i alone: no holdings are compared.
    record_comparisons(comparer, check);
    return check.holds("vacuous: no holdings with r_i > k_i exist (every k_i = 1)");
  }
  const GridMaximum best = grid_maximum(table, boundary, comparer);
  check.value(exact_or_enclosure("best_boundary_surplus", best.value, best.enclosure));
  check.value("best_boundary_count", static_cast<long long>(best.argmax.size()));
  // Every maximizer must have the stated form for some i* (decided on rational holdings).
  std::optional<std::vector<Rational>> offending;
  for (std::size_t p : best.argmax) {
    const std::vector<Rational> r = grid_holdings(boundary[p], table.steps());
    bool of_form = false;
    for (std::size_t c : i_star) of_form = of_form || has_stated_form(r, k, c);
    if (!of_form && !offending) offending = r;
  }
  check.decided_in<Rational>();
  const std::vector<Rational> first = grid_holdings(boundary[best.argmax.front()], table.steps());
  check.text("best_boundary_holdings", holdings_list(offending ? *offending : first));
  std::size_t corner_agent = 0;
  if (offending) {
    for (std::size_t i = 0; i < n; ++i)
      if ((*offending)[i] > k[i]) corner_agent = i;
    for (std::size_t i = 0; i < n; ++i) check.witness("r_" + std::to_string(i + 1), (*offending)[i]);
    check.witness(exact_or_enclosure("Pi_r", best.value, best.enclosure));
    check.witness("cornering_agent", static_cast<long long>(corner_agent + 1));
  }
  // The paper's candidates e_{i*} (r_{i*} = 1): do they attain the best boundary value? (reported;
  // their Pi_cornered_by_i the checker reports for every agent, and a label is reported once)
  for (std::size_t c : i_star) {
    GridPoint corner(n, 0);
    corner[c] = table.steps();
    const Interval enclosure = table.enclosure(corner);
    const bool attains = comparer.compare(enclosure, best.enclosure,
                                          [&] { return compare_sums(table.summands(corner), best.summands); }) == 0;
    // Pi at this corner is already a value (Pi_cornered_by_I, reported for every agent before the judgement).
    check.text("cornered_by_" + std::to_string(c + 1) + "_attains_best_boundary", attains ? "yes" : "no");
  }
  check.stat("boundary_grid_points", static_cast<long long>(boundary.size()));
  record_comparisons(comparer, check);
  comparer.record_decisions(check);  // the boundary maximizers are found on enclosures, exactly at ties
  if (offending)
    return check.refuted("the best boundary holdings " + holdings_list(*offending) + " (agent " +
                         std::to_string(corner_agent + 1) +
                         " holds more than its k) are not of the stated form for i* = " + agents_list(i_star));
  return check.holds(
      "every best boundary holding on the grid (" + std::to_string(best.argmax.size()) +
      " of them, Pi = " + (best.value ? best.value->to_string(12) : NumberKind<Interval>::to_string(best.enclosure)) +
      ") has the stated form with i* = " + agents_list(i_star) + ", e.g. " + holdings_list(first) +
      (lemma.empty() ? "; Lemma A.1 holds" : "; but " + lemma.front()));
}

}  // namespace mechcheck::proofs::revenue

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;
using namespace revenue;

// Pi at r*. Every worst-off type there is hat_theta (Proposition 2; verified through the hint,
// llm.prop9 reports it), so Pi_{r*} is one polynomial evaluated at hat_theta.
Algebraic surplus_at_r_star(const SurplusTerms& terms, const std::vector<Algebraic>& r_star, const Algebraic& hat) {
  bool common = true;
  for (std::size_t i = 0; i < terms.size(); ++i) common = common && terms.worst_off(i, r_star[i], hat) == hat;
  return common ? terms.surplus_at_common_worst_off(hat) : terms.surplus(r_star);
}

// The optimum over Delta(k) that a boundary solution has to match.
struct InteriorOptimum {
  std::vector<Algebraic> summands;  // of Pi there
  Interval enclosure;
  std::string name;
};
// Pi at r* (Proposition 9), or at the best grid point of Delta(k) should one beat it (Proposition
// 9 would fail there; llm.prop9 reports it).
InteriorOptimum interior_optimum(const GridTable& table, const std::vector<GridPoint>& inside,
                                 const Algebraic& pi_r_star, CertifiedComparer& comparer) {
  InteriorOptimum interior{{pi_r_star}, algebraic_to<Interval>(pi_r_star), "r*"};
  if (inside.empty()) return interior;
  const GridMaximum m = grid_maximum(table, inside, comparer);
  if (comparer.compare(m.enclosure, interior.enclosure, [&] { return compare_sums(m.summands, interior.summands); }) >
      0)
    interior = {m.summands, m.enclosure, "a grid point of Delta(k)"};
  return interior;
}

std::string text_of(const std::vector<Algebraic>& summands, const Interval& enclosure) {
  const auto x = affordable_sum(summands);
  return x ? x->to_string(12) : NumberKind<Interval>::to_string(enclosure);
}

// The premise "a boundary solution r^c is optimal": the best boundary holding on the grid gives at
// least Pi at the interior optimum. Records best_boundary_minus_interior; whether it holds, and
// the detail in words.
std::pair<bool, std::string> boundary_solution_optimal(const GridTable& table, const std::vector<GridPoint>& boundary,
                                                       const InteriorOptimum& interior, CertifiedComparer& comparer,
                                                       Check& check) {
  if (boundary.empty()) return {false, "no holdings with r_i > k_i exist (every k_i = 1)"};
  const GridMaximum best = grid_maximum(table, boundary, comparer);
  const int c = comparer.compare(best.enclosure, interior.enclosure,
                                 [&] { return compare_sums(best.summands, interior.summands); });
  std::vector<Algebraic> gap = best.summands;
  for (const auto& x : interior.summands) gap.push_back(-x);
  check.value(exact_or_enclosure("best_boundary_minus_interior",
                                 c == 0 ? std::optional<Algebraic>(Algebraic(0)) : affordable_sum(gap),
                                 Interval(best.enclosure - interior.enclosure)));
  return {c >= 0, "the best boundary holding on the grid gives Pi = " + text_of(best.summands, best.enclosure) +
                      (c >= 0 ? " >= " : " < ") + text_of(interior.summands, interior.enclosure) + " at " +
                      interior.name};
}

// The paper's far candidate for i* = s: every other agent j at its bound max{0, 1 - sum_{l != j}
// k_l} and s holding the rest (r_s > k_s by Lemma A.1).
std::vector<Algebraic> far_candidate(const std::vector<Rational>& k, std::size_t s) {
  std::vector<Algebraic> far(k.size(), Algebraic(0));
  Algebraic rest = 1;
  for (std::size_t j = 0; j < k.size(); ++j)
    if (j != s) {
      far[j] = Algebraic(form_bound(k, j));
      rest -= far[j];
    }
  far[s] = rest;
  return far;
}

// Pi at the far candidate, and against Pi at r* (reported).
void report_far_candidate(const SurplusTerms& terms, const std::vector<Algebraic>& far, std::size_t s,
                          const Algebraic& pi_r_star, Check& check) {
  const std::vector<Algebraic> far_summands = terms.summands(far);
  const Interval far_enclosure = enclosure_of_sum(far_summands);
  check.text("candidate_far",
             list(far) + (far[s] > Algebraic(terms.k()[s]) ? ", r_{i*} > k_{i*}" : ", r_{i*} <= k_{i*}"));
  check.value(exact_or_enclosure("Pi_candidate_far", affordable_sum(far_summands), far_enclosure));
  std::vector<Algebraic> far_gap = far_summands;
  far_gap.push_back(-pi_r_star);
  check.value(exact_or_enclosure("Pi_candidate_far_minus_interior", affordable_sum(far_gap),
                                 Interval(far_enclosure - algebraic_to<Interval>(pi_r_star))));
}

class Prop10 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop10",
        "Proposition 10 (Section 5.3); proof in Appendix A.9 with Lemma A.1",
        "With i* in argmin_i int_lo^hi (k_i - q_i(x)) dx: if a boundary solution r^c is optimal, then "
        "r^c_{i*} = 1 - sum_{j != i*} r^c_j and r^c_j in [0, max{0, 1 - sum_{l != j} k_l}] for every j != i*.",
        {{"strictly_increasing_cdf",
          "every F_i is strictly increasing on [lo, hi] (the paper's positive density; r* exists)", Necessity::open,
          "Where sum_i q_i = 1 on an interval, r* is not defined and the check reports an error "
          "(cases/llm/prop2-flat-cdfs.toml); otherwise no counterexample is known. Searched, with the hypothesis "
          "dropped: every F_i from uniform, t^2 and histograms with an empty bin ((1/2, 0, 1/2), (0, 1/2, "
          "1/2), (1/2, 1/2, 0), "
          "(1/4, 0, 3/4)), at least one flat, n = 2 and 3, k_i in {1, 1/2, 2/3, 3/4, 1/3}, holdings r*: 901 economies "
          "(313 hold, 569 hypotheses_unmet: no boundary solution is optimal, 19 errors: r* not unique); `mechcheck "
          "probe llm.prop10 --drop strictly_increasing_cdf` (seed 1, 60 s) cannot test it: its CDFs are strictly "
          "increasing"},
         {"types_from_zero",
          "lo = 0: Case 1 of A.9 needs the multiplier mu = 0 in [lo, hi]; for lo > 0 the proof pads the type space "
          "down to 0, which adds lo k_i to agent i's cornering cost and can change i*",
          Necessity::counterexample, "cases/llm/revenue-shifted-support-drop-types-from-zero.toml"},
         {"boundary_solution_optimal",
          "a boundary solution is optimal: the best holdings with some r_i > k_i (on the grid) give at least Pi at "
          "r*, the optimum over Delta(k) (Proposition 9). Dropped, 'optimal' is read as optimal among the boundary "
          "holdings",
          Necessity::counterexample, "cases/llm/llm.prop10-probe-drop-boundary-solution-optimal-seed-1.toml"}},
        "Reading: a boundary solution is a holding on the simplex (r >= 0, sum r_i = 1) with r_i > k_i for some i "
        "(outside Delta(k); r_i = k_i lies in Delta(k), covered by Proposition 9), and 'optimal' means maximal over "
        "the whole simplex. Pi_r = C + sum_i phi_i(r_i) by eq. (11) with the outside option at min(r_i, k_i) "
        "(exact algebraic numbers; cross-checked against eq. (2) integrated over the types at e_{i*}, the far "
        "candidate and r* where affordable). i* exactly: int (k_i - q_i) is rational. Lemma A.1 and (15) exactly "
        "for every agent, reported (a step of the proof, not part of the statement: it fails with equality for "
        "n = 2 and for k_i = 1). Then every "
        "point of the simplex grid r = j/N (N <= 60, at most 2000 points, preferring multiples of the k_i's "
        "denominators) is evaluated with certified enclosures (MPFI) and exact comparison where they overlap; the "
        "boundary points are compared with Pi_{r*} (the hypothesis), and every maximizer among them (ties decided "
        "exactly) must have the stated form for some i in argmin. The paper's candidates e_{i*} and (r_j at the "
        "bound for every j != i*) are evaluated and compared with r*.",
        "llm",
        Arithmetic::certified};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop10(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const std::size_t n = e.size();
    const std::vector<Rational> k = e.max_demands();
    std::string flat;
    for (std::size_t i = 0; i < n && flat.empty(); ++i)
      for (const auto& piece : e.agents[i].cdf.pieces())
        if (piece.is_constant()) flat = "F_" + std::to_string(i + 1) + " is constant on a piece";
    check.decided_in<Rational>();  // on rational coefficients and the rational lo
    check.hypothesis("strictly_increasing_cdf", flat.empty(), flat);
    check.hypothesis("types_from_zero", e.lo == 0, e.lo == 0 ? "" : "lo = " + to_string(e.lo));

    // Pi on the simplex grid, split into Delta(k) and the boundary holdings (some r_i > k_i).
    const SurplusTerms terms(e);
    const unsigned steps = default_steps(e);
    guard_enumeration_size(check.context(), simplex_grid_size(n, steps),
                           "the simplex grid of holdings with step 1/" + std::to_string(steps));
    std::vector<GridPoint> inside, boundary;
    for (auto& p : simplex_grid(n, steps))
      (is_boundary(grid_holdings(p, steps), k) ? boundary : inside).push_back(std::move(p));
    const GridTable table(terms, steps, check.context().progress);
    CertifiedComparer comparer;

    // The interior optimum: r* (Proposition 9), or a grid point of Delta(k) should one beat it.
    Algebraic hat;
    try {
      hat = common_worst_off_type(e);
    } catch (const std::domain_error&) {
      if (!check.hypotheses_met()) return check.unmet();  // no r* without positive density
      throw;
    }
    const std::vector<Algebraic> r_star = llm::r_star(e);
    const Algebraic pi_r_star = surplus_at_r_star(terms, r_star, hat);
    const InteriorOptimum interior = interior_optimum(table, inside, pi_r_star, comparer);
    check.value("hat_theta", hat);
    value_indexed(check, "r_star", r_star);
    check.value("Pi_r_star", pi_r_star);
    const std::vector<Rational> gaps = integrated_demand_gaps(terms);
    value_indexed(check, "integral_k_minus_q", gaps);
    for (std::size_t i = 0; i < n; ++i) {
      GridPoint corner(n, 0);
      corner[i] = steps;
      check.value(exact_or_enclosure("Pi_cornered_by_" + std::to_string(i + 1), affordable_sum(table.summands(corner)),
                                     table.enclosure(corner)));
    }

    // The premise: a boundary solution is optimal.
    const auto [boundary_optimal, optimal_detail] =
        boundary_solution_optimal(table, boundary, interior, comparer, check);
    check.hypothesis("boundary_solution_optimal", boundary_optimal, optimal_detail);
    if (!check.hypotheses_met()) {
      // The premise is decided by certified comparisons (exact where enclosures overlap), the other
      // hypotheses exactly: its comparisons decide the verdict only when it is one that failed.
      if (!boundary_optimal && !boundary.empty() && !check.context().dropped("boundary_solution_optimal"))
        comparer.record_decisions(check);
      return check.unmet();
    }

    // The paper's candidates for i* = the first of the argmin, e_{i*} and the far candidate, and
    // eq. (11) by agent against eq. (2) integrated over the types there and at r*.
    const std::vector<std::size_t> i_star = argmin_indices(gaps);
    const std::size_t s = i_star.front();
    const std::vector<Algebraic> far = far_candidate(k, s);
    report_far_candidate(terms, far, s, pi_r_star, check);
    std::vector<Algebraic> corner(n, Algebraic(0));
    corner[s] = Algebraic(1);
    const int probed = cross_check_surplus(e, terms, {corner, far, r_star});
    check.text("surplus_cross_check",
               "eq. (11) by agent = eq. (2) integrated at " + std::to_string(probed) +
                   " of 3 holdings (e_{i*}, the far candidate, r*); the others' exact sums were too costly and are not "
                   "compared");
    check.stat("grid_steps", static_cast<long long>(steps))
        .stat("grid_points", static_cast<long long>(inside.size() + boundary.size()));
    check.context().report(1.0);

    // Every best boundary holding has the stated form for some i* in the argmin.
    return judge_boundary_form(terms, i_star, table, boundary, comparer, check);
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_prop10() { return std::make_unique<Prop10>(); }

}  // namespace mechcheck::proofs
