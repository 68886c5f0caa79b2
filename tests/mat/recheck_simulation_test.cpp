// The re-checks' own simulations of G* and G** (proofs/mat/recheck, written apart from the model:
// direct_expected_utility, direct_interim_utility), which the mat claims' re-checks share: the
// two independent implementations of the same definitions agree with the checkers' lotteries on
// many profiles and under every reading, and with a hand computation. Each claim's re-check
// (witnesses altered after the fact that it must reject) is tested in that claim's
// CLAIM_test.cpp; every committed refutation's re-check in cases_test.cpp.
#include "fixtures.hpp"
#include "mat/model/dominance.hpp"
#include "mat/recheck/recheck_direct.hpp"
#include "mat/model/gstarstar.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;
using Q = Rational;
namespace rc = mechcheck::proofs::mat_recheck;

namespace {

Q checker_utility(const Economy& e, int trader, const std::vector<std::vector<int>>& d) {
  Profile profile;
  for (const auto& x : d) profile.push_back(&x);
  return expected_utility<Q>(e, outcome_counts(e, trader, profile), utility_table<Q>(e, trader));
}

// Four traders in two groups, k = 1, l = 2, T = 1.
Economy small_economy() {
  Economy e;
  e.grid = Grid{1, 2, 1};
  e.groups = 2;
  e.group_size = 2;
  e.epsilon = Q(1, 7);
  Trader high{{1}, {0, Q(3, 2), Q(12, 5)}, {}};
  Trader low{{0}, {0, Q(1, 3), Q(1, 2)}, MoneyUtility{{{Q(1), Q(0)}, {Q(1, 2), Q(1, 5)}}}};
  e.traders = {high, high, low, high};
  return e;
}

std::string strategy_text(const Economy& e, const GStrategy& s) {
  std::string t = "{";
  for (std::size_t th = 0; th < s.size(); ++th)
    t += (th ? "; " : "") + std::string("signal ") + std::to_string(th + 1) + " -> " + message_text(e, s[th]);
  return t + "}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_recheck_simulation)

BOOST_AUTO_TEST_CASE(the_direct_gstar_agrees_with_the_checkers_lottery_under_every_reading) {
  const auto D = all_demand_functions(small_economy());
  int compared = 0;
  for (auto pricing : {TradingPrice::other_group, TradingPrice::own_group, TradingPrice::outside_group})
    for (auto tie : {TieBreak::lowest, TieBreak::highest})
      for (auto reading : {UnderlineN::literal, UnderlineN::example}) {
        Economy e = small_economy();
        e.trading_price = pricing;
        e.tie_break = tie;
        e.underline_n = reading;
        for (std::size_t a = 0; a < D.size(); a += 2)
          for (std::size_t b = 1; b < D.size(); b += 3) {
            const std::vector<std::vector<int>> d{D[a], D[b], D[(a + b) % D.size()], D[(2 * a + 1) % D.size()]};
            for (int trader : {0, 2}) {
              BOOST_TEST(rc::direct_expected_utility(e, trader, d) == checker_utility(e, trader, d));
              ++compared;
            }
          }
      }
  BOOST_TEST(compared == 3 * 2 * 2 * 5 * 3 * 2);
}

BOOST_AUTO_TEST_CASE(the_direct_gstar_agrees_with_a_hand_computation) {
  // Everyone announces 1 at every price, endowments 1 (mat_model_test's hand computation):
  // u = (19/20)(3/2) + (1/20)(27/20) = 597/400.
  Economy e = small_economy();
  e.epsilon = Q(1, 20);
  e.traders = {e.traders[0], e.traders[0], e.traders[0], e.traders[0]};
  e.traders[2].value = e.traders[3].value = {0, Q(1, 3), Q(1, 2)};
  const std::vector<std::vector<int>> d(4, std::vector<int>{1, 1});
  BOOST_TEST(rc::direct_expected_utility(e, 0, d) == Q(597, 400));
}

BOOST_AUTO_TEST_CASE(the_direct_gstarstar_agrees_with_the_checkers_interim_utility) {
  for (const std::string name : {"theorem2-two-groups", "theorem2-smallest"}) {
    const Case c = builtin_papers().load_case(cases_dir + name + ".toml");
    const Economy& e = c.model_data<Economy>();
    const Interdependent& I = *e.interdependent;
    const ResponseTables tables(e, I);
    const int N = e.trader_count();
    // A few own messages against a few opponents' strategies (all opponents alike, and mixed).
    const GStrategy truthful{GMessage{8, ResponseRule::informed, ResponseRule::naive},
                             GMessage{7, ResponseRule::naive, ResponseRule::informed}};
    const GStrategy pooling{GMessage{2, ResponseRule::informed, ResponseRule::informed},
                            GMessage{2, ResponseRule::informed, ResponseRule::informed}};
    const bool small = N == 4;
    for (const GMessage own : {GMessage{5, ResponseRule::informed, ResponseRule::informed},
                               GMessage{8, ResponseRule::naive, ResponseRule::informed}})
      for (int theta = 0; theta < (small ? 2 : 1); ++theta)
        for (int mix = 0; mix < (small ? 2 : 1); ++mix) {
          std::vector<const GStrategy*> strategies(N, nullptr);
          std::vector<std::string> texts;
          for (int j = 1; j < N; ++j) {
            strategies[j] = mix && j % 2 ? &pooling : &truthful;
            texts.push_back(strategy_text(e, *strategies[j]));
          }
          const Q checker =
              interim_utility<Q>(e, I, 0, theta, evaluate_trader(e, I, tables, 0, theta, own, strategies));
          BOOST_TEST(rc::direct_interim_utility(e, message_text(e, own), theta, texts) == checker, name);
          if (!small) break;
        }
  }
}

BOOST_AUTO_TEST_CASE(one_amount_of_a_bundle_is_the_digit_of_all_its_amounts) {
  // amount_of (one good's amount, used where the simulation reads one good) against amounts
  // (every good's) on every bundle of grids with 1-3 goods and bounds 1-3.
  std::size_t compared = 0;
  for (int k = 1; k <= 3; ++k)
    for (int l = 1; l <= 3; ++l) {
      Economy e;
      e.grid = Grid{k, l, 1};
      for (int b = 0; b < e.grid.bundle_count(); ++b) {
        const auto all = rc::direct::amounts(e, b);
        for (int h = 0; h < k; ++h) {
          BOOST_TEST(rc::direct::amount_of(e, b, h) == all[h]);
          ++compared;
        }
      }
    }
  BOOST_TEST(compared == 364u);  // sum over k, l of k (l + 1)^k
}

BOOST_AUTO_TEST_SUITE_END()
