// Re-checks of the G* claims' witnesses (mat_recheck.hpp): each witness is read back from its
// text and re-evaluated with recheck_direct.cpp's own G*, never with the checkers' tables.
#include "mat/recheck/recheck_direct.hpp"

#include "mat/model/convergence.hpp"

#include <algorithm>
#include <random>
#include <set>
#include <stdexcept>

namespace mechcheck::proofs::mat_recheck {

using namespace direct;
using mat::Economy;

namespace {

const char* const expected_utility_method =
    "G* simulated directly from the paper's text (p-hat, (4), Rationing Rules 1 and 2, one permutation at a time) "
    "and u_i(g(m)) summed over all N! permutations and |P| prices";

int trader_index(const Economy& e, long long one_based) {
  if (one_based < 1 || one_based > e.trader_count())
    throw std::runtime_error("the witness names trader " + std::to_string(one_based) + ", not one of 1.." +
                             std::to_string(e.trader_count()));
  return static_cast<int>(one_based - 1);
}

std::vector<int> parse_phi(const Economy& e, const std::string& text) {
  const auto numbers = parse_integers(text);
  std::vector<int> phi;
  std::vector<bool> seen(e.trader_count(), false);
  for (long long t : numbers) {
    const int i = trader_index(e, t);
    if (seen[i]) throw std::runtime_error("phi = " + text + " lists trader " + std::to_string(t) + " twice");
    seen[i] = true;
    phi.push_back(i);
  }
  if (static_cast<int>(phi.size()) != e.trader_count())
    throw std::runtime_error("phi = " + text + " is not a permutation");
  return phi;
}

// "trader 2 [0,0], trader 3 [0,1]": every trader but `except` once, with her demand function.
void parse_others(const Economy& e, const std::string& text, int except, Demands& d) {
  std::vector<bool> given(e.trader_count(), false);
  for (const auto& raw : split(text, ", ")) {
    const std::string item = trim(raw);
    if (item.rfind("trader ", 0) != 0) throw std::runtime_error("'" + item + "' does not name a trader");
    const std::size_t space = item.find(' ', 7);
    if (space == std::string::npos) throw std::runtime_error("'" + item + "' has no demand function");
    const int j = trader_index(e, parse_integers(item.substr(7, space - 7)).at(0));
    if (j == except || given[j])
      throw std::runtime_error("the opponents' profile '" + text + "' lists trader " + std::to_string(j + 1) +
                               " wrongly");
    given[j] = true;
    d[j] = parse_demand(e, item.substr(space + 1));
  }
  for (int j = 0; j < e.trader_count(); ++j)
    if (j != except && !given[j])
      throw std::runtime_error("the opponents' profile '" + text + "' omits trader " + std::to_string(j + 1));
}

std::string bundles_text(const Economy& e, const std::vector<int>& bundles) {
  std::string s = "{";
  for (std::size_t b = 0; b < bundles.size(); ++b) {
    const auto x = amounts(e, bundles[b]);
    std::string t;
    for (std::size_t h = 0; h < x.size(); ++h) t += (h ? "," : "") + std::to_string(x[h]);
    s += (b ? ", " : "") + (x.size() == 1 ? t : "(" + t + ")");
  }
  return s + "}";
}

// The traders a dominance claim checks: the case's [mat.dominance] traders, else the first
// trader of each (endowment, values, money) type.
std::vector<int> traders_claimed(const Economy& e) {
  if (!e.dominance.traders.empty()) return e.dominance.traders;
  std::vector<int> first;
  for (int i = 0; i < e.trader_count(); ++i) {
    bool repeat = false;
    for (int j : first)
      repeat =
          repeat || (e.traders[j].endowment == e.traders[i].endowment && e.traders[j].value == e.traders[i].value &&
                     e.traders[j].money.pieces == e.traders[i].money.pieces);
    if (!repeat) first.push_back(i);
  }
  return first;
}

unsigned long long strategy_count(const Economy& e) {
  const auto count = demand_function_count(e);
  if (!count) too_large_to_recheck("|D| is beyond 2^62: too large to re-check");
  return *count;
}

// Does t strictly dominate s for trader i (u_i(g(t, m_-i)) > u_i(g(s, m_-i)) for every m_-i)?
// "" when it does (and `profiles` says over how many), else the profile where it does not.
// `known` (optional) keeps u_i of every demand profile computed, for the next call: a witness
// that lists many dominated demand functions with one dominator asks for u_i(t, d_-i) again and
// again (only a store: each value is computed by direct_expected_utility).
std::string strict_dominance_failure(const Economy& e, int i, const std::vector<int>& s, const std::vector<int>& t,
                                     unsigned long long& profiles, std::map<Demands, Rational>* known = nullptr) {
  const unsigned long long S = strategy_count(e);
  // Ordered profiles up to 50000; beyond, one per orbit of equal-endowment opponents. Above
  // 2 million ordered profiles (capped count) the re-check does not start: its verdict is undecided.
  unsigned long long size = 1;
  for (int j = 1; j < e.trader_count(); ++j) size = size > (1ULL << 40) / S ? (1ULL << 40) : size * S;
  if (size > 2'000'000)
    too_large_to_recheck("|D|^(N-1) = " + std::string(size == (1ULL << 40) ? "more than 2^40" : std::to_string(size)) +
                         " ordered opponents' profiles: too many for the re-check's strict-dominance test");
  std::string failure;
  Demands d(e.trader_count());
  profiles = for_each_opponent_profile(e, i, S, 50'000, [&](const std::vector<long long>& profile) {
    for (int j = 0; j < e.trader_count(); ++j)
      if (j != i) d[j] = demand_function_at(e, static_cast<unsigned long long>(profile[j]));
    auto utility = [&]() -> Rational {
      if (!known) return direct_expected_utility(e, i, d);
      auto it = known->find(d);
      if (it == known->end()) it = known->emplace(d, direct_expected_utility(e, i, d)).first;
      return it->second;
    };
    d[i] = s;
    const Rational u_s = utility();
    d[i] = t;
    const Rational u_t = utility();
    if (u_t > u_s) return true;
    std::string others;
    for (int j = 0; j < e.trader_count(); ++j)
      if (j != i)
        others += (others.empty() ? "" : ", ") + std::string("trader ") + std::to_string(j + 1) + " " +
                  demand_string(e, d[j]);
    failure = "at (" + others + ") u_i = " + to_string(u_t) + " for " + demand_string(e, t) + " against " +
              to_string(u_s) + " for " + demand_string(e, s);
    return false;
  });
  return failure;
}

// A surviving non-price-taking demand function: s(p) outside argmax at the stated price, and for
// every other demand function an opponents' profile where it is not strictly better.
Recheck recheck_survivor(const Economy& e, const Outcome& out) {
  const int i = trader_index(e, witness_integer(out, "trader"));
  const std::vector<int> s = parse_demand(e, witness(out, "undominated_not_price_taking"));
  const std::string& where = witness(out, "not_price_taking_at");
  const std::size_t colon = where.find(':');
  if (where.rfind("p = ", 0) != 0 || colon == std::string::npos)
    throw std::runtime_error("not_price_taking_at '" + where + "' does not start with 'p = PRICE:'");
  const int p = parse_price(e, where.substr(4, colon - 4));
  const auto best = best_bundles(e, i, p);
  const std::string method = std::string(expected_utility_method) + "; argmax_x u_i(x, p) from v_i and w_i";
  if (std::find(best.begin(), best.end(), s[p]) != best.end())
    return {false, method,
            demand_string(e, s) + "(" + where.substr(4, colon - 4) + ") is in argmax u_i = " + bundles_text(e, best) +
                ": price-taking there"};

  const unsigned long long S = strategy_count(e);
  const auto entries = split(witness(out, "no_strict_dominator"), "; ");
  std::set<std::vector<int>> seen;
  Rational tightest;
  bool any = false;
  for (const auto& entry : entries) {
    const std::size_t at = entry.find(" at (");
    if (at == std::string::npos || entry.back() != ')')
      throw std::runtime_error("certificate entry '" + entry + "' is not 'DEMAND at (PROFILE)'");
    const std::vector<int> t = parse_demand(e, entry.substr(0, at));
    if (t == s || !seen.insert(t).second)
      return {false, method, "the certificate lists " + demand_string(e, t) + " twice or lists s itself"};
    Demands d(e.trader_count());
    parse_others(e, entry.substr(at + 5, entry.size() - at - 6), i, d);
    d[i] = s;
    const Rational u_s = direct_expected_utility(e, i, d);
    d[i] = t;
    const Rational u_t = direct_expected_utility(e, i, d);
    if (u_t > u_s)
      return {false, method,
              demand_string(e, t) + " is strictly better than " + demand_string(e, s) +
                  " at its listed "
                  "profile: " +
                  to_string(u_t) + " > " + to_string(u_s)};
    if (!any || u_s - u_t < tightest) tightest = u_s - u_t;
    any = true;
  }
  if (seen.size() + 1 != S)
    return {false, method,
            "the certificate covers " + std::to_string(seen.size()) +
                " other demand functions, not |D| - 1 = " + std::to_string(S - 1)};
  return {true, method,
          "trader " + std::to_string(i + 1) + ": " + demand_string(e, s) + " is not optimal at p = " +
              where.substr(4, colon - 4) + " (argmax " + bundles_text(e, best) + "), and each of the other " +
              std::to_string(S - 1) + " demand functions is no better than it at its listed profile (smallest margin " +
              to_string(tightest) + ")"};
}

// A price-taking demand function strictly dominated by another.
Recheck recheck_dominated_price_taking(const Economy& e, const Outcome& out) {
  const int i = trader_index(e, witness_integer(out, "trader"));
  const std::vector<int> s = parse_demand(e, witness(out, "dominated_price_taking"));
  const std::vector<int> t = parse_demand(e, witness(out, "dominator"));
  const std::string method = std::string(expected_utility_method) + ", over every opponents' profile";
  if (!price_taking(e, i, s)) return {false, method, demand_string(e, s) + " is not price-taking"};
  unsigned long long profiles = 0;
  const std::string failure = strict_dominance_failure(e, i, s, t, profiles);
  if (!failure.empty()) return {false, method, demand_string(e, t) + " does not strictly dominate: " + failure};
  return {true, method,
          "trader " + std::to_string(i + 1) + ": " + demand_string(e, t) +
              " is strictly better than the "
              "price-taking " +
              demand_string(e, s) + " at all " + std::to_string(profiles) + " opponents' profiles enumerated"};
}

}  // namespace

