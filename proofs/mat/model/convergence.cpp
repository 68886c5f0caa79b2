// mat.convergence: replicated economies, sampled permutations, exact per-draw quantities
// (convergence.hpp documents the table, the sampling and every choice).
#include "mat/model/convergence.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace mechcheck::mat {
namespace {

constexpr long long max_traders = 20000;

int integer_in(const TomlNode& node, long long lo, long long hi, const std::string& rule) {
  if (!node.is_integer()) node.fail(rule + " (an integer), found " + node.type_name());
  const long long v = node.integer();
  if (v < lo || v > hi) node.fail(rule + ", but it is " + std::to_string(v));
  return static_cast<int>(v);
}

}  // namespace

const char* to_string(DemandPick p) { return p == DemandPick::smallest ? "smallest" : "largest"; }

std::shared_ptr<const ConvergenceStudy> parse_convergence(const TomlNode& table, const Economy& e) {
  if (!table.is_table()) table.fail("mat.convergence must be a table ([mat.convergence]), found " + table.type_name());
  table.allow_only({"replications", "draws", "seed", "demand", "max_price_gap", "min_served"});
  auto s = std::make_shared<ConvergenceStudy>();
  const long long base = e.trader_count();
  if (table.has("replications")) {
    TomlNode list = table.at("replications");
    if (!list.is_array()) list.fail("replications is an array of replication factors m, e.g. [1, 2, 4, 8]");
    auto elements = list.elements();
    if (elements.size() < 2)
      list.fail("replications lists at least two sizes (the claim compares the largest with the smallest), found " +
                std::to_string(elements.size()));
    s->replications.clear();
    for (auto& x : elements) {
      const int m = integer_in(x, 1, max_traders / base,
                               "a replication factor m must lie in 1.." + std::to_string(max_traders / base) +
                                   " (m nr <= " + std::to_string(max_traders) +
                                   " traders, here nr = " + std::to_string(base) + ")");
      if (!s->replications.empty() && m <= s->replications.back())
        x.fail("replications must be strictly increasing (n grows along the list), but " + std::to_string(m) +
               " follows " + std::to_string(s->replications.back()));
      s->replications.push_back(m);
    }
  }
  if (table.has("draws")) s->draws = integer_in(table.at("draws"), 1, 100000, "draws must lie in 1..100000");
  if (table.has("seed")) {
    TomlNode seed = table.at("seed");
    s->seed = static_cast<std::uint64_t>(
        integer_in(seed, 0, std::numeric_limits<int>::max(),
                   "seed must be an integer in 0.." + std::to_string(std::numeric_limits<int>::max())));
  }
  if (table.has("demand")) {
    TomlNode d = table.at("demand");
    const std::string text = d.string();
    if (text == "smallest") s->pick = DemandPick::smallest;
    else if (text == "largest") s->pick = DemandPick::largest;
    else
      d.fail("demand must be one of \"smallest\", \"largest\" (which element of argmax_x u_i(x, p)), found \"" + text +
             "\"");
  }
  s->max_price_gap = Rational(1, 2 * e.grid.price_grid);
  if (table.has("max_price_gap")) {
    TomlNode g = table.at("max_price_gap");
    s->max_price_gap = g.rational();
    if (s->max_price_gap < 0) g.fail("max_price_gap must be >= 0, but it is " + mechcheck::to_string(s->max_price_gap));
  }
  if (table.has("min_served")) {
    TomlNode g = table.at("min_served");
    s->min_served = g.rational();
    if (s->min_served < 0 || s->min_served > 1)
      g.fail("min_served must lie in [0, 1] (a share n-tilde/n), but it is " + mechcheck::to_string(s->min_served));
  }
  if (convergence_work(e, *s) > max_convergence_work) {
    ConvergenceStudy one = *s;
    one.draws = 1;
    const TomlNode where = table.has("draws") ? table.at("draws") : table;
    where.fail("the study would read about " + std::to_string(convergence_work(e, one)) +
               " demand entries per draw x " + std::to_string(s->draws) + " draws, more than " +
               std::to_string(max_convergence_work) + " in all: take fewer draws or smaller replication factors");
  }
  return s;
}

