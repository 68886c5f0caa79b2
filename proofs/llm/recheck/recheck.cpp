// Re-checks of what the llm checkers report (Claim::recheck). Each function parses the outcome's
// witness and values back from their text and recomputes the quantity the witness violates (or
// the certificate a `holds` gives) with the re-checkers' own spot market
// (llm/recheck/recheck_model.hpp): W by the layer cake, q_i by a recursion over the
// agents, expectations by integrating eq. (2). Nothing here calls the checkers or the model
// library's formulas.
#include "llm/recheck/recheck.hpp"

#include "llm/recheck/recheck_model.hpp"

#include <stdexcept>

namespace mechcheck::proofs::llm_recheck {

using llm::Economy;

namespace {

std::string text(const Algebraic& x) { return x.to_string(12); }
std::string agent_text(std::size_t i) { return std::to_string(i + 1); }

// Does the reported value (exact, or an enclosure [lo, hi]) describe x?
bool describes(const Value& v, const Algebraic& x) {
  if (v.kind == "interval") {
    const auto [lo, hi] = enclosure_of(v);
    return Algebraic(lo) <= x && x <= Algebraic(hi);
  }
  return number_of(v) == x;
}

std::vector<Algebraic> reported_list(const std::vector<Value>& values, const std::string& name, std::size_t n) {
  std::vector<Algebraic> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(reported(values, name + "_" + agent_text(i)));
  return out;
}

std::vector<Algebraic> as_algebraic(const std::vector<Rational>& x) { return {x.begin(), x.end()}; }

// r* of Proposition 2, recomputed: the one solution hat of sum_i q_i = 1 and r*_i = q_i(hat).
struct RStar {
  Algebraic hat;
  std::vector<Algebraic> r;
};
RStar r_star_of(const SpotMarket& market) {
  const auto common = market.common_worst_off();
  if (common.flat || common.roots.size() != 1)
    throw std::runtime_error("r* is not defined: sum_i q_i(t) = 1 has " +
                             (common.flat ? std::string("a whole interval of") : std::to_string(common.roots.size())) +
                             " solutions");
  RStar out{common.roots.front(), {}};
  for (std::size_t i = 0; i < market.size(); ++i) out.r.push_back(market.q_right(i, out.hat));
  return out;
}

// The case's holdings: explicit, or r* recomputed.
std::vector<Algebraic> holdings_of(const Economy& e, const SpotMarket& market) {
  if (e.holdings) return as_algebraic(*e.holdings);
  return r_star_of(market).r;
}

Algebraic outside_quantity(const SpotMarket& market, const std::vector<Algebraic>& r, std::size_t i) {
  return std::min(r[i], Algebraic(market.k()[i]));
}

std::vector<Algebraic> worst_off_types_at(const SpotMarket& market, const std::vector<Algebraic>& r) {
  std::vector<Algebraic> hat;
  for (std::size_t i = 0; i < market.size(); ++i)
    hat.push_back(market.worst_off_type(i, outside_quantity(market, r, i), hat));
  return hat;
}

// Pi(theta, r) of eq. (2): sum_i W(hat_i, theta_-i) - (n - 1) W(theta) - sum_i min(r_i, k_i) hat_i.
Algebraic surplus_at(const SpotMarket& market, const std::vector<Algebraic>& theta, const std::vector<Algebraic>& r) {
  const auto hat = worst_off_types_at(market, r);
  const std::size_t n = market.size();
  ExactSum total;
  total.add(-Rational(static_cast<long>(n) - 1), SpotMarket::welfare_sum(theta, market.k()));
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Algebraic> at_hat = theta;
    at_hat[i] = hat[i];
    total.add(1, SpotMarket::welfare_sum(at_hat, market.k()));
    total.add_product(-1, outside_quantity(market, r, i), hat[i]);
  }
  return total.value();
}

// Q_i at reports phi: what the agents reporting more (and equal reports of lower index) leave,
// up to k_i; nothing for a nonpositive report (Section 2's efficient allocation).
Rational served(const std::vector<Algebraic>& phi, const std::vector<Rational>& k, std::size_t i) {
  if (phi[i].sign() <= 0) return 0;
  Rational before = 0;
  for (std::size_t j = 0; j < phi.size(); ++j)
    if (j != i && (phi[j] > phi[i] || (phi[j] == phi[i] && j < i))) before += k[j];
  return std::min(k[i], std::max(Rational(0), Rational(1 - before)));
}

void require_in_support(const SpotMarket& market, const std::vector<Algebraic>& theta) {
  for (const auto& t : theta)
    if (t < Algebraic(market.lo()) || t > Algebraic(market.hi()))
      throw std::runtime_error("the reported type " + text(t) + " lies outside [lo, hi]");
}

// q_i at a type: 0 for a nonpositive type when lo < 0 (never served), else from the right.
Algebraic q_at(const SpotMarket& market, std::size_t i, const Algebraic& t) {
  if (t.sign() < 0) return Algebraic(0);
  return market.q_right(i, t);
}

// ---- the forward market (Section 4.2) -------------------------------------------------------

// P(y) = p0 + below y (y < 0), p0 + above y (y >= 0); int_a^b P by its antiderivative.
struct Pricing {
  Algebraic p0, below, above;
  Algebraic antiderivative(const Algebraic& y) const {
    return p0 * y + (y.sign() < 0 ? below : above) * y * y / Algebraic(2);
  }
  Algebraic integral(const Algebraic& a, const Algebraic& b) const { return antiderivative(b) - antiderivative(a); }
};

// The budget sum_i int_{e_i - r_i}^0 P and the bound -sum_i (pi_i(c_i) - pi_i(r_i) - hat (c_i - r_i)),
// c_i = min(e_i, k_i), that every P of the family stays below.
Algebraic forward_budget(const Pricing& p, const std::vector<Rational>& e, const std::vector<Algebraic>& r) {
  Algebraic total = 0;
  for (std::size_t i = 0; i < r.size(); ++i) total += p.integral(Algebraic(e[i]) - r[i], Algebraic(0));
  return total;
}
Algebraic family_bound(const SpotMarket& market, const RStar& star, const std::vector<Rational>& e) {
  Algebraic total = 0;
  for (std::size_t i = 0; i < market.size(); ++i) {
    const Algebraic c(std::min(e[i], market.k()[i]));
    total -= market.spot_value(i, c) - market.spot_value(i, star.r[i]) - star.hat * (c - star.r[i]);
  }
  return total;
}

// Payoff (3) of agent i demanding x while the others demand r*: pi_i(x) - int_{e_i - r_i}^{x - r_i} P.
Algebraic forward_payoff(const SpotMarket& market, const Pricing& p, const std::vector<Rational>& e,
                         const std::vector<Algebraic>& r, std::size_t i, const Algebraic& x) {
  return market.spot_value(i, x) - p.integral(Algebraic(e[i]) - r[i], x - r[i]);
}

// Corollary 1 at common demand k: r*(k) = 1/n, common worst-off types at holdings 1/n, and
// E[Pi] >= 0 there. The first failure in words, or empty.
// A common demand of the model (Section 5.1): k in (0, 1] with scarcity n k > 1.
bool is_common_demand(const Economy& e, const Rational& k) {
  return k > 0 && k <= 1 && Rational(static_cast<long>(e.size())) * k > 1;
}

std::string corollary1_failure(const Economy& e, const Rational& k) {
  const std::size_t n = e.size();
  const SpotMarket market(with_every_k(e, k));
  const Algebraic share(Rational(1, static_cast<long>(n)));
  const RStar star = r_star_of(market);
  for (std::size_t i = 0; i < n; ++i)
    if (star.r[i] != share) return "r*_" + agent_text(i) + " = " + text(star.r[i]) + " != 1/" + std::to_string(n);
  const std::vector<Algebraic> equal(n, share);
  const auto hat = worst_off_types_at(market, equal);
  for (std::size_t i = 1; i < n; ++i)
    if (hat[i] != hat[0]) return "worst-off types at holdings 1/n differ: " + text(hat[0]) + " and " + text(hat[i]);
  const Algebraic surplus = market.expected_surplus(equal);
  if (surplus.sign() < 0) return "E[Pi] at holdings 1/n is " + text(surplus) + " < 0";
  return "";
}

const char* const kSpotMarket = "by the re-checkers' own spot market (layer-cake W, recursive q_i)";

std::string method(const std::string& what) { return what + ", " + kSpotMarket; }

}  // namespace

