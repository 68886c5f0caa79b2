// llm.groups — Section 5.2 with groups of ex ante identical agents:
//   Corollary 2 (equal treatment of equals), Corollary 3 (stronger groups hold more) and
//   Proposition 8 (an agent that turns from weak to strong does not hold less), with the
//   intermediate claims of its proof (Appendix A.7) reported as separate facts.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/groups.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <algorithm>

namespace mechcheck::proofs {

using namespace mechcheck::llm;
using namespace llm_detail;

// ---- judging steps (declared in llm_groups.hpp) -----------------------------------------

bool ex_ante_identical(const Agent& a, const Agent& b) {
  if (a.k != b.k) return false;
  const PiecewisePolynomial difference = a.cdf - b.cdf;  // on the common refinement
  for (const auto& piece : difference.pieces())
    if (!piece.is_zero()) return false;
  return true;
}

std::vector<std::vector<std::size_t>> ex_ante_groups(const Economy& e) {
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < e.size(); ++i) {
    auto same = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return ex_ante_identical(e.agents[g.front()], e.agents[i]); });
    if (same == groups.end()) groups.push_back({i});
    else same->push_back(i);
  }
  return groups;
}

std::optional<Algebraic> strict_order_failure(const PiecewisePolynomial& lower, const PiecewisePolynomial& upper) {
  const PiecewisePolynomial d = upper - lower;
  const Algebraic lo(d.lo()), hi(d.hi());
  // Somewhere negative (a rational point, the clearest witness).
  if (auto t = d.negative_point()) return Algebraic(*t);
  for (std::size_t j = 0; j < d.piece_count(); ++j) {
    const Rational& a = d.breaks()[j];
    const Rational& b = d.breaks()[j + 1];
    // Equal on a whole piece: its midpoint is inside (lo, hi).
    if (d.pieces()[j].is_zero()) return Algebraic((a + b) / 2);
    // A zero strictly inside (lo, hi) (a root, or a break where D vanishes, counts).
    for (auto& root : d.pieces()[j].real_roots(a, b))
      if (root > lo && root < hi) return root;
  }
  // D is continuous, nowhere negative and without zeros in (lo, hi): D > 0 there.
  return std::nullopt;
}

namespace {

std::string agent_name(std::size_t i) { return std::to_string(i + 1); }
std::string group_name(std::size_t l) { return "G" + std::to_string(l + 1); }

std::vector<std::size_t> group_of(const std::vector<std::vector<std::size_t>>& groups) {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.size();
  std::vector<std::size_t> of(n);
  for (std::size_t l = 0; l < groups.size(); ++l)
    for (std::size_t i : groups[l]) of[i] = l;
  return of;
}

// "(m)" with two groups (the paper's r*_G(m), m = |G_1|), "(c_1,...,c_g)" beyond.
std::string composition_text(const std::vector<unsigned>& c) {
  if (c.size() == 2) return "(" + std::to_string(c[0]) + ")";
  std::string out;
  for (unsigned x : c) out += (out.empty() ? "" : ",") + std::to_string(x);
  return "(" + out + ")";
}

std::string r_name(std::size_t l, const std::vector<unsigned>& c) {
  return "r_star_" + group_name(l) + composition_text(c);
}

const Algebraic* lookup(const GroupMoves& moves, const std::vector<unsigned>& c, std::size_t l) {
  auto it = moves.r.find(c);
  if (it == moves.r.end() || !it->second[l]) return nullptr;
  return &*it->second[l];
}

// Every composition of n into g nonnegative parts, in lexicographic order.
void compositions(unsigned n, std::size_t g, std::vector<unsigned>& prefix, std::vector<std::vector<unsigned>>& out) {
  if (prefix.size() + 1 == g) {
    prefix.push_back(n);
    out.push_back(prefix);
    prefix.pop_back();
    return;
  }
  for (unsigned x = 0; x <= n; ++x) {
    prefix.push_back(x);
    compositions(n - x, g, prefix, out);
    prefix.pop_back();
  }
}

}  // namespace

