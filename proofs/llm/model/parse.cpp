// The [llm] table of a case file. Every rule broken is reported at its file, line and column.
#include "llm/model/economy.hpp"

#include <algorithm>

namespace mechcheck::llm {
namespace {

PiecewisePolynomial parse_cdf(const TomlNode& node, const Rational& lo, const Rational& hi, std::string& text) {
  if (node.is_string()) {
    std::string name = node.string();
    if (name == "uniform") {
      text = "uniform";
      return uniform_cdf(lo, hi);
    }
    node.fail("unknown CDF '" + name +
              "': write \"uniform\", { power = A }, { histogram = [...] } or "
              "{ breaks = [...], pieces = [[...], ...] }");
  }
  if (!node.is_table()) node.fail("a CDF is \"uniform\" or a table, found " + node.type_name());
  node.allow_only({"power", "histogram", "breaks", "pieces"});
  if (node.has("power")) {
    long long a = node.integer("power");
    if (a < 1 || a > 64)
      node.at("power").fail("the power a of F(t) = ((t-lo)/(hi-lo))^a must be an integer in [1, 64]");
    text = "power " + std::to_string(a);
    return power_cdf(lo, hi, static_cast<unsigned>(a));
  }
  if (node.has("histogram")) {
    TomlNode h = node.at("histogram");
    auto masses = h.rationals();
    if (masses.empty()) h.fail("a histogram needs at least one bin");
    Rational total = 0;
    auto elements = h.elements();
    for (std::size_t j = 0; j < masses.size(); ++j) {
      if (masses[j] < 0) elements[j].fail("a histogram bin's probability must be nonnegative");
      total += masses[j];
    }
    if (total != 1) h.fail("histogram probabilities must sum to 1, but they sum to " + to_string(total));
    text = "histogram";
    return histogram_cdf(lo, hi, masses);
  }
  if (node.has("breaks") || node.has("pieces")) {
    TomlNode b = node.at("breaks"), p = node.at("pieces");
    auto breaks = b.rationals();
    auto piece_nodes = p.elements();
    if (breaks.size() < 2) b.fail("breaks must list at least lo and hi");
    if (piece_nodes.size() + 1 != breaks.size())
      p.fail("there must be one piece per interval between breaks: " + std::to_string(breaks.size() - 1) +
             " expected, " + std::to_string(piece_nodes.size()) + " given");
    if (breaks.front() != lo || breaks.back() != hi)
      b.fail("breaks must start at lo = " + to_string(lo) + " and end at hi = " + to_string(hi));
    auto break_nodes = b.elements();
    for (std::size_t j = 0; j + 1 < breaks.size(); ++j)
      if (!(breaks[j] < breaks[j + 1])) break_nodes[j + 1].fail("breaks must increase strictly");
    std::vector<RationalPolynomial> pieces;
    for (const auto& pn : piece_nodes) {
      // Degree at most 64, as for { power = A }: exact root isolation on products of such
      // pieces grows past any memory (degree 200 aborted in FLINT).
      if (pn.elements().size() > 65) pn.fail("a piece has at most 65 coefficients (degree 64, as for power)");
      pieces.emplace_back(pn.rationals());
    }
    text = "piecewise";
    return PiecewisePolynomial(breaks, pieces);
  }
  node.fail("a CDF table needs one of: power, histogram, breaks and pieces");
}

// n nonnegative rationals summing to 1 (endowments).
std::vector<Rational> parse_unit_shares(const TomlNode& node, std::size_t n, const std::string& what,
                                        const std::string& symbol) {
  auto r = node.rationals();
  auto nodes = node.elements();
  if (r.size() != n)
    node.fail(what + " must list one " + symbol + " per agent: " + std::to_string(n) + " expected, " +
              std::to_string(r.size()) + " given");
  Rational total = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] < 0) nodes[i].fail(what + " must be nonnegative");
    total += r[i];
  }
  if (total != 1) node.fail(what + " must sum to the total supply 1, but they sum to " + to_string(total));
  return r;
}

