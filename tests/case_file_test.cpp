// Case files: good files load with exact values; every bad file under tests/data/cases/bad/
// fails with an InputError naming the file, the exact line:column and the rule broken.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/cases/expected_value.hpp"
#include "support/models.hpp"
#include "llm/model/economy.hpp"
#include "mechcheck/number/algebraic.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace mechcheck;
using mechcheck::testing::load_model_case;

namespace {

const std::string kSource = MECHCHECK_SOURCE_DIR;
const std::string kGood = kSource + "/tests/data/cases/good";
const std::string kBad = kSource + "/tests/data/cases/bad";

std::string bad(const std::string& name) { return kBad + "/" + name + ".toml"; }

// Loads `path`, which must fail with an InputError; returns it (the test fails otherwise).
InputError load_error(const std::string& path) {
  try {
    load_model_case(path);
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
  const char* file;               // under tests/data/cases/bad/, without .toml
  unsigned line, column;          // where the error must point (1-based)
  std::vector<const char*> rule;  // substrings the message must contain
};

// One entry per rule of README "Writing a case file" and proofs/llm/model/parse.cpp.
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
    // Value assertions of [[expect]] (cases/expected_value.hpp).
    {"value-float", 18, 24, {"value 'hat_theta'", "a TOML float is not exact"}},
    {"value-no-root", 18, 63, {"holds no real root of 3*x^2 - 1"}},
    {"value-two-roots", 18, 63, {"more than one root of 3*x^2 - 1", "narrow it"}},
    {"value-bad-polynomial", 18, 39, {"polynomial:", "is followed by x"}},
    {"value-root-number", 18, 59, {"root 3: 3*x^2 - 1 has 2 real roots"}},
    {"value-within-reversed", 18, 35, {"needs lo <= hi"}},
    {"value-unknown-form", 18, 24, {"a table asserts { within = [lo, hi] }"}},
};

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(good_cases)

BOOST_AUTO_TEST_CASE(explicit_holdings_load_exactly) {
  Case c = load_model_case(kGood + "/explicit-holdings.toml");
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
  Case c = load_model_case(kGood + "/r-star-count.toml");
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
        Case c = load_model_case(f);
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
  ModelParsers models = testing::builtin_models();
  models["unit-test-model"] = [](const TomlNode& table) -> std::shared_ptr<const ModelData> {
    table.allow_only({"x"});
    BOOST_TEST(table.rational("x") == Rational(1, 10));
    return std::make_shared<Other>();
  };
  auto dir = std::filesystem::temp_directory_path() / ("mechcheck-case-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "other.toml").string();
  {
    std::ofstream out(path);
    out << "[case]\nname = \"other\"\nmodel = \"unit-test-model\"\n\n[unit-test-model]\nx = \"0.1\"\n";
  }
  Case c = load_case(path, models);
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
      for (const char* part : b.rule)
        BOOST_TEST(what.find(part) != std::string::npos, "\"" << part << "\" missing in: " << what);
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
  BOOST_TEST(all.size() == expected.size() + kBadCases.size() + 2);  // + syntax-error and values/asserted
  // A file argument is taken as is.
  auto one = find_case_files({bad("k-zero")});
  BOOST_TEST_REQUIRE(one.size() == 1u);
  BOOST_TEST(one[0] == bad("k-zero"));
  BOOST_TEST(find_case_files({}).empty());
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// Hostile files: what toml11 or the file system would get wrong is caught by load_case.
BOOST_AUTO_TEST_SUITE(hostile_files)

namespace {

const std::string kHeader = "[case]\nname = \"hostile\"\nmodel = \"llm\"\n\n[llm]\n";

// A scratch directory with files written into it.
struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("mechcheck-hostile-case-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::permissions(dir / "closed", std::filesystem::perms::owner_all, ignored);
    std::filesystem::remove_all(dir, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

std::string repeated(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The error must be an InputError at exactly path:line:column with the rule.
void expect_error_at(const std::string& path, unsigned line, unsigned column, const std::string& rule) {
  InputError e = load_error(path);
  BOOST_TEST(e.line() == line, e.what());
  BOOST_TEST(e.column() == column, e.what());
  BOOST_TEST(
      std::string(e.what()).rfind(path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ", 0) == 0u,
      e.what());
  BOOST_TEST(std::string(e.what()).find(rule) != std::string::npos, e.what());
}

const std::string kAgents =
    "support = [\"0\", \"1\"]\nholdings = \"r_star\"\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\n";

}  // namespace

// Regression: toml11 parses arrays and inline tables by recursion; 10,000 levels (20 KB)
// overflowed the stack (SIGSEGV). The text is scanned first; the error is at the bracket that
// goes beyond 32 levels (the [llm] header and the key `support` are two levels).
BOOST_AUTO_TEST_CASE(deep_nesting_is_an_error_not_a_crash) {
  Scratch s;
  const std::string rule = "nested more than 32 levels deep";
  const unsigned value = 11;  // the column of the value after "support = "
  expect_error_at(s.write("arrays.toml", kHeader + "support = " + repeated("[", 10000) + repeated("]", 10000) + "\n"),
                  6, value + 30, rule);
  expect_error_at(
      s.write("tables.toml", kHeader + "support = " + repeated("{a = ", 10000) + "1" + repeated("}", 10000) + "\n"), 6,
      value + 5 * 15, rule);  // each "{a = " is two levels: the table and the key a
  expect_error_at(
      s.write("mixed.toml", kHeader + "support = " + repeated("[{a = ", 5000) + "1" + repeated("}]", 5000) + "\n"), 6,
      value + 6 * 10, rule);
  // Dotted keys and table headers nest too (toml11 takes quadratic time on them, then crashes).
  std::string dotted = "a";
  for (int i = 0; i < 100000; ++i) dotted += ".a";
  expect_error_at(s.write("dotted.toml", kHeader + dotted + " = 1\n"), 6, 2 + 2 * 30, rule);
  expect_error_at(s.write("header.toml", kHeader + "[" + dotted + "]\n"), 6, 1 + 2 * 32, rule);
  // Brackets inside strings and comments are not nesting.
  const std::string quoted = kHeader + "support = [\"0\", \"1\"] # " + repeated("[", 100) + "\n" +
                             "holdings = \"r_star\"\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\ncount = 2\n" +
                             "[[expect]]\nclaim = \"llm.prop1\"\nverdict = \"holds\"\nnote = \"\\\"" +
                             repeated("[{", 100) + "\"\n" + "# ''' \"\"\" " + repeated("{", 100) + "\n";
  BOOST_CHECK_NO_THROW(load_model_case(s.write("quoted.toml", quoted)));
  const std::string multiline =
      kHeader + "support = [\"0\", \"1\"]\nholdings = \"r_star\"\n[[llm.agent]]\nk = \"1\"\n" +
      "cdf = \"uniform\"\ncount = 2\n[[expect]]\nclaim = \"llm.prop1\"\nverdict = \"holds\"\n" + "note = '''\n" +
      repeated("[", 100) + "\n'''\n";
  BOOST_CHECK_NO_THROW(load_model_case(s.write("multiline.toml", multiline)));
}

// Regression: toml11 3.7 saturates integers beyond 64 bits to 2^63 - 1 silently (count =
// 18446744073709551618 was read as 9223372036854775807); TOML requires an error.
BOOST_AUTO_TEST_CASE(integers_beyond_64_bits_are_an_error) {
  Scratch s;
  for (const char* n :
       {"9223372036854775808", "18446744073709551618", "-9223372036854775809", "99_999_999_999_999_999_999",
        "0x10000000000000000", "0o1777777777777777777777", "+9223372036854775808"}) {
    BOOST_TEST_CONTEXT(n) {
      expect_error_at(s.write("big.toml", kHeader + kAgents + "count = " + std::string(n) + "\n"), 11, 9,
                      "lies outside TOML's 64-bit range");
    }
  }
  // The extremes themselves are integers (then outside count's range: a model rule, same place).
  for (const char* n : {"9223372036854775807", "-9223372036854775808", "0x7FFFFFFFFFFFFFFF"})
    expect_error_at(s.write("edge.toml", kHeader + kAgents + "count = " + std::string(n) + "\n"), 11, 9,
                    "count must be an integer");
}

// Regression (found by the case_reader fuzz target, under AddressSanitizer): toml11 3.7 read past
// its buffer (heap-buffer-overflow) while composing its error for a literal string ('...' or
// '''...''') holding a byte that is not UTF-8. Every string's UTF-8 is checked first; the error is
// at the first byte that is not UTF-8.
BOOST_AUTO_TEST_CASE(strings_that_are_not_utf8_are_an_error) {
  Scratch s;
  const std::string rule = "which is not UTF-8 there; TOML files are UTF-8";
  const unsigned value = 11;  // the column of the value after "support = "
  struct Bad {
    std::string text;  // the value of support
    unsigned line, column;
    std::string byte;
  };
  const std::vector<Bad> bad = {
      {"'\xFF'", 6, value + 1, "0xFF"},                  // literal
      {"'''\xFF'''", 6, value + 3, "0xFF"},              // multi-line literal (the fuzzer's finding)
      {"\"\xFF\"", 6, value + 1, "0xFF"},                // basic
      {"\"\"\"\n\xFE\"\"\"", 7, 1, "0xFE"},              // multi-line basic, on its second line
      {"'a\xC3'", 6, value + 2, "0xC3"},                 // a truncated sequence
      {"'\xC0\xAF'", 6, value + 1, "0xC0"},              // an overlong '/'
      {"'\xED\xA0\x80'", 6, value + 1, "0xED"},          // a surrogate, U+D800
      {"'\xF4\x90\x80\x80'", 6, value + 1, "0xF4"},      // beyond U+10FFFF
      {"'\x80'", 6, value + 1, "0x80"},                  // a stray continuation byte
      {"'\xE2\x88\x9E\xE2\x88'", 6, value + 4, "0xE2"},  // after a good one (columns count bytes)
  };
  const std::string rest = "holdings = \"r_star\"\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\ncount = 2\n";
  for (const auto& b : bad) {
    BOOST_TEST_CONTEXT(b.byte << " at " << b.line << ":" << b.column) {
      const std::string path = s.write("utf8.toml", kHeader + "support = " + b.text + "\n" + rest);
      expect_error_at(path, b.line, b.column, rule);
      expect_error_at(path, b.line, b.column, "the byte " + b.byte + ",");
    }
  }
  // UTF-8 of every length is fine, in every kind of string (e acute, infinity, an emoji, U+10FFFF).
  const std::string expect = "[[expect]]\nclaim = \"llm.prop1\"\nverdict = \"holds\"\n";
  const std::string fine = "[case]\nname = \"hostile\"\nmodel = \"llm\"\nsource = '\xC3\xA9 \xE2\x88\x9E'\n\n[llm]\n" +
                           kAgents + "count = 2\n" + expect +
                           "note = \"\xC3\xA9 \xE2\x88\x9E \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF\"\n";
  BOOST_CHECK_NO_THROW(load_model_case(s.write("fine.toml", fine)));
  const std::string multiline = kHeader + kAgents + "count = 2\n" + expect + "note = '''\n\xE2\x88\x9E\n'''\n";
  BOOST_CHECK_NO_THROW(load_model_case(s.write("fine-multiline.toml", multiline)));
  const std::string basic_multiline =
      kHeader + kAgents + "count = 2\n" + expect + "note = \"\"\"\n\xF0\x9F\x98\x80\"\"\"\n";
  BOOST_CHECK_NO_THROW(load_model_case(s.write("fine-basic-multiline.toml", basic_multiline)));
}

// Numbers of hundreds of digits are mistakes, and exact arithmetic on them would not end.
BOOST_AUTO_TEST_CASE(numbers_with_too_many_digits) {
  Scratch s;
  const std::string rest = "holdings = \"r_star\"\n[[llm.agent]]\nk = \"1\"\ncdf = \"uniform\"\ncount = 2\n";
  expect_error_at(s.write("long.toml", kHeader + "support = [\"0\", \"1/1" + repeated("0", 10000) + "\"]\n" + rest), 6,
                  17, "at most 200 digits");
  expect_error_at(s.write("exponent.toml", kHeader + "support = [\"0\", \"1e-999999\"]\n" + rest), 6, 17,
                  "has 1000000 digits");
  expect_error_at(s.write("numerator.toml", kHeader + "support = [\"0\", \"" + repeated("9", 201) + "\"]\n" + rest), 6,
                  17, "has 201 digits");
  BOOST_CHECK_NO_THROW(
      load_model_case(s.write("fine.toml", kHeader + "support = [\"0\", \"" + repeated("9", 200) + "\"]\n" + rest)));
}

// Regression: "", "  " and names with control characters were accepted; the name is shown in
// tables and written into JSON and XML reports.
BOOST_AUTO_TEST_CASE(empty_blank_and_control_character_names) {
  Scratch s;
  const std::string body = "\n[llm]\n" + kAgents + "count = 2\n";
  auto file = [&](const std::string& name) {
    return s.write("name.toml", "[case]\nname = " + name + "\nmodel = \"llm\"\n" + body);
  };
  expect_error_at(file("\"\""), 2, 8, "must not be empty or blank");
  expect_error_at(file("\" \\t \""), 2, 8, "must not be empty or blank");
  expect_error_at(file("\"a\\u0001b\""), 2, 8, "control characters (found U+0001 at character 2)");
  expect_error_at(file("\"a\\u0000\""), 2, 8, "control characters (found U+0000");
  expect_error_at(file("\"line\\nbreak\""), 2, 8, "control characters (found U+000A");
  expect_error_at(file("\"del\\u007F\""), 2, 8, "control characters (found U+007F");
  expect_error_at(file("\"c1\\u0085\""), 2, 8, "control characters (found U+0085");
  BOOST_CHECK_NO_THROW(
      load_model_case(file("\"\xC3\xBCnic\xC3\xB6"
                           "de name \xE2\x89\xA4 1\"")));
}

// Regression: /dev/null, a FIFO and a directory were all "no such case file"; a FIFO must never
// be opened (reading it would block until a writer comes).
BOOST_AUTO_TEST_CASE(special_files_say_what_they_are) {
  Scratch s;
  auto expect = [](const std::string& path, const std::string& what) {
    InputError e = load_error(path);
    BOOST_TEST(std::string(e.what()) == path + ": " + what, e.what());
  };
  const std::string not_a_case = ", not a case file (a case file is a regular .toml file)";
  expect("/dev/null", "is a character device" + not_a_case);
  const std::string fifo = (s.dir / "fifo.toml").string();
  BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  expect(fifo, "is a FIFO (named pipe)" + not_a_case);
  expect(s.dir.string(), "is a directory" + not_a_case);
  const std::string dangling = (s.dir / "dangling.toml").string();
  std::filesystem::create_symlink(s.dir / "nowhere.toml", dangling);
  expect(dangling, "is a symbolic link to a file that does not exist");
  expect((s.dir / "missing.toml").string(), "no such case file");
  expect((s.dir / "missing" / "x.toml").string(), "no such case file");
  // find_case_files lists them (rather than skipping them), so that a suite reports them.
  const auto files = find_case_files({s.dir.string()});
  const std::vector<std::string> expected{dangling, fifo};
  BOOST_TEST(files == expected, boost::test_tools::per_element());
  BOOST_CHECK_EXCEPTION(find_case_files({fifo}), InputError, [&](const InputError& error) {
    return std::string(error.what()) ==
           "argument DIR '" + fifo + "': is a FIFO (named pipe), not a directory or a case file";
  });
}

BOOST_AUTO_TEST_CASE(unreadable_file_and_directory) {
  if (::geteuid() == 0) {
    BOOST_TEST_MESSAGE("running as root: chmod 000 does not stop root from reading; nothing to check");
    return;
  }
  Scratch s;
  const std::string path = s.write("unreadable.toml", kHeader);
  std::filesystem::permissions(path, std::filesystem::perms::none);
  InputError e = load_error(path);
  BOOST_TEST(std::string(e.what()) == path + ": cannot read: Permission denied", e.what());
  std::filesystem::create_directories(s.dir / "closed");
  std::filesystem::permissions(s.dir / "closed", std::filesystem::perms::none);
  BOOST_CHECK_EXCEPTION(find_case_files({s.dir.string()}), InputError, [&](const InputError& error) {
    return std::string(error.what()).find("cannot list the directory '" + (s.dir / "closed").string() + "'") !=
           std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(oversized_file) {
  Scratch s;
  const std::string path = s.write("big.toml", kHeader + "# " + std::string(5u << 20, 'x') + "\n");
  InputError e = load_error(path);
  BOOST_TEST(
      std::string(e.what()).find("a case file holds one small economy, at most 4194304 bytes") != std::string::npos,
      e.what());
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// Value assertions ([[expect]] values): read with the case, compared exactly.
BOOST_AUTO_TEST_SUITE(value_assertions)

BOOST_AUTO_TEST_CASE(each_form_matches_exactly_and_only_exactly) {
  const std::string path = kSource + "/tests/data/cases/values/asserted.toml";
  const Case c = load_model_case(path);
  BOOST_TEST_REQUIRE(c.expectations.size() == 1u);
  const auto& asserted = c.expectations.front().values;
  BOOST_TEST(asserted.size() == 15u);
  // What a check might report under those keys.
  const Algebraic root = Algebraic::real_roots({Rational(-1), Rational(0), Rational(3)}).back();  // 1/sqrt(3)
  Outcome o;
  for (const char* key : {"q_ok", "q_bad"}) o.value(make_value(key, Rational(1, 3)));
  for (const char* key : {"root_ok", "root_other_polynomial_ok", "root_bad", "root_within_ok", "root_within_bad"})
    o.value(make_value(key, root));
  // An enclosure of 1/3 as a certified value reports it: [0.3333, 0.3334].
  for (const char* key : {"enclosure_within_ok", "enclosure_exact_bad"})
    o.value(Value{key, "0.3333...", "", "[0.3333, 0.3334]", "interval"});
  for (const char* key : {"count_ok", "count_bad"}) o.stat(key, 125);
  for (const char* key : {"text_ok", "text_bad"}) o.witness.push_back(make_text(key, "(1, 2)"));
  o.value(make_decimal("numeric_bad", 0.5));
  const auto mismatches = compare_expected_values(path, asserted, o);
  std::set<std::string> bad;
  for (const auto& m : mismatches) {
    bad.insert(m.key);
    BOOST_TEST(m.message().rfind(path + ":", 0) == 0u, m.message());
  }
  for (const auto& x : asserted) {
    const bool should_fail = x.key.size() > 4 && x.key.substr(x.key.size() - 4) == "_bad";
    BOOST_TEST(bad.count(x.key) == (should_fail ? 1u : 0u), x.key);
  }
  auto message_of = [&](const std::string& key) {
    for (const auto& m : mismatches)
      if (m.key == key) return m.message();
    return std::string();
  };
  BOOST_TEST(message_of("q_bad") == path + ":22:9: value q_bad: expected 0.3333, computed 1/3");
  BOOST_TEST(message_of("enclosure_exact_bad").find("assert it with { within = [lo, hi] }") != std::string::npos);
  BOOST_TEST(message_of("missing_bad").find("reports no value of that key") != std::string::npos);
  BOOST_TEST(message_of("numeric_bad").find("only exact and certified values") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
