// The re-checks' own G*, from the paper's text (recheck_direct.hpp). Deliberately plain: sums
// are recomputed where the definitions write them, nothing is cached.
#include "mat/recheck/recheck_direct.hpp"

#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/number/undecidable.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace mechcheck::proofs::mat_recheck {

using mat::Economy;

namespace {

int digits_power(int base, int exponent) {
  long long result = 1;
  for (int i = 0; i < exponent; ++i) {
    result *= base;
    if (result > 1'000'000) throw std::runtime_error("the grid is too large to re-check");
  }
  return static_cast<int>(result);
}

}  // namespace

// ---- Reading witness texts back ------------------------------------------------------------

std::vector<long long> parse_integers(const std::string& text) {
  std::vector<long long> out;
  for (std::size_t i = 0; i < text.size();) {
    const bool negative =
        text[i] == '-' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (!negative && !std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t j = negative ? i + 1 : i;
    long long v = 0;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
      v = v * 10 + (text[j] - '0');
      if (v > 1'000'000'000'000LL) throw std::runtime_error("the witness number in '" + text + "' is too large");
      ++j;
    }
    out.push_back(negative ? -v : v);
    i = j;
  }
  return out;
}

std::vector<int> parse_demand(const Economy& e, const std::string& raw) {
  const std::string text = direct::trim(raw);
  if (text.size() < 2 || text.front() != '[' || text.back() != ']')
    throw std::runtime_error("'" + raw + "' is not a demand function as printed ([d(p) for every price])");
  const auto numbers = parse_integers(text);
  const int k = e.grid.goods, P = direct::price_count(e);
  if (static_cast<int>(numbers.size()) != k * P)
    throw std::runtime_error("'" + raw + "' lists " + std::to_string(numbers.size()) +
                             " amounts, not k |P| = " + std::to_string(k * P));
  std::vector<int> d;
  for (int p = 0; p < P; ++p) {
    std::vector<long long> x(numbers.begin() + p * k, numbers.begin() + (p + 1) * k);
    const int b = direct::bundle_of(e, x);
    if (b < 0) throw std::runtime_error("'" + raw + "' demands a bundle outside {0..l}^k");
    d.push_back(b);
  }
  return d;
}

int parse_price(const Economy& e, const std::string& raw) {
  std::string text = direct::trim(raw);
  if (!text.empty() && text.front() == '(') {
    if (text.back() != ')') throw std::runtime_error("'" + raw + "' is not a price vector");
    text = text.substr(1, text.size() - 2);
  }
  const auto parts = direct::split(text, ",");
  if (static_cast<int>(parts.size()) != e.grid.goods)
    throw std::runtime_error("'" + raw + "' does not have one price per good");
  int index = 0;
  for (const auto& part : parts) {
    const Rational q = direct::parse_exact(part, "a price");
    const Rational scaled = q * e.grid.price_grid;
    if (scaled < 0 || scaled > e.grid.price_grid || denominator(scaled) != 1)
      throw std::runtime_error("'" + raw + "' is not on the price grid {0, 1/T, ..., 1}");
    index = index * (e.grid.price_grid + 1) + static_cast<int>(numerator(scaled).convert_to<long long>());
  }
  return index;
}

