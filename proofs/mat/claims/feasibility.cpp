// mat.feasibility — every outcome of G* is an allocation in A: market clearing (2), budget
// balance (3) and 0 <= x_i(h) <= l, for every demand profile, permutation, price and rule.
#include "mat/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mat/recheck/recheck.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <mutex>
#include <optional>

namespace mechcheck::proofs::mat_feasibility {

using namespace mechcheck::mat;

namespace {

// Why an allocation is not in A, or nullopt.
std::optional<std::string> infeasibility(const Economy& e, const Allocation& a) {
  const int k = e.grid.goods, N = e.trader_count();
  long long budget = 0;  // T times (3): sum_i sum_h T q_i(h) (x_i(h) - e_i(h)), an exact integer
  for (int h = 0; h < k; ++h) {
    long long excess = 0;
    for (int i = 0; i < N; ++i) {
      const int x = a.amount[static_cast<std::size_t>(i) * k + h], endowment = e.traders[i].endowment[h];
      if (x < 0 || x > e.grid.bound)
        return "x_" + std::to_string(i + 1) + "(" + std::to_string(h + 1) + ") = " + std::to_string(x) +
               " is outside {0.." + std::to_string(e.grid.bound) + "}";
      excess += endowment - x;
      budget += static_cast<long long>(e.grid.price_numerator(a.price[i], h)) * (x - endowment);
    }
    if (excess != 0)
      return "market clearing (2) fails for good " + std::to_string(h + 1) +
             ": sum_i (e_i - x_i) = " + std::to_string(excess);
  }
  if (budget != 0)
    return "budget balance (3) fails: sum_i q_i.(x_i - e_i) = " + to_string(Rational(budget, e.grid.price_grid));
  return std::nullopt;
}

// An allocation of G* outside A, as its witness reports it.
struct Infeasible {
  int rule = 1, price = 0;
  std::string demands, phi;
  std::string x;  // everyone's amount when k = 1, else empty
  std::string why;
};

// The allocation outside A of the least profile index, with that index (whatever the threads, the
// one a sequential loop finds); nullopt when every allocation is in A. `table` holds D in index
// order, `all` the demand profiles (one per orbit).
std::optional<std::pair<std::size_t, Infeasible>> first_infeasible(const Economy& e,
                                                                   const std::vector<DemandFunction>& table,
                                                                   const OpponentProfiles& all) {
  const int N = e.trader_count(), prices = e.grid.price_count();
  LeastKeyed<std::size_t, Infeasible> failure;
  mechcheck::parallel_for(std::size_t(0), all.profiles.size(), [&](std::size_t o) {
    if (failure.settled_below(o)) return;
    Profile profile(N);
    for (std::size_t j = 0; j < all.opponents.size(); ++j) profile[all.opponents[j]] = &table[all.profiles[o][j]];
    std::vector<int> order(N);
    for (int j = 0; j < N; ++j) order[j] = j;
    Allocation a;
    a.resize(e);
    auto fail = [&](int rule, int price, const std::string& why) {
      Infeasible f{rule, price, "", order_text(order), "", why};
      for (int i = 0; i < N; ++i) f.demands += (i ? ", " : "") + demand_text(e.grid, *profile[i]);
      if (e.grid.goods == 1) {
        for (int i = 0; i < N; ++i)
          f.x += (i ? ", " : "") + std::to_string(a.amount[static_cast<std::size_t>(i) * e.grid.goods]);
        f.x = "(" + f.x + ")";
      }
      failure.offer(o, std::move(f));
    };
    do {
      rule1_allocation(e, order, profile, a);
      if (auto why = infeasibility(e, a)) return fail(1, 0, *why);
      for (int p = 0; p < prices; ++p) {
        rule2_allocation(e, order, profile, p, a);
        if (auto why = infeasibility(e, a)) return fail(2, p, *why);
      }
    } while (std::next_permutation(order.begin(), order.end()));
  });
  return failure.kept();
}

class Feasibility : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.feasibility",
        "Section 2, (2)-(3) and the bounds; Rationing Rules 1 and 2 (\"it is clear that ... is well-defined\")",
        "Every allocation G* selects, a(phi, p, d, 1) and a(phi, p, d, 2), satisfies market clearing (2), budget "
        "balance (3) and 0 <= x_i(h) <= l.",
        {},
        "Exhaustive: every demand profile (one per orbit of equal-endowment traders: relabelling interchangeable "
        "traders maps allocations to relabelled allocations and (2), (3), the bounds are symmetric), every "
        "permutation phi, every price p, both rules; (2) and the bounds in integers, (3) exactly (times T, an "
        "integer identity).",
        "mat",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return mat_recheck::recheck_feasibility(e, outcome);
  }

  // (2) and the bounds are integer tests and (3) an integer identity (times T): every decision
  // here is exact.
  Outcome check_instance(const Economy& e, Check& check) const override {
    const int N = e.trader_count(), prices = e.grid.price_count();
    std::uint64_t strategies = 0;
    try {
      strategies = demand_function_count(e.grid);
    } catch (const std::overflow_error& error) {
      throw TooLarge(std::string("|D| is too large: ") + error.what());
    }
    if (N > 10)
      throw TooLarge("mat.feasibility enumerates all N! permutations; N = " + std::to_string(N) + " is beyond 10");
    const std::uint64_t profiles = count_opponent_profiles(e, -1, strategies, true);
    const unsigned long long outcomes =
        checked_product(profiles, checked_product(factorial(N), 1 + prices), "the number of allocations");
    check.context().say(std::to_string(profiles) + " demand profiles (one per orbit), " + std::to_string(outcomes) +
                        " allocations");
    guard_enumeration_size(check.context(), outcomes,
                           "mat.feasibility's enumeration of (profile, phi, p, rule) allocations");

    std::vector<DemandFunction> table;
    for (std::uint64_t s = 0; s < strategies; ++s) table.push_back(demand_function(e.grid, s));
    const OpponentProfiles all = opponent_profiles(e, -1, strategies, true);
    const auto failure = first_infeasible(e, table, all);

    check.text("rule2_supply", to_string(e.rule2_supply)).text("underline_n", to_string(e.underline_n));
    check.stat("profiles_covered", static_cast<long long>(all.covered))
        .stat("allocations_per_profile", static_cast<long long>(factorial(N) * (1 + prices)));
    if (!failure) {
      check.stat("profiles_evaluated", static_cast<long long>(profiles));
      return check.holds("all " + std::to_string(outcomes) + " allocations (" + std::to_string(profiles) +
                         " profiles up to relabelling x " + std::to_string(factorial(N)) + " permutations x " +
                         std::to_string(1 + prices) + " rule/price cases) satisfy (2), (3) and 0 <= x <= l");
    }
    // The search stops at a failure; which later profiles were still evaluated depends on the
    // threads, so only the failing profile's place in the (deterministic) order is reported.
    check.stat("profiles_in_search", static_cast<long long>(profiles))
        .stat("failing_profile_index", static_cast<long long>(failure->first + 1));
    const Infeasible& f = failure->second;
    check.witness(make_text("demand_profile", f.demands))
        .witness(make_text("phi", f.phi))
        .witness("rule", static_cast<long long>(f.rule));
    if (f.rule == 2) check.witness(make_text("p", e.grid.price_text(f.price)));
    if (!f.x.empty()) check.witness(make_text("x", f.x));
    return check.refuted("Rule " + std::to_string(f.rule) + ": " + f.why);
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Feasibility>(); }

}  // namespace mechcheck::proofs::mat_feasibility