bool same_cdf(const PiecewisePolynomial& a, const PiecewisePolynomial& b) {
  const PiecewisePolynomial d = a - b;
  for (const auto& p : d.pieces())
    if (!p.is_zero()) return false;
  return true;
}

// [llm.aggregate] (Section 5.1): states with probability alpha in (0, 1] summing to 1 and a
// common k(omega) in (0, 1] with n k(omega) > 1, for symmetric agents (F_i = F, k_i = k).
void parse_aggregate(const TomlNode& node, const std::vector<std::pair<TomlNode, std::size_t>>& agent_nodes,
                     Economy& economy) {
  node.allow_only({"states"});
  const Agent& first = economy.agents.front();
  for (const auto& [a, index] : agent_nodes) {
    const Agent& agent = economy.agents[index];
    if (!same_cdf(agent.cdf, first.cdf))
      a.at("cdf").fail("[llm.aggregate] needs symmetric agents (F_i = F for all i, Section 5.1), but agent " +
                       std::to_string(index + 1) + "'s CDF differs from agent 1's");
    if (agent.k != first.k)
      a.at("k").fail("[llm.aggregate] needs symmetric agents (k_i = k for all i, Section 5.1), but k_" +
                     std::to_string(index + 1) + " = " + to_string(agent.k) +
                     " differs from k_1 = " + to_string(first.k));
  }
  TomlNode states = node.at("states");
  auto elements = states.elements();
  if (elements.empty()) states.fail("[llm.aggregate] needs at least one state");
  const Rational n(static_cast<long>(economy.size()));
  std::vector<AggregateState> out;
  Rational total = 0;
  for (const auto& s : elements) {
    s.allow_only({"probability", "k"});
    AggregateState state{s.rational("probability"), s.rational("k")};
    if (!(state.probability > 0 && state.probability <= 1))
      s.at("probability")
          .fail("a state's probability alpha(omega) must lie in (0, 1], but it is " + to_string(state.probability));
    if (!(state.k > 0 && state.k <= 1)) s.at("k").fail("k(omega) must lie in (0, 1], but k = " + to_string(state.k));
    if (!(n * state.k > 1))
      s.at("k").fail("scarcity in every state: n k(omega) must be above 1, but it is " + to_string(n * state.k));
    total += state.probability;
    out.push_back(state);
  }
  if (total != 1) states.fail("state probabilities must sum to 1, but they sum to " + to_string(total));
  economy.aggregate = std::move(out);
}

// A type of the support [lo, hi], at its node.
Rational parse_type(const TomlNode& node, const Economy& economy) {
  const Rational t = node.rational();
  if (t < economy.lo || t > economy.hi)
    node.fail("a type must lie in the support [" + to_string(economy.lo) + ", " + to_string(economy.hi) +
              "], but it is " + to_string(t));
  return t;
}

// The most profiles [llm.surplus_grid] may name: each is reported as two values (its Pi and the
// profile itself), and a report of thousands of them is no longer read by anyone.
constexpr std::size_t max_surplus_profiles = 1000;

