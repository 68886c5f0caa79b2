// The [mat] table of a case file. Every rule broken is reported at its file, line and column.
#include "mat/model/economy.hpp"

#include <set>

namespace mechcheck::mat {
namespace {

int small_integer(const TomlNode& node, long long lo, long long hi, const std::string& rule) {
  if (!node.is_integer()) node.fail(rule + " (an integer), found " + node.type_name());
  long long v = node.integer();
  if (v < lo || v > hi) node.fail(rule + ", but it is " + std::to_string(v));
  return static_cast<int>(v);
}

template <class Enum>
Enum choice(const TomlNode& table, const std::string& key, Enum fallback,
            const std::vector<std::pair<std::string, Enum>>& options) {
  if (!table.has(key)) return fallback;
  TomlNode node = table.at(key);
  std::string text = node.string();
  std::string names;
  for (auto& [name, value] : options) {
    if (name == text) return value;
    names += (names.empty() ? "\"" : ", \"") + name + "\"";
  }
  node.fail(key + " must be one of " + names + ", found \"" + text + "\"");
}

MoneyUtility parse_money(const TomlNode& node) {
  MoneyUtility w;
  if (!node.is_array()) node.fail("money is an array of [slope, intercept] pairs: w(m) = min_j (a_j m + b_j)");
  auto pieces = node.elements();
  if (pieces.empty()) node.fail("money needs at least one [slope, intercept] piece (omit it for w(m) = m)");
  for (auto& piece : pieces) {
    auto ab = piece.rationals();
    if (ab.size() != 2)
      piece.fail("each money piece is [slope, intercept], two numbers, found " + std::to_string(ab.size()));
    w.pieces.emplace_back(ab[0], ab[1]);
  }
  return w;
}

void parse_dominance(const TomlNode& node, Economy& e) {
  if (!node.is_table()) node.fail("mat.dominance must be a table ([mat.dominance]), found " + node.type_name());
  node.allow_only({"traders", "mixed", "symmetry"});
  if (node.has("traders")) {
    TomlNode list = node.at("traders");
    auto elements = list.elements();
    if (elements.empty()) list.fail("traders lists at least one trader (1-based), or is omitted");
    std::set<int> seen;
    for (auto& t : elements) {
      int i =
          small_integer(t, 1, e.trader_count(), "a trader number must lie in 1.." + std::to_string(e.trader_count()));
      if (!seen.insert(i).second) t.fail("trader " + std::to_string(i) + " is listed twice");
      e.dominance.traders.push_back(i - 1);
    }
  }
  if (node.has("mixed")) e.dominance.mixed = node.at("mixed").boolean();
  if (node.has("symmetry")) e.dominance.symmetry = node.at("symmetry").boolean();
}

std::vector<int> bundle_list(const TomlNode& node, const Economy& e, const std::string& what) {
  auto elements = node.elements();
  if (static_cast<int>(elements.size()) != e.group_size)
    node.fail(what + " lists one bundle per member of group 1 (n = " + std::to_string(e.group_size) + "), found " +
              std::to_string(elements.size()));
  std::vector<int> bundles;
  for (auto& x : elements) {
    if (e.grid.goods != 1) x.fail(what + ": worked examples are written for k = 1 (one amount per trader)");
    bundles.push_back(small_integer(x, 0, e.grid.bound, what + ": an amount must lie in {0..l}"));
  }
  return bundles;
}

void parse_example(const TomlNode& node, Economy& e) {
  if (!node.is_table()) node.fail("mat.example must be a table ([mat.example]), found " + node.type_name());
  node.allow_only({"demands", "paper_n_tilde", "paper_x"});
  WorkedExample w;
  w.demands = bundle_list(node.at("demands"), e, "demands");
  w.paper_n_tilde = small_integer(node.at("paper_n_tilde"), 0, e.group_size, "paper_n_tilde must lie in 0..n");
  w.paper_x = bundle_list(node.at("paper_x"), e, "paper_x");
  e.example = w;
}

}  // namespace

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.allow_only({"goods", "bound", "price_grid", "groups", "epsilon", "price_tie_break", "trading_price",
                    "underline_n", "rule2_supply", "trader", "dominance", "example", "interdependent", "convergence"});
  auto e = std::make_shared<Economy>();
  e->grid.goods = small_integer(table.at("goods"), 1, 4, "goods = k must lie in 1..4");
  e->grid.bound = small_integer(table.at("bound"), 2, 64, "bound = l must lie in 2..64 (the paper has l >= 2)");
  e->grid.price_grid = small_integer(table.at("price_grid"), 1, 1000, "price_grid = T must lie in 1..1000");
  try {
    e->grid.bundle_count();
    e->grid.price_count();
  } catch (const std::overflow_error& error) {
    table.at("goods").fail(std::string("the grid is too large: ") + error.what());
  }
  e->groups = small_integer(table.at("groups"), 2, 1000, "groups = r must lie in 2..1000 (the paper has r >= 2)");
  TomlNode eps = table.at("epsilon");
  e->epsilon = eps.rational();
  if (e->epsilon < 0 || e->epsilon >= Rational(1, 3))
    eps.fail(
        "epsilon must lie in [0, 1/3) (the paper takes it in (0, 1/3); claims that need epsilon > 0 check it "
        "as the hypothesis epsilon_positive), but epsilon = " +
        mechcheck::to_string(e->epsilon));
  e->tie_break = choice(table, "price_tie_break", TieBreak::lowest,
                        {{"lowest", TieBreak::lowest}, {"highest", TieBreak::highest}});
  e->trading_price = choice(table, "trading_price", TradingPrice::other_group,
                            {{"other_group", TradingPrice::other_group},
                             {"own_group", TradingPrice::own_group},
                             {"outside_group", TradingPrice::outside_group}});
  e->underline_n = choice(table, "underline_n", UnderlineN::literal,
                          {{"literal", UnderlineN::literal}, {"example", UnderlineN::example}});
  e->rule2_supply = choice(table, "rule2_supply", Rule2Supply::total,
                           {{"total", Rule2Supply::total}, {"literal_group", Rule2Supply::literal_group}});

