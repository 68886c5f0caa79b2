// Re-checks of G**'s witnesses (mat.properties on a case with [mat.interdependent], and
// mat.theorem2). G** is simulated from Section 4's text with the re-checks' own G* pieces
// (recheck_direct.hpp: p-hat, (4), the common-price sale); beliefs come from the joint
// f(omega_0, omega) = f_0(omega_0) prod_i f(omega_i | omega_0) directly, and the interim utility is
// a plain sum over every opponents' signal profile, macro shock, permutation, price and rule.
// Nothing of proofs/mat/model/gstarstar.cpp is called.
#include "mat/recheck/recheck_direct.hpp"

#include "mat/model/interdependent.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace mechcheck::proofs::mat_recheck {

using namespace direct;
using mat::Economy;
using mat::Interdependent;
using mat::ResponseRule;

namespace {

using Sets = std::vector<std::vector<int>>;  // per price, the allowed bundles (a product set)

// A message with the signal its response rules read (the trader's own, or the one a concrete
// message of the properties check names).
struct Said {
  std::vector<int> first;
  ResponseRule second = ResponseRule::informed;
  int second_signal = 0;
  ResponseRule third = ResponseRule::informed;
  int third_signal = 0;
};

// "(d1 = [2,1], m2 = informed, m3 = naive)", or with "informed@signal 1" (then the signals are set).
struct Message {
  std::vector<int> first;
  ResponseRule second = ResponseRule::informed, third = ResponseRule::informed;
  int second_signal = -1, third_signal = -1;
  bool operator<(const Message& o) const {
    return std::tie(first, second, third, second_signal, third_signal) <
           std::tie(o.first, o.second, o.third, o.second_signal, o.third_signal);
  }
  bool operator==(const Message& o) const { return !(*this < o) && !(o < *this); }
};
using Strategy = std::vector<Message>;  // by signal

// Splits at `separator` outside (), [] and {}.
std::vector<std::string> split_top(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth == 0 && text.compare(i, separator.size(), separator) == 0) {
      parts.push_back(text.substr(from, i - from));
      from = i + separator.size();
      i = from - 1;
    }
  }
  parts.push_back(text.substr(from));
  return parts;
}

std::string inside(const std::string& raw, char open, char close) {
  const std::string t = trim(raw);
  if (t.size() < 2 || t.front() != open || t.back() != close)
    throw std::runtime_error("'" + raw + "' is not enclosed in " + std::string(1, open) + std::string(1, close));
  return t.substr(1, t.size() - 2);
}

void parse_rule(const Interdependent& I, const std::string& raw, ResponseRule& rule, int& signal) {
  std::string t = trim(raw);
  const std::size_t at = t.find("@signal ");
  const std::string name = at == std::string::npos ? t : t.substr(0, at);
  if (name == "informed") rule = ResponseRule::informed;
  else if (name == "naive") rule = ResponseRule::naive;
  else throw std::runtime_error("'" + raw + "' is not a response rule");
  if (at != std::string::npos) {
    signal = static_cast<int>(parse_integers(t.substr(at + 8)).at(0)) - 1;
    if (signal < 0 || signal >= I.signals) throw std::runtime_error("'" + raw + "' names no signal of the case");
  }
}

Message parse_message(const Economy& e, const std::string& raw) {
  const std::string t = inside(raw, '(', ')');
  const std::size_t m2 = t.find(", m2 = "), m3 = t.find(", m3 = ");
  if (t.rfind("d1 = ", 0) != 0 || m2 == std::string::npos || m3 == std::string::npos)
    throw std::runtime_error("'" + raw + "' is not a message (d1 = ..., m2 = ..., m3 = ...)");
  Message m;
  m.first = parse_demand(e, t.substr(5, m2 - 5));
  parse_rule(*e.interdependent, t.substr(m2 + 7, m3 - m2 - 7), m.second, m.second_signal);
  parse_rule(*e.interdependent, t.substr(m3 + 7), m.third, m.third_signal);
  return m;
}

Strategy parse_strategy(const Economy& e, const std::string& raw) {
  Strategy s;
  for (const auto& part : split_top(inside(raw, '{', '}'), "; ")) {
    const std::string t = trim(part);
    const std::size_t arrow = t.find(" -> ");
    if (t.rfind("signal ", 0) != 0 || arrow == std::string::npos)
      throw std::runtime_error("'" + part + "' is not 'signal K -> MESSAGE'");
    if (parse_integers(t.substr(7, arrow - 7)).at(0) != static_cast<long long>(s.size()) + 1)
      throw std::runtime_error("the strategy '" + raw + "' does not list the signals in order");
    s.push_back(parse_message(e, t.substr(arrow + 4)));
  }
  if (static_cast<int>(s.size()) != e.interdependent->signals) throw std::runtime_error("'" + raw + "' misses signals");
  return s;
}

