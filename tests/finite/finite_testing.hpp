#pragma once
// Shared by the finite claims' test suites: the committed cases, economies altered in memory
// (seeded bugs), and case files written from text (input errors).
#include "finite/model/economy.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "support/cli_process.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace mechcheck::finite::testing {

using mechcheck::testing::run_on_case;
using mechcheck::testing::value_of;

// A committed case of cases/finite/ (the tests run in the source directory).
inline Case committed(const std::string& file) { return builtin_papers().load_case("cases/finite/" + file); }

inline const Economy& economy_of(const Case& c) { return c.model_data<Economy>(); }

// The case with its economy replaced (a seeded bug, or another reading).
inline Case with_economy(const Case& c, Economy e) {
  Case altered = c;
  altered.data = std::make_shared<Economy>(std::move(e));
  return altered;
}

// The index of the profile whose type values are `types` (one per agent).
inline std::size_t profile_of(const Economy& e, const std::vector<Rational>& types) {
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < types.size(); ++i)
    for (std::size_t k = 0; k < e.agents[i].types.size(); ++k)
      if (e.agents[i].types[k] == types[i]) index.push_back(k);
  BOOST_REQUIRE_EQUAL(index.size(), types.size());
  return profile_index(e, index);
}

// The message of the InputError that loading `[case] ... [finite] + body` raises, or "no error".
inline std::string load_error(const std::string& body) {
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-test");
  const std::string text = "[case]\nname = \"bad\"\nmodel = \"finite\"\n\n" + body;
  try {
    builtin_papers().load_case(s.write("bad.toml", text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// A two-bidder auction on {0, 1, 2} up to its [finite.mechanism] table (lines 5-19 of the file
// load_error writes), for input-error tests.
inline const std::string two_bidders =
    "[finite]\n"                                     // line 5
    "outcomes = [\"none\", \"one\", \"two\"]\n"      // 6
    "\n"                                             // 7
    "[[finite.agent]]\n"                             // 8
    "types = [\"0\", \"1\", \"2\"]\n"                // 9
    "probabilities = [\"1/3\", \"1/3\", \"1/3\"]\n"  // 10
    "quantities = [\"0\", \"1\", \"0\"]\n"           // 11
    "\n"                                             // 12
    "[[finite.agent]]\n"                             // 13
    "types = [\"0\", \"1\", \"2\"]\n"                // 14
    "probabilities = [\"1/3\", \"1/3\", \"1/3\"]\n"  // 15
    "quantities = [\"0\", \"0\", \"1\"]\n"           // 16
    "\n";                                            // 17

// Bilateral trade, buyer value and seller cost uniform on {1..kb} and {1..ks}: the least expected
// subsidy of an efficient (no trade at b = s), BIC and interim IR mechanism, from the discrete
// virtual values phi(b) = b - (kb - b) = 2b - kb (P(B > b) / P(B = b) = kb - b, step 1) and
// gamma(s) = s + (s - 1) = 2s - 1: the largest expected budget surplus is the expected virtual
// surplus of trade, sum_{b > s} (phi(b) - gamma(s)) / (kb ks), with the lowest buyer and the
// highest seller left no rent. An independent formula for the LP's optimum (ties do not trade at
// the optimum: trading there costs phi(s) - gamma(s) = 1 - kb <= 0).
inline Rational virtual_surplus_subsidy(int kb, int ks) {
  Rational sum = 0;
  for (int b = 1; b <= kb; ++b)
    for (int s = 1; s < b && s <= ks; ++s) sum += (2 * b - kb) - (2 * s - 1);
  return -sum / (kb * ks);
}

// The [finite] table of that bilateral trade (no mechanism, no design problem; `extra` appended).
inline std::string uniform_trade_grid(int kb, int ks, const std::string& extra = "") {
  const auto grid = [](int k) {
    std::string types, probabilities;
    for (int v = 1; v <= k; ++v) {
      types += (v > 1 ? ", \"" : "\"") + std::to_string(v) + "\"";
      probabilities += (v > 1 ? ", \"1/" : "\"1/") + std::to_string(k) + "\"";
    }
    return "types = [" + types + "]\nprobabilities = [" + probabilities + "]\n";
  };
  return "[finite]\noutcomes = [\"no trade\", \"trade\"]\n" + extra + "\n[[finite.agent]]\n" + grid(kb) +
         "quantities = [\"0\", \"1\"]\n\n[[finite.agent]]\n" + grid(ks) + "quantities = [\"0\", \"-1\"]\n";
}

}  // namespace mechcheck::finite::testing