  const int k = e->grid.goods, l = e->grid.bound, bundles = e->grid.bundle_count();
  TomlNode list = table.at("trader");
  auto types = list.elements();
  if (types.empty()) list.fail("[[mat.trader]] needs at least one trader");
  for (std::size_t t = 0; t < types.size(); ++t) {
    const TomlNode& node = types[t];
    const std::string who = "trader type " + std::to_string(t + 1);
    if (!node.is_table()) node.fail(who + " must be a table ([[mat.trader]])");
    node.allow_only({"endowment", "values", "money", "count"});
    Trader trader;
    TomlNode endowment = node.at("endowment");
    auto amounts = endowment.elements();
    if (static_cast<int>(amounts.size()) != k)
      endowment.fail(who + ": endowment lists e_i(h) for the k = " + std::to_string(k) + " goods, found " +
                     std::to_string(amounts.size()));
    for (auto& a : amounts)
      trader.endowment.push_back(small_integer(
          a, 0, l - 1, who + ": an endowment e_i(h) must lie in {0..l-1} = {0.." + std::to_string(l - 1) + "}"));
    TomlNode values = node.at("values");
    trader.value = values.rationals();
    if (static_cast<int>(trader.value.size()) != bundles)
      values.fail(who + ": values lists v_i(x) for all (l+1)^k = " + std::to_string(bundles) +
                  " bundles in lexicographic order, found " + std::to_string(trader.value.size()));
    if (node.has("money")) trader.money = parse_money(node.at("money"));
    int count =
        node.has("count") ? small_integer(node.at("count"), 1, 100000, who + ": count must lie in 1..100000") : 1;
    for (int c = 0; c < count; ++c) e->traders.push_back(trader);
  }
  const int N = e->trader_count();
  if (N % e->groups != 0 || N / e->groups < 2)
    list.fail("the traders (" + std::to_string(N) + " of them) must fill r = " + std::to_string(e->groups) +
              " groups of n >= 2 traders each");
  e->group_size = N / e->groups;
  if (N < l)
    list.fail("the paper requires nr >= l (Section 2), but nr = " + std::to_string(N) + " < l = " + std::to_string(l));
  for (int h = 0; h < k; ++h) {
    long long supply = 0;
    for (auto& trader : e->traders) supply += trader.endowment[h];
    if (supply < l)
      list.fail("(1) requires sum_i e_i(h) >= l for every good, but good " + std::to_string(h + 1) + " has total " +
                std::to_string(supply) + " < l = " + std::to_string(l));
  }
  if (table.has("dominance")) parse_dominance(table.at("dominance"), *e);
  if (table.has("example")) parse_example(table.at("example"), *e);
  if (table.has("interdependent")) e->interdependent = parse_interdependent(table.at("interdependent"), *e);
  if (table.has("convergence")) e->convergence = parse_convergence(table.at("convergence"), *e);
  return e;
}

}  // namespace mechcheck::mat
