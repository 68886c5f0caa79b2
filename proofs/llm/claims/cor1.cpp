// llm.cor1 — Corollary 1 (Section 5.1): with F_i = F and k_i = k(omega) for all i, the holdings
// r* = (1/n, ..., 1/n) permit the spot market to operate in every state omega.
#include "llm/claims/common.hpp"
#include "llm/recheck/recheck.hpp"
#include "llm/model/forward_market.hpp"
#include "llm/claims/claims.hpp"
#include "llm/claims/forward.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::proofs {

using namespace mechcheck::llm;

std::optional<std::string> equal_holdings_failure(const std::vector<Algebraic>& r_star,
                                                  const std::vector<Algebraic>& worst_off_at_equal,
                                                  const Algebraic& surplus_at_equal) {
  const Algebraic share(Rational(1, static_cast<long>(r_star.size())));
  for (std::size_t i = 0; i < r_star.size(); ++i)
    if (r_star[i] != share)
      return "r*_" + std::to_string(i + 1) + " = " + r_star[i].to_string(12) + " != 1/" + std::to_string(r_star.size());
  for (std::size_t i = 1; i < worst_off_at_equal.size(); ++i)
    if (worst_off_at_equal[i] != worst_off_at_equal.front())
      return "holdings 1/n give distinct worst-off types: hat_1 = " + worst_off_at_equal.front().to_string(12) +
             ", hat_" + std::to_string(i + 1) + " = " + worst_off_at_equal[i].to_string(12);
  if (surplus_at_equal.sign() < 0)
    return "the expected surplus at holdings 1/n is negative: Pi_r = " + surplus_at_equal.to_string(12);
  return std::nullopt;
}

std::optional<std::string> cor1_failure_at(const Economy& e, const Rational& k) {
  const Economy ek = with_common_demand(e, k);
  const std::vector<Algebraic> equal(ek.size(), Algebraic(Rational(1, static_cast<long>(ek.size()))));
  return equal_holdings_failure(r_star(ek), worst_off_types(ek, equal), expected_surplus_eq11(ek, equal));
}

namespace {

using namespace llm_detail;

bool same_cdf(const PiecewisePolynomial& a, const PiecewisePolynomial& b) {
  const PiecewisePolynomial d = a - b;  // named: pieces() refers into it
  for (const auto& p : d.pieces())
    if (!p.is_zero()) return false;
  return true;
}

class Cor1 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "llm.cor1",
        "Corollary 1 (Section 5.1), a corollary to Propositions 1 and 2",
        "If F_i = F and k_i = k for all i, then r* = (1/n, ..., 1/n) for every common k, and these holdings "
        "permit the spot market to operate in every state omega (k = k(omega)).",
        {{"symmetric_agents", "F_i = F_1 and k_i = k_1 for every agent i", Necessity::counterexample,
          "cases/llm/llm.cor1-probe-drop-symmetric-agents-seed-1.toml"}},
        "Symmetry decided exactly (F_i - F_1 is the zero piecewise polynomial, k_i = k_1). For the case's k, "
        "every state's k(omega) of [llm.aggregate] and the sweep k = 1/n + j (1 - 1/n)/4, j = 1..4: r*(k) from "
        "Proposition 2 equals 1/n exactly, Lemma 1's worst-off types at holdings 1/n are common, and the "
        "expected surplus (eq. 11) at holdings 1/n is >= 0, all in exact algebraic arithmetic.",
        "llm",
        Arithmetic::exact};
    return i;
  }

  // Re-checked by separate code (recheck.cpp).
  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return llm_recheck::recheck_cor1(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    std::string asym;
    for (std::size_t i = 1; i < e.size() && asym.empty(); ++i) {
      if (!same_cdf(e.agents[i].cdf, e.agents[0].cdf)) asym = "F_" + std::to_string(i + 1) + " != F_1";
      else if (check.compare(e.agents[i].k, e.agents[0].k) != 0)
        asym =
            "k_" + std::to_string(i + 1) + " = " + to_string(e.agents[i].k) + " != k_1 = " + to_string(e.agents[0].k);
    }
    check.decided_in<Rational>();  // same_cdf compares rational coefficients
    check.hypothesis("symmetric_agents", asym.empty(), asym);
    if (!check.hypotheses_met()) {
      // Show that the hypothesis matters: r* of the case itself.
      const auto r = r_star(e);
      value_indexed(check, "r_star", r);
      return check.unmet("here r* = " + list(r));
    }

    // The k values: the case's (for an asymmetric-k case the hypothesis failed already), the
    // states', and a sweep over (1/n, 1].
    const Rational n(static_cast<long>(e.size()));
    std::vector<std::pair<std::string, Rational>> ks;
    ks.emplace_back("case k", e.agents[0].k);
    if (e.aggregate)
      for (std::size_t s = 0; s < e.aggregate->size(); ++s)
        ks.emplace_back("state " + std::to_string(s + 1) + " k(omega)", (*e.aggregate)[s].k);
    for (long j = 1; j <= 4; ++j) ks.emplace_back("sweep k", 1 / n + Rational(j, 4) * (1 - 1 / n));
    long long checked = 0;
    for (std::size_t j = 0; j < ks.size(); ++j) {
      const auto& [label, k] = ks[j];
      if (j < 1 + (e.aggregate ? e.aggregate->size() : 0))
        check.value(label == "case k" ? "k" : "k_state_" + std::to_string(j), k);
      const auto failure = cor1_failure_at(e, k);
      check.decided_in<Algebraic>();  // r*, the worst-off types and Pi_r are compared exactly
      if (failure) {
        check.witness("k", k);
        return check.refuted(label + " = " + to_string(k) + ": " + *failure);
      }
      ++checked;
      check.context().report(static_cast<double>(j + 1) / static_cast<double>(ks.size()));
    }
    const Economy ek = with_common_demand(e, e.agents[0].k);
    check.value("hat_theta", common_worst_off_type(ek)).value("r_star_i", Rational(1) / n);
    check.stat("k_values_checked", checked);
    return check.holds("r*(k) = (1/" + std::to_string(e.size()) +
                       ", ...) with a common worst-off type and Pi_r >= 0 for " + std::to_string(checked) +
                       " values of k" + (e.aggregate ? " (including every state's k(omega))" : ""));
  }
};

}  // namespace

std::unique_ptr<Claim> make_llm_cor1() { return std::make_unique<Cor1>(); }

}  // namespace mechcheck::proofs