ConvergenceStudy default_convergence_study(const Economy& e) {
  ConvergenceStudy s;
  s.max_price_gap = Rational(1, 2 * e.grid.price_grid);
  if (static_cast<long long>(s.replications.back()) * e.trader_count() > max_traders ||
      convergence_work(e, s) > max_convergence_work)
    throw InputError("the default convergence study (replications " + std::to_string(s.replications.front()) + ".." +
                     std::to_string(s.replications.back()) + ", " + std::to_string(s.draws) +
                     " draws) is too large for " + std::to_string(e.trader_count()) +
                     " traders: add a smaller [mat.convergence] table");
  return s;
}

long long convergence_work(const Economy& e, const ConvergenceStudy& study) {
  // Every draw reads each trader's demand at every price for every good about twice (its own
  // group's clearing price, and as the precedent group's).
  // (At most 20000 traders per size, 10^6 prices and 4 goods: each term < 2^38; the product
  // with the draws saturates instead of overflowing.)
  long long per_draw = 0;
  for (int m : study.replications) per_draw += 2LL * m * e.trader_count() * e.grid.price_count() * e.grid.goods;
  if (study.draws > 0 && per_draw > std::numeric_limits<long long>::max() / study.draws)
    return std::numeric_limits<long long>::max();
  return per_draw * study.draws;
}

Economy replicate(const Economy& e, int m) {
  Economy r = e;
  r.traders.clear();
  r.traders.reserve(static_cast<std::size_t>(m) * e.traders.size());
  for (int c = 0; c < m; ++c) r.traders.insert(r.traders.end(), e.traders.begin(), e.traders.end());
  r.group_size = r.trader_count() / r.groups;
  r.dominance = DominanceOptions{};
  r.example.reset();
  return r;
}

std::vector<DemandFunction> price_taking_demands(const Economy& e, DemandPick pick) {
  std::vector<DemandFunction> out;
  for (int i = 0; i < e.trader_count(); ++i) {
    const auto sets = e.price_taking_bundles(i);
    DemandFunction d(sets.size());
    for (std::size_t p = 0; p < sets.size(); ++p)
      d[p] = pick == DemandPick::smallest ? *std::min_element(sets[p].begin(), sets[p].end())
                                          : *std::max_element(sets[p].begin(), sets[p].end());
    out.push_back(std::move(d));
  }
  return out;
}

Rational price_distance(const Grid& grid, int p, int q) {
  int worst = 0;
  for (int h = 0; h < grid.goods; ++h)
    worst = std::max(worst, std::abs(grid.price_numerator(p, h) - grid.price_numerator(q, h)));
  return Rational(worst, grid.price_grid);
}

long long aggregate_gap(const Economy& e, const Profile& profile, int price) {
  long long gap = 0;
  for (int h = 0; h < e.grid.goods; ++h) {
    long long excess = 0;
    for (int i = 0; i < e.trader_count(); ++i)
      excess += e.grid.amount((*profile[i])[price], h) - e.traders[i].endowment[h];
    gap += excess < 0 ? -excess : excess;
  }
  return gap;
}

std::vector<int> sample_permutation(std::mt19937_64& engine, int size) {
  std::vector<int> order(size);
  std::iota(order.begin(), order.end(), 0);
  for (int j = size - 1; j >= 1; --j) {
    const std::uint64_t range = static_cast<std::uint64_t>(j) + 1;
    // 2^64 mod range, computed in 64 bits: (2^64 - range) mod range.
    const std::uint64_t excess = (0 - range) % range;
    std::uint64_t x;
    do x = engine();
    while (excess != 0 && x >= 0 - excess);  // reject x >= 2^64 - (2^64 mod range)
    std::swap(order[j], order[static_cast<std::size_t>(x % range)]);
  }
  return order;
}

std::mt19937_64 convergence_engine(std::uint64_t seed, int replication) {
  std::seed_seq seq{static_cast<std::uint32_t>(seed & 0xffffffffu), static_cast<std::uint32_t>(seed >> 32),
                    static_cast<std::uint32_t>(replication)};
  return std::mt19937_64(seq);
}