namespace direct {

// ---- Bundles, prices, demand functions -------------------------------------------------------

int bundle_count(const Economy& e) { return digits_power(e.grid.bound + 1, e.grid.goods); }
int price_count(const Economy& e) { return digits_power(e.grid.price_grid + 1, e.grid.goods); }

std::vector<long long> amounts(const Economy& e, int bundle) {
  std::vector<long long> x(e.grid.goods);
  for (int h = e.grid.goods - 1; h >= 0; --h) {
    x[h] = bundle % (e.grid.bound + 1);
    bundle /= e.grid.bound + 1;
  }
  return x;
}

long long amount_of(const Economy& e, int bundle, int good) {
  for (int h = e.grid.goods - 1; h > good; --h) bundle /= e.grid.bound + 1;
  return bundle % (e.grid.bound + 1);
}

int bundle_of(const Economy& e, const std::vector<long long>& x) {
  int b = 0;
  for (long long a : x) {
    if (a < 0 || a > e.grid.bound) return -1;
    b = b * (e.grid.bound + 1) + static_cast<int>(a);
  }
  return b;
}

Rational price_coordinate(const Economy& e, int price, int good) {
  int digit = 0;
  for (int h = e.grid.goods - 1; h >= good; --h) {
    digit = price % (e.grid.price_grid + 1);
    price /= e.grid.price_grid + 1;
  }
  return Rational(digit, e.grid.price_grid);
}

std::optional<unsigned long long> demand_function_count(const Economy& e) {
  unsigned long long count = 1;
  for (int p = 0; p < price_count(e); ++p) {
    count *= static_cast<unsigned long long>(bundle_count(e));
    if (count > (1ULL << 62)) return std::nullopt;
  }
  return count;
}

std::vector<int> demand_function_at(const Economy& e, unsigned long long index) {
  const int P = price_count(e), X = bundle_count(e);
  std::vector<int> d(P);
  for (int p = P - 1; p >= 0; --p) {
    d[p] = static_cast<int>(index % X);
    index /= X;
  }
  return d;
}

std::string demand_string(const Economy& e, const std::vector<int>& d) {
  std::string s = "[";
  for (std::size_t p = 0; p < d.size(); ++p) {
    const auto x = amounts(e, d[p]);
    std::string b;
    for (std::size_t h = 0; h < x.size(); ++h) b += (h ? "," : "") + std::to_string(x[h]);
    s += (p ? "," : "") + (x.size() == 1 ? b : "(" + b + ")");
  }
  return s + "]";
}

// ---- G* ----------------------------------------------------------------------------------------

int p_hat(const Economy& e, const std::vector<int>& traders, const Demands& d) {
  const int k = e.grid.goods, P = price_count(e);
  std::vector<long long> y(k, 0);
  for (int i : traders)
    for (int h = 0; h < k; ++h) y[h] += e.traders[i].endowment[h];
  std::vector<long long> distance(P, 0), demand(k);
  for (int p = 0; p < P; ++p) {
    std::fill(demand.begin(), demand.end(), 0);
    for (int i : traders)
      for (int h = 0; h < k; ++h) demand[h] += amount_of(e, d[i][p], h);
    for (int h = 0; h < k; ++h) distance[p] += demand[h] >= y[h] ? demand[h] - y[h] : y[h] - demand[h];
  }
  const long long least = *std::min_element(distance.begin(), distance.end());
  std::vector<int> argmin;
  for (int p = 0; p < P; ++p)
    if (distance[p] == least) argmin.push_back(p);
  return e.tie_break == mat::TieBreak::lowest ? argmin.front() : argmin.back();
}

Rationing ration_in_group(const Economy& e, mat::UnderlineN reading, const std::vector<int>& members,
                          const std::vector<int>& bundle, DirectAllocation& a) {
  const int k = e.grid.goods, n = static_cast<int>(members.size());
  const long long l = e.grid.bound;
  // left(c, h): the group's supply of h minus the demands of its first c members (c = 0..n).
  std::vector<long long> left_flat(static_cast<std::size_t>(n + 1) * k, 0);
  auto left = [&](int c, int h) -> long long& { return left_flat[static_cast<std::size_t>(c) * k + h]; };
  for (int i : members)
    for (int h = 0; h < k; ++h) left(0, h) += e.traders[i].endowment[h];
  for (int j = 0; j < n; ++j)
    for (int h = 0; h < k; ++h) left(j + 1, h) = left(j, h) - amount_of(e, bundle[j], h);
  Rationing r;
  // n-bar: the largest n' in {0..n} with left[n' - 1] >= l for all h (an empty sum for n' <= 1);
  // 0 when even that fails.
  for (int np = n; np >= 0; --np) {
    bool all = true;
    for (int h = 0; h < k; ++h) all = all && left(std::max(np - 1, 0), h) >= l;
    if (all) {
      r.n_bar = np;
      break;
    }
  }
  // n-underline: the smallest n' in {1..n} with, for some h, left[n' - 1] > (n - n') l (printed)
  // or left[n'] >= (n - n') l (the Example's reading); n + 1 when none.
  r.n_underline = n + 1;
  for (int np = 1; np <= n; ++np) {
    bool some = false;
    for (int h = 0; h < k; ++h)
      some =
          some || (reading == mat::UnderlineN::literal ? left(np - 1, h) > (n - np) * l : left(np, h) >= (n - np) * l);
    if (some) {
      r.n_underline = np;
      break;
    }
  }
  r.n_tilde = std::min(r.n_bar, r.n_underline - 1);
  // The first n-tilde receive their demands; each later member min(l, supply - what the members
  // before her received).
  std::vector<long long> handed_out(k, 0);
  for (int j = 0; j < n; ++j) {
    auto& x = a.amount[members[j]];
    for (int h = 0; h < k; ++h) {
      x[h] = j < r.n_tilde ? amount_of(e, bundle[j], h) : std::min(l, left(0, h) - handed_out[h]);
      handed_out[h] += x[h];
    }
  }
  return r;
}

int trading_price(const Economy& e, const std::vector<int>& phi, int beta, const Demands& d) {
  const int n = e.group_size, r = e.groups, N = static_cast<int>(phi.size());
  auto group = [&](int g) { return std::vector<int>(phi.begin() + g * n, phi.begin() + (g + 1) * n); };
  switch (e.trading_price) {
    case mat::TradingPrice::other_group:
      return p_hat(e, group(beta == 0 ? r - 1 : beta - 1), d);  // footnote 5
    case mat::TradingPrice::own_group:
      return p_hat(e, group(beta), d);
    case mat::TradingPrice::outside_group: {
      std::vector<int> outside;
      for (int j = 0; j < N; ++j)
        if (j < beta * n || j >= (beta + 1) * n) outside.push_back(phi[j]);
      return p_hat(e, outside, d);
    }
  }
  throw std::logic_error("unknown trading price reading");
}

void common_price_sale(const Economy& e, const std::vector<int>& phi, int first_bundle, int price, bool endowment_cap,
                       DirectAllocation& a) {
  const int k = e.grid.goods, N = static_cast<int>(phi.size());
  // The supply Rule 2 hands out: every trader's ("total") or, as printed, group 1's.
  const int holders = e.rule2_supply == mat::Rule2Supply::total ? N : e.group_size;
  for (int j = 0; j < N; ++j) {
    const int i = phi[j];
    a.price[i] = price;
    for (int h = 0; h < k; ++h) {
      if (j == 0) {
        a.amount[i][h] = amount_of(e, first_bundle, h);
        continue;
      }
      long long supply = 0, received = 0;
      for (int q = 0; q < holders; ++q) supply += e.traders[phi[q]].endowment[h];
      for (int q = 0; q < j; ++q) received += a.amount[phi[q]][h];
      const long long cap = endowment_cap ? e.traders[i].endowment[h] : e.grid.bound;
      a.amount[i][h] = std::min(cap, supply - received);
    }
  }
}

Rational utility(const Economy& e, int trader, int bundle, int price) {
  const mat::Trader& t = e.traders.at(trader);
  const auto x = amounts(e, bundle);
  Rational money = 0;
  for (int h = 0; h < e.grid.goods; ++h) money += price_coordinate(e, price, h) * (t.endowment[h] - x[h]);
  Rational w = money;
  for (std::size_t j = 0; j < t.money.pieces.size(); ++j) {
    const Rational piece = t.money.pieces[j].first * money + t.money.pieces[j].second;
    if (j == 0 || piece < w) w = piece;
  }
  return t.value.at(bundle) + w;
}

std::vector<int> best_bundles(const Economy& e, int trader, int price) {
  std::vector<Rational> u;
  for (int b = 0; b < bundle_count(e); ++b) u.push_back(utility(e, trader, b, price));
  const Rational top = *std::max_element(u.begin(), u.end());
  std::vector<int> best;
  for (int b = 0; b < bundle_count(e); ++b)
    if (u[b] == top) best.push_back(b);
  return best;
}

bool price_taking(const Economy& e, int trader, const std::vector<int>& d) {
  for (int p = 0; p < price_count(e); ++p) {
    const auto best = best_bundles(e, trader, p);
    if (std::find(best.begin(), best.end(), d[p]) == best.end()) return false;
  }
  return true;
}

std::optional<std::string> outside_A(const Economy& e, const DirectAllocation& a) {
  const int N = e.trader_count(), k = e.grid.goods;
  for (int i = 0; i < N; ++i)
    for (int h = 0; h < k; ++h)
      if (a.amount[i][h] < 0 || a.amount[i][h] > e.grid.bound)
        return "x_" + std::to_string(i + 1) + "(" + std::to_string(h + 1) + ") = " + std::to_string(a.amount[i][h]) +
               " is outside {0..l}";
  for (int h = 0; h < k; ++h) {
    long long excess = 0;
    for (int i = 0; i < N; ++i) excess += e.traders[i].endowment[h] - a.amount[i][h];
    if (excess != 0)
      return "(2) fails for good " + std::to_string(h + 1) + ": sum_i (e_i - x_i) = " + std::to_string(excess);
  }
  Rational budget = 0;
  for (int i = 0; i < N; ++i)
    for (int h = 0; h < k; ++h)
      budget += price_coordinate(e, a.price[i], h) * (a.amount[i][h] - e.traders[i].endowment[h]);
  if (budget != 0) return "(3) fails: sum_i q_i.(x_i - e_i) = " + to_string(budget);
  return std::nullopt;
}

unsigned long long for_each_opponent_profile(const Economy& e, int trader, unsigned long long strategies,
                                             unsigned long long ordered_limit,
                                             const std::function<bool(const std::vector<long long>&)>& visit) {
  const int N = e.trader_count();
  std::vector<long long> profile(N, 0);
  profile[trader] = -1;
  unsigned long long ordered = 1;
  bool small = true;
  for (int j = 1; j < N && small; ++j) {
    if (ordered > ordered_limit / strategies) small = false;
    ordered *= strategies;
  }
  unsigned long long visited = 0;
  if (small) {
    // An odometer over every opponent's strategy.
    for (;;) {
      ++visited;
      if (!visit(profile)) return visited;
      int j = 0;
      for (; j < N; ++j) {
        if (j == trader) continue;
        if (++profile[j] < static_cast<long long>(strategies)) break;
        profile[j] = 0;
      }
      if (j == N) return visited;
    }
  }
  // One profile per orbit: within each set of opponents with equal endowments, nondecreasing strategies.
  std::vector<std::vector<int>> classes;
  for (int j = 0; j < N; ++j) {
    if (j == trader) continue;
    bool placed = false;
    for (auto& c : classes)
      if (e.traders[c.front()].endowment == e.traders[j].endowment) {
        c.push_back(j);
        placed = true;
        break;
      }
    if (!placed) classes.push_back({j});
  }
  std::vector<int> slots;
  for (auto& c : classes) slots.insert(slots.end(), c.begin(), c.end());
  bool stop = false;
  std::function<void(std::size_t)> place = [&](std::size_t s) {
    if (stop) return;
    if (s == slots.size()) {
      ++visited;
      if (!visit(profile)) stop = true;
      return;
    }
    // The first opponent of a class starts at 0; a later one at its predecessor's strategy.
    const bool continues_class = s > 0 && e.traders[slots[s - 1]].endowment == e.traders[slots[s]].endowment;
    for (long long x = continues_class ? profile[slots[s - 1]] : 0; x < static_cast<long long>(strategies) && !stop;
         ++x) {
      profile[slots[s]] = x;
      place(s + 1);
    }
  };
  place(0);
  return visited;
}

// ---- Outcome texts ---------------------------------------------------------------------------

const Value* find(const std::vector<Value>& values, const std::string& name) {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

const std::string& witness(const Outcome& out, const std::string& name) {
  const Value* v = find(out.witness, name);
  if (!v) throw std::runtime_error("the witness has no '" + name + "'");
  return v->text;
}

long long witness_integer(const Outcome& out, const std::string& name) {
  const auto numbers = parse_integers(witness(out, name));
  if (numbers.size() != 1) throw std::runtime_error("the witness '" + name + "' is not one integer");
  return numbers.front();
}

Rational parse_exact(const std::string& text, const std::string& what) {
  std::string why;
  const auto q = parse_rational(trim(text), &why);
  if (!q) throw std::runtime_error(what + " '" + text + "' is not an exact rational: " + why);
  return *q;
}

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = text.find(separator, from);
    parts.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return parts;
    from = at + separator.size();
  }
}

