// hw.lemma2 (Hu & Wallace 2012, Lemma 2, eqs. (18)-(20): L^z(eps) has a unique competitive
// equilibrium, and the competitive allocations are the Nash equilibria of the market game): a
// refutation's witness re-checked on an economy where both types have the same tastes must fail the
// re-check. Its seeded checker bug (eq. (20) with eps swapped) and hypothesis drop are in
// claims_test with other claims'.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;

namespace {

using testing::claim;
using testing::run_expectation;

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_lemma2)

BOOST_AUTO_TEST_CASE(lemma2_on_an_economy_with_one_mrs_fails) {
  // The same witness on an economy where both types have the same tastes: the endowment is then
  // the CE allocation, so "no trade is not the CE" is false.
  const std::string path = testing::write_hw_case(
      "mechcheck-hw-recheck-test", "same-tastes",
      "[hw]\nqbar = \"1\"\nrbar = \"1\"\nepsilon = [\"0\", \"0\"]\ntypes = [\"x1\", \"x2\"]\nstates = [\"z1\"]\n"
      "prior = [\"1\"]\nmu = [[\"1/2\", \"1/2\"]]\n[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"1\"\n");
  Outcome out = run_expectation("hw.lemma2-probe-drop-epsilon-positive-seed-1.toml", "hw.lemma2");
  auto r = claim("hw.lemma2").recheck(builtin_papers().load_case(path), out);
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(!r->passed, r->detail);
}

BOOST_AUTO_TEST_SUITE_END()