// [llm.surplus_grid]: `profiles = [[theta_1, ..., theta_n], ...]` (the profiles themselves) or
// `types = [[...], ..., [...]]` (one list of types per agent; the grid is their product, agent 1's
// type varying slowest). Every type in [lo, hi]; no profile, and no type of one agent, twice.
void parse_surplus_grid(const TomlNode& node, Economy& economy) {
  node.allow_only({"profiles", "types"});
  const std::string forms =
      "profiles = [[theta_1, ..., theta_n], ...] (the profiles) or types = [[agent 1's types], ..., [agent n's "
      "types]] (the grid is their product)";
  if (node.has("profiles") == node.has("types")) node.fail("[llm.surplus_grid] needs exactly one of " + forms);
  const std::size_t n = economy.size();
  auto count_text = [&](std::size_t given) {
    return std::to_string(n) + " expected, " + std::to_string(given) + " given";
  };
  std::vector<std::vector<Rational>> profiles;
  if (node.has("profiles")) {
    const TomlNode list = node.at("profiles");
    const auto rows = list.elements();
    if (rows.empty()) list.fail("profiles must list at least one type profile");
    if (rows.size() > max_surplus_profiles)
      list.fail("at most " + std::to_string(max_surplus_profiles) + " profiles, but " + std::to_string(rows.size()) +
                " are given");
    for (const auto& row : rows) {
      const auto cells = row.elements();
      if (cells.size() != n) row.fail("a profile lists one type per agent: " + count_text(cells.size()));
      std::vector<Rational> theta;
      for (const auto& cell : cells) theta.push_back(parse_type(cell, economy));
      for (std::size_t p = 0; p < profiles.size(); ++p)
        if (profiles[p] == theta) row.fail("this profile repeats profile " + std::to_string(p + 1));
      profiles.push_back(std::move(theta));
    }
  } else {
    const TomlNode list = node.at("types");
    const auto rows = list.elements();
    if (rows.size() != n) list.fail("types lists one array of types per agent: " + count_text(rows.size()));
    std::vector<std::vector<Rational>> types;
    std::size_t size = 1;
    for (const auto& row : rows) {
      const auto cells = row.elements();
      if (cells.empty()) row.fail("an agent's list of types must not be empty");
      std::vector<Rational> own;
      for (const auto& cell : cells) {
        const Rational t = parse_type(cell, economy);
        if (std::find(own.begin(), own.end(), t) != own.end())
          cell.fail("the type " + to_string(t) + " is listed twice");
        own.push_back(t);
      }
      size = size > max_surplus_profiles ? size : size * own.size();  // saturates once above the bound
      types.push_back(std::move(own));
    }
    if (size > max_surplus_profiles)
      list.fail("the product of these lists has more than " + std::to_string(max_surplus_profiles) + " profiles");
    // The product in odometer order, the last agent's type varying fastest.
    std::vector<std::size_t> at(n, 0);
    while (true) {
      std::vector<Rational> theta;
      for (std::size_t i = 0; i < n; ++i) theta.push_back(types[i][at[i]]);
      profiles.push_back(std::move(theta));
      std::size_t i = n;
      while (i > 0 && ++at[i - 1] == types[i - 1].size()) at[--i] = 0;
      if (i == 0) break;
    }
  }
  economy.surplus_profiles = std::move(profiles);
}

