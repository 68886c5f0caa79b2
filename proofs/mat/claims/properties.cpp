// mat.properties — the properties (i)-(iii) the paper reads off G* (Section 3, after the
// definition of g) and calls "the driving force" of Theorem 1, checked exhaustively over
// profiles and unilateral deviations; (iv)-(viii) for G** where the case has signals.
#include "mat/claims/claims.hpp"
#include "mat/claims/gstarstar.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mat/recheck/recheck.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <optional>

namespace mechcheck::proofs::mat_properties {

using namespace mechcheck::mat;

namespace {

struct Slot {  // trader i's outcome in one (phi, p, rule) for one own message
  std::vector<int> amount;
  int price = 0;
};

// A (phi, p, rule) where (i) or (ii)-(iii) fails for a trader, as its witness reports it.
struct Violation {
  std::string property, why;
  int trader = 0, rule = 1, price = 0;
  std::string others, phi;
  std::vector<std::pair<std::string, std::string>> messages;  // two of her messages: what each received
};

// The enumeration of mat.properties over the traders to check: the violation of the least
// (trader, opponents' profile index), as a sequential loop finds it, or the counts of a complete run.
struct Classification {
  std::optional<std::pair<std::pair<int, std::size_t>, Violation>> failure;
  long long served_slots = 0;       // (phi, p, rule) cases that serve every message
  long long independent_slots = 0;  // ... that give every message the same amount
  long long profiles_done = 0;
};

Classification classify_every_case(const Economy& e, const std::vector<int>& checked,
                                   const std::vector<DemandFunction>& table) {
  const int N = e.trader_count(), prices = e.grid.price_count(), k = e.grid.goods;
  const std::size_t S = table.size();
  LeastKeyed<std::pair<int, std::size_t>, Violation> failure;
  std::atomic<long long> served_slots{0}, independent_slots{0}, profiles_done{0};
  for (int trader : checked) {
    const OpponentProfiles opp = opponent_profiles(e, trader, S, true);
    mechcheck::parallel_for(std::size_t(0), opp.profiles.size(), [&](std::size_t o) {
      if (failure.settled_below({trader, o})) return;
      Profile profile(N);
      for (std::size_t j = 0; j < opp.opponents.size(); ++j) profile[opp.opponents[j]] = &table[opp.profiles[o][j]];
      std::vector<int> order(N);
      for (int j = 0; j < N; ++j) order[j] = j;
      Allocation a;
      a.resize(e);
      std::vector<Slot> slots(S);
      // Classifies one (phi, p, rule) after `fill` has produced the trader's outcome for every message.
      auto classify = [&](int rule, int price) -> bool {
        auto fail = [&](const std::string& property, const std::string& why, std::size_t s1, std::size_t s2) {
          Violation v{property, why, trader, rule, price, "", order_text(order), {}};
          for (std::size_t j = 0; j < opp.opponents.size(); ++j)
            v.others += (j ? ", " : "") + std::string("trader ") + std::to_string(opp.opponents[j] + 1) + " " +
                        demand_text(e.grid, table[opp.profiles[o][j]]);
          for (std::size_t s : {s1, s2}) {
            std::string x;
            for (int h = 0; h < k; ++h) x += (h ? "," : "") + std::to_string(slots[s].amount[h]);
            v.messages.emplace_back("message " + demand_text(e.grid, table[s]),
                                    "price " + e.grid.price_text(slots[s].price) + ", amount (" + x + ")");
          }
          failure.offer({trader, o}, std::move(v));
        };
        for (std::size_t s = 1; s < S; ++s)
          if (slots[s].price != slots[0].price) {
            fail("(i)", "her message moves her own trading price", 0, s);
            return false;
          }
        const int q = slots[0].price;
        auto own_demand = [&](std::size_t s) {
          for (int h = 0; h < k; ++h)
            if (slots[s].amount[h] != e.grid.amount(table[s][q], h)) return false;
          return true;
        };
        bool all_served = true, all_same = true;
        std::size_t unserved = S, differs = S;
        for (std::size_t s = 0; s < S; ++s) {
          if (!own_demand(s) && unserved == S) unserved = s;
          if (slots[s].amount != slots[0].amount && differs == S) differs = s;
        }
        all_served = unserved == S;
        all_same = differs == S;
        if (all_served) ++served_slots;
        else if (all_same) ++independent_slots;
        else {
          // Some message is not served and the amounts are not all equal: a message whose amount
          // differs from the unserved one's exists, and the pair alone shows the failure.
          std::size_t other = 0;
          while (slots[other].amount == slots[unserved].amount) ++other;
          fail("(ii)-(iii)",
               "in this (phi, p, rule) she neither receives her own demand for every message nor an amount "
               "independent of her message",
               unserved, other);
          return false;
        }
        return true;
      };
      auto record = [&](std::size_t s) {
        slots[s].amount.assign(a.amount.begin() + static_cast<long>(trader) * k,
                               a.amount.begin() + static_cast<long>(trader + 1) * k);
        slots[s].price = a.price[trader];
      };
      do {
        for (std::size_t s = 0; s < S; ++s) {
          profile[trader] = &table[s];
          rule1_allocation(e, order, profile, a);
          record(s);
        }
        if (!classify(1, 0)) return;
        for (int p = 0; p < prices; ++p) {
          for (std::size_t s = 0; s < S; ++s) {
            profile[trader] = &table[s];
            rule2_allocation(e, order, profile, p, a);
            record(s);
          }
          if (!classify(2, p)) return;
        }
      } while (std::next_permutation(order.begin(), order.end()));
      ++profiles_done;
    });
  }
  return {failure.kept(), served_slots.load(), independent_slots.load(), profiles_done.load()};
}

class Properties : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.properties",
        "Properties (i)-(iii) of G* (Section 3); (iv)-(viii) of G** (Section 4)",
        "(i) A trader's message never moves her own trading price; (ii) she receives either her announced demand at "
        "that price or an amount that does not depend on her message; (iii) the probability of receiving her "
        "announced demand does not depend on her message.",
        {},
        "Exhaustive over every opponents' profile (one per orbit of equal-endowment opponents), every permutation, "
        "price and rule, and every unilateral deviation (all of D): in each (phi, p, rule) the trader's price is "
        "the same for all her messages (i), and either every message receives its own demand at that price or "
        "every message receives the same amount -- which gives (ii), and (iii) because the set of (phi, p, rule) "
        "where she is served is then the same for all her messages. One trader per endowment class (the mechanism "
        "reads endowments and messages only). A case with [mat.interdependent] is about G** instead: properties "
        "(iv)-(viii) on its restricted message spaces (proofs/mat/docs/theorem2.md), with (2), (3) and the bounds on "
        "every allocation computed.",
        "mat",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const Economy& e) const override {
    if (e.interdependent) require_equal_endowments(c, e, "mat.properties");
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return mat_recheck::recheck_properties(e, outcome);
  }