std::optional<GroupFailure> equal_treatment_failure(const std::vector<std::vector<std::size_t>>& groups,
                                                    const std::vector<Algebraic>& r) {
  for (std::size_t l = 0; l < groups.size(); ++l)
    for (std::size_t i : groups[l])
      if (r[i] != r[groups[l].front()]) {
        const std::size_t first = groups[l].front();
        return GroupFailure{
            "Cor. 2 fails: agents " + agent_name(first) + " and " + agent_name(i) + " are ex ante identical (" +
                group_name(l) + ") but r*_" + agent_name(first) + " = " + r[first].to_string(12) + " != r*_" +
                agent_name(i) + " = " + r[i].to_string(12),
            {make_value("i", static_cast<long long>(first + 1)), make_value("j", static_cast<long long>(i + 1)),
             make_value("r_star_i", r[first]), make_value("r_star_j", r[i])}};
      }
  return std::nullopt;
}

std::optional<GroupFailure> stronger_groups_hold_more_failure(const std::vector<std::vector<std::size_t>>& groups,
                                                              const std::vector<Algebraic>& r) {
  const auto of = group_of(groups);
  for (std::size_t i = 0; i < r.size(); ++i)
    for (std::size_t j = 0; j < r.size(); ++j)
      if (of[i] < of[j] && r[i] < r[j])
        return GroupFailure{
            "Cor. 3 fails: agent " + agent_name(i) + " in " + group_name(of[i]) + " holds r*_" + agent_name(i) + " = " +
                r[i].to_string(12) + " < r*_" + agent_name(j) + " = " + r[j].to_string(12) + " of agent " +
                agent_name(j) + " in the weaker " + group_name(of[j]),
            {make_value("i", static_cast<long long>(i + 1)), make_value("j", static_cast<long long>(j + 1)),
             make_value("r_star_i", r[i]), make_value("r_star_j", r[j])}};
  return std::nullopt;
}

GroupMoves compute_group_moves(const Economy& e, const std::vector<Agent>& types, unsigned n,
                               const CheckContext& context) {
  GroupMoves moves;
  moves.types = types;
  moves.n = n;
  std::vector<std::vector<unsigned>> all;
  std::vector<unsigned> prefix;
  compositions(n, types.size(), prefix, all);
  // Work: one r* per composition, each over 2^(n-1) subsets for each of n agents.
  guard_enumeration_size(context, static_cast<unsigned long long>(all.size()) * n * (1ull << std::min(n, 40u)),
                         "Proposition 8's economies (compositions x agents x subsets)");
  std::vector<std::vector<std::size_t>> groups_of_economy;
  for (std::size_t done = 0; done < all.size(); ++done) {
    const auto& c = all[done];
    Economy ec;
    ec.lo = e.lo;
    ec.hi = e.hi;
    Rational total_k = 0;
    std::vector<std::vector<std::size_t>> groups(types.size());
    for (std::size_t l = 0; l < types.size(); ++l)
      for (unsigned x = 0; x < c[l]; ++x) {
        groups[l].push_back(ec.agents.size());
        ec.agents.push_back(types[l]);
        total_k += types[l].k;
      }
    if (!(total_k > 1) || ec.size() < 2) {
      moves.skipped.push_back(c);
      continue;
    }
    const auto r = r_star(ec);
    std::vector<std::vector<std::size_t>> present;
    for (const auto& g : groups)
      if (!g.empty()) present.push_back(g);
    if (auto failure = equal_treatment_failure(present, r)) {
      moves.unequal.push_back("in the economy " + composition_text(c) + ": " + failure->what);
      if (moves.unequal_witness.empty()) {
        moves.unequal_witness = {make_text("composition", composition_text(c))};
        for (auto& v : failure->witness) moves.unequal_witness.push_back(v);
      }
    }
    std::vector<std::optional<Algebraic>> per_group(types.size());
    for (std::size_t l = 0; l < types.size(); ++l)
      if (!groups[l].empty()) per_group[l] = r[groups[l].front()];
    moves.r.emplace(c, std::move(per_group));
    context.report(static_cast<double>(done + 1) / static_cast<double>(all.size()));
  }
  return moves;
}

