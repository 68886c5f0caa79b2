#include "finite/model/rules.hpp"

#include "mechcheck/cases/input_error.hpp"

namespace mechcheck::finite {

namespace {

std::vector<Rational> sure_outcome(const Economy& e, std::size_t o) {
  std::vector<Rational> p(e.outcomes.size(), Rational(0));
  p[o] = 1;
  return p;
}

std::size_t outcome_named(const Economy& e, const TomlNode& node, const std::string& name) {
  for (std::size_t o = 0; o < e.outcomes.size(); ++o)
    if (e.outcomes[o] == name) return o;
  node.fail("'" + name + "' is not one of the outcomes");
}

// `outcome = "name"` (a sure outcome) or `outcome = { name = p, ... }` (a lottery: each p >= 0,
// summing to 1; outcomes not named have probability 0).
std::vector<Rational> parse_lottery(const Economy& e, const TomlNode& node) {
  if (node.is_string()) return sure_outcome(e, outcome_named(e, node, node.string()));
  if (!node.is_table())
    node.fail("outcome must be an outcome's name or a lottery { name = probability, ... }, found " + node.type_name());
  std::vector<Rational> p(e.outcomes.size(), Rational(0));
  Rational sum = 0;
  for (const std::string& name : node.keys()) {
    const TomlNode entry = node.at(name);
    const Rational q = entry.rational();
    if (q < 0) entry.fail("a probability must be >= 0, but it is " + to_string(q));
    p[outcome_named(e, entry, name)] = q;
    sum += q;
  }
  if (sum != 1) node.fail("a lottery's probabilities must sum to 1, but they sum to " + to_string(sum));
  return p;
}

void build_table(Economy& e, const TomlNode& mechanism) {
  const TomlNode rows = mechanism.at("row");
  std::vector<bool> seen(e.profile_count(), false);
  e.lottery.assign(e.profile_count(), {});
  e.payments.assign(e.profile_count(), {});
  for (const TomlNode& row : rows.elements()) {
    row.allow_only({"types", "outcome", "payments"});
    const std::size_t r = parse_profile(e, row.at("types"));
    if (seen[r]) row.at("types").fail("reported profile " + profile_text(e, r) + " has a row already");
    seen[r] = true;
    e.lottery[r] = parse_lottery(e, row.at("outcome"));
    const TomlNode payments = row.at("payments");
    const std::vector<TomlNode> entries = payments.elements();
    if (entries.size() != e.agents.size())
      payments.fail("payments: one per agent (" + std::to_string(e.agents.size()) + "), found " +
                    std::to_string(entries.size()));
    for (const TomlNode& x : entries) e.payments[r].push_back(x.rational());
  }
  for (std::size_t r = 0; r < seen.size(); ++r)
    if (!seen[r])
      rows.fail("[[finite.mechanism.row]] has one row per reported profile; " + profile_text(e, r) + " has none (" +
                std::to_string(e.profile_count()) + " profiles)");
  e.rule_summary = "a table of " + std::to_string(e.profile_count()) + " reported profiles";
}

// sum_{j != i} v_j(o, t_j) - c(o): the others' surplus from outcome o at profile t.
Rational others_surplus(const Economy& e, std::size_t profile, std::size_t agent, std::size_t o) {
  const std::vector<std::size_t> t = profile_types(e, profile);
  Rational sum = -e.costs[o];
  for (std::size_t j = 0; j < t.size(); ++j)
    if (j != agent) sum += e.agents[j].values[t[j]][o];
  return sum;
}

// VCG with the Clarke pivot: the efficient outcome o* (first maximizer), and agent i pays
// max_o sum_{j != i} (v_j(o) - c(o)) - sum_{j != i} (v_j(o*) - c(o*)), the externality it imposes
// (the second-highest value in a single-object auction).
void build_vcg(Economy& e) {
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::size_t chosen = efficient_outcome(e, r);
    e.lottery.push_back(sure_outcome(e, chosen));
    std::vector<Rational> pay;
    for (std::size_t i = 0; i < e.agents.size(); ++i) {
      Rational best = others_surplus(e, r, i, 0);
      for (std::size_t o = 1; o < e.outcomes.size(); ++o) best = std::max(best, others_surplus(e, r, i, o));
      pay.push_back(best - others_surplus(e, r, i, chosen));
    }
    e.payments.push_back(std::move(pay));
  }
  e.rule_summary = "VCG (Clarke pivot): efficient outcome, first in the case's order among ties";
}

// AGV (d'Aspremont and Gerard-Varet 1979, Arrow 1979): the efficient outcome; agent i receives
// xi_i(t_i) = E_{t_-i}[sum_{j != i} v_j(o*(t), t_j)] and pays (1/(n-1)) sum_{j != i} xi_j(t_j), so
// the payments sum to 0 at every profile (independent prior, no costs).
void build_agv(Economy& e, const TomlNode& rule) {
  if (!e.independent_prior) rule.fail("rule \"agv\" needs an independent prior (probabilities per agent)");
  if (e.agents.size() < 2) rule.fail("rule \"agv\" needs at least two agents");
  for (const Rational& c : e.costs)
    if (c != 0) rule.fail("rule \"agv\" needs every outcome's cost to be 0 (its payments sum to 0)");
  const std::size_t n = e.agents.size();
  std::vector<std::size_t> chosen(e.profile_count());
  for (std::size_t r = 0; r < e.profile_count(); ++r) chosen[r] = efficient_outcome(e, r);
  // xi[i][k] = sum over t_-i of P_-i(t_-i) * others' value, with t_i = k.
  std::vector<std::vector<Rational>> xi(n);
  for (std::size_t i = 0; i < n; ++i) {
    xi[i].assign(e.agents[i].types.size(), Rational(0));
    for (std::size_t r = 0; r < e.profile_count(); ++r) {
      const std::size_t k = profile_types(e, r)[i];
      // P(t) / P_i(t_i) = P_-i(t_-i) under independence.
      xi[i][k] += e.prior[r] / e.agents[i].marginal[k] * others_surplus(e, r, i, chosen[r]);
    }
  }
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::vector<std::size_t> t = profile_types(e, r);
    e.lottery.push_back(sure_outcome(e, chosen[r]));
    std::vector<Rational> pay;
    for (std::size_t i = 0; i < n; ++i) {
      Rational others = 0;
      for (std::size_t j = 0; j < n; ++j)
        if (j != i) others += xi[j][t[j]];
      pay.push_back(others / Rational(static_cast<long long>(n - 1)) - xi[i][t[i]]);
    }
    e.payments.push_back(std::move(pay));
  }
  e.rule_summary = "AGV (expected externality): efficient outcome, first in the case's order among ties";
}

