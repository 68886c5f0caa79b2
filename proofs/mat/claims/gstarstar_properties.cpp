// Properties (iv)-(viii) of G** (Matsushima 2005, Section 4), checked exhaustively on the
// restricted message spaces of [mat.interdependent]. A concrete message of trader i is
// (d^1, m^2, m^3) with m^2 = (rule, signal) and m^3 = (rule, signal) from the case's response rules
// (the rule and a signal fix one function D^n -> D, resp. D^{(r-1)n} -> D).
//
// Orbit reduction (symmetric mode): all opponents send the same concrete message and have equal
// endowments, so any two permutations that put trader i at the same position differ by a
// relabelling of identical opponents, which leaves i's (x_i, q_i) unchanged; one permutation per
// position of i is enumerated, standing for (N-1)! permutations. Mode "all" enumerates every
// multiset of opponents' messages and all N! permutations.
#include "mat/claims/gstarstar.hpp"

#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/number/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <tuple>

namespace mechcheck::proofs {

using namespace mechcheck::mat;

namespace {

struct Concrete {
  int first = 0;
  ResponseRule second = ResponseRule::informed;
  int second_signal = 0;
  ResponseRule third = ResponseRule::informed;
  int third_signal = 0;
};

std::string concrete_text(const Economy& e, const Concrete& m) {
  return "(d1 = " + demand_text(e.grid, demand_function(e.grid, static_cast<std::uint64_t>(m.first))) +
         ", m2 = " + to_string(m.second) + "@signal " + std::to_string(m.second_signal + 1) +
         ", m3 = " + to_string(m.third) + "@signal " + std::to_string(m.third_signal + 1) + ")";
}

void announce_concrete(const Economy& e, const ResponseTables& tables, std::span<const int> order,
                       const std::vector<const Concrete*>& msg, Announcements& out) {
  const int N = e.trader_count(), n = e.group_size, r = e.groups;
  out.first.resize(N);
  out.second.resize(N);
  out.third.resize(N);
  for (int i = 0; i < N; ++i) out.first[i] = msg[i]->first;
  int observed[64];
  for (int j = 0; j < N; ++j) {
    const int i = order[j], beta = j / n, before = (beta + r - 1) % r;
    for (int q = 0; q < n; ++q) observed[q] = out.first[order[before * n + q]];
    out.second[i] = tables.evaluate(msg[i]->second, msg[i]->second_signal, std::span<const int>(observed, n));
    int m = 0;
    for (int q = 0; q < N; ++q)
      if (q / n != beta) observed[m++] = out.first[order[q]];
    out.third[i] = tables.evaluate(msg[i]->third, msg[i]->third_signal, std::span<const int>(observed, m));
  }
}

struct Slot {
  std::vector<int> amount;
  int price = 0;
  int announced = 0;  // the announcement the rule reads, evaluated (demand function index)
};

// Every concrete message of the restricted space: (d^1, m^2 = (rule, signal), m^3 = (rule, signal)).
std::vector<Concrete> concrete_space(const Interdependent& I, std::size_t demand_functions) {
  std::vector<Concrete> space;
  for (std::size_t d = 0; d < demand_functions; ++d)
    for (auto r2 : I.second_rules)
      for (int t2 = 0; t2 < I.signals; ++t2)
        for (auto r3 : I.third_rules)
          for (int t3 = 0; t3 < I.signals; ++t3) space.push_back(Concrete{static_cast<int>(d), r2, t2, r3, t3});
  return space;
}

// The opponents' profiles (message indices of traders 2..N): all alike (symmetric), or every
// multiset, refused by the size guard when too many.
std::vector<std::vector<int>> opponents_profiles(const Economy& e, bool symmetric, std::size_t M,
                                                 const CheckContext& context) {
  const int N = e.trader_count();
  std::vector<std::vector<int>> profiles;
  if (symmetric) {
    for (std::size_t s = 0; s < M; ++s) profiles.push_back(std::vector<int>(N - 1, static_cast<int>(s)));
    return profiles;
  }
  unsigned __int128 c = 1;
  for (int j = 1; j <= N - 1; ++j) c = c * (M + j - 1) / j;
  const unsigned __int128 pts = c * M * factorial(N);
  guard_enumeration_size(context, pts > UINT64_MAX ? UINT64_MAX : static_cast<unsigned long long>(pts),
                         "G** properties (all opponents' multisets x deviations x permutations)");
  std::vector<int> cur;
  std::function<void(int)> extend = [&](int from) {
    if (static_cast<int>(cur.size()) == N - 1) {
      profiles.push_back(cur);
      return;
    }
    for (int s = from; s < static_cast<int>(M); ++s) {
      cur.push_back(s);
      extend(s);
      cur.pop_back();
    }
  };
  extend(0);
  return profiles;
}

// The permutations: one per position of trader 1 (symmetric), or all.
std::vector<std::vector<int>> permutations(int N, bool symmetric) {
  std::vector<std::vector<int>> orders;
  if (symmetric) {
    for (int pos = 0; pos < N; ++pos) {
      std::vector<int> ord;
      for (int j = 1; j < N; ++j) ord.push_back(j);
      ord.insert(ord.begin() + pos, 0);
      orders.push_back(ord);
    }
    return orders;
  }
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  do orders.push_back(order);
  while (std::next_permutation(order.begin(), order.end()));
  return orders;
}

// A G** outcome outside A, or a (phi, p, rule) where (iv), (v) or (vi) fails, as its witness
// reports it.
struct Failure {
  std::string summary;
  std::vector<Value> witness;
  bool names_reading = false;  // a property failure reports the reading it was checked under
};

// The (phi, rule, p) where every message of trader 1 is served, per opponents' profile (for (vii)
// and (viii)); the failure of the least opponents' profile index, as a sequential loop finds it.
struct Enumeration {
  std::optional<std::pair<std::size_t, Failure>> failure;
  std::vector<std::set<std::tuple<int, int, int>>> served;
  long long served_cases = 0, independent_cases = 0;
};

// Every opponents' profile, permutation, price and rule, and every unilateral deviation of trader
// 1: (2), (3) and the bounds on each allocation, then (iv)-(vi) in each (phi, p, rule).
Enumeration enumerate_cases(const Economy& e, const ResponseTables& tables, const std::vector<Concrete>& space,
                            const std::vector<std::vector<int>>& profiles, const std::vector<std::vector<int>>& orders,
                            const std::function<std::string(std::size_t)>& profile_text) {
  const Interdependent& I = *e.interdependent;
  const int N = e.trader_count(), P = e.grid.price_count(), k = e.grid.goods;
  const int trader = 0;
  const auto& D = tables.demand_functions();
  const std::size_t M = space.size();
  LeastKeyed<std::size_t, Failure> failure;
  // (vii)/(viii): per profile, the (phi, p, rule) where every deviation is served.
  std::vector<std::set<std::tuple<int, int, int>>> served(profiles.size());
  std::atomic<long long> served_cases{0}, independent_cases{0};
  mechcheck::parallel_for(std::size_t(0), profiles.size(), [&](std::size_t o) {
    if (failure.settled_below(o)) return;
    std::vector<const Concrete*> msg(N);
    for (int j = 1; j < N; ++j) msg[j] = &space[profiles[o][j - 1]];
    std::vector<int> order(N);
    Allocation a;
    a.resize(e);
    Announcements ann;
    std::vector<std::vector<Slot>> by_rule(1 + 3 * P, std::vector<Slot>(M));
    auto fail = [&](const std::string& property, const std::string& why, int rule, int price, std::size_t s1,
                    std::size_t s2) {
      Failure f{"G** property " + property + " fails for trader 1: " + why, {}, true};
      f.witness.push_back(make_text("others", profile_text(o)));
      f.witness.push_back(make_text("phi", order_text(order)));
      f.witness.push_back(make_value("rule", static_cast<long long>(rule)));
      if (rule != 3) f.witness.push_back(make_text("p", e.grid.price_text(price)));
      const std::size_t idx = rule == 3 ? 0 : 1 + (rule - 4) * P + price;
      for (std::size_t s : {s1, s2}) {
        const Slot& sl = by_rule[idx][s];
        std::string x;
        for (int h = 0; h < k; ++h) x += (h ? "," : "") + std::to_string(sl.amount[h]);
        f.witness.push_back(make_text("message " + concrete_text(e, space[s]),
                                      "price " + e.grid.price_text(sl.price) + ", announced " +
                                          demand_text(e.grid, D[sl.announced]) + ", amount (" + x + ")"));
      }
      failure.offer(o, std::move(f));
    };
    for (std::size_t pi = 0; pi < orders.size(); ++pi) {
      order = orders[pi];
      for (std::size_t s = 0; s < M; ++s) {
        msg[0] = &space[s];
        announce_concrete(e, tables, order, msg, ann);
        for (int rule = 3; rule <= 6; ++rule)
          for (int p = 0; p < (rule == 3 ? 1 : P); ++p) {
            gstarstar_allocation(e, I, D, order, p, ann, rule, a);
            if (auto bad = feasibility_violation(e, a)) {
              Failure f{"a G** outcome is not in A: under Rule " + std::to_string(rule) + " " + *bad +
                            (rule == 6 && I.rule6_cap == Rule6Cap::endowment
                                 ? " (Rule 6 as printed caps later traders by e_i(h))"
                                 : ""),
                        {},
                        false};
              f.witness.push_back(make_text("phi", order_text(order)));
              f.witness.push_back(make_value("rule", static_cast<long long>(rule)));
              if (rule != 3) f.witness.push_back(make_text("p", e.grid.price_text(p)));
              f.witness.push_back(make_text("trader 1", concrete_text(e, space[s])));
              f.witness.push_back(make_text("others", profile_text(o)));
              failure.offer(o, std::move(f));
              return;
            }
            Slot& sl = by_rule[rule == 3 ? 0 : 1 + (rule - 4) * P + p][s];
            sl.amount.assign(a.amount.begin() + static_cast<long>(trader) * k,
                             a.amount.begin() + static_cast<long>(trader + 1) * k);
            sl.price = a.price[trader];
            sl.announced = rule == 4 ? ann.first[trader] : rule == 5 ? ann.second[trader] : ann.third[trader];
          }
      }
      for (int rule = 3; rule <= 6; ++rule)
        for (int p = 0; p < (rule == 3 ? 1 : P); ++p) {
          const auto& sl = by_rule[rule == 3 ? 0 : 1 + (rule - 4) * P + p];
          // (iv): her own message never moves her trading price.
          for (std::size_t s = 1; s < M; ++s)
            if (sl[s].price != sl[0].price)
              return fail("(iv)", "her message moves her own trading price", rule, p, 0, s);
          const int q = sl[0].price;
          auto own = [&](std::size_t s) {
            for (int h = 0; h < k; ++h)
              if (sl[s].amount[h] != e.grid.amount(D[sl[s].announced][q], h)) return false;
            return true;
          };
          // Groups of deviations compared: the whole space (literal) or, per announcement, the
          // messages that differ only in the component this rule reads.
          auto group_of = [&](std::size_t s) -> std::tuple<int, int, int, int, int> {
            const Concrete& m = space[s];
            if (I.properties_reading == PropertiesReading::literal) return {0, 0, 0, 0, 0};
            if (rule == 4)
              return {-1, static_cast<int>(m.second), m.second_signal, static_cast<int>(m.third), m.third_signal};
            if (rule == 5) return {m.first, -1, -1, static_cast<int>(m.third), m.third_signal};
            return {m.first, static_cast<int>(m.second), m.second_signal, -1, -1};
          };
          std::map<std::tuple<int, int, int, int, int>, std::vector<std::size_t>> groups;
          for (std::size_t s = 0; s < M; ++s) groups[group_of(s)].push_back(s);
          bool every_group_served = true;
          for (auto& [key, members] : groups) {
            bool all_served = true, all_same = true;
            std::size_t unserved = M;
            for (auto s : members) {
              if (!own(s)) {
                all_served = false;
                if (unserved == M) unserved = s;
              }
              if (sl[s].amount != sl[members[0]].amount) all_same = false;
            }
            if (all_served) continue;
            every_group_served = false;
            if (all_same) continue;
            // A member whose amount differs from the unserved one's exists (not all are the
            // same), and the pair alone shows the failure.
            std::size_t other = members[0];
            for (auto s : members)
              if (sl[s].amount != sl[unserved].amount) {
                other = s;
                break;
              }
            const std::string prop = rule == 3 || rule == 6 ? "(vi)" : "(v)";
            return fail(prop,
                        "under Rule " + std::to_string(rule) +
                            " she neither receives her announced demand for every message nor an amount independent "
                            "of her message (reading: " +
                            to_string(I.properties_reading) + ")",
                        rule, p, unserved, other);
          }
          if (every_group_served) {
            ++served_cases;
            served[o].insert({static_cast<int>(pi), rule, p});
          } else {
            ++independent_cases;
          }
        }
    }
  });
  return {failure.kept(), std::move(served), served_cases.load(), independent_cases.load()};
}

// The served cases under Rule 3 (rule3 = true) or under Rules 4-6.
std::set<std::tuple<int, int, int>> served_under(const std::set<std::tuple<int, int, int>>& served, bool rule3) {
  std::set<std::tuple<int, int, int>> under;
  for (auto& x : served)
    if ((std::get<1>(x) == 3) == rule3) under.insert(x);
  return under;
}

// (vii) fails: against opponents' profile `profile`, the (phi index, rule, p) under Rules 4-6
// that is served there and not against profile 0, or the other way round.
struct ServedDifference {
  std::size_t profile = 0;
  std::tuple<int, int, int> where;
};
std::optional<ServedDifference> first_vii_failure(const std::vector<std::set<std::tuple<int, int, int>>>& served) {
  for (std::size_t o = 1; o < served.size(); ++o) {
    const auto a = served_under(served[0], false), b = served_under(served[o], false);
    if (a == b) continue;
    std::vector<std::tuple<int, int, int>> differ;
    std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(differ));
    return ServedDifference{o, differ.front()};
  }
  return std::nullopt;
}

// (viii): whether the cases where she is served under Rule 3 do depend on the others' messages.
std::string viii_dependence(const std::vector<std::set<std::tuple<int, int, int>>>& served,
                            const std::function<std::string(std::size_t)>& profile_text) {
  for (std::size_t o = 1; o < served.size(); ++o)
    if (served_under(served[o], true) != served_under(served[0], true))
      return "yes: opponents' profiles (" + profile_text(0) + ") and (" + profile_text(o) +
             ") serve trader 1 under Rule 3 in different cases";
  return "no";
}

}  // namespace

