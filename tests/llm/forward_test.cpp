// The llm model's forward market and aggregate uncertainty (llm/model/forward_market.hpp, Sections
// 4.2 and 5.1), about which llm.prop3_4, llm.cor1 and llm.prop5_6 make their claims: exact known
// answers for the symmetric uniform partnership (worst-off types, spot values, single-crossing,
// the family of pricing functions, budget and IR), and the parse rules of [llm.aggregate],
// endowments and pricing_slopes at their line:column. The claims' own tests are in
// prop3_4_test.cpp, cor1_test.cpp and prop5_6_test.cpp.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "mechcheck/cases/input_error.hpp"
#include "papers.hpp"
#include "llm/model/forward_market.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::llm_tests::economy_of;
using testing::llm_tests::partnership;
using testing::llm_tests::q;

// A case file with the [llm] body given; returns the InputError it must raise.
InputError bad_case(const std::string& llm_body) {
  const auto path =
      std::filesystem::temp_directory_path() / ("llm-forward-test-" + std::to_string(::getpid()) + ".toml");
  {
    std::ofstream f(path);
    f << "[case]\nname = \"bad\"\nmodel = \"llm\"\nsource = \"test\"\n\n" << llm_body;
  }
  try {
    builtin_papers().load_case(path.string());
  } catch (const InputError& e) {
    std::filesystem::remove(path);
    return e;
  }
  std::filesystem::remove(path);
  BOOST_FAIL("the case loaded although it is bad:\n" << llm_body);
  throw;
}

const std::string kTwoUniform =
    "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\ncount = "
    "2\n";