std::optional<Recheck> recheck_price_taking_comparison(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  if (find(out.witness, "undominated_not_price_taking")) return recheck_survivor(e, out);
  if (find(out.witness, "dominated_price_taking")) return recheck_dominated_price_taking(e, out);
  throw std::runtime_error("the refutation carries no re-checkable witness");
}

std::optional<Recheck> recheck_necessity(const Economy& e, const Outcome& out) {
  if (out.verdict == Verdict::holds) return recheck_survivor(e, out);
  if (out.verdict != Verdict::refuted) return std::nullopt;
  // Refuted: for every trader checked, every demand function outside D*_i has a strict dominator.
  const std::string method = std::string(expected_utility_method) + ", over every opponents' profile";
  std::string detail;
  for (int i : traders_claimed(e)) {
    std::set<std::vector<int>> outside;
    const unsigned long long S = strategy_count(e);
    for (unsigned long long x = 0; x < S; ++x) {
      const auto d = demand_function_at(e, x);
      if (!price_taking(e, i, d)) outside.insert(d);
    }
    std::set<std::vector<int>> listed;
    unsigned long long profiles = 0;
    std::map<Demands, Rational> known;  // u_i by demand profile, shared by the entries
    const std::string& text = witness(out, "dominated_trader_" + std::to_string(i + 1));
    for (const auto& entry : split(text, "; ")) {
      if (entry.empty()) continue;
      const std::size_t by = entry.find(" by ");
      if (by == std::string::npos) throw std::runtime_error("entry '" + entry + "' is not 'DEMAND by DEMAND'");
      const auto s = parse_demand(e, entry.substr(0, by)), t = parse_demand(e, entry.substr(by + 4));
      listed.insert(s);
      const std::string failure = strict_dominance_failure(e, i, s, t, profiles, &known);
      if (!failure.empty())
        return Recheck{false, method,
                       "trader " + std::to_string(i + 1) + ": " + demand_string(e, t) + " does not strictly dominate " +
                           demand_string(e, s) + ": " + failure};
    }
    if (listed != outside)
      return Recheck{false, method,
                     "trader " + std::to_string(i + 1) + ": the witness lists " + std::to_string(listed.size()) +
                         " dominated demand functions, but " + std::to_string(outside.size()) +
                         " are not price-taking"};
    detail += (detail.empty() ? "" : "; ") + std::string("trader ") + std::to_string(i + 1) + ": each of the " +
              std::to_string(outside.size()) + " non-price-taking demand functions is strictly dominated at all " +
              std::to_string(profiles) + " opponents' profiles";
  }
  return Recheck{true, method, detail};
}

