// G*'s allocation rules, written from the paper's text (Section 2 and 3). Readings of text that
// is ambiguous or wrong are chosen by the case (Economy::underline_n, rule2_supply) and
// documented in proofs/mat/docs/readings.md.
#include "mat/model/mechanism.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <numeric>

namespace mechcheck::mat {

namespace {
// Per-good (and per-member) scratch kept on the stack for the sizes the brute force meets (k <= 12
// by Grid's 10^6 bound on bundles); larger groups (mat.convergence) spill to the heap. Only
// storage: every value is computed as before.
template <class T>
using Small = boost::container::small_vector<T, 16>;
}  // namespace

void Allocation::resize(const Economy& e) {
  amount.assign(static_cast<std::size_t>(e.trader_count()) * e.grid.goods, 0);
  price.assign(e.trader_count(), 0);
}

int Allocation::bundle(const Economy& e, int trader) const {
  const int k = e.grid.goods, l = e.grid.bound;
  int index = 0;
  for (int h = 0; h < k; ++h) {
    int a = amount[static_cast<std::size_t>(trader) * k + h];
    if (a < 0 || a > l) return -1;
    index = index * (l + 1) + a;
  }
  return index;
}

int clearing_price(const Economy& e, std::span<const int> traders, const Profile& profile) {
  const int k = e.grid.goods;
  Small<long long> supply(k, 0);
  for (int i : traders)
    for (int h = 0; h < k; ++h) supply[h] += e.traders[i].endowment[h];
  int best = -1;
  long long best_gap = 0;
  for (int p = 0; p < e.grid.price_count(); ++p) {
    long long gap = 0;
    for (int h = 0; h < k; ++h) {
      long long demand = 0;
      for (int i : traders) demand += e.grid.amount((*profile[i])[p], h);
      gap += demand > supply[h] ? demand - supply[h] : supply[h] - demand;
    }
    // Among minimizers keep the first (lowest) or the last (highest) in lexicographic order.
    if (best < 0 || gap < best_gap || (gap == best_gap && e.tie_break == TieBreak::highest)) {
      best = p;
      best_gap = gap;
    }
  }
  return best;
}

GroupRationing ration_group(const Economy& e, std::span<const int> members, std::span<const int> demanded,
                            Allocation& allocation) {
  const int k = e.grid.goods, l = e.grid.bound, n = static_cast<int>(members.size());
  // remaining[j][h]: the group's supply of h minus the demands of its first j members (stored
  // flat, remaining_flat[j * k + h]).
  Small<long long> remaining_flat(static_cast<std::size_t>(n + 1) * k, 0);
  auto remaining = [&](int j) {
    return std::span<long long>(remaining_flat.data() + static_cast<std::size_t>(j) * k, k);
  };
  for (int i : members)
    for (int h = 0; h < k; ++h) remaining(0)[h] += e.traders[i].endowment[h];
  for (int j = 0; j < n; ++j)
    for (int h = 0; h < k; ++h) remaining(j + 1)[h] = remaining(j)[h] - e.grid.amount(demanded[j], h);

  GroupRationing r;
  // n-bar: the largest n' in {0..n} with supply - (demands of the first n'-1) >= l for all h.
  // For n' = 0 and 1 the sum is empty. When no n' qualifies (the group's supply of some good
  // is below l) the paper's maximum does not exist; we take n-bar = 0 (nobody is served).
  r.n_bar = 0;
  for (int np = 0; np <= n; ++np) {
    const auto rem = remaining(std::max(np - 1, 0));
    bool all = true;
    for (int h = 0; h < k; ++h) all = all && rem[h] >= l;
    if (all) r.n_bar = np;
  }
  // n-underline: the smallest n' in {1..n} with
  //   literal: supply - (demands of the first n'-1) > (n - n') l for some h (the text of (4)'s
  //            definition: had member n' demanded 0, the rest could not be placed);
  //   example: supply - (demands of the first n') >= (n - n') l for some h (the only reading
  //            we found that reproduces the paper's Example, n-underline = 3; it makes being
  //            served depend on one's own demand).
  // When no n' qualifies the minimum does not exist; we take n + 1 (no restriction).
  r.n_underline = n + 1;
  for (int np = 1; np <= n && r.n_underline == n + 1; ++np) {
    const long long capacity = static_cast<long long>(n - np) * l;
    bool some = false;
    for (int h = 0; h < k; ++h) {
      if (e.underline_n == UnderlineN::literal) some = some || remaining(np - 1)[h] > capacity;
      else some = some || remaining(np)[h] >= capacity;
    }
    if (some) r.n_underline = np;
  }
  r.n_tilde = std::min(r.n_bar, r.n_underline - 1);

  // The first n-tilde members receive their demands; then, recursively, each later member
  // receives min(l, supply - what the members before her received) of every good.
  Small<long long> left(remaining(0).begin(), remaining(0).end());
  for (int j = 0; j < n; ++j) {
    const std::size_t base = static_cast<std::size_t>(members[j]) * k;
    for (int h = 0; h < k; ++h) {
      long long x = j < r.n_tilde ? e.grid.amount(demanded[j], h) : std::min<long long>(l, left[h]);
      allocation.amount[base + h] = static_cast<int>(x);
      left[h] -= x;
    }
  }
  return r;
}

void common_price_rationing(const Economy& e, std::span<const int> order, int first_demand, int price, LaterCap cap,
                            Allocation& allocation) {
  const int k = e.grid.goods, l = e.grid.bound, N = static_cast<int>(order.size());
  // Remaining supply: the intended reading takes the whole economy's supply ("the rest of the
  // total supply is allocated to the remaining 2n - 1 traders"); the printed formula sums over
  // group beta only, with beta unbound -- read with beta = 1, the one value that makes its
  // second sum start at the first trader.
  const int supply_traders = e.rule2_supply == Rule2Supply::total ? N : e.group_size;
  Small<long long> left(k, 0);
  for (int j = 0; j < supply_traders; ++j)
    for (int h = 0; h < k; ++h) left[h] += e.traders[order[j]].endowment[h];
  for (int j = 0; j < N; ++j) {
    const int i = order[j];
    const std::size_t base = static_cast<std::size_t>(i) * k;
    for (int h = 0; h < k; ++h) {
      long long upper = cap == LaterCap::bound ? l : e.traders[i].endowment[h];
      long long x = j == 0 ? e.grid.amount(first_demand, h) : std::min<long long>(upper, left[h]);
      allocation.amount[base + h] = static_cast<int>(x);
      left[h] -= x;
    }
    allocation.price[i] = price;
  }
}

int group_trading_price(const Economy& e, std::span<const int> order, int beta, const Profile& profile) {
  const int n = e.group_size, r = e.groups;
  switch (e.trading_price) {
    case TradingPrice::other_group: {
      // Footnote 5: the group before group 1 is group r (for r = 2, "the other group").
      const int before = (beta + r - 1) % r;
      return clearing_price(e, order.subspan(static_cast<std::size_t>(before) * n, n), profile);
    }
    case TradingPrice::own_group:
      return clearing_price(e, order.subspan(static_cast<std::size_t>(beta) * n, n), profile);
    case TradingPrice::outside_group: {
      Small<int> outside;
      for (int j = 0; j < static_cast<int>(order.size()); ++j)
        if (j / n != beta) outside.push_back(order[j]);
      return clearing_price(e, std::span<const int>(outside.data(), outside.size()), profile);
    }
  }
  return 0;
}

void rule1_allocation(const Economy& e, std::span<const int> order, const Profile& profile, Allocation& allocation,
                      std::vector<GroupRationing>* rationing) {
  const int n = e.group_size;
  Small<int> demanded(n);
  if (rationing) rationing->clear();
  // "beta in {1, 2} is set arbitrarily": the rule applies to every group.
  for (int beta = 0; beta < e.groups; ++beta) {
    auto members = order.subspan(static_cast<std::size_t>(beta) * n, n);
    const int price = group_trading_price(e, order, beta, profile);
    for (int j = 0; j < n; ++j) demanded[j] = (*profile[members[j]])[price];
    GroupRationing r = ration_group(e, members, std::span<const int>(demanded.data(), demanded.size()), allocation);
    if (rationing) rationing->push_back(r);
    for (int i : members) allocation.price[i] = price;
  }
}

void rule2_allocation(const Economy& e, std::span<const int> order, const Profile& profile, int price,
                      Allocation& allocation) {
  common_price_rationing(e, order, (*profile[order[0]])[price], price, LaterCap::bound, allocation);
}

std::uint64_t factorial(int n) {
  if (n < 0 || n > 12)
    throw std::invalid_argument("N! is only enumerated for N <= 12 traders, asked for N = " + std::to_string(n));
  std::uint64_t f = 1;
  for (int i = 2; i <= n; ++i) f *= i;
  return f;
}

std::string order_text(std::span<const int> order) {
  std::string s = "(";
  for (std::size_t j = 0; j < order.size(); ++j) s += (j ? "," : "") + std::to_string(order[j] + 1);
  return s + ")";
}

OutcomeCounts outcome_counts(const Economy& e, int trader, const Profile& profile) {
  const int N = e.trader_count(), prices = e.grid.price_count(), cells = e.grid.bundle_count() * prices;
  OutcomeCounts counts;
  counts.rule1.assign(cells, 0);
  counts.rule2.assign(cells, 0);
  counts.permutations = factorial(N);
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  Allocation a;
  a.resize(e);
  auto record = [&](std::vector<std::uint64_t>& into, int rule, int price) {
    const int b = a.bundle(e, trader);
    if (b < 0)
      throw InfeasibleOutcome("trader " + std::to_string(trader + 1) +
                              " receives an amount outside {0..l} under Rule " + std::to_string(rule) +
                              " at phi = " + order_text(order) + ", p = " + e.grid.price_text(price) +
                              " (a literal reading that breaks feasibility)");
    ++into[static_cast<std::size_t>(b) * prices + a.price[trader]];
  };
  do {
    rule1_allocation(e, order, profile, a);
    record(counts.rule1, 1, a.price[trader]);
    for (int p = 0; p < prices; ++p) {
      rule2_allocation(e, order, profile, p, a);
      record(counts.rule2, 2, p);
    }
  } while (std::next_permutation(order.begin(), order.end()));
  return counts;
}

}  // namespace mechcheck::mat