// ---- Section 3: Lemma 1, eq. (2), Lemma 2 ----------------------------------------------------

std::optional<Recheck> recheck_lemma1(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const SpotMarket market(e);
  const auto r = holdings_of(e, market);
  const std::size_t i = agent_index(out.witness, "agent", market.size());
  const Algebraic t = reported(out.witness, "t"), u = reported(out.witness, "u");
  require_in_support(market, {t});
  const Algebraic m = outside_quantity(market, r, i);
  const Algebraic hat = market.worst_off_type(i, m);
  // The VCG interim payoff net of the outside option: E[W(t, .)] - E[W(hat, .)] - m (t - hat).
  const Algebraic again = market.expected_welfare_with(i, t) - market.expected_welfare_with(i, hat) - m * (t - hat);
  const bool violates = again.sign() < 0 || (again.sign() == 0 && t < hat);
  return Recheck{
      again == u && violates, method("agent " + agent_text(i) + "'s net interim payoff at the reported t"),
      "u(" + text(t) + ") = " + text(again) + " (reported " + text(u) + "), Lemma 1's hat_theta = " + text(hat)};
}

std::optional<Recheck> recheck_eq2(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const SpotMarket market(e);
  const std::size_t n = market.size();
  const auto r = holdings_of(e, market);
  const auto hat = worst_off_types_at(market, r);
  if (find(out.witness, "net_interim_payoff")) {
    const std::size_t i = agent_index(out.witness, "agent", n);
    const Algebraic t = reported(out.witness, "type"), u = reported(out.witness, "net_interim_payoff");
    const Algebraic m = outside_quantity(market, r, i);
    const Algebraic again =
        market.expected_welfare_with(i, t) - market.expected_welfare_with(i, hat[i]) - m * (t - hat[i]);
    return Recheck{again == u && again.sign() < 0, method("the net interim payoff at the reported type"),
                   "u_" + agent_text(i) + "(" + text(t) + ") = " + text(again) + " (reported " + text(u) + ")"};
  }
  const auto theta = reported_list(out.witness, "theta", n);
  require_in_support(market, theta);
  const Algebraic w = SpotMarket::welfare(theta, market.k());
  if (find(out.witness, "misreport")) {
    // Gain of reporting x: (theta_i - x) Q_i(x, theta_-i) + W(x, theta_-i) - W(theta).
    const std::size_t i = agent_index(out.witness, "agent", n);
    const Algebraic x = reported(out.witness, "misreport"), gain = reported(out.witness, "gain");
    std::vector<Algebraic> lie = theta;
    lie[i] = x;
    const Algebraic again =
        (theta[i] - x) * Algebraic(served(lie, market.k(), i)) + SpotMarket::welfare(lie, market.k()) - w;
    return Recheck{again == gain && again.sign() > 0, method("the VCG gain of the reported misreport"),
                   "gain = " + text(again) + " (reported " + text(gain) + ")"};
  }
  // The transfers' sum against eq. (2), both from their definitions.
  Algebraic sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Algebraic> at_hat = theta;
    at_hat[i] = hat[i];
    sum += theta[i] * Algebraic(served(theta, market.k(), i)) - w + SpotMarket::welfare(at_hat, market.k()) -
           outside_quantity(market, r, i) * hat[i];
  }
  const Algebraic eq2 = surplus_at(market, theta, r);
  return Recheck{sum == reported(out.witness, "sum_of_transfers") && eq2 == reported(out.witness, "eq2") && sum != eq2,
                 method("the sum of the transfers T_{r,i} and eq. (2) at the reported theta"),
                 "sum = " + text(sum) + ", eq. (2) = " + text(eq2)};
}

