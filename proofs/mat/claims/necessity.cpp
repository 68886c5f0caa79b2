// mat.necessity — Theorem 1's two hypotheses matter: with epsilon = 0, or with each group priced
// at its OWN clearing price, some demand function that is not price-taking survives (is
// undominated). Checked by the same brute force as mat.theorem1 on an instance that violates
// at least one of them.
#include "mat/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mat/recheck/recheck.hpp"

#include <algorithm>

namespace mechcheck::proofs::mat_necessity {

using namespace mechcheck::mat;

namespace {

class Necessity : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.necessity",
        "Theorem 1's hypotheses: epsilon > 0 (Rationing Rule 2) and pricing each group from outside it (Section 3)",
        "Without epsilon > 0, or when a group trades at its own clearing price, non-price-taking demand functions "
        "survive: M*_i is not contained in D*_i.",
        {{"theorem1_hypothesis_dropped",
          "the instance violates epsilon_positive (epsilon = 0) or outside_group_price (trading_price = own_group)",
          mechcheck::Necessity::counterexample, "cases/mat/necessity-hypotheses-hold.toml"}},
        "mat.theorem1's brute force (exact expected utilities from G*'s lottery over every permutation, price and "
        "rule; strict dominance over all opponents' profiles) on the instance; holds when some checked trader has an "
        "undominated demand function outside D*_i, with the re-checkable certificate (for every other demand "
        "function, an opponents' profile where it is not strictly better). Refuted when M*_i = D*_i after all.",
        "mat",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return mat_recheck::recheck_necessity(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const bool eps_zero = check.sign(e.epsilon) == 0, own = e.trading_price == TradingPrice::own_group;
    check.hypothesis("theorem1_hypothesis_dropped", eps_zero || own,
                     "epsilon = " + to_string(e.epsilon) + ", trading_price = " + to_string(e.trading_price));
    if (!check.hypotheses_met()) return check.unmet();

    const auto all = mat_theorem1::dominance_by_trader(e, check.context());
    // M*_i: strict dominance decided on exact expected utilities; D*_i: exact argmax of u_i.
    check.decided_in<Rational>();
    mat_theorem1::report_dominance(e, all, check);
    // The first checked trader with an undominated demand function outside D*_i.
    const mat_theorem1::TraderDominance* first = nullptr;
    std::size_t first_extra = 0;
    for (const auto& d : all) {
      const auto extra = mat_theorem1::surviving_not_price_taking(d);
      check.value("surviving_not_price_taking_trader_" + std::to_string(d.trader + 1),
                  static_cast<long long>(extra.size()));
      if (!extra.empty() && !first) {
        first = &d;
        first_extra = extra.front();
      }
    }
    const std::string dropped = !eps_zero && !own
                                    ? "both of Theorem 1's hypotheses met"
                                    : std::string(eps_zero ? "epsilon = 0" : "") + (eps_zero && own ? " and " : "") +
                                          (own ? "own-group pricing" : "");
    if (first) {
      mat_theorem1::record_survivor(e, *first, first_extra, check);
      return check.holds("with " + dropped + ", trader " + std::to_string(first->trader + 1) +
                         " keeps a non-price-taking undominated demand function: " +
                         mat_theorem1::survivor_text(e, *first, first_extra));
    }
    // The re-checkable certificate: every demand function outside D*_i with a pure strategy
    // that strictly dominates it (each exists: M*_i lies within D*_i).
    for (const auto& d : all) {
      std::string dominated;
      for (std::size_t s = 0; s < d.strategies; ++s) {
        if (std::binary_search(d.price_taking.begin(), d.price_taking.end(), s)) continue;
        dominated += (dominated.empty() ? "" : "; ") + demand_text(e.grid, d.demand_functions[s]) + " by " +
                     demand_text(e.grid, d.demand_functions[d.dominator[s].value()]);
      }
      check.witness(make_text("dominated_trader_" + std::to_string(d.trader + 1), dominated));
    }
    return check.refuted("with " + dropped + " no non-price-taking demand function survives here (M*_i within D*_i): " +
                         mat_theorem1::comparison_summary(e, all, mat_theorem1::first_mismatch(all)));
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Necessity>(); }

}  // namespace mechcheck::proofs::mat_necessity
