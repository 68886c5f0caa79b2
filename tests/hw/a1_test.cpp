// hw.a1 (Hu & Wallace 2012, Assumption A1, L208-210: for any bipartition {Y1, Y2} of the types and
// states z != z', mu_z(Y1) != mu_z'(Y1)): a seeded bug in a reported refutation, an altered mass,
// must fail the claim's re-check (its seeded checker bug, block masses that forget a type, is in
// claims_test with the other claims' seeded bugs; its precondition in input_test).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;

namespace {

using testing::fails_recheck;
using testing::witness;

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_a1)

BOOST_AUTO_TEST_CASE(a1_altered_mass_fails) {
  BOOST_TEST(fails_recheck("a1-fails.toml", "hw.a1", [](Outcome& o) { witness(o, "mu_z'(Y1)").text = "1/2"; }));
}

BOOST_AUTO_TEST_SUITE_END()