class DirectGss {
 public:
  explicit DirectGss(const Economy& e) : e_(e), I_(*e.interdependent) {
    for (int t = 0; t < I_.signals; ++t) {
      d1_.push_back(argmax_sets(expected_values({t})));
      naive_.push_back(lowest(d1_.back()));
    }
  }

  // E[v(x, omega_0, signals[0]) | signals] for every bundle: the posterior over Omega_0 is
  // f_0(w) prod_s f(s | w), normalized.
  std::vector<Rational> expected_values(const std::vector<int>& signals) const {
    std::vector<Rational> weight;
    Rational total = 0;
    for (int w = 0; w < I_.macro_shocks(); ++w) {
      Rational x = I_.macro_prior[w];
      for (int s : signals) x *= I_.likelihood[w][s];
      weight.push_back(x);
      total += x;
    }
    std::vector<Rational> v(bundle_count(e_), Rational(0));
    for (int w = 0; w < I_.macro_shocks(); ++w)
      for (int b = 0; b < bundle_count(e_); ++b) v[b] += weight[w] / total * I_.value[w][signals.at(0)][b];
    return v;
  }

  Rational payment(int price, int bundle) const {
    Rational pay = 0;
    const auto x = amounts(e_, bundle);
    for (int h = 0; h < e_.grid.goods; ++h) pay += price_coordinate(e_, price, h) * x[h];
    return pay;
  }

  // Per price, argmax_x values[x] - p.x.
  Sets argmax_sets(const std::vector<Rational>& values) const {
    Sets sets;
    for (int p = 0; p < price_count(e_); ++p) {
      std::vector<Rational> u;
      for (int b = 0; b < bundle_count(e_); ++b) u.push_back(values[b] - payment(p, b));
      const Rational top = *std::max_element(u.begin(), u.end());
      sets.emplace_back();
      for (int b = 0; b < bundle_count(e_); ++b)
        if (u[b] == top) sets.back().push_back(b);
    }
    return sets;
  }

  static bool contains(const Sets& s, const std::vector<int>& d) {
    for (std::size_t p = 0; p < s.size(); ++p)
      if (std::find(s[p].begin(), s[p].end(), d[p]) == s[p].end()) return false;
    return true;
  }
  static std::vector<int> lowest(const Sets& s) {
    std::vector<int> d;
    for (const auto& b : s) d.push_back(*std::min_element(b.begin(), b.end()));
    return d;
  }
  const Sets& D1(int theta) const { return d1_.at(theta); }

  // D^3(signals): per price the bundles y such that for every x some completion of the
  // missing signals makes y at least as good as x.
  Sets D3(const std::vector<int>& signals) const {
    const int missing = e_.trader_count() - static_cast<int>(signals.size());
    std::vector<std::vector<Rational>> completions;
    std::vector<int> c(missing, 0);
    for (;;) {
      std::vector<int> all = signals;
      all.insert(all.end(), c.begin(), c.end());
      completions.push_back(expected_values(all));
      int j = 0;
      while (j < missing && ++c[j] == I_.signals) c[j++] = 0;
      if (j == missing) break;
    }
    Sets sets;
    for (int p = 0; p < price_count(e_); ++p) {
      sets.emplace_back();
      for (int y = 0; y < bundle_count(e_); ++y) {
        bool every = true;
        for (int x = 0; x < bundle_count(e_) && every; ++x) {
          bool some = false;
          for (const auto& v : completions) some = some || v[y] - payment(p, y) >= v[x] - payment(p, x);
          every = some;
        }
        if (every) sets.back().push_back(y);
      }
    }
    return sets;
  }

  // The signal whose D^1 set holds the first announcement d, or -1 when none or several do.
  int holder(const std::vector<int>& d) const {
    int holder = -1, holders = 0;
    for (int t = 0; t < I_.signals; ++t)
      if (contains(D1(t), d)) {
        holder = t;
        ++holders;
      }
    return holders == 1 ? holder : -1;
  }

