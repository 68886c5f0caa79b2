// mat.remark3 -- Matsushima (2005), Remark 3 (Section 3): with many groups, each trading at a
// price that clears the announcements of the traders outside it, the undominated strategies are
// still exactly the price-taking ones. Here: its hypothesis many_groups only delimits the claim's
// scope (with r = 2 the mechanism is G*, where Theorem 1 holds). Elsewhere: its committed cases in
// cases_test.cpp, the ledger of its other hypotheses in hypotheses_test.cpp.
#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::testing::mat_tests;

BOOST_AUTO_TEST_SUITE(mat_remark3)

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
      scope =
          h.necessity == Necessity::scope && h.evidence.find("cases/mat/remark3-two-groups.toml") != std::string::npos;
  BOOST_TEST(scope);
}

BOOST_AUTO_TEST_SUITE_END()
