// Every named hypothesis of every llm claim says why it is there (Hypothesis::necessity and
// evidence), and each counterexample it names is real: the committed case drops it and is
// refuted, and the same case with the hypothesis kept is hypotheses_unmet (the hypothesis fails
// there, so the theorem is not contradicted).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

using namespace mechcheck;

BOOST_AUTO_TEST_SUITE(llm_hypotheses)

BOOST_AUTO_TEST_CASE(every_llm_hypothesis_has_its_evidence) {
  std::size_t hypotheses = 0, counterexamples = 0;
  for (const Claim* claim : builtin_papers().all()) {
    const ClaimInfo& info = claim->info();
    if (info.model != "llm") continue;
    for (const Hypothesis& h : info.hypotheses) {
      ++hypotheses;
      BOOST_TEST_CONTEXT(info.id << " " << h.name) {
        BOOST_TEST(!h.evidence.empty());
        if (h.necessity != Necessity::counterexample) {
          const bool says_what_was_searched = h.evidence.find("earched") != std::string::npos;
          BOOST_TEST((h.necessity != Necessity::open || says_what_was_searched),
                     "an open hypothesis says what was searched");
          continue;
        }
        ++counterexamples;
        const std::string path = std::string(MECHCHECK_SOURCE_DIR) + "/" + h.evidence;
        BOOST_REQUIRE(std::filesystem::exists(path));
        const Case c = builtin_papers().load_case(path);
        auto expectation = std::find_if(c.expectations.begin(), c.expectations.end(),
                                        [&](const Expectation& e) { return e.claim == info.id; });
        BOOST_REQUIRE(expectation != c.expectations.end());
        BOOST_TEST(to_string(expectation->verdict) == "refuted");
        BOOST_TEST(expectation->dropped == std::vector<std::string>{h.name});
        CheckContext dropped;
        dropped.dropped_hypotheses = {h.name};
        const Outcome refuted = run_claim(*claim, c, dropped);
        BOOST_TEST(to_string(refuted.verdict) == "refuted", refuted.summary);
        BOOST_TEST(to_string(refuted.recheck.status) == "passed", refuted.recheck.detail);
        const Outcome kept = run_claim(*claim, c, CheckContext{});
        BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet", kept.summary);
        BOOST_TEST((kept.unmet == std::vector<std::string>{h.name}));
      }
    }
  }
  BOOST_TEST(hypotheses >= 17u);
  BOOST_TEST(counterexamples >= 12u);
}

BOOST_AUTO_TEST_SUITE_END()
