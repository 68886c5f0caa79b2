// bk.auctions_vs_negotiations — Bulow & Klemperer (1996), Theorem 1: with values independent and
// identically distributed from a regular distribution, a second-price (English) auction with
// n + 1 bidders and no reserve raises at least as much expected revenue as the optimal mechanism
// with n bidders. For values uniform on [0, 1] the optimal mechanism is the second-price auction
// with the best reserve price (Myerson 1981), so the checker compares with the best reserve:
// max over r in [0, 1] of R_n(r), found exactly at the roots of R_n' and the interval's ends.
#include "bk/claims/claims.hpp"
#include "bk/model/auction.hpp"
#include "bk/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/algebraic.hpp"

namespace bk {

using namespace mechcheck;

namespace {

struct BestReserve {
  Algebraic reserve, revenue;
};

// The reserve that maximizes R on [0, 1]: among the roots of R' inside and the two ends, the
// first with the largest R. `compare` decides each comparison (and records its arithmetic).
template <class Compare>
BestReserve best_reserve(const RationalPolynomial& R, Compare compare) {
  std::vector<Algebraic> candidates{Algebraic(Rational(0))};
  for (const Algebraic& r : R.derivative().real_roots(Rational(0), Rational(1))) candidates.push_back(r);
  candidates.push_back(Algebraic(Rational(1)));
  BestReserve best{candidates.front(), R(candidates.front())};
  for (const Algebraic& r : candidates)
    if (const Algebraic revenue = R(r); compare(revenue, best.revenue) > 0) best = {r, revenue};
  return best;
}

class AuctionsVersusNegotiations : public Checker<Auction> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "bk.auctions_vs_negotiations",
        "Theorem 1 (an auction with one more bidder beats the optimal mechanism)",
        "With values independent and uniform on [0, 1], the second-price auction with n + 1 bidders and no reserve "
        "raises at least the expected revenue of the second-price auction with n bidders and any reserve price.",
        {{"one_more_bidder", "the auction without a reserve has at least one bidder more than the optimal one",
          Necessity::counterexample, "cases/bk/no-extra-bidder.toml"}},
        "Expected revenues as exact polynomials in the reserve r, from the auction's rule (sold at max(r, second "
        "value) when the highest value is at least r); the best reserve at the exact roots of R_n'(r) in [0, 1] "
        "and the ends; an exact comparison. A refutation is re-checked with Myerson's revenue formula "
        "n integral_r^1 (2v - 1) v^(n-1) dv.",
        "bk",
        Arithmetic::exact};
    return i;
  }

  Outcome check_instance(const Auction& a, Check& check) const override {
    check.hypothesis("one_more_bidder", a.extra_bidders >= 1, std::to_string(a.extra_bidders) + " extra bidder(s)");
    if (!check.hypotheses_met()) return check.unmet();

    const int n = a.bidders, more = a.bidders + a.extra_bidders;
    const auto compare = [&](const Algebraic& x, const Algebraic& y) { return check.compare(x, y); };
    const BestReserve optimal = best_reserve(revenue_by_reserve(n), compare);
    const Algebraic without_reserve(revenue_by_reserve(more)(Rational(0)));
    check.value("best_reserve", optimal.reserve)
        .value("optimal_revenue", optimal.revenue)
        .value("revenue_without_reserve", without_reserve);
    if (check.compare(without_reserve, optimal.revenue) >= 0)
      return check.holds(std::to_string(more) + " bidders without a reserve raise " + without_reserve.to_string(12) +
                         ", at least the " + optimal.revenue.to_string(12) + " of " + std::to_string(n) +
                         " bidders with the best reserve (exact)");
    check.witness("bidders", static_cast<long long>(n))
        .witness("bidders_without_reserve", static_cast<long long>(more))
        .witness("reserve", optimal.reserve);
    return check.refuted(std::to_string(n) + " bidders with reserve " + optimal.reserve.to_string(12) + " raise " +
                         optimal.revenue.to_string(12) + ", more than the " + without_reserve.to_string(12) + " of " +
                         std::to_string(more) + " bidders without one (exact)");
  }

  std::optional<Recheck> recheck_outcome(const Auction&, const Outcome& outcome) const override {
    return recheck_auctions_vs_negotiations(outcome);
  }
};

}  // namespace

std::unique_ptr<Claim> make_auctions_vs_negotiations() { return std::make_unique<AuctionsVersusNegotiations>(); }

}  // namespace bk
