// The mat model (Matsushima 2005) that the claims share, tested without running a claim. G*
// (Section 3): a hand-computed expected utility, a concave money utility, G*'s lottery
// (outcome_counts) against the paper's g(m)(a) summed over distinct allocations, the orbit
// reduction against every ordered profile, and the exact mixed-dominance LP (with its best-response
// pretest against the LP alone, and a seeded wrong pretest that the comparison catches). G** (Section 4):
// hand-computed posteriors and D^1, Bayes by two routes, Rules 3-6 against G*'s Rules 1-2 on a
// degenerate profile, the signal-class reduction against every signal profile, the order
// reduction (type sequences) against every permutation (with seeded wrong weights and types caught),
// budget balance (3) by integers against the rational sum, D^3, the lottery weights, and a seeded
// wrong posterior caught against D^2. The claims' own tests are in
// CLAIM_test.cpp (mat.theorem1 in theorem1_test.cpp, ...).
#include "fixtures.hpp"
#include "gstarstar_orders.hpp"
#include "mat/model/dominance.hpp"
#include "mat/model/gstarstar.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>
#include <numeric>
#include <random>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;
using namespace mechcheck::testing::mat_orders;
using Q = Rational;

namespace {

// ---- G* -----------------------------------------------------------------------------------

// Four traders in two groups, k = 1, l = 2, T = 1, endowments 1.
Economy small_economy(Q epsilon = Q(1, 20)) {
  Economy e;
  e.grid = Grid{1, 2, 1};
  e.groups = 2;
  e.group_size = 2;
  e.epsilon = epsilon;
  Trader high{{1}, {0, Q(3, 2), Q(12, 5)}, {}};
  Trader low{{1}, {0, Q(1, 3), Q(1, 2)}, {}};
  e.traders = {high, high, low, low};
  return e;
}

// u_i(g(m)) by the paper's formula for g: g(m)(a) = rho_1 (1-eps)/(N!|P|) + rho_2 eps/(N!|P|),
// summed over the distinct allocations a, then sum_a g(m)(a) u_i(a). Independent of
// outcome_counts (which collapses Rule 1's p and counts only trader i's outcome).
Q expected_utility_by_allocations(const Economy& e, int trader, const Profile& profile) {
  const int N = e.trader_count(), P = e.grid.price_count();
  std::map<std::pair<std::vector<int>, std::vector<int>>, Q> g;
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  const Q unit = Q(1) / (Q(factorial(N)) * P);
  Allocation a;
  a.resize(e);
  do {
    for (int p = 0; p < P; ++p) {
      rule1_allocation(e, order, profile, a);
      g[{a.amount, a.price}] += unit * (1 - e.epsilon);
      rule2_allocation(e, order, profile, p, a);
      g[{a.amount, a.price}] += unit * e.epsilon;
    }
  } while (std::next_permutation(order.begin(), order.end()));
  Q total_probability = 0, u = 0;
  for (const auto& [allocation, probability] : g) {
    total_probability += probability;
    Allocation b;
    b.amount = allocation.first;
    b.price = allocation.second;
    u += probability * e.utility(trader, b.bundle(e, trader), b.price[trader]);
  }
  BOOST_REQUIRE(total_probability == 1);
  return u;
}

// ---- G** ----------------------------------------------------------------------------------

const Economy& smallest() {
  static const Case c = builtin_papers().load_case(cases_dir + "theorem2-smallest.toml");
  return c.model_data<Economy>();
}

// Every (theta; omega_2..omega_{n+1}) and every price-taking observation: the informed rule of
// `tables` announces an element of D^2 computed from `truth`. The first failure, if any.
bool informed_rule_meets_D2(const Economy& e, const Interdependent& truth, const ResponseTables& tables) {
  const auto& D = tables.demand_functions();
  for (int theta = 0; theta < 2; ++theta)
    for (int w2 = 0; w2 < 2; ++w2)
      for (int w3 = 0; w3 < 2; ++w3) {
        const DemandSet want = D2(e, truth, {theta, w2, w3});
        const int d2 = static_cast<int>(demand_function_index(e.grid, D1(e, truth, w2).lowest()));
        const int d3 = static_cast<int>(demand_function_index(e.grid, D1(e, truth, w3).lowest()));
        const std::vector<int> observed{d2, d3};
        if (!want.contains(D[tables.evaluate(ResponseRule::informed, theta, observed)])) return false;
      }
  return true;
}

// theorem2-smallest's G** with four traders in two groups and the given endowments (one good).
Economy gstarstar_four_traders(const std::vector<int>& endowments) {
  Economy e = smallest();
  e.groups = 2;
  e.group_size = 2;
  e.traders.resize(4);
  for (int i = 0; i < 4; ++i) e.traders[i].endowment = {endowments[i]};
  return e;
}

// Opponent j of trader `trader` plays menu[(s + j * step) % |menu|] (step 0: all alike).
std::vector<const GStrategy*> opponents_from(const std::vector<GStrategy>& menu, int N, int trader, std::size_t s,
                                             std::size_t step) {
  std::vector<const GStrategy*> strategies(N, nullptr);
  for (int j = 0; j < N; ++j)
    if (j != trader) strategies[j] = &menu[(s + static_cast<std::size_t>(j) * step) % menu.size()];
  return strategies;
}

// Trader 1's counts over the listed phi on one profile of messages and signals.
GCounts counts_over(const Economy& e, const ResponseTables& tables, const std::vector<GMessage>& messages,
                    const std::vector<int>& signals, const std::vector<OrderClass>& orders) {
  const std::size_t cells = static_cast<std::size_t>(e.grid.bundle_count()) * e.grid.price_count();
  GCounts g;
  g.rule3.assign(cells, 0);
  g.common.assign(cells, 0);
  const auto off = count_orders(e, *e.interdependent, tables, 0, messages, signals, orders, g);
  BOOST_REQUIRE(!off);
  return g;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_model)

BOOST_AUTO_TEST_CASE(everyone_announcing_the_endowment_has_a_hand_computed_expected_utility) {
  // Rule 1: each group of two supplies 2 and demands 1 + 1: n-bar = 1, n-underline = 2,
  // n-tilde = 1, so both receive 1 and pay nothing: u = v(1) = 3/2. Rule 2: phi(1) receives 1,
  // then 2, 1, 0 (the remaining 3 handed out greedily), at p in {0, 1} with equal chance:
  // E = [v(1) + (v(2) - 1/2) + v(1) + (v(0) + 1/2)] / 4 = 27/20. With eps = 1/20:
  // u = (19/20)(3/2) + (1/20)(27/20) = 597/400.
  const Economy e = small_economy();
  const DemandFunction one{1, 1};
  const Profile profile(4, &one);
  const auto counts = outcome_counts(e, 0, profile);
  BOOST_TEST(expected_utility<Q>(e, counts, utility_table<Q>(e, 0)) == Q(597, 400));
  BOOST_TEST(expected_utility_by_allocations(e, 0, profile) == Q(597, 400));
}

BOOST_AUTO_TEST_CASE(a_concave_money_utility_is_evaluated_exactly_and_changes_the_price_taking_demands) {
  Economy e = small_economy();
  e.grid.price_grid = 2;  // prices 0, 1/2, 1
  e.traders[0] = Trader{{1}, {0, Q(4, 5), Q(7, 5)}, MoneyUtility{{{Q(1), Q(0)}, {Q(1, 2), Q(0)}}}};
  // u(2, 1/2) = 7/5 + min(-1/2, -1/4) = 9/10; u(0, 1/2) = min(1/2, 1/4) = 1/4; u(1, 1) = 4/5.
  BOOST_TEST(e.utility(0, 2, 1) == Q(9, 10));
  BOOST_TEST(e.utility(0, 0, 1) == Q(1, 4));
  BOOST_TEST(e.utility(0, 1, 2) == Q(4, 5));
  const auto argmax = e.price_taking_bundles(0);
  BOOST_TEST(argmax[2] == std::vector<int>{1});  // w(1) = 1/2 < 4/5 > 7/5 - 1: a linear w would give {0}
  e.traders[0].money = MoneyUtility{};
  BOOST_TEST(e.price_taking_bundles(0)[2] == std::vector<int>{0});
}

BOOST_AUTO_TEST_CASE(outcome_counts_agree_with_the_papers_g_on_every_profile_of_a_trader) {
  const Economy e = small_economy(Q(1, 7));
  const std::uint64_t S = demand_function_count(e.grid);
  BOOST_TEST(S == 9u);
  std::vector<DemandFunction> D;
  for (std::uint64_t s = 0; s < S; ++s) D.push_back(demand_function(e.grid, s));
  const auto utilities = utility_table<Q>(e, 2);
  int checked = 0;
  for (std::uint64_t a = 0; a < S; a += 4)
    for (std::uint64_t b = 0; b < S; b += 3)
      for (std::uint64_t c = 0; c < S; c += 2) {
        const Profile profile{&D[a], &D[b], &D[c], &D[(a + b + c) % S]};
        const Q fast = expected_utility<Q>(e, outcome_counts(e, 2, profile), utilities);
        BOOST_TEST(fast == expected_utility_by_allocations(e, 2, profile));
        ++checked;
      }
  BOOST_TEST(checked == 3 * 3 * 5);
}

BOOST_AUTO_TEST_CASE(the_orbit_reduction_gives_the_same_payoffs_as_every_ordered_profile) {
  Economy e = small_economy();
  e.traders[3].endowment = {0};  // two classes of opponents for trader 1: {2, 3} and {4}
  const std::uint64_t S = demand_function_count(e.grid);
  std::vector<DemandFunction> D;
  for (std::uint64_t s = 0; s < S; ++s) D.push_back(demand_function(e.grid, s));
  const auto full = opponent_profiles(e, 0, S, false);
  const auto reduced = opponent_profiles(e, 0, S, true);
  BOOST_TEST(full.profiles.size() == 729u);
  BOOST_TEST(reduced.profiles.size() == 45u * 9u);
  BOOST_TEST(reduced.covered == 729u);
  // The counts the size guards use, without enumerating: |D|^3 ordered profiles; C(9 + 1, 2) = 45
  // multisets for the equal opponents {2, 3} times 9 for {4}.
  BOOST_TEST(count_opponent_profiles(e, 0, S, false) == 729u);
  BOOST_TEST(count_opponent_profiles(e, 0, S, true) == 45u * 9u);
  const auto U_full = payoff_table<Q>(e, 0, outcome_table(e, D, full));
  const auto U_reduced = payoff_table<Q>(e, 0, outcome_table(e, D, reduced));
  std::map<std::vector<std::uint32_t>, std::size_t> representative;
  for (std::size_t o = 0; o < reduced.profiles.size(); ++o) {
    std::map<int, std::uint32_t> by_trader;
    for (std::size_t j = 0; j < reduced.opponents.size(); ++j) by_trader[reduced.opponents[j]] = reduced.profiles[o][j];
    representative[{by_trader[1], by_trader[2], by_trader[3]}] = o;
  }
  for (std::size_t o = 0; o < full.profiles.size(); ++o) {
    std::map<int, std::uint32_t> by_trader;
    for (std::size_t j = 0; j < full.opponents.size(); ++j) by_trader[full.opponents[j]] = full.profiles[o][j];
    std::uint32_t x = std::min(by_trader[1], by_trader[2]), y = std::max(by_trader[1], by_trader[2]);
    const std::size_t r = representative.at({x, y, by_trader[3]});
    for (std::size_t s = 0; s < S; ++s)
      BOOST_TEST(U_full[s * full.profiles.size() + o] == U_reduced[s * reduced.profiles.size() + r]);
  }
}

BOOST_AUTO_TEST_CASE(the_exact_lp_finds_a_mixture_that_no_pure_strategy_matches) {
  // s0 = (3, 0), s1 = (0, 3), s2 = (1, 1): s2 is dominated by (s0 + s1)/2 with margin 1/2, by no pure one.
  const std::vector<Q> U{3, 0, 0, 3, 1, 1};
  const auto pure = pure_dominators<Q>(U, 3, 2);
  BOOST_TEST(!pure[2].has_value());
  const auto mixed = mixed_dominance(U, 3, 2, 2);
  BOOST_TEST(mixed.dominated);
  BOOST_TEST(mixed.delta == Q(1, 2));
  BOOST_TEST(mixed.sigma[0] == Q(1, 2));
  BOOST_TEST(mixed.sigma[1] == Q(1, 2));
  BOOST_TEST(!mixed_dominance(U, 3, 2, 0).dominated);
  // With s0 = (3, -1) the best mixture is (3/7, 4/7, 0): 3a - 1 = 3(1 - a) - a - 1 at a = 3/7, margin 2/7.
  const std::vector<Q> V{3, -1, 0, 3, 1, 1};
  BOOST_TEST(mixed_dominance(V, 3, 2, 2).delta == Q(2, 7));
}

BOOST_AUTO_TEST_CASE(the_best_response_pretest_gives_the_lps_answer) {
  // Payoff tables with entries in {-2..2} (mt19937, seed 3), 2-4 strategies, 1-5 profiles: for
  // every strategy, mixed_dominance (the pretest, then the LP) equals the LP alone in verdict,
  // delta and sigma; the pretest decides some of them and not all.
  std::mt19937 random(3);
  std::uniform_int_distribution<int> entry(-2, 2);
  std::size_t decided = 0, total = 0, wrong_pretest_caught = 0;
  for (int table = 0; table < 300; ++table) {
    const std::size_t S = 2 + table % 3, O = 1 + table % 5;
    std::vector<Q> U(S * O);
    for (auto& u : U) u = entry(random);
    for (std::size_t s = 0; s < S; ++s) {
      const MixedDominance fast = mixed_dominance(U, S, O, s), lp = mixed_dominance_by_lp(U, S, O, s);
      BOOST_TEST(fast.dominated == lp.dominated);
      BOOST_TEST(fast.delta == lp.delta);
      BOOST_TEST(fast.sigma == lp.sigma);
      decided += best_response_profile(U, S, O, s).has_value();
      ++total;
      // Seeded wrong pretest: "s is a best response against each t at SOME profile" (pure
      // undominance) taken as "not dominated by any mixture".
      bool pairwise = true;
      for (std::size_t t = 0; t < S; ++t) {
        bool somewhere = false;
        for (std::size_t o = 0; o < O; ++o) somewhere = somewhere || U[s * O + o] >= U[t * O + o];
        pairwise = pairwise && somewhere;
      }
      wrong_pretest_caught += pairwise && lp.dominated;
    }
  }
  BOOST_TEST(decided > 0u);
  BOOST_TEST(decided < total);
  BOOST_TEST(wrong_pretest_caught > 0u);
}

BOOST_AUTO_TEST_CASE(posteriors_and_D1_match_a_hand_computation) {
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  // P(H | a) = (1/2)(1/4) / ((1/2)(3/4) + (1/2)(1/4)) = 1/4.
  const auto pa = posterior<Q>(I, {1, 0});
  BOOST_TEST(pa[0] == Q(3, 4));
  BOOST_TEST(pa[1] == Q(1, 4));
  // P(H | a, b, b) = (1/4)(3/4)(3/4) / ((3/4)(1/4)(1/4) + (1/4)(3/4)(3/4)) = 3/4.
  BOOST_TEST(posterior<Q>(I, {1, 2})[1] == Q(3, 4));
  // E[v | a] = (0, 7/8, 21/16): at p = 1 the best bundle is 0; E[v | b] = (0, 13/8, 39/16): 1.
  const auto va = conditional_values<Q>(I, 0, pa);
  BOOST_TEST(va[1] == Q(7, 8));
  BOOST_TEST(va[2] == Q(21, 16));
  BOOST_TEST(D1(e, I, 0).text(e.grid) == "{2} x {0}");
  BOOST_TEST(D1(e, I, 1).text(e.grid) == "{2} x {1}");
  BOOST_TEST(!assumption1_failure(e, I).has_value());
  BOOST_TEST(!assumption2_failure(I).has_value());
  // Pr(b, b | a) = [(3/4)(1/4)(1/4) + (1/4)(3/4)(3/4)] (1/2) / (1/2) = 3/16 + ... = 12/64 -> 3/16.
  BOOST_TEST(conditional_probability<Q>(I, 0, {1, 1}) == Q(3, 16));
  // In double the same formulas give the floats of these numbers.
  BOOST_TEST(posterior<double>(I, {1, 0})[1] == 0.25);
}

BOOST_AUTO_TEST_CASE(bayes_by_counts_and_by_the_joint_agree_and_beliefs_sum_to_one) {
  const Interdependent& I = *smallest().interdependent;
  for (int len = 1; len <= 5; ++len)
    for (int mask = 0; mask < (1 << len); ++mask) {
      std::vector<int> signals;
      for (int j = 0; j < len; ++j) signals.push_back((mask >> j) & 1);
      BOOST_TEST(posterior<Q>(I, signal_counts(I, signals)) == posterior_by_joint<Q>(I, signals));
    }
  // sum over omega_{-1} of Pr(omega_{-1} | theta) = 1 (five opponents).
  for (int theta = 0; theta < 2; ++theta) {
    Q total = 0;
    for (int mask = 0; mask < 32; ++mask) {
      std::vector<int> others;
      for (int j = 0; j < 5; ++j) others.push_back((mask >> j) & 1);
      total += conditional_probability<Q>(I, theta, others);
    }
    BOOST_TEST(total == 1);
  }
}

BOOST_AUTO_TEST_CASE(rules_3_to_6_coincide_with_gstars_rules_on_a_degenerate_profile) {
  // With d^1 = d^2 = d^3 = d_i for every trader, Rule 3 is G*'s Rule 1 (price of the precedent
  // group) and Rules 4-6 (cap l) are Rule 2.
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  const ResponseTables tables(e, I);
  const auto& D = tables.demand_functions();
  const int N = e.trader_count();
  int compared = 0;
  for (int seed = 0; seed < 6; ++seed) {
    Announcements a;
    Profile profile(N);
    for (int i = 0; i < N; ++i) {
      const int d = (seed * 7 + i * 5 + i * i) % static_cast<int>(D.size());
      a.first.push_back(d);
      a.second.push_back(d);
      a.third.push_back(d);
      profile[i] = &D[d];
    }
    std::vector<int> order(N);
    std::iota(order.begin(), order.end(), 0);
    Allocation x, y;
    x.resize(e);
    y.resize(e);
    do {
      gstarstar_allocation(e, I, D, order, 0, a, 3, x);
      rule1_allocation(e, order, profile, y);
      BOOST_REQUIRE(x.amount == y.amount);
      BOOST_REQUIRE(x.price == y.price);
      for (int p = 0; p < e.grid.price_count(); ++p) {
        rule2_allocation(e, order, profile, p, y);
        for (int rule = 4; rule <= 6; ++rule) {
          gstarstar_allocation(e, I, D, order, p, a, rule, x);
          BOOST_REQUIRE(x.amount == y.amount);
          BOOST_REQUIRE(x.price == y.price);
        }
      }
      ++compared;
    } while (std::next_permutation(order.begin(), order.end()));
  }
  BOOST_TEST(compared == 6 * 720);
}

BOOST_AUTO_TEST_CASE(the_signal_class_reduction_equals_every_signal_profile) {
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  const ResponseTables tables(e, I);
  const int pt0 = static_cast<int>(demand_function_index(e.grid, D1(e, I, 0).lowest()));
  const int pt1 = static_cast<int>(demand_function_index(e.grid, D1(e, I, 1).lowest()));
  const GStrategy informed{{pt0, ResponseRule::informed, ResponseRule::informed},
                           {pt1, ResponseRule::informed, ResponseRule::informed}};
  const GStrategy pooling{{pt1, ResponseRule::naive, ResponseRule::informed},
                          {pt1, ResponseRule::naive, ResponseRule::informed}};
  std::vector<const GStrategy*> strategies{nullptr, &informed, &informed, &pooling, &informed, &pooling};
  const GMessage own{3, ResponseRule::informed, ResponseRule::naive};
  for (int theta = 0; theta < 2; ++theta) {
    const auto reduced = evaluate_trader(e, I, tables, 0, theta, own, strategies, true);
    const auto full = evaluate_trader(e, I, tables, 0, theta, own, strategies, false);
    BOOST_TEST(full.classes.size() == 32u);
    BOOST_TEST(reduced.classes.size() == 4u * 3u);  // informed x3: 4 count classes; pooling x2: 3
    BOOST_TEST(reduced.signal_profiles == 32u);
    BOOST_TEST(interim_utility<Q>(e, I, 0, theta, reduced) == interim_utility<Q>(e, I, 0, theta, full));
  }
}

BOOST_AUTO_TEST_CASE(the_order_reduction_equals_every_permutation_on_small_instances) {
  // Six traders in three groups (theorem2-smallest): own messages against opponents all alike
  // and against opponents with different strategies (more types, and types split by signal).
  {
    const Economy& e = smallest();
    const Interdependent& I = *e.interdependent;
    const ResponseTables tables(e, I);
    const auto own = restricted_messages(I, tables.demand_functions().size());
    const auto menu = strategy_menu(e, I);
    std::size_t compared = 0;
    for (int theta = 0; theta < 2; ++theta)
      for (std::size_t s = theta; s < own.size(); s += 5)
        for (std::size_t step : {0, 7}) {
          const std::string diff = orders_difference(e, tables, 0, theta, own[s], opponents_from(menu, 6, 0, s, step));
          BOOST_TEST(diff.empty(), "signal " << theta + 1 << ", " << message_text(e, own[s]) << ": " << diff);
          ++compared;
        }
    BOOST_TEST(compared == 30u);
  }
  // Four traders in two groups with unequal endowments (types split by endowment), every trader
  // in turn, under each reading of the rules that G** reads (ties of p-hat, n-underline, Rule 6's
  // cap, Rule 4-6's supply). With Rule 2's supply as printed (group 1's endowments) a trader can
  // receive a negative amount: both ways must then report the same (first) phi.
  std::size_t compared = 0, infeasible = 0;
  for (auto tie : {TieBreak::lowest, TieBreak::highest})
    for (auto underline : {UnderlineN::literal, UnderlineN::example})
      for (auto cap : {Rule6Cap::bound, Rule6Cap::endowment})
        for (auto supply : {Rule2Supply::total, Rule2Supply::literal_group}) {
          Economy e = gstarstar_four_traders({1, 0, 1, 2});
          e.tie_break = tie;
          e.underline_n = underline;
          e.rule2_supply = supply;
          Interdependent I = *e.interdependent;
          I.rule6_cap = cap;
          e.interdependent = std::make_shared<Interdependent>(I);
          const ResponseTables tables(e, I);
          const auto own = restricted_messages(I, tables.demand_functions().size());
          const auto menu = strategy_menu(e, I);
          for (int trader = 0; trader < 4; ++trader)
            for (int theta = 0; theta < 2; ++theta)
              for (std::size_t s = 0; s < own.size(); s += 3) {
                const auto strategies = opponents_from(menu, 4, trader, s, s % 2 ? 5 : 0);
                const std::string diff = orders_difference(e, tables, trader, theta, own[s], strategies);
                BOOST_TEST(diff.empty(), "trader " << trader + 1 << ", signal " << theta + 1 << ", "
                                                   << message_text(e, own[s]) << ": " << diff);
                ++compared;
                try {
                  evaluate_trader(e, I, tables, trader, theta, own[s], strategies);
                } catch (const InfeasibleOutcome&) {
                  ++infeasible;
                }
              }
        }
  BOOST_TEST(compared == 16u * 4 * 2 * 12);
  BOOST_TEST(infeasible > 0u);  // the error path is exercised
  BOOST_TEST(infeasible < compared);
}

BOOST_AUTO_TEST_CASE(the_type_sequences_weigh_every_permutation_once) {
  // Trader 1 and opponents of types 1 (x2), 2 (x3): 6! / (2! 3!) = 60 sequences of weight 12.
  const auto classes = order_classes({0, 1, 2, 1, 2, 2});
  BOOST_TEST(classes.size() == 60u);
  std::uint64_t total = 0;
  for (const auto& c : classes) {
    BOOST_TEST(c.weight == 12u);
    total += c.weight;
  }
  BOOST_TEST(total == 720u);
  // Opponents with equal endowment, message and signal share a type; the others do not.
  const Economy& e = smallest();
  const GMessage a{0, ResponseRule::informed, ResponseRule::naive}, b{1, ResponseRule::informed, ResponseRule::naive};
  BOOST_TEST(order_types(e, 0, {a, a, a, b, a, a}, {0, 1, 1, 1, 0, 1}) == (std::vector<int>{0, 1, 1, 2, 3, 1}));
  BOOST_TEST(order_types(e, 2, {a, a, a, a, a, a}, {1, 1, 1, 1, 1, 1}) == (std::vector<int>{1, 1, 0, 1, 1, 1}));
}

BOOST_AUTO_TEST_CASE(a_seeded_wrong_order_weight_or_type_is_caught) {
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  const ResponseTables tables(e, I);
  const auto own = restricted_messages(I, tables.demand_functions().size());
  const auto menu = strategy_menu(e, I);
  const std::vector<int> signals{0, 1, 0, 1, 1, 0};
  std::size_t moved_caught = 0, merged_caught = 0, correct = 0;
  for (std::size_t s = 0; s < own.size(); s += 4) {
    std::vector<GMessage> messages(6);
    messages[0] = own[s];
    for (int j = 1; j < 6; ++j) messages[j] = menu[(s + 3 * j) % menu.size()][signals[j]];
    const GCounts reference = counts_over(e, tables, messages, signals, every_order(6));
    auto differs = [&](const std::vector<OrderClass>& orders) {
      const GCounts g = counts_over(e, tables, messages, signals, orders);
      return g.rule3 != reference.rule3 || g.common != reference.common;
    };
    const auto types = order_types(e, 0, messages, signals);
    correct += !differs(order_classes(types));
    // One permutation moved from the first sequence to the last: the total stays N!.
    auto moved = order_classes(types);
    moved.front().weight -= 1;
    moved.back().weight += 1;
    moved_caught += differs(moved);
    // Every opponent of one type (messages and signals ignored): still N! in all.
    std::vector<int> merged(6, 1);
    merged[0] = 0;
    merged_caught += differs(order_classes(merged));
  }
  BOOST_TEST(correct == 9u);
  BOOST_TEST(moved_caught > 0u);
  BOOST_TEST(merged_caught > 0u);
}

BOOST_AUTO_TEST_CASE(a_wrong_posterior_in_the_informed_rule_is_caught_against_D2) {
  const Economy& e = smallest();
  const Interdependent& truth = *e.interdependent;
  BOOST_TEST(informed_rule_meets_D2(e, truth, ResponseTables(e, truth)));
  // Seeded bug: Bayes with the likelihood rows swapped (high signal read as evidence of L).
  Interdependent wrong = truth;
  std::swap(wrong.likelihood[0], wrong.likelihood[1]);
  Economy copy = e;
  copy.interdependent = std::make_shared<Interdependent>(wrong);
  BOOST_TEST(!informed_rule_meets_D2(e, truth, ResponseTables(copy, wrong)));
}

BOOST_AUTO_TEST_CASE(D3_is_the_exists_completion_set_and_contains_the_price_taking_demand) {
  const Economy& e = smallest();
  const Interdependent& I = *e.interdependent;
  for (int mask = 0; mask < 32; ++mask) {
    std::vector<int> w;
    for (int j = 0; j < 5; ++j) w.push_back((mask >> j) & 1);
    const DemandSet d3 = D3(e, I, w);
    // The price-taking demand given the (r-1)n + 1 known signals lies in D^3.
    const DemandSet known = price_taking_set<Q>(e, conditional_values<Q>(I, w[0], posterior_by_joint<Q>(I, w)));
    BOOST_TEST(d3.contains(known.lowest()));
    // ... and D^3 lies between D^2 of the full profile (each completion) and everything.
    for (int c = 0; c < 2; ++c) {
      std::vector<int> full = w;
      full.push_back(c);
      BOOST_TEST(d3.intersects(D2(e, I, full)));
    }
  }
}

BOOST_AUTO_TEST_CASE(budget_balance_is_decided_as_the_rational_sum_decides_it) {
  // Two goods, l = 2, T = 2 (prices 0, 1/2, 1 per good), four traders with endowments (1, 1):
  // random market-clearing allocations at random prices (mt19937, seed 5). feasibility_violation
  // (an integer test, the rational sum only for a violation) against the rational sum itself.
  Economy e;
  e.grid = Grid{2, 2, 2};
  e.epsilon = Q(1, 10);
  for (int i = 0; i < 4; ++i) e.traders.push_back(Trader{{1, 1}, std::vector<Q>(9, 0), {}});
  std::mt19937 random(5);
  std::uniform_int_distribution<int> amount(0, 2), price(0, e.grid.price_count() - 1);
  std::size_t balanced = 0, unbalanced = 0;
  Allocation a;
  a.resize(e);
  while (balanced + unbalanced < 2000) {
    for (int h = 0; h < 2; ++h) {
      int left = 4;
      for (int i = 0; i < 3; ++i) left -= a.amount[i * 2 + h] = amount(random);
      a.amount[3 * 2 + h] = left;
    }
    if (a.amount[6] < 0 || a.amount[6] > 2 || a.amount[7] < 0 || a.amount[7] > 2) continue;
    for (int i = 0; i < 4; ++i) a.price[i] = i % 2 ? price(random) : a.price[0];
    Q budget = 0;
    for (int i = 0; i < 4; ++i)
      for (int h = 0; h < 2; ++h) budget += e.grid.price_of(a.price[i], h) * (a.amount[i * 2 + h] - 1);
    const auto violation = feasibility_violation(e, a);
    if (budget == 0) {
      BOOST_TEST(!violation.has_value());
      ++balanced;
    } else {
      BOOST_TEST(violation.value_or("") ==
                 "budget balance (3) fails: sum_i q_i.(x_i - e_i) = " + mechcheck::to_string(budget));
      ++unbalanced;
    }
  }
  BOOST_TEST(balanced > 100u);
  BOOST_TEST(unbalanced > 100u);
}

BOOST_AUTO_TEST_CASE(the_lottery_weights_of_gstarstar_sum_to_one) {
  // theorem2-smallest: N = 6 traders (N! = 720), |P| = 2 prices, epsilon = 1/10. Rule 3 weighs
  // each of the N! orders (1 - 3 eps)/N! = 7/7200; Rules 4, 5 and 6 each weigh every one of the
  // N! |P| (order, price) pairs eps/(N! |P|) = 1/14400: in all 7/10 + 3 x 1/10 = 1.
  const Economy& e = smallest();
  BOOST_TEST(rule_weight<Q>(e, 3) == Q(7, 7200));
  for (int rule : {4, 5, 6}) BOOST_TEST(rule_weight<Q>(e, rule) == Q(1, 14400));
  BOOST_TEST(720 * rule_weight<Q>(e, 3) + 3 * 720 * 2 * rule_weight<Q>(e, 4) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