  // The response rule's announcement for own signal theta and the observed first announcements
  // (each computed once, then kept: the reference stays valid).
  const std::vector<int>& respond(ResponseRule rule, int theta, const std::vector<const std::vector<int>*>& observed) {
    std::vector<int>& holders = holders_;
    holders.clear();
    for (const auto* d : observed) holders.push_back(holder(*d));
    return respond_to_holders(rule, theta, holders);
  }

  // The same from the observations' holders (holder() of each observed first announcement).
  const std::vector<int>& respond_to_holders(ResponseRule rule, int theta, const std::vector<int>& holders) {
    if (rule == ResponseRule::naive) return naive_.at(theta);
    std::vector<int>& signals = signals_;
    signals.assign(1, theta);
    for (int t : holders)
      if (t >= 0) signals.push_back(t);  // an unknown observation carries no information
    std::sort(signals.begin() + 1, signals.end());
    auto it = informed_.find(signals);
    if (it == informed_.end()) it = informed_.emplace(signals, lowest(argmax_sets(expected_values(signals)))).first;
    return it->second;
  }

  // d^1, d^2, d^3 of every trader at phi (Stages 1-3): d^2 reads the precedent group's first
  // announcements, d^3 every other group's (footnote 7: group 0 is group r).
  void announce(const std::vector<int>& phi, const std::vector<Said>& said, Demands& d1, Demands& d2, Demands& d3) {
    const int N = e_.trader_count(), n = e_.group_size, r = e_.groups;
    d1.resize(N);
    d2.resize(N);
    d3.resize(N);
    // Each trader's first announcement and the signal it reveals (read below by every observer).
    std::vector<int>& revealed = revealed_;
    revealed.resize(N);
    for (int i = 0; i < N; ++i) {
      d1[i] = said[i].first;
      revealed[i] = holder(d1[i]);
    }
    std::vector<int>&precedent = precedent_, &others = others_;
    for (int j = 0; j < N; ++j) {
      const int i = phi[j], beta = j / n, before = beta == 0 ? r - 1 : beta - 1;
      precedent.clear();
      others.clear();
      for (int q = 0; q < N; ++q) {
        if (q / n == before) precedent.push_back(revealed[phi[q]]);
        if (q / n != beta) others.push_back(revealed[phi[q]]);
      }
      d2[i] = respond_to_holders(said[i].second, said[i].second_signal, precedent);
      d3[i] = respond_to_holders(said[i].third, said[i].third_signal, others);
    }
  }

  // a(phi, p, (d^1, d^2, d^3), rule) for rule 3..6.
  DirectAllocation allocate(const std::vector<int>& phi, int rule, int price, const Demands& d1, const Demands& d2,
                            const Demands& d3) {
    DirectAllocation a;
    allocate(phi, rule, price, d1, d2, d3, a);
    return a;
  }
  // The same into `a` (its storage reused from one phi to the next).
  void allocate(const std::vector<int>& phi, int rule, int price, const Demands& d1, const Demands& d2,
                const Demands& d3, DirectAllocation& a) {
    const int N = e_.trader_count(), n = e_.group_size, r = e_.groups;
    a.amount.resize(N);
    for (auto& x : a.amount) x.assign(e_.grid.goods, 0);
    a.price.assign(N, 0);
    if (rule == 3) {
      // Group beta trades at p-hat of group beta-1's second announcements; (4) and Rule 1's sale
      // on its third announcements at that price.
      std::vector<int>&pricing = pricing_, &members = members_, &bundles = bundles_;
      for (int beta = 0; beta < r; ++beta) {
        const int before = beta == 0 ? r - 1 : beta - 1;
        pricing.assign(phi.begin() + before * n, phi.begin() + (before + 1) * n);
        const int q = p_hat(e_, pricing, d2);
        members.assign(phi.begin() + beta * n, phi.begin() + (beta + 1) * n);
        bundles.clear();
        for (int i : members) {
          bundles.push_back(d3[i][q]);
          a.price[i] = q;
        }
        ration_in_group(e_, e_.underline_n, members, bundles, a);
      }
      return;
    }
    const Demands& announced = rule == 4 ? d1 : rule == 5 ? d2 : d3;
    common_price_sale(e_, phi, announced[phi[0]][price], price, rule == 6 && I_.rule6_cap == mat::Rule6Cap::endowment,
                      a);
  }

