// The classes of permutations of G*'s lottery for one trader (proof in lottery.hpp).
#include "mat/model/lottery.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>

namespace mechcheck::mat {
namespace {

// The traders of {0..N-1} not in `used`, ascending.
std::vector<int> rest_of(int N, const std::vector<int>& used) {
  std::vector<int> rest;
  for (int t = 0; t < N; ++t)
    if (std::find(used.begin(), used.end(), t) == used.end()) rest.push_back(t);
  return rest;
}

// Every subset of `from` with `size` elements, in lexicographic order of positions.
void subsets(const std::vector<int>& from, int size, std::size_t start, std::vector<int>& current,
             std::vector<std::vector<int>>& out) {
  if (static_cast<int>(current.size()) == size) {
    out.push_back(current);
    return;
  }
  for (std::size_t j = start; j < from.size(); ++j) {
    current.push_back(from[j]);
    subsets(from, size, j + 1, current, out);
    current.pop_back();
  }
}

}  // namespace

TraderLottery::TraderLottery(const Economy& e, int trader) : e_(&e), trader_(trader) {
  const int N = e.trader_count(), n = e.group_size, r = e.groups, bundles = e.grid.bundle_count();
  if (n * r != N) throw std::invalid_argument("TraderLottery: n r != N");
  const std::uint64_t factorial_N = factorial(N);
  Allocation a;
  a.resize(e);

  // Rule 1: every ordered group M (trader i at every position, the other n - 1 members an ordered
  // choice of distinct opponents), and with other_group every n-set P of the remaining traders.
  std::map<std::vector<int>, int> pricing_index;
  auto pricing_of = [&](std::vector<int> set) {
    std::sort(set.begin(), set.end());
    return pricing_index.emplace(set, static_cast<int>(pricing_index.size())).first->second;
  };
  std::vector<int> group;
  std::vector<bool> taken(N, false);
  auto add_classes = [&]() {
    const int g = static_cast<int>(groups_.size());
    groups_.push_back(group);
    const std::vector<int> rest = rest_of(N, group);
    if (e.trading_price == TradingPrice::other_group) {
      std::vector<std::vector<int>> sets;
      std::vector<int> current;
      subsets(rest, n, 0, current, sets);
      const std::uint64_t weight = r * factorial(n) * factorial(N - 2 * n);
      for (const auto& P : sets) {
        // beta = 1; its precedent group, r (footnote 5), holds the last n positions.
        Rule1Class c;
        c.order.assign(N, -1);
        std::copy(group.begin(), group.end(), c.order.begin());
        std::copy(P.begin(), P.end(), c.order.begin() + static_cast<std::ptrdiff_t>(r - 1) * n);
        std::vector<int> used = group;
        used.insert(used.end(), P.begin(), P.end());
        const std::vector<int> others = rest_of(N, used);
        std::copy(others.begin(), others.end(), c.order.begin() + n);
        c.group = g;
        c.pricing = pricing_of(P);
        c.weight = weight;
        rule1.push_back(std::move(c));
      }
    } else {
      Rule1Class c;
      c.order = group;
      c.order.insert(c.order.end(), rest.begin(), rest.end());
      c.group = g;
      c.pricing = pricing_of(e.trading_price == TradingPrice::own_group ? group : rest);
      c.weight = r * factorial(N - n);
      rule1.push_back(std::move(c));
    }
  };
  // Positions 0..n-1 of group 1, filled in order; trader i takes exactly one of them.
  auto fill = [&](auto&& self, bool placed) -> void {
    if (static_cast<int>(group.size()) == n) {
      if (placed) add_classes();
      return;
    }
    for (int t = 0; t < N; ++t) {
      if (taken[t]) continue;
      if (t == trader && placed) continue;
      if (t != trader && !placed && static_cast<int>(group.size()) == n - 1) continue;  // i must still fit
      taken[t] = true;
      group.push_back(t);
      self(self, placed || t == trader);
      group.pop_back();
      taken[t] = false;
    }
  };
  fill(fill, false);
  pricing_sets_ = static_cast<int>(pricing_index.size());
  pricing_class_.assign(pricing_sets_, -1);
  pricing_has_trader_.assign(pricing_sets_, false);
  for (const auto& [set, id] : pricing_index)
    pricing_has_trader_[id] = std::find(set.begin(), set.end(), trader) != set.end();
  for (std::size_t c = 0; c < rule1.size(); ++c)
    if (pricing_class_[rule1[c].pricing] < 0) pricing_class_[rule1[c].pricing] = static_cast<int>(c);

  // ration_group's answer for trader i, for every ordered group and demanded tuple, when the table
  // stays small (else count() calls ration_group itself).
  std::uint64_t tuples = 1;
  for (int j = 0; j < n && tuples <= (1u << 24); ++j) tuples *= bundles;
  if (tuples * groups_.size() <= (1u << 24)) {
    tuples_ = tuples;
    rationing_.resize(tuples * groups_.size());
    std::vector<int> demanded(n);
    for (std::size_t g = 0; g < groups_.size(); ++g)
      for (std::uint64_t t = 0; t < tuples; ++t) {
        std::uint64_t rest = t;
        for (int j = n - 1; j >= 0; --j) {
          demanded[j] = static_cast<int>(rest % bundles);
          rest /= bundles;
        }
        ration_group(e, groups_[g], demanded, a);
        rationing_[g * tuples + t] = a.bundle(e, trader);
      }
  }

  rule1_by_own_ =
      tuples_ > 0 && std::none_of(pricing_has_trader_.begin(), pricing_has_trader_.end(), [](bool has) { return has; });
  for (const auto& c : rule1)
    own_position_.push_back(
        static_cast<int>(std::find(c.order.begin(), c.order.begin() + n, trader) - c.order.begin()));

  // Rule 2: trader i's bundle for every first trader's bundle b and position j of i.
  rule2_every_permutation = e.rule2_supply != Rule2Supply::total;
  opponents_ = rest_of(N, {trader});
  rule2_first_weight = factorial(N - 1);
  rule2_later_weight = N >= 2 ? factorial(N - 2) : 0;
  if (!rule2_every_permutation) {
    rule2_amount_.assign(static_cast<std::size_t>(bundles) * N, -1);
    for (int j = 0; j < N; ++j) {
      // A representative phi: i at position j, the first opponent first when j > 0.
      std::vector<int> order = opponents_;
      order.insert(order.begin() + j, trader);
      for (int b = 0; b < bundles; ++b) {
        common_price_rationing(e, order, b, 0, LaterCap::bound, a);
        rule2_amount_[static_cast<std::size_t>(b) * N + j] = a.bundle(e, trader);
      }
    }
  }

  // The classes must cover every permutation exactly once (checked, not assumed).
  std::uint64_t covered1 = 0;
  for (const auto& c : rule1) covered1 += c.weight;
  const std::uint64_t covered2 = rule2_first_weight + static_cast<std::uint64_t>(N - 1) * (N - 1) * rule2_later_weight;
  if (covered1 != factorial_N || (!rule2_every_permutation && covered2 != factorial_N))
    throw std::logic_error("TraderLottery: the classes cover " + std::to_string(covered1) + " and " +
                           std::to_string(covered2) + " permutations, not N! = " + std::to_string(factorial_N));
}

TraderLottery::Scratch TraderLottery::scratch() const {
  Scratch s;
  s.allocation.resize(*e_);
  s.price.assign(pricing_sets_, -1);
  s.fixed_price.assign(pricing_sets_, -1);
  s.demanded.resize(e_->group_size);
  return s;
}

void TraderLottery::fix_opponents(const Profile& profile, Scratch& s) const {
  for (int id = 0; id < pricing_sets_; ++id)
    s.fixed_price[id] =
        pricing_has_trader_[id] ? -1 : group_trading_price(*e_, rule1[pricing_class_[id]].order, 0, profile);
  const int N = e_->trader_count(), n = e_->group_size, prices = e_->grid.price_count();
  const int bundles = e_->grid.bundle_count();
  s.rule1_by_own_ready = rule1_by_own_;
  if (rule1_by_own_) {
    s.rule1_by_own.assign(static_cast<std::size_t>(prices) * bundles * bundles, 0);
    s.rule1_own_feasible.assign(static_cast<std::size_t>(prices) * bundles, 1);
    for (std::size_t k = 0; k < rule1.size(); ++k) {
      const Rule1Class& c = rule1[k];
      const int q = s.fixed_price[c.pricing], j = own_position_[k];
      // The tuple of demands at q with i's own left at 0, and the weight of her digit.
      std::uint64_t base = 0, own_digit = 1;
      for (int m = 0; m < n; ++m) {
        base = base * bundles + (m == j ? 0 : (*profile[c.order[m]])[q]);
        if (m > j) own_digit *= bundles;
      }
      for (int b = 0; b < bundles; ++b) {
        const int x = rationing_[c.group * tuples_ + base + b * own_digit];
        const std::size_t own = static_cast<std::size_t>(q) * bundles + b;
        if (x < 0) s.rule1_own_feasible[own] = 0;
        else s.rule1_by_own[own * bundles + x] += c.weight;
      }
    }
  }
  s.opponents_fixed = !rule2_every_permutation;
  if (!s.opponents_fixed) return;
  s.rule2_opponents.assign(static_cast<std::size_t>(e_->grid.bundle_count()) * prices, 0);
  s.opponents_feasible = true;
  for (int p = 0; p < prices; ++p)
    for (int f : opponents_) {
      const int* amount = &rule2_amount_[static_cast<std::size_t>((*profile[f])[p]) * N];
      for (int j = 1; j < N; ++j) {
        if (amount[j] < 0) s.opponents_feasible = false;
        else s.rule2_opponents[static_cast<std::size_t>(amount[j]) * prices + p] += rule2_later_weight;
      }
    }
}

void TraderLottery::clear_opponents(Scratch& s) const {
  std::fill(s.fixed_price.begin(), s.fixed_price.end(), -1);
  s.opponents_fixed = false;
  s.rule1_by_own_ready = false;
}

std::uint64_t TraderLottery::evaluations_per_profile() const {
  const std::uint64_t prices = e_->grid.price_count();
  const std::uint64_t rule2_work = rule2_every_permutation ? factorial(e_->trader_count()) * prices
                                                           : prices * e_->trader_count() * e_->trader_count();
  return pricing_sets_ + rule1.size() + rule2_work;
}

bool TraderLottery::count(const Profile& profile, OutcomeCounts& counts, Scratch& s) const {
  const Economy& e = *e_;
  const int N = e.trader_count(), n = e.group_size, prices = e.grid.price_count(), bundles = e.grid.bundle_count();
  const std::size_t cells = static_cast<std::size_t>(bundles) * prices;
  counts.rule1.assign(cells, 0);
  counts.rule2.assign(cells, 0);
  counts.permutations = factorial(N);
  Allocation& a = s.allocation;

  // Rule 1: beta = 1's price from its pricing set (once per set), then ration_group on M; or,
  // prepared by fix_opponents, the counts for i's own bundle at each price.
  std::copy(s.fixed_price.begin(), s.fixed_price.end(), s.price.begin());
  if (s.rule1_by_own_ready)
    for (int q = 0; q < prices; ++q) {
      const std::size_t own = static_cast<std::size_t>(q) * bundles + (*profile[trader_])[q];
      if (!s.rule1_own_feasible[own]) return false;
      for (int x = 0; x < bundles; ++x)
        counts.rule1[static_cast<std::size_t>(x) * prices + q] = s.rule1_by_own[own * bundles + x];
    }
  for (const Rule1Class& c :
       s.rule1_by_own_ready ? std::span<const Rule1Class>() : std::span<const Rule1Class>(rule1)) {
    int& q = s.price[c.pricing];
    if (q < 0) q = group_trading_price(e, c.order, 0, profile);
    int b;
    if (tuples_) {
      std::uint64_t tuple = 0;
      for (int j = 0; j < n; ++j) tuple = tuple * bundles + (*profile[c.order[j]])[q];
      b = rationing_[c.group * tuples_ + tuple];
    } else {
      const std::span<const int> members(c.order.data(), n);
      for (int j = 0; j < n; ++j) s.demanded[j] = (*profile[members[j]])[q];
      ration_group(e, members, s.demanded, a);
      b = a.bundle(e, trader_);
    }
    if (b < 0) return false;
    counts.rule1[static_cast<std::size_t>(b) * prices + q] += c.weight;
  }

  // Rule 2.
  if (rule2_every_permutation) {
    std::vector<int> order(N);
    std::iota(order.begin(), order.end(), 0);
    do {
      for (int p = 0; p < prices; ++p) {
        rule2_allocation(e, order, profile, p, a);
        const int b = a.bundle(e, trader_);
        if (b < 0) return false;
        ++counts.rule2[static_cast<std::size_t>(b) * prices + p];
      }
    } while (std::next_permutation(order.begin(), order.end()));
    return true;
  }
  if (s.opponents_fixed) {
    if (!s.opponents_feasible) return false;
    std::copy(s.rule2_opponents.begin(), s.rule2_opponents.end(), counts.rule2.begin());
  }
  for (int p = 0; p < prices; ++p) {
    const int own = rule2_amount_[static_cast<std::size_t>((*profile[trader_])[p]) * N];
    if (own < 0) return false;
    counts.rule2[static_cast<std::size_t>(own) * prices + p] += rule2_first_weight;
    if (s.opponents_fixed) continue;
    for (int f : opponents_) {
      const int* amount = &rule2_amount_[static_cast<std::size_t>((*profile[f])[p]) * N];
      for (int j = 1; j < N; ++j) {
        if (amount[j] < 0) return false;
        counts.rule2[static_cast<std::size_t>(amount[j]) * prices + p] += rule2_later_weight;
      }
    }
  }
  return true;
}

}  // namespace mechcheck::mat
