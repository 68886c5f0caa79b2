// mat.theorem1's payoff table shared among the processes of one check (lottery_payoffs with a
// team, claims/team.hpp), simulated by threads: every member must end with the table one process
// computes -- every exact payoff and every double, bit for bit -- and, where an allocation leaves
// {0..l}, with the same failure (the least cell of all, as one process finds it).
#include "fixtures.hpp"
#include "mat/model/dominance.hpp"
#include "mat/model/lottery.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "support/simulated_team.hpp"

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace mechcheck;
using namespace mechcheck::mat;
using Q = Rational;

namespace {

// N traders in r groups, one good, l = 2, price grid T; endowments 1 except trader 3's when
// `short_endowment`, with Rule 2's supply read literally (group 1's): amounts outside {0..l}, the
// failure path.
Economy economy(int N, int r, int T, bool short_endowment, const Q& epsilon) {
  Economy e;
  e.grid = Grid{1, 2, T};
  e.groups = r;
  e.group_size = N / r;
  e.epsilon = epsilon;
  if (short_endowment) e.rule2_supply = Rule2Supply::literal_group;
  for (int i = 0; i < N; ++i)
    e.traders.push_back(Trader{{short_endowment && i == 2 ? 0 : 1}, {0, Q(3, 2) - Q(i, 7), Q(12, 5) - Q(i, 5)}, {}});
  return e;
}

// The table, or the failure's message.
struct Table {
  std::vector<Q> exact;
  std::vector<double> approximate;
  std::string failure;
};

Table payoffs(const Economy& e, int trader, const Team& team) {
  const std::uint64_t D = demand_function_count(e.grid);
  std::vector<DemandFunction> strategies;
  for (std::uint64_t s = 0; s < D; ++s) strategies.push_back(demand_function(e.grid, s));
  const OpponentProfiles opponents = opponent_profiles(e, trader, D, true);
  const TraderLottery lottery(e, trader);
  Table t;
  try {
    LotteryPayoffs p = lottery_payoffs(e, strategies, opponents, lottery, {}, team);
    t.exact = p.exact.rationals();
    t.approximate = std::move(p.approximate);
  } catch (const InfeasibleOutcome& error) {
    t.failure = error.what();
  } catch (const std::runtime_error& error) {  // a failure rethrown on another member (team.hpp)
    t.failure = error.what();
  }
  return t;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void expect_members_agree(const Economy& e, int trader, const std::string& what) {
  const Table alone = payoffs(e, trader, Team{});
  for (int size : {2, 3}) {
    const auto team = testing::run_as_team<Table>(size, [&](const Team& t) { return payoffs(e, trader, t); });
    for (int b = 0; b < size; ++b) {
      BOOST_TEST_REQUIRE(!team.failures[b]);
      const Table& got = team.results[b];
      BOOST_TEST(got.failure == alone.failure, what << ", " << size << " members, member " << b);
      BOOST_TEST((got.exact == alone.exact), what << ", " << size << " members, member " << b);
      BOOST_TEST(same_bits(got.approximate, alone.approximate), what << ", " << size << " members, member " << b);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_shared_payoffs)

BOOST_AUTO_TEST_CASE(members_end_with_the_table_of_one_process) {
  // Four traders (the scaled integers) and an epsilon whose denominator forces the rational form.
  expect_members_agree(economy(4, 2, 1, false, Q(1, 10)), 0, "N = 4, epsilon 1/10");
  expect_members_agree(economy(4, 2, 1, false, Q(1, 3)), 1, "N = 4, epsilon 1/3");
  const Table t = payoffs(economy(4, 2, 1, false, Q(1, 10)), 0, Team{});
  BOOST_TEST(t.failure.empty());
  BOOST_TEST(!t.exact.empty());
}

BOOST_AUTO_TEST_CASE(members_report_the_failure_of_one_process) {
  const Economy e = economy(4, 2, 1, true, Q(1, 10));
  bool some_failure = false;
  for (int trader = 0; trader < 4; ++trader) {
    some_failure = some_failure || !payoffs(e, trader, Team{}).failure.empty();
    expect_members_agree(e, trader, "trader " + std::to_string(trader + 1) + " with an endowment 0 among them");
  }
  BOOST_TEST(some_failure);  // the failure path is exercised
}

BOOST_AUTO_TEST_SUITE_END()
