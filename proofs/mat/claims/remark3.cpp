// mat.remark3 — Remark 3 (Section 3): with many groups, each trading at a price that clears the
// announcements of all traders OUTSIDE the group, undominated strategies are still exactly the
// price-taking ones, and the groups' prices are nearly equal (the law of one price, nearly).
#include "mat/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mat/recheck/recheck.hpp"

#include <numeric>

namespace mechcheck::proofs::mat_remark3 {

using namespace mechcheck::mat;

namespace {

struct Spread {
  Rational max, mean;  // over all permutations, of max_h (max_beta q_beta(h) - min_beta q_beta(h))
};

// The groups' Rule-1 prices when every trader announces her first price-taking demand function.
Spread price_spread(const Economy& e, TradingPrice pricing) {
  Economy variant = e;
  variant.trading_price = pricing;
  const int N = e.trader_count();
  std::vector<DemandFunction> chosen(N);
  Profile profile(N);
  for (int i = 0; i < N; ++i) {
    for (auto& bundles : e.price_taking_bundles(i)) chosen[i].push_back(bundles.front());
    profile[i] = &chosen[i];
  }
  std::vector<int> order(N);
  std::iota(order.begin(), order.end(), 0);
  Spread s;
  Rational total = 0;
  std::uint64_t count = 0;
  do {
    int widest = 0;
    for (int h = 0; h < e.grid.goods; ++h) {
      int lo = e.grid.price_grid, hi = 0;
      for (int beta = 0; beta < e.groups; ++beta) {
        const int q = e.grid.price_numerator(group_trading_price(variant, order, beta, profile), h);
        lo = std::min(lo, q);
        hi = std::max(hi, q);
      }
      widest = std::max(widest, hi - lo);
    }
    const Rational spread(widest, e.grid.price_grid);
    if (spread > s.max) s.max = spread;
    total += spread;
    ++count;
  } while (std::next_permutation(order.begin(), order.end()));
  s.mean = total / Rational(count);
  return s;
}

class Remark3 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.remark3",
        "Remark 3 (Section 3)",
        "Dividing the traders into many groups, each trading at a price that practically clears the announcements of "
        "the traders outside the group, keeps price-taking behaviour exactly the undominated behaviour (M*_i = D*_i), "
        "and the trading prices are nearly identical across groups.",
        {{"epsilon_positive", "epsilon > 0", Necessity::counterexample, "cases/mat/remark3-drop-epsilon-positive.toml"},
         {"outside_group_price", "trading_price = outside_group: each group's price is p-hat of all traders outside it",
          Necessity::counterexample, "cases/mat/remark3-drop-outside-group-price.toml"},
         {"many_groups",
          "r >= 3 groups (\"a sufficiently large number of groups\"; with r = 2 the outside of a group "
          "is the other group, which is G* itself)",
          Necessity::scope,
          "with r = 2 the outside of a group is the other group, so the mechanism is G* and M*_i = D*_i is Theorem 1's "
          "conclusion (mat.theorem1; cases/mat/remark3-two-groups.toml holds with many_groups dropped): the hypothesis "
          "places the claim in Remark 3's many-group setting, where its price-spread statement is meant, and is not "
          "needed for the dominance conclusion"}},
        "mat.theorem1's brute force (exact expected utilities over every permutation, price and rule; strict "
        "dominance over every opponents' profile up to the proven orbit reduction) with Rule 1's price taken from "
        "outside each group; then, with every trader announcing a price-taking demand function, the spread of the "
        "groups' prices over all permutations, exactly, beside the spread under the precedent-group pricing of "
        "G**/G* on the same traders. The dominance part decides the verdict; the spreads are reported (\"nearly "
        "equal\" is a large-economy statement).",
        "mat",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return mat_recheck::recheck_price_taking_comparison(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    check.hypothesis("epsilon_positive", check.sign(e.epsilon) > 0, "epsilon = " + to_string(e.epsilon));
    check.hypothesis("outside_group_price", e.trading_price == TradingPrice::outside_group,
                     std::string("trading_price = ") + to_string(e.trading_price));
    check.hypothesis("many_groups", e.groups >= 3, "r = " + std::to_string(e.groups));
    if (!check.hypotheses_met()) return check.unmet();
    if (e.trader_count() > 10)
      throw TooLarge("mat.remark3 enumerates all N! permutations; N = " + std::to_string(e.trader_count()) +
                     " is beyond 10");

    // The dominance part decides the verdict, as in mat.theorem1.
    const auto all = mat_theorem1::dominance_by_trader(e, check.context());
    // M*_i: strict dominance decided on exact expected utilities; D*_i: exact argmax of u_i.
    check.decided_in<Rational>();
    mat_theorem1::report_dominance(e, all, check);
    const auto mismatch = mat_theorem1::first_mismatch(all);
    // The spreads are reported beside it ("nearly equal" is a large-economy statement).
    const Spread outside = price_spread(e, TradingPrice::outside_group);
    const Spread precedent = price_spread(e, TradingPrice::other_group);
    check.value("max_price_spread", outside.max)
        .value("mean_price_spread", outside.mean)
        .value("max_price_spread_precedent_group", precedent.max)
        .value("mean_price_spread_precedent_group", precedent.mean);
    const std::string summary = mat_theorem1::comparison_summary(e, all, mismatch) +
                                "; with price-taking announcements the groups' prices differ by at most " +
                                to_string(outside.max) + " (mean " + to_string(outside.mean) + ") against " +
                                to_string(precedent.max) + " (mean " + to_string(precedent.mean) +
                                ") when each group takes the precedent group's price";
    if (!mismatch) return check.holds(summary);
    mat_theorem1::record_mismatch(e, all[mismatch->trader], *mismatch, check);
    return check.refuted(summary);
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Remark3>(); }

}  // namespace mechcheck::proofs::mat_remark3
