// mat.theorem2 — Matsushima (2005), Theorem 2 (Section 4): in G**, undominated strategies make
// price-taking first announcements (s^1_1(omega_1) in D^1(omega_1)); twice iteratively
// undominated strategies make second announcements in D^2 and third announcements in D^3 at every
// price-taking observation.
//
// The full message spaces cannot be enumerated (M^2 = D^(D^n), M^3 = D^(D^((r-1)n)); sizes in
// the outcome). The check is the paper's definitions on a restricted game, by brute force from
// G**'s lottery: trader 1's interim expected utility u_1(s, omega_1) -- exact Bayes over the
// opponents' signals and the macro shock, every permutation, every price, Rules 3-6 -- for every
// own message of the restricted space against every opponents' profile of the round's menu;
// strict dominance as defined; then the three inclusions against D^1, D^2, D^3 computed from
// their definitions. Nothing of the proof (properties (iv)-(viii)) is assumed.
#include "mat/claims/claims.hpp"
#include "mat/claims/gstarstar.hpp"
#include "mat/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <functional>
#include <map>

namespace mechcheck::proofs::mat_theorem2 {

using namespace mechcheck::mat;

namespace {

std::vector<std::vector<int>> opponent_profiles_of(const Economy& e, const Interdependent& I, std::size_t strategies) {
  const int m = e.trader_count() - 1;
  std::vector<std::vector<int>> out;
  if (I.opponents == OpponentProfilesMode::symmetric) {
    for (std::size_t s = 0; s < strategies; ++s) out.push_back(std::vector<int>(m, static_cast<int>(s)));
    return out;
  }
  std::vector<int> cur;
  std::function<void(int)> extend = [&](int from) {
    if (static_cast<int>(cur.size()) == m) {
      out.push_back(cur);
      return;
    }
    for (int s = from; s < static_cast<int>(strategies); ++s) {
      cur.push_back(s);
      extend(s);
      cur.pop_back();
    }
  };
  extend(0);
  return out;
}

std::uint64_t multisets(std::uint64_t n, std::uint64_t m) {
  unsigned __int128 c = 1;
  for (std::uint64_t j = 1; j <= m; ++j) {
    c = c * (n + j - 1) / j;
    if (c > static_cast<unsigned __int128>(UINT64_MAX / 4))
      throw TooLarge("the number of opponents' profiles exceeds 2^62");
  }
  return static_cast<std::uint64_t>(c);
}

std::string strategy_text(const Economy& e, const GStrategy& s) {
  std::string t = "{";
  for (std::size_t th = 0; th < s.size(); ++th)
    t += (th ? "; " : "") + std::string("signal ") + std::to_string(th + 1) + " -> " + message_text(e, s[th]);
  return t + "}";
}

std::string power_text(std::uint64_t base, const std::string& exponent) {
  return std::to_string(base) + "^" + exponent;
}

// Every element of a product demand set as demand function indices.
std::vector<int> elements(const Economy& e, const std::vector<DemandFunction>& D, const DemandSet& s) {
  std::vector<int> out;
  for (std::size_t d = 0; d < D.size(); ++d)
    if (s.contains(D[d])) out.push_back(static_cast<int>(d));
  (void)e;
  return out;
}

// For every signal tuple (omega_2..omega_{m+1}) and every (d_2..d_{m+1}) in prod D^1(omega_i):
// the rule's value at (theta, d) must lie in target(theta, omega). The first failure, if any.
std::optional<std::string> inclusion_failure(const Economy& e, const Interdependent& I, const ResponseTables& tables,
                                             ResponseRule rule, int theta, int m,
                                             const std::function<const DemandSet&(const std::vector<int>&)>& target,
                                             const std::vector<std::vector<int>>& d1_elements, std::uint64_t& checked) {
  const auto& D = tables.demand_functions();
  std::vector<int> w(m, 0);
  for (;;) {
    std::vector<int> signals{theta};
    signals.insert(signals.end(), w.begin(), w.end());
    const DemandSet& want = target(signals);
    std::vector<std::size_t> pick(m, 0);
    for (;;) {
      std::vector<int> observed(m);
      for (int j = 0; j < m; ++j) observed[j] = d1_elements[w[j]][pick[j]];
      const int d = tables.evaluate(rule, theta, observed);
      ++checked;
      if (!want.contains(D[d])) {
        std::string obs, sig;
        for (int j = 0; j < m; ++j) {
          obs += (j ? ", " : "") + demand_text(e.grid, D[observed[j]]);
          sig += (j ? "," : "") + std::to_string(w[j] + 1);
        }
        return "signals (" + std::to_string(theta + 1) + "; " + sig + "), observed first announcements (" + obs +
               ") in prod D^1: the " + to_string(rule) + " rule announces " + demand_text(e.grid, D[d]) +
               ", not in the target set " + want.text(e.grid);
      }
      int j = 0;
      while (j < m && ++pick[j] == d1_elements[w[j]].size()) pick[j++] = 0;
      if (j == m) break;
    }
    int j = 0;
    while (j < m && ++w[j] == I.signals) w[j++] = 0;
    if (j == m) break;
  }
  return std::nullopt;
}

}  // namespace

Round dominance_round(const Economy& e, const ResponseTables& tables, const std::vector<std::vector<GMessage>>& own,
                      const std::vector<GStrategy>& opponent_strategies, const CheckContext& context,
                      const std::string& what) {
  const Interdependent& I = *e.interdependent;
  const int N = e.trader_count(), S = I.signals;
  Round round;
  round.own = own;
  round.opponent_strategies = opponent_strategies;
  const std::uint64_t profile_count = I.opponents == OpponentProfilesMode::symmetric
                                          ? opponent_strategies.size()
                                          : multisets(opponent_strategies.size(), static_cast<std::uint64_t>(N - 1));
  std::uint64_t pairs = 0;
  for (auto& o : own) pairs += o.size() * profile_count;
  // Signal classes per evaluation: at most |Omega_1|^(N-1) (symmetric opponents: C(N-1+S-1, S-1)).
  const std::uint64_t classes = I.opponents == OpponentProfilesMode::symmetric
                                    ? multisets(static_cast<std::uint64_t>(S), static_cast<std::uint64_t>(N - 1))
                                    : static_cast<std::uint64_t>(std::pow(S, N - 1));
  const std::uint64_t points = pairs * classes * factorial(N);
  context.say(what + ": " + std::to_string(pairs) + " (own message, opponents' profile) pairs, " +
              std::to_string(points) + " (pair, signal class, phi) evaluations");
  guard_enumeration_size(context, points, what + " (own message x opponents' profile x signal class x permutation)");
  round.profiles = opponent_profiles_of(e, I, opponent_strategies.size());
  const std::size_t O = round.profiles.size();
  round.payoffs.resize(S);
  round.undominated.resize(S);
  round.dominator.resize(S);
  std::atomic<std::uint64_t> allocations{0}, signal_classes{0};
  for (int theta = 0; theta < S; ++theta) {
    const std::size_t M = own[theta].size();
    round.payoffs[theta].assign(M * O, Rational(0));
    // An allocation outside {0..l} is reported for the least cell where it happens, whichever
    // thread meets one first (the error is the same every run).
    LeastKeyed<std::size_t, std::string> infeasible;
    mechcheck::parallel_for(std::size_t(0), M * O, [&](std::size_t cell) {
      if (infeasible.settled_below(cell)) return;
      const std::size_t s = cell / O, o = cell % O;
      std::vector<const GStrategy*> strategies(N, nullptr);
      for (int j = 1; j < N; ++j) strategies[j] = &opponent_strategies[round.profiles[o][j - 1]];
      try {
        const GEvaluation ev = evaluate_trader(e, I, tables, 0, theta, own[theta][s], strategies);
        round.payoffs[theta][cell] = interim_utility<Rational>(e, I, 0, theta, ev);
        allocations += ev.allocations;
        signal_classes += ev.classes.size();
      } catch (const InfeasibleOutcome& error) {
        infeasible.offer(cell, error.what());
      }
    });
    if (infeasible.kept()) throw InfeasibleOutcome(infeasible.kept()->second);
    round.dominator[theta] = pure_dominators<Rational>(round.payoffs[theta], M, O);
    for (std::size_t s = 0; s < M; ++s)
      if (!round.dominator[theta][s]) round.undominated[theta].push_back(s);
    context.report(static_cast<double>(theta + 1) / S);
  }
  round.allocations = allocations;
  round.signal_classes = signal_classes;
  return round;
}

namespace {

// An allocation of G** outside A: every trader announces the demand function `announced` in all
// three stages, phi is the identity.
struct OutsideA {
  int price = 0, rule = 3;
  DemandFunction announced;
  std::string why;
};

// G** must map into A (Rule 6 as printed, cap e_i(h), may not): every constant announcement, every
// price and Rules 3-6 at phi = identity. The first allocation outside A.
std::optional<OutsideA> first_allocation_outside_A(const Economy& e, const Interdependent& I,
                                                   const std::vector<DemandFunction>& D) {
  const int N = e.trader_count();
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  Allocation a;
  a.resize(e);
  for (int p = 0; p < e.grid.price_count(); ++p)
    for (int b = 0; b < e.grid.bundle_count(); ++b) {
      const DemandFunction d(e.grid.price_count(), b);
      const int index = static_cast<int>(demand_function_index(e.grid, d));
      Announcements ann;
      ann.first.assign(N, index);
      ann.second.assign(N, index);
      ann.third.assign(N, index);
      for (int rule = 3; rule <= 6; ++rule) {
        gstarstar_allocation(e, I, D, order, p, ann, rule, a);
        if (auto bad = feasibility_violation(e, a)) return OutsideA{p, rule, d, *bad};
      }
    }
  return std::nullopt;
}

// Round 1's own messages at every signal: D x F2 x F3.
std::vector<std::vector<GMessage>> round1_messages(const Interdependent& I, std::size_t demand_functions) {
  std::vector<std::vector<GMessage>> own(I.signals);
  for (int t = 0; t < I.signals; ++t)
    for (std::size_t d = 0; d < demand_functions; ++d)
      for (auto r2 : I.second_rules)
        for (auto r3 : I.third_rules) own[t].push_back(GMessage{static_cast<int>(d), r2, r3});
  return own;
}

// Round 1's opponents' menu: first announcements price-taking (the lowest element of D^1 of the
// own signal) or pooling on one signal's, with every response-rule pair.
std::vector<GStrategy> round1_menu(const Economy& e, const Interdependent& I) {
  const int S = I.signals;
  std::vector<int> pt(S);
  for (int t = 0; t < S; ++t) pt[t] = static_cast<int>(demand_function_index(e.grid, D1(e, I, t).lowest()));
  std::vector<GStrategy> menu;
  for (int pool = -1; pool < S; ++pool)
    for (auto r2 : I.second_rules)
      for (auto r3 : I.third_rules) {
        GStrategy s;
        for (int t = 0; t < S; ++t) s.push_back(GMessage{pool < 0 ? pt[t] : pt[pool], r2, r3});
        menu.push_back(s);
      }
  return menu;
}

// The round's undominated messages at every signal.
std::vector<std::vector<GMessage>> survivors(const Round& round) {
  std::vector<std::vector<GMessage>> own(round.own.size());
  for (std::size_t t = 0; t < round.own.size(); ++t)
    for (auto s : round.undominated[t]) own[t].push_back(round.own[t][s]);
  return own;
}

// Every strategy Omega_1 -> messages with the message at signal t from own[t] (a product over signals).
std::vector<GStrategy> strategies_over(const std::vector<std::vector<GMessage>>& own) {
  std::vector<GStrategy> menu(1);
  for (const auto& at_signal : own) {
    std::vector<GStrategy> next;
    for (auto& partial : menu)
      for (auto& m : at_signal) {
        GStrategy s = partial;
        s.push_back(m);
        next.push_back(s);
      }
    menu = std::move(next);
  }
  return menu;
}

// An opponents' profile of a round as printed in a certificate: all opponents alike, or each
// opponent's strategy in trader order (2..N).
std::string round_profile_text(const Economy& e, const Round& round, std::size_t o) {
  const auto& p = round.profiles[o];
  if (e.interdependent->opponents == OpponentProfilesMode::symmetric)
    return "all opponents playing " + strategy_text(e, round.opponent_strategies[p.front()]);
  std::string each;
  for (int j : p) each += (each.empty() ? "" : ", ") + strategy_text(e, round.opponent_strategies[j]);
  return "opponents playing (" + each + ")";
}

// For an undominated s at signal t: every other own message with a profile where it is not
// strictly better (complete, so that it can be re-checked).
std::string certificate(const Economy& e, const Round& round, int t, std::size_t s) {
  const auto where = non_dominance_certificate(round.payoffs[t], round.own[t].size(), round.profiles.size(), s);
  std::string cert;
  for (std::size_t u = 0; u < where.size(); ++u) {
    if (u == s) continue;
    cert += (cert.empty() ? "" : "; ") + message_text(e, round.own[t][u]) + " not strictly better against " +
            round_profile_text(e, round, where[u]);
  }
  return cert;
}

// The round's undominated messages at signal t, as listed in S1_signal_t / S2_signal_t.
std::string undominated_text(const Economy& e, const Round& round, int t) {
  std::string txt;
  for (auto s : round.undominated[t]) txt += (txt.empty() ? "" : "; ") + message_text(e, round.own[t][s]);
  return txt;
}

// Statement 1 fails at `signal`: the undominated message `message` (an index into round.own) has
// a first announcement outside D^1.
struct Statement1Failure {
  int signal = 0;
  std::size_t message = 0;
};
std::optional<Statement1Failure> first_statement1_failure(const Economy& e, const Interdependent& I,
                                                          const std::vector<DemandFunction>& D, const Round& one,
                                                          std::uint64_t& checked) {
  for (int t = 0; t < I.signals; ++t) {
    const DemandSet d1 = D1(e, I, t);
    for (auto s : one.undominated[t]) {
      ++checked;
      if (!d1.contains(D[one.own[t][s].first])) return Statement1Failure{t, s};
    }
  }
  return std::nullopt;
}

// Statement 2 (D^2) or 3 (D^3) fails at `signal` for the twice-undominated message `message`
// (an index into round.own): `why` names the signals and observation.
struct Statement23Failure {
  int signal = 0;
  std::size_t message = 0;
  int statement = 2;
  std::string why;
};
// Statements 2 and 3, message by message in order, up to the first failure (counted up to it).
std::optional<Statement23Failure> first_statement23_failure(const Economy& e, const Interdependent& I,
                                                            const ResponseTables& tables, const Round& two,
                                                            std::uint64_t& checked2, std::uint64_t& checked3) {
  const auto& D = tables.demand_functions();
  const int n = e.group_size, r = e.groups;
  std::vector<std::vector<int>> d1_elements;
  for (int t = 0; t < I.signals; ++t) d1_elements.push_back(elements(e, D, D1(e, I, t)));
  std::map<std::vector<int>, DemandSet> d2_cache, d3_cache;
  auto d2 = [&](const std::vector<int>& w) -> const DemandSet& {
    auto it = d2_cache.find(w);
    if (it == d2_cache.end()) it = d2_cache.emplace(w, D2(e, I, w)).first;
    return it->second;
  };
  auto d3 = [&](const std::vector<int>& w) -> const DemandSet& {
    auto it = d3_cache.find(w);
    if (it == d3_cache.end()) it = d3_cache.emplace(w, D3(e, I, w)).first;
    return it->second;
  };
  for (int t = 0; t < I.signals; ++t)
    for (auto s : two.undominated[t]) {
      const GMessage& m = two.own[t][s];
      if (auto bad2 = inclusion_failure(e, I, tables, m.second, t, n, d2, d1_elements, checked2))
        return Statement23Failure{t, s, 2, *bad2};
      if (auto bad3 = inclusion_failure(e, I, tables, m.third, t, (r - 1) * n, d3, d1_elements, checked3))
        return Statement23Failure{t, s, 3, *bad3};
    }
  return std::nullopt;
}

class Theorem2 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.theorem2",
        "Theorem 2 (Section 4), with D^1, D^2, D^3 and Assumptions 1-2",
        "In G**: for every undominated s_1 and omega_1, s^1_1(omega_1) in D^1(omega_1); for every twice iteratively "
        "undominated s_1, s^2_1(omega_1)(d_2..d_{n+1}) in D^2(omega_1..omega_{n+1}) and "
        "s^3_1(omega_1)(d_2..d_{(r-1)n+1}) in D^3(omega_1..omega_{(r-1)n+1}) whenever each d_i in D^1(omega_i).",
        {{"assumption1", "Assumption 1: D^1(omega_1) and D^1(omega_1') are disjoint for omega_1 != omega_1'",
          Necessity::counterexample, "cases/mat/theorem2-assumption1-fails.toml"},
         {"three_groups",
          "r >= 3 groups (Section 4 assumes it; with r = 2 a trader's first announcement reaches her own "
          "group's Rule-3 price)",
          Necessity::counterexample, "cases/mat/theorem2-two-groups.toml"},
         {"epsilon_positive", "epsilon > 0: Rules 4-6 (a common random price) happen with positive probability",
          Necessity::counterexample, "cases/mat/theorem2-drop-epsilon-positive.toml"}},
        "Restricted game, brute force from G**'s exact lottery (every permutation, every price, Rules 3-6, exact Bayes "
        "over the opponents' signals and the macro shock; opponents' signal profiles summed by classes of "
        "interchangeable opponents, and permutations by sequences of trader types, proven reductions). Round 1: trader "
        "1's messages D x F2 x F3 (all first "
        "announcements; F2, F3 the case's response rules) against the opponents' menu (first announcements "
        "price-taking "
        "or pooling on one signal's price-taking demand, every response-rule pair; all opponents alike, or every "
        "multiset). Round 2 (not run when statement 1 already fails): the round-1 survivors against every opponents' "
        "strategy Omega_1 -> round-1 survivors. "
        "Then S^1 against D^1 and S^2 against D^2/D^3 at every signal tuple and every price-taking observation, D^1, "
        "D^2, D^3 computed exactly from their definitions.",
        "mat",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const Economy& e) const override {
    if (!e.interdependent)
      c.fail({"mat", "interdependent"},
             "mat.theorem2 needs a [mat.interdependent] table (G**'s signals, macro shocks and v)");
    // The paper's symmetry (5): S^1_i = S^1_1 then holds for the mechanism too.
    require_equal_endowments(c, e, "mat.theorem2");
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return mat_recheck::recheck_theorem2(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const Interdependent& I = *e.interdependent;
    const int N = e.trader_count(), n = e.group_size, r = e.groups, S = I.signals;

    const auto a1 = assumption1_failure(e, I);
    check.decided_in<Rational>();  // D^1 from exact posteriors and an exact argmax
    check.hypothesis(
        "assumption1", !a1,
        a1 ? "D^1(" + std::to_string(a1->first + 1) + ") and D^1(" + std::to_string(a1->second + 1) + ") intersect"
           : "the D^1 sets of the " + std::to_string(S) + " signals are pairwise disjoint");
    check.hypothesis("three_groups", r >= 3, "r = " + std::to_string(r));
    check.hypothesis("epsilon_positive", check.sign(e.epsilon) > 0, "epsilon = " + mechcheck::to_string(e.epsilon));
    for (int t = 0; t < S; ++t) check.text("D1_signal_" + std::to_string(t + 1), D1(e, I, t).text(e.grid));
    if (!check.hypotheses_met()) return check.unmet();

    const ResponseTables tables(e, I);
    const auto& D = tables.demand_functions();
    const std::uint64_t Dn = D.size();
    const auto a2 = assumption2_failure(I);
    check
        .text("assumption2", a2 ? "fails: f(.|" + std::to_string(a2->first + 1) + ") = f(.|" +
                                      std::to_string(a2->second + 1) + ") (used after Theorem 2, not by it)"
                                : "holds: the rows f(.|omega_0) are pairwise distinct")
        .text("rule6_cap", to_string(I.rule6_cap))
        .value("epsilon", e.epsilon);

    // G** must map into A: Rule 6 as printed (cap e_i(h)) is checked first (finding).
    if (const auto outside = first_allocation_outside_A(e, I, D)) {
      std::vector<int> order(N);
      std::iota(order.begin(), order.end(), 0);
      check.witness(make_text("phi", order_text(order)))
          .witness(make_text("p", e.grid.price_text(outside->price)))
          .witness("rule", static_cast<long long>(outside->rule))
          .witness(make_text("every announcement", demand_text(e.grid, outside->announced)));
      return check.refuted("G** is not a mechanism into A on this instance: under Rule " +
                           std::to_string(outside->rule) + " " + outside->why +
                           (outside->rule == 6 && I.rule6_cap == Rule6Cap::endowment
                                ? " (Rule 6 as printed caps later traders by e_i(h))"
                                : ""));
    }

    // Round 1: D x F2 x F3 against the opponents' menu; strict dominance on exact interim utilities.
    const auto own1 = round1_messages(I, Dn);
    const auto menu1 = round1_menu(e, I);
    CheckContext part = check.context();
    part.progress = [&](double f) { check.context().report(0.7 * f); };
    const Round one = dominance_round(e, tables, own1, menu1, part, "round 1");
    check.decided_in<Rational>();
    const std::string nn = std::to_string(n), rn = std::to_string((r - 1) * n);
    check.stat("full_space_M2", power_text(Dn, std::to_string(Dn) + "^" + nn) + " functions D^n -> D (not enumerable)")
        .stat("full_space_M3",
              power_text(Dn, std::to_string(Dn) + "^" + rn) + " functions D^{(r-1)n} -> D (not enumerable)")
        .stat("demand_functions", static_cast<long long>(Dn))
        .stat("round1_own_messages_per_signal", static_cast<long long>(own1[0].size()))
        .stat("round1_opponent_strategies", static_cast<long long>(menu1.size()))
        .stat("round1_opponent_profiles", static_cast<long long>(one.profiles.size()))
        .stat("opponent_profiles_mode", to_string(I.opponents))
        .stat("permutations", static_cast<long long>(factorial(N)));
    for (int t = 0; t < S; ++t) check.text("S1_signal_" + std::to_string(t + 1), undominated_text(e, one, t));

    // Statement 1: S^1 first announcements in D^1. A failure refutes the theorem (in the
    // restricted game) without round 2, which is then not run.
    std::uint64_t s1_checked = 0, s2_checked = 0, s3_checked = 0;
    const auto statement1 = first_statement1_failure(e, I, D, one, s1_checked);
    check.stat("signal_classes_evaluated_round1", static_cast<long long>(one.signal_classes))
        .stat("allocations_computed_round1", static_cast<long long>(one.allocations))
        .stat("statement1_messages_checked", static_cast<long long>(s1_checked));
    if (statement1) {
      const int t = statement1->signal;
      const GMessage& m = own1[t][statement1->message];
      check.witness("signal", static_cast<long long>(t + 1))
          .witness(make_text("undominated_message", message_text(e, m)))
          .witness(make_text("no_strict_dominator", certificate(e, one, t, statement1->message)));
      check.stat("round2", "not run: statement 1 already fails");
      return check.refuted("statement 1 fails in the restricted game: at signal " + std::to_string(t + 1) +
                           " the undominated message " + message_text(e, m) +
                           " has a first announcement outside D^1 = " + D1(e, I, t).text(e.grid));
    }

    // Round 2: S^1 = maps Omega_1 -> round-1 survivors (a product over signals).
    const auto own2 = survivors(one);
    const auto menu2 = strategies_over(own2);
    part.progress = [&](double f) { check.context().report(0.7 + 0.3 * f); };
    const Round two = dominance_round(e, tables, own2, menu2, part, "round 2");
    check.decided_in<Rational>();

    // Statements 2 and 3 on S^2.
    const auto statement23 = first_statement23_failure(e, I, tables, two, s2_checked, s3_checked);
    for (int t = 0; t < S; ++t) check.text("S2_signal_" + std::to_string(t + 1), undominated_text(e, two, t));
    check.stat("round2_opponent_strategies", static_cast<long long>(menu2.size()))
        .stat("round2_opponent_profiles", static_cast<long long>(two.profiles.size()))
        .stat("signal_classes_evaluated_round2", static_cast<long long>(two.signal_classes))
        .stat("allocations_computed_round2", static_cast<long long>(two.allocations))
        // Counted up to the first failure (statements 2 and 3 are checked message by message in order).
        .stat("statement2_points_checked", static_cast<long long>(s2_checked))
        .stat("statement3_points_checked", static_cast<long long>(s3_checked));
    if (statement23) {
      const int t = statement23->signal;
      const GMessage& m = own2[t][statement23->message];
      check.witness("signal", static_cast<long long>(t + 1))
          .witness(make_text("twice_undominated_message", message_text(e, m)))
          .witness("statement", static_cast<long long>(statement23->statement))
          .witness(make_text("failure", statement23->why))
          .witness(make_text("no_strict_dominator_round2", certificate(e, two, t, statement23->message)));
      return check.refuted(std::string("statement ") + (statement23->statement == 2 ? "2 (D^2)" : "3 (D^3)") +
                           " fails in the restricted game: the twice undominated message " + message_text(e, m) +
                           " at signal " + std::to_string(t + 1) + ": " + statement23->why);
    }
    std::uint64_t pairs1 = 0, pairs2 = 0;
    for (int t = 0; t < S; ++t) {
      pairs1 += own1[t].size() * one.profiles.size();
      pairs2 += own2[t].size() * two.profiles.size();
    }
    return check.holds(
        "restricted game: round 1 " + std::to_string(pairs1) + " (message, opponents' profile) pairs, round 2 " +
        std::to_string(pairs2) + ", each over " + std::to_string(factorial(N)) +
        " permutations, all prices and Rules 3-6 with exact Bayes; every undominated first announcement lies in "
        "D^1, every twice-undominated second (third) announcement in D^2 (D^3) at " +
        std::to_string(s2_checked) + " (" + std::to_string(s3_checked) + ") price-taking observations");
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Theorem2>(); }

}  // namespace mechcheck::proofs::mat_theorem2