GroupMovesJudgement judge_group_moves(const GroupMoves& moves) {
  GroupMovesJudgement judgement;
  std::vector<std::vector<unsigned>> all = moves.skipped;
  for (const auto& entry : moves.r) all.push_back(entry.first);
  std::sort(all.begin(), all.end());
  for (const auto& c : all) {
    for (std::size_t b = 1; b < c.size(); ++b) {
      if (c[b] == 0) continue;
      for (std::size_t a = 0; a < b; ++a) {
        std::vector<unsigned> after = c;
        --after[b];
        ++after[a];
        const Algebraic* before_r = lookup(moves, c, b);
        const Algebraic* after_r = lookup(moves, after, a);
        if (!before_r || !after_r) {
          ++judgement.skipped;
          continue;
        }
        ++judgement.compared;
        if (judgement.failure || !(*after_r < *before_r)) continue;
        GroupFailure failure;
        failure.what = "an agent moving from " + group_name(b) + " to the stronger " + group_name(a) +
                       " holds less: " + r_name(a, after) + " = " + after_r->to_string(12) + " < " + r_name(b, c) +
                       " = " + before_r->to_string(12);
        if (c.size() == 2) {
          failure.what = "Prop. 8 fails at m = " + std::to_string(c[0]) + ": " + failure.what;
          failure.witness.push_back(make_value("m", static_cast<long long>(c[0])));
        } else {
          failure.witness.push_back(make_text("composition_before", composition_text(c)));
          failure.witness.push_back(make_text("composition_after", composition_text(after)));
        }
        failure.witness.push_back(make_value(r_name(a, after), *after_r));
        failure.witness.push_back(make_value(r_name(b, c), *before_r));
        judgement.failure = std::move(failure);
      }
    }
  }
  return judgement;
}

A7Facts a7_facts(const GroupMoves& moves) {
  A7Facts facts;
  if (moves.types.size() != 2) return facts;
  const unsigned n = moves.n;
  const Algebraic one_over_n(Rational(1, static_cast<long>(n)));
  const Algebraic n_times(static_cast<long>(n));
  auto r1 = [&](unsigned m) { return lookup(moves, {m, n - m}, 0); };  // r*_G1(m)
  auto r2 = [&](unsigned m) { return lookup(moves, {m, n - m}, 1); };  // r*_G2(m)
  auto first_failure = [](std::optional<std::string>& slot, const std::string& what) {
    if (!slot) slot = what;
  };
  for (unsigned m = 0; m < n; ++m) {
    const std::string at = " at m = " + std::to_string(m);
    if (const Algebraic* x = r1(m + 1); x && *x < one_over_n)
      first_failure(facts.weak, "r*_G1(" + std::to_string(m + 1) + ") = " + x->to_string(12) + " < 1/n" + at);
    if (const Algebraic* y = r2(m); y && *y > one_over_n)
      first_failure(facts.weak, "r*_G2(" + std::to_string(m) + ") = " + y->to_string(12) + " > 1/n" + at);
    if (m >= 1) {
      if (const Algebraic* y = r2(m); y && !(*y < one_over_n))
        first_failure(facts.strict,
                      "n r*_G2(" + std::to_string(m) + ") = " + (*y * n_times).to_string(12) + " is not < 1");
      if (const Algebraic* x = r1(m); x && !(*x > one_over_n))
        first_failure(facts.strict,
                      "n r*_G1(" + std::to_string(m) + ") = " + (*x * n_times).to_string(12) + " is not > 1");
      if (const Algebraic* x = r1(m + 1); x && !(*x > one_over_n))
        first_failure(facts.printed,
                      "n r*_G1(" + std::to_string(m + 1) + ") = " + (*x * n_times).to_string(12) + " is not > 1" + at);
      if (const Algebraic* y = r2(m); y && !(*y < one_over_n))
        first_failure(facts.printed,
                      "n r*_G2(" + std::to_string(m) + ") = " + (*y * n_times).to_string(12) + " is not < 1" + at);
    }
  }
  if (const Algebraic* y = r2(0); y && *y != one_over_n) facts.ends = "r*_G2(0) = " + y->to_string(12) + " != 1/n";
  if (const Algebraic* x = r1(n); x && *x != one_over_n) facts.ends = "r*_G1(n) = " + x->to_string(12) + " != 1/n";
  return facts;
}

// ---- the checker ------------------------------------------------------------------------

