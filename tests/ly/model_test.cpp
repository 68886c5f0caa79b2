// The ly model itself, shared by all five claims and so in no claim's file: exact sign decisions
// of exp-sums and log terms (ly/model/exp_sum.hpp), and reading case files: a valid case loads,
// and every validation rule of the [ly] table is reported at its line and column.
#include "fixtures.hpp"
#include "ly/model/exp_sum.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::ly;
using namespace mechcheck::ly_tests;

namespace {

// Writes an ly case with the given [ly] body; returns its path.
std::string write_case(const std::string& name, const std::string& body) {
  auto dir = std::filesystem::temp_directory_path() / ("mechcheck-ly-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / (name + ".toml")).string();
  std::ofstream(path) << "[case]\nname = \"" << name << "\"\nmodel = \"ly\"\n\n[ly]\n" << body;
  return path;
}

// The InputError of loading `path` as "LINE:COLUMN: rule" ("" when it loads).
std::string load_error(const std::string& path) {
  try {
    builtin_papers().load_case(path);
  } catch (const InputError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.rule();
  }
  return "";
}

const char* valid_body =
    "prior = [\"1/2\", \"1/2\"]\n"                       // line 6
    "buyer_value = [\"1\", \"3\"]\n"                     // 7
    "seller_value = [\"0\", \"1\"]\n"                    // 8
    "cost_scale = \"1\"\n"                               // 9
    "alpha_lo = [[\"3/8\", \"0\"], [\"0\", \"1/8\"]]\n"  // 10
    "alpha_hi = [[\"1/8\", \"0\"], [\"0\", \"3/8\"]]\n"  // 11
    "q = [[\"1\", \"1\"], [\"1\", \"1\"]]\n"             // 12
    "t_buyer = [[\"0\", \"3\"], [\"3\", \"0\"]]\n"       // 13
    "t_seller = [[\"2\", \"-1\"], [\"-1\", \"2\"]]\n";   // 14

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ly_model)

// ---- exact sign decisions --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exp_sums_decide_zero_exactly_and_other_signs_by_enclosure) {
  // 3/4 + 1/4 - 1 is identically 0; e^(1/2) e^(1/2) - e = 0 as an identity of exp-sums.
  ExpSum a = ExpSum::constant(Rational(3, 4)) + ExpSum::constant(Rational(1, 4)) - ExpSum::constant(Rational(1));
  BOOST_TEST(a.is_identically_zero());
  BOOST_TEST(decide_sign(a) == 0);
  ExpSum h = ExpSum::term(Rational(1), Rational(1, 2));
  BOOST_TEST((h * h - ExpSum::term(Rational(1), Rational(1))).is_identically_zero());
  // e - 2718281828/10^9 > 0 (close, but nonzero: decided by intervals).
  BOOST_TEST(decide_sign(ExpSum::term(Rational(1), Rational(1)) - ExpSum::constant(Rational(2718281828, 1000000000))) ==
             1);
  // log 2 vs 693147/10^6: 1 + kappa log 2 > 1 + 693147/10^6 (kappa = 1).
  BOOST_TEST(compare(LogTerm{Rational(1), Rational(2)}, LogTerm{Rational(1) + Rational(693147, 1000000), Rational(1)},
                     Rational(1)) == 1);
  // Equal LogTerms written differently: 0 + log 4 = 2 log 2 is a log identity: log 4 with r = 4 vs
  // 0 + kappa log 2 with kappa = 2.
  BOOST_TEST(compare(LogTerm{Rational(0), Rational(4)}, LogTerm{Rational(0), Rational(2)}, Rational(2)) == 1);
}

// ---- bad input -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(valid_case_loads_and_every_rule_is_positioned) {
  BOOST_TEST(load_error(write_case("valid", valid_body)) == "");
  const std::string body = valid_body;
  struct Bad {
    std::string name, from, to, expect;
  };
  const std::vector<Bad> bad{
      {"prior-sum", "prior = [\"1/2\", \"1/2\"]", "prior = [\"1/2\", \"1/3\"]", "6:9: the prior must sum to 1"},
      {"prior-zero", "prior = [\"1/2\", \"1/2\"]", "prior = [\"0\", \"1\"]",
       "6:10: the prior mu0(v) must lie in (0, 1)"},
      {"kappa", "cost_scale = \"1\"", "cost_scale = \"0\"", "9:14: the cost scale kappa must be positive"},
      {"float", "cost_scale = \"1\"", "cost_scale = 0.5", "9:14:"},
      {"negative", "alpha_lo = [[\"3/8\", \"0\"]", "alpha_lo = [[\"3/8\", \"-1/8\"]",
       "10:21: alpha entries are probabilities"},
      {"bayes", "alpha_hi = [[\"1/8\", \"0\"]", "alpha_hi = [[\"1/4\", \"0\"]", "11:12: Bayes plausibility"},
      {"ragged", "alpha_hi = [[\"1/8\", \"0\"]", "alpha_hi = [[\"1/8\"]",
       "11:13: alpha_hi must have one entry per seller signal"},
      {"q-range", "q = [[\"1\", \"1\"]", "q = [[\"3/2\", \"1\"]", "12:7: a trade probability q_ij must lie in [0, 1]"},
      {"missing-ts", "t_seller = [[\"2\", \"-1\"], [\"-1\", \"2\"]]\n", "",
       "the mechanism needs q, t_buyer and t_seller together"},
      {"typo", "cost_scale = \"1\"", "cost_scael = \"1\"", "cost_scael"},
  };
  for (const auto& b : bad) {
    BOOST_TEST_CONTEXT(b.name) {
      const std::string err = load_error(write_case(b.name, replaced(body, b.from, b.to)));
      BOOST_TEST(err.find(b.expect) != std::string::npos, "got '" << err << "', expected '" << b.expect << "'");
    }
  }
  // A signal with probability 0.
  const std::string zero =
      replaced(replaced(body, "alpha_lo = [[\"3/8\", \"0\"], [\"0\", \"1/8\"]]",
                        "alpha_lo = [[\"1/2\", \"0\"], [\"0\", \"0\"]]"),
               "alpha_hi = [[\"1/8\", \"0\"], [\"0\", \"3/8\"]]", "alpha_hi = [[\"1/2\", \"0\"], [\"0\", \"0\"]]");
  const std::string err = load_error(write_case("zero-signal", zero));
  BOOST_TEST(err.find("buyer signal s^b_2 has probability 0") != std::string::npos, err);
  // A claim that needs the mechanism on a case without one: an error verdict, not a crash.
  BOOST_TEST(to_string(run("ly.implementability", "perfect-correlation-2x2.toml").verdict) == "error");
}

BOOST_AUTO_TEST_SUITE_END()
