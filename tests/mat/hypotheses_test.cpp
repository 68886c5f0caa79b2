// Every named hypothesis of every mat claim (a ledger that spans the claims) says how it is shown
// to matter: a committed counterexample case whose [[expect]] drops it and expects `refuted` (run
// in mat_cases_test's committed cases), which without the drop is `hypotheses_unmet`; or a reason
// why no counterexample exists. A single claim's hypothesis tests are in its CLAIM_test.cpp
// (mat.remark3's many_groups in remark3_test.cpp, mat.theorem2's in theorem2_test.cpp, ...).
#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::testing::mat_tests;

namespace {

std::vector<const Claim*> mat_claims() {
  std::vector<const Claim*> out;
  for (const Claim* c : builtin_papers().all())
    if (c->info().model == "mat") out.push_back(c);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_hypotheses)

BOOST_AUTO_TEST_CASE(every_hypothesis_has_a_status_and_evidence) {
  std::size_t hypotheses = 0;
  for (const Claim* claim : mat_claims())
    for (const auto& h : claim->info().hypotheses) {
      ++hypotheses;
      BOOST_TEST_CONTEXT(claim->info().id << " " << h.name) {
        BOOST_TEST(!h.evidence.empty());
        BOOST_TEST(std::string(to_string(h.necessity)) !=
                   "open");  // every mat hypothesis is settled one way or the other
      }
    }
  BOOST_TEST(hypotheses == 9u);
}

BOOST_AUTO_TEST_CASE(each_counterexample_case_drops_its_hypothesis_and_is_unmet_without_the_drop) {
  for (const Claim* claim : mat_claims())
    for (const auto& h : claim->info().hypotheses) {
      if (h.necessity != Necessity::counterexample) continue;
      BOOST_TEST_CONTEXT(claim->info().id << " " << h.name << ": " << h.evidence) {
        BOOST_REQUIRE(std::filesystem::is_regular_file(source_dir + h.evidence));
        const Case c = builtin_papers().load_case(source_dir + h.evidence);
        bool expects_refutation = false;
        for (const auto& x : c.expectations)
          expects_refutation = expects_refutation || (x.claim == claim->info().id && x.verdict == Verdict::refuted &&
                                                      x.dropped == std::vector<std::string>{h.name});
        BOOST_TEST(expects_refutation);
        // The same case with the hypothesis kept: the ledger stops it before any computation.
        const Outcome kept = run_claim(*claim, c, CheckContext{});
        BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet");
        BOOST_TEST(kept.unmet == std::vector<std::string>{h.name});
      }
    }
}

BOOST_AUTO_TEST_SUITE_END()
