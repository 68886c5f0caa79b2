// The [hw] table of a case file. Every rule broken is reported at its file, line and column.
#include "hw/model/economy.hpp"

#include <unordered_map>
#include <unordered_set>

namespace mechcheck::hw {
namespace {

// Size caps, checked before an array's elements are read. Every claim enumerates something per
// type and per state (bipartitions, configurations, beliefs), so economies beyond these sizes
// cannot be checked anyway; the caps keep a hostile file from exhausting time or memory.
constexpr std::size_t kMaxTypes = 1000, kMaxStates = 1000;
constexpr std::size_t kMaxListedConfigurations = 100'000;  // [hw.equilibrium] sigma rows
constexpr std::size_t kMaxSizes = 100;                     // [hw.equilibrium] sizes (one Newton run each)
constexpr std::size_t kMaxTestOffers = 10'000;             // [[hw.stage2.offer]]
// A count sigma(x) and a configuration's total are numbers of active agents: at most N's cap.
constexpr long long kMaxAgents = 1'000'000;

// The array's elements, after checking that there are at most `cap` of them.
std::vector<TomlNode> capped_elements(const TomlNode& node, std::size_t cap, const std::string& what) {
  std::vector<TomlNode> elements = node.elements();
  if (elements.size() > cap)
    node.fail(what + " has " + std::to_string(elements.size()) + " entries, more than the limit of " +
              std::to_string(cap));
  return elements;
}

// [x, y] with exactly two rationals; `what` names it in messages ("an offer [b_q, b_r]").
Offer<Rational> parse_pair(const TomlNode& node, const std::string& what) {
  if (!node.is_array()) node.fail(what + " is an array of two rationals, found " + node.type_name());
  auto values = node.rationals();
  if (values.size() != 2) node.fail(what + " needs exactly two numbers, found " + std::to_string(values.size()));
  return {values[0], values[1]};
}

// 0 <= b_q <= qbar and 0 <= b_r <= rbar, reported at the offending coordinate.
void require_in_box(const Economy& e, const TomlNode& node, const Offer<Rational>& b, const std::string& who) {
  auto coordinates = node.elements();
  if (b.q < 0 || b.q > e.qbar)
    coordinates[0].fail(who + ": b_q must lie in [0, qbar] = [0, " + mechcheck::to_string(e.qbar) +
                        "], but b_q = " + mechcheck::to_string(b.q));
  if (b.r < 0 || b.r > e.rbar)
    coordinates[1].fail(who + ": b_r must lie in [0, rbar] = [0, " + mechcheck::to_string(e.rbar) +
                        "], but b_r = " + mechcheck::to_string(b.r));
}

Stage2 parse_stage2(const TomlNode& table, const Economy& e) {
  table.allow_only({"active", "others", "Q_minus", "R_minus", "offer"});
  Stage2 s;
  const bool listed = table.has("active") || table.has("others");
  const bool direct = table.has("Q_minus") || table.has("R_minus");
  if (!listed && !direct)
    table.fail(
        "[hw.stage2] needs the other active agents (active = M and others = [[b_q, b_r], ...]) or their "
        "totals (Q_minus and R_minus)");

  if (listed) {
    TomlNode active = table.at("active");
    long long M = active.integer();
    if (M < 1 || M > 1'000'000)
      active.fail("active = M, the number of active agents, must be an integer in [1, 1000000]");
    s.active = M;
    TomlNode others = table.at("others");
    auto nodes = others.elements();
    if (static_cast<long long>(nodes.size()) != M - 1)
      others.fail("others must list the offers of the M - 1 = " + std::to_string(M - 1) + " other active agents, but " +
                  std::to_string(nodes.size()) + " are given");
    for (std::size_t m = 0; m < nodes.size(); ++m) {
      const std::string who = "other agent " + std::to_string(m + 1);
      Offer<Rational> b = parse_pair(nodes[m], who + "'s offer [b_q, b_r]");
      require_in_box(e, nodes[m], b, who);
      if (b.q * b.r != 0)
        nodes[m].fail(who + "'s offer " + to_text(b) +
                      " must be one-sided (b_q b_r = 0): stage-2 offers lie in O (L47, L51)");
      s.others.push_back(b);
    }
    s.totals = others_totals(M, e.epsilon, s.others);
  }

  if (direct) {
    TomlNode Qm = table.at("Q_minus"), Rm = table.at("R_minus");
    Totals<Rational> given{Qm.rational(), Rm.rational()};
    if (given.q < 0) Qm.fail("Q_minus, the others' total offer of good q, must be >= 0");
    if (given.r < 0) Rm.fail("R_minus, the others' total offer of good r, must be >= 0");
    if (listed && (given.q != s.totals.q || given.r != s.totals.r))
      Qm.fail("(Q_minus, R_minus) = " + to_text(Offer<Rational>{given.q, given.r}) +
              " disagrees with eq. (3): M epsilon + the others' offers = " +
              to_text(Offer<Rational>{s.totals.q, s.totals.r}));
    s.totals = given;
    s.totals_given = true;
  }

  TomlNode offers = table.at("offer");
  auto offer_nodes = capped_elements(offers, kMaxTestOffers, "[[hw.stage2.offer]]");
  if (offer_nodes.empty()) offers.fail("[[hw.stage2.offer]] needs at least one offer to test");
  for (std::size_t k = 0; k < offer_nodes.size(); ++k) {
    const TomlNode& o = offer_nodes[k];
    o.allow_only({"b", "one_sided", "expect_case", "expect_one_sided", "note"});
    const std::string who = "offer " + std::to_string(k + 1);
    TestOffer t;
    TomlNode b = o.at("b");
    t.b = parse_pair(b, who + " b = [b_q, b_r]");
    require_in_box(e, b, t.b, who);
    t.one_sided = o.has("one_sided") && o.at("one_sided").boolean();
    const bool two_sided = t.b.q * t.b.r > 0;
    if (!two_sided && !t.one_sided)
      b.fail(who + " " + to_text(t.b) +
             " is one-sided (b_q b_r = 0) but Lemma 1 is about two-sided offers "
             "(b_q b_r > 0, L226): mark it `one_sided = true` to test that the construction returns it unchanged");
    if (two_sided && t.one_sided)
      o.at("one_sided").fail(who + " " + to_text(t.b) + " is two-sided (b_q b_r > 0) but marked one_sided = true");
    if (o.has("expect_case")) {
      TomlNode c = o.at("expect_case");
      std::string name = c.string();
      if (name != "i" && name != "ii" && name != "iii")
        c.fail("expect_case is \"i\" (b_r Q_- - b_q R_- > 0), \"ii\" (< 0) or \"iii\" (= 0), not '" + name + "'");
      t.expect_case = name;
    }
    if (o.has("expect_one_sided"))
      t.expect_one_sided = parse_pair(o.at("expect_one_sided"), who + " expect_one_sided = [b_q, b_r]");
    if (o.has("note")) t.note = o.string("note");
    s.offers.push_back(std::move(t));
  }
  return s;
}

// An array of distinct, non-empty names (at most `cap`); duplicates found through a hash set.
std::vector<std::string> parse_names(const TomlNode& node, const std::string& what, std::size_t cap) {
  if (!node.is_array()) node.fail(what + " is an array of names, found " + node.type_name());
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const TomlNode& n : capped_elements(node, cap, what)) {
    std::string name = n.string();
    if (name.empty()) n.fail(what + ": a name must not be empty");
    if (!seen.insert(name).second) n.fail(what + ": the name '" + name + "' appears twice");
    names.push_back(std::move(name));
  }
  if (names.empty()) node.fail(what + " needs at least one name");
  return names;
}

// Probabilities: `count` rationals, each > 0 (or >= 0 when zero_ok), summing to 1.
std::vector<Rational> parse_distribution(const TomlNode& node, std::size_t count, bool zero_ok,
                                         const std::string& what) {
  if (!node.is_array()) node.fail(what + " is an array of probabilities, found " + node.type_name());
  auto nodes = node.elements();
  if (nodes.size() != count)
    node.fail(what + " needs " + std::to_string(count) + " probabilities, found " + std::to_string(nodes.size()));
  std::vector<Rational> p;
  Rational total = 0;
  for (const TomlNode& n : nodes) {
    Rational v = n.rational();
    if (zero_ok ? v < 0 : !(v > 0))
      n.fail(what + ": every probability must be " + (zero_ok ? ">= 0" : "> 0") + ", found " + mechcheck::to_string(v));
    total += v;
    p.push_back(v);
  }
  if (total != 1) node.fail(what + ": the probabilities must sum to 1, but they sum to " + mechcheck::to_string(total));
  return p;
}

// Which names of `all` an optional selector `key` lists (default: all of them).
std::vector<std::size_t> select(const TomlNode& entry, const std::string& key,
                                const std::unordered_map<std::string, std::size_t>& index_of) {
  std::vector<std::size_t> out;
  if (!entry.has(key)) {
    for (std::size_t i = 0; i < index_of.size(); ++i) out.push_back(i);
    return out;
  }
  TomlNode list = entry.at(key);
  for (const std::string& name : parse_names(list, key, index_of.size())) {
    auto it = index_of.find(name);
    if (it == index_of.end()) list.fail(key + ": '" + name + "' is not one of the declared " + key);
    out.push_back(it->second);
  }
  return out;
}

std::unordered_map<std::string, std::size_t> index_of(const std::vector<std::string>& names) {
  std::unordered_map<std::string, std::size_t> out;
  for (std::size_t i = 0; i < names.size(); ++i) out.emplace(names[i], i);
  return out;
}

Utility parse_utility(const TomlNode& entry) {
  entry.allow_only({"family", "a", "b", "sigma", "types", "states", "note"});
  Utility u;
  TomlNode family = entry.at("family");
  const std::string f = family.string();
  if (f == "cobb_douglas") u.family = Family::cobb_douglas;
  else if (f == "ces") u.family = Family::ces;
  else
    family.fail("family is \"cobb_douglas\" (a ln q + b ln r) or \"ces\" ((a q^rho + b r^rho)/rho), not '" + f + "'");
  u.a = entry.rational("a");
  if (u.a < 0) entry.at("a").fail("the utility weight a must be >= 0");
  u.b = entry.rational("b");
  if (u.b < 0) entry.at("b").fail("the utility weight b must be >= 0");
  if (u.a == 0 && u.b == 0) entry.at("b").fail("the utility weights a and b must not both be 0");
  if (u.family == Family::ces) {
    TomlNode s = entry.at("sigma");
    u.sigma = s.rational();
    if (!(u.sigma > 0)) s.fail("the CES elasticity sigma must be > 0");
    if (u.sigma == 1) s.fail("sigma = 1 is Cobb-Douglas: write family = \"cobb_douglas\"");
  } else if (entry.has("sigma")) {
    entry.at("sigma").fail("sigma is a CES parameter; Cobb-Douglas takes only a and b");
  }
  return u;
}

Information parse_information(const TomlNode& table) {
  Information info;
  info.types = parse_names(table.at("types"), "types", kMaxTypes);
  info.states = parse_names(table.at("states"), "states", kMaxStates);
  info.prior = parse_distribution(table.at("prior"), info.states.size(), false, "prior (kappa)");
  TomlNode mu = table.at("mu");
  if (!mu.is_array()) mu.fail("mu is an array with one row of mu_z(x) per state, found " + mu.type_name());
  auto rows = mu.elements();
  if (rows.size() != info.states.size())
    mu.fail("mu needs one row per state (" + std::to_string(info.states.size()) + "), found " +
            std::to_string(rows.size()));
  for (std::size_t z = 0; z < rows.size(); ++z)
    info.mu.push_back(parse_distribution(rows[z], info.types.size(), true, "mu row of state '" + info.states[z] + "'"));
  for (std::size_t x = 0; x < info.types.size(); ++x) {
    bool seen = false;
    for (std::size_t z = 0; z < info.states.size(); ++z) seen = seen || info.mu[z][x] > 0;
    if (!seen) mu.fail("type '" + info.types[x] + "' has probability 0 in every state: tau_x (L43) is undefined");
  }
  TomlNode utilities = table.at("utility");
  auto entries = utilities.elements();
  std::vector<std::vector<std::optional<Utility>>> u(info.types.size(),
                                                     std::vector<std::optional<Utility>>(info.states.size()));
  const auto type_index = index_of(info.types), state_index = index_of(info.states);
  for (const TomlNode& entry : entries) {
    Utility one = parse_utility(entry);
    for (std::size_t x : select(entry, "types", type_index))
      for (std::size_t z : select(entry, "states", state_index)) {
        if (u[x][z]) entry.fail("u(.; " + info.types[x] + ", " + info.states[z] + ") is given twice");
        u[x][z] = one;
      }
  }
  info.utility.assign(info.types.size(), {});
  for (std::size_t x = 0; x < info.types.size(); ++x)
    for (std::size_t z = 0; z < info.states.size(); ++z) {
      if (!u[x][z])
        utilities.fail("no [[hw.utility]] entry covers u(.; " + info.types[x] + ", " + info.states[z] + ")");
      info.utility[x].push_back(*u[x][z]);
    }
  return info;
}

std::pair<Rational, Rational> parse_range(const TomlNode& node, const std::string& what) {
  Offer<Rational> r = parse_pair(node, what);
  if (r.q < 0 || !(r.q < r.r)) node.fail(what + " must satisfy 0 <= lo < hi");
  return {r.q, r.r};
}

}  // namespace