  // Prices are indices and amounts integers: every comparison here is exact.
  Outcome check_instance(const Economy& e, Check& check) const override {
    if (e.interdependent) return check_gstarstar_properties(e, check);
    const int N = e.trader_count(), prices = e.grid.price_count();
    std::uint64_t S = 0;
    try {
      S = demand_function_count(e.grid);
    } catch (const std::overflow_error& error) {
      throw TooLarge(std::string("|D| is too large: ") + error.what());
    }
    if (N > 10)
      throw TooLarge("mat.properties enumerates all N! permutations; N = " + std::to_string(N) + " is beyond 10");
    std::vector<int> checked;  // one trader per endowment class
    {
      const auto cls = e.endowment_classes();
      std::map<int, int> first;
      for (int i = 0; i < N; ++i)
        if (first.emplace(cls[i], i).second) checked.push_back(i);
    }
    std::uint64_t total = 0;
    for (int i : checked) {
      const std::uint64_t per_trader =
          checked_product(checked_product(count_opponent_profiles(e, i, S, true), S, "the number of deviations"),
                          checked_product(factorial(N), 1 + prices), "the number of allocations");
      if (total > UINT64_MAX - per_trader) throw std::overflow_error("the number of allocations exceeds 2^64");
      total += per_trader;
    }
    check.context().say(std::to_string(total) + " allocations (deviations included)");
    guard_enumeration_size(check.context(), total,
                           "mat.properties' enumeration of (profile, deviation, phi, p, rule) allocations");

    std::vector<DemandFunction> table;
    for (std::uint64_t s = 0; s < S; ++s) table.push_back(demand_function(e.grid, s));
    const Classification c = classify_every_case(e, checked, table);

    check.text("underline_n", to_string(e.underline_n)).text("trading_price", to_string(e.trading_price));
    check.stat("traders_checked", static_cast<long long>(checked.size()));
    // After a failure the loop stops early, at a point that depends on the threads: the counts
    // are reported for a complete run only, the search's size and the failure's place otherwise.
    if (!c.failure) {
      check.stat("opponent_profiles_evaluated", c.profiles_done)
          .stat("allocations_computed", static_cast<long long>(total));
      return check.holds(
          "(i)-(iii) hold in every (phi, p, rule) for every opponents' profile and every deviation: of "
          "the (trader, opponents' profile, phi, p, rule) cases, " +
          std::to_string(c.served_slots) + " serve every message, " + std::to_string(c.independent_slots) +
          " give every message the same amount");
    }
    const auto& [where, v] = *c.failure;
    check.stat("allocations_in_search", static_cast<long long>(total))
        .stat("failing_trader", static_cast<long long>(where.first + 1))
        .stat("failing_opponent_profile_index", static_cast<long long>(where.second + 1));
    check.witness("trader", static_cast<long long>(v.trader + 1))
        .witness(make_text("others", v.others))
        .witness(make_text("phi", v.phi))
        .witness("rule", static_cast<long long>(v.rule));
    if (v.rule == 2) check.witness(make_text("p", e.grid.price_text(v.price)));
    for (const auto& [name, received] : v.messages) check.witness(make_text(name, received));
    return check.refuted("property " + v.property + " fails for trader " + std::to_string(v.trader + 1) + ": " + v.why);
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Properties>(); }

}  // namespace mechcheck::proofs::mat_properties
