// Case files: good files load with exact values; every bad file under tests/data/cases/bad/
// fails with an InputError naming the file, the exact line:column and the rule broken.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/models/llm/economy.hpp"
#include "mechcheck/number/algebraic.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

using namespace mechcheck;

namespace {

const std::string kSource = MECHCHECK_SOURCE_DIR;
const std::string kGood = kSource + "/tests/data/cases/good";
const std::string kBad = kSource + "/tests/data/cases/bad";

std::string bad(const std::string& name) { return kBad + "/" + name + ".toml"; }

// Loads `path`, which must fail with an InputError; returns it (the test fails otherwise).
InputError load_error(const std::string& path) {
  try {
    load_case(path);
  } catch (const InputError& e) {
    return e;
  } catch (const std::exception& e) {
    BOOST_FAIL(path << ": expected an InputError, got another exception: " << e.what());
  } catch (...) {
    BOOST_FAIL(path << ": expected an InputError, got a non-standard exception");
  }
  BOOST_FAIL(path << ": loaded although it is bad");
  throw;  // unreachable
}

struct BadCase {
  const char* file;      // under tests/data/cases/bad/, without .toml
  unsigned line, column;  // where the error must point (1-based)
  std::vector<const char*> rule;  // substrings the message must contain
};

// One entry per rule of DESIGN.md "Case files" and lib/src/models/llm/parse.cpp.
const std::vector<BadCase> kBadCases = {
    {"float-k", 10, 5, {"TOML float is not exact", "\"0.1\""}},
    {"holdings-float", 8, 13, {"TOML float is not exact"}},
    {"histogram-sum", 15, 21, {"histogram probabilities must sum to 1", "they sum to 3/4"}},
    {"histogram-negative", 11, 29, {"histogram bin's probability must be nonnegative"}},
    {"k-zero", 14, 5, {"k_i must lie in (0, 1]", "k = 0"}},
    {"k-three-halves", 11, 5, {"k_i must lie in (0, 1]", "k = 3/2"}},
    {"k-sum-not-above-one", 9, 1, {"sum of the k_i must be above 1", "it is 1"}},
    {"cdf-decreasing", 17, 7, {"must be nondecreasing", "decreases on [1, 2]"}},
    {"cdf-discontinuous", 15, 7, {"must be continuous", "jumps at t = 1/2"}},
    {"cdf-not-zero-at-lo", 11, 7, {"must be 0 at the lower end", "F(lo) = 1/10"}},
    {"cdf-not-one-at-hi", 15, 7, {"must be 1 at the upper end", "F(hi) = 9/10"}},
    {"breaks-not-covering", 15, 18, {"breaks must start at lo = 0 and end at hi = 1"}},
    {"breaks-not-increasing", 15, 31, {"breaks must increase strictly"}},
    {"holdings-sum", 7, 12, {"holdings must sum to the total supply 1", "they sum to 29/30"}},
    {"holdings-count", 7, 12, {"one r_i per agent", "3 expected, 2 given"}},
    {"holdings-negative", 7, 20, {"holdings must be nonnegative"}},
    {"unknown-key", 15, 7, {"unknown key 'cfd'", "allowed: k, cdf, count"}},
    {"unknown-table", 14, 1, {"unknown key 'expcet'", "allowed: case, llm, expect"}},
    {"case-typo", 2, 8, {"unknown key 'nmae'"}},
    {"unknown-model", 3, 9, {"unknown model 'lmm'", "known: ", "llm"}},
    {"unknown-verdict", 20, 11, {"unknown verdict 'hold'", "hypotheses_unmet"}},
    {"missing-case", 1, 1, {"missing key 'case'"}},
    {"one-agent", 9, 1, {"at least two agents"}},
    {"count-zero", 12, 9, {"count must be an integer in [1, 64]"}},
    {"support-reversed", 6, 11, {"needs lo < hi"}},
    {"rational-garbage", 6, 17, {"'1/0' is not a rational number", "zero denominator"}},
    {"power-zero", 11, 17, {"power a of F(t)", "[1, 64]"}},
};

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(good_cases)

BOOST_AUTO_TEST_CASE(explicit_holdings_load_exactly) {
  Case c = load_case(kGood + "/explicit-holdings.toml");
  BOOST_TEST(c.path == kGood + "/explicit-holdings.toml");
  BOOST_TEST(c.name == "explicit-holdings");
  BOOST_TEST(c.model == "llm");
  BOOST_TEST(c.source == "mechcheck tests");
  BOOST_TEST(c.description == "three agents, explicit holdings 1/3, 0.5 (= 1/2), 1/6");
  const auto& e = c.model_data<llm::Economy>();
  BOOST_TEST(e.lo == 0);
  BOOST_TEST(e.hi == 1);
  BOOST_TEST_REQUIRE(e.size() == 3u);
  BOOST_TEST_REQUIRE(e.holdings.has_value());
  std::vector<Rational> holdings{Rational(1, 3), Rational(1, 2), Rational(1, 6)};
  BOOST_TEST(*e.holdings == holdings, boost::test_tools::per_element());
  // "0.5" is exactly 1/2, not the double nearest to it.
  BOOST_TEST(to_string((*e.holdings)[1]) == "1/2");
  std::vector<Rational> k{1, Rational(1, 2), 1};
  BOOST_TEST(e.max_demands() == k, boost::test_tools::per_element());
  BOOST_TEST(e.agents[0].cdf_text == "uniform");
  BOOST_TEST(e.agents[1].cdf_text == "histogram");
  BOOST_TEST(e.agents[2].cdf_text == "piecewise");
  // uniform: F(t) = t.
  BOOST_TEST(e.agents[0].cdf(Rational(2, 7)) == Rational(2, 7));
  // histogram (1/4, 3/4) on two bins: F(1/2) = 1/4, F(3/4) = 1/4 + 3/4 * 1/2 = 5/8.
  BOOST_TEST(e.agents[1].cdf.piece_count() == 2u);
  BOOST_TEST(e.agents[1].cdf(Rational(1, 4)) == Rational(1, 8));
  BOOST_TEST(e.agents[1].cdf(Rational(1, 2)) == Rational(1, 4));
  BOOST_TEST(e.agents[1].cdf(Rational(3, 4)) == Rational(5, 8));
  // pieces t/2 on [0, 1/2], -1/2 + 3/2 t on [1/2, 1].
  BOOST_TEST(e.agents[2].cdf(Rational(1, 4)) == Rational(1, 8));
  BOOST_TEST(e.agents[2].cdf(Rational(3, 4)) == Rational(5, 8));
  BOOST_TEST(e.agents[2].cdf(Rational(1)) == 1);
  BOOST_TEST(!llm::cdf_rule_broken(e.agents[2].cdf, e.lo, e.hi).has_value());
  // Expectations in file order, with the positions of their claim names.
  BOOST_TEST_REQUIRE(c.expectations.size() == 2u);
  BOOST_TEST(c.expectations[0].claim == "llm.lemma2");
  BOOST_CHECK(c.expectations[0].verdict == Verdict::holds);
  BOOST_TEST(c.expectations[0].note == "a note");
  BOOST_TEST(c.expectations[0].line == 25u);
  BOOST_TEST(c.expectations[0].column == 9u);
  BOOST_TEST(c.expectations[1].claim == "llm.prop1");
  BOOST_CHECK(c.expectations[1].verdict == Verdict::hypotheses_unmet);
  BOOST_TEST(c.expectations[1].note.empty());
  BOOST_TEST(c.expectations[1].line == 30u);
}

BOOST_AUTO_TEST_CASE(r_star_and_count) {
  Case c = load_case(kGood + "/r-star-count.toml");
  BOOST_TEST(c.source.empty());
  BOOST_TEST(c.description.empty());
  BOOST_TEST(c.expectations.empty());
  const auto& e = c.model_data<llm::Economy>();
  BOOST_TEST(!e.holdings.has_value());
  BOOST_TEST(e.lo == Rational(1, 2));
  BOOST_TEST(e.hi == Rational(5, 2));
  BOOST_TEST_REQUIRE(e.size() == 3u);  // count = 3
  for (const auto& a : e.agents) {
    BOOST_TEST(a.k == Rational(2, 3));
    BOOST_TEST(a.cdf_text == "power 3");
    // ((t - 1/2)/2)^3 at t = 3/2 is 1/8.
    BOOST_TEST(a.cdf(Rational(3, 2)) == Rational(1, 8));
    BOOST_TEST(a.cdf(Rational(1, 2)) == 0);
    BOOST_TEST(a.cdf(Rational(5, 2)) == 1);
  }
}

BOOST_AUTO_TEST_CASE(every_case_in_the_repository_loads) {
  auto files = find_case_files({kSource + "/cases"});
  BOOST_TEST(!files.empty());
  for (const auto& f : files) {
    BOOST_TEST_CONTEXT(f) {
      try {
        Case c = load_case(f);
        BOOST_TEST(!c.name.empty());
        BOOST_TEST(c.data != nullptr);
      } catch (const std::exception& e) {
        BOOST_ERROR(e.what());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(model_data_of_another_model_is_an_input_error) {
  struct Other : ModelData {};
  register_model("unit-test-model", [](const TomlNode& table) -> std::shared_ptr<const ModelData> {
    table.allow_only({"x"});
    BOOST_TEST(table.rational("x") == Rational(1, 10));
    return std::make_shared<Other>();
  });
  auto models = registered_models();
  BOOST_TEST((std::find(models.begin(), models.end(), "llm") != models.end()));
  BOOST_TEST((std::find(models.begin(), models.end(), "unit-test-model") != models.end()));
  auto dir = std::filesystem::temp_directory_path() / ("mechcheck-case-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "other.toml").string();
  {
    std::ofstream out(path);
    out << "[case]\nname = \"other\"\nmodel = \"unit-test-model\"\n\n[unit-test-model]\nx = \"0.1\"\n";
  }
  Case c = load_case(path);
  BOOST_TEST(c.model == "unit-test-model");
  BOOST_CHECK_NO_THROW(c.model_data<Other>());
  BOOST_CHECK_THROW(c.model_data<llm::Economy>(), InputError);
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(bad_cases)

BOOST_AUTO_TEST_CASE(each_rule_names_file_line_column) {
  for (const auto& b : kBadCases) {
    std::string path = bad(b.file);
    BOOST_TEST_CONTEXT(path) {
      InputError e = load_error(path);
      std::string what = e.what();
      std::string prefix = path + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": ";
      BOOST_TEST(what.rfind(prefix, 0) == 0u, "message \"" << what << "\" does not start with \"" << prefix << "\"");
      BOOST_TEST(e.file() == path);
      BOOST_TEST(e.line() == b.line);
      BOOST_TEST(e.column() == b.column);
      for (const char* part : b.rule) BOOST_TEST(what.find(part) != std::string::npos, "\"" << part << "\" missing in: " << what);
      BOOST_TEST(e.rule().find(b.rule.front()) != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_bad_file_is_covered_and_rejected) {
  auto files = find_case_files({kBad});
  BOOST_TEST(files.size() == kBadCases.size() + 1);  // + syntax-error, tested below
  for (const auto& f : files) {
    BOOST_TEST_CONTEXT(f) {
      std::string stem = std::filesystem::path(f).stem().string();
      bool listed = stem == "syntax-error" ||
                    std::any_of(kBadCases.begin(), kBadCases.end(), [&](const BadCase& b) { return stem == b.file; });
      BOOST_TEST(listed, f << " has no expected position in kBadCases");
      InputError e = load_error(f);
      BOOST_TEST(std::string(e.what()).rfind(f + ":", 0) == 0u, e.what());
      BOOST_TEST(e.line() > 0u);
      BOOST_TEST(e.column() > 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(toml_syntax_error_names_file_and_line) {
  std::string path = bad("syntax-error");
  InputError e = load_error(path);
  std::string what = e.what();
  BOOST_TEST(what.rfind(path + ":7:", 0) == 0u, what);
  BOOST_TEST(e.line() == 7u);
  BOOST_TEST(what.find("TOML syntax error") != std::string::npos, what);
  BOOST_TEST(what.find("not a valid string") != std::string::npos, what);
  BOOST_TEST(what.find('\n') == std::string::npos, "the rule is one line: " << what);
}

// Regression: toml11 3.7 throws most syntax errors with its position at the start of the
// line; load_case takes the column from the caret line of toml11's message instead. For
// `holdings = "r_star` (unterminated string, line 7) the column is the string's, not 1.
BOOST_AUTO_TEST_CASE(toml_syntax_error_column_points_at_the_error) {
  std::string path = bad("syntax-error");
  InputError e = load_error(path);
  BOOST_TEST(e.line() == 7u);
  BOOST_TEST(e.column() == 12u);
  BOOST_TEST(std::string(e.what()).rfind(path + ":7:12: ", 0) == 0u, e.what());
}

BOOST_AUTO_TEST_CASE(missing_file_and_directory) {
  std::string missing = kSource + "/tests/data/cases/no-such-file.toml";
  InputError e = load_error(missing);
  BOOST_TEST(std::string(e.what()).find(missing) != std::string::npos, e.what());
  std::string dir = kSource + "/tests/data/cases/no-such-directory";
  BOOST_CHECK_THROW(find_case_files({dir}), InputError);
  try {
    find_case_files({kGood, dir});
  } catch (const InputError& error) {
    BOOST_TEST(std::string(error.what()).find("no-such-directory") != std::string::npos, error.what());
  }
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(finding_case_files)

BOOST_AUTO_TEST_CASE(directories_are_searched_recursively_and_sorted) {
  auto files = find_case_files({kGood});
  std::vector<std::string> expected{kGood + "/explicit-holdings.toml", kGood + "/r-star-count.toml"};
  BOOST_TEST(files == expected, boost::test_tools::per_element());
  auto all = find_case_files({kSource + "/tests/data/cases"});
  BOOST_TEST(std::is_sorted(all.begin(), all.end()));
  BOOST_TEST(all.size() == expected.size() + kBadCases.size() + 1);
  // A file argument is taken as is.
  auto one = find_case_files({bad("k-zero")});
  BOOST_TEST_REQUIRE(one.size() == 1u);
  BOOST_TEST(one[0] == bad("k-zero"));
  BOOST_TEST(find_case_files({}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