std::optional<Recheck> recheck_feasibility(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const auto texts = split(witness(out, "demand_profile"), ", ");
  if (static_cast<int>(texts.size()) != e.trader_count())
    throw std::runtime_error("the demand profile does not list one demand function per trader");
  Demands d;
  for (const auto& t : texts) d.push_back(parse_demand(e, t));
  const std::vector<int> phi = parse_phi(e, witness(out, "phi"));
  const long long rule = witness_integer(out, "rule");
  if (rule != 1 && rule != 2) throw std::runtime_error("G* has Rationing Rules 1 and 2, not " + std::to_string(rule));
  const DirectAllocation a =
      rule == 1 ? direct_rule1(e, phi, d) : direct_rule2(e, phi, d, parse_price(e, witness(out, "p")));
  const std::string method = "Rationing Rule " + std::to_string(rule) +
                             " simulated directly from the paper's text at the witness's phi (and p); (2), (3) and "
                             "0 <= x <= l recomputed";
  if (const Value* x = find(out.witness, "x")) {
    const auto reported = parse_integers(x->text);
    for (int i = 0; i < e.trader_count(); ++i)
      if (static_cast<int>(reported.size()) != e.trader_count() || reported[i] != a.amount[i][0])
        return Recheck{false, method,
                       "the simulation gives x_" + std::to_string(i + 1) + " = " + std::to_string(a.amount[i][0]) +
                           ", the witness says " + x->text};
  }
  const auto why = outside_A(e, a);
  if (!why) return Recheck{false, method, "the simulated allocation satisfies (2), (3) and the bounds"};
  return Recheck{true, method, *why};
}

