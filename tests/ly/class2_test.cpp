// ly.class2 — the Class-2 lemma (slides "Solution to Buyer's problem", "Class 2-lemma", "Proof of
// Class 2-lemma"): if alpha solves the Class-1 problem, (alpha, S^b) solves the Class-2 problem iff
// NA holds. Its tests: the certified Class-2 gain where NA fails; undecided directions reported,
// and never letting holds stand; the hypothesis class1_optimal at a boundary and at an interior
// posterior (with its arithmetic label); the precondition (a mechanism) as bad input before any
// claim runs; a seeded bug in the checker (NA with max for min) and witnesses altered after the
// fact that its re-check must reject. (Also: na_binds_by_identity_not_by_rounding in
// implementability_test runs ly.class2 at a binding NA; all_claims_test drops class1_optimal.)
#include "fixtures.hpp"
#include "ly/model/implementability.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <optional>
#include <string>

using namespace mechcheck;
using namespace mechcheck::ly;
using namespace mechcheck::ly_tests;

namespace {

namespace fs = std::filesystem;

std::string stat_of(const Outcome& out, const std::string& name) {
  for (const auto& v : out.stats)
    if (v.name == name) return v.text;
  return "<missing " + name + ">";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ly_class2)

// ---- known answers ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(na_failure_gives_a_certified_class2_gain) {
  const Economy e = economy_of("na-fails.toml");
  const PlayerProblem p = player_problem(e, *e.mechanism, Player::buyer);
  const Class2 c2 = check_class2(p);
  BOOST_TEST(c2.class1_optimal);
  BOOST_TEST(c2.na_sign == -1);
  BOOST_REQUIRE(c2.finite_gain);
  BOOST_TEST(lower_bound(*c2.finite_gain) > 0);
  // The general formula at beta* stays below the closed form kappa log S, and is close to it.
  BOOST_TEST(upper_bound(c2.marginal_gain) > 0);
  // For t^b = 3 on the diagonal: Lambda(lo) = 1 - 3 - log 3/4, Lambda(hi) = 3 - 3 - log 3/4, so
  // sum_v exp(-Lambda(v)) = 3/4 e^2 + 3/4 e^0.
  BOOST_TEST(c2.na_sum.to_string() == "3/4 + 3/4 e^(2)");
}

// ---- undecided directions are reported, and never let holds stand ----------------------------

BOOST_AUTO_TEST_CASE(class2_reports_undecided_directions_and_is_inconclusive) {
  // One cell per quality, w = 0: NA binds (S = 1, kappa log S = 0) and a pseudo-random direction
  // with b proportional to alpha attains MG/B = 0 = kappa log S exactly, which no enclosure
  // decides. It is counted as undecided, and the verdict is inconclusive, not holds.
  const Case c = in_memory("class2-undecided",
                           "prior = [\"1/2\", \"1/2\"]\nbuyer_value = [\"2\", \"2\"]\nseller_value = [\"0\", \"0\"]\n"
                           "cost_scale = \"1\"\nalpha_lo = [[\"1/2\"]]\nalpha_hi = [[\"1/2\"]]\n"
                           "q = [[\"1\"]]\nt_buyer = [[\"2\"]]\nt_seller = [[\"0\"]]\n");
  const Outcome out = run("ly.class2", c);
  BOOST_TEST(to_string(out.verdict) == "inconclusive");
  BOOST_TEST(to_string(out.arithmetic) == "certified");
  BOOST_TEST(out.summary.find("could not be compared with kappa log S") != std::string::npos, out.summary);
  for (const std::string t : {"b", "s"}) {
    BOOST_TEST(stat_of(out, "directions undecided against kappa log S^" + t + " (enclosures overlap at 4096 bits)") ==
               "1");
    // The counts add up: tried = at or below + above + undecided.
    const long long tried = std::stoll(stat_of(out, "directions tried against kappa log S^" + t));
    const long long below = std::stoll(stat_of(out, "directions with MG/B <= kappa log S^" + t));
    const long long above = std::stoll(stat_of(out, "directions with MG/B > kappa log S^" + t));
    BOOST_TEST(tried == below + above + 1);
    BOOST_TEST(above == 0);
  }
}