std::string trim(const std::string& text) {
  std::size_t a = 0, b = text.size();
  while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
  return text.substr(a, b - a);
}

void too_large_to_recheck(const std::string& why) { throw Undecidable(why, NumberKind<Rational>::arithmetic); }

}  // namespace direct

// ---- The public entry points -------------------------------------------------------------

namespace {

// Every trader's amounts set to 0 and price to 0, the storage of `a` reused.
void clear_allocation(const Economy& e, DirectAllocation& a) {
  a.amount.resize(e.trader_count());
  for (auto& x : a.amount) x.assign(e.grid.goods, 0);
  a.price.assign(e.trader_count(), 0);
}

// Rule 1 into `a` (cleared first).
void rule1_into(const Economy& e, const std::vector<int>& phi, const std::vector<std::vector<int>>& d,
                DirectAllocation& a) {
  const int n = e.group_size;
  clear_allocation(e, a);
  // "beta in {1, 2} is set arbitrarily": every group beta trades at its Rule-1 price.
  for (int beta = 0; beta < e.groups; ++beta) {
    const int q = direct::trading_price(e, phi, beta, d);
    std::vector<int> members(phi.begin() + beta * n, phi.begin() + (beta + 1) * n), bundle;
    for (int i : members) {
      bundle.push_back(d[i][q]);
      a.price[i] = q;
    }
    direct::ration_in_group(e, e.underline_n, members, bundle, a);
  }
}

// Rule 2 at `price` into `a` (cleared first).
void rule2_into(const Economy& e, const std::vector<int>& phi, const std::vector<std::vector<int>>& d, int price,
                DirectAllocation& a) {
  clear_allocation(e, a);
  direct::common_price_sale(e, phi, d[phi[0]][price], price, false, a);
}

}  // namespace

