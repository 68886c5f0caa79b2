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
  return "(d1 = " + demand_text(e.grid, demand_function(e.grid, static_cast<std::uint64_t>(m.first))) + ", m2 = " +
         to_string(m.second) + "@signal " + std::to_string(m.second_signal + 1) + ", m3 = " + to_string(m.third) +
         "@signal " + std::to_string(m.third_signal + 1) + ")";
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

}  // namespace

void require_equal_endowments(const Case& c, const std::string& claim) {
  const Economy& e = c.model_data<Economy>();
  int first_other = -1;
  for (int i = 1; i < e.trader_count() && first_other < 0; ++i)
    if (e.traders[i].endowment != e.traders[0].endowment) first_other = i;
  if (first_other < 0) return;
  const std::string rule = claim + " on G** needs equal endowments (the paper's symmetry (5), on which its restricted "
                           "check relies), but trader " + std::to_string(first_other + 1) + " differs from trader 1";
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

Outcome check_gstarstar_properties(const Economy& e, const CheckContext& context) {
  // Preconditions (a [mat.interdependent] table, equal endowments) are validated before any
  // check runs (mat.properties' validate); here they are the caller's contract.
  if (!e.interdependent) throw std::logic_error("check_gstarstar_properties needs a [mat.interdependent] table");
  const Interdependent& I = *e.interdependent;
  const int N = e.trader_count(), P = e.grid.price_count(), k = e.grid.goods, S = I.signals;
  const int trader = 0;
  for (int i = 1; i < N; ++i)
    if (e.traders[i].endowment != e.traders[0].endowment)
      throw std::logic_error("check_gstarstar_properties needs equal endowments (trader " + std::to_string(i + 1) + ")");
  const ResponseTables tables(e, I);
  const auto& D = tables.demand_functions();
  std::vector<Concrete> space;
  for (std::size_t d = 0; d < D.size(); ++d)
    for (auto r2 : I.second_rules)
      for (int t2 = 0; t2 < S; ++t2)
        for (auto r3 : I.third_rules)
          for (int t3 = 0; t3 < S; ++t3) space.push_back(Concrete{static_cast<int>(d), r2, t2, r3, t3});
  const std::size_t M = space.size();
  const bool symmetric = I.properties_opponents == OpponentProfilesMode::symmetric;
  std::vector<std::vector<int>> profiles;
  if (symmetric) {
    for (std::size_t s = 0; s < M; ++s) profiles.push_back(std::vector<int>(N - 1, static_cast<int>(s)));
  } else {
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
  }
  const std::uint64_t perms = symmetric ? static_cast<std::uint64_t>(N) : factorial(N);
  const std::uint64_t total = profiles.size() * M * perms * (1 + 3 * static_cast<std::uint64_t>(P));
  context.say("G** properties: " + std::to_string(total) + " allocations");
  guard_enumeration_size(context, total, "G** properties' (opponents' profile, deviation, phi, p, rule) allocations");

  // The permutations: one per position of trader 1 (symmetric), or all.
  std::vector<std::vector<int>> orders;
  if (symmetric) {
    for (int pos = 0; pos < N; ++pos) {
      std::vector<int> ord;
      for (int j = 1; j < N; ++j) ord.push_back(j);
      ord.insert(ord.begin() + pos, 0);
      orders.push_back(ord);
    }
  } else {
    std::vector<int> order(N);
    std::iota(order.begin(), order.end(), 0);
    do orders.push_back(order);
    while (std::next_permutation(order.begin(), order.end()));
  }
  // Opponents' profile o as "trader 2 (message); trader 3 (message); ...".
  auto profile_text = [&](std::size_t o) {
    std::string others;
    for (int j = 1; j < N; ++j)
      others += (j > 1 ? "; " : "") + std::string("trader ") + std::to_string(j + 1) + " " + concrete_text(e, space[profiles[o][j - 1]]);
    return others;
  };

  // The failure of the least profile index is reported, as a sequential loop would.
  LeastKeyed<std::size_t, Outcome> failure;
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
    std::vector<Slot> slots(M);
    std::vector<std::vector<Slot>> by_rule(1 + 3 * P, std::vector<Slot>(M));
    auto others_text = [&] { return profile_text(o); };
    auto fail = [&](const std::string& property, const std::string& why, int rule, int price, std::size_t s1, std::size_t s2) {
      Outcome out;
      out.verdict = Verdict::refuted;
      out.arithmetic = Arithmetic::exact;
      out.summary = "G** property " + property + " fails for trader 1: " + why;
      out.witness.push_back(make_text("others", others_text()));
      out.witness.push_back(make_text("phi", order_text(order)));
      out.witness.push_back(make_value("rule", static_cast<long long>(rule)));
      if (rule != 3) out.witness.push_back(make_text("p", e.grid.price_text(price)));
      const std::size_t idx = rule == 3 ? 0 : 1 + (rule - 4) * P + price;
      for (std::size_t s : {s1, s2}) {
        const Slot& sl = by_rule[idx][s];
        std::string x;
        for (int h = 0; h < k; ++h) x += (h ? "," : "") + std::to_string(sl.amount[h]);
        out.witness.push_back(make_text("message " + concrete_text(e, space[s]),
                                        "price " + e.grid.price_text(sl.price) + ", announced " +
                                            demand_text(e.grid, D[sl.announced]) + ", amount (" + x + ")"));
      }
      out.value(make_text("properties_reading", to_string(I.properties_reading)));
      failure.offer(o, std::move(out));
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
              Outcome out;
              out.verdict = Verdict::refuted;
              out.summary = "a G** outcome is not in A: under Rule " + std::to_string(rule) + " " + *bad +
                            (rule == 6 && I.rule6_cap == Rule6Cap::endowment
                                 ? " (Rule 6 as printed caps later traders by e_i(h))" : "");
              out.witness.push_back(make_text("phi", order_text(order)));
              out.witness.push_back(make_value("rule", static_cast<long long>(rule)));
              if (rule != 3) out.witness.push_back(make_text("p", e.grid.price_text(p)));
              out.witness.push_back(make_text("trader 1", concrete_text(e, space[s])));
              out.witness.push_back(make_text("others", others_text()));
              failure.offer(o, std::move(out));
              return;
            }
            Slot& sl = by_rule[rule == 3 ? 0 : 1 + (rule - 4) * P + p][s];
            sl.amount.assign(a.amount.begin() + static_cast<long>(trader) * k, a.amount.begin() + static_cast<long>(trader + 1) * k);
            sl.price = a.price[trader];
            sl.announced = rule == 4 ? ann.first[trader] : rule == 5 ? ann.second[trader] : ann.third[trader];
          }
      }
      for (int rule = 3; rule <= 6; ++rule)
        for (int p = 0; p < (rule == 3 ? 1 : P); ++p) {
          const auto& sl = by_rule[rule == 3 ? 0 : 1 + (rule - 4) * P + p];
          // (iv): her own message never moves her trading price.
          for (std::size_t s = 1; s < M; ++s)
            if (sl[s].price != sl[0].price) return fail("(iv)", "her message moves her own trading price", rule, p, 0, s);
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
            if (rule == 4) return {-1, static_cast<int>(m.second), m.second_signal, static_cast<int>(m.third), m.third_signal};
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
            return fail(prop, "under Rule " + std::to_string(rule) +
                                  " she neither receives her announced demand for every message nor an amount independent "
                                  "of her message (reading: " + to_string(I.properties_reading) + ")",
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
  if (failure.kept()) {
    Outcome out = failure.kept()->second;
    out.stat("opponent_profiles_in_search", static_cast<long long>(profiles.size()));
    out.stat("deviations", static_cast<long long>(M));
    out.stat("failing_opponent_profile_index", static_cast<long long>(failure.kept()->first + 1));
    return out;
  }
  Outcome out;
  out.arithmetic = Arithmetic::exact;
  // (vii): under Rules 4-6 the (phi, p, rule) where she is served do not depend on the others.
  std::string viii = "no";
  for (std::size_t o = 1; o < profiles.size(); ++o) {
    auto strip = [](const std::set<std::tuple<int, int, int>>& s, bool rule3) {
      std::set<std::tuple<int, int, int>> t;
      for (auto& x : s)
        if ((std::get<1>(x) == 3) == rule3) t.insert(x);
      return t;
    };
    const auto a = strip(served[0], false), b = strip(served[o], false);
    if (a != b) {
      // The first (phi, rule, p) served under one profile and not under the other.
      std::vector<std::tuple<int, int, int>> differ;
      std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(differ));
      const auto [pi, rule, p] = differ.front();
      out.verdict = Verdict::refuted;
      out.arithmetic = Arithmetic::exact;
      out.summary = "G** property (vii) fails: under Rule " + std::to_string(rule) + " at phi = " + order_text(orders[pi]) +
                    ", p = " + e.grid.price_text(p) + " every message of trader 1 is served against one opponents' "
                    "profile and not against the other";
      out.witness.push_back(make_text("profile_a", profile_text(0)));
      out.witness.push_back(make_text("profile_b", profile_text(o)));
      out.witness.push_back(make_text("phi", order_text(orders[pi])));
      out.witness.push_back(make_value("rule", static_cast<long long>(rule)));
      out.witness.push_back(make_text("p", e.grid.price_text(p)));
      return out;
    }
    if (viii == "no" && strip(served[o], true) != strip(served[0], true))
      viii = "yes: opponents' profiles (" + profile_text(0) + ") and (" + profile_text(o) +
             ") serve trader 1 under Rule 3 in different cases";
  }
  out.verdict = Verdict::holds;
  out.summary = "(iv)-(vii) hold on the restricted space (" + std::to_string(M) + " messages, " +
                std::to_string(profiles.size()) + " opponents' profiles, reading " + to_string(I.properties_reading) +
                "): of the (opponents' profile, phi, p, rule) cases, " + std::to_string(served_cases.load()) +
                " serve every message, " + std::to_string(independent_cases.load()) +
                " give every message the same amount (per group of messages under the reading); every allocation in A";
  out.value(make_text("viii_dependence_found", viii));
  out.value(make_text("properties_reading", to_string(I.properties_reading)));
  out.value(make_text("rule6_cap", to_string(I.rule6_cap)));
  out.stat("deviations", static_cast<long long>(M));
  out.stat("opponent_profiles", static_cast<long long>(profiles.size()));
  out.stat("permutations_per_profile", static_cast<long long>(perms));
  out.stat("permutation_reduction", symmetric ? "one per position of trader 1 (identical opponents)" : "none");
  out.stat("allocations_computed", static_cast<long long>(total));
  return out;
}

}  // namespace mechcheck::proofs
