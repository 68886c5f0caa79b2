// mat.example -- Matsushima (2005), the Example after Rationing Rule 2 (Section 3), with
// definition (4): n-bar, n-underline, n-tilde and x of the paper's worked example, recomputed.
// Here: the claim's precondition through the command line (a case without a [mat.example] table
// exits with status 2 at the [mat] table). Elsewhere: its committed cases in cases_test.cpp, and
// its altered witness that the re-check must reject in feasibility_test.cpp
// (altered_allocation_witnesses_fail_their_rechecks, one case for four claims).
#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck::testing::mat_tests;

BOOST_AUTO_TEST_SUITE(mat_example)

BOOST_AUTO_TEST_CASE(example_without_its_table_exits_2_at_the_mat_table) {
  Scratch s;
  const std::string path = s.write("no-example.toml", header + four_traders);
  const Result r = s.run("check mat.example '" + path + "'");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, path + ":5:1:"));
  BOOST_TEST(contains(r.err, "mat.example needs a [mat.example] table"));
  BOOST_TEST(!contains(r.out, "passed"));  // nothing ran
}

BOOST_AUTO_TEST_SUITE_END()