DirectAllocation direct_rule1(const Economy& e, const std::vector<int>& phi, const std::vector<std::vector<int>>& d) {
  DirectAllocation a;
  rule1_into(e, phi, d, a);
  return a;
}

DirectAllocation direct_rule2(const Economy& e, const std::vector<int>& phi, const std::vector<std::vector<int>>& d,
                              int price) {
  DirectAllocation a;
  rule2_into(e, phi, d, price, a);
  return a;
}

Rational direct_expected_utility(const Economy& e, int trader, const std::vector<std::vector<int>>& d) {
  const int N = e.trader_count(), P = direct::price_count(e);
  if (N > 10)
    throw std::runtime_error("the re-check sums over all N! permutations; N = " + std::to_string(N) + " > 10");
  // How often the trader ends with (bundle, price) under each rule, over all phi (and p for Rule 2).
  std::map<std::pair<int, int>, long long> rule1, rule2;
  std::vector<int> phi(N);
  for (int j = 0; j < N; ++j) phi[j] = j;
  long long permutations = 0;
  auto bundle_received = [&](const DirectAllocation& a) {
    const int b = direct::bundle_of(e, a.amount[trader]);
    if (b < 0) throw std::runtime_error("the trader receives an amount outside {0..l}: no utility is defined");
    return b;
  };
  DirectAllocation a;  // reused from one phi to the next (only storage)
  do {
    ++permutations;
    rule1_into(e, phi, d, a);
    ++rule1[{bundle_received(a), a.price[trader]}];
    for (int p = 0; p < P; ++p) {
      rule2_into(e, phi, d, p, a);
      ++rule2[{bundle_received(a), p}];
    }
  } while (std::next_permutation(phi.begin(), phi.end()));
  // g(m)(a) = rho_1 (1 - eps)/(N! |P|) + rho_2 eps/(N! |P|): Rule 1 does not read p, so each phi
  // counts |P| times with (1 - eps)/(N! |P|), i.e. once with (1 - eps)/N!.
  Rational u = 0;
  for (const auto& [cell, count] : rule1)
    u += Rational(count) * (1 - e.epsilon) / Rational(permutations) *
         direct::utility(e, trader, cell.first, cell.second);
  for (const auto& [cell, count] : rule2)
    u += Rational(count) * e.epsilon / (Rational(permutations) * P) *
         direct::utility(e, trader, cell.first, cell.second);
  return u;
}

}  // namespace mechcheck::proofs::mat_recheck
