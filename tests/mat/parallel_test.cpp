// mat's parallel loops report what a sequential loop would: when allocations leave {0..l} (a
// literal reading that breaks feasibility), the outcome table's error names the least cell where
// it happens, every run, whatever the thread that met an infeasible cell first.
#include "mat/model/dominance.hpp"

#include <boost/test/unit_test.hpp>

#include <tbb/global_control.h>

using namespace mechcheck;
using namespace mechcheck::mat;
using Q = Rational;

namespace {

// Rule 2 as printed (group 1's supply only) with endowments 0, 1, 1, 0: whenever phi(1) takes more
// than group 1 holds, a later trader is handed a negative amount.
Economy infeasible_economy() {
  Economy e;
  e.grid = Grid{1, 2, 1};
  e.groups = 2;
  e.group_size = 2;
  e.epsilon = Q(1, 10);
  e.rule2_supply = Rule2Supply::literal_group;
  Trader none{{0}, {0, Q(1), Q(3, 2)}, {}};
  Trader one{{1}, {0, Q(1), Q(3, 2)}, {}};
  e.traders = {none, one, one, none};
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_parallel)

BOOST_AUTO_TEST_CASE(an_infeasible_outcome_table_names_the_least_failing_cell_every_run) {
  const Economy e = infeasible_economy();
  const std::uint64_t S = demand_function_count(e.grid);
  std::vector<DemandFunction> D;
  for (std::uint64_t s = 0; s < S; ++s) D.push_back(demand_function(e.grid, s));
  const OpponentProfiles opponents = opponent_profiles(e, 0, S, true);

  // The sequential answer: the first (strategy, profile) cell, in the table's order, that fails.
  std::string first;
  std::size_t first_cell = 0;
  for (std::size_t cell = 0; cell < S * opponents.profiles.size() && first.empty(); ++cell) {
    const std::size_t s = cell / opponents.profiles.size(), o = cell % opponents.profiles.size();
    Profile profile(e.trader_count());
    profile[0] = &D[s];
    for (std::size_t j = 0; j < opponents.opponents.size(); ++j)
      profile[opponents.opponents[j]] = &D[opponents.profiles[o][j]];
    try {
      outcome_counts(e, 0, profile);
    } catch (const InfeasibleOutcome& error) {
      first = error.what();
      first_cell = cell;
    }
  }
  BOOST_REQUIRE(!first.empty());
  BOOST_TEST_MESSAGE("least failing cell " << first_cell << " of " << S * opponents.profiles.size() << ": " << first);
  BOOST_TEST(first_cell > 0u);  // not the first cell a thread starts with

  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 4);
  for (int run = 0; run < 32; ++run) {
    std::string reported;
    try {
      outcome_table(e, D, opponents);
    } catch (const InfeasibleOutcome& error) {
      reported = error.what();
    }
    BOOST_TEST(reported == first);
  }
}

BOOST_AUTO_TEST_SUITE_END()
