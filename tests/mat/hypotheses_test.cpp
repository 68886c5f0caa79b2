// Every named hypothesis of every mat claim says how it is shown to matter: a committed
// counterexample case whose [[expect]] drops it and expects `refuted` (run in
// mat_theorem1_test's committed cases), which without the drop is `hypotheses_unmet`; or a reason
// why no counterexample exists.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace mechcheck;

namespace {

const std::string source_dir = std::string(MECHCHECK_SOURCE_DIR) + "/";

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
        BOOST_TEST(std::string(to_string(h.necessity)) != "open");  // every mat hypothesis is settled one way or the other
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

BOOST_AUTO_TEST_CASE(many_groups_only_delimits_remark3s_scope) {
  // With r = 2 the outside of a group is the other group: G* itself, where Theorem 1 holds.
  const Claim& remark3 = *builtin_papers().find("mat.remark3");
  const Case c = builtin_papers().load_case(source_dir + "cases/mat/remark3-two-groups.toml");
  CheckContext dropped;
  dropped.dropped_hypotheses = {"many_groups"};
  BOOST_TEST(to_string(run_claim(remark3, c, dropped).verdict) == "holds");
  BOOST_TEST(to_string(run_claim(remark3, c, CheckContext{}).verdict) == "hypotheses_unmet");
  bool scope = false;
  for (const auto& h : remark3.info().hypotheses)
    if (h.name == "many_groups")
      scope = h.necessity == Necessity::scope && h.evidence.find("cases/mat/remark3-two-groups.toml") != std::string::npos;
  BOOST_TEST(scope);
}

BOOST_AUTO_TEST_SUITE_END()
