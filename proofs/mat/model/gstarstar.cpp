// G** (Matsushima 2005, Section 4): beliefs, D^1/D^2/D^3, Assumptions 1-2, the response rules of
// the restricted message spaces, announcements, Rules 3-6 and one trader's interim utility.
// Written from the paper's text; readings are documented in proofs/mat/docs/theorem2.md.
#include "mat/model/gstarstar.hpp"

#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <stdexcept>

namespace mechcheck::mat {

// ---- Beliefs -------------------------------------------------------------------------------

std::vector<int> signal_counts(const Interdependent& I, std::span<const int> signals) {
  std::vector<int> counts(I.signals, 0);
  for (int s : signals) ++counts.at(static_cast<std::size_t>(s));
  return counts;
}

template <class T>
std::vector<T> posterior(const Interdependent& I, const std::vector<int>& counts) {
  const int W = I.macro_shocks();
  std::vector<T> w(W);
  T total = from_rational<T>(Rational(0));
  for (int o = 0; o < W; ++o) {
    T x = from_rational<T>(I.macro_prior[o]);
    for (int t = 0; t < I.signals; ++t) {
      const T f = from_rational<T>(I.likelihood[o][t]);
      for (int c = 0; c < counts[t]; ++c) x = x * f;
    }
    w[o] = x;
    total = total + x;
  }
  for (auto& x : w) x = x / total;
  return w;
}

template <class T>
std::vector<T> posterior_by_joint(const Interdependent& I, const std::vector<int>& signals) {
  // f(omega_0, omega_S) = f_0(omega_0) prod_{i in S} f(omega_i | omega_0); f(omega_S) = sum over omega_0.
  const int W = I.macro_shocks();
  std::vector<T> joint;
  for (int o = 0; o < W; ++o) {
    T x = from_rational<T>(I.macro_prior[o]);
    for (int s : signals) x = x * from_rational<T>(I.likelihood[o][s]);
    joint.push_back(x);
  }
  T marginal = from_rational<T>(Rational(0));
  for (const auto& x : joint) marginal = marginal + x;
  for (auto& x : joint) x = x / marginal;
  return joint;
}

template <class T>
T conditional_probability(const Interdependent& I, int theta, const std::vector<int>& others) {
  T num = from_rational<T>(Rational(0)), den = num;
  for (int o = 0; o < I.macro_shocks(); ++o) {
    const T own = from_rational<T>(I.macro_prior[o] * I.likelihood[o][theta]);
    T x = own;
    for (int s : others) x = x * from_rational<T>(I.likelihood[o][s]);
    num = num + x;
    den = den + own;
  }
  return num / den;
}

template <class T>
std::vector<T> conditional_values(const Interdependent& I, int theta, const std::vector<T>& post) {
  const std::size_t bundles = I.value[0][0].size();
  std::vector<T> v(bundles, from_rational<T>(Rational(0)));
  for (int o = 0; o < I.macro_shocks(); ++o)
    for (std::size_t b = 0; b < bundles; ++b) v[b] = v[b] + post[o] * from_rational<T>(I.value[o][theta][b]);
  return v;
}

// ---- Price-taking sets -------------------------------------------------------------------

bool DemandSet::contains(const DemandFunction& d) const {
  for (std::size_t p = 0; p < bundles.size(); ++p)
    if (!std::binary_search(bundles[p].begin(), bundles[p].end(), d[p])) return false;
  return true;
}

bool DemandSet::intersects(const DemandSet& other) const {
  for (std::size_t p = 0; p < bundles.size(); ++p) {
    bool common = false;
    for (int b : bundles[p]) common = common || std::binary_search(other.bundles[p].begin(), other.bundles[p].end(), b);
    if (!common) return false;
  }
  return true;
}

bool DemandSet::empty() const {
  for (auto& b : bundles)
    if (b.empty()) return true;
  return false;
}

DemandFunction DemandSet::lowest() const {
  DemandFunction d;
  for (auto& b : bundles) d.push_back(b.at(0));
  return d;
}

std::uint64_t DemandSet::size() const {
  std::uint64_t n = 1;
  for (auto& b : bundles) n *= b.size();
  return n;
}

std::string DemandSet::text(const Grid& grid) const {
  std::string s;
  for (std::size_t p = 0; p < bundles.size(); ++p) {
    s += (p ? " x {" : "{");
    for (std::size_t j = 0; j < bundles[p].size(); ++j) s += (j ? "," : "") + grid.bundle_text(bundles[p][j]);
    s += "}";
  }
  return s;
}

namespace {

template <class T>
T payment(const Economy& e, int price, int bundle) {
  // sum_h p(h) x(h)
  Rational pay = 0;
  for (int h = 0; h < e.grid.goods; ++h) pay += e.grid.price_of(price, h) * e.grid.amount(bundle, h);
  return from_rational<T>(pay);
}

template <class T>
std::vector<int> argmax_bundles(const Economy& e, const std::vector<T>& values, int price) {
  std::vector<int> best;
  T top{};
  for (int b = 0; b < e.grid.bundle_count(); ++b) {
    T u = values[b] - payment<T>(e, price, b);
    const int c = best.empty() ? 1 : compare(u, top);
    if (c > 0) {
      best = {b};
      top = u;
    } else if (c == 0) {
      best.push_back(b);
    }
  }
  return best;
}

}  // namespace

template <class T>
DemandSet price_taking_set(const Economy& e, const std::vector<T>& values) {
  DemandSet s;
  for (int p = 0; p < e.grid.price_count(); ++p) s.bundles.push_back(argmax_bundles(e, values, p));
  return s;
}

DemandSet D1(const Economy& e, const Interdependent& I, int theta) {
  return price_taking_set<Rational>(e,
                                    conditional_values<Rational>(I, theta, posterior_by_joint<Rational>(I, {theta})));
}

DemandSet D2(const Economy& e, const Interdependent& I, const std::vector<int>& signals) {
  return price_taking_set<Rational>(
      e, conditional_values<Rational>(I, signals.at(0), posterior_by_joint<Rational>(I, signals)));
}

DemandSet D3(const Economy& e, const Interdependent& I, const std::vector<int>& signals) {
  const int N = e.trader_count(), theta = signals.at(0);
  const int missing = N - static_cast<int>(signals.size());  // n - 1 in the paper
  if (missing < 0) throw std::invalid_argument("D3: more signals than traders");
  // U_c(x, p) = E[v(x, omega_1, omega_0) | omega] - p.x for every completion c of the signals.
  std::vector<std::vector<Rational>> completions;  // conditional values per completion
  std::vector<int> c(missing, 0);
  for (;;) {
    std::vector<int> all = signals;
    all.insert(all.end(), c.begin(), c.end());
    completions.push_back(conditional_values<Rational>(I, theta, posterior_by_joint<Rational>(I, all)));
    int j = 0;
    while (j < missing && ++c[j] == I.signals) c[j++] = 0;
    if (j == missing) break;
  }
  DemandSet s;
  for (int p = 0; p < e.grid.price_count(); ++p) {
    std::vector<int> allowed;
    for (int y = 0; y < e.grid.bundle_count(); ++y) {
      bool ok = true;
      for (int x = 0; x < e.grid.bundle_count() && ok; ++x) {
        bool some = false;
        for (const auto& v : completions)
          some = some || v[y] - payment<Rational>(e, p, y) >= v[x] - payment<Rational>(e, p, x);
        ok = some;
      }
      if (ok) allowed.push_back(y);
    }
    s.bundles.push_back(allowed);
  }
  return s;
}

std::optional<std::pair<int, int>> assumption1_failure(const Economy& e, const Interdependent& I) {
  std::vector<DemandSet> sets;
  for (int t = 0; t < I.signals; ++t) sets.push_back(D1(e, I, t));
  for (int a = 0; a < I.signals; ++a)
    for (int b = a + 1; b < I.signals; ++b)
      if (sets[a].intersects(sets[b])) return std::make_pair(a, b);
  return std::nullopt;
}

std::optional<std::pair<int, int>> assumption2_failure(const Interdependent& I) {
  for (int a = 0; a < I.macro_shocks(); ++a)
    for (int b = a + 1; b < I.macro_shocks(); ++b)
      if (I.likelihood[a] == I.likelihood[b]) return std::make_pair(a, b);
  return std::nullopt;
}

// ---- Response rules ----------------------------------------------------------------------

ResponseTables::ResponseTables(const Economy& e, const Interdependent& I) : e_(&e), I_(&I) {
  std::uint64_t count = demand_function_count(e.grid);
  if (count > 200000) throw std::invalid_argument("|D| = " + std::to_string(count) + " is too large for G**'s tables");
  for (std::uint64_t s = 0; s < count; ++s) D_.push_back(demand_function(e.grid, s));
  std::vector<DemandSet> d1;
  for (int t = 0; t < I.signals; ++t) {
    d1.push_back(D1(e, I, t));
    naive_.push_back(static_cast<int>(demand_function_index(e.grid, d1.back().lowest())));
  }
  for (const auto& d : D_) {
    int code = -1, hits = 0;
    for (int t = 0; t < I.signals; ++t)
      if (d1[t].contains(d)) {
        code = t;
        ++hits;
      }
    decode_.push_back(hits == 1 ? code : -1);
  }
  observed_max_ = (e.groups - 1) * e.group_size;
  std::size_t keys = 1;
  for (int t = 0; t < I.signals; ++t) keys *= static_cast<std::size_t>(observed_max_ + 1);
  if (keys > 1'000'000) throw std::invalid_argument("too many decoded-count classes for the informed rule");
  informed_.assign(I.signals, std::vector<int>(keys, -1));
  std::vector<int> counts(I.signals, 0);
  for (std::size_t k = 0; k < keys; ++k) {
    std::size_t rest = k;
    int total = 0;
    for (int t = 0; t < I.signals; ++t) {
      counts[t] = static_cast<int>(rest % (observed_max_ + 1));
      rest /= observed_max_ + 1;
      total += counts[t];
    }
    if (total > observed_max_) continue;
    for (int theta = 0; theta < I.signals; ++theta) {
      std::vector<int> with_own = counts;
      ++with_own[theta];
      const auto set =
          price_taking_set<Rational>(e, conditional_values<Rational>(I, theta, posterior<Rational>(I, with_own)));
      informed_[theta][k] = static_cast<int>(demand_function_index(e.grid, set.lowest()));
    }
  }
}

std::size_t ResponseTables::key(const std::vector<int>& counts) const {
  std::size_t k = 0;
  for (int t = I_->signals - 1; t >= 0; --t) k = k * (observed_max_ + 1) + static_cast<std::size_t>(counts[t]);
  return k;
}

int ResponseTables::informed(int theta, const std::vector<int>& decoded_counts) const {
  return informed_[theta][key(decoded_counts)];
}

int ResponseTables::evaluate(ResponseRule rule, int theta, std::span<const int> observed) const {
  if (rule == ResponseRule::naive) return naive_[theta];
  int counts[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int d : observed) {
    const int c = decode_[static_cast<std::size_t>(d)];
    if (c >= 0) ++counts[c];
  }
  std::size_t k = 0;
  for (int t = I_->signals - 1; t >= 0; --t) k = k * (observed_max_ + 1) + static_cast<std::size_t>(counts[t]);
  return informed_[theta][k];
}

std::string message_text(const Economy& e, const GMessage& m) {
  return "(d1 = " + demand_text(e.grid, demand_function(e.grid, static_cast<std::uint64_t>(m.first))) +
         ", m2 = " + to_string(m.second) + ", m3 = " + to_string(m.third) + ")";
}

// ---- Announcements and allocations -------------------------------------------------------

void announce(const Economy& e, const ResponseTables& tables, std::span<const int> order,
              const std::vector<GMessage>& messages, const std::vector<int>& signals, Announcements& out) {
  const int N = e.trader_count(), n = e.group_size, r = e.groups;
  out.first.resize(N);
  out.second.resize(N);
  out.third.resize(N);
  for (int i = 0; i < N; ++i) out.first[i] = messages[i].first;
  int observed[64];
  for (int j = 0; j < N; ++j) {
    const int i = order[j], beta = j / n, before = (beta + r - 1) % r;
    // d^2_i = m^2_i(d^1_{group beta-1}): the precedent group's first announcements in phi order.
    for (int q = 0; q < n; ++q) observed[q] = out.first[order[before * n + q]];
    out.second[i] = tables.evaluate(messages[i].second, signals[i], std::span<const int>(observed, n));
    // d^3_i = m^3_i(d^1_{-group beta}): every other group's first announcements in phi order.
    int m = 0;
    for (int q = 0; q < N; ++q)
      if (q / n != beta) observed[m++] = out.first[order[q]];
    out.third[i] = tables.evaluate(messages[i].third, signals[i], std::span<const int>(observed, m));
  }
}

void gstarstar_allocation(const Economy& e, const Interdependent& I, const std::vector<DemandFunction>& D,
                          std::span<const int> order, int price, const Announcements& a, int rule,
                          Allocation& allocation, std::vector<GroupRationing>* rationing) {
  const int N = e.trader_count(), n = e.group_size, r = e.groups;
  if (rule == 3) {
    Profile second(N);
    for (int i = 0; i < N; ++i) second[i] = &D[static_cast<std::size_t>(a.second[i])];
    if (rationing) rationing->clear();
    int demanded[64];
    for (int beta = 0; beta < r; ++beta) {
      const int before = (beta + r - 1) % r;
      auto members = order.subspan(static_cast<std::size_t>(beta) * n, n);
      // p-hat(d^2_{group beta-1}, y_{group beta-1})
      const int q = clearing_price(e, order.subspan(static_cast<std::size_t>(before) * n, n), second);
      for (int j = 0; j < n; ++j) demanded[j] = D[static_cast<std::size_t>(a.third[members[j]])][q];
      GroupRationing g = ration_group(e, members, std::span<const int>(demanded, n), allocation);
      if (rationing) rationing->push_back(g);
      for (int i : members) allocation.price[i] = q;
    }
    return;
  }
  if (rule < 4 || rule > 6) throw std::invalid_argument("G** has Rationing Rules 3-6");
  const std::vector<int>& announced = rule == 4 ? a.first : rule == 5 ? a.second : a.third;
  const int leader = order[0];
  const LaterCap cap = rule == 6 && I.rule6_cap == Rule6Cap::endowment ? LaterCap::endowment : LaterCap::bound;
  common_price_rationing(e, order, D[static_cast<std::size_t>(announced[leader])][price], price, cap, allocation);
}

template <class T>
T rule_weight(const Economy& e, int rule) {
  const Rational Nf = Rational(factorial(e.trader_count()));
  if (rule == 3) return from_rational<T>((1 - 3 * e.epsilon) / Nf);
  return from_rational<T>(e.epsilon / (Nf * e.grid.price_count()));
}

std::optional<std::string> feasibility_violation(const Economy& e, const Allocation& a) {
  const int N = e.trader_count(), k = e.grid.goods, l = e.grid.bound;
  for (int i = 0; i < N; ++i)
    for (int h = 0; h < k; ++h) {
      const int x = a.amount[static_cast<std::size_t>(i) * k + h];
      if (x < 0 || x > l)
        return "trader " + std::to_string(i + 1) + " receives " + std::to_string(x) + " of good " +
               std::to_string(h + 1) + ", outside {0..l}";
    }
  for (int h = 0; h < k; ++h) {
    long long excess = 0;
    for (int i = 0; i < N; ++i) excess += e.traders[i].endowment[h] - a.amount[static_cast<std::size_t>(i) * k + h];
    if (excess != 0)
      return "market clearing (2) fails for good " + std::to_string(h + 1) +
             ": sum_i (e_i - x_i) = " + std::to_string(excess);
  }
  // Budget balance (3): with q_i(h) = n_i(h) / T (n_i(h) = price_numerator), T sum_i q_i.(x_i - e_i)
  // = sum_i n_i.(x_i - e_i) is an integer, and the budget is zero exactly when it is. The integer
  // sum is formed with overflow detected; a violation, or an overflow, forms the rational sum.
  long long scaled = 0;
  bool overflow = false;
  for (int i = 0; i < N; ++i)
    for (int h = 0; h < k; ++h) {
      long long term = 0;
      const long long traded =
          static_cast<long long>(a.amount[static_cast<std::size_t>(i) * k + h]) - e.traders[i].endowment[h];
      overflow = overflow || __builtin_mul_overflow(traded, e.grid.price_numerator(a.price[i], h), &term) ||
                 __builtin_add_overflow(scaled, term, &scaled);
    }
  if (!overflow && scaled == 0) return std::nullopt;
  Rational budget = 0;
  for (int i = 0; i < N; ++i)
    for (int h = 0; h < k; ++h)
      budget +=
          e.grid.price_of(a.price[i], h) * (a.amount[static_cast<std::size_t>(i) * k + h] - e.traders[i].endowment[h]);
  if (budget != 0) return "budget balance (3) fails: sum_i q_i.(x_i - e_i) = " + mechcheck::to_string(budget);
  return std::nullopt;
}

// ---- Interim utility ---------------------------------------------------------------------

namespace {

// Where phi first hands trader i an amount outside {0..l}: the rule and the price that the error
// names (Rule 3: her trading price; Rules 4-6: the common price p).
struct OffGrid {
  int rule = 3;
  int price = 0;
};

// G**'s lottery for trader i on one profile of messages and signals: phi varies, all else is fixed.
class ProfileLottery {
 public:
  ProfileLottery(const Economy& e, const Interdependent& I, const ResponseTables& tables, int trader,
                 const std::vector<GMessage>& messages, const std::vector<int>& signals)
      : e_(e), I_(I), tables_(tables), trader_(trader), messages_(messages), signals_(signals) {
    allocation_.resize(e);
  }