  // u_1(m, theta) against the opponents' strategies: sum over omega_{-1} and omega_0 of
  // f_0 prod_i f(omega_i | omega_0) / f(theta) times G**'s expected v(x_1, omega_0, theta) + q_1.(e_1 - x_1).
  Rational interim_utility(const Message& own, int theta, const std::vector<Strategy>& opponents) {
    const int N = e_.trader_count(), P = price_count(e_), W = I_.macro_shocks();
    const Rational nf = [&] {
      Rational f = 1;
      for (int i = 2; i <= N; ++i) f *= i;
      return f;
    }();
    const Rational w3 = (1 - 3 * e_.epsilon) / nf, wc = e_.epsilon / (nf * P);
    Rational f_theta = 0;
    for (int w = 0; w < W; ++w) f_theta += I_.macro_prior[w] * I_.likelihood[w][theta];
    std::vector<int> omega(N, 0);
    omega[0] = theta;
    Rational total = 0;
    for (;;) {
      std::vector<Said> said(N);
      said[0] = {own.first, own.second, theta, own.third, theta};
      for (int j = 1; j < N; ++j) {
        const Message& m = opponents[j - 1].at(omega[j]);
        said[j] = {m.first, m.second, omega[j], m.third, omega[j]};
      }
      // How often trader 1 ends with (bundle, price) under Rule 3 and under Rules 4-6.
      std::map<std::pair<int, int>, long long> rule3, common;
      std::vector<int> phi(N);
      for (int j = 0; j < N; ++j) phi[j] = j;
      Demands d1, d2, d3;
      DirectAllocation a;
      do {
        announce(phi, said, d1, d2, d3);
        auto bundle = [&](const DirectAllocation& a) {
          const int b = bundle_of(e_, a.amount[0]);
          if (b < 0) throw std::runtime_error("trader 1 receives an amount outside {0..l}: no utility is defined");
          return b;
        };
        allocate(phi, 3, 0, d1, d2, d3, a);
        ++rule3[{bundle(a), a.price[0]}];
        if (e_.epsilon != 0)
          for (int rule = 4; rule <= 6; ++rule)
            for (int p = 0; p < P; ++p) {
              allocate(phi, rule, p, d1, d2, d3, a);
              ++common[{bundle(a), p}];
            }
      } while (std::next_permutation(phi.begin(), phi.end()));
      for (int w = 0; w < W; ++w) {
        Rational joint = I_.macro_prior[w];
        for (int i = 0; i < N; ++i) joint *= I_.likelihood[w][omega[i]];
        Rational lottery = 0;
        auto u = [&](int b, int q) -> Rational {
          Rational money = 0;
          const auto x = amounts(e_, b);
          for (int h = 0; h < e_.grid.goods; ++h)
            money += price_coordinate(e_, q, h) * (e_.traders[0].endowment[h] - x[h]);
          return I_.value[w][theta][b] + money;
        };
        for (const auto& [cell, count] : rule3) lottery += w3 * count * u(cell.first, cell.second);
        for (const auto& [cell, count] : common) lottery += wc * count * u(cell.first, cell.second);
        total += joint * lottery;
      }
      int j = 1;
      while (j < N && ++omega[j] == I_.signals) omega[j++] = 0;
      if (j == N) break;
    }
    return total / f_theta;
  }

  const Economy& economy() const { return e_; }

 private:
  const Economy& e_;
  const Interdependent& I_;
  std::vector<Sets> d1_;
  std::vector<std::vector<int>> naive_;  // per signal, the lowest element of D^1
  std::map<std::vector<int>, std::vector<int>> informed_;
  // Working storage of respond, announce and allocate (only storage: every value is recomputed).
  std::vector<int> signals_, holders_, revealed_, precedent_, others_, pricing_, members_, bundles_;
};

std::string sets_text(const Economy& e, const Sets& s) {
  std::string t;
  for (std::size_t p = 0; p < s.size(); ++p) {
    t += p ? " x {" : "{";
    for (std::size_t j = 0; j < s[p].size(); ++j) {
      const auto x = amounts(e, s[p][j]);
      std::string b;
      for (std::size_t h = 0; h < x.size(); ++h) b += (h ? "," : "") + std::to_string(x[h]);
      t += (j ? "," : "") + (x.size() == 1 ? b : "(" + b + ")");
    }
    t += "}";
  }
  return t;
}

std::vector<int> parse_phi(const Economy& e, const std::string& text) {
  std::vector<int> phi;
  std::vector<bool> seen(e.trader_count(), false);
  for (long long t : parse_integers(text)) {
    if (t < 1 || t > e.trader_count() || seen[t - 1])
      throw std::runtime_error("phi = " + text + " is not a permutation");
    seen[t - 1] = true;
    phi.push_back(static_cast<int>(t - 1));
  }
  if (static_cast<int>(phi.size()) != e.trader_count())
    throw std::runtime_error("phi = " + text + " is not a permutation");
  return phi;
}

