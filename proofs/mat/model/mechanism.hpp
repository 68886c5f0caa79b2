#pragma once
// The random-grouping mechanism G* of Matsushima (2005, Section 3) as an exact lottery over
// (permutation phi, price p, rationing rule), built from the paper's definitions:
//   p-hat (Section 2), n-bar, n-underline and n-tilde (4), Rationing Rule 1 (each group trades
//   at another group's clearing price) and Rationing Rule 2 (common random price p).
// G**'s Rules 3-6 reuse the same two rationing procedures with other announcements.
//
// Traders are 0-based here; the permutation is `order[j]` = the trader at position j + 1 of the
// paper's phi, and group beta holds positions (beta-1)n .. beta n - 1.
#include "mat/model/economy.hpp"

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace mechcheck::mat {

// A demand function per trader (pointers into a strategy table; never null).
using Profile = std::vector<const DemandFunction*>;

// Amounts x_i(h) and price index q_i of every trader for one (phi, p, rule). Amounts are kept
// raw: under a literal reading that breaks feasibility they can leave {0..l}.
struct Allocation {
  std::vector<int> amount;  // trader * k + good
  std::vector<int> price;   // price index per trader
  void resize(const Economy& e);
  int bundle(const Economy& e, int trader) const;  // -1 when outside {0..l}^k
};

// p-hat((d_i), y) of Section 2: argmin over P of sum_h |sum_i d_i(h)(p) - y(h)| for the listed
// traders, y their total endowment; ties broken by e.tie_break.
int clearing_price(const Economy& e, std::span<const int> traders, const Profile& profile);

// n-bar, n-underline and n-tilde of (4) for one group at one price.
struct GroupRationing {
  int n_bar = 0;
  int n_underline = 0;  // n + 1 when no n' in {1..n} satisfies the condition (see mechanism.cpp)
  int n_tilde = 0;
};

// Rationing Rule 1 (Rule 3 in G**) inside one group: `members` in the order phi puts them,
// `demanded[j]` the bundle index member j announced at the trading price. The first n-tilde
// members receive their demands, then each later member gets min(l, remaining supply) per good.
// Writes the members' amounts into `allocation.amount`.
GroupRationing ration_group(const Economy& e, std::span<const int> members, std::span<const int> demanded,
                            Allocation& allocation);

// How Rule 2 (4-6 in G**) caps later traders: by l (Rules 2, 4, 5) or, as Rule 6 prints it,
// by the trader's own endowment e_i(h).
enum class LaterCap { bound, endowment };

// Rationing Rule 2 (Rules 4-6 in G**): every trader trades at the common price p; the first
// trader of phi receives `first_demand` (her announced bundle at p), each later trader
// min(cap, remaining supply) per good. The remaining supply follows e.rule2_supply.
void common_price_rationing(const Economy& e, std::span<const int> order, int first_demand, int price, LaterCap cap,
                            Allocation& allocation);

// The trading price of group `beta` (0-based) under Rule 1, by e.trading_price.
int group_trading_price(const Economy& e, std::span<const int> order, int beta, const Profile& profile);

// a(phi, p, d, 1) of G*: Rule 1 in every group (p is not used by Rule 1).
void rule1_allocation(const Economy& e, std::span<const int> order, const Profile& profile, Allocation& allocation,
                      std::vector<GroupRationing>* rationing = nullptr);
// a(phi, p, d, 2) of G*.
void rule2_allocation(const Economy& e, std::span<const int> order, const Profile& profile, int price,
                      Allocation& allocation);

// Thrown when an allocation leaves {0..l}^k while expected utilities are asked for (only a
// literal reading that breaks feasibility does this); the message names phi, p and the rule.
class InfeasibleOutcome : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How often one trader receives each (bundle, price) in G*'s lottery: Rule 1 counted over the
// N! permutations, Rule 2 over the N! |P| (permutation, price) pairs; index bundle * |P| + price.
// Then u_i(g(m)) = (1 - eps) sum rule1 u / N! + eps sum rule2 u / (N! |P|)  (the formula for g(m)).
struct OutcomeCounts {
  std::vector<std::uint64_t> rule1, rule2;
  std::uint64_t permutations = 0;  // N!
};
OutcomeCounts outcome_counts(const Economy& e, int trader, const Profile& profile);

// u_i(x, q) for every (bundle, price), in the number kind T (index bundle * |P| + price).
template <class T>
std::vector<T> utility_table(const Economy& e, int trader);

// g(m)'s weights in T: (1 - eps) / N! on each Rule-1 count and eps / (N! |P|) on each Rule-2
// count (N! = `permutations`). The same for every profile: computed once per table.
template <class T>
struct LotteryWeights {
  T rule1, rule2;
};
template <class T>
LotteryWeights<T> lottery_weights(const Economy& e, std::uint64_t permutations);

// u_i(g(m)) from the outcome counts, in T.
template <class T>
T expected_utility(const Economy& e, const OutcomeCounts& counts, const std::vector<T>& utilities);
// The same with the weights computed beforehand (lottery_weights(e, counts.permutations)).
template <class T>
T expected_utility(const OutcomeCounts& counts, const std::vector<T>& utilities, const LotteryWeights<T>& weights);

// N! with a guard: throws std::invalid_argument for N > 12.
std::uint64_t factorial(int n);

std::string order_text(std::span<const int> order);  // "(2,1,4,3)", 1-based traders

}  // namespace mechcheck::mat