namespace {

const char* const kDistributions = "strength_ordered_group_distributions";
const char* const kDemands = "strength_ordered_group_demands";
const char* const kTwoGroups = "two_groups";

class Groups : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.groups",
        "Section 5.2: Corollary 2, Corollary 3, Proposition 8; proof in Appendix A.7",
        "Cor. 2: ex ante identical agents have the same r*_i. Cor. 3: with strength-ordered groups, r*_i >= r*_j "
        "whenever i's group is stronger than j's. Prop. 8: with two strength-ordered groups and n agents, "
        "r*_G1(m+1) >= r*_G2(m) for every m in {0, ..., n-1}.",
        {{kDistributions,
          "F_G1(t) < F_G2(t) < ... for every t in the open interval (lo, hi) (groups in order of first appearance)",
          Necessity::counterexample,
          "cases/llm/llm.groups-probe-drop-strength-ordered-group-distributions-seed-1.toml"},
         {kDemands, "k_G1 > k_G2 > ... (groups in order of first appearance)", Necessity::counterexample,
          "cases/llm/llm.groups-probe-drop-strength-ordered-group-demands-seed-1.toml"},
         {kTwoGroups,
          "exactly two groups (Prop. 8's setup). A scope condition: with another number of groups Prop. 8 is not "
          "checked and the verdict rests on Cor. 2 and Cor. 3; dropped, every move of one agent to a stronger "
          "group over every composition of the n agents is checked",
          Necessity::scope,
          "Proposition 8 is stated for two groups; the paper (Section 5.2, after Proposition 8) says that beyond two "
          "groups the effect depends on the type distribution, the maximum demands and the group composition, so "
          "without the hypothesis the checker judges its own extension (every move to a stronger group), not the "
          "paper's statement. No counterexample to that extension was found: `mechcheck probe llm.groups --drop "
          "two_groups` with seed 1 for 60 s (14110 economies: 1922 hold, the other 12188 lie outside the strict "
          "strength order) and with --set agents=3, seed 2, for 300 s (62860 economies: 2654 hold, 60206 outside it)"}},
        "Groups are classes of agents with equal k and equal CDFs (F_a - F_b zero on every piece), in order of "
        "first appearance. The strict order of the CDFs on (lo, hi) is decided exactly: F_next - F is nowhere "
        "negative and has no zero strictly inside (lo, hi) (real roots isolated piece by piece). r* of the case "
        "(Proposition 2) in exact algebraic arithmetic: Cor. 2 within every group, Cor. 3 for every pair of "
        "agents. Prop. 8: the economies with m agents of G1's type and n - m of G2's, m = 0..n, are solved "
        "exactly (compositions with sum k <= 1 lie outside the model and are skipped, with a note), and "
        "r*_G1(m+1) >= r*_G2(m) is compared; A.7's intermediate claims are reported as separate facts.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_groups(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const auto groups = ex_ante_groups(e);
    for (std::size_t l = 0; l < groups.size(); ++l) {
      std::string members;
      for (std::size_t i : groups[l]) members += (members.empty() ? "" : ", ") + agent_name(i);
      const Agent& a = e.agents[groups[l].front()];
      check.text("group_" + group_name(l), "agents " + members + ": k = " + to_string(a.k) + ", F = " + a.cdf_text);
    }

    // Hypotheses: the strict strength order of consecutive groups (transitive, so enough).
    std::string distribution_detail, demand_detail;
    for (std::size_t l = 0; l + 1 < groups.size(); ++l) {
      const Agent& strong = e.agents[groups[l].front()];
      const Agent& weak = e.agents[groups[l + 1].front()];
      if (distribution_detail.empty())
        if (auto t = strict_order_failure(strong.cdf, weak.cdf))
          distribution_detail = "F_" + group_name(l) + "(t) >= F_" + group_name(l + 1) +
                                "(t) at t = " + t->to_string(12) + " in (lo, hi)";
      if (demand_detail.empty() && check.compare(strong.k, weak.k) <= 0)
        demand_detail = "k_" + group_name(l) + " = " + to_string(strong.k) + " is not above k_" + group_name(l + 1) +
                        " = " + to_string(weak.k);
    }
    check.decided_in<Algebraic>();  // strict_order_failure isolates the roots of F_next - F exactly
    check.hypothesis(kDistributions, distribution_detail.empty(), distribution_detail);
    check.hypothesis(kDemands, demand_detail.empty(), demand_detail);
    const std::string group_count = std::to_string(groups.size()) + (groups.size() == 1 ? " group" : " groups");
    const bool two = groups.size() == 2;
    const bool two_dropped = check.context().dropped(kTwoGroups);
    // two_groups delimits Prop. 8's scope: kept and failing, Prop. 8 is left out (a note), not unmet.
    if (two || two_dropped) check.hypothesis(kTwoGroups, two, two ? "" : group_count);
    if (!check.hypotheses_met()) return check.unmet();
    if (!two && !two_dropped)
      check.text("hypothesis " + std::string(kTwoGroups),
                 "fails: " + group_count + "; Prop. 8 not checked (its setup has two groups)");
    check.stat("groups", static_cast<long long>(groups.size()));