Said said_of(const Message& m) {
  if (m.second_signal < 0 || m.third_signal < 0)
    throw std::runtime_error("a concrete message names the signals of its rules");
  return {m.first, m.second, m.second_signal, m.third, m.third_signal};
}

// "trader 2 (MESSAGE); trader 3 (MESSAGE)": the opponents' concrete messages, traders 2..N.
std::vector<Said> parse_opponents(const Economy& e, const std::string& text) {
  std::vector<Said> said(e.trader_count());
  std::vector<bool> given(e.trader_count(), false);
  for (const auto& raw : split_top(text, "; ")) {
    const std::string item = trim(raw);
    const std::size_t space = item.find(' ', 7);
    if (item.rfind("trader ", 0) != 0 || space == std::string::npos)
      throw std::runtime_error("'" + item + "' does not name a trader");
    const long long j = parse_integers(item.substr(7, space - 7)).at(0);
    if (j < 2 || j > e.trader_count() || given[j - 1])
      throw std::runtime_error("'" + text + "' lists trader " + std::to_string(j) + " wrongly");
    given[j - 1] = true;
    said[j - 1] = said_of(parse_message(e, item.substr(space + 1)));
  }
  for (int j = 1; j < e.trader_count(); ++j)
    if (!given[j]) throw std::runtime_error("'" + text + "' omits trader " + std::to_string(j + 1));
  return said;
}

// Every demand function of D, in its index order; a re-check refuses (undecided) beyond 100,000.
std::vector<mat::DemandFunction> every_demand_function(const Economy& e) {
  const auto S = demand_function_count(e);
  if (!S || *S > 100000) too_large_to_recheck("|D| is too large to re-check");
  std::vector<mat::DemandFunction> all;
  for (unsigned long long d = 0; d < *S; ++d) all.push_back(demand_function_at(e, d));
  return all;
}

// Every concrete message of the properties check's restricted space.
std::vector<Message> concrete_space(const Economy& e) {
  const Interdependent& I = *e.interdependent;
  std::vector<Message> space;
  for (const auto& d : every_demand_function(e))
    for (auto r2 : I.second_rules)
      for (int t2 = 0; t2 < I.signals; ++t2)
        for (auto r3 : I.third_rules)
          for (int t3 = 0; t3 < I.signals; ++t3) space.push_back({d, r2, r3, t2, t3});
  return space;
}

struct Outcome1 {
  int price = 0;
  std::vector<int> announced;
  std::vector<long long> x;
};

Outcome1 outcome_of(DirectGss& g, const std::vector<int>& phi, int rule, int price, std::vector<Said> said) {
  Demands d1, d2, d3;
  g.announce(phi, said, d1, d2, d3);
  const DirectAllocation a = g.allocate(phi, rule, price, d1, d2, d3);
  return {a.price[0], rule == 4 ? d1[0] : rule == 5 ? d2[0] : d3[0], a.amount[0]};
}

bool served(const Economy& e, const Outcome1& o) { return bundle_of(e, o.x) == o.announced[o.price]; }

const char* const gss_method =
    "G** simulated directly from Section 4's text (announcements by the response rules with beliefs from the joint "
    "f(omega_0, omega), p-hat, (4), Rules 3-6) at the witness's phi, rule and price";