  // Adds `weight` to trader i's (bundle, price) cell under Rule 3 and under Rules 4-6 at every
  // price, for phi = `order`. At the first rule that hands her an amount outside {0..l} it stops
  // (the counts are then incomplete) and says where.
  std::optional<OffGrid> add(std::span<const int> order, std::uint64_t weight, GCounts& g) {
    const int P = e_.grid.price_count();
    const auto& D = tables_.demand_functions();
    announce(e_, tables_, order, messages_, signals_, announcements_);
    gstarstar_allocation(e_, I_, D, order, 0, announcements_, 3, allocation_);
    if (!record(g.rule3, weight)) return OffGrid{3, allocation_.price[trader_]};
    for (int rule = 4; rule <= 6; ++rule)
      for (int p = 0; p < P; ++p) {
        gstarstar_allocation(e_, I_, D, order, p, announcements_, rule, allocation_);
        if (!record(g.common, weight)) return OffGrid{rule, p};
      }
    return std::nullopt;
  }

 private:
  bool record(std::vector<std::uint64_t>& into, std::uint64_t weight) {
    const int b = allocation_.bundle(e_, trader_);
    if (b < 0) return false;
    into[static_cast<std::size_t>(b) * e_.grid.price_count() + allocation_.price[trader_]] += weight;
    return true;
  }

