// llm.prop7 — Proposition 7: with strength-ordered agents (5), r*_i >= r*_j whenever i < j.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::proofs {
namespace {

using namespace mechcheck::llm;
using namespace llm_detail;

class Prop7 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.prop7",
        "Proposition 7 (Section 5.2), condition (5); proof in Appendix A.6",
        "With strength-ordered agents (F_i <= F_{i+1} pointwise and k_i >= k_{i+1}), r*_i >= r*_j for all i < j.",
        {{"strength_ordered_distributions", "F_i(t) <= F_{i+1}(t) for every t in [lo, hi] and every i (5)",
          Necessity::counterexample, "cases/llm/llm.prop7-probe-drop-strength-ordered-distributions-seed-1.toml"},
         {"strength_ordered_demands", "k_i >= k_{i+1} for every i (5)", Necessity::counterexample,
          "cases/llm/llm.prop7-probe-drop-strength-ordered-demands-seed-1.toml"}},
        "Both parts of (5) decided exactly: F_{i+1} - F_i is a piecewise polynomial, checked nonnegative on "
        "every piece by isolating its roots and testing one rational point per gap (a failing t is reported). "
        "Then r* from Proposition 2 in exact algebraic arithmetic and the chain r*_1 >= r*_2 >= ... >= r*_n.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_prop7(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    // (5), both halves, for consecutive agents (the order is transitive).
    std::string distribution_detail, demand_detail;
    for (std::size_t i = 0; i + 1 < e.size() && distribution_detail.empty(); ++i)
      if (auto t = (e.agents[i + 1].cdf - e.agents[i].cdf).negative_point())
        distribution_detail = "F_" + std::to_string(i + 1) + "(" + to_string(*t) + ") > F_" + std::to_string(i + 2) +
                              "(" + to_string(*t) + ")";
    for (std::size_t i = 0; i + 1 < e.size() && demand_detail.empty(); ++i)
      if (check.compare(e.agents[i].k, e.agents[i + 1].k) < 0)
        demand_detail = "k_" + std::to_string(i + 1) + " < k_" + std::to_string(i + 2);
    check.decided_in<Rational>();  // negative_point decides the sign of F_{i+1} - F_i at rational points
    check.hypothesis("strength_ordered_distributions", distribution_detail.empty(), distribution_detail);
    check.hypothesis("strength_ordered_demands", demand_detail.empty(), demand_detail);
    if (!check.hypotheses_met()) return check.unmet();

    const auto r = r_star(e);
    value_indexed(check, "r_star", r);
    check.value("hat_theta", common_worst_off_type(e));
    check.decided_in<Algebraic>();  // the chain is compared exactly
    for (std::size_t i = 0; i + 1 < e.size(); ++i)
      if (r[i] < r[i + 1]) {
        check.witness("i", static_cast<long long>(i + 1))
            .witness("r_star_i", r[i])
            .witness("r_star_i_plus_1", r[i + 1]);
        return check.refuted("r*_" + std::to_string(i + 1) + " = " + r[i].to_string(12) + " < r*_" +
                             std::to_string(i + 2) + " = " + r[i + 1].to_string(12));
      }
    return check.holds("r*_1 >= r*_2 >= ... >= r*_" + std::to_string(e.size()) + ": " + list(r));
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_prop7() { return std::make_unique<Prop7>(); }

}  // namespace mechcheck::proofs
