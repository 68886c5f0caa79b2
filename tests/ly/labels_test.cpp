// The ly claims say what they did: every named hypothesis says why it matters (with its
// counterexample where one exists), every verdict's arithmetic is that of what decided it,
// an undecided comparison or a missing candidate-level check never lets `holds` stand, counts
// say what they count, and a claim's preconditions are input errors (exit status 2 at the
// offending file:line:column) before any claim runs.
#include "support/cli_process.hpp"
#include "mechcheck/run/runner.hpp"

#include "mechcheck/cases/case.hpp"
#include "papers.hpp"
#include "ly/model/economy.hpp"
#include "ly/model/subsidy.hpp"
#include "ly/claims/claims.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace mechcheck;
using namespace mechcheck::ly;

namespace {

namespace fs = std::filesystem;

const std::string source_dir = MECHCHECK_SOURCE_DIR;
const std::string cases_dir = source_dir + "/cases/ly/";

const Claim& claim(const std::string& id) {
  const Claim* c = builtin_papers().find(id);
  BOOST_REQUIRE(c != nullptr);
  return *c;
}

Outcome run(const std::string& id, const Case& c, std::set<std::string> dropped = {}) {
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  return run_claim(claim(id), c, context);
}
Outcome run(const std::string& id, const std::string& case_file, std::set<std::string> dropped = {}) {
  return run(id, builtin_papers().load_case(cases_dir + case_file), std::move(dropped));
}

std::string stat_of(const Outcome& out, const std::string& name) {
  for (const auto& v : out.stats)
    if (v.name == name) return v.text;
  return "<missing " + name + ">";
}

// A scratch directory for case files and the command line's output.
struct Scratch : mechcheck::testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-ly-labels") {}
};

// A case with the slides' numbers and no mechanism; the [ly] table is on line 5.
const char* no_mechanism =
    "[case]\n"
    "name = \"no-mechanism\"\n"
    "model = \"ly\"\n"
    "\n"
    "[ly]\n"
    "prior = [\"1/2\", \"1/2\"]\n"
    "buyer_value = [\"1\", \"3\"]\n"
    "seller_value = [\"0\", \"1\"]\n"
    "cost_scale = \"1\"\n"
    "alpha_lo = [[\"3/8\", \"0\"], [\"0\", \"1/8\"]]\n"
    "alpha_hi = [[\"1/8\", \"0\"], [\"0\", \"3/8\"]]\n";

Case in_memory(const std::string& name, const std::string& ly_table) {
  Scratch s;
  return builtin_papers().load_case(s.write(name + ".toml", "[case]\nname = \"" + name + "\"\nmodel = \"ly\"\n\n[ly]\n" + ly_table));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ly_labels)

// ---- hypotheses ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_ly_hypothesis_says_why_it_matters) {
  int counterexamples = 0;
  for (const Claim* c : builtin_papers().all()) {
    const ClaimInfo& info = c->info();
    if (info.model != "ly") continue;
    for (const Hypothesis& h : info.hypotheses) {
      BOOST_TEST_CONTEXT(info.id << " " << h.name) {
        BOOST_TEST((h.necessity != Necessity::open), "no hypothesis of ly is left open");
        BOOST_TEST(!h.evidence.empty());
        if (h.necessity != Necessity::counterexample) continue;
        ++counterexamples;
        // The case drops exactly this hypothesis and expects refuted; without the drop the
        // hypothesis fails on it (so the case is outside the theorem only through it).
        const Case k = builtin_papers().load_case(source_dir + "/" + h.evidence);
        bool found = false;
        for (const Expectation& x : k.expectations)
          if (x.claim == info.id && x.verdict == Verdict::refuted && x.dropped == std::vector<std::string>{h.name}) found = true;
        BOOST_TEST(found, h.evidence << " has no [[expect]] of " << info.id << " refuted with drop = [\"" << h.name << "\"]");
        const Outcome kept = run(info.id, k);
        BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet");
        BOOST_TEST(kept.unmet == std::vector<std::string>{h.name});
      }
    }
  }
  BOOST_TEST(counterexamples == 6);
}