void expect_error(const std::string& body, unsigned line, unsigned column, const std::string& rule) {
  InputError e = bad_case(body);
  BOOST_TEST_CONTEXT(e.what()) {
    BOOST_TEST(e.line() == line);
    BOOST_TEST(e.column() == column);
    BOOST_TEST(e.rule().find(rule) != std::string::npos);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_forward)

BOOST_AUTO_TEST_CASE(partnership_worst_off_type_and_spot_value_are_exact) {
  const ForwardMarket m = partnership();
  BOOST_TEST(m.hat_theta == q(1, 2));
  BOOST_TEST(m.target[0] == q(1, 2));
  const SpotValue& v = m.agents[0];
  // q_i(t) = t, so hat_i(x) = x; pi_i(x) = x^2/2 + 1/6 (Section 4.2's formula).
  for (long j = 0; j <= 6; ++j) {
    const Algebraic x = q(j, 6);
    BOOST_TEST(worst_off_type_at(v, x) == x);
    BOOST_TEST(spot_payoff(v, x) == x * x * q(1, 2) + q(1, 6));
  }
  BOOST_TEST(v.mean_type == Rational(1, 2));
}

BOOST_AUTO_TEST_CASE(partnership_single_crossing_and_family_thresholds) {
  // hat_i(x) = x and P(y) = 1/2 + s y: single-crossing needs s >= 1 left and s > 1 right; the family s > 1.
  const ForwardMarket m = partnership();
  BOOST_TEST(!single_crossing_failure(m, Rational(1), Rational(2)));
  BOOST_TEST(single_crossing_failure(m, Rational(1), Rational(1)).has_value());
  BOOST_TEST(single_crossing_failure(m, Rational(1, 2), Rational(2)).has_value());
  BOOST_TEST(family_failure(m, Rational(1), Rational(2)).has_value());
  BOOST_TEST(family_failure(m, Rational(2), Rational(1)).has_value());
  BOOST_TEST(!family_failure(m, Rational(3, 2), Rational(3, 2)));
  BOOST_TEST(*doubling_search([&](const Rational& s) { return !family_failure(m, s, s); }) == Rational(2));
}

BOOST_AUTO_TEST_CASE(partnership_budget_ir_and_family_bound) {
  const ForwardMarket m = partnership();
  const KinkedPricing p{q(1, 2), Algebraic(2), Algebraic(2)};
  // Seller 1 receives int_0^{1/2} P = 1/2, buyer 2 pays int_{-1/2}^0 P = 0: budget -(s_L + s_R)/8 = -1/2.
  BOOST_TEST(forward_budget(m, p) == q(-1, 2));
  BOOST_TEST(forward_budget_by_decomposition(m, p) == q(-1, 2));
  // Convexity gaps of pi: 1/8 each, so every P in the family has budget < -1/4.
  BOOST_TEST(family_budget_bound(m) == q(-1, 4));
  // IR (9): 1/24 + s/8 for both agents.
  BOOST_TEST(ex_ante_surplus(m, p, 0) == q(7, 24));
  BOOST_TEST(ex_ante_surplus(m, p, 1) == q(7, 24));
  // Uniform pricing balances the budget but does not support r*: pi is convex.
  const KinkedPricing uniform{q(1, 2), Algebraic(0), Algebraic(0)};
  BOOST_TEST(forward_budget(m, uniform) == Algebraic(0));
  BOOST_TEST(forward_payoff(m, uniform, 0, Algebraic(1)) - forward_payoff(m, uniform, 0, q(1, 2)) == q(1, 8));
}

// ---- the case file: [llm.aggregate], endowments, pricing_slopes ------------------------

BOOST_AUTO_TEST_CASE(aggregate_economy_is_parsed_exactly) {
  Economy e = economy_of("aggregate-power-n3.toml");
  BOOST_REQUIRE(e.aggregate.has_value());
  BOOST_TEST(e.aggregate->size() == 3u);
  BOOST_TEST((*e.aggregate)[1].probability == Rational(1, 4));
  BOOST_TEST((*e.aggregate)[1].k == Rational(3, 4));
  BOOST_TEST(!e.endowments.has_value());
  Economy f = economy_of("forward-uniform-pricing.toml");
  BOOST_TEST((*f.endowments)[0] == Rational(1));
  BOOST_TEST(f.pricing_slopes->first == Rational(0));
}

BOOST_AUTO_TEST_CASE(parse_rules_at_line_and_column) {
  const std::string a = kTwoUniform + "\n[llm.aggregate]\n";  // the states line is line 16
  expect_error(a + "states = [{ probability = \"3/2\", k = \"1\" }]\n", 16, 27,
               "probability alpha(omega) must lie in (0, 1]");
  expect_error(a + "states = [{ probability = \"1/2\", k = \"1\" }]\n", 16, 10, "must sum to 1, but they sum to 1/2");
  expect_error(a + "states = [{ probability = \"1\", k = \"0\" }]\n", 16, 36, "k(omega) must lie in (0, 1]");
  expect_error(a + "states = [{ probability = \"1\", k = \"1/2\" }]\n", 16, 36,
               "n k(omega) must be above 1, but it is 1");
  expect_error(a + "states = [{ probability = \"1\", kk = \"1\" }]\n", 16, 37, "unknown key 'kk'");
  const std::string asym =
      "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = "
      "\"uniform\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = { power = 2 }\n\n[llm.aggregate]\nstates = "
      "[{ probability = \"1\", k = \"1\" }]\n";
  expect_error(asym, 16, 7, "needs symmetric agents (F_i = F");
  const std::string asym_k =
      "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n\n[[llm.agent]]\nk = \"1\"\ncdf = "
      "\"uniform\"\n\n[[llm.agent]]\nk = \"1/2\"\ncdf = \"uniform\"\n\n[llm.aggregate]\nstates = "
      "[{ probability = \"1\", k = \"1\" }]\n";
  expect_error(asym_k, 15, 5, "k_2 = 1/2 differs from k_1 = 1");
  const std::string head = "[llm]\nsupport = [\"0\", \"1\"]\nholdings = \"r_star\"\n";
  const std::string agents = "\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\ncount = 2\n";
  expect_error(head + "endowments = [\"1\", \"1\"]\n" + agents, 9, 14, "endowments must sum to the total supply 1");
  expect_error(head + "endowments = [\"1\"]\n" + agents, 9, 14, "one e_i per agent: 2 expected, 1 given");
  expect_error(head + "endowments = [\"2\", \"-1\"]\n" + agents, 9, 20, "endowments must be nonnegative");
  expect_error(head + "pricing_slopes = [\"1\", \"-1\"]\n" + agents, 9, 24, "pricing slopes must be nonnegative");
  expect_error(head + "pricing_slopes = [\"1\"]\n" + agents, 9, 18, "pricing_slopes must be [below, above]");
}

BOOST_AUTO_TEST_SUITE_END()
