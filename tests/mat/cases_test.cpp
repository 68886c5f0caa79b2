// The committed cases of cases/mat/, for every mat claim at once: each case's [[expect]] verdicts
// (with honest arithmetic labels and re-checked refutations, support/committed_cases.hpp), and
// every refutation and certificate of the fast cases carrying a re-check that passed. A single
// claim's own tests are in CLAIM_test.cpp (mat.theorem1 in theorem1_test.cpp, ...).
#include "fixtures.hpp"
#include "support/committed_cases.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::testing::mat_tests;

BOOST_AUTO_TEST_SUITE(mat_cases)

BOOST_AUTO_TEST_CASE(every_committed_mat_case_meets_its_expectations) {
  BOOST_TEST(testing::check_committed_cases(cases_dir) >= 15u);
}

BOOST_AUTO_TEST_CASE(every_committed_refutation_and_certificate_passes_its_recheck) {
  // The fast committed cases (the brute-force ones run in
  // every_committed_mat_case_meets_its_expectations above); each refuted verdict must carry a
  // re-check that passed, never "unavailable".
  std::size_t rechecked = 0;
  testing::check_committed_cases(
      cases_dir,
      [&](const std::string& path, const Expectation& x, const Outcome& out) {
        if (out.verdict != Verdict::refuted) return;
        BOOST_CHECK_MESSAGE(out.recheck.status == RecheckNote::Status::passed, path << " " << x.claim << ": re-check "
                                                                                    << to_string(out.recheck.status)
                                                                                    << ": " << out.recheck.detail);
        ++rechecked;
      },
      [](const std::string& path, const Expectation& x) {
        for (const char* slow : {"remark3", "theorem1-", "theorem2-smallest", "theorem2-assumption1",
                                 "gstarstar-properties", "theorem2-drop"})
          if (path.find(slow) != std::string::npos && path.find("probe") == std::string::npos) return false;
        return x.claim != "mat.convergence" || path.find("coarse") != std::string::npos;
      });
  BOOST_TEST(rechecked >= 9u);
}

BOOST_AUTO_TEST_SUITE_END()