    // Corollaries 2 and 3 on the case's economy.
    const auto r = r_star(e);
    value_indexed(check, "r_star", r);
    check.value("hat_theta", common_worst_off_type(e));
    std::vector<std::string> failures, held, findings;
    std::vector<Value> witness;  // the first failure's
    auto judge = [&](const std::optional<GroupFailure>& failure, const std::string& name) {
      if (!failure) {
        held.push_back(name);
        return;
      }
      if (failures.empty()) witness = failure->witness;
      failures.push_back(failure->what);
    };
    check.decided_in<Algebraic>();  // every holding is compared exactly
    judge(equal_treatment_failure(groups, r), "Cor. 2 (equal treatment in each of " + group_count + ")");
    for (std::size_t l = 0; l < groups.size(); ++l) check.value("r_star_" + group_name(l), r[groups[l].front()]);
    if (groups.size() >= 2)
      judge(stronger_groups_hold_more_failure(groups, r),
            "Cor. 3 (r*_G1 >= ... >= r*_G" + std::to_string(groups.size()) + ")");

    // Proposition 8 (and, with two_groups dropped, its extension to every move between groups).
    if (two || (two_dropped && groups.size() >= 2)) {
      std::vector<Agent> types;
      for (const auto& g : groups) types.push_back(e.agents[g.front()]);
      const GroupMoves moves = compute_group_moves(e, types, static_cast<unsigned>(e.size()), check.context());
      check.stat("economies_solved", static_cast<long long>(moves.r.size()));
      for (const auto& [composition, per_group] : moves.r)
        for (std::size_t l = 0; l < per_group.size(); ++l)
          if (per_group[l]) check.value(r_name(l, composition), *per_group[l]);
      if (!moves.skipped.empty()) {
        std::string list_text;
        for (const auto& s : moves.skipped) list_text += (list_text.empty() ? "" : " ") + composition_text(s);
        check.text("skipped_compositions", list_text +
                                               ": the sum of the k_i is not above 1 there (outside the "
                                               "model, no r*); comparisons that need them are skipped");
      }
      if (!moves.unequal.empty()) {
        if (failures.empty()) witness = moves.unequal_witness;
        failures.push_back("Cor. 2 fails " + moves.unequal.front());
      }
      const std::string where = moves.skipped.empty() ? "" : ", where its economies exist";
      const std::string what =
          two ? "Prop. 8 (r*_G1(m+1) >= r*_G2(m) for m = 0.." + std::to_string(e.size() - 1) + where + ")"
              : "the extension of Prop. 8 (no agent moving to a stronger group holds less" + where + ")";
      const std::size_t failures_before = failures.size();
      const GroupMovesJudgement judgement = judge_group_moves(moves);
      check.stat("moves_compared", judgement.compared).stat("moves_skipped_outside_model", judgement.skipped);
      judge(judgement.failure, what);
      if (two) {
        const A7Facts facts = a7_facts(moves);
        auto fact = [&](const std::string& name, const std::optional<std::string>& failure) {
          check.text(name, failure ? "fails: " + *failure : "holds" + where);
        };
        fact("A.7 r*_G1(m+1) >= 1/n >= r*_G2(m) for every m", facts.weak);
        fact("A.7 n r*_G2(m) < 1 < n r*_G1(m) for 1 <= m <= n-1", facts.strict);
        fact("A.7 as printed: n r*_G2(m) < 1 and n r*_G1(m+1) > 1 for every m >= 1", facts.printed);
        fact("A.7 r*_G2(0) = 1/n = r*_G1(n)", facts.ends);
        if (failures.size() == failures_before && facts.weak)
          findings.push_back("Prop. 8 holds here but the route of its proof (A.7) does not: " + *facts.weak);
      }
    }
    std::string also_findings;
    for (const auto& f : findings) {
      check.text("finding", f);
      also_findings += "; finding: " + f;
    }

    if (failures.empty()) {
      std::string text;
      for (const auto& h : held) text += (text.empty() ? "" : "; ") + h;
      return check.holds(text + (held.size() == 1 ? " holds" : " hold") + ": r* = " + list(r) + also_findings);
    }
    for (auto& v : witness) check.witness(std::move(v));
    std::string summary = failures.front();
    for (std::size_t f = 1; f < failures.size(); ++f) summary += "; also " + failures[f];
    return check.refuted(summary + also_findings);
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_groups() { return std::make_unique<Groups>(); }

}  // namespace mechcheck::proofs
