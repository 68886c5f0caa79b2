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
  const int N = e.trader_count(), n = e.group_size, r = e.groups;
  if (n * r != N) throw std::invalid_argument("TraderLottery: n r != N");
  const std::uint64_t factorial_N = factorial(N);

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
        c.pricing = pricing_of(P);
        c.weight = weight;
        rule1.push_back(std::move(c));
      }
    } else {
      Rule1Class c;
      c.order = group;
      c.order.insert(c.order.end(), rest.begin(), rest.end());
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
  pricing_sets = static_cast<int>(pricing_index.size());

  // Rule 2.
  rule2_every_permutation = e.rule2_supply != Rule2Supply::total;
  rule2_first.order = {trader};
  for (int t : rest_of(N, {trader})) rule2_first.order.push_back(t);
  rule2_first.first = trader;
  rule2_first.position = 0;
  rule2_first.weight = factorial(N - 1);
  if (!rule2_every_permutation && N >= 2)
    for (int f = 0; f < N; ++f) {
      if (f == trader) continue;
      const std::vector<int> rest = rest_of(N, {f, trader});
      for (int j = 1; j < N; ++j) {
        Rule2Class c;
        c.order = {f};
        c.order.insert(c.order.end(), rest.begin(), rest.end());
        c.order.insert(c.order.begin() + j, trader);
        c.first = f;
        c.position = j;
        c.weight = factorial(N - 2);
        rule2.push_back(std::move(c));
      }
    }

  // The classes must cover every permutation exactly once (checked, not assumed).
  std::uint64_t covered1 = 0, covered2 = rule2_first.weight;
  for (const auto& c : rule1) covered1 += c.weight;
  for (const auto& c : rule2) covered2 += c.weight;
  if (covered1 != factorial_N || (!rule2_every_permutation && covered2 != factorial_N))
    throw std::logic_error("TraderLottery: the classes cover " + std::to_string(covered1) + " and " +
                           std::to_string(covered2) + " permutations, not N! = " + std::to_string(factorial_N));
}

TraderLottery::Scratch TraderLottery::scratch() const {
  Scratch s;
  s.allocation.resize(*e_);
  s.price.assign(pricing_sets, -1);
  s.memo.resize(e_->trader_count());
  s.demanded.resize(e_->group_size);
  return s;
}

std::uint64_t TraderLottery::evaluations_per_profile() const {
  const std::uint64_t prices = e_->grid.price_count();
  const std::uint64_t rule2_work =
      rule2_every_permutation ? factorial(e_->trader_count()) * prices : prices * (1 + rule2.size());
  return pricing_sets + rule1.size() + rule2_work;
}

bool TraderLottery::count(const Profile& profile, OutcomeCounts& counts, Scratch& s) const {
  const Economy& e = *e_;
  const int N = e.trader_count(), n = e.group_size, prices = e.grid.price_count();
  const std::size_t cells = static_cast<std::size_t>(e.grid.bundle_count()) * prices;
  counts.rule1.assign(cells, 0);
  counts.rule2.assign(cells, 0);
  counts.permutations = factorial(N);
  Allocation& a = s.allocation;

  // Rule 1: beta = 1's price from its pricing set (once per set), then ration_group on M.
  std::fill(s.price.begin(), s.price.end(), -1);
  for (const Rule1Class& c : rule1) {
    int& q = s.price[c.pricing];
    if (q < 0) q = group_trading_price(e, c.order, 0, profile);
    const std::span<const int> members(c.order.data(), n);
    for (int j = 0; j < n; ++j) s.demanded[j] = (*profile[members[j]])[q];
    ration_group(e, members, s.demanded, a);
    const int b = a.bundle(e, trader_);
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
  for (int p = 0; p < prices; ++p) {
    rule2_allocation(e, rule2_first.order, profile, p, a);
    int b = a.bundle(e, trader_);
    if (b < 0) return false;
    counts.rule2[static_cast<std::size_t>(b) * prices + p] += rule2_first.weight;
    for (auto& m : s.memo) m.clear();
    for (const Rule2Class& c : rule2) {
      // Trader i's amount depends on (the first trader's bundle at p, i's position) only.
      const int first_bundle = (*profile[c.first])[p];
      auto& memo = s.memo[c.position];
      auto hit = std::find_if(memo.begin(), memo.end(), [&](const auto& m) { return m.first == first_bundle; });
      if (hit != memo.end()) {
        b = hit->second;
      } else {
        rule2_allocation(e, c.order, profile, p, a);
        b = a.bundle(e, trader_);
        if (b < 0) return false;
        memo.emplace_back(first_bundle, b);
      }
      counts.rule2[static_cast<std::size_t>(b) * prices + p] += c.weight;
    }
  }
  return true;
}

}  // namespace mechcheck::mat