std::optional<Recheck> recheck_lemma2(const Economy& e, const Outcome& out) {
  const SpotMarket market(e);
  const Algebraic again = market.expected_surplus(holdings_of(e, market));
  if (out.verdict == Verdict::refuted) {
    const Algebraic by_eq11 = reported(out.witness, "expected_surplus_eq11");
    const Algebraic integrated = reported(out.witness, "expected_surplus_integrated");
    return Recheck{again == integrated && again != by_eq11, method("E[Pi(theta, r)]"),
                   "E[Pi] = " + text(again) + ", eq. (11) reported " + text(by_eq11)};
  }
  const Algebraic claimed = reported(out.values, "expected_surplus");
  return Recheck{again == claimed, method("the reported Pi_r as E[Pi(theta, r)]"), "E[Pi] = " + text(again)};
}

// ---- Propositions 1 and 2, and the two-sided case ---------------------------------------------

namespace {

// The case's [llm.surplus_grid]: Pi(theta, r) of eq. (2) at every named profile against the
// reported surplus_at_profile_j, and the reported profile_j against the case's profile. Appends
// to `r`'s method and detail, and fails it at the first disagreement.
Recheck with_surplus_profiles(Recheck r, const Economy& e, const SpotMarket& market,
                              const std::vector<Algebraic>& holdings, const Outcome& out) {
  const auto& profiles = e.surplus_profiles;
  if (profiles.empty()) return r;
  r.method += "; Pi(theta, r) of eq. (2) at each of the case's " + std::to_string(profiles.size()) +
              " [llm.surplus_grid] profiles";
  for (std::size_t j = 0; j < profiles.size(); ++j) {
    const std::string index = std::to_string(j + 1);
    std::string written;
    for (const auto& t : profiles[j]) written += (written.empty() ? "" : ", ") + to_string(t);
    const std::vector<Algebraic> theta(profiles[j].begin(), profiles[j].end());
    const Algebraic again = surplus_at(market, theta, holdings),
                    claimed = reported(out.values, "surplus_at_profile_" + index);
    if (named(out.values, "profile_" + index).text != "(" + written + ")" || again != claimed) {
      r.passed = false;
      r.detail +=
          "; at profile " + index + " (" + written + ") Pi = " + text(again) + " but " + text(claimed) + " is reported";
      return r;
    }
  }
  if (find(out.values, "surplus_at_profile_" + std::to_string(profiles.size() + 1)))
    return Recheck{false, r.method, r.detail + "; more surplus_at_profile values than named profiles"};
  r.detail += "; Pi agrees at every named profile";
  return r;
}

}  // namespace

std::optional<Recheck> recheck_prop1(const Economy& e, const Outcome& out) {
  const SpotMarket market(e);
  const auto r = holdings_of(e, market);
  const std::size_t n = market.size();
  if (out.verdict == Verdict::refuted) {
    const auto theta = reported_list(out.witness, "theta", n);
    require_in_support(market, theta);
    const Algebraic again = surplus_at(market, theta, r), claimed = reported(out.witness, "Pi");
    return with_surplus_profiles(
        Recheck{again == claimed && again.sign() < 0, method("Pi(theta, r) of eq. (2) at the reported theta"),
                "Pi = " + text(again) + " (reported " + text(claimed) + ")"},
        e, market, r, out);
  }
  // The reported minimum is attained where reported (that no grid point is lower is the checker's).
  const auto theta = reported_list(out.values, "theta_at_min", n);
  require_in_support(market, theta);
  const Algebraic again = surplus_at(market, theta, r), claimed = reported(out.values, "min_surplus");
  return with_surplus_profiles(
      Recheck{again == claimed && again.sign() >= 0,
              method("Pi(theta, r) at the reported minimizer equals the reported minimum >= 0 (the grid's "
                     "completeness is not re-checked)"),
              "Pi = " + text(again)},
      e, market, r, out);
}

std::optional<Recheck> recheck_necessity(const Economy& e, const Outcome& out) {
  const SpotMarket market(e);
  const auto r = holdings_of(e, market);
  const Algebraic expected = market.expected_surplus(r), claimed = reported(out.values, "expected_surplus");
  if (out.verdict == Verdict::refuted)  // no deficit in expectation (a deficit nowhere implies it)
    return Recheck{expected == claimed && expected.sign() >= 0, method("Pi_r = E[Pi(theta, r)] >= 0"),
                   "Pi_r = " + text(expected) + " (reported " + text(claimed) + ")"};
  const auto theta = reported_list(out.witness, "theta", market.size());
  require_in_support(market, theta);
  const Algebraic pi = surplus_at(market, theta, r);
  return Recheck{pi == reported(out.witness, "Pi") && pi.sign() < 0 && expected == claimed && expected.sign() < 0,
                 method("Pi(theta, r) < 0 at the reported theta and Pi_r < 0"),
                 "Pi = " + text(pi) + ", Pi_r = " + text(expected)};
}