// [llm.fig1]: the sweep's rules that hold for any economy (llm.fig1's own preconditions add
// Figure 1's: the range within (0, k_2], points on both sides of the kink at 1/3).
void parse_figure1_sweep(const TomlNode& node, Economy& economy) {
  node.allow_only({"k1_range", "steps", "crossing_width"});
  if (node.has("k1_range")) {
    const TomlNode range = node.at("k1_range");
    const auto ends = range.rationals();
    if (ends.size() != 2) range.fail("k1_range must be [from, to]: k_1 runs over (from, to]");
    if (ends[0] < 0) range.elements()[0].fail("k1_range must start at 0 or above, but from = " + to_string(ends[0]));
    if (!(ends[0] < ends[1])) range.fail("k1_range = [from, to] needs from < to");
    if (ends[1] > 1) range.elements()[1].fail("k_1 is at most 1, but to = " + to_string(ends[1]));
    economy.figure1.k1_range = std::make_pair(ends[0], ends[1]);
  }
  if (node.has("steps")) {
    const long long steps = node.integer("steps");
    if (steps < 1 || steps > 1000) node.at("steps").fail("steps must be an integer in [1, 1000]");
    economy.figure1.steps = static_cast<unsigned>(steps);
  }
  if (node.has("crossing_width")) {
    const Rational width = node.rational("crossing_width");
    if (!(width > 0)) node.at("crossing_width").fail("crossing_width must be positive, but it is " + to_string(width));
    economy.figure1.crossing_width = width;
  }
}

}  // namespace

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.allow_only({"support", "holdings", "agent", "type_grid", "aggregate", "endowments", "pricing_slopes",
                    "surplus_grid", "fig1"});
  auto economy = std::make_shared<Economy>();
  TomlNode support = table.at("support");
  auto s = support.rationals();
  if (s.size() != 2) support.fail("support must be [lo, hi]");
  economy->lo = s[0];
  economy->hi = s[1];
  if (!(economy->lo < economy->hi)) support.fail("the support [lo, hi] needs lo < hi");
  if (!(economy->hi > 0)) support.fail("the support needs hi > 0 (some type must value the good)");

  std::vector<std::pair<TomlNode, std::size_t>> agent_nodes;  // each [[llm.agent]] and its first agent
  for (const auto& a : table.at("agent").elements()) {
    agent_nodes.emplace_back(a, economy->agents.size());
    a.allow_only({"k", "cdf", "count"});
    Agent agent;
    agent.k = a.rational("k");
    if (!(agent.k > 0 && agent.k <= 1)) a.at("k").fail("k_i must lie in (0, 1], but k = " + to_string(agent.k));
    TomlNode cdf = a.at("cdf");
    agent.cdf = parse_cdf(cdf, economy->lo, economy->hi, agent.cdf_text);
    if (auto rule = cdf_rule_broken(agent.cdf, economy->lo, economy->hi)) cdf.fail(*rule);
    long long count = a.has("count") ? a.integer("count") : 1;
    if (count < 1 || count > 64) a.at("count").fail("count must be an integer in [1, 64]");
    for (long long c = 0; c < count; ++c) economy->agents.push_back(agent);
  }
  if (economy->agents.size() < 2) table.at("agent").fail("the llm model needs at least two agents");
  Rational total_k = 0;
  for (const auto& a : economy->agents) total_k += a.k;
  if (!(total_k > 1))
    table.at("agent").fail("scarcity: the sum of the k_i must be above 1, but it is " + to_string(total_k));

  if (table.has("type_grid")) {
    long long g = table.integer("type_grid");
    if (g < 1 || g > 1000) table.at("type_grid").fail("type_grid must be an integer in [1, 1000]");
    economy->type_grid = static_cast<unsigned>(g);
  }

  if (table.has("surplus_grid")) parse_surplus_grid(table.at("surplus_grid"), *economy);
  if (table.has("fig1")) parse_figure1_sweep(table.at("fig1"), *economy);
  if (table.has("aggregate")) parse_aggregate(table.at("aggregate"), agent_nodes, *economy);
  if (table.has("endowments"))
    economy->endowments = parse_unit_shares(table.at("endowments"), economy->size(), "endowments", "e_i");
  if (table.has("pricing_slopes")) {
    TomlNode p = table.at("pricing_slopes");
    auto s = p.rationals();
    if (s.size() != 2) p.fail("pricing_slopes must be [below, above]: the slopes of P left and right of 0");
    auto nodes = p.elements();
    for (std::size_t j = 0; j < 2; ++j)
      if (s[j] < 0) nodes[j].fail("pricing slopes must be nonnegative (P is nondecreasing)");
    economy->pricing_slopes = std::make_pair(s[0], s[1]);
  }

  TomlNode holdings = table.at("holdings");
  if (holdings.is_string()) {
    if (holdings.string() != "r_star") holdings.fail("holdings are \"r_star\" or an array of n rationals");
  } else {
    auto r = holdings.rationals();
    auto nodes = holdings.elements();
    if (r.size() != economy->agents.size())
      holdings.fail("holdings must list one r_i per agent: " + std::to_string(economy->agents.size()) + " expected, " +
                    std::to_string(r.size()) + " given");
    Rational total = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (r[i] < 0) nodes[i].fail("holdings must be nonnegative");
      total += r[i];
    }
    if (total != 1) holdings.fail("holdings must sum to the total supply 1, but they sum to " + to_string(total));
    economy->holdings = r;
  }
  return economy;
}

}  // namespace mechcheck::llm
