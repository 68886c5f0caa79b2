// vickrey.revenue_equivalence — Vickrey (1961), revenue equivalence of the first-price and the
// second-price auction: with independent private values drawn from one distribution and
// risk-neutral bidders, the first-price auction in its symmetric equilibrium and the second-price
// auction with truthful bids raise the same expected revenue. The worked example of
// docs/adding-a-paper.md.
#include "vickrey/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "vickrey/model/auction.hpp"
#include "vickrey/recheck/recheck.hpp"

namespace mechcheck::vickrey {

namespace {

// The first-price bids are a symmetric equilibrium on the grid: no value v gains by bidding as a
// value w would, for every v, w in {0, 1/grid, ..., 1}. A bid above b(1) wins for sure and pays
// more than b(1) does, so w = 1 covers those. Empty when it holds, else the first gain found.
std::string first_gain_on_grid(const Economy& e, long long& comparisons) {
  for (int i = 0; i <= e.grid; ++i) {
    const Rational v(i, e.grid);
    const Rational truthful = first_price_payoff(e, v, v);
    for (int j = 0; j <= e.grid; ++j) {
      const Rational w(j, e.grid);
      ++comparisons;
      if (first_price_payoff(e, v, w) > truthful)
        return "a bidder of value " + to_string(v) + " gains by bidding b(" + to_string(w) +
               ") = " + to_string(first_price_bid_slope(e) * w) + " instead of b(v)";
    }
  }
  return "";
}

class RevenueEquivalence : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "vickrey.revenue_equivalence",
        "Section III and Appendix III (revenue of the first-price and the second-price auction)",
        "With n risk-neutral bidders whose values are independent with one distribution F, the first-price "
        "auction in its symmetric equilibrium and the second-price auction with truthful bids have the same "
        "expected revenue (here F(v) = v^a on [0, 1]).",
        {{"bids_in_equilibrium",
          "the first-price bids b(v) = s v form a symmetric equilibrium (checked on the case's grid of values and "
          "bids)",
          Necessity::counterexample, "cases/vickrey/truthful-first-price.toml"},
         {"one_distribution", "every bidder's value has the same distribution F", Necessity::vacuous,
          "the model has one distribution for every bidder, so it cannot fail here"}},
        "Expected revenues as exact rationals by integrating polynomials: the first-price revenue as "
        "integral_0^1 b(v) dF^n(v), the second-price revenue as integral_0^1 (1 - H(v)) dv with H the "
        "distribution of the second-highest value; the bids' equilibrium property checked exactly on a grid; a "
        "refutation is re-checked against the closed forms s n a/(n a + 1) and n (n - 1) a^2 / ((n a + 1) "
        "((n - 1) a + 1)).",
        "vickrey",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_revenue_equivalence(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    long long comparisons = 0;
    const std::string gain = first_gain_on_grid(e, comparisons);
    check.decided_in<Rational>();  // first_gain_on_grid compares exact payoffs
    check.hypothesis("bids_in_equilibrium", gain.empty(), gain.empty() ? "no gain on the grid" : gain);
    check.hypothesis("one_distribution", true, "one F for every bidder");
    if (!check.hypotheses_met()) return check.unmet();

    const Rational first = first_price_revenue(e), second = second_price_revenue(e);
    check.value("bid_slope", first_price_bid_slope(e))
        .value("first_price_revenue", first)
        .value("second_price_revenue", second)
        .stat("best_response_comparisons", comparisons);
    if (check.compare(first, second) == 0)
      return check.holds("both auctions raise " + to_string(first) + " in expectation (exact)");
    check.witness("bidders", static_cast<long long>(e.bidders))
        .witness("power", static_cast<long long>(e.power))
        .witness("bid_slope", first_price_bid_slope(e));
    return check.refuted("the first-price auction raises " + to_string(first) + " and the second-price auction " +
                         to_string(second) + " (exact)");
  }
};

}  // namespace

std::unique_ptr<Claim> make_revenue_equivalence() { return std::make_unique<RevenueEquivalence>(); }

}  // namespace mechcheck::vickrey
