#pragma once
// G*'s lottery as one trader i sees it, with one representative permutation per class of
// permutations that give trader i the same (bundle, price): the counts of outcome_counts
// (mechanism.hpp, which runs all N! permutations phi) at a fraction of the work. Each class is
// evaluated by mechanism.cpp's own functions (group_trading_price, ration_group,
// rule2_allocation) on a representative phi, so G*'s rules are written once; the reduction only
// decides which permutations need not be run and how many each one stands for.
//
// Why the classes are exact (Matsushima 2005, Section 3; the code the argument reads is
// mechanism.cpp's):
//
// Rule 1. Let phi put trader i in group beta, with the members of beta in the order M (i among
// them), and let P be the set of traders whose announcements set beta's trading price: group
// beta - 1 (other_group; for r = 2 the other group), beta itself (own_group) or everyone outside
// beta (outside_group).
//  (a) clearing_price reads its traders only through sums over them (their total endowment and
//      total demand at each price), so beta's price q is a function of the set P and the profile,
//      not of the order within P;
//  (b) ration_group reads only the members in the order M, their demands at q and their
//      endowments.
// So (x_i, q_i) under Rule 1 is a function of (M, P): not of beta, the order inside P or the other
// groups. Every (M, P) arises from equally many permutations: r choices of beta, then for
// other_group n! orders of P and (N - 2n)! arrangements of the other traders; for own_group and
// outside_group P is fixed by M and the other N - n traders fill the other groups in (N - n)!
// ways. Over all classes: n (N-1)!/(N-n)! ordered groups M containing i, C(N-n, n) sets P each
// (other_group; 1 otherwise), times the weight, is r n (N-1)! = N!: every permutation once.
//
// Rule 2 with rule2_supply = total (LaterCap::bound, as rule2_allocation calls it).
// common_price_rationing starts from the whole economy's supply, the same for every phi; the
// first trader of phi receives her demand at p and every later trader min(l, what is left) of
// each good, whoever she is. So trader i's amount is a function of her position j in phi and of
// the first trader's announced bundle b (her own when j = 0) only -- not of p, nor of who the
// others are: a table amount(b, j), filled once. Classes: i first ((N-1)! permutations), and
// (first trader f != i, position j >= 1) ((N-2)! each): (N-1)! + (N-1)^2 (N-2)! = N!.
// With rule2_supply = literal_group the supply depends on who forms group 1, and Rule 2 is run
// over all N! permutations exactly as outcome_counts does.
//
// Tables. Rule 1's (x_i) for a class is likewise a function of (M, the demands of M at q): when
// small enough, ration_group's answer for i is tabulated once per ordered group M and demanded
// tuple, so a profile costs one clearing_price per pricing set and table look-ups.
//
// tests/mat/lottery_test.cpp compares the counts with outcome_counts on every profile of small
// instances and on every committed case's economy, and shows that a wrong class weight is caught.
#include "mat/model/mechanism.hpp"

#include <cstdint>
#include <vector>

namespace mechcheck::mat {

class TraderLottery {
 public:
  // Rule 1: a representative phi of the class (group beta = 1 holds positions 0..n-1 = M), the
  // index of its ordered group M and of its pricing set P (classes with equal P share beta's
  // price), and the class size.
  struct Rule1Class {
    std::vector<int> order;
    int group = 0, pricing = 0;
    std::uint64_t weight = 0;
  };
  // Per-thread working storage of count().
  struct Scratch {
    Allocation allocation;
    std::vector<int> price;        // per pricing set, -1 = not computed yet
    std::vector<int> fixed_price;  // per pricing set: set by fix_opponents, else -1
    std::vector<int> demanded;
    // Rule 2's counts when an opponent is first (set by fix_opponents when Rule 2 is tabulated).
    bool opponents_fixed = false, opponents_feasible = true;
    std::vector<std::uint64_t> rule2_opponents;
    // Rule 1's counts by trader i's own bundle at each price (set by fix_opponents when every
    // pricing set excludes i and ration_group is tabulated): [(q |X| + own) |X| + x], and whether
    // (q, own) hands her an amount outside {0..l} somewhere.
    bool rule1_by_own_ready = false;
    std::vector<std::uint64_t> rule1_by_own;
    std::vector<char> rule1_own_feasible;  // [q |X| + own]
  };

  TraderLottery(const Economy& e, int trader);

  int trader() const { return trader_; }
  Scratch scratch() const;
  // Writes outcome_counts(e, trader, profile) into `counts` (resized as needed). Returns false,
  // leaving `counts` unspecified, when some class hands trader i an amount outside {0..l}: the
  // caller then runs outcome_counts, whose error names the first such phi.
  bool count(const Profile& profile, OutcomeCounts& counts, Scratch& scratch) const;
  // What does not depend on trader i's own demand function, computed once for all of them:
  //  - the prices of the pricing sets without trader i (clearing_price reads only the traders of
  //    its set, so when i is not in P the price does not depend on her message);
  //  - Rule 2's counts of the classes where an opponent f is first (trader i's bundle there is
  //    amount(d_f(p), j): her own message is not read);
  //  - when every pricing set excludes i (other_group, outside_group), Rule 1's counts for each
  //    own bundle b at each price q: a class's price q is then fixed by the opponents, and its
  //    outcome is ration_group's for the members' demands at q, of which i's own is b; so her
  //    demand function enters only through d_i(q) for each q.
  // count() uses them until the next call; call it again whenever an opponent's demand function
  // changes (or clear_opponents).
  void fix_opponents(const Profile& profile, Scratch& scratch) const;
  void clear_opponents(Scratch& scratch) const;
  // Allocations (or table look-ups) count() makes per profile, at most (for size guards).
  std::uint64_t evaluations_per_profile() const;

  // Public so that a test can seed a wrong class and see it caught.
  std::vector<Rule1Class> rule1;
  std::uint64_t rule2_first_weight = 0;  // i first
  std::uint64_t rule2_later_weight = 0;  // each (first trader f != i, position of i >= 1)
  bool rule2_every_permutation = false;

 private:
  const Economy* e_;
  int trader_;
  int pricing_sets_ = 0;
  std::vector<int> pricing_class_;        // per pricing set: a class that uses it
  std::vector<bool> pricing_has_trader_;  // per pricing set: trader i is in P
  bool rule1_by_own_ = false;             // every pricing set excludes i and the table exists
  std::vector<int> own_position_;         // per Rule-1 class: trader i's position in M
  std::vector<std::vector<int>> groups_;  // the ordered groups M
  std::uint64_t tuples_ = 0;              // |X|^n demanded tuples per group (0: no table)
  std::vector<int> rationing_;            // [group * tuples + tuple]: i's bundle under ration_group, -1 outside {0..l}
  std::vector<int> rule2_amount_;         // [b * N + j]: i's bundle under Rule 2, -1 outside {0..l}
  std::vector<int> opponents_;
};

}  // namespace mechcheck::mat
