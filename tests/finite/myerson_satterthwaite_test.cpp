// finite.myerson_satterthwaite: the theorem on uniform grids against the discrete virtual-surplus
// formula (impossible exactly when the least subsidy is positive), each hypothesis's committed
// counterexample, and seeded bugs in the certificate and in the mechanism that the re-check must
// reject.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

namespace {

const Claim& ms_claim() { return mechcheck::testing::builtin_claim("finite.myerson_satterthwaite"); }

Outcome check_with(const Case& c, std::set<std::string> dropped = {}) {
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  return ms_claim().check(c, context);
}

bool recheck_passes(const Case& c, const Outcome& out) {
  const auto r = ms_claim().recheck(c, out);
  return r && r->passed;
}

void add_one(Outcome& out, const std::string& prefix) {
  for (Value& v : out.witness)
    if (v.name.rfind(prefix, 0) == 0) {
      v.text = to_string(*parse_rational(v.text) + 1);
      return;
    }
  BOOST_FAIL("no witness entry " + prefix);
}

Case uniform_grid(int kb, int ks) {
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-ms-test");
  return builtin_papers().load_case(s.write(
      "grid.toml",
      "[case]\nname = \"grid\"\nmodel = \"finite\"\n\n" + uniform_trade_grid(kb, ks, "budget_balance = \"strong\"\n")));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(finite_myerson_satterthwaite)

// With independent types, exact budget balance is possible exactly when the least expected subsidy
// is <= 0 (an ex ante surplus can be spread to balance every profile, as in AGV); so the theorem
// holds on the grid exactly when that subsidy is positive.
BOOST_AUTO_TEST_CASE(holds_exactly_where_the_least_subsidy_is_positive) {
  const std::pair<int, int> grids[] = {{2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 4}, {4, 6}, {6, 3}, {3, 6}};
  int impossible = 0;
  for (const auto& [kb, ks] : grids) {
    const Case c = uniform_grid(kb, ks);
    const Outcome out = check_with(c);
    const bool positive = virtual_surplus_subsidy(kb, ks) > 0;
    BOOST_TEST((out.verdict == (positive ? Verdict::holds : Verdict::refuted)), kb << " x " << ks);
    BOOST_TEST(recheck_passes(c, out), kb << " x " << ks);
    impossible += positive;
  }
  BOOST_TEST(impossible == 1);  // 6 x 4 (1/12); 6 x 3 trades at every b > s without a subsidy
}

BOOST_AUTO_TEST_CASE(six_by_six_is_proved_and_a_wrong_certificate_is_rejected) {
  const Case c = committed("myerson-satterthwaite-6x6.toml");
  Outcome out = check_with(c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(recheck_passes(c, out));
  add_one(out, "multiplier.bic.");
  BOOST_TEST(!recheck_passes(c, out));
}

BOOST_AUTO_TEST_CASE(five_by_five_refutes_it_and_a_wrong_mechanism_is_rejected) {
  const Case c = committed("myerson-satterthwaite-5x5-possible.toml");
  Outcome out = check_with(c);
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(recheck_passes(c, out));
  add_one(out, "payment.");  // breaks budget balance at that profile
  BOOST_TEST(!recheck_passes(c, out));
}

BOOST_AUTO_TEST_CASE(every_hypothesis_has_its_counterexample) {
  for (const Hypothesis& h : ms_claim().info().hypotheses) {
    BOOST_REQUIRE(h.necessity == Necessity::counterexample);
    const Case c = builtin_papers().load_case(h.evidence);
    const Outcome unmet_or_holds = check_with(c);
    const Outcome dropped = check_with(c, {h.name});
    BOOST_TEST((dropped.verdict == Verdict::refuted), h.name);
    BOOST_TEST(recheck_passes(c, dropped), h.name);
    // Without the drop: the instance hypotheses fail where they are shown necessary, and the
    // mechanism hypotheses make the 6 x 6 grid impossible again.
    const bool instance = h.name == "overlapping_supports" || h.name == "independent_prior";
    BOOST_TEST((unmet_or_holds.verdict == (instance ? Verdict::hypotheses_unmet : Verdict::holds)), h.name);
  }
}

BOOST_AUTO_TEST_CASE(needs_bilateral_trade) {
  BOOST_CHECK_THROW(ms_claim().validate(committed("second-price-two-bidders.toml")), InputError);
}

BOOST_AUTO_TEST_SUITE_END()