// ---- arithmetic labels -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(efficiency_structure_is_exact_with_gains_and_certified_without) {
  // With gains from trade q* = 1: every comparison is of rational likelihood ratios (exact).
  // Without, q* varies along a column and signs of two-term exp-sums come from enclosures.
  BOOST_TEST(to_string(claim("ly.efficiency_structure").info().arithmetic) == "certified");  // the highest it reaches
  const Outcome with_gains = run("ly.efficiency_structure", "perfect-correlation-2x2.toml");
  BOOST_TEST(to_string(with_gains.verdict) == "holds");
  BOOST_TEST(to_string(with_gains.arithmetic) == "exact");
  const Outcome without = run("ly.efficiency_structure", "no-gains-counterexample.toml", {"gains_from_trade"});
  BOOST_TEST(to_string(without.verdict) == "refuted");
  BOOST_TEST(to_string(without.arithmetic) == "certified");
  // Both are what transfers_exist reports for the case's own structure.
  const Economy e = dynamic_cast<const Economy&>(*builtin_papers().load_case(cases_dir + "no-gains-counterexample.toml").data);
  bool by_enclosure = false;
  BOOST_TEST(proofs::consistent_with_efficient_trade(e, e.structure, efficient_allocation(e.structure, e.buyer_value, e.seller_value),
                                                     nullptr, &by_enclosure));
  BOOST_TEST(by_enclosure);
}

BOOST_AUTO_TEST_CASE(hypotheses_decided_by_rational_comparisons_are_exact) {
  // perfect_correlation and gains_from_trade are rational comparisons, whatever the claim's
  // highest arithmetic.
  const Outcome pc = run("ly.perfect_correlation", "full-support-2x2.toml");
  BOOST_TEST(to_string(pc.verdict) == "hypotheses_unmet");
  BOOST_TEST(to_string(pc.arithmetic) == "exact");
  const Case no_gains = in_memory("subsidy-no-gains",
                                  "prior = [\"1/2\", \"1/2\"]\nbuyer_value = [\"0\", \"3\"]\nseller_value = [\"1\", \"1\"]\n"
                                  "cost_scale = \"1\"\nalpha_lo = [[\"1/2\"]]\nalpha_hi = [[\"1/2\"]]\n");
  const Outcome sub = run("ly.subsidy", no_gains);
  BOOST_TEST(to_string(sub.verdict) == "hypotheses_unmet");
  BOOST_TEST(to_string(sub.arithmetic) == "exact");
  // With the hypothesis dropped, the existence of transfers on a full-support table with q* = 1
  // compares likelihood ratios: exact, and the summary says so.
  const Outcome dropped = run("ly.perfect_correlation", "full-support-2x2.toml", {"perfect_correlation"});
  BOOST_TEST(to_string(dropped.verdict) == "refuted");
  BOOST_TEST(to_string(dropped.arithmetic) == "exact");
  BOOST_TEST(dropped.summary.find("exact: rational comparisons") != std::string::npos, dropped.summary);
}

// ---- Class 2: undecided directions are reported, and never let holds stand ------------------

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
    BOOST_TEST(stat_of(out, "directions undecided against kappa log S^" + t + " (enclosures overlap at 4096 bits)") == "1");
    // The counts add up: tried = at or below + above + undecided.
    const long long tried = std::stoll(stat_of(out, "directions tried against kappa log S^" + t));
    const long long below = std::stoll(stat_of(out, "directions with MG/B <= kappa log S^" + t));
    const long long above = std::stoll(stat_of(out, "directions with MG/B > kappa log S^" + t));
    BOOST_TEST(tried == below + above + 1);
    BOOST_TEST(above == 0);
  }
}

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

// ---- subsidy: holds only from the candidate-level checks -------------------------------------