std::optional<Recheck> recheck_prop2(const Economy& e, const Outcome& out) {
  const SpotMarket market(e);
  const std::size_t n = market.size();
  const auto common = market.common_worst_off();
  if (out.verdict == Verdict::refuted) {
    if (find(out.witness, "flat_from")) {
      const Algebraic from = reported(out.witness, "flat_from"), to = reported(out.witness, "flat_to");
      const bool overlaps =
          common.flat && std::max(from, Algebraic(common.flat->first)) < std::min(to, Algebraic(common.flat->second));
      return Recheck{overlaps, method("sum_i q_i = 1 on a whole interval (the solution of eq. (8) is not unique)"),
                     common.flat ? "identically 1 on [" + to_string(common.flat->first) + ", " +
                                       to_string(common.flat->second) + "]"
                                 : "no interval where sum_i q_i = 1"};
    }
    if (!find(out.witness, "hat_theta")) {
      bool same = true;
      for (std::size_t j = 0; j < common.roots.size(); ++j) {
        const Value* root = find(out.witness, "root_" + agent_text(j));
        same = same && root && number_of(*root) == common.roots[j];
      }
      same = same && !find(out.witness, "root_" + agent_text(common.roots.size()));
      return Recheck{same && !common.flat && common.roots.size() != 1, method("the solutions of eq. (8)"),
                     std::to_string(common.roots.size()) + " solutions of sum_i q_i(t) = 1 in [lo, hi]"};
    }
  }
  // r* from the reported hat_theta: eq. (8) there, r*_i = q_i(hat), and Lemma 1 at r*_i.
  const Algebraic hat = reported(out.verdict == Verdict::refuted ? out.witness : out.values, "hat_theta");
  std::vector<std::string> failures;
  Algebraic sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Algebraic r = market.q_right(i, hat);
    sum += r;
    if (r.sign() < 0 || r > Algebraic(market.k()[i])) failures.push_back("r*_" + agent_text(i) + " outside [0, k_i]");
    if (market.worst_off_type(i, std::min(r, Algebraic(market.k()[i]))) != hat)
      failures.push_back("agent " + agent_text(i) + "'s worst-off type at r*_" + agent_text(i) + " is not hat_theta");
    if (out.verdict == Verdict::holds && r != reported(out.values, "r_star_" + agent_text(i)))
      failures.push_back("r*_" + agent_text(i) + " = " + text(r) + " differs from the reported one");
  }
  if (!(hat > Algebraic(market.lo()) && hat < Algebraic(market.hi()))) failures.push_back("hat_theta not in (lo, hi)");
  if (sum != Algebraic(1)) failures.push_back("sum_i q_i(hat_theta) = " + text(sum) + " != 1");
  if (out.verdict == Verdict::refuted)
    return Recheck{!failures.empty(), method("r* = q(hat_theta) at the reported hat_theta"),
                   failures.empty() ? "r* is feasible and common there" : failures.front()};
  const bool unique = !common.flat && common.roots.size() == 1 && common.roots.front() == hat;
  return Recheck{failures.empty() && unique,
                 method("the reported hat_theta is the one solution of eq. (8) and r* = q(hat_theta) gives every "
                        "agent that worst-off type"),
                 failures.empty() ? (unique ? "confirmed" : "eq. (8) has another solution") : failures.front()};
}

// ---- Section 5: r* and its comparisons ---------------------------------------------------------

std::optional<Recheck> recheck_prop7(const Economy& e, const Outcome& out) {
  const SpotMarket market(e);
  const RStar star = r_star_of(market);
  if (out.verdict == Verdict::refuted) {
    const std::size_t i = agent_index(out.witness, "i", market.size() - 1);
    const bool same =
        star.r[i] == reported(out.witness, "r_star_i") && star.r[i + 1] == reported(out.witness, "r_star_i_plus_1");
    return Recheck{
        same && star.r[i] < star.r[i + 1], method("r*_i and r*_{i+1} of Proposition 2"),
        "r*_" + agent_text(i) + " = " + text(star.r[i]) + ", r*_" + agent_text(i + 1) + " = " + text(star.r[i + 1])};
  }
  bool ordered = true;
  for (std::size_t i = 0; i < market.size(); ++i) {
    ordered = ordered && star.r[i] == reported(out.values, "r_star_" + agent_text(i));
    if (i + 1 < market.size()) ordered = ordered && star.r[i] >= star.r[i + 1];
  }
  return Recheck{ordered, method("r* of Proposition 2 and the chain r*_1 >= ... >= r*_n"), "r*_1 = " + text(star.r[0])};
}

namespace {

// Ex ante identical: equal k and equal CDFs (F_a - F_b zero on every piece).
bool identical(const llm::Agent& a, const llm::Agent& b) {
  if (a.k != b.k) return false;
  const PiecewisePolynomial difference = a.cdf - b.cdf;  // named: pieces() refers into it
  for (const auto& piece : difference.pieces())
    if (!piece.is_zero()) return false;
  return true;
}

// The group (order of first appearance) of every agent, and one agent of every group.
std::pair<std::vector<std::size_t>, std::vector<std::size_t>> groups_of(const Economy& e) {
  std::vector<std::size_t> group(e.size()), representative;
  for (std::size_t i = 0; i < e.size(); ++i) {
    std::size_t l = 0;
    while (l < representative.size() && !identical(e.agents[representative[l]], e.agents[i])) ++l;
    if (l == representative.size()) representative.push_back(i);
    group[i] = l;
  }
  return {group, representative};
}

// "(m)" for two groups (c = (m, n - m)), "(c_1,c_2,...)" beyond.
std::vector<unsigned> parse_composition(const std::string& t, std::size_t groups, unsigned n) {
  std::vector<unsigned> c;
  std::string number;
  for (char ch : t) {
    if (ch >= '0' && ch <= '9') number += ch;
    else if (!number.empty()) {
      c.push_back(static_cast<unsigned>(std::stoul(number)));
      number.clear();
    }
  }
  if (!number.empty()) c.push_back(static_cast<unsigned>(std::stoul(number)));
  if (groups == 2 && c.size() == 1) c.push_back(n - c[0]);
  if (c.size() != groups) throw std::runtime_error("the reported composition '" + t + "' does not match the groups");
  return c;
}

// r* of the agent of group l in the economy with c_g agents of group g's type.
Algebraic group_holding(const Economy& e, const std::vector<std::size_t>& representative,
                        const std::vector<unsigned>& c, std::size_t l) {
  Economy composed = e;
  composed.agents.clear();
  composed.holdings.reset();
  std::size_t index = 0, of_l = 0;
  for (std::size_t g = 0; g < c.size(); ++g)
    for (unsigned x = 0; x < c[g]; ++x) {
      if (g == l && x == 0) of_l = index;
      composed.agents.push_back(e.agents[representative[g]]);
      ++index;
    }
  if (c[l] == 0) throw std::runtime_error("the reported composition has no agent of group " + agent_text(l));
  return r_star_of(SpotMarket(composed)).r[of_l];
}

}  // namespace

