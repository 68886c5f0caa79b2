// G*'s lottery by classes of permutations (mat/model/lottery.hpp) and the payoffs as scaled
// integers (dominance.hpp), against the reference computation they replace in the dominance
// claims (outcome_counts over all N! permutations, payoff_table<Rational>):
//  - the counts of every profile of small economies under every reading of the rules (trading
//    price, tie-break, n-underline, Rule 2's supply), and of sampled profiles with 6 traders in
//    2 and 3 groups and with 2 goods; infeasible allocations reported by both or neither;
//  - mat.theorem1's per-trader results by both routes (routes.hpp) with an epsilon whose
//    denominator forces the rational fallback of the scaled payoffs (every committed case of the
//    dominance claims is compared in theorem1_test.cpp, a slow suite);
//  - seeded wrong class weights, which both comparisons catch.
#include "fixtures.hpp"
#include "routes.hpp"
#include "mat/claims/claims.hpp"
#include "mat/model/dominance.hpp"
#include "mat/model/lottery.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <random>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;
using Q = Rational;
using namespace mechcheck::testing::mat_routes;

namespace {

// N traders in r groups, one good, l = 2, price grid T; endowments 1 except trader 3's (0), so
// that Rule 2 as printed can hand out negative amounts and the traders are not all alike.
Economy economy(int N, int r, int T) {
  Economy e;
  e.grid = Grid{1, 2, T};
  e.groups = r;
  e.group_size = N / r;
  e.epsilon = Q(1, 10);
  for (int i = 0; i < N; ++i)
    e.traders.push_back(Trader{{i == 2 ? 0 : 1}, {0, Q(3, 2) - Q(i, 7), Q(12, 5) - Q(i, 5)}, {}});
  return e;
}

// Two goods, l = 2, T = 1: 9 bundles, 4 price vectors.
Economy two_goods() {
  Economy e;
  e.grid = Grid{2, 2, 1};
  e.groups = 2;
  e.group_size = 2;
  e.epsilon = Q(1, 10);
  for (int i = 0; i < 4; ++i) {
    std::vector<Q> v;
    for (int b = 0; b < 9; ++b) v.push_back(Q(b % 3 + i, 3) + Q(b / 3, 2));
    e.traders.push_back(Trader{{1, i % 2}, v, {}});
  }
  return e;
}

// "" when trader `i`'s lottery counts agree with outcome_counts on `profile` (or both find an
// allocation outside {0..l}), else what differs; both ways of counting: from the profile alone,
// and with the opponents' part prepared by fix_opponents (as lottery_payoffs counts).
std::string counts_difference(const Economy& e, int i, const Profile& profile, const TraderLottery& lottery) {
  std::optional<OutcomeCounts> reference;
  try {
    reference = outcome_counts(e, i, profile);
  } catch (const InfeasibleOutcome&) {}
  for (bool prepared : {false, true}) {
    TraderLottery::Scratch scratch = lottery.scratch();
    if (prepared) lottery.fix_opponents(profile, scratch);
    OutcomeCounts fast;
    const bool feasible = lottery.count(profile, fast, scratch);
    const std::string how = prepared ? " (opponents' part prepared)" : "";
    if (feasible != reference.has_value())
      return (feasible ? "outcome_counts finds an infeasible allocation, the classes none"
                       : "the classes find an infeasible allocation, outcome_counts none") +
             how;
    if (!feasible) continue;
    if (fast.rule1 != reference->rule1) return "Rule 1 counts differ" + how;
    if (fast.rule2 != reference->rule2) return "Rule 2 counts differ" + how;
    if (fast.permutations != reference->permutations) return "N! differs" + how;
  }
  return "";
}

// Every ordered profile when there are at most `limit`, else `limit` profiles drawn uniformly
// (mt19937, seed 1): calls `visit(profile)`, and returns how many.
template <class Visit>
std::size_t for_profiles(const Economy& e, const std::vector<DemandFunction>& D, std::size_t limit, Visit visit) {
  const int N = e.trader_count();
  Profile profile(N);
  std::uint64_t all = 1;
  for (int j = 0; j < N && all <= limit; ++j) all *= D.size();
  if (all <= limit) {
    for (std::uint64_t x = 0; x < all; ++x) {
      std::uint64_t rest = x;
      for (int j = 0; j < N; ++j, rest /= D.size()) profile[j] = &D[rest % D.size()];
      visit(profile);
    }
    return all;
  }
  std::mt19937 random(1);
  std::uniform_int_distribution<std::size_t> pick(0, D.size() - 1);
  for (std::size_t x = 0; x < limit; ++x) {
    for (int j = 0; j < N; ++j) profile[j] = &D[pick(random)];
    visit(profile);
  }
  return limit;
}

// Counts of every trader on the profiles of for_profiles; returns the number of disagreements.
// Traders 1 and 3 stand for both endowment classes of economy().
std::size_t count_disagreements(const Economy& e, std::size_t limit, std::size_t* infeasible = nullptr) {
  const auto D = all_demand_functions(e);
  std::size_t wrong = 0;
  for (int i : {0, 2}) {
    const TraderLottery lottery(e, i);
    for_profiles(e, D, limit, [&](const Profile& profile) {
      const std::string diff = counts_difference(e, i, profile, lottery);
      if (!diff.empty()) {
        if (++wrong <= 3) BOOST_TEST_MESSAGE("trader " << i + 1 << ": " << diff);
      }
      if (infeasible) {
        try {
          outcome_counts(e, i, profile);
        } catch (const InfeasibleOutcome&) {
          ++*infeasible;
        }
      }
    });
  }
  return wrong;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_lottery)

BOOST_AUTO_TEST_CASE(the_classes_give_outcome_counts_on_every_profile_under_every_reading) {
  std::size_t infeasible = 0;
  for (auto pricing : {TradingPrice::other_group, TradingPrice::own_group, TradingPrice::outside_group})
    for (auto tie : {TieBreak::lowest, TieBreak::highest})
      for (auto underline : {UnderlineN::literal, UnderlineN::example})
        for (auto supply : {Rule2Supply::total, Rule2Supply::literal_group}) {
          Economy e = economy(4, 2, 1);
          e.trading_price = pricing;
          e.tie_break = tie;
          e.underline_n = underline;
          e.rule2_supply = supply;
          BOOST_TEST_CONTEXT(to_string(pricing)
                             << ", " << to_string(tie) << ", " << to_string(underline) << ", " << to_string(supply)) {
            BOOST_TEST(count_disagreements(e, 6561, &infeasible) == 0u);  // all 9^4 profiles
          }
        }
  BOOST_TEST(infeasible > 0u);  // the printed Rule 2 does leave {0..l}: both must say so
}

BOOST_AUTO_TEST_CASE(the_classes_give_outcome_counts_with_six_traders_and_with_two_goods) {
  for (int r : {2, 3})
    for (auto pricing : {TradingPrice::other_group, TradingPrice::outside_group}) {
      Economy e = economy(6, r, 1);
      e.trading_price = pricing;
      BOOST_TEST_CONTEXT("r = " << r << ", " << to_string(pricing)) { BOOST_TEST(count_disagreements(e, 150) == 0u); }
    }
  BOOST_TEST(count_disagreements(two_goods(), 400) == 0u);
}

BOOST_AUTO_TEST_CASE(the_classes_cover_every_permutation_once) {
  for (int r : {2, 3}) {
    const Economy e = economy(6, r, 1);
    const TraderLottery lottery(e, 1);
    std::uint64_t rule1 = 0;
    for (const auto& c : lottery.rule1) rule1 += c.weight;
    BOOST_TEST(rule1 == 720u);
    BOOST_TEST(lottery.rule2_first_weight + 25 * lottery.rule2_later_weight == 720u);
    BOOST_TEST(lottery.rule1.size() == (r == 2 ? 60u : 60u));  // 3 x 5 x 4 groups; 2 x 5 groups x 6 sets
  }
}

BOOST_AUTO_TEST_CASE(a_large_epsilon_denominator_takes_the_rational_fallback_and_agrees) {
  Economy e = economy(4, 2, 1);
  Q tiny(1);
  for (int j = 0; j < 40; ++j) tiny /= 10;
  e.epsilon = tiny;  // e_d = 10^40 > 2^125: the scaled integers could overflow
  const CheckContext context;
  BOOST_TEST(!t1::undominated_strategies(e, 0, context).payoffs.scaled_form);
  BOOST_TEST(routes_difference(e) == "");
  e.epsilon = Q(1, 10);
  BOOST_TEST(t1::undominated_strategies(e, 0, context).payoffs.scaled_form);
}

BOOST_AUTO_TEST_CASE(a_seeded_wrong_class_weight_is_caught) {
  const Economy e = economy(4, 2, 1);
  const CheckContext context;
  const auto reference = t1::undominated_strategies(e, 0, context, t1::Route::reference);

  // One permutation moved from a Rule-1 class to another: the total stays N!.
  TraderLottery moved(e, 0);
  moved.rule1.front().weight -= 1;
  moved.rule1.back().weight += 1;
  std::size_t wrong = 0;
  for_profiles(e, all_demand_functions(e), 6561,
               [&](const Profile& profile) { wrong += !counts_difference(e, 0, profile, moved).empty(); });
  BOOST_TEST(wrong > 0u);
  BOOST_TEST(dominance_difference(t1::undominated_strategies(e, 0, context, t1::Route::classes, &moved), reference) ==
             "payoffs");

  // Rule 2's later positions weighted as the first one.
  TraderLottery heavy(e, 0);
  heavy.rule2_later_weight = heavy.rule2_first_weight;
  BOOST_TEST(dominance_difference(t1::undominated_strategies(e, 0, context, t1::Route::classes, &heavy), reference) ==
             "payoffs");

  // The correct classes agree.
  BOOST_TEST(dominance_difference(t1::undominated_strategies(e, 0, context), reference) == "");
}

BOOST_AUTO_TEST_SUITE_END()