std::optional<Recheck> recheck_properties_gstar(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const int i = trader_index(e, witness_integer(out, "trader"));
  Demands d(e.trader_count());
  parse_others(e, witness(out, "others"), i, d);
  const std::vector<int> phi = parse_phi(e, witness(out, "phi"));
  const long long rule = witness_integer(out, "rule");
  if (rule != 1 && rule != 2) throw std::runtime_error("G* has Rationing Rules 1 and 2, not " + std::to_string(rule));
  const int p = rule == 2 ? parse_price(e, witness(out, "p")) : 0;
  const std::string method = "her outcome under each of the two messages simulated directly (Rule " +
                             std::to_string(rule) + " at the witness's phi" + (rule == 2 ? " and p" : "") +
                             ") from the paper's text";
  struct Seen {
    std::vector<int> message;
    int price;
    std::vector<long long> x;
  };
  std::vector<Seen> seen;
  for (const auto& v : out.witness) {
    if (v.name.rfind("message ", 0) != 0) continue;
    d[i] = parse_demand(e, v.name.substr(8));
    const DirectAllocation a = rule == 1 ? direct_rule1(e, phi, d) : direct_rule2(e, phi, d, p);
    // The witness says "price P, amount (x)": the simulation must agree.
    const std::size_t comma = v.text.find(", amount ");
    if (v.text.rfind("price ", 0) != 0 || comma == std::string::npos)
      throw std::runtime_error("'" + v.text + "' is not 'price P, amount (x)'");
    const int q = parse_price(e, v.text.substr(6, comma - 6));
    const auto x = parse_integers(v.text.substr(comma + 9));
    if (q != a.price[i] || x != a.amount[i])
      return Recheck{false, method,
                     "for message " + v.name.substr(8) + " the simulation gives price index " +
                         std::to_string(a.price[i]) + " and another amount than '" + v.text + "'"};
    seen.push_back({d[i], q, x});
  }
  if (seen.size() != 2) throw std::runtime_error("the witness does not compare two messages");
  if (seen[0].price != seen[1].price)
    return Recheck{true, method, "(i) fails: the two messages get different trading prices"};
  auto served = [&](const Seen& m) { return bundle_of(e, m.x) == m.message[m.price]; };
  if (seen[0].x != seen[1].x && (!served(seen[0]) || !served(seen[1])))
    return Recheck{true, method,
                   "(ii)-(iii) fail: a message that is not served and another message receive different "
                   "amounts in the same (phi, p, rule)"};
  return Recheck{false, method, "the two messages are both served, or receive the same amount: no violation shown"};
}

