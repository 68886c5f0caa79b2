// The [ly] table of a case file. Every rule broken is reported at its file, line and column.
//
//   [ly]
//   prior = ["1/2", "1/2"]          # mu0(v_lo), mu0(v_hi), both in (0, 1), sum 1
//   buyer_value = ["1", "3"]        # u^b(v_lo), u^b(v_hi)
//   seller_value = ["0", "1"]       # u^s(v_lo), u^s(v_hi)
//   cost_scale = "1"                # kappa > 0: C(sigma^p) = kappa I(V; S^p)
//   alpha_lo = [["1/4", "0"], ["0", "1/4"]]   # alpha_ij(v_lo), rows = buyer signals
//   alpha_hi = [["3/8", "0"], ["0", "1/8"]]
//   q = [["1", "1"], ["1", "1"]]              # optional (all three or none): trade probabilities
//   t_buyer = [[...]]                         # paid by the buyer
//   t_seller = [[...]]                        # received by the seller
#include "ly/model/economy.hpp"

namespace mechcheck::ly {
namespace {

constexpr std::size_t max_signals = 8;

std::array<Rational, 2> pair_of(const TomlNode& node, const std::string& what) {
  auto x = node.rationals();
  if (x.size() != 2) node.fail(what + " must list two numbers: [v_lo, v_hi]");
  return {x[0], x[1]};
}

Matrix parse_matrix(const TomlNode& node, const std::string& name, std::size_t rows, std::size_t cols) {
  auto row_nodes = node.elements();
  if (rows == 0) {
    if (row_nodes.empty()) node.fail(name + " needs at least one row (one per buyer signal)");
    if (row_nodes.size() > max_signals)
      node.fail(name + " has " + std::to_string(row_nodes.size()) + " rows: at most " + std::to_string(max_signals) +
                " buyer signals are supported");
    rows = row_nodes.size();
  }
  if (row_nodes.size() != rows)
    node.fail(name + " must have one row per buyer signal: " + std::to_string(rows) + " expected, " +
              std::to_string(row_nodes.size()) + " given");
  Matrix m;
  for (const auto& r : row_nodes) {
    auto values = r.rationals();
    if (cols == 0) {
      if (values.empty()) r.fail(name + " rows need at least one entry (one per seller signal)");
      if (values.size() > max_signals)
        r.fail(name + " has " + std::to_string(values.size()) + " columns: at most " + std::to_string(max_signals) +
               " seller signals are supported");
      cols = values.size();
    }
    if (values.size() != cols)
      r.fail(name + " must have one entry per seller signal in every row: " + std::to_string(cols) + " expected, " +
             std::to_string(values.size()) + " given");
    m.push_back(std::move(values));
  }
  return m;
}

}  // namespace

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.allow_only(
      {"prior", "buyer_value", "seller_value", "cost_scale", "alpha_lo", "alpha_hi", "q", "t_buyer", "t_seller"});
  auto e = std::make_shared<Economy>();
  TomlNode prior = table.at("prior");
  e->prior = pair_of(prior, "prior");
  auto prior_nodes = prior.elements();
  for (int v = 0; v < 2; ++v)
    if (!(e->prior[v] > 0 && e->prior[v] < 1))
      prior_nodes[v].fail("the prior mu0(v) must lie in (0, 1) for both qualities, but it is " +
                          to_string(e->prior[v]));
  if (e->prior[LO] + e->prior[HI] != 1)
    prior.fail("the prior must sum to 1, but it sums to " + to_string(e->prior[LO] + e->prior[HI]));
  e->buyer_value = pair_of(table.at("buyer_value"), "buyer_value");
  e->seller_value = pair_of(table.at("seller_value"), "seller_value");
  e->kappa = table.rational("cost_scale");
  if (!(e->kappa > 0))
    table.at("cost_scale").fail("the cost scale kappa must be positive, but it is " + to_string(e->kappa));

  TomlNode lo = table.at("alpha_lo"), hi = table.at("alpha_hi");
  e->structure.alpha[LO] = parse_matrix(lo, "alpha_lo", 0, 0);
  const std::size_t I = e->structure.alpha[LO].size(), J = e->structure.alpha[LO][0].size();
  e->structure.alpha[HI] = parse_matrix(hi, "alpha_hi", I, J);
  for (int v = 0; v < 2; ++v) {
    const TomlNode& node = v == LO ? lo : hi;
    auto rows = node.elements();
    Rational total = 0;
    for (std::size_t i = 0; i < I; ++i) {
      auto cells = rows[i].elements();
      for (std::size_t j = 0; j < J; ++j) {
        if (e->structure.alpha[v][i][j] < 0) cells[j].fail("alpha entries are probabilities: they must be nonnegative");
        total += e->structure.alpha[v][i][j];
      }
    }
    if (total != e->prior[v])
      node.fail(std::string("Bayes plausibility (marg_V alpha = mu0): the entries of alpha_") +
                (v == LO ? "lo" : "hi") + " must sum to mu0(v_" + (v == LO ? "lo" : "hi") +
                ") = " + to_string(e->prior[v]) + ", but they sum to " + to_string(total));
  }
  for (std::size_t i = 0; i < I; ++i)
    if (e->structure.buyer_mass(LO, i) + e->structure.buyer_mass(HI, i) == 0)
      lo.elements()[i].fail("buyer signal s^b_" + std::to_string(i + 1) +
                            " has probability 0 in both alpha_lo and alpha_hi: drop it (its posterior is undefined)");
  for (std::size_t j = 0; j < J; ++j)
    if (e->structure.seller_mass(LO, j) + e->structure.seller_mass(HI, j) == 0)
      lo.fail("seller signal s^s_" + std::to_string(j + 1) + " (column " + std::to_string(j + 1) +
              ") has probability 0 in both alpha_lo and alpha_hi: drop it");

  const bool any = table.has("q") || table.has("t_buyer") || table.has("t_seller");
  if (any) {
    for (const char* key : {"q", "t_buyer", "t_seller"})
      if (!table.has(key))
        table.fail(std::string("the mechanism needs q, t_buyer and t_seller together: '") + key + "' is missing");
    Mechanism m;
    TomlNode qn = table.at("q");
    m.q = parse_matrix(qn, "q", I, J);
    auto qrows = qn.elements();
    for (std::size_t i = 0; i < I; ++i) {
      auto cells = qrows[i].elements();
      for (std::size_t j = 0; j < J; ++j)
        if (!(m.q[i][j] >= 0 && m.q[i][j] <= 1))
          cells[j].fail("a trade probability q_ij must lie in [0, 1], but it is " + to_string(m.q[i][j]));
    }
    m.t_buyer = parse_matrix(table.at("t_buyer"), "t_buyer", I, J);
    m.t_seller = parse_matrix(table.at("t_seller"), "t_seller", I, J);
    e->mechanism = std::move(m);
  }
  return e;
}

}  // namespace mechcheck::ly