BOOST_AUTO_TEST_CASE(subsidy_holds_rests_on_the_candidate_checks_even_when_the_region_does_not_separate_the_kinks) {
  const Case c = builtin_papers().load_case(cases_dir + "subsidy-two-realizations.toml");
  const Economy& e = c.model_data<Economy>();
  const NumericOptimum opt = subsidy_optimum(e);
  auto dyadic = [](double x) { return Rational(static_cast<long long>(std::llround(std::ldexp(x, 40)))) / Rational(Integer(1) << 40); };
  const SubsidyCertificate cert = certify_subsidy_optimum(e, dyadic(opt.pb), dyadic(opt.ps));
  BOOST_REQUIRE((cert.optimum == SubsidyCertificate::Optimum::interior));
  auto judge = [&](const NumericOptimum& candidate, const SubsidyCertificate& certificate) {
    CheckContext context;
    Check check(context);
    return proofs::judge_subsidy(e, candidate, certificate, check);
  };
  // The certificate as computed: holds, from the candidate checks.
  const Outcome good = judge(opt, cert);
  BOOST_TEST(to_string(good.verdict) == "holds");
  // A certificate whose region does not separate the kinks from mu0 (as at a near-degenerate
  // optimum) no longer decides by itself: the candidate checks run, and a candidate whose kinks
  // lie on one side of mu0 (p_b = 99/100: x_b < 1/2) cannot give holds.
  SubsidyCertificate unseparated = cert;
  unseparated.kinks_straddle = false;
  unseparated.buyer_kink_side = 0;
  BOOST_TEST(to_string(judge(opt, unseparated).verdict) == "holds");  // candidate checks pass
  NumericOptimum moved = opt;
  moved.pb = 0.99;
  const Outcome bad = judge(moved, unseparated);
  BOOST_TEST(to_string(bad.verdict) == "inconclusive", bad.summary);
  BOOST_TEST(bad.summary.find("do not straddle mu0") != std::string::npos, bad.summary);
}

// ---- preconditions: bad input before any claim runs -----------------------------------------

BOOST_AUTO_TEST_CASE(implementability_without_a_mechanism_is_bad_input_at_the_ly_table) {
  Scratch s;
  const std::string path = s.write("no-mechanism.toml", no_mechanism);
  const auto cli = s.run("check ly.implementability " + mechcheck::testing::shell_quoted(path));
  const std::string& err = cli.err;
  BOOST_TEST(cli.status == 2);
  BOOST_TEST(err.find(path + ":5:1: the claim judges a given mechanism: q, t_buyer and t_seller must be in the [ly] table") !=
                 std::string::npos,
             err);
  BOOST_TEST(err.find("ly.implementability") != std::string::npos, err);
  // Through the library: an error verdict naming the rule, not a crash.
  const Outcome out = run("ly.implementability", builtin_papers().load_case(path));
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find(":5:1:") != std::string::npos, out.summary);
  // A caller that skips the preconditions gets an exception naming the rule, not undefined behaviour.
  BOOST_CHECK_THROW(claim("ly.implementability").check(builtin_papers().load_case(path), CheckContext{}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(class2_without_a_mechanism_is_bad_input_before_any_claim_runs) {
  Scratch s;
  // The suite validates every job first: an expectation of ly.class2 on a case without a
  // mechanism stops it with status 2, although the other expectation could run.
  fs::create_directories(s.dir / "suite");
  const std::string path = s.write("suite/no-mechanism.toml", std::string(no_mechanism) +
                                         "\n[[expect]]\nclaim = \"ly.perfect_correlation\"\nverdict = \"holds\"\n"
                                         "\n[[expect]]\nclaim = \"ly.class2\"\nverdict = \"holds\"\n");
  const auto cli = s.run("suite " + mechcheck::testing::shell_quoted((s.dir / "suite").string()));
  const std::string& err = cli.err;
  BOOST_TEST(cli.status == 2);
  BOOST_TEST(err.find(path + ":5:1: the claim judges a given mechanism") != std::string::npos, err);
  BOOST_TEST(err.find("ly.class2") != std::string::npos, err);
  BOOST_TEST(cli.out.find("ly.perfect_correlation") == std::string::npos, "nothing ran");
}

BOOST_AUTO_TEST_SUITE_END()