long long active_agents(const Rational& eta, long long N) {
  const Rational x = (1 - eta) * Rational(N);
  Integer m = numerator(x) / denominator(x);
  if (Rational(m) < x) m += 1;  // ceil (L47)
  return m.convert_to<long long>();
}

std::optional<long long> Economy::active_agents() const {
  if (!eta || !agents) return std::nullopt;
  return hw::active_agents(*eta, *agents);
}

bool in_one_sided_set(const Economy& e, const Offer<Rational>& b) {
  return b.q >= 0 && b.q <= e.qbar && b.r >= 0 && b.r <= e.rbar && b.q * b.r == 0;
}

namespace {
// "(a, b)", appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "(" + string.
std::string pair_text(const std::string& a, const std::string& b) {
  std::string out = "(";
  out += a;
  out += ", ";
  out += b;
  out += ")";
  return out;
}
}  // namespace

std::string to_text(const Offer<Rational>& b) {
  return pair_text(mechcheck::to_string(b.q), mechcheck::to_string(b.r));
}

std::string to_text(const Bundle<Rational>& x) {
  return pair_text(mechcheck::to_string(x.q), mechcheck::to_string(x.r));
}

namespace {
EquilibriumSettings parse_equilibrium(const TomlNode& t, const Economy& e) {
  t.allow_only({"offers", "sigma", "digits", "state", "sizes", "note"});
  EquilibriumSettings s;
  if (t.has("offers")) {
    TomlNode o = t.at("offers");
    const std::string v = o.string();
    if (v == "one_sided") s.one_sided = true;
    else if (v == "two_sided") s.one_sided = false;
    else
      o.fail("offers is \"one_sided\" (the paper's O, L47) or \"two_sided\" ([0, qbar] x [0, rbar]), not '" + v + "'");
  }
  if (t.has("digits")) {
    TomlNode d = t.at("digits");
    const long long v = d.integer();
    if (v < 30 || v > 200) d.fail("digits, the MPFR/MPFI precision in decimal digits, must be an integer in [30, 200]");
    s.digits = static_cast<unsigned>(v);
  }
  if (t.has("sigma")) {
    TomlNode list = t.at("sigma");
    if (!e.info) list.fail("sigma needs the economy (types, states, prior, mu, [[hw.utility]]) before it");
    if (!list.is_array()) list.fail("sigma is an array of type configurations, found " + list.type_name());
    const auto M = e.active_agents();
    for (const TomlNode& row : capped_elements(list, kMaxListedConfigurations, "sigma")) {
      if (!row.is_array()) row.fail("a type configuration is an array of counts, one per type");
      auto counts = row.elements();
      if (counts.size() != e.info->type_count())
        row.fail("a type configuration needs one count per type (" + std::to_string(e.info->type_count()) +
                 "), found " + std::to_string(counts.size()));
      std::vector<long long> sigma;
      // Each count is at most kMaxAgents and the running total is checked after every step, so
      // the total never exceeds 2 kMaxAgents: no overflow.
      long long total = 0;
      for (const TomlNode& c : counts) {
        const long long v = c.integer();
        if (v < 0 || v > kMaxAgents)
          c.fail("a count sigma(x) must be an integer in [0, " + std::to_string(kMaxAgents) +
                 "] (active agents), but it is " + std::to_string(v));
        sigma.push_back(v);
        total += v;
        if (total > kMaxAgents)
          c.fail("the counts of a type configuration add up to more than " + std::to_string(kMaxAgents) +
                 " active agents (the limit of N)");
      }
      if (total < 1) row.fail("a type configuration needs at least one active agent");
      if (M && total != *M)
        row.fail("the counts of a type configuration must sum to M = ceil((1 - eta) N) = " + std::to_string(*M) +
                 ", but they sum to " + std::to_string(total));
      s.sigma.push_back(sigma);
    }
  }
  if (t.has("state")) {
    TomlNode z = t.at("state");
    if (!e.info) z.fail("state needs the economy (types, states, ...) before it");
    const std::string name = z.string();
    std::size_t k = 0;
    while (k < e.info->states.size() && e.info->states[k] != name) ++k;
    if (k == e.info->states.size()) z.fail("state: '" + name + "' is not one of the declared states");
    s.state = k;
  }
  if (t.has("sizes")) {
    TomlNode list = t.at("sizes");
    if (!list.is_array()) list.fail("sizes is an array of increasing numbers of agents N, found " + list.type_name());
    for (const TomlNode& n : capped_elements(list, kMaxSizes, "sizes")) {
      const long long v = n.integer();
      if (v < 2 || v > 10'000'000) n.fail("every N in sizes must be an integer in [2, 10000000]");
      if (!s.sizes.empty() && v <= s.sizes.back()) n.fail("sizes must be strictly increasing");
      s.sizes.push_back(v);
    }
    if (s.sizes.size() < 3) list.fail("sizes needs at least 3 values of N (a rate is fitted on them)");
  }
  return s;
}
}  // namespace

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.allow_only({"qbar", "rbar", "epsilon", "stage2", "types", "states", "prior", "mu", "utility", "eta", "N",
                    "grid", "equilibrium", "theorem1", "slides"});
  auto e = std::make_shared<Economy>();
  e->qbar = table.rational("qbar");
  if (!(e->qbar > 0))
    table.at("qbar").fail("the endowment qbar must be > 0, but qbar = " + mechcheck::to_string(e->qbar));
  e->rbar = table.rational("rbar");
  if (!(e->rbar > 0))
    table.at("rbar").fail("the endowment rbar must be > 0, but rbar = " + mechcheck::to_string(e->rbar));
  TomlNode eps = table.at("epsilon");
  e->epsilon = parse_pair(eps, "epsilon = [eps_q, eps_r]");
  auto eps_nodes = eps.elements();
  if (e->epsilon.q < 0) eps_nodes[0].fail("eps_q must be >= 0 (the paper takes it > 0, L67)");
  if (e->epsilon.r < 0) eps_nodes[1].fail("eps_r must be >= 0 (the paper takes it > 0, L67)");
  if (table.has("stage2")) {
    TomlNode s = table.at("stage2");
    if (!s.is_table()) s.fail("hw.stage2 must be a table ([hw.stage2]), found " + s.type_name());
    e->stage2 = parse_stage2(s, *e);
  }
  const bool economy =
      table.has("types") || table.has("states") || table.has("prior") || table.has("mu") || table.has("utility");
  if (economy) e->info = parse_information(table);
  if (table.has("eta")) {
    TomlNode eta = table.at("eta");
    e->eta = eta.rational();
    if (!(*e->eta > 0) || !(*e->eta < 1)) eta.fail("eta, the inactive fraction, must be a rational in (0, 1) (L47)");
  }
  if (table.has("N")) {
    TomlNode n = table.at("N");
    e->agents = n.integer();
    if (*e->agents < 1 || *e->agents > 1'000'000) n.fail("N, the number of agents, must be an integer in [1, 1000000]");
    if (!e->eta) n.fail("N needs eta (M = ceil((1 - eta) N) active agents, L47)");
    if (*e->active_agents() < 1) n.fail("M = ceil((1 - eta) N) must be >= 1");
  }
  if (table.has("grid")) {
    TomlNode g = table.at("grid");
    if (!g.is_table()) g.fail("hw.grid must be a table ([hw.grid]), found " + g.type_name());
    g.allow_only({"points", "Q_range", "R_range"});
    if (g.has("points")) {
      TomlNode pts = g.at("points");
      e->grid.points = pts.integer();
      if (e->grid.points < 2 || e->grid.points > 50) pts.fail("points per coordinate must be an integer in [2, 50]");
    }
    if (g.has("Q_range")) e->grid.q_range = parse_range(g.at("Q_range"), "Q_range = [lo, hi]");
    if (g.has("R_range")) e->grid.r_range = parse_range(g.at("R_range"), "R_range = [lo, hi]");
  }
  if (table.has("equilibrium")) {
    TomlNode q = table.at("equilibrium");
    if (!q.is_table()) q.fail("hw.equilibrium must be a table ([hw.equilibrium]), found " + q.type_name());
    e->equilibrium = parse_equilibrium(q, *e);
  }
  if (table.has("theorem1")) {
    TomlNode t = table.at("theorem1");
    if (!t.is_table()) t.fail("hw.theorem1 must be a table ([hw.theorem1]), found " + t.type_name());
    t.allow_only({"N_range", "note"});
    if (t.has("N_range")) {
      TomlNode r = t.at("N_range");
      if (!r.is_array() || r.elements().size() != 2) r.fail("N_range is [first, last], two integers");
      const auto ends = r.elements();
      const long long first = ends[0].integer(), last = ends[1].integer();
      if (first < 1) ends[0].fail("the first N of N_range must be >= 1");
      if (last < first || last > 100'000) ends[1].fail("the last N of N_range must be in [first, 100000]");
      if (!e->eta) r.fail("N_range needs eta (M = ceil((1 - eta) N) active agents, L47)");
      e->theorem1_range = std::make_pair(first, last);
    }
  }
  if (table.has("slides")) {
    TomlNode t = table.at("slides");
    if (!t.is_table()) t.fail("hw.slides must be a table ([hw.slides]), found " + t.type_name());
    t.allow_only({"log_weight", "note"});
    TomlNode rows = t.at("log_weight");
    if (!e->info) rows.fail("log_weight needs the economy (types, states, prior, mu) in [hw]");
    if (!rows.is_array() || rows.elements().size() != e->info->type_count())
      rows.fail("log_weight is one row per type (" + std::to_string(e->info->type_count()) +
                ") of c_{xz}, one per state");
    for (const TomlNode& row : rows.elements()) {
      if (!row.is_array() || row.elements().size() != e->info->state_count())
        row.fail("a row of log_weight has one c_{xz} per state (" + std::to_string(e->info->state_count()) + ")");
      std::vector<Rational> weights;
      for (const TomlNode& w : row.elements()) {
        weights.push_back(w.rational());
        if (!(weights.back() > 0)) w.fail("c_{xz} of u = c ln q must be > 0 (strictly increasing, Inada: slide 6)");
      }
      e->slides_log_weight.push_back(std::move(weights));
    }
  }
  return e;
}

}  // namespace mechcheck::hw
