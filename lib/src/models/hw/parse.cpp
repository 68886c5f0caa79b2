// The [hw] table of a case file. Every rule broken is reported at its file, line and column.
#include "mechcheck/models/hw/economy.hpp"

namespace mechcheck::hw {
namespace {

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
    coordinates[0].fail(who + ": b_q must lie in [0, qbar] = [0, " + mechcheck::to_string(e.qbar) + "], but b_q = " +
                        mechcheck::to_string(b.q));
  if (b.r < 0 || b.r > e.rbar)
    coordinates[1].fail(who + ": b_r must lie in [0, rbar] = [0, " + mechcheck::to_string(e.rbar) + "], but b_r = " +
                        mechcheck::to_string(b.r));
}

Stage2 parse_stage2(const TomlNode& table, const Economy& e) {
  table.allow_only({"active", "others", "Q_minus", "R_minus", "offer"});
  Stage2 s;
  const bool listed = table.has("active") || table.has("others");
  const bool direct = table.has("Q_minus") || table.has("R_minus");
  if (!listed && !direct)
    table.fail("[hw.stage2] needs the other active agents (active = M and others = [[b_q, b_r], ...]) or their "
               "totals (Q_minus and R_minus)");

  if (listed) {
    TomlNode active = table.at("active");
    long long M = active.integer();
    if (M < 1 || M > 1'000'000) active.fail("active = M, the number of active agents, must be an integer in [1, 1000000]");
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
        nodes[m].fail(who + "'s offer " + to_text(b) + " must be one-sided (b_q b_r = 0): stage-2 offers lie in O (L47, L51)");
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
  auto offer_nodes = offers.elements();
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
      b.fail(who + " " + to_text(t.b) + " is one-sided (b_q b_r = 0) but Lemma 1 is about two-sided offers "
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

}  // namespace

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

std::string to_text(const Offer<Rational>& b) { return pair_text(mechcheck::to_string(b.q), mechcheck::to_string(b.r)); }

std::string to_text(const Bundle<Rational>& x) { return pair_text(mechcheck::to_string(x.q), mechcheck::to_string(x.r)); }

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.allow_only({"qbar", "rbar", "epsilon", "stage2"});
  auto e = std::make_shared<Economy>();
  e->qbar = table.rational("qbar");
  if (!(e->qbar > 0)) table.at("qbar").fail("the endowment qbar must be > 0, but qbar = " + mechcheck::to_string(e->qbar));
  e->rbar = table.rational("rbar");
  if (!(e->rbar > 0)) table.at("rbar").fail("the endowment rbar must be > 0, but rbar = " + mechcheck::to_string(e->rbar));
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
  return e;
}

}  // namespace mechcheck::hw