std::vector<GroupDraw> evaluate_draw(const Economy& e, const Profile& profile, std::span<const int> order,
                                     int competitive_price) {
  Allocation a;
  a.resize(e);
  std::vector<GroupRationing> rationing;
  rule1_allocation(e, order, profile, a, &rationing);
  std::vector<GroupDraw> out(e.groups);
  const int n = e.group_size;
  for (int beta = 0; beta < e.groups; ++beta) {
    GroupDraw& g = out[beta];
    g.clearing_price = clearing_price(e, order.subspan(static_cast<std::size_t>(beta) * n, n), profile);
    g.trading_price = a.price[order[static_cast<std::size_t>(beta) * n]];
    g.price_gap = price_distance(e.grid, g.clearing_price, competitive_price);
    g.rationing = rationing[beta];
  }
  return out;
}

ConvergenceTable run_convergence(const Economy& e, const ConvergenceStudy& study,
                                 const std::vector<DemandFunction>* announced,
                                 const std::function<void(double)>& progress) {
  const std::vector<DemandFunction> taking = price_taking_demands(e, study.pick);
  const std::vector<DemandFunction>& said = announced ? *announced : taking;
  if (static_cast<int>(said.size()) != e.trader_count())
    throw std::invalid_argument("run_convergence: one announced demand function per trader of the case is needed");
  ConvergenceTable table;
  long long total = 0, done = 0;
  for (int m : study.replications) total += m;
  for (int m : study.replications) {
    const Economy big = replicate(e, m);
    const int N = big.trader_count(), n = big.group_size, N0 = e.trader_count();
    Profile price_taking(N), profile(N);
    for (int i = 0; i < N; ++i) {
      price_taking[i] = &taking[i % N0];
      profile[i] = &said[i % N0];
    }
    std::vector<int> everyone(N);
    std::iota(everyone.begin(), everyone.end(), 0);
    SizeSummary s;
    s.replication = m;
    s.traders = N;
    s.group_size = n;
    s.competitive_price = clearing_price(big, everyone, price_taking);
    s.competitive_gap = aggregate_gap(big, price_taking, s.competitive_price);
    s.draws = study.draws;
    s.group_draws = study.draws * big.groups;
    Rational gap_sum = 0;
    long long at_competitive = 0, served = 0, n_bar = 0, n_underline = 0;
    int worst_tilde = n + 1;
    std::mt19937_64 engine = convergence_engine(study.seed, m);
    for (int draw = 0; draw < study.draws; ++draw) {
      const std::vector<int> order = sample_permutation(engine, N);
      for (const GroupDraw& g : evaluate_draw(big, profile, order, s.competitive_price)) {
        gap_sum += g.price_gap;
        if (g.price_gap > s.worst_price_gap) s.worst_price_gap = g.price_gap;
        at_competitive += g.clearing_price == s.competitive_price;
        served += g.rationing.n_tilde;
        n_bar += g.rationing.n_bar;
        n_underline += std::min(g.rationing.n_underline - 1, n);
        if (g.rationing.n_tilde < worst_tilde) {
          worst_tilde = g.rationing.n_tilde;
          s.worst_served_draw = draw;
        }
      }
      if (progress && (draw + 1) % 16 == 0)
        progress((static_cast<double>(done) + static_cast<double>(m) * (draw + 1) / study.draws) /
                 static_cast<double>(total));
    }
    done += m;
    const Rational groups(s.group_draws), members(static_cast<long long>(s.group_draws) * n);
    s.mean_price_gap = gap_sum / groups;
    s.at_competitive = Rational(at_competitive) / groups;
    s.mean_served = Rational(served) / members;
    s.worst_served = Rational(worst_tilde, n);
    s.mean_n_bar = Rational(n_bar) / members;
    s.mean_n_underline = Rational(n_underline) / members;
    table.sizes.push_back(s);
  }
  if (progress) progress(1.0);
  return table;
}

}  // namespace mechcheck::mat