std::optional<Recheck> recheck_groups(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const std::vector<std::size_t> representative = groups_of(e).second;
  const unsigned n = static_cast<unsigned>(e.size());
  // A comparison "after < before" of two holdings, each of group l in composition c.
  auto moved = [&](const std::vector<unsigned>& before, std::size_t b, const std::vector<unsigned>& after,
                   std::size_t a, const Value& before_value, const Value& after_value) {
    const Algebraic x = group_holding(e, representative, after, a), y = group_holding(e, representative, before, b);
    return Recheck{a < b && x == number_of(after_value) && y == number_of(before_value) && x < y,
                   method("r* of both economies of the move (Prop. 8)"),
                   after_value.name + " = " + text(x) + ", " + before_value.name + " = " + text(y)};
  };
  if (const Value* m = find(out.witness, "m")) {  // Prop. 8 with two groups: r*_G1(m+1) < r*_G2(m)
    const unsigned moves = static_cast<unsigned>(number_of(*m).to_rational().convert_to<long>());
    if (representative.size() != 2 || moves >= n) throw std::runtime_error("the reported m does not fit the groups");
    const std::string after = "r_star_G1(" + std::to_string(moves + 1) + ")",
                      before = "r_star_G2(" + std::to_string(moves) + ")";
    return moved({moves, n - moves}, 1, {moves + 1, n - moves - 1}, 0, named(out.witness, before),
                 named(out.witness, after));
  }
  if (const Value* before = find(out.witness, "composition_before")) {
    const auto c_before = parse_composition(before->text, representative.size(), n);
    const auto c_after = parse_composition(named(out.witness, "composition_after").text, representative.size(), n);
    std::size_t a = 0, b = 0;
    for (std::size_t g = 0; g < c_before.size(); ++g) {
      if (c_after[g] == c_before[g] + 1) a = g;
      if (c_after[g] + 1 == c_before[g]) b = g;
    }
    std::vector<const Value*> holdings;
    for (const auto& v : out.witness)
      if (v.name.rfind("r_star_G", 0) == 0) holdings.push_back(&v);
    if (holdings.size() != 2) throw std::runtime_error("the witness does not report the two holdings of the move");
    return moved(c_before, b, c_after, a, *holdings[1], *holdings[0]);
  }
  // Cor. 2 or Cor. 3 on an economy: agents i and j with r*_i != r*_j (same group) or
  // r*_i < r*_j (i's group stronger). The economy is the case's, or the reported composition.
  std::vector<unsigned> composition;
  const Economy* economy = &e;
  Economy composed;
  if (const Value* in = find(out.witness, "composition")) {
    composition = parse_composition(in->text, representative.size(), n);
    composed = e;
    composed.agents.clear();
    for (std::size_t g = 0; g < composition.size(); ++g)
      for (unsigned x = 0; x < composition[g]; ++x) composed.agents.push_back(e.agents[representative[g]]);
    economy = &composed;
  }
  const std::vector<std::size_t> economy_group = groups_of(*economy).first;
  const RStar star = r_star_of(SpotMarket(*economy));
  const std::size_t i = agent_index(out.witness, "i", economy->size()),
                    j = agent_index(out.witness, "j", economy->size());
  const bool same = star.r[i] == reported(out.witness, "r_star_i") && star.r[j] == reported(out.witness, "r_star_j");
  const bool violates = economy_group[i] == economy_group[j]
                            ? star.r[i] != star.r[j]
                            : economy_group[i] < economy_group[j] && star.r[i] < star.r[j];
  return Recheck{same && violates, method("r* of Proposition 2 for agents i and j and their groups"),
                 "r*_" + agent_text(i) + " = " + text(star.r[i]) + ", r*_" + agent_text(j) + " = " + text(star.r[j])};
}

std::optional<Recheck> recheck_cor1(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const Rational k = reported(out.witness, "k").to_rational();
  const std::string what = method("Corollary 1's three conclusions at the reported k");
  if (!is_common_demand(e, k)) return Recheck{false, what, "k = " + to_string(k) + " is no common demand of the model"};
  const std::string failure = corollary1_failure(e, k);
  return Recheck{!failure.empty(), what, failure.empty() ? "all three hold at k = " + to_string(k) : failure};
}

// ---- Section 4.2 and 5.1: forward markets -----------------------------------------------------

std::optional<Recheck> recheck_prop3_4(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  if (!e.endowments) throw std::runtime_error("the case has no endowments");
  const SpotMarket market(e);
  const RStar star = r_star_of(market);
  const Pricing p{star.hat, reported(out.values, "slope_below"), reported(out.values, "slope_above")};
  const std::vector<Rational>& endowments = *e.endowments;
  if (find(out.witness, "gain")) {
    const std::size_t i = agent_index(out.witness, "agent", market.size());
    const Algebraic x = reported(out.witness, "x"), gain = reported(out.witness, "gain");
    const Algebraic again = forward_payoff(market, p, endowments, star.r, i, x) -
                            forward_payoff(market, p, endowments, star.r, i, star.r[i]);
    return Recheck{again == gain && again.sign() > 0, method("the gain in payoff (3) of the reported deviation"),
                   "gain = " + text(again) + " (reported " + text(gain) + ")"};
  }
  if (find(out.witness, "slack")) {
    const std::size_t i = agent_index(out.witness, "agent", market.size());
    const Algebraic slack = market.spot_value(i, star.r[i]) -
                            p.integral(Algebraic(endowments[i]) - star.r[i], Algebraic(0)) -
                            Algebraic(std::min(market.k()[i], endowments[i]) * market.mean_type(i));
    return Recheck{slack == reported(out.witness, "slack") && slack.sign() < 0, method("ex ante IR (9) of the agent"),
                   "slack = " + text(slack)};
  }
  const Algebraic budget = forward_budget(p, endowments, star.r), bound = family_bound(market, star, endowments);
  return Recheck{
      budget == reported(out.witness, "budget") && bound == reported(out.witness, "family_budget_bound") &&
          bound.sign() <= 0 && budget < bound,
      method("the budget of P and the bound -sum_i (pi_i(c_i) - pi_i(r*_i) - hat (c_i - r*_i)) on the budget "
             "of every P in the family (its derivation is the checker's)"),
      "budget = " + text(budget) + ", bound = " + text(bound)};
}