  const Economy& e_;
  const Interdependent& I_;
  const ResponseTables& tables_;
  int trader_;
  const std::vector<GMessage>& messages_;
  const std::vector<int>& signals_;
  Announcements announcements_;
  Allocation allocation_;
};

}  // namespace

std::vector<int> order_types(const Economy& e, int trader, const std::vector<GMessage>& messages,
                             const std::vector<int>& signals) {
  const int N = e.trader_count();
  std::vector<int> type(N, -1);
  type[trader] = 0;
  int types = 1;
  for (int j = 0; j < N; ++j) {
    if (type[j] >= 0) continue;
    type[j] = types;
    for (int o = j + 1; o < N; ++o)
      if (o != trader && type[o] < 0 && e.traders[o].endowment == e.traders[j].endowment &&
          messages[o] == messages[j] && signals[o] == signals[j])
        type[o] = types;
    ++types;
  }
  return type;
}

std::vector<OrderClass> order_classes(const std::vector<int>& type) {
  const int N = static_cast<int>(type.size());
  const int types = *std::max_element(type.begin(), type.end()) + 1;
  std::vector<std::vector<int>> members(types);
  for (int j = 0; j < N; ++j) members[type[j]].push_back(j);
  std::uint64_t weight = 1;
  for (const auto& m : members) weight *= factorial(static_cast<int>(m.size()));
  std::vector<int> sequence = type;
  std::sort(sequence.begin(), sequence.end());
  std::vector<OrderClass> classes;
  std::vector<int> next(types);
  std::uint64_t covered = 0;
  do {
    OrderClass c;
    c.order.resize(N);
    c.weight = weight;
    std::fill(next.begin(), next.end(), 0);
    for (int position = 0; position < N; ++position) {
      const int t = sequence[position];
      c.order[position] = members[t][next[t]++];
    }
    covered += weight;
    classes.push_back(std::move(c));
  } while (std::next_permutation(sequence.begin(), sequence.end()));
  // The sequences must stand for every permutation exactly once (checked, not assumed).
  if (covered != factorial(N))
    throw std::logic_error("G**'s type sequences cover " + std::to_string(covered) +
                           " permutations, not N! = " + std::to_string(factorial(N)));
  return classes;
}

std::vector<OrderClass> every_order(int N) {
  std::vector<OrderClass> all;
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  do all.push_back(OrderClass{order, 1});
  while (std::next_permutation(order.begin(), order.end()));
  return all;
}

std::optional<std::string> count_orders(const Economy& e, const Interdependent& I, const ResponseTables& tables,
                                        int trader, const std::vector<GMessage>& messages,
                                        const std::vector<int>& signals, const std::vector<OrderClass>& orders,
                                        GCounts& g) {
  ProfileLottery lottery(e, I, tables, trader, messages, signals);
  for (const OrderClass& c : orders)
    if (const auto off = lottery.add(c.order, c.weight, g))
      return "trader " + std::to_string(trader + 1) + " receives an amount outside {0..l} under Rule " +
             std::to_string(off->rule) + " at phi = " + order_text(c.order) + ", p = " + e.grid.price_text(off->price);
  return std::nullopt;
}

GEvaluation evaluate_trader(const Economy& e, const Interdependent& I, const ResponseTables& tables, int trader,
                            int theta, const GMessage& own, const std::vector<const GStrategy*>& strategies,
                            bool reduce_signals, bool reduce_orders) {
  const int N = e.trader_count(), P = e.grid.price_count(), S = I.signals;
  const std::size_t cells = static_cast<std::size_t>(e.grid.bundle_count()) * P;
  GEvaluation ev;
  // Classes of interchangeable opponents: equal endowment and the same strategy.
  std::vector<std::vector<int>> classes;
  {
    const auto cls = e.endowment_classes();
    std::vector<std::pair<std::pair<int, const GStrategy*>, std::size_t>> where;
    for (int j = 0; j < N; ++j) {
      if (j == trader) continue;
      if (!reduce_signals) {
        classes.push_back({j});
        continue;
      }
      std::pair<int, const GStrategy*> key{cls[j], strategies[j]};
      std::size_t c = classes.size();
      for (auto& [k, at] : where)
        if (k == key) c = at;
      if (c == classes.size()) {
        where.push_back({key, c});
        classes.emplace_back();
      }
      classes[c].push_back(j);
    }
  }
  // One representative signal profile per class of counts; multiplicity prod_c m_c! / prod counts!.
  std::vector<int> signals(N, 0);
  signals[trader] = theta;
  std::vector<GMessage> messages(N);
  auto fact = [](int m) {
    std::uint64_t f = 1;
    for (int i = 2; i <= m; ++i) f *= i;
    return f;
  };
  std::function<void(std::size_t, std::uint64_t)> over_classes = [&](std::size_t c, std::uint64_t mult) {
    if (c == classes.size()) {
      GCounts g;
      g.signals = signals;
      g.multiplicity = mult;
      g.rule3.assign(cells, 0);
      g.common.assign(cells, 0);
      for (int j = 0; j < N; ++j)
        messages[j] = j == trader ? own : (*strategies[j])[static_cast<std::size_t>(signals[j])];
      const auto orders = reduce_orders ? order_classes(order_types(e, trader, messages, signals)) : every_order(N);
      if (auto off = count_orders(e, I, tables, trader, messages, signals, orders, g)) {
        // Some phi leaves {0..l}: name the first in lexicographic order, as the unreduced
        // enumeration does.
        if (reduce_orders) {
          g.rule3.assign(cells, 0);
          g.common.assign(cells, 0);
          off = count_orders(e, I, tables, trader, messages, signals, every_order(N), g);
          if (!off) throw std::logic_error("G**'s type sequences met an amount outside {0..l} that no phi gives");
        }
        throw InfeasibleOutcome(*off);
      }
      // Counted as if every phi were run: N! x (Rule 3 + Rules 4-6 at every price).
      ev.allocations += factorial(N) * (1 + 3 * static_cast<std::uint64_t>(P));
      ev.signal_profiles += mult;
      ev.classes.push_back(std::move(g));
      return;
    }
    // Distribute the class's members over the signals: counts c_0 + ... + c_{S-1} = m, assigned
    // in nondecreasing signal order to the members.
    const auto& members = classes[c];
    const int m = static_cast<int>(members.size());
    std::vector<int> counts(S, 0);
    std::function<void(int, int)> split = [&](int t, int left) {
      if (t == S - 1) {
        counts[t] = left;
        int pos = 0;
        std::uint64_t ways = fact(m);
        for (int s = 0; s < S; ++s) {
          ways /= fact(counts[s]);
          for (int q = 0; q < counts[s]; ++q) signals[members[pos++]] = s;
        }
        over_classes(c + 1, mult * ways);
        return;
      }
      for (int x = 0; x <= left; ++x) {
        counts[t] = x;
        split(t + 1, left - x);
      }
    };
    split(0, m);
  };
  over_classes(0, 1);
  return ev;
}

template <class T>
T interim_utility(const Economy& e, const Interdependent& I, int trader, int theta, const GEvaluation& ev) {
  const int P = e.grid.price_count(), k = e.grid.goods;
  const T w3 = rule_weight<T>(e, 3), wc = rule_weight<T>(e, 4);
  T total = from_rational<T>(Rational(0));
  for (const auto& g : ev.classes) {
    std::vector<int> others;
    for (int j = 0; j < e.trader_count(); ++j)
      if (j != trader) others.push_back(g.signals[j]);
    const T weight = from_rational<T>(Rational(g.multiplicity)) * conditional_probability<T>(I, theta, others);
    const auto values = conditional_values<T>(I, theta, posterior<T>(I, signal_counts(I, g.signals)));
    T inner = from_rational<T>(Rational(0));
    for (std::size_t c = 0; c < g.rule3.size(); ++c) {
      if (!g.rule3[c] && !g.common[c]) continue;
      const int b = static_cast<int>(c) / P, q = static_cast<int>(c) % P;
      Rational money = 0;  // q.(e_i - x_i)
      for (int h = 0; h < k; ++h)
        money += e.grid.price_of(q, h) * (e.traders[trader].endowment[h] - e.grid.amount(b, h));
      const T u = values[b] + from_rational<T>(money);
      if (g.rule3[c]) inner = inner + w3 * from_rational<T>(Rational(g.rule3[c])) * u;
      if (g.common[c]) inner = inner + wc * from_rational<T>(Rational(g.common[c])) * u;
    }
    total = total + weight * inner;
  }
  return total;
}

#define MECHCHECK_GSS_KIND(T)                                                                       \
  template std::vector<T> posterior<T>(const Interdependent&, const std::vector<int>&);             \
  template std::vector<T> posterior_by_joint<T>(const Interdependent&, const std::vector<int>&);    \
  template T conditional_probability<T>(const Interdependent&, int, const std::vector<int>&);       \
  template std::vector<T> conditional_values<T>(const Interdependent&, int, const std::vector<T>&); \
  template DemandSet price_taking_set<T>(const Economy&, const std::vector<T>&);                    \
  template T rule_weight<T>(const Economy&, int);                                                   \
  template T interim_utility<T>(const Economy&, const Interdependent&, int, int, const GEvaluation&);
MECHCHECK_GSS_KIND(Rational)
MECHCHECK_GSS_KIND(double)
#undef MECHCHECK_GSS_KIND

}  // namespace mechcheck::mat
