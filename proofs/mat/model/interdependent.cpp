// The [mat.interdependent] table (format in interdependent.hpp). Every rule broken is reported
// at its file, line and column.
#include "mat/model/interdependent.hpp"

namespace mechcheck::mat {

const char* to_string(Rule6Cap c) { return c == Rule6Cap::bound ? "bound" : "endowment"; }
const char* to_string(PropertiesReading r) { return r == PropertiesReading::literal ? "literal" : "per_announcement"; }
const char* to_string(ResponseRule r) { return r == ResponseRule::informed ? "informed" : "naive"; }
const char* to_string(OpponentProfilesMode m) { return m == OpponentProfilesMode::symmetric ? "symmetric" : "all"; }

namespace {

template <class Enum>
Enum choice(const TomlNode& table, const std::string& key, Enum fallback,
            const std::vector<std::pair<std::string, Enum>>& options) {
  if (!table.has(key)) return fallback;
  TomlNode node = table.at(key);
  if (!node.is_string()) node.fail(key + " must be a string, found " + node.type_name());
  std::string text = node.string();
  std::string names;
  for (auto& [name, value] : options) {
    if (name == text) return value;
    names += (names.empty() ? "\"" : ", \"") + name + "\"";
  }
  node.fail(key + " must be one of " + names + ", found \"" + text + "\"");
}

// A probability vector: every entry > 0 (the paper's f_0 and f(.|omega_0) map into (0, 1]) and
// the entries sum to exactly 1.
std::vector<Rational> probabilities(const TomlNode& node, std::size_t expected, const std::string& what) {
  if (!node.is_array()) node.fail(what + " must be an array of probabilities, found " + node.type_name());
  auto items = node.elements();
  if (expected != 0 && items.size() != expected)
    node.fail(what + " lists " + std::to_string(expected) + " probabilities, found " + std::to_string(items.size()));
  std::vector<Rational> p;
  Rational sum = 0;
  for (auto& item : items) {
    Rational q = item.rational();
    if (q <= 0)
      item.fail(what + ": every probability must be > 0 (the paper's f maps into (0, 1]), found " +
                mechcheck::to_string(q));
    p.push_back(q);
    sum += q;
  }
  if (sum != 1) node.fail(what + ": the probabilities must sum to 1, but they sum to " + mechcheck::to_string(sum));
  return p;
}

std::vector<ResponseRule> rules(const TomlNode& node, const std::string& what) {
  if (!node.is_array()) node.fail(what + " must be an array of response rules (\"informed\", \"naive\")");
  std::vector<ResponseRule> out;
  for (auto& item : node.elements()) {
    if (!item.is_string())
      item.fail(what + ": a response rule is \"informed\" or \"naive\", found " + item.type_name());
    const std::string s = item.string();
    ResponseRule r;
    if (s == "informed") r = ResponseRule::informed;
    else if (s == "naive") r = ResponseRule::naive;
    else item.fail(what + ": a response rule is \"informed\" or \"naive\", found \"" + s + "\"");
    for (auto q : out)
      if (q == r) item.fail(what + ": the rule \"" + s + "\" is listed twice");
    out.push_back(r);
  }
  if (out.empty()) node.fail(what + " needs at least one response rule");
  return out;
}

}  // namespace

std::shared_ptr<const Interdependent> parse_interdependent(const TomlNode& table, const Economy& e) {
  if (!table.is_table())
    table.fail("mat.interdependent must be a table ([mat.interdependent]), found " + table.type_name());
  table.allow_only({"signals", "macro_prior", "likelihood", "values", "rule6_cap", "properties_reading", "messages"});
  for (int i = 0; i < e.trader_count(); ++i)
    if (!e.traders[i].money.linear())
      table.fail("G** (Section 4) assumes quasi-linear utility: trader " + std::to_string(i + 1) +
                 " has a `money` utility; remove it for a case with [mat.interdependent]");
  // G**'s announcements and Rule 3 read the observed first announcements of at most 64 traders
  // (gstarstar.cpp); every G** check enumerates far fewer.
  if (e.trader_count() > 64)
    table.fail("G** (Section 4) is modelled for at most 64 traders, but the case has nr = " +
               std::to_string(e.trader_count()));
  auto I = std::make_shared<Interdependent>();
  TomlNode signals = table.at("signals");
  if (!signals.is_integer()) signals.fail("signals = |Omega_1| must be an integer, found " + signals.type_name());
  if (signals.integer() < 1 || signals.integer() > 8)
    signals.fail("signals = |Omega_1| must lie in 1..8, but it is " + std::to_string(signals.integer()));
  I->signals = static_cast<int>(signals.integer());
  I->macro_prior = probabilities(table.at("macro_prior"), 0, "macro_prior (f_0 over Omega_0)");
  if (I->macro_prior.size() > 8) table.at("macro_prior").fail("macro_prior: at most 8 macro shocks");
  const std::size_t shocks = I->macro_prior.size(), S = static_cast<std::size_t>(I->signals);

  TomlNode likelihood = table.at("likelihood");
  auto rows = likelihood.elements();
  if (rows.size() != shocks)
    likelihood.fail("likelihood lists f(. | omega_0) for each of the |Omega_0| = " + std::to_string(shocks) +
                    " macro shocks (one row each), found " + std::to_string(rows.size()) + " rows");
  for (std::size_t w = 0; w < shocks; ++w)
    I->likelihood.push_back(probabilities(rows[w], S,
                                          "likelihood row " + std::to_string(w + 1) +
                                              " (f(. | omega_0 = " + std::to_string(w + 1) + ") over the signals)"));

  const std::size_t bundles = static_cast<std::size_t>(e.grid.bundle_count());
  TomlNode values = table.at("values");
  auto by_shock = values.elements();
  if (by_shock.size() != shocks)
    values.fail("values lists v(., omega_0, .) for each of the |Omega_0| = " + std::to_string(shocks) +
                " macro shocks, found " + std::to_string(by_shock.size()));
  for (std::size_t w = 0; w < shocks; ++w) {
    auto by_signal = by_shock[w].elements();
    if (by_signal.size() != S)
      by_shock[w].fail("values[" + std::to_string(w + 1) +
                       "] lists v(., omega_0, omega_1) for each of the |Omega_1| = " + std::to_string(S) +
                       " signals, found " + std::to_string(by_signal.size()));
    std::vector<std::vector<Rational>> rowset;
    for (std::size_t t = 0; t < S; ++t) {
      auto v = by_signal[t].rationals();
      if (v.size() != bundles)
        by_signal[t].fail("values[" + std::to_string(w + 1) + "][" + std::to_string(t + 1) +
                          "] lists v(x, omega_0, omega_1) for all (l+1)^k = " + std::to_string(bundles) +
                          " bundles in lexicographic order, found " + std::to_string(v.size()));
      rowset.push_back(std::move(v));
    }
    I->value.push_back(std::move(rowset));
  }
  I->rule6_cap =
      choice(table, "rule6_cap", Rule6Cap::bound, {{"bound", Rule6Cap::bound}, {"endowment", Rule6Cap::endowment}});
  I->properties_reading =
      choice(table, "properties_reading", PropertiesReading::literal,
             {{"literal", PropertiesReading::literal}, {"per_announcement", PropertiesReading::per_announcement}});
  if (table.has("messages")) {
    TomlNode m = table.at("messages");
    if (!m.is_table()) m.fail("mat.interdependent.messages must be a table, found " + m.type_name());
    m.allow_only({"second", "third", "opponents", "properties_opponents"});
    if (m.has("second")) I->second_rules = rules(m.at("second"), "second");
    if (m.has("third")) I->third_rules = rules(m.at("third"), "third");
    const std::vector<std::pair<std::string, OpponentProfilesMode>> modes{
        {"symmetric", OpponentProfilesMode::symmetric}, {"all", OpponentProfilesMode::all}};
    I->opponents = choice(m, "opponents", OpponentProfilesMode::symmetric, modes);
    I->properties_opponents = choice(m, "properties_opponents", OpponentProfilesMode::symmetric, modes);
  }
  return I;
}

}  // namespace mechcheck::mat