std::optional<Recheck> recheck_prop5_6(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  if (!e.endowments || !e.aggregate) throw std::runtime_error("the case has no endowments or no [llm.aggregate]");
  const std::vector<Rational>& endowments = *e.endowments;
  if (const Value* state = find(out.witness, "state")) {
    const Rational k = reported(out.witness, "k").to_rational();
    bool is_state_k = false;
    for (const auto& s : *e.aggregate) is_state_k = is_state_k || s.k == k;
    if (!is_state_k)
      return Recheck{false, method("Corollary 1 in the reported state"), "no state has k = " + to_string(k)};
    const std::string failure = corollary1_failure(e, k);
    return Recheck{!failure.empty(), method("Corollary 1 in the reported state"),
                   "state " + state->text + ": " + (failure.empty() ? "operates" : failure)};
  }
  const SpotMarket base(e);
  const RStar base_star = r_star_of(base);
  // One market per state (k_i = k(omega)), P^U(0) = sum_omega alpha hat_theta(omega).
  std::vector<SpotMarket> states;
  std::vector<RStar> state_stars;
  Algebraic p0 = 0;
  for (const auto& s : *e.aggregate) {
    states.emplace_back(with_every_k(e, s.k));
    state_stars.push_back(r_star_of(states.back()));
    p0 += Algebraic(s.probability) * state_stars.back().hat;
  }
  if (const Value* part = find(out.witness, "proposition")) {
    const std::size_t i = agent_index(out.witness, "agent", base.size());
    const Algebraic x = reported(out.witness, "x"), gain = reported(out.witness, "gain"),
                    slope = reported(out.witness, "slope");
    Algebraic again;
    if (part->text == "5") {
      const Pricing p{base_star.hat, slope, slope};
      again = forward_payoff(base, p, endowments, base_star.r, i, x) -
              forward_payoff(base, p, endowments, base_star.r, i, base_star.r[i]);
    } else {
      // Payoff (4): sum_omega alpha pi_i(x; omega) - int_{e_i - r_i}^{x - r_i} P^U.
      const Pricing pu{p0, slope, slope};
      const std::vector<Algebraic>& r = state_stars.front().r;
      auto payoff = [&](const Algebraic& y) {
        Algebraic value = 0;
        for (std::size_t w = 0; w < states.size(); ++w)
          value += Algebraic((*e.aggregate)[w].probability) * states[w].spot_value(i, y);
        return value - pu.integral(Algebraic(endowments[i]) - r[i], y - r[i]);
      };
      again = payoff(x) - payoff(r[i]);
    }
    return Recheck{again == gain && again.sign() > 0,
                   method("the gain of the reported deviation in (" + part->text + ")'s forward market"),
                   "gain = " + text(again) + " (reported " + text(gain) + ")"};
  }
  const Algebraic slope_p = reported(out.values, "slope_P"), slope_pu = reported(out.values, "slope_P_U");
  const Algebraic budget_p = forward_budget(Pricing{base_star.hat, slope_p, slope_p}, endowments, base_star.r);
  const Algebraic bound_p = family_bound(base, base_star, endowments);
  const Algebraic budget_pu = forward_budget(Pricing{p0, slope_pu, slope_pu}, endowments, state_stars.front().r);
  Algebraic bound_pu = 0;
  for (std::size_t w = 0; w < states.size(); ++w)
    bound_pu += Algebraic((*e.aggregate)[w].probability) * family_bound(states[w], state_stars[w], endowments);
  const bool same =
      budget_p == reported(out.witness, "budget_P") && bound_p == reported(out.witness, "family_budget_bound_P") &&
      budget_pu == reported(out.witness, "budget_P_U") && bound_pu == reported(out.witness, "family_budget_bound_P_U");
  return Recheck{same && bound_p.sign() <= 0 && budget_p < bound_p && bound_pu.sign() <= 0 && budget_pu < bound_pu,
                 method("the budgets of P and P^U and the bounds on every P and P^U of the families (their "
                        "derivation is the checker's)"),
                 "budget_P = " + text(budget_p) + " < bound " + text(bound_p) + ", budget_P_U = " + text(budget_pu) +
                     " < bound " + text(bound_pu)};
}

// ---- Section 5.3: revenue ---------------------------------------------------------------------

namespace {

// Figure 1's two curves at k_1: E[Pi] at r* and at (1, 0, ..., 0).
std::pair<Algebraic, Algebraic> figure1_revenues(const Economy& base, const Rational& k1) {
  Economy e = base;
  e.agents[0].k = k1;
  e.holdings.reset();
  const SpotMarket market(e);
  std::vector<Algebraic> cornered(market.size(), Algebraic(0));
  cornered[0] = Algebraic(1);
  return {market.expected_surplus(r_star_of(market).r), market.expected_surplus(cornered)};
}

}  // namespace