// ---- hypotheses and preconditions ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(class2_on_a_boundary_posterior_reports_the_unmet_hypothesis) {
  // A posterior of 0 breaks ST, so class1_optimal fails: hypotheses_unmet (not an undecidable
  // sign); with the hypothesis dropped the analysis stays defined (logs only at positive cells).
  const Outcome kept = run("ly.class2", "fully-revealing.toml");
  BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet");
  BOOST_TEST(kept.unmet == std::vector<std::string>{"class1_optimal"});
  // ST at a boundary posterior fails by a rational test (log 0), so the unmet verdict is exact;
  // with interior posteriors class1_optimal fails on two values of lambda compared through an
  // exp-sum with two exponents, an enclosure (certified).
  BOOST_TEST(to_string(kept.arithmetic) == "exact");
  const Outcome interior = run("ly.class2", "class1-fails.toml");
  BOOST_TEST(to_string(interior.verdict) == "hypotheses_unmet");
  BOOST_TEST(to_string(interior.arithmetic) == "certified");
  const Outcome dropped = run("ly.class2", "fully-revealing.toml", {"class1_optimal"});
  BOOST_TEST(to_string(dropped.verdict) != "inconclusive", dropped.summary);
  BOOST_TEST(to_string(dropped.verdict) != "error", dropped.summary);
}

BOOST_AUTO_TEST_CASE(class2_without_a_mechanism_is_bad_input_before_any_claim_runs) {
  Scratch s;
  // The suite validates every job first: an expectation of ly.class2 on a case without a
  // mechanism stops it with status 2, although the other expectation could run.
  fs::create_directories(s.dir / "suite");
  const std::string path =
      s.write("suite/no-mechanism.toml", std::string(no_mechanism) +
                                             "\n[[expect]]\nclaim = \"ly.perfect_correlation\"\nverdict = \"holds\"\n"
                                             "\n[[expect]]\nclaim = \"ly.class2\"\nverdict = \"holds\"\n");
  const auto cli = s.run("suite " + mechcheck::testing::shell_quoted((s.dir / "suite").string()));
  const std::string& err = cli.err;
  BOOST_TEST(cli.status == 2);
  BOOST_TEST(err.find(path + ":5:1: the claim judges a given mechanism") != std::string::npos, err);
  BOOST_TEST(err.find("ly.class2") != std::string::npos, err);
  BOOST_TEST(cli.out.find("ly.perfect_correlation") == std::string::npos, "nothing ran");
}

// ---- seeded bugs: the checker ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_class2_na_with_max_instead_of_min_is_caught) {
  // Bug: Lambda(v) = max_j lambda_j(v) in NA. NA's sum shrinks, and a direction then beats the
  // closed form kappa log S, which the checker certifies.
  for (const char* file : {"implementable-perfect-correlation.toml", "na-fails.toml"}) {
    BOOST_TEST_CONTEXT(file) {
      const Economy e = economy_of(file);
      const PlayerProblem p = player_problem(e, *e.mechanism, Player::buyer);
      Judging good_out;
      std::string detail;
      BOOST_TEST(proofs::judge_class2(check_class2(p), Player::buyer, good_out.check, detail) == 1);
      const Class2 bad = check_class2(p, 12, [&](Multipliers& m) {
        m.na_sum = ExpSum();
        for (int v = 0; v < 2; ++v) {
          std::optional<LogTerm> mx;
          for (const auto& l : m.lambda[v])
            if (l && (!mx || compare(*l, *mx, p.kappa) > 0)) mx = l;
          m.Lambda[v] = *mx;
          m.na_sum += ExpSum::term(Rational(1) / mx->r, -mx->a / p.kappa);
        }
        m.na_sign = decide_sign(ExpSum::constant(Rational(1)) - m.na_sum);
      });
      Judging bad_out;
      BOOST_TEST(proofs::judge_class2(bad, Player::buyer, bad_out.check, detail) == -1, detail);
    }
  }
}

// ---- seeded bugs: each altered witness must fail its re-check --------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_class2_step_out_of_the_wrong_cell) {
  // Abstaining instead of reporting s^b_1 (paid 5 there) loses: that step refutes nothing.
  const Run r = run_with_case("ly.class2", "class1-fails.toml", {"class1_optimal"});
  altered_fails(
      "ly.class2", r,
      [](Outcome& o) {
        find(o.witness, "beta^b_lo_11")->text = "3/8";
        find(o.witness, "beta^b_lo_21")->text = "0";
      },
      "does not gain");
  altered_fails(
      "ly.class2", r, [](Outcome& o) { find(o.witness, "beta^b_lo_21")->text = "1/4"; }, "not between 0 and alpha");
}

BOOST_AUTO_TEST_CASE(seeded_bug_class2_wrong_na_report) {
  const Run r = run_with_case("ly.class2", "na-fails.toml");
  BOOST_REQUIRE(r.out.verdict == Verdict::holds);
  altered_fails(
      "ly.class2", r, [](Outcome& o) { find(o.values, "NA^b")->text = "holds"; }, "reported as 'holds' but fails");
  altered_fails(
      "ly.class2", r, [](Outcome& o) { find(o.witness, "epsilon^b")->text = "0"; }, "does not gain");
}

BOOST_AUTO_TEST_SUITE_END()