std::optional<Recheck> recheck_gstarstar_properties(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const Interdependent& I = *e.interdependent;
  DirectGss g(e);
  // (vii): the cases where trader 1 is served under Rules 4-6 differ between two opponents' profiles.
  if (find(out.witness, "profile_a")) {
    const std::vector<int> phi = parse_phi(e, witness(out, "phi"));
    const int rule = static_cast<int>(witness_integer(out, "rule"));
    const int p = parse_price(e, witness(out, "p"));
    auto all_served = [&](const std::string& name) {
      std::vector<Said> said = parse_opponents(e, witness(out, name));
      for (const Message& m : concrete_space(e)) {
        said[0] = said_of(m);
        if (!served(e, outcome_of(g, phi, rule, p, said))) return false;
      }
      return true;
    };
    const bool a = all_served("profile_a"), b = all_served("profile_b");
    if (a == b) return Recheck{false, gss_method, "every deviation is served under both profiles, or under neither"};
    return Recheck{true, gss_method,
                   std::string("(vii) fails: every deviation of trader 1 is served under profile ") + (a ? "a" : "b") +
                       " and some deviation is not under profile " + (a ? "b" : "a")};
  }
  const std::vector<int> phi = parse_phi(e, witness(out, "phi"));
  const int rule = static_cast<int>(witness_integer(out, "rule"));
  if (rule < 3 || rule > 6) throw std::runtime_error("G** has Rules 3-6, not " + std::to_string(rule));
  const int p = rule == 3 ? 0 : parse_price(e, witness(out, "p"));
  std::vector<Said> said = parse_opponents(e, witness(out, "others"));
  // An allocation outside A.
  if (const Value* own = find(out.witness, "trader 1")) {
    said[0] = said_of(parse_message(e, own->text));
    Demands d1, d2, d3;
    g.announce(phi, said, d1, d2, d3);
    const auto why = outside_A(e, g.allocate(phi, rule, p, d1, d2, d3));
    if (!why) return Recheck{false, gss_method, "the simulated allocation is in A"};
    return Recheck{true, gss_method, *why};
  }
  // (iv)-(vi): two of trader 1's messages in the same (phi, p, rule).
  std::vector<std::pair<Message, Outcome1>> seen;
  for (const auto& v : out.witness) {
    if (v.name.rfind("message ", 0) != 0) continue;
    const Message m = parse_message(e, v.name.substr(8));
    said[0] = said_of(m);
    const Outcome1 o = outcome_of(g, phi, rule, p, said);
    const std::size_t a1 = v.text.find(", announced "), a2 = v.text.find(", amount ");
    if (v.text.rfind("price ", 0) != 0 || a1 == std::string::npos || a2 == std::string::npos)
      throw std::runtime_error("'" + v.text + "' is not 'price P, announced D, amount (x)'");
    if (parse_price(e, v.text.substr(6, a1 - 6)) != o.price ||
        parse_demand(e, v.text.substr(a1 + 12, a2 - a1 - 12)) != o.announced ||
        parse_integers(v.text.substr(a2 + 9)) != o.x)
      return Recheck{false, gss_method, "the simulation of " + v.name.substr(8) + " disagrees with '" + v.text + "'"};
    seen.push_back({m, o});
  }
  if (seen.size() != 2) throw std::runtime_error("the witness does not compare two messages");
  const auto& [m1, o1] = seen[0];
  const auto& [m2, o2] = seen[1];
  if (o1.price != o2.price)
    return Recheck{true, gss_method, "(iv) fails: the two messages get different trading prices"};
  if (I.properties_reading == mat::PropertiesReading::per_announcement) {
    // The two messages may differ only in the component this rule reads.
    const bool same_rest = rule == 4 ? m1.second == m2.second && m1.second_signal == m2.second_signal &&
                                           m1.third == m2.third && m1.third_signal == m2.third_signal
                           : rule == 5
                               ? m1.first == m2.first && m1.third == m2.third && m1.third_signal == m2.third_signal
                               : m1.first == m2.first && m1.second == m2.second && m1.second_signal == m2.second_signal;
    if (!same_rest)
      return Recheck{false, gss_method,
                     "the two messages differ in a component Rule " + std::to_string(rule) +
                         " does not read (reading per_announcement)"};
  }
  if (o1.x != o2.x && (!served(e, o1) || !served(e, o2)))
    return Recheck{true, gss_method,
                   std::string(rule == 3 || rule == 6 ? "(vi)" : "(v)") +
                       " fails: a message that is not served and another message receive different "
                       "amounts in the same (phi, p, rule)"};
  return Recheck{false, gss_method, "the two messages are both served, or receive the same amount: no violation shown"};
}

// "MESSAGE not strictly better against all opponents playing {STRATEGY}" or "... against
// opponents playing ({STRATEGY}, {STRATEGY}, ...)" (traders 2..N).
struct CertificateEntry {
  Message other;
  std::vector<Strategy> opponents;
};