std::optional<Recheck> recheck_fig1(const Economy& e, const Outcome& out) {
  if (out.verdict == Verdict::holds) {
    const Value* lower = find(out.values, "crossing_k1_lower");
    if (!lower) return std::nullopt;
    const Rational a = number_of(*lower).to_rational(), b = reported(out.values, "crossing_k1_upper").to_rational();
    const auto [interior_a, cornered_a] = figure1_revenues(e, a);
    const auto [interior_b, cornered_b] = figure1_revenues(e, b);
    const int sa = (interior_a - cornered_a).sign(), sb = (interior_b - cornered_b).sign();
    Recheck bracket{a <= b && sa * sb <= 0,
                    method("the sign of interior - cornered revenue at both ends of the crossing"),
                    "signs " + std::to_string(sa) + " at k1 = " + to_string(a) + " and " + std::to_string(sb) +
                        " at k1 = " + to_string(b)};
    const Value* exact = find(out.values, "crossing_k1");
    if (!exact || !bracket.passed) return bracket;
    // The exact crossing c: in the bracket, and the gap changes sign across an isolating interval of
    // c narrower than the bracket (c = a = b when the bracket is a point, where the gap is 0).
    const Algebraic c = number_of(*exact);
    bracket.method += "; the exact crossing lies in the bracket and the gap changes sign across its isolating interval";
    if (a == b) {
      bracket.passed = c == Algebraic(a) && sa == 0;
      bracket.detail += bracket.passed ? "; the gap is 0 at the reported crossing" : "; the reported crossing differs";
      return bracket;
    }
    if (!(Algebraic(a) <= c && c <= Algebraic(b))) {
      bracket.passed = false;
      bracket.detail += "; the reported crossing " + text(c) + " lies outside the bracket";
      return bracket;
    }
    std::pair<Rational, Rational> around = c.isolating_interval(128);
    for (long bits = 256; around.second - around.first >= (b - a) / 2; bits *= 2) around = c.isolating_interval(bits);
    const Rational left = std::max(a, around.first), right = std::min(b, around.second);
    const auto [interior_l, cornered_l] = figure1_revenues(e, left);
    const auto [interior_r, cornered_r] = figure1_revenues(e, right);
    const int sl = (interior_l - cornered_l).sign(), sr = (interior_r - cornered_r).sign();
    bracket.passed = c.is_rational() ? (c == Algebraic(left)    ? sl == 0
                                        : c == Algebraic(right) ? sr == 0
                                                                : sl * sr < 0)
                                     : sl * sr < 0;
    bracket.detail += "; signs " + std::to_string(sl) + " and " + std::to_string(sr) + " across [" + to_string(left) +
                      ", " + to_string(right) + "] around the crossing " + text(c) +
                      " (this places the reported crossing within that interval; its exactness rests on the "
                      "checker's derivation, compared with the model's revenues at three points of the bracket)";
    return bracket;
  }
  // The failing statement at its reported points (k1_p, interior_p, cornered_p).
  const std::string statement = named(out.witness, "statement").text;
  std::vector<Rational> k1;
  std::vector<Algebraic> interior, cornered;
  bool same = true;
  for (std::size_t p = 1; find(out.witness, "k1_" + std::to_string(p)); ++p) {
    k1.push_back(reported(out.witness, "k1_" + std::to_string(p)).to_rational());
    const auto [i, co] = figure1_revenues(e, k1.back());
    interior.push_back(i);
    cornered.push_back(co);
    same = same && i == reported(out.witness, "interior_" + std::to_string(p)) &&
           co == reported(out.witness, "cornered_" + std::to_string(p));
  }
  const Rational third(1, 3);
  auto slope = [&](std::size_t a, std::size_t b) { return (interior[b] - interior[a]) / Algebraic(k1[b] - k1[a]); };
  bool violated = false;
  if (statement == "cornered beats interior for small k1" && k1.size() == 1) violated = !(cornered[0] > interior[0]);
  else if (statement == "interior beats cornered for large k1" && k1.size() == 1)
    violated = !(interior[0] > cornered[0]);
  else if (statement == "interior revenue increases in k1" && k1.size() == 2)
    violated = k1[0] < k1[1] && !(interior[1] > interior[0]);
  else if (statement == "interior revenue grows more slowly once k1 > 1/3" && k1.size() == 4)
    violated = k1[0] < k1[1] && k1[1] <= third && third <= k1[2] && k1[2] < k1[3] && !(slope(2, 3) < slope(0, 1));
  else if (statement == "cornered revenue rises up to k1 = 1/3 and falls after it" && k1.size() == 2)
    violated = k1[0] < k1[1] &&
               (k1[1] <= third ? !(cornered[1] > cornered[0]) : k1[0] >= third && !(cornered[1] < cornered[0]));
  else throw std::runtime_error("the witness names no statement of Figure 1 with its points: '" + statement + "'");
  return Recheck{same && violated, method("Figure 1's revenues at the reported k1 values"),
                 statement + (violated ? " fails there" : " holds there")};
}

std::optional<Recheck> recheck_prop9(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const SpotMarket market(e);
  const std::size_t n = market.size();
  const RStar star = r_star_of(market);
  const auto r = reported_list(out.witness, "r", n);
  const Value* set = find(out.stats, "comparison_set");
  const bool within_demands = !set || set->text == "Delta(k)";
  Algebraic sum = 0;
  bool feasible = true;
  for (std::size_t i = 0; i < n; ++i) {
    sum += r[i];
    feasible = feasible && r[i].sign() >= 0 && (!within_demands || r[i] <= Algebraic(market.k()[i]));
  }
  feasible = feasible && sum == Algebraic(1);
  const Algebraic at_r = market.expected_surplus(r), at_star = market.expected_surplus(star.r);
  const bool same =
      describes(named(out.witness, "Pi_r"), at_r) && describes(named(out.witness, "Pi_candidate"), at_star);
  return Recheck{
      feasible && same && at_r > at_star,
      method("Pi at the reported holdings and at r*, and that the holdings lie in the comparison set"),
      "Pi_r = " + text(at_r) + " > Pi_r* = " + text(at_star) + (feasible ? "" : "; the holdings are not feasible")};
}

