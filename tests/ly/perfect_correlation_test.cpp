// ly.perfect_correlation — "Perfectly correlated signals => allocational efficiency" (slides
// "Preview of results", "Information structures consistent with efficient trade", corollary
// "Perfect correlation"): with I = J and alpha_ij(v) = 0 for i != j, transfers exist that
// implement efficient trade for both players. Its tests: the constructed transfers' known values,
// a seeded bug in the construction (misreports unpunished), witnesses altered after the fact that
// its re-check must reject, and a rejected witness turning the verdict into an error. (Its
// hypotheses: all_claims_test, which drops perfect_correlation and interior_posteriors on their
// committed counterexamples and checks that perfect_correlation is decided exactly.)
#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>

using namespace mechcheck;
using namespace mechcheck::ly;
using namespace mechcheck::ly_tests;

BOOST_AUTO_TEST_SUITE(ly_perfect_correlation)

// ---- known answers ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(perfect_correlation_constructs_known_transfers) {
  Outcome out = run("ly.perfect_correlation", "perfect-correlation-2x2.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  // Diagonal: t^b = min q u^b - kappa = 0, t^s = max q u^s + kappa = 2; misreports:
  // t^b_12 = 0 + kappa (ceil(log 3) + 1) = 3, t^s_12 = 2 - 3 = -1; subsidy 2.
  BOOST_TEST(value_of(out, "t_buyer_11") == "0");
  BOOST_TEST(value_of(out, "t_buyer_12") == "3");
  BOOST_TEST(value_of(out, "t_seller_11") == "2");
  BOOST_TEST(value_of(out, "t_seller_21") == "-1");
  BOOST_TEST(value_of(out, "expected subsidy E[t^s - t^b]") == "2");
}

// ---- seeded bugs: the checker ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_perfect_correlation_without_punishments_is_caught) {
  // Bug: off-diagonal transfers equal to the diagonal ones (misreports unpunished).
  const Economy e = economy_of("perfect-correlation-2x2.toml");
  const Matrix q = efficient_allocation(e.structure, e.buyer_value, e.seller_value);
  Mechanism good = perfect_correlation_transfers(e, q);
  Judging out;
  std::string detail;
  BOOST_TEST(proofs::judge_perfect_correlation(e, good, out.check, detail) == 1);
  Mechanism bad = good;
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 2; ++j) {
      bad.t_buyer[i][j] = good.t_buyer[0][0];
      bad.t_seller[i][j] = good.t_seller[0][0];
    }
  Judging bad_out;
  BOOST_TEST(proofs::judge_perfect_correlation(e, bad, bad_out.check, detail) == -1, detail);
}

// ---- seeded bugs: each altered witness must fail its re-check --------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_perfect_correlation_obstruction_upside_down) {
  const Run r = run_with_case("ly.perfect_correlation", "full-support-2x2.toml", {"perfect_correlation"});
  altered_fails(
      "ly.perfect_correlation", r,
      [](Outcome& o) {
        std::swap(find(o.witness, "obstruction low row")->text, find(o.witness, "obstruction high row")->text);
      },
      "does not exceed");
  // A boundary posterior claimed where every posterior is interior.
  altered_fails(
      "ly.perfect_correlation", r,
      [](Outcome& o) {
        find(o.witness, "obstruction")->text = "boundary";
        o.witness.push_back(make_text("boundary signal of", "buyer"));
        o.witness.push_back(make_value("boundary signal", 1));
      },
      "interior posterior");
  const Run b = run_with_case("ly.perfect_correlation", "fully-revealing.toml", {"interior_posteriors"});
  BOOST_TEST(claim("ly.perfect_correlation").recheck(b.c, b.out)->passed);
}

BOOST_AUTO_TEST_CASE(seeded_bug_perfect_correlation_transfers_without_punishment) {
  // The constructed transfers with a misreport as cheap as the truth: DF fails at a zero cell.
  const Run r = run_with_case("ly.perfect_correlation", "perfect-correlation-2x2.toml");
  altered_fails(
      "ly.perfect_correlation", r,
      [](Outcome& o) { find(o.witness, "t_buyer_12")->text = find(o.witness, "t_buyer_22")->text; }, "DF fails");
}

BOOST_AUTO_TEST_CASE(a_rejected_witness_turns_the_verdict_into_an_error) {
  // Through run_claim: the claim's own recheck rejects a seeded witness and the record is an error.
  class Tampered : public Claim {
   public:
    const ClaimInfo& info() const override { return claim("ly.perfect_correlation").info(); }
    Outcome check(const Case& c, const CheckContext& context) const override {
      Outcome o = claim("ly.perfect_correlation").check(c, context);
      std::swap(find(o.witness, "obstruction low row")->text, find(o.witness, "obstruction high row")->text);
      return o;
    }
    std::optional<Recheck> recheck(const Case& c, const Outcome& o) const override {
      return claim("ly.perfect_correlation").recheck(c, o);
    }
  } tampered;
  const Case c = builtin_papers().load_case(cases_dir + "full-support-2x2.toml");
  CheckContext context;
  context.dropped_hypotheses = {"perfect_correlation"};
  const Outcome out = run_claim(tampered, c, context);
  BOOST_TEST(to_string(out.verdict) == "error", out.summary);
  BOOST_TEST(out.summary.find("did not survive its independent re-check") != std::string::npos, out.summary);
}

BOOST_AUTO_TEST_SUITE_END()