void require_equal_endowments(const Case& c, const Economy& e, const std::string& claim) {
  int first_other = -1;
  for (int i = 1; i < e.trader_count() && first_other < 0; ++i)
    if (e.traders[i].endowment != e.traders[0].endowment) first_other = i;
  if (first_other < 0) return;
  const std::string rule = claim +
                           " on G** needs equal endowments (the paper's symmetry (5), on which its restricted "
                           "check relies), but trader " +
                           std::to_string(first_other + 1) + " differs from trader 1";
  // Point at the endowment of the [[mat.trader]] table that differs (tables list types in order).
  if (c.document && c.document->has("mat") && c.document->at("mat").has("trader")) {
    for (const TomlNode& type : c.document->at("mat").at("trader").elements())
      if (type.has("endowment")) {
        std::vector<int> amounts;
        for (const TomlNode& a : type.at("endowment").elements()) amounts.push_back(static_cast<int>(a.integer()));
        if (amounts != e.traders[0].endowment) type.at("endowment").fail(rule);
      }
  }
  c.fail({"mat", "trader"}, rule);
}

Outcome check_gstarstar_properties(const Economy& e, Check& check) {
  // Preconditions (a [mat.interdependent] table, equal endowments) are validated before any
  // check runs (mat.properties' check_preconditions); here they are the caller's contract.
  if (!e.interdependent) throw std::logic_error("check_gstarstar_properties needs a [mat.interdependent] table");
  const Interdependent& I = *e.interdependent;
  const int N = e.trader_count(), P = e.grid.price_count();
  for (int i = 1; i < N; ++i)
    if (e.traders[i].endowment != e.traders[0].endowment)
      throw std::logic_error("check_gstarstar_properties needs equal endowments (trader " + std::to_string(i + 1) +
                             ")");
  const ResponseTables tables(e, I);
  const std::vector<Concrete> space = concrete_space(I, tables.demand_functions().size());
  const std::size_t M = space.size();
  const bool symmetric = I.properties_opponents == OpponentProfilesMode::symmetric;
  const std::vector<std::vector<int>> profiles = opponents_profiles(e, symmetric, M, check.context());
  const std::uint64_t perms = symmetric ? static_cast<std::uint64_t>(N) : factorial(N);
  const std::uint64_t total = profiles.size() * M * perms * (1 + 3 * static_cast<std::uint64_t>(P));
  check.context().say("G** properties: " + std::to_string(total) + " allocations");
  guard_enumeration_size(check.context(), total,
                         "G** properties' (opponents' profile, deviation, phi, p, rule) allocations");
  const std::vector<std::vector<int>> orders = permutations(N, symmetric);
  // Opponents' profile o as "trader 2 (message); trader 3 (message); ...".
  const auto profile_text = [&](std::size_t o) {
    std::string others;
    for (int j = 1; j < N; ++j)
      others += (j > 1 ? "; " : "") + std::string("trader ") + std::to_string(j + 1) + " " +
                concrete_text(e, space[profiles[o][j - 1]]);
    return others;
  };

  const Enumeration cases = enumerate_cases(e, tables, space, profiles, orders, profile_text);
  // The announcements come from response rules computed from exact posteriors and argmax, and
  // (3) is an exact rational identity; amounts and price indices are integers.
  check.decided_in<Rational>();
  if (cases.failure) {
    const Failure& f = cases.failure->second;
    for (const Value& w : f.witness) check.witness(w);
    if (f.names_reading) check.text("properties_reading", to_string(I.properties_reading));
    check.stat("opponent_profiles_in_search", static_cast<long long>(profiles.size()))
        .stat("deviations", static_cast<long long>(M))
        .stat("failing_opponent_profile_index", static_cast<long long>(cases.failure->first + 1));
    return check.refuted(f.summary);
  }
  // (vii): under Rules 4-6 the (phi, p, rule) where she is served do not depend on the others.
  if (const auto vii = first_vii_failure(cases.served)) {
    const auto [pi, rule, p] = vii->where;
    check.witness(make_text("profile_a", profile_text(0)))
        .witness(make_text("profile_b", profile_text(vii->profile)))
        .witness(make_text("phi", order_text(orders[pi])))
        .witness("rule", static_cast<long long>(rule))
        .witness(make_text("p", e.grid.price_text(p)));
    return check.refuted(
        "G** property (vii) fails: under Rule " + std::to_string(rule) + " at phi = " + order_text(orders[pi]) +
        ", p = " + e.grid.price_text(p) +
        " every message of trader 1 is served against one opponents' profile and not against the other");
  }
  check.text("viii_dependence_found", viii_dependence(cases.served, profile_text))
      .text("properties_reading", to_string(I.properties_reading))
      .text("rule6_cap", to_string(I.rule6_cap));
  check.stat("deviations", static_cast<long long>(M))
      .stat("opponent_profiles", static_cast<long long>(profiles.size()))
      .stat("permutations_per_profile", static_cast<long long>(perms))
      .stat("permutation_reduction", symmetric ? "one per position of trader 1 (identical opponents)" : "none")
      .stat("allocations_computed", static_cast<long long>(total));
  return check.holds(
      "(iv)-(vii) hold on the restricted space (" + std::to_string(M) + " messages, " +
      std::to_string(profiles.size()) + " opponents' profiles, reading " + to_string(I.properties_reading) +
      "): of the (opponents' profile, phi, p, rule) cases, " + std::to_string(cases.served_cases) +
      " serve every message, " + std::to_string(cases.independent_cases) +
      " give every message the same amount (per group of messages under the reading); every allocation in A");
}

}  // namespace mechcheck::proofs