std::optional<Recheck> recheck_prop10(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const SpotMarket market(e);
  const std::size_t n = market.size();
  const auto& k = market.k();
  const auto r = reported_list(out.witness, "r", n);
  // i*: argmin_i int_lo^hi (k_i - q_i), exactly.
  std::vector<Rational> gap;
  for (std::size_t i = 0; i < n; ++i) gap.push_back(k[i] * (market.hi() - market.lo()) - market.allocation_integral(i));
  const Rational least = *std::min_element(gap.begin(), gap.end());
  auto bound = [&](std::size_t j) {  // max{0, 1 - sum_{l != j} k_l}
    Rational b = 1;
    for (std::size_t l = 0; l < n; ++l)
      if (l != j) b -= k[l];
    return std::max(b, Rational(0));
  };
  Algebraic sum = 0;
  bool boundary = false, on_simplex = true, of_form = false;
  for (std::size_t i = 0; i < n; ++i) {
    sum += r[i];
    on_simplex = on_simplex && r[i].sign() >= 0;
    boundary = boundary || r[i] > Algebraic(k[i]);
  }
  on_simplex = on_simplex && sum == Algebraic(1);
  const Algebraic at_r = market.expected_surplus(r);
  bool beats_candidates = true;
  for (std::size_t s = 0; s < n; ++s) {
    if (gap[s] != least) continue;
    bool form = true;
    for (std::size_t j = 0; j < n; ++j)
      if (j != s) form = form && r[j] <= Algebraic(bound(j));
    of_form = of_form || form;
    if (!(k[s] < 1)) continue;  // e_{i*} is a boundary holding only when k_{i*} < 1
    std::vector<Algebraic> corner(n, Algebraic(0));
    corner[s] = Algebraic(1);
    beats_candidates = beats_candidates && at_r >= market.expected_surplus(corner);
  }
  bool optimal = true;  // the premise, unless dropped: at least Pi at r*
  bool premise_dropped = false;
  for (const auto& d : out.dropped) premise_dropped = premise_dropped || d == "boundary_solution_optimal";
  if (!premise_dropped) optimal = at_r >= market.expected_surplus(r_star_of(market).r);
  return Recheck{
      on_simplex && boundary && !of_form && beats_candidates && optimal && describes(named(out.witness, "Pi_r"), at_r),
      method("the reported holdings: a boundary solution not of the stated form for any i* (recomputed), "
             "Pi there at least at the paper's boundary candidates e_{i*}" +
             std::string(premise_dropped ? "" : " and at r*") + " (grid maximality is the checker's)"),
      "Pi_r = " + text(at_r) + (of_form ? "; the holdings have the stated form" : "") +
          (boundary ? "" : "; not a boundary solution")};
}

// ---- Appendix B: the AGV mechanism ------------------------------------------------------------

std::optional<Recheck> recheck_prop11(const Economy& e, const Outcome& out) {
  const SpotMarket market(e);
  const std::size_t n = market.size();
  const auto r = holdings_of(e, market);
  const auto hat = worst_off_types_at(market, r);
  const Algebraic welfare = market.expected_welfare();
  // E[v_j] = E[W] - E[theta_j q_j(theta_j)] + m_j hat_j; E[h_i] = sum_{j != i} E[v_j] / (n - 1);
  // d_i = E[h_i] - E[W(hat_i, .)]; agent 1 absorbs sum_{j != 1} d_j, agent i != 1 pays -d_i.
  std::vector<Algebraic> expected_v, expected_h, d, adjustment, m;
  for (std::size_t j = 0; j < n; ++j) {
    m.push_back(outside_quantity(market, r, j));
    expected_v.push_back(welfare - Algebraic(market.mean_type_times_allocation(j)) + m[j] * hat[j]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    Algebraic others = 0;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) others += expected_v[j];
    expected_h.push_back(others / Algebraic(static_cast<long>(n) - 1));
    d.push_back(expected_h[i] - market.expected_welfare_with(i, hat[i]));
  }
  Algebraic absorbed = 0;
  for (std::size_t j = 1; j < n; ++j) absorbed += d[j];
  adjustment.push_back(absorbed);
  for (std::size_t i = 1; i < n; ++i) adjustment.push_back(-d[i]);

  if (out.verdict == Verdict::holds) {  // condition (16)'s slack by its definition
    Algebraic slack = 0;
    for (std::size_t i = 0; i < n; ++i) slack += market.expected_welfare_with(i, hat[i]) - expected_v[i];
    return Recheck{slack == reported(out.values, "slack_16") && slack.sign() >= 0,
                   method("the slack of (16), E[sum_i W(hat_i, .)] - E[sum_i v_i]"), "slack = " + text(slack)};
  }
  if (find(out.witness, "net_interim_payoff")) {
    // u_i(t) = t q_i(t) - E[T-bar_i(t, .)] - m_i t = E[W(t, .)] - E[h_i] + m_i (hat_i - t) - adjustment_i.
    const std::size_t i = agent_index(out.witness, "agent", n);
    const Algebraic t = reported(out.witness, "type"), u = reported(out.witness, "net_interim_payoff");
    const Algebraic again = market.expected_welfare_with(i, t) - expected_h[i] + m[i] * (hat[i] - t) - adjustment[i];
    return Recheck{again == u && again.sign() < 0, method("the AGV interim payoff net of the outside option"),
                   "u_" + agent_text(i) + "(" + text(t) + ") = " + text(again) + " (reported " + text(u) + ")"};
  }
  if (find(out.witness, "interim_gain")) {
    // Reporting b at type t gains (t - b) q_i(b) + E[W(b, .)] - E[W(t, .)].
    const std::size_t i = agent_index(out.witness, "agent", n);
    const Algebraic t = reported(out.witness, "type"), b = reported(out.witness, "report"),
                    gain = reported(out.witness, "interim_gain");
    const Algebraic again =
        (t - b) * q_at(market, i, b) + market.expected_welfare_with(i, b) - market.expected_welfare_with(i, t);
    return Recheck{again == gain && again.sign() > 0, method("the interim gain of the reported misreport"),
                   "gain = " + text(again) + " (reported " + text(gain) + ")"};
  }
  // Ex post budget: sum_i T-bar_i(theta) with v_j(x) = E[W(x, .)] - x q_j(x) + m_j hat_j.
  const auto theta = reported_list(out.witness, "theta", n);
  std::vector<Algebraic> v;
  for (std::size_t j = 0; j < n; ++j)
    v.push_back(market.expected_welfare_with(j, theta[j]) - theta[j] * q_at(market, j, theta[j]) + m[j] * hat[j]);
  Algebraic sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Algebraic others = 0;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) others += v[j];
    sum += others / Algebraic(static_cast<long>(n) - 1) - v[i] + adjustment[i];
  }
  return Recheck{sum == reported(out.witness, "sum_of_transfers") && sum.sign() != 0,
                 method("the sum of the AGV transfers at the reported theta"), "sum = " + text(sum)};
}

}  // namespace mechcheck::proofs::llm_recheck