std::optional<Recheck> recheck_example(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  if (!e.example) throw std::runtime_error("the case has no [mat.example]");
  const auto demands = parse_integers(witness(out, "demands"));
  if (std::vector<long long>(e.example->demands.begin(), e.example->demands.end()) != demands)
    return Recheck{false, "", "the witness's demands are not the case's"};
  // (4) as printed in group 1 = traders 1..n in phi order.
  std::vector<int> members, bundles;
  for (int j = 0; j < e.group_size; ++j) {
    members.push_back(j);
    bundles.push_back(bundle_of(e, {demands[j]}));
  }
  DirectAllocation a{std::vector<std::vector<long long>>(e.trader_count(), std::vector<long long>(1, 0)),
                     std::vector<int>(e.trader_count(), 0)};
  const Rationing r = ration_in_group(e, mat::UnderlineN::literal, members, bundles, a);
  std::vector<long long> x, paper(e.example->paper_x.begin(), e.example->paper_x.end());
  for (int j = 0; j < e.group_size; ++j) x.push_back(a.amount[j][0]);
  const std::string method = "(4) as printed and Rationing Rule 1 recomputed directly in group 1";
  if (r.n_underline != witness_integer(out, "n_underline") || r.n_tilde != witness_integer(out, "n_tilde") ||
      x != parse_integers(witness(out, "x")))
    return Recheck{false, method,
                   "the recomputation gives n-underline = " + std::to_string(r.n_underline) +
                       ", n-tilde = " + std::to_string(r.n_tilde) + ", not the witness's numbers"};
  if (r.n_tilde == e.example->paper_n_tilde && x == paper)
    return Recheck{false, method, "the printed definition gives the paper's numbers"};
  return Recheck{true, method,
                 "n-bar = " + std::to_string(r.n_bar) + ", n-underline = " + std::to_string(r.n_underline) +
                     ", n-tilde = " + std::to_string(r.n_tilde) +
                     ", which the paper states as n-tilde = " + std::to_string(e.example->paper_n_tilde)};
}

// ---- mat.convergence -------------------------------------------------------------------------

namespace {

__extension__ typedef unsigned __int128 Wide;  // 2^64 and its multiples, exactly

struct SampleMeans {
  Rational mean_price_gap, mean_served, worst_served;
  int worst_draw = 0;
};

// One size of the study, recomputed: the case's traders m times, `draws` uniform permutations
// (Fisher-Yates from the identity with rejection sampling, as the case format documents), per
// draw and group the clearing price's distance to p* and n-tilde at the trading price.
SampleMeans sample_size(const Economy& base, const mat::ConvergenceStudy& study, int m) {
  Economy e = base;
  e.traders.clear();
  for (int c = 0; c < m; ++c) e.traders.insert(e.traders.end(), base.traders.begin(), base.traders.end());
  const int N = e.trader_count(), n = N / e.groups, P = price_count(e);
  e.group_size = n;
  Demands d(N);
  for (int i = 0; i < base.trader_count(); ++i)
    for (int p = 0; p < P; ++p) {
      const auto best = best_bundles(base, i, p);
      d[i].push_back(study.pick == mat::DemandPick::smallest ? best.front() : best.back());
    }
  for (int i = base.trader_count(); i < N; ++i) d[i] = d[i % base.trader_count()];
  std::vector<int> everyone(N);
  for (int i = 0; i < N; ++i) everyone[i] = i;
  const int competitive = p_hat(e, everyone, d);
  std::seed_seq seq{static_cast<std::uint32_t>(study.seed & 0xffffffffu), static_cast<std::uint32_t>(study.seed >> 32),
                    static_cast<std::uint32_t>(m)};
  std::mt19937_64 engine(seq);
  Rational gaps = 0;
  long long served = 0;
  int worst = n + 1;
  SampleMeans means;
  DirectAllocation scratch{std::vector<std::vector<long long>>(N, std::vector<long long>(e.grid.goods, 0)),
                           std::vector<int>(N, 0)};
  for (int draw = 0; draw < study.draws; ++draw) {
    std::vector<int> phi(N);
    for (int i = 0; i < N; ++i) phi[i] = i;
    for (int j = N - 1; j >= 1; --j) {
      const unsigned long long range = static_cast<unsigned long long>(j) + 1;
      // The largest multiple of `range` not above 2^64: draws at or beyond it are rejected.
      const Wide limit = ((static_cast<Wide>(1) << 64) / range) * range;
      unsigned long long x;
      do x = engine();
      while (static_cast<Wide>(x) >= limit);
      std::swap(phi[j], phi[x % range]);
    }
    std::vector<int> clearing(e.groups);
    for (int beta = 0; beta < e.groups; ++beta)
      clearing[beta] = p_hat(e, std::vector<int>(phi.begin() + beta * n, phi.begin() + (beta + 1) * n), d);
    for (int beta = 0; beta < e.groups; ++beta) {
      Rational distance = 0;
      for (int h = 0; h < e.grid.goods; ++h) {
        Rational diff = price_coordinate(e, clearing[beta], h) - price_coordinate(e, competitive, h);
        if (diff < 0) diff = -diff;
        if (diff > distance) distance = diff;
      }
      gaps += distance;
      const int q = e.trading_price == mat::TradingPrice::other_group ? clearing[beta == 0 ? e.groups - 1 : beta - 1]
                                                                      : trading_price(e, phi, beta, d);
      std::vector<int> members(phi.begin() + beta * n, phi.begin() + (beta + 1) * n), bundles;
      for (int i : members) bundles.push_back(d[i][q]);
      const int tilde = ration_in_group(e, e.underline_n, members, bundles, scratch).n_tilde;
      served += tilde;
      if (tilde < worst) {
        worst = tilde;
        means.worst_draw = draw;
      }
    }
  }
  const long long group_draws = static_cast<long long>(study.draws) * e.groups;
  means.mean_price_gap = gaps / Rational(group_draws);
  means.mean_served = Rational(served) / Rational(group_draws * n);
  means.worst_served = Rational(worst, n);
  return means;
}

}  // namespace

