// hw.slides_lemma — the slides' formulation of Hu & Wallace (slides 6-15), its own documented
// variant: the Lemma of slide 15 (d q_x*/d b_x > 0 and d q_x'*/d b_x < 0 at b = 0), checked
// exactly on the continuum economy with u(q; x, z) = c_{xz} ln q + y, and beside it whether the
// slides' first stage (demand q at the state's CE price, slide 10) and the paper's (trade at the
// fixed p1 = rbar/qbar, eq. (1)) are fully revealing on the same economy. proofs/hw/docs/slides.md.
#include "hw/model/slides.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include <set>

namespace mechcheck::proofs::hw_slides {

namespace {

bool pairwise_distinct(const std::vector<Rational>& v) {
  return std::set<Rational>(v.begin(), v.end()).size() == v.size();
}

// Slide 6: u' increases in x and in z, i.e. c_{xz} is nondecreasing in x and in z (in the order
// the case lists types and states); empty when it is, else the first place it decreases.
std::string first_decrease(const hw::Economy& e) {
  const hw::Information& info = *e.info;
  const auto& c = e.slides_log_weight;
  for (std::size_t x = 0; x < info.type_count(); ++x)
    for (std::size_t z = 0; z < info.state_count(); ++z)
      if ((x + 1 < info.type_count() && c[x + 1][z] < c[x][z]) || (z + 1 < info.state_count() && c[x][z + 1] < c[x][z]))
        return "c_{xz} decreases after (" + info.types[x] + ", " + info.states[z] + ")";
  return "";
}

class SlidesLemma : public Checker<hw::Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.slides_lemma",
        "Companion slides (two-stage Cournot market), slides 6-15: the environment, the first-stage problem (slide "
        "10), the CE with z known (slide 11), the Lemma "
        "of the genericity argument (slide 15)",
        "With the first-stage problem max_q sum_z P(z|x)[u(q; x, z) + p(z)(a - q)] at CE prices and u perturbed by w "
        "with w'(q) = b_x: for sufficiently small eps_y, d q_x*/d b_x > 0 and d q_x'*/d b_x < 0 for x' != x.",
        {{"informative", "z != z' implies mu(x|z) != mu(x|z') for some x (slide 6)", Necessity::open,
          "not found, and none exists when every mu_z(x) > 0: at b = 0, d p_z/d b_x = mu_z(x) c_xz / (sum_y mu_z(y) "
          "c_yz + "
          "eps_y/(1 - eta)) lies in (0, 1), so d q_x*/d b_x > 0 and d q_x'*/d b_x < 0 whatever mu is (the slides use "
          "informativeness for full revelation, not for the Lemma). Searched: cases/hw/slides-common-tastes.toml made "
          "uninformative, with the drop: holds. (With mu_z(x) = 0 the Lemma fails with both hypotheses met: "
          "cases/hw/slides-revealing-types.toml)"},
         {"increasing_marginal_utility",
          "u' increases in both x and z (slide 6): c_{xz} nondecreasing in x and in z, "
          "in the order the case lists types and states",
          Necessity::open,
          "not found, and none exists when every mu_z(x) > 0: the signs above do not use the order of c_xz. Searched: "
          "cases/hw/slides-decreasing-utility.toml with the drop: holds"}},
        "Exact, in the continuum, for u(q; x, z) = c_{xz} ln q. CE prices from slide 11 (p_z = (sum_x mu_z(x) c_{xz} + "
        "eps_y/(1 - eta)) / (a + eps_a/(1 - eta)); the clearing condition re-checked with the demands c/p); the "
        "first-stage demand q(x) = E_tau[c]/E_tau[p] (slide 10's first-order condition); with the perturbed demand "
        "c/(p - b_x), d p_z/d b_x by implicit differentiation of the clearing condition, and d q_x'*/d b_x from the "
        "perturbed first-order condition, at b = 0. Holds when every sign is as the Lemma says. Reported beside it: "
        "whether q(x) are pairwise distinct (fully revealing, slide 12) and whether the paper's stage 1 on the same "
        "economy (fixed p1 = rbar/qbar, q = E_tau[c]/p1 clipped to 2 qbar) separates.",
        "hw",
        Arithmetic::exact};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.slides_lemma");
    if (e.slides_log_weight.empty())
      c.fail({"hw", "slides", "log_weight"},
             "hw.slides_lemma needs [hw.slides] log_weight, the c_{xz} of u = c ln q + y (slide 6)");
    if (!e.eta) c.fail({"hw", "eta"}, "hw.slides_lemma needs eta, the inactive fraction (slide 8)");
  }

  std::optional<Recheck> recheck_outcome(const hw::Economy& e, const Outcome& outcome) const override {
    if (outcome.verdict != Verdict::refuted) return std::nullopt;
    return hw_recheck::slides(e, outcome);
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Information& info = *e.info;
    hw_common::record_assumptions(check, e, {"informative"});
    const std::string decrease = first_decrease(e);
    check.decided_in<Rational>();  // c_{xz} compared exactly
    check.hypothesis("increasing_marginal_utility", decrease.empty(),
                     decrease.empty() ? "c_{xz} is nondecreasing in x and in z" : decrease);
    if (!check.hypotheses_met()) return check.unmet();

    const hw::SlidesStage1 s = hw::slides_stage1(e);
    for (std::size_t z = 0; z < info.state_count(); ++z) {
      if (s.clearing_gap[z] != 0)
        throw std::logic_error("hw.slides_lemma: the CE prices do not clear slide 11's market in state " +
                               info.states[z]);
      check.value("p_ce(" + info.states[z] + ")", s.price[z]);
    }
    for (std::size_t x = 0; x < info.type_count(); ++x) {
      check.value("q_slides(" + info.types[x] + ")", s.demand[x]);
      check.value("q_paper(" + info.types[x] + ")", s.paper_demand[x]);
    }
    // The Lemma (slide 15): at b = 0, d q_x*/d b_x > 0 and d q_x'*/d b_x < 0 for x' != x.
    std::string wrong;
    for (std::size_t xp = 0; xp < info.type_count(); ++xp)
      for (std::size_t x = 0; x < info.type_count(); ++x) {
        const Rational& d = s.demand_response[xp][x];
        check.value("dq(" + info.types[xp] + ")/db(" + info.types[x] + ")", d);
        const int sign = check.sign(d);
        const bool as_stated = xp == x ? sign > 0 : sign < 0;
        if (!as_stated && wrong.empty())
          wrong = "dq(" + info.types[xp] + ")/db(" + info.types[x] + ") = " + to_string(d) +
                  (xp == x ? " is not > 0" : " is not < 0");
      }
    // Beside it: whether the slides' first stage and the paper's reveal the types on this economy.
    const bool revealing_slides = pairwise_distinct(s.demand), separating_paper = pairwise_distinct(s.paper_demand);
    check.text("fully_revealing_slides", revealing_slides ? "yes" : "no");
    check.text("separating_paper", separating_paper ? "yes" : "no");
    const std::string comparison =
        std::string(" First stage: the slides' demands q(x) = E[c]/E[p] are ") +
        (revealing_slides ? "pairwise distinct (fully revealing)" : "NOT pairwise distinct (not fully revealing)") +
        "; the paper's stage 1 at the fixed p1 on the same economy " +
        (separating_paper ? "separates" : "does not separate") +
        (revealing_slides != separating_paper ? ": the two formulations differ here." : ".");
    if (!wrong.empty()) {
      check.witness(make_text("derivative", wrong));
      return check.refuted("the Lemma's sign fails at b = 0: " + wrong + "." + comparison);
    }
    return check.holds(
        "at b = 0 every d q_x*/d b_x > 0 and every d q_x'*/d b_x < 0 (x' != x), exactly, with CE prices "
        "that clear slide 11's market." +
        comparison);
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<SlidesLemma>(); }

}  // namespace mechcheck::proofs::hw_slides
