// mat model (Matsushima 2005): G*'s lottery against an independent route (the paper's g(m)(a)
// summed over distinct allocations), an exact known expected utility, the orbit reduction
// against full enumeration, the exact mixed-dominance LP, case validation, the committed cases,
// and seeded bugs (readings that break the mechanism) the checkers must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mat/claims/claims.hpp"

#include "support/committed_cases.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::mat;
using Q = Rational;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/";

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

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("mechcheck-mat-" + std::to_string(::getpid()) + "-" + name + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

const std::string header = R"([case]
name = "t"
model = "mat"
)";

std::string economy_text(const std::string& mat_keys, const std::string& traders) {
  return header + "\n[mat]\n" + mat_keys + "\n" + traders;
}

const std::string good_keys = "goods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/10\"\n";
const std::string good_traders = "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 4\n";

std::string load_error(const std::string& text) {
  const std::string path = write_temp("bad", text);
  try {
    builtin_papers().load_case(path);
  } catch (const InputError& e) {
    return e.what();
  }
  BOOST_FAIL("loaded although it is bad: " << text);
  return "";
}

Outcome run(const std::string& claim, const Case& c, std::set<std::string> dropped = {}) {
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  return run_claim(*builtin_papers().find(claim), c, context);
}

const Value* find(const std::vector<Value>& values, const std::string& name) {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_mechanism)

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

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mat_cases)

BOOST_AUTO_TEST_CASE(invalid_mat_tables_name_the_rule_and_the_position) {
  auto e1 = load_error(economy_text("goods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = 0.1\n", good_traders));
  BOOST_TEST(e1.find("float") != std::string::npos);
  BOOST_TEST(e1.find(":10:11:") != std::string::npos);
  auto e2 = load_error(economy_text(good_keys, "[[mat.trader]]\nendowment = [2]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 4\n"));
  BOOST_TEST(e2.find("{0..l-1}") != std::string::npos);
  auto e3 = load_error(economy_text(good_keys, "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\"]\ncount = 4\n"));
  BOOST_TEST(e3.find("(l+1)^k = 3") != std::string::npos);
  auto e4 = load_error(economy_text(good_keys, "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"2\"]\ncount = 3\n"));
  BOOST_TEST(e4.find("groups of n >= 2") != std::string::npos);
  auto e5 = load_error(economy_text(good_keys, "[[mat.trader]]\nendowment = [0]\nvalues = [\"0\", \"1\", \"2\"]\ncount = 4\n"));
  BOOST_TEST(e5.find("(1) requires") != std::string::npos);
  auto e6 = load_error(economy_text(good_keys + "underline_n = \"typo\"\n", good_traders));
  BOOST_TEST(e6.find("one of \"literal\", \"example\"") != std::string::npos);
  auto e7 = load_error(economy_text("goods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/3\"\n", good_traders));
  BOOST_TEST(e7.find("[0, 1/3)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_committed_mat_case_meets_its_expectations) {
  BOOST_TEST(testing::check_committed_cases(cases_dir) >= 15u);
}

BOOST_AUTO_TEST_CASE(theorem1_reports_the_issue_counts_and_floats_get_the_tiny_epsilon_set_wrong) {
  const Outcome out = run("mat.theorem1", builtin_papers().load_case(cases_dir + "theorem1-tiny-epsilon.toml"));
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(find(out.stats, "demand_functions_per_trader")->text == "27");
  BOOST_TEST(find(out.stats, "profiles_covered_per_trader")->text == "531441");
  BOOST_TEST(find(out.values, "undominated_count_trader_1")->text == "1");
  BOOST_TEST(std::stoi(find(out.values, "undominated_count_double_trader_1")->text) > 1);
  BOOST_TEST(find(out.values, "double_agrees")->text.rfind("no", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(dropping_epsilon_positive_turns_the_necessity_instance_into_a_refutation) {
  const Case c = builtin_papers().load_case(cases_dir + "necessity-epsilon-zero.toml");
  const Outcome out = run("mat.theorem1", c, {"epsilon_positive"});
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(find(out.witness, "undominated_not_price_taking") != nullptr);
  BOOST_TEST(find(out.witness, "no_strict_dominator") != nullptr);
}

BOOST_AUTO_TEST_CASE(seeded_readings_are_caught) {
  // The example reading of n-underline: being served depends on one's own demand.
  const Case example = builtin_papers().load_case(cases_dir + "properties-example-reading.toml");
  BOOST_TEST(to_string(run("mat.properties", example).verdict) == "refuted");
  BOOST_TEST(to_string(run("mat.theorem1", example).verdict) == "refuted");
  // Rule 2's printed supply: group 2's endowments are never handed out.
  const Case literal = builtin_papers().load_case(cases_dir + "feasibility-rule2-literal-supply.toml");
  const Outcome f = run("mat.feasibility", literal);
  BOOST_TEST(to_string(f.verdict) == "refuted");
  BOOST_TEST(f.summary.find("market clearing (2)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_size_guard_refuses_and_says_how_to_proceed) {
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-four-traders.toml");
  CheckContext context;
  context.enumeration_limit = 1000;
  const Outcome out = run_claim(*builtin_papers().find("mat.theorem1"), c, context);
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("--limit") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