std::optional<Recheck> recheck_convergence(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  mat::ConvergenceStudy study;
  if (e.convergence) study = *e.convergence;
  else study.max_price_gap = Rational(1, 2 * e.grid.price_grid);
  const int first = study.replications.front(), last = study.replications.back();
  const std::string method =
      "the smallest and the largest size resampled from the seed (Fisher-Yates with rejection "
      "sampling on std::mt19937_64, as documented) and every group's p-hat, distance to p* and "
      "n-tilde recomputed from the paper's text";
  if (witness_integer(out, "replication") != last) return Recheck{false, method, "the witness is not the largest size"};
  const SampleMeans small = sample_size(e, study, first), large = sample_size(e, study, last);
  const int n_small = first * e.trader_count() / e.groups, n_large = last * e.trader_count() / e.groups;
  auto reported = [&](const std::string& name) {
    const Value* v = find(out.values, name);
    if (!v) throw std::runtime_error("the outcome has no value '" + name + "'");
    return parse_exact(v->text, name);
  };
  if (large.mean_served != parse_exact(witness(out, "mean_served"), "mean_served") ||
      large.mean_price_gap != parse_exact(witness(out, "mean_price_gap"), "mean_price_gap") ||
      large.worst_served != parse_exact(witness(out, "worst_served"), "worst_served") ||
      large.worst_draw + 1 != witness_integer(out, "worst_served_draw") ||
      small.mean_served != reported("mean_served_n" + std::to_string(n_small)) ||
      small.mean_price_gap != reported("mean_price_gap_n" + std::to_string(n_small)))
    return Recheck{false, method,
                   "the resampled means differ from the reported ones (largest size: mean n-tilde/n = " +
                       to_string(large.mean_served) + ", mean price distance = " + to_string(large.mean_price_gap) +
                       ")"};
  std::vector<std::string> failed;
  auto shrinks = [](const Rational& a, const Rational& b) { return b == 0 || b < a; };
  if (!shrinks(small.mean_price_gap, large.mean_price_gap)) failed.push_back("the mean price distance does not shrink");
  if (!shrinks(1 - small.mean_served, 1 - large.mean_served)) failed.push_back("1 - mean n-tilde/n does not shrink");
  if (large.mean_price_gap > study.max_price_gap) failed.push_back("the mean price distance exceeds max_price_gap");
  if (large.mean_served < study.min_served) failed.push_back("mean n-tilde/n is below min_served");
  if (failed.empty()) return Recheck{false, method, "every criterion holds on the resampled sizes"};
  std::string why;
  for (const auto& f : failed) why += (why.empty() ? "" : "; ") + f;
  return Recheck{true, method,
                 "n = " + std::to_string(n_large) + ": mean n-tilde/n = " + to_string(large.mean_served) +
                     ", mean price distance = " + to_string(large.mean_price_gap) + " (n = " + std::to_string(n_small) +
                     ": " + to_string(small.mean_served) + ", " + to_string(small.mean_price_gap) + "): " + why};
}

}  // namespace mechcheck::proofs::mat_recheck