// Bilateral trade: agent 1 the buyer (quantities [0, 1]), agent 2 the seller ([0, -1]), outcomes
// [no trade, trade], no costs; a type is the buyer's value or the seller's cost.
void require_bilateral_trade(const Economy& e, const TomlNode& rule, const std::string& name) {
  const std::string shape =
      "rule \"" + name +
      "\" needs a bilateral-trade market: two agents, two outcomes (no trade, trade) without costs, the buyer "
      "(agent 1) with quantities [0, 1] and the seller (agent 2) with quantities [0, -1]";
  if (!is_bilateral_trade(e)) rule.fail(shape);
}

// Trade at `price` when `trade` says so; the buyer pays the price and the seller receives it.
template <class Trade, class Price>
void build_bilateral(Economy& e, Trade trade, Price price) {
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::vector<std::size_t> t = profile_types(e, r);
    const Rational& b = e.agents[0].types[t[0]];
    const Rational& s = e.agents[1].types[t[1]];
    if (trade(b, s)) {
      const Rational p = price(b, s);
      e.lottery.push_back(sure_outcome(e, 1));
      e.payments.push_back({p, -p});
    } else {
      e.lottery.push_back(sure_outcome(e, 0));
      e.payments.push_back({Rational(0), Rational(0)});
    }
  }
}

void build_posted_price(Economy& e, const TomlNode& mechanism) {
  require_bilateral_trade(e, mechanism.at("rule"), "posted_price");
  const Rational price = mechanism.rational("price");
  // Trade when both accept, ties included: b >= p >= s.
  build_bilateral(
      e, [&](const Rational& b, const Rational& s) { return b >= price && s <= price; },
      [&](const Rational&, const Rational&) -> Rational { return price; });
  e.rule_summary = "posted price " + to_string(price) + ": trade when b >= p >= s";
}

void build_k_double_auction(Economy& e, const TomlNode& mechanism) {
  require_bilateral_trade(e, mechanism.at("rule"), "k_double_auction");
  const TomlNode node = mechanism.at("k");
  const Rational k = node.rational();
  if (k < 0 || k > 1) node.fail("k must be in [0, 1], but it is " + to_string(k));
  // Chatterjee and Samuelson (1983): trade when b >= s at the price k b + (1 - k) s.
  build_bilateral(
      e, [](const Rational& b, const Rational& s) { return b >= s; },
      [&](const Rational& b, const Rational& s) -> Rational { return k * b + (1 - k) * s; });
  e.rule_summary = "k-double auction, k = " + to_string(k) + ": trade when b >= s at k b + (1 - k) s";
}

}  // namespace

bool is_bilateral_trade(const Economy& e) {
  if (e.agents.size() != 2 || e.outcomes.size() != 2) return false;
  const auto& b = e.agents[0].quantities;
  const auto& s = e.agents[1].quantities;
  if (!b || !s || (*b)[0] != 0 || (*b)[1] != 1 || (*s)[0] != 0 || (*s)[1] != -1) return false;
  return e.costs[0] == 0 && e.costs[1] == 0;
}

std::size_t efficient_outcome(const Economy& e, std::size_t profile) {
  std::size_t best = 0;
  Rational best_surplus = outcome_surplus(e, profile, 0);
  for (std::size_t o = 1; o < e.outcomes.size(); ++o) {
    const Rational s = outcome_surplus(e, profile, o);
    if (s > best_surplus) best = o, best_surplus = s;
  }
  return best;
}

void build_mechanism(Economy& e, const TomlNode& mechanism) {
  const TomlNode rule = mechanism.at("rule");
  e.rule = rule.string();
  if (e.rule == "table") {
    mechanism.allow_only({"rule", "row"});
    build_table(e, mechanism);
  } else if (e.rule == "vcg" || e.rule == "second_price" || e.rule == "pivot") {
    mechanism.allow_only({"rule"});
    build_vcg(e);
  } else if (e.rule == "agv") {
    mechanism.allow_only({"rule"});
    build_agv(e, rule);
  } else if (e.rule == "posted_price") {
    mechanism.allow_only({"rule", "price"});
    build_posted_price(e, mechanism);
  } else if (e.rule == "k_double_auction") {
    mechanism.allow_only({"rule", "k"});
    build_k_double_auction(e, mechanism);
  } else {
    rule.fail("unknown rule '" + e.rule +
              "' (one of table, vcg, second_price, pivot, agv, posted_price, k_double_auction)");
  }
}

}  // namespace mechcheck::finite