std::vector<CertificateEntry> parse_certificate(const Economy& e, const std::string& text) {
  std::vector<CertificateEntry> entries;
  const int N = e.trader_count();
  for (const auto& raw : split_top(text, "; ")) {
    const std::string t = trim(raw);
    const std::string all = " not strictly better against all opponents playing ";
    const std::string each = " not strictly better against opponents playing ";
    CertificateEntry entry;
    std::size_t at = t.find(all);
    if (at != std::string::npos) {
      entry.opponents.assign(N - 1, parse_strategy(e, t.substr(at + all.size())));
    } else if ((at = t.find(each)) != std::string::npos) {
      for (const auto& s : split_top(inside(t.substr(at + each.size()), '(', ')'), ", "))
        entry.opponents.push_back(parse_strategy(e, s));
      if (static_cast<int>(entry.opponents.size()) != N - 1)
        throw std::runtime_error("'" + t + "' lists the wrong number of opponents");
    } else {
      throw std::runtime_error("certificate entry '" + t + "' names no opponents' profile");
    }
    entry.other = parse_message(e, t.substr(0, at));
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Every entry's message is no better than `s` against its profile, and the entries cover
// `competitors` (all messages but s) exactly.
std::optional<std::string> certificate_failure(DirectGss& g, const Message& s, int theta, const std::string& text,
                                               std::set<Message> competitors, std::size_t& checked) {
  const Economy& e = g.economy();
  std::map<std::string, Rational> own;  // u(s) by the profile's text
  for (const auto& entry : parse_certificate(e, text)) {
    if (!competitors.erase(entry.other))
      return "the certificate lists a message that is not a competitor, or lists it twice";
    std::string key;
    for (const auto& st : entry.opponents)
      for (const auto& m : st)
        key += demand_string(e, m.first) + mat::to_string(m.second) + mat::to_string(m.third) + "|";
    auto it = own.find(key);
    if (it == own.end()) it = own.emplace(key, g.interim_utility(s, theta, entry.opponents)).first;
    const Rational u_other = g.interim_utility(entry.other, theta, entry.opponents);
    if (u_other > it->second)
      return "a listed message is strictly better than the undominated one at its profile: " + to_string(u_other) +
             " > " + to_string(it->second);
    ++checked;
  }
  if (!competitors.empty()) return std::to_string(competitors.size()) + " competing messages have no entry";
  return std::nullopt;
}

const char* const interim_method =
    "u_1(s, omega_1) recomputed as the plain sum over every opponents' signal profile, macro shock, permutation, "
    "price and Rule 3-6 of f_0 prod f(omega_i | omega_0) / f(omega_1) times v + q.(e - x), with G** simulated "
    "directly from Section 4's text; D^1, D^2, D^3 from their definitions";

std::vector<Message> round1_space(const Economy& e) {
  const Interdependent& I = *e.interdependent;
  std::vector<Message> space;
  for (const auto& d : every_demand_function(e))
    for (auto r2 : I.second_rules)
      for (auto r3 : I.third_rules) space.push_back({d, r2, r3});
  return space;
}

}  // namespace

Rational direct_interim_utility(const Economy& e, const std::string& message, int theta,
                                const std::vector<std::string>& opponent_strategies) {
  if (!e.interdependent) throw std::invalid_argument("direct_interim_utility needs [mat.interdependent]");
  DirectGss g(e);
  std::vector<Strategy> opponents;
  for (const auto& s : opponent_strategies) opponents.push_back(parse_strategy(e, s));
  if (static_cast<int>(opponents.size()) != e.trader_count() - 1)
    throw std::invalid_argument("direct_interim_utility needs one strategy per opponent");
  return g.interim_utility(parse_message(e, message), theta, opponents);
}

std::optional<Recheck> recheck_properties(const Economy& e, const Outcome& out) {
  if (e.interdependent) return recheck_gstarstar_properties(e, out);
  return recheck_properties_gstar(e, out);
}

std::optional<Recheck> recheck_theorem2(const Economy& e, const Outcome& out) {
  if (out.verdict != Verdict::refuted) return std::nullopt;
  const Interdependent& I = *e.interdependent;
  DirectGss g(e);
  // G** outside A: every trader announces the same demand function in all three stages.
  if (const Value* every = find(out.witness, "every announcement")) {
    const std::vector<int> d = parse_demand(e, every->text);
    const std::vector<int> phi = parse_phi(e, witness(out, "phi"));
    const int rule = static_cast<int>(witness_integer(out, "rule"));
    const int p = parse_price(e, witness(out, "p"));
    const Demands all(e.trader_count(), d);
    const auto why = outside_A(e, g.allocate(phi, rule, p, all, all, all));
    if (!why) return Recheck{false, gss_method, "the simulated allocation is in A"};
    return Recheck{true, gss_method, *why};
  }
  const int theta = static_cast<int>(witness_integer(out, "signal")) - 1;
  if (theta < 0 || theta >= I.signals) throw std::runtime_error("the witness names no signal of the case");
  // Statement 1: an undominated message whose first announcement is outside D^1.
  if (const Value* v = find(out.witness, "undominated_message")) {
    const Message s = parse_message(e, v->text);
    if (DirectGss::contains(g.D1(theta), s.first))
      return Recheck{false, interim_method, "its first announcement lies in D^1 = " + sets_text(e, g.D1(theta))};
    std::set<Message> competitors;
    for (const Message& m : round1_space(e))
      if (!(m == s)) competitors.insert(m);
    std::size_t checked = 0;
    if (auto bad = certificate_failure(g, s, theta, witness(out, "no_strict_dominator"), competitors, checked))
      return Recheck{false, interim_method, *bad};
    return Recheck{true, interim_method,
                   "d^1 = " + demand_string(e, s.first) + " is outside D^1 = " + sets_text(e, g.D1(theta)) +
                       ", and none of the " + std::to_string(checked) +
                       " other messages of D x F2 x F3 is strictly better against its listed profile"};
  }
  // Statements 2 and 3: a twice-undominated message whose response leaves D^2 (D^3).
  const Message s = parse_message(e, witness(out, "twice_undominated_message"));
  const int statement = static_cast<int>(witness_integer(out, "statement"));
  const std::string& failure = witness(out, "failure");
  const std::size_t obs = failure.find("observed first announcements (");
  const std::size_t obs_end = failure.find(") in prod D^1");
  if (failure.rfind("signals (", 0) != 0 || obs == std::string::npos || obs_end == std::string::npos)
    throw std::runtime_error("failure '" + failure + "' does not give the signals and the observation");
  std::vector<int> signals;
  for (long long t : parse_integers(failure.substr(9, failure.find(')') - 9)))
    signals.push_back(static_cast<int>(t) - 1);
  std::vector<std::vector<int>> observed;
  for (const auto& d : split_top(failure.substr(obs + 30, obs_end - obs - 30), ", "))
    observed.push_back(parse_demand(e, d));
  const int watched = statement == 2 ? e.group_size : (e.groups - 1) * e.group_size;
  if (signals.empty() || signals[0] != theta || static_cast<int>(signals.size()) != watched + 1 ||
      static_cast<int>(observed.size()) != watched)
    return Recheck{false, interim_method,
                   "the failure's signals and observation do not fit statement " + std::to_string(statement)};
  for (int j = 0; j < watched; ++j)
    if (signals[j + 1] < 0 || signals[j + 1] >= I.signals || !DirectGss::contains(g.D1(signals[j + 1]), observed[j]))
      return Recheck{false, interim_method, "observation " + std::to_string(j + 1) + " is not in D^1 of its signal"};
  std::vector<const std::vector<int>*> seen;
  for (const auto& d : observed) seen.push_back(&d);
  const std::vector<int> said = g.respond(statement == 2 ? s.second : s.third, theta, seen);
  const Sets target = statement == 2 ? g.argmax_sets(g.expected_values(signals)) : g.D3(signals);
  if (DirectGss::contains(target, said))
    return Recheck{
        false, interim_method,
        "the rule announces " + demand_string(e, said) + ", which lies in the target " + sets_text(e, target)};
  // s is not strictly dominated in round 2 by another round-1 survivor (S1 as reported).
  const Value* s1 = find(out.values, "S1_signal_" + std::to_string(theta + 1));
  if (!s1) throw std::runtime_error("the outcome does not report S1 of the signal");
  std::set<Message> competitors;
  bool listed = false;
  for (const auto& m : split_top(s1->text, "; ")) {
    const Message x = parse_message(e, m);
    if (x == s) listed = true;
    else competitors.insert(x);
  }
  if (!listed) return Recheck{false, interim_method, "the message is not among the reported round-1 survivors S1"};
  std::size_t checked = 0;
  if (auto bad = certificate_failure(g, s, theta, witness(out, "no_strict_dominator_round2"), competitors, checked))
    return Recheck{false, interim_method, *bad};
  return Recheck{true, interim_method + std::string("; round 2's message space is S1 as reported (round 1 not re-run)"),
                 "the " + std::string(statement == 2 ? "second" : "third") + " announcement " + demand_string(e, said) +
                     " lies outside " + sets_text(e, target) + ", and none of the " + std::to_string(checked) +
                     " other round-1 survivors is strictly better against its listed round-2 profile"};
}

}  // namespace mechcheck::proofs::mat_recheck
