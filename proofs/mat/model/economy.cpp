// Grids, demand functions and private-value utilities of the mat model.
#include "mat/model/economy.hpp"

#include <stdexcept>

namespace mechcheck::mat {
namespace {

int checked_power(int base, int exponent, const char* what) {
  long long result = 1;
  for (int i = 0; i < exponent; ++i) {
    result *= base;
    if (result > 1'000'000) throw std::overflow_error(std::string(what) + " exceeds 10^6");
  }
  return static_cast<int>(result);
}

}  // namespace

int Grid::bundle_count() const { return checked_power(bound + 1, goods, "the number of bundles (l+1)^k"); }
int Grid::price_count() const { return checked_power(price_grid + 1, goods, "the number of prices (T+1)^k"); }

int Grid::amount(int bundle, int good) const {
  for (int h = goods - 1; h > good; --h) bundle /= bound + 1;
  return bundle % (bound + 1);
}

int Grid::bundle_index(const std::vector<int>& amounts) const {
  int index = 0;
  for (int h = 0; h < goods; ++h) {
    if (amounts[h] < 0 || amounts[h] > bound) return -1;
    index = index * (bound + 1) + amounts[h];
  }
  return index;
}

int Grid::price_numerator(int price, int good) const {
  for (int h = goods - 1; h > good; --h) price /= price_grid + 1;
  return price % (price_grid + 1);
}

Rational Grid::price_of(int price, int good) const { return Rational(price_numerator(price, good), price_grid); }

std::string Grid::bundle_text(int bundle) const {
  if (goods == 1) return std::to_string(bundle);
  std::string s = "(";
  for (int h = 0; h < goods; ++h) s += (h ? "," : "") + std::to_string(amount(bundle, h));
  return s + ")";
}

std::string Grid::price_text(int price) const {
  std::string s = goods == 1 ? "" : "(";
  for (int h = 0; h < goods; ++h) s += (h ? "," : "") + mechcheck::to_string(price_of(price, h));
  return goods == 1 ? s : s + ")";
}

std::uint64_t demand_function_count(const Grid& grid) {
  const std::uint64_t bundles = static_cast<std::uint64_t>(grid.bundle_count());
  std::uint64_t count = 1;
  for (int p = 0; p < grid.price_count(); ++p) {
    if (count > UINT64_MAX / bundles) throw std::overflow_error("|D| = (l+1)^(k (T+1)^k) exceeds 2^64");
    count *= bundles;
  }
  return count;
}

DemandFunction demand_function(const Grid& grid, std::uint64_t index) {
  const int prices = grid.price_count(), bundles = grid.bundle_count();
  DemandFunction d(prices);
  for (int p = prices - 1; p >= 0; --p) {
    d[p] = static_cast<int>(index % bundles);
    index /= bundles;
  }
  return d;
}

std::uint64_t demand_function_index(const Grid& grid, const DemandFunction& d) {
  std::uint64_t index = 0;
  for (int bundle : d) index = index * grid.bundle_count() + bundle;
  return index;
}

std::string demand_text(const Grid& grid, const DemandFunction& d) {
  std::string s = "[";
  for (std::size_t p = 0; p < d.size(); ++p) s += (p ? "," : "") + grid.bundle_text(d[p]);
  return s + "]";
}

const char* to_string(TieBreak t) { return t == TieBreak::lowest ? "lowest" : "highest"; }
const char* to_string(TradingPrice t) {
  switch (t) {
    case TradingPrice::other_group:
      return "other_group";
    case TradingPrice::own_group:
      return "own_group";
    case TradingPrice::outside_group:
      return "outside_group";
  }
  return "?";
}
const char* to_string(UnderlineN u) { return u == UnderlineN::literal ? "literal" : "example"; }
const char* to_string(Rule2Supply s) { return s == Rule2Supply::total ? "total" : "literal_group"; }

Rational MoneyUtility::operator()(const Rational& money) const {
  if (pieces.empty()) return money;
  Rational best = pieces[0].first * money + pieces[0].second;
  for (std::size_t j = 1; j < pieces.size(); ++j) {
    Rational v = pieces[j].first * money + pieces[j].second;
    if (v < best) best = v;
  }
  return best;
}

Rational Economy::utility(int trader, int bundle, int price) const {
  const Trader& t = traders.at(trader);
  Rational money = 0;
  for (int h = 0; h < grid.goods; ++h) money += grid.price_of(price, h) * (t.endowment[h] - grid.amount(bundle, h));
  return t.value.at(bundle) + t.money(money);
}

std::vector<std::vector<int>> Economy::price_taking_bundles(int trader) const {
  std::vector<std::vector<int>> sets(grid.price_count());
  for (int p = 0; p < grid.price_count(); ++p) {
    Rational best;
    for (int x = 0; x < grid.bundle_count(); ++x) {
      Rational u = utility(trader, x, p);
      if (sets[p].empty() || u > best) {
        sets[p] = {x};
        best = u;
      } else if (u == best) {
        sets[p].push_back(x);
      }
    }
  }
  return sets;
}

bool Economy::price_taking(int trader, const DemandFunction& d) const {
  auto sets = price_taking_bundles(trader);
  for (int p = 0; p < grid.price_count(); ++p) {
    bool found = false;
    for (int x : sets[p]) found = found || x == d[p];
    if (!found) return false;
  }
  return true;
}

std::vector<int> Economy::endowment_classes() const {
  std::vector<int> cls(traders.size());
  std::vector<std::vector<int>> seen;
  for (std::size_t i = 0; i < traders.size(); ++i) {
    std::size_t c = 0;
    while (c < seen.size() && seen[c] != traders[i].endowment) ++c;
    if (c == seen.size()) seen.push_back(traders[i].endowment);
    cls[i] = static_cast<int>(c);
  }
  return cls;
}

}  // namespace mechcheck::mat
