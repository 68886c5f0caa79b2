#pragma once
// The judging steps of llm.groups (Liu, Loertscher & Marx 2020, Section 5.2: Corollary 2,
// Corollary 3, Proposition 8 and its proof A.7), exposed so tests can check known answers
// and feed them seeded bugs.
#include "mechcheck/claims/claim.hpp"
#include "llm/model/spot_market.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs {

// Ex ante identical agents: the same k and the same CDF, decided exactly (F_a - F_b is the
// zero polynomial on every piece of the common refinement of their breaks, so two ways of
// writing one CDF, e.g. "uniform" and { power = 1 }, are identical).
bool ex_ante_identical(const llm::Agent& a, const llm::Agent& b);

// The groups G_1, G_2, ...: classes of ex ante identical agents in order of first
// appearance, each the increasing list of its agents' indices (from 0).
std::vector<std::vector<std::size_t>> ex_ante_groups(const llm::Economy& e);

// The strict order of "strength-ordered groups": lower(t) < upper(t) for every t in the
// OPEN interval (lo, hi). Returns a point t in (lo, hi) with lower(t) >= upper(t), or nullopt
// when the order holds. Exact: D = upper - lower is a continuous piecewise polynomial with
// D(lo) = D(hi) = 0 (both are CDFs); it is > 0 on (lo, hi) iff no piece of D is identically
// zero, no real root of D lies strictly inside (lo, hi), and D is nowhere negative (one
// rational point per root gap decides the sign). Zeros at lo and hi are allowed.
std::optional<Algebraic> strict_order_failure(const PiecewisePolynomial& lower, const PiecewisePolynomial& upper);

// A conclusion of llm.groups that fails: where, in words, and the witness that shows it.
struct GroupFailure {
  std::string what;
  std::vector<Value> witness;
};

// Corollary 2 on holdings r: agents of one group hold the same. The first failure, or nullopt
// (decided exactly).
std::optional<GroupFailure> equal_treatment_failure(const std::vector<std::vector<std::size_t>>& groups,
                                                    const std::vector<Algebraic>& r);

// Corollary 3's conclusion on holdings r: r_i >= r_j whenever i's group comes before j's.
std::optional<GroupFailure> stronger_groups_hold_more_failure(const std::vector<std::vector<std::size_t>>& groups,
                                                              const std::vector<Algebraic>& r);

// Proposition 8's economies: n agents split over the group types (one agent per group, G_1
// first) in every composition c = (c_1, ..., c_g), c_1 + ... + c_g = n. With two groups,
// c = (m, n - m) and r[c][0] = r*_G1(m), r[c][1] = r*_G2(m).
struct GroupMoves {
  std::vector<llm::Agent> types;
  unsigned n = 0;
  // r*_G(c) for every composition inside the model; nullopt for a group with no agent.
  std::map<std::vector<unsigned>, std::vector<std::optional<Algebraic>>> r;
  // Compositions outside the model (sum of the k_i not above 1): no r* exists there.
  std::vector<std::vector<unsigned>> skipped;
  // Corollary 2 failures inside these economies (should be none), and the first one's witness
  // (its composition, the agents i and j of that economy and their holdings).
  std::vector<std::string> unequal;
  std::vector<Value> unequal_witness;
};
// Solves r* (Proposition 2, exact) in every composition's economy; the support is e's.
GroupMoves compute_group_moves(const llm::Economy& e, const std::vector<llm::Agent>& types, unsigned n,
                               const CheckContext& context);

// Proposition 8 and its extension to g groups: whenever one agent moves from group b to a
// stronger group a < b (the others fixed), its holding does not fall:
// r*_Ga(c + e_a - e_b) >= r*_Gb(c). With two groups this is r*_G1(m+1) >= r*_G2(m) for
// m = 0, ..., n-1. Comparisons touching a skipped composition are skipped and counted.
struct GroupMovesJudgement {
  std::optional<GroupFailure> failure;  // the first move whose holding falls
  long long compared = 0, skipped = 0;
};
GroupMovesJudgement judge_group_moves(const GroupMoves& moves);

// Appendix A.7's intermediate claims for two groups, each "holds" or where it fails:
//  weak:    r*_G1(m+1) >= 1/n >= r*_G2(m) for every m in {0, ..., n-1} (the proof's last line);
//  strict:  n r*_G2(m) < 1 and n r*_G1(m) > 1 for 1 <= m <= n-1 (its first sentence, on the
//           range where it can hold);
//  printed: the first sentence as printed, n r*_G1(m+1) > 1 for every m >= 1, which includes
//           m + 1 = n where r*_G1(n) = 1/n;
//  ends:    r*_G2(0) = 1/n = r*_G1(n) (printed as r*_G1(0), which does not exist).
struct A7Facts {
  std::optional<std::string> weak, strict, printed, ends;  // nullopt = holds; else where it fails
};
A7Facts a7_facts(const GroupMoves& moves);

}  // namespace mechcheck::proofs
