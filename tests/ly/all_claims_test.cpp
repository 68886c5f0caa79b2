// Tests that span all five ly claims together, and so belong to no single claim's file: every
// expectation of the committed cases (cases/ly) is met, and every refuted or certified record
// among them passes its re-check; every named hypothesis says why it matters, and dropping each one
// on its committed counterexample gives refuted; hypotheses decided by rational comparisons
// (perfect_correlation of ly.perfect_correlation, gains_from_trade of ly.subsidy) are labelled exact.
#include "fixtures.hpp"
#include "support/committed_cases.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace mechcheck;
using namespace mechcheck::ly;
using namespace mechcheck::ly_tests;

BOOST_AUTO_TEST_SUITE(ly_all_claims)

// ---- the committed cases ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_committed_ly_case_meets_its_expectations) {
  BOOST_TEST(testing::check_committed_cases(cases_dir) >= 23u);
}

BOOST_AUTO_TEST_CASE(every_refuted_and_certified_ly_record_passes_its_recheck) {
  // Every [[expect]] of the committed ly cases, as the suite runs it.
  int refuted = 0, passed = 0;
  for (const std::string& path : find_case_files({cases_dir})) {
    const Case c = builtin_papers().load_case(path);
    for (const Expectation& x : c.expectations) {
      CheckContext context;
      context.dropped_hypotheses = {x.dropped.begin(), x.dropped.end()};
      const Outcome out = run_claim(claim(x.claim), c, context);
      BOOST_TEST_CONTEXT(x.claim << " on " << path) {
        BOOST_TEST(to_string(out.verdict) == to_string(x.verdict), out.summary);
        if (out.verdict == Verdict::refuted) {
          ++refuted;
          BOOST_TEST(to_string(out.recheck.status) == "passed", out.recheck.detail);
        }
        if (out.recheck.status == RecheckNote::Status::passed) ++passed;
        BOOST_TEST(to_string(out.recheck.status) != "unavailable");
      }
    }
  }
  BOOST_TEST(refuted == 9);
  BOOST_TEST(passed >= 21);  // the 9 refutations and the certificates of holds records
}

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
          if (x.claim == info.id && x.verdict == Verdict::refuted && x.dropped == std::vector<std::string>{h.name})
            found = true;
        BOOST_TEST(found,
                   h.evidence << " has no [[expect]] of " << info.id << " refuted with drop = [\"" << h.name << "\"]");
        const Outcome kept = run(info.id, k);
        BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet");
        BOOST_TEST(kept.unmet == std::vector<std::string>{h.name});
      }
    }
  }
  BOOST_TEST(counterexamples == 6);
}

BOOST_AUTO_TEST_CASE(dropping_each_hypothesis_yields_a_counterexample) {
  struct Drop {
    const char* claim;
    const char* file;
    const char* hypothesis;
  };
  for (const Drop& d : {Drop{"ly.perfect_correlation", "full-support-2x2.toml", "perfect_correlation"},
                        Drop{"ly.perfect_correlation", "fully-revealing.toml", "interior_posteriors"},
                        Drop{"ly.efficiency_structure", "uninformative-product.toml", "distinct_posteriors"},
                        Drop{"ly.efficiency_structure", "no-gains-counterexample.toml", "gains_from_trade"},
                        Drop{"ly.class2", "class1-fails.toml", "class1_optimal"},
                        Drop{"ly.subsidy", "subsidy-no-minimum.toml", "minimum_attained"}}) {
    BOOST_TEST_CONTEXT(d.claim << " on " << d.file << " without " << d.hypothesis) {
      Outcome kept = run(d.claim, d.file);
      BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet");
      BOOST_TEST(kept.unmet == std::vector<std::string>{d.hypothesis});
      Outcome dropped = run(d.claim, d.file, {d.hypothesis});
      BOOST_TEST(to_string(dropped.verdict) == "refuted");
      BOOST_TEST(!dropped.witness.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(hypotheses_decided_by_rational_comparisons_are_exact) {
  // perfect_correlation and gains_from_trade are rational comparisons, whatever the claim's
  // highest arithmetic.
  const Outcome pc = run("ly.perfect_correlation", "full-support-2x2.toml");
  BOOST_TEST(to_string(pc.verdict) == "hypotheses_unmet");
  BOOST_TEST(to_string(pc.arithmetic) == "exact");
  const Case no_gains =
      in_memory("subsidy-no-gains",
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

BOOST_AUTO_TEST_SUITE_END()
