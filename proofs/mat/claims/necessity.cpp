// mat.necessity — Theorem 1's two hypotheses matter: with epsilon = 0, or with each group priced
// at its OWN clearing price, some demand function that is not price-taking survives (is
// undominated). Checked by the same brute force as mat.theorem1 on an instance that violates
// at least one of them.
#include "mat/claims/claims.hpp"
#include "mat/recheck/recheck.hpp"

#include <algorithm>

namespace mechcheck::proofs::mat_necessity {

using namespace mechcheck::mat;

namespace {

class Necessity : public Claim {
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

  std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const override {
    return mat_recheck::recheck_necessity(c, outcome);
  }

  Outcome check(const Case& c, const CheckContext& context) const override {
    const Economy& e = c.model_data<Economy>();
    HypothesisLedger ledger(context);
    const bool eps_zero = e.epsilon == 0, own = e.trading_price == TradingPrice::own_group;
    ledger.record("theorem1_hypothesis_dropped", eps_zero || own,
                  "epsilon = " + to_string(e.epsilon) + ", trading_price = " + to_string(e.trading_price));
    if (auto unmet = ledger.unmet_outcome(Arithmetic::exact)) return *unmet;

    std::vector<mat_theorem1::TraderDominance> details;
    Outcome theorem = mat_theorem1::compare_with_price_taking(e, context, &details);
    Outcome out = theorem;
    out.witness.clear();
    const auto& all = details;
    const mat_theorem1::TraderDominance* first = nullptr;
    std::size_t first_extra = 0;
    for (auto& d : all) {
      std::vector<std::size_t> extra;
      std::set_difference(d.undominated.begin(), d.undominated.end(), d.price_taking.begin(), d.price_taking.end(),
                          std::back_inserter(extra));
      out.value(make_value("surviving_not_price_taking_trader_" + std::to_string(d.trader + 1),
                           static_cast<long long>(extra.size())));
      if (!extra.empty() && !first) {
        first = &d;
        first_extra = extra.front();
      }
    }
    const std::string dropped = !eps_zero && !own ? "both of Theorem 1's hypotheses met"
                                : std::string(eps_zero ? "epsilon = 0" : "") + (eps_zero && own ? " and " : "") +
                                      (own ? "own-group pricing" : "");
    if (first) {
      out.verdict = Verdict::holds;
      mat_theorem1::describe_survivor(e, *first, first_extra, out);
      out.summary = "with " + dropped + ", trader " + std::to_string(first->trader + 1) +
                    " keeps a non-price-taking undominated demand function: " + out.summary;
    } else {
      out.verdict = Verdict::refuted;
      // The re-checkable certificate: every demand function outside D*_i with a pure strategy
      // that strictly dominates it (each exists: M*_i lies within D*_i).
      for (const auto& d : all) {
        std::string dominated;
        for (std::size_t s = 0; s < d.strategies; ++s) {
          if (std::binary_search(d.price_taking.begin(), d.price_taking.end(), s)) continue;
          dominated += (dominated.empty() ? "" : "; ") + demand_text(e.grid, d.demand_functions[s]) + " by " +
                       demand_text(e.grid, d.demand_functions[d.dominator[s].value()]);
        }
        out.witness.push_back(make_text("dominated_trader_" + std::to_string(d.trader + 1), dominated));
      }
      out.summary = "with " + dropped + " no non-price-taking demand function survives here (M*_i within D*_i): " +
                    theorem.summary;
    }
    ledger.annotate(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Necessity>(); }

}  // namespace mechcheck::proofs::mat_necessity
