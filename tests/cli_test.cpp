// The `mechcheck` command line, run as a separate process: exit statuses (0 met, 1 not met,
// 2 bad input or usage), error messages naming file:line:column, and the JSON / JUnit reports.
// Case files are under tests/data/cli/: good/ (all expectations right), mismatch/ (one wrong
// expectation) and bad/ (one broken rule per file).
#include "support/cli_process.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::string data_dir = std::string(MECHCHECK_SOURCE_DIR) + "/tests/data/cli";

std::string quoted(const std::string& s) { return mechcheck::testing::shell_quoted(s); }
std::string good(const std::string& name) { return quoted(data_dir + "/good/" + name); }
std::string bad(const std::string& name) { return quoted(data_dir + "/bad/" + name); }

using Result = mechcheck::testing::CliResult;
using mechcheck::testing::contains;
using mechcheck::testing::read_text;

// A scratch directory per test, removed afterwards; `run` executes mechcheck with stdout and
// stderr captured in files there.
struct Scratch : mechcheck::testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-cli-test") {}
};

std::string last_line(const std::string& text) {
  std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
  auto newline = trimmed.find_last_of('\n');
  return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

// Bad input: status 2, one `mechcheck: error: FILE:LINE:COLUMN: rule` line naming the file
// at the exact position, and nothing run (no table on stdout).
void expect_input_error(const Result& r, const std::string& file_position, const std::string& rule_part) {
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty(), "stdout should be empty, got: " << r.out);
  BOOST_TEST(r.err.rfind("mechcheck: error: ", 0) == 0, "stderr: " << r.err);
  BOOST_TEST(contains(r.err, file_position + ": "), "expected '" << file_position << "' in: " << r.err);
  BOOST_TEST(contains(r.err, rule_part), "expected '" << rule_part << "' in: " << r.err);
}

// Counts significant digits of a decimal string such as "0.5773502691896257645...".
int significant_digits(const std::string& decimal) {
  int count = 0;
  bool leading = true;
  for (char c : decimal) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++count;
  }
  return count;
}

const nlohmann::json* find_record(const nlohmann::json& array, const std::string& claim, const std::string& case_name) {
  for (const auto& record : array)
    if (record.at("claim") == claim && record.at("case") == case_name) return &record;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

// ---- exit status 0 and 1 ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(good_suite_exits_0_and_prints_closing_line) {
  Scratch s;
  Result r = s.run("suite " + quoted(data_dir + "/good"));
  BOOST_TEST(r.status == 0);
  BOOST_TEST(last_line(r.out) == "4 passed, 0 failed");
  BOOST_TEST(contains(r.out, "llm.necessity"));
  BOOST_TEST(!contains(r.out, "MISMATCH"));
}

BOOST_AUTO_TEST_CASE(wrong_expectation_exits_1) {
  Scratch s;
  Result r = s.run("suite " + quoted(data_dir + "/mismatch"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.out, "MISMATCH"));
  BOOST_TEST(last_line(r.out) == "0 passed, 1 failed");
}

BOOST_AUTO_TEST_CASE(check_takes_the_expectation_from_the_case) {
  Scratch s;
  // n = 2, r = (1, 0): no common worst-off type, so necessity holds and prop1's hypothesis fails.
  Result necessity = s.run("check llm.necessity " + good("uniform-n2-seller.toml"));
  BOOST_TEST(necessity.status == 0);
  BOOST_TEST(last_line(necessity.out) == "1 passed, 0 failed");
  Result prop1 = s.run("check llm.prop1 " + good("uniform-n2-seller.toml"));
  BOOST_TEST(prop1.status == 0);
  BOOST_TEST(contains(prop1.out, "hypotheses_unmet"));
}

BOOST_AUTO_TEST_CASE(dropping_the_hypothesis_refutes_prop1_on_myerson_satterthwaite) {
  Scratch s;
  // Without its hypothesis, Proposition 1 fails: Pi(theta, r) = -1 at theta = (0, 1). The case
  // expects hypotheses_unmet of the claim with its hypothesis: that expectation is set aside (a note
  // says why) and the verdict reported; --expect refuted compares it.
  Result r = s.run("check llm.prop1 --drop common_worst_off " + good("uniform-n2-seller.toml"));
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "refuted"));
  BOOST_TEST(contains(r.err, "--drop common_worst_off checks another statement"), r.err);
  Result expect = s.run("check llm.prop1 --drop common_worst_off --expect refuted " + good("uniform-n2-seller.toml"));
  BOOST_TEST(expect.status == 0);
}

BOOST_AUTO_TEST_CASE(threads_do_not_change_the_table) {
  Scratch s;
  Result one = s.run("suite --threads 1 " + quoted(data_dir + "/good"));
  Result two = s.run("suite --threads 2 " + quoted(data_dir + "/good"));
  BOOST_TEST(one.status == 0);
  BOOST_TEST(two.status == 0);
  BOOST_TEST(one.out == two.out);
}

// ---- reports ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(json_report_has_every_key_and_exact_irrational_values) {
  Scratch s;
  const std::string json = s.path("run.json");
  Result r = s.run("suite --json " + quoted(json) + " " + quoted(data_dir + "/good"));
  BOOST_TEST_REQUIRE(r.status == 0);
  const auto report = nlohmann::json::parse(read_text(json));
  BOOST_TEST(report.at("schema_version") == 1);
  BOOST_TEST(report.at("command") == "suite");
  const auto& array = report.at("results");
  BOOST_TEST_REQUIRE(array.is_array());
  BOOST_TEST(array.size() == 4u);
  for (const auto& record : array)
    for (const char* key : {"claim", "case", "verdict", "arithmetic", "expected", "witness", "values", "stats"})
      BOOST_TEST(record.contains(key), "record lacks key " << key << ": " << record.dump());

  const auto* prop1 = find_record(array, "llm.prop1", "cli-uniform-n3-k1");
  BOOST_TEST_REQUIRE(prop1 != nullptr);
  BOOST_TEST((*prop1)["verdict"] == "holds");
  BOOST_TEST((*prop1)["arithmetic"] == "exact");
  BOOST_TEST((*prop1)["expected"] == "holds");
  // hat_theta = 1/sqrt(3) for three symmetric uniform agents with k = 1 (3 t^2 = 1).
  const auto& hat = (*prop1)["values"]["hat_theta"];
  BOOST_TEST_REQUIRE(hat.is_object());
  BOOST_TEST(hat["type"] == "algebraic");
  const std::string text = hat["decimal"].get<std::string>();
  BOOST_TEST(text == "0.57735026918962576450...", "hat_theta = " << text);  // --digits 20, the default
  BOOST_TEST(hat["polynomial"] == "3*x^2 - 1");

  const auto* necessity = find_record(array, "llm.necessity", "cli-uniform-n2-seller");
  BOOST_TEST_REQUIRE(necessity != nullptr);
  BOOST_TEST((*necessity)["verdict"] == "holds");
}

BOOST_AUTO_TEST_CASE(junit_report_is_xml_with_a_testsuite) {
  Scratch s;
  const std::string junit = s.path("run.xml");
  Result r = s.run("suite --junit " + quoted(junit) + " " + quoted(data_dir + "/mismatch"));
  BOOST_TEST(r.status == 1);
  const std::string xml = read_text(junit);
  BOOST_TEST(xml.rfind("<?xml", 0) == 0);
  BOOST_TEST(contains(xml, "<testsuite"));
  BOOST_TEST(contains(xml, "failures=\"1\""));
  BOOST_TEST(contains(xml, "<failure"));
  BOOST_TEST(contains(xml, "<property name=\"case_file\""));
  BOOST_TEST(contains(xml, "<property name=\"mechcheck_version\""));
}

// `check` runs each [[expect]] of the claim with its own drops and says which, on standard error.
BOOST_AUTO_TEST_CASE(check_says_which_drops_an_expectation_brings) {
  Scratch s;
  const Result r = s.run("check finite.monotonicity " +
                         quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/finite/monotonicity-not-bic.toml"));
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.err, "check: finite.monotonicity on "));
  BOOST_TEST(contains(r.err, "monotonicity-not-bic.toml with bic dropped, as its [[expect]] at line 30 asks"));
  BOOST_TEST(contains(r.out, "finite-monotonicity-not-bic (drop bic)"));
  BOOST_TEST(contains(r.out, "2 passed, 0 failed"));
}

// The man page (docs/mechcheck.1) and the bash completion (scripts/completion/mechcheck.bash) name
// every command and every long option that `mechcheck help COMMAND` shows, so neither falls behind.
BOOST_AUTO_TEST_CASE(man_page_and_completion_know_every_command_and_option) {
  Scratch s;
  const std::string man = read_text(std::string(MECHCHECK_SOURCE_DIR) + "/docs/mechcheck.1");
  const std::string completion = read_text(std::string(MECHCHECK_SOURCE_DIR) + "/scripts/completion/mechcheck.bash");
  for (const char* command : {"list", "help", "explain", "check", "suite", "figure", "export", "probe", "findings"}) {
    BOOST_TEST(contains(man, std::string(".B ") + command), command);
    BOOST_TEST(contains(completion, command), command);
    const Result help = s.run(std::string("help ") + command);
    std::istringstream lines(help.out);
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch option;
      if (!std::regex_search(line, option, std::regex(R"(^  (?:-[a-z],)?(--[a-z]+))"))) continue;
      if (option[1] == "--help") continue;
      // roff writes a hyphen as \-.
      const std::string roff = "\\-\\-" + option[1].str().substr(2);
      BOOST_TEST(contains(man, roff), command << " " << option[1]);
      BOOST_TEST(contains(completion, option[1].str()), command << " " << option[1]);
    }
  }
  // The completion itself, in bash: commands, claim ids from the program, hypothesis names.
  const std::string script = s.write(
      "complete.sh", "source " + quoted(std::string(MECHCHECK_SOURCE_DIR) + "/scripts/completion/mechcheck.bash") +
                         "\ncomplete_words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); "
                         "COMPREPLY=(); _mechcheck; echo \"${COMPREPLY[*]}\"; }\n"
                         "complete_words " MECHCHECK_CLI
                         " ch\n"
                         "complete_words " MECHCHECK_CLI
                         " check finite.myerson\n"
                         "complete_words " MECHCHECK_CLI " check finite.bic --drop overl\n");
  const std::string out = s.path("completions.txt");
  BOOST_TEST(std::system(("bash " + quoted(script) + " > " + quoted(out)).c_str()) == 0);
  BOOST_TEST(read_text(out) == "check\nfinite.myerson_satterthwaite\noverlapping_supports\n");
}

// Without a terminal (CI, pipes) a run logs one line per finished check on standard error, with
// its verdict; -q silences it.
BOOST_AUTO_TEST_CASE(a_log_line_per_finished_check_without_a_terminal) {
  Scratch s;
  const std::string cases = quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/vickrey");
  const Result logged = s.run("suite " + cases);
  BOOST_TEST(logged.status == 0);
  std::istringstream lines(logged.err);
  std::string line;
  int finished = 0;
  while (std::getline(lines, line))
    finished += std::regex_match(
        line,
        std::regex(R"(\[[123]/3\] vickrey\.revenue_equivalence vickrey-\S+: (holds|refuted) \([0-9]+\.[0-9]{2} s\))"));
  BOOST_TEST(finished == 3, logged.err);
  const Result quiet = s.run("suite -q " + cases);
  BOOST_TEST(quiet.err.empty());
}

// `-` names standard output: the report alone there (the table goes to standard error), no file
// named "-" is written; two reports cannot both go there.
BOOST_AUTO_TEST_CASE(a_dash_writes_the_report_to_standard_output) {
  Scratch s;
  const std::string cases = quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/vickrey");
  const Result json = s.run("suite --json - " + cases);
  BOOST_TEST(json.status == 0);
  BOOST_TEST(nlohmann::json::parse(json.out).at("results").size() == 3u);
  BOOST_TEST(contains(json.err, "3 passed, 0 failed"));
  BOOST_TEST(!std::filesystem::exists(s.path("-")));
  BOOST_TEST(!std::filesystem::exists("-"));
  const Result junit = s.run("suite --junit - " + cases);
  BOOST_TEST(junit.out.rfind("<?xml", 0) == 0);
  const Result both = s.run("suite --json - --junit - " + cases);
  BOOST_TEST(both.status == 2);
  BOOST_TEST(contains(both.err, "both name standard output"));
}

// The probe's report follows the same convention: `--json -` is standard output (the table then on
// standard error), and no file named "-" appears. `--out` names a directory, never standard output.
BOOST_AUTO_TEST_CASE(probe_report_to_standard_output) {
  Scratch s;
  const Result r = s.run("probe finite.monotonicity --report --json - --budget 1");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(nlohmann::json::parse(r.out).at("results").size() == 2u);
  BOOST_TEST(nlohmann::json::parse(r.out).at("command") == "probe");
  BOOST_TEST(contains(r.err, "each named hypothesis dropped alone"));
  BOOST_TEST(!std::filesystem::exists("-"));
  // Run inside the scratch directory, where "-" is a regular file: `--out -` is refused as a
  // directory that is a file, and the file is left alone.
  std::ofstream(s.path("-")) << "keep";
  const std::string command = "cd " + quoted(s.dir.string()) + " && " + quoted(MECHCHECK_CLI) +
                              " probe finite.monotonicity --drop bic --budget 1 --out - > out.txt 2> err.txt";
  const int raw = std::system(command.c_str());
  BOOST_TEST((WIFEXITED(raw) && WEXITSTATUS(raw) == 2));
  BOOST_TEST(contains(read_text(s.path("err.txt")), "option --out '-'"), read_text(s.path("err.txt")));
  BOOST_TEST(read_text(s.path("-")) == "keep");
}

// --version names the commit and the numeric libraries' versions as they report them.
BOOST_AUTO_TEST_CASE(version_names_the_commit_and_the_libraries) {
  Scratch s;
  const Result r = s.run("--version");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("mechcheck 0.", 0) == 0);
  BOOST_TEST(contains(r.out, "(commit "));
  for (const char* library :
       {"GMP 6.", "MPFR 4.", "MPFI 1.", "FLINT ", "Arb ", "Calcium ", "cddlib 0.", "Boost 1.", "oneTBB "})
    BOOST_TEST(contains(r.out, library), library);
}

// xmllint's verdict on `file` against the schema of tests/data/junit/junit.xsd (0: valid).
int xmllint_status(const std::string& file) {
  const std::string command = "xmllint --noout --schema " +
                              quoted(std::string(MECHCHECK_SOURCE_DIR) + "/tests/data/junit/junit.xsd") + " " +
                              quoted(file) + " 2>&1";
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

// The JUnit report of a suite with passes and a failure, over three case files, is valid
// against the common schema (tests/data/junit/junit.xsd, checked by xmllint), its times are
// fixed-point, and names that need escaping are escaped.
BOOST_AUTO_TEST_CASE(junit_report_is_valid_against_the_common_schema) {
  Scratch s;
  const std::string junit = s.path("run.xml");
  const std::string cases = std::string(MECHCHECK_SOURCE_DIR) + "/cases";
  Result r = s.run("suite --junit " + quoted(junit) + " " + quoted(cases + "/vickrey") + " " +
                   quoted(data_dir + "/mismatch") + " " + quoted(cases + "/finite/first-price-truthful.toml"));
  BOOST_TEST(r.status == 1);
  const std::string xml = read_text(junit);
  BOOST_TEST(xmllint_status(junit) == 0);
  BOOST_TEST(!contains(xml, "e-0"));  // no exponent in any time
  BOOST_TEST(contains(xml, "<testcase classname=\"vickrey."));
  // A seeded fault in the writer's output: an exponent in a time is rejected by the schema.
  std::string exponent = xml;
  const auto at = exponent.find("time=\"");
  exponent.replace(at, exponent.find('"', at + 6) - at + 1, "time=\"1e-05\"");
  const std::string bad = s.write("bad.xml", exponent);
  BOOST_TEST(xmllint_status(bad) != 0);
}

// A value asserted in [[expect]] and not as reported: MISMATCH, status 1, and a line naming the
// assertion's file:line:col, the value, the expected and the computed; the JSON report has it too.
BOOST_AUTO_TEST_CASE(an_asserted_value_that_differs_is_a_mismatch_with_its_position) {
  Scratch s;
  const std::string source = std::string(MECHCHECK_SOURCE_DIR) + "/cases/finite/myerson-satterthwaite-subsidy-6x6.toml";
  std::string text = read_text(source);
  const std::string right = "minimal_expected_subsidy = \"5/36\"";
  const auto at = text.find(right);
  BOOST_TEST_REQUIRE(at != std::string::npos);
  const Result met = s.run("check finite.design " + quoted(source) + " --json " + quoted(s.path("met.json")));
  BOOST_TEST(met.status == 0);
  text.replace(at, right.size(), "minimal_expected_subsidy = \"1/6\"");
  const std::string wrong = s.path("wrong.toml");
  std::ofstream(wrong) << text;
  std::size_t line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
  const std::size_t column = at - text.rfind('\n', at) + std::string("minimal_expected_subsidy = ").size();
  const Result r = s.run("check finite.design " + quoted(wrong) + " --json " + quoted(s.path("run.json")));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.out, "MISMATCH"));
  BOOST_TEST(contains(r.out, wrong + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                 ": value minimal_expected_subsidy: expected 1/6, computed 5/36"),
             r.out);
  const auto report = nlohmann::json::parse(read_text(s.path("run.json")));
  const auto& mismatch = report.at("results")[0].at("value_mismatches")[0];
  BOOST_TEST(mismatch.at("key") == "minimal_expected_subsidy");
  BOOST_TEST(mismatch.at("computed") == "5/36");
  BOOST_TEST(report.at("results")[0].at("met") == false);
  BOOST_TEST(report.at("results")[0].at("verdict") == "holds");
}

// --drop on the command line: an expectation stated with every hypothesis is set aside (a note says
// why) and the verdict is reported; --expect compares it instead.
BOOST_AUTO_TEST_CASE(a_command_line_drop_reports_the_verdict_and_says_why) {
  Scratch s;
  const std::string c = quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/finite/myerson-satterthwaite-6x4.toml");
  const Result plain = s.run("check finite.myerson_satterthwaite " + c + " --drop efficiency");
  BOOST_TEST(plain.status == 0);
  BOOST_TEST(contains(plain.out, "refuted"));
  BOOST_TEST(!contains(plain.out, "MISMATCH"));
  BOOST_TEST(contains(plain.err, "checks another statement, so the verdict is reported, not compared"), plain.err);
  const Result expect = s.run("check finite.myerson_satterthwaite " + c + " --drop efficiency --expect refuted");
  BOOST_TEST(expect.status == 0);
  const Result wrong = s.run("check finite.myerson_satterthwaite " + c + " --drop efficiency --expect holds");
  BOOST_TEST(wrong.status == 1);
  BOOST_TEST(contains(wrong.out, "MISMATCH"));
  const Result bad = s.run("check finite.myerson_satterthwaite " + c + " --expect maybe");
  expect_input_error(bad, "option --expect", "unknown verdict 'maybe'");
}

// --timeout: a check still running is stopped at its next progress report, inconclusive, with the
// share of its work done; a bad value is refused before any work.
BOOST_AUTO_TEST_CASE(timeout_ends_a_check_as_inconclusive) {
  Scratch s;
  const std::string c = quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/theorem2-drop-epsilon-positive.toml");
  const Result r = s.run("check mat.theorem2 " + c + " --timeout 0.001 --expect inconclusive --threads 1 -v");
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(contains(r.out, "stopped by --timeout with about"), r.out);
  BOOST_TEST(contains(r.out, "% of its work done"), r.out);
  for (const char* value : {"0", "-1", "x", "1e9"}) {
    const Result bad = s.run("check mat.theorem2 " + c + " --timeout " + value);
    BOOST_TEST(bad.status == 2, value);
    BOOST_TEST(contains(bad.err, "option --timeout"), bad.err);
  }
}

// --digits N: N certified significant digits, truncated, "..." after them.
BOOST_AUTO_TEST_CASE(digits_sets_the_certified_digits_shown) {
  Scratch s;
  const std::string c = quoted(data_dir + "/good/uniform-n3-k1.toml");
  for (int digits : {5, 40}) {
    const Result r = s.run("check llm.prop1 " + c + " -v --digits " + std::to_string(digits));
    BOOST_TEST(r.status == 0);
    const auto at = r.out.find("hat_theta = ");
    BOOST_TEST_REQUIRE(at != std::string::npos, r.out);
    const std::string shown = r.out.substr(at + 12, r.out.find(' ', at + 12) - at - 12);
    BOOST_TEST(significant_digits(shown) == digits, shown);
    BOOST_TEST(shown.substr(shown.size() - 3) == "...", shown);
    // 1/sqrt(3) = 0.577350269189625764509148780501957455647601751270...
    BOOST_TEST(
        std::string("0.5773502691896257645091487805019574556476").rfind(shown.substr(0, shown.size() - 3), 0) == 0u,
        shown);
  }
  const Result bad = s.run("check llm.prop1 " + c + " --digits 0");
  BOOST_TEST(bad.status == 2);
}

BOOST_AUTO_TEST_CASE(a_run_with_a_mismatch_still_writes_the_whole_json) {
  Scratch s;
  const std::string json = s.path("run.json");
  Result r = s.run("suite --json " + quoted(json) + " " + quoted(data_dir + "/mismatch"));
  BOOST_TEST(r.status == 1);
  const auto array = nlohmann::json::parse(read_text(json)).at("results");
  BOOST_TEST_REQUIRE(array.size() == 1u);
  BOOST_TEST(array[0]["verdict"] == "holds");
  BOOST_TEST(array[0]["expected"] == "refuted");
  BOOST_TEST(array[0]["met"] == false);
}

BOOST_AUTO_TEST_CASE(bad_input_runs_nothing_and_leaves_no_report) {
  Scratch s;
  const std::string json = s.path("run.json"), junit = s.path("run.xml");
  // The good file comes first: it must not be checked before the bad one is found.
  Result r = s.run("check llm.prop1 --json " + quoted(json) + " --junit " + quoted(junit) + " " +
                   good("uniform-n3-k1.toml") + " " + bad("k-out-of-range.toml"));
  expect_input_error(r, "k-out-of-range.toml:11:5", "k_i must lie in (0, 1]");
  BOOST_TEST(!fs::exists(json));
  BOOST_TEST(!fs::exists(junit));
  for (const auto& entry : fs::directory_iterator(s.dir))
    BOOST_TEST(entry.path().extension() != ".partial", "left behind: " << entry.path());
}

// ---- exit status 2: case files ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(toml_float_where_a_rational_is_expected) {
  Scratch s;
  expect_input_error(s.run("check llm.prop1 " + bad("float-rational.toml")), "float-rational.toml:11:5",
                     "TOML float is not exact");
}

BOOST_AUTO_TEST_CASE(histogram_probabilities_not_summing_to_one) {
  Scratch s;
  expect_input_error(s.run("check llm.prop1 " + bad("histogram-sum.toml")), "histogram-sum.toml:12:21",
                     "must sum to 1, but they sum to 3/4");
}

BOOST_AUTO_TEST_CASE(k_outside_zero_one) {
  Scratch s;
  expect_input_error(s.run("check llm.prop1 " + bad("k-out-of-range.toml")), "k-out-of-range.toml:11:5", "k = 3/2");
}

BOOST_AUTO_TEST_CASE(sum_of_k_not_above_one) {
  Scratch s;
  expect_input_error(s.run("check llm.prop1 " + bad("k-sum-not-scarce.toml")), "k-sum-not-scarce.toml:10:1",
                     "sum of the k_i must be above 1, but it is 1");
}

BOOST_AUTO_TEST_CASE(decreasing_cdf) {
  Scratch s;
  expect_input_error(s.run("check llm.prop1 " + bad("cdf-decreasing.toml")), "cdf-decreasing.toml:13:7",
                     "nondecreasing");
}

BOOST_AUTO_TEST_CASE(unknown_claim_in_expect) {
  Scratch s;
  // Line 20, column 9 is the value "llm.prop99" of the second [[expect]] table.
  expect_input_error(s.run("suite " + bad("unknown-claim.toml")), "unknown-claim.toml:20:9",
                     "unknown claim 'llm.prop99'");
}

BOOST_AUTO_TEST_CASE(toml_syntax_error) {
  Scratch s;
  Result r = s.run("check llm.prop1 " + bad("syntax-error.toml"));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  // The unclosed array opens on line 7; the parser notices it at or after that line.
  BOOST_TEST(std::regex_search(r.err, std::regex(R"(syntax-error\.toml:[78]:[0-9]+: TOML syntax error)")),
             "stderr: " << r.err);
}

BOOST_AUTO_TEST_CASE(every_bad_file_of_a_suite_is_reported) {
  Scratch s;
  Result r = s.run("suite " + quoted(data_dir + "/bad"));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  std::istringstream lines(r.err);
  std::string line;
  int errors = 0;
  while (std::getline(lines, line)) errors += line.rfind("mechcheck: error: ", 0) == 0;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(data_dir + "/bad")) files += entry.path().extension() == ".toml";
  BOOST_TEST(errors == files);
}

BOOST_AUTO_TEST_CASE(duplicate_expectation_for_one_claim) {
  Scratch s;
  expect_input_error(s.run("suite " + bad("duplicate-expect.toml")), "duplicate-expect.toml:20:9",
                     "a second [[expect]] for claim 'llm.prop1' with no hypothesis dropped (the first is at line 16)");
}

BOOST_AUTO_TEST_CASE(claim_of_another_model) {
  Scratch s;
  // A claim reading another model than llm, found through `list` and `explain`.
  std::istringstream ids(s.run("list").out);
  std::string line, other;
  while (other.empty() && std::getline(ids, line)) {
    const std::string id = line.substr(0, line.find(' '));
    if (!contains(s.run("explain " + id).out, "Model: llm ")) other = id;
  }
  if (other.empty()) {
    BOOST_TEST_MESSAGE("no claim of a model other than llm is registered: nothing to check");
    return;
  }
  // On the command line: the case file is named with the rule.
  Result check = s.run("check " + other + " " + good("uniform-n3-k1.toml"));
  expect_input_error(check, "good/uniform-n3-k1.toml", "claim '" + other + "' reads cases of model");
  // In an [[expect]]: at its line and column.
  const std::string file = s.path("other-model.toml"), text = read_text(data_dir + "/good/uniform-n3-k1.toml");
  std::ofstream(file) << text << "\n[[expect]]\nclaim = \"" << other << "\"\nverdict = \"holds\"\n";
  const auto expect_line = std::count(text.begin(), text.end(), '\n') + 2;
  Result suite = s.run("suite " + quoted(file));
  expect_input_error(suite, "other-model.toml:" + std::to_string(expect_line + 1) + ":9",
                     "claim '" + other + "' reads cases of model");
}

// ---- exit status 2: command line ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(unknown_drop_name) {
  Scratch s;
  Result r = s.run("check llm.prop1 --drop no_such_hypothesis " + good("uniform-n3-k1.toml"));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(contains(r.err, "mechcheck: error: option --drop"));
  BOOST_TEST(contains(r.err, "no_such_hypothesis"));
  BOOST_TEST(contains(r.err, "common_worst_off"));  // says which names exist
}

BOOST_AUTO_TEST_CASE(zero_threads) {
  Scratch s;
  Result r = s.run("suite --threads 0 " + quoted(data_dir + "/good"));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(contains(r.err, "mechcheck: error: option --threads"));
}

BOOST_AUTO_TEST_CASE(unknown_claim_on_the_command_line) {
  Scratch s;
  Result r = s.run("check llm.no_such_claim " + good("uniform-n3-k1.toml"));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, "mechcheck: error: argument CLAIM: unknown claim 'llm.no_such_claim'"));
  Result explain = s.run("explain llm.no_such_claim");
  BOOST_TEST(explain.status == 2);
  BOOST_TEST(contains(explain.err, "argument CLAIM"));
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_and_help_exits_0) {
  Scratch s;
  for (const char* arguments :
       {"", "frobnicate", "check", "check llm.prop1", "suite --bogus", "suite --threads x", "suite --threads -1"}) {
    Result r = s.run(arguments);
    BOOST_TEST(r.status == 2, "mechcheck " << arguments << " exited " << r.status);
    BOOST_TEST(r.err.rfind("mechcheck: error: ", 0) == 0, "stderr: " << r.err);
  }
  for (const char* arguments : {"--help", "check --help", "suite --help"}) {
    Result r = s.run(arguments);
    BOOST_TEST(r.status == 0, "mechcheck " << arguments << " exited " << r.status);
    BOOST_TEST(contains(r.out, "Usage:"));
  }
}

// ---- list and explain -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(list_names_every_claim_with_paper_arithmetic_and_hypotheses) {
  Scratch s;
  Result r = s.run("list");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(
      std::regex_search(
          r.out,
          std::regex(
              R"((^|\n)llm\.prop1 +Liu, Loertscher & Marx \(2020\) +exact +\S.* +hypotheses: common_worst_off\n)")),
      "list: " << r.out);
  for (const char* id : {"llm.prop2", "llm.lemma2", "llm.necessity"}) BOOST_TEST(contains(r.out, id));
  // --json: every claim of the table, with its statement and its hypotheses.
  const Result json = s.run("list --json");
  BOOST_TEST(json.status == 0);
  const auto claims = nlohmann::json::parse(json.out);
  std::size_t rows = 0;
  for (char ch : r.out) rows += ch == '\n';
  BOOST_TEST(claims.size() == rows);
  bool found = false;
  for (const auto& c : claims)
    if (c["id"] == "finite.myerson_satterthwaite") {
      found = true;
      BOOST_TEST(c["arithmetic"] == "exact");
      BOOST_TEST(c["hypotheses"].size() == 6u);
      BOOST_TEST(c["hypotheses"][0]["necessity"] == "counterexample");
      BOOST_TEST(!c["statement"].get<std::string>().empty());
    }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(explain_describes_hypotheses_for_drop) {
  Scratch s;
  Result r = s.run("explain llm.necessity");
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "distinct_worst_off:"));
  BOOST_TEST(contains(r.out, "--drop"));
  BOOST_TEST(contains(r.out, "Model: llm"));
  BOOST_TEST(contains(r.out, "Arithmetic: exact"));
}

BOOST_AUTO_TEST_CASE(figure_writes_csv_and_svg_and_rejects_unknown_ids) {
  Scratch s;
  const std::string figure_case = std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/figure1.toml";
  Result r = s.run("figure llm.fig1 " + quoted(figure_case) + " --out " + quoted(s.path("fig")));
  BOOST_TEST(r.status == 0);
  const std::string csv = read_text(s.path("fig/figure1.csv"));
  BOOST_TEST(contains(csv, "k1,interior_revenue,cornered_revenue"));
  BOOST_TEST(contains(csv, "61/540"));  // cornered revenue at k1 = 1/90, exactly
  BOOST_TEST(contains(read_text(s.path("fig/figure1.svg")), "<svg"));
  Result bad = s.run("figure llm.nope " + quoted(figure_case) + " --out " + quoted(s.path("fig")));
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(contains(bad.err, "argument FIGURE"));
}

// ---- probe --report: the table, the JSON and the written cases ----------------------------

BOOST_AUTO_TEST_CASE(probe_report_writes_a_complete_json_and_a_case_per_necessary_hypothesis) {
  Scratch s;
  Result r = s.run("probe hw.lemma2 --report --seed 1 --budget 3 --out " + quoted(s.path("found")) + " --json " +
                   quoted(s.path("report.json")));
  BOOST_TEST(r.status == 0);
  BOOST_TEST(contains(r.out, "epsilon_positive"));
  BOOST_TEST(contains(r.out, "necessary"));
  BOOST_TEST(contains(r.out, "survived"));  // Cobb-Douglas economies keep gross substitutes
  const auto json = nlohmann::json::parse(read_text(s.path("report.json"))).at("results");
  BOOST_REQUIRE_EQUAL(json.size(), 3u);  // epsilon_positive, utility_assumptions, gross_substitutes
  const auto& eps = json[0];
  BOOST_TEST(eps["claim"] == "hw.lemma2");
  BOOST_TEST(eps["hypothesis"] == "epsilon_positive");
  BOOST_TEST(eps["necessary"] == true);
  BOOST_TEST(eps["seed"] == 1);
  BOOST_TEST(eps["search"]["minimal"] == true);
  const std::string case_path = eps["counterexample"]["case"];
  BOOST_TEST(fs::exists(case_path));
  BOOST_TEST(contains(eps["counterexample"]["reproduce"].get<std::string>(), "--drop epsilon_positive"));
  // The written case reproduces the refutation through `check`.
  Result again = s.run("check hw.lemma2 " + quoted(case_path) + " --drop epsilon_positive");
  BOOST_TEST(again.status == 0);
  BOOST_TEST(contains(again.out, "refuted"));
  for (const auto& row : json) {
    BOOST_TEST(row["search"].contains("random_economies"));
    BOOST_TEST(row["search"].contains("verdicts"));
    BOOST_TEST(row["search"].contains("exhaustive_checked"));
    BOOST_TEST(row.contains("seconds"));
  }
}

BOOST_AUTO_TEST_CASE(probe_rejects_bad_settings_and_json_without_report) {
  Scratch s;
  Result bad_set = s.run("probe hw.lemma2 --drop epsilon_positive --set types=9");
  BOOST_TEST(bad_set.status == 2);
  BOOST_TEST(contains(bad_set.err, "option --set types=9"));
  Result json_alone = s.run("probe hw.lemma2 --drop epsilon_positive --json " + quoted(s.path("r.json")));
  BOOST_TEST(json_alone.status == 2);
  BOOST_TEST(contains(json_alone.err, "option --json"));
  BOOST_TEST(!fs::exists(s.path("r.json")));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- hostile command lines: numbers, outputs, special files -------------------------------

BOOST_AUTO_TEST_SUITE(cli_hostile)

// Regression: `--limit -1` became 2^64 - 1 (disabling the enumeration guard) and `--seed -1` or
// `--seed 10^26` silently became 2^64 - 1. Numbers are whole decimal numbers in a stated range.
BOOST_AUTO_TEST_CASE(numbers_are_checked_not_wrapped_or_clamped) {
  Scratch s;
  const std::string c = good("uniform-n3-k1.toml");
  const std::string m = quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/theorem2-smallest.toml");
  const std::vector<std::pair<std::string, std::string>> table = {
      {"check llm.prop1 --limit -1 " + c,
       "option --limit: must be a whole number in [1, 1000000000000000000] written in decimal digits, but it is '-1'"},
      {"check llm.prop1 --limit 0 " + c, "option --limit: must be a whole number in [1, "},
      {"check llm.prop1 --limit 1e6 " + c, "but it is '1e6'"},
      {"check llm.prop1 --limit 99999999999999999999999 " + c, "'99999999999999999999999' (too large)"},
      {"check llm.prop1 --threads 1.5 " + c, "option --threads: must be a whole number in [1, 1024]"},
      {"suite --threads 4096 " + quoted(data_dir + "/good"), "option --threads: must be a whole number in [1, 1024]"},
      {"probe llm.prop1 --drop common_worst_off --seed -1",
       "option --seed: must be a whole number in [0, 18446744073709551615] written in decimal digits, but it is '-1'"},
      {"probe llm.prop1 --drop common_worst_off --seed 100000000000000000000000000",
       "'100000000000000000000000000' (too large)"},
      {"probe llm.prop1 --drop common_worst_off --seed 18446744073709551616", "(too large)"},
      {"probe llm.prop1 --drop common_worst_off --seed 0x10", "option --seed"},
      {"probe llm.prop1 --drop common_worst_off --budget nan", "option --budget: seconds in (0, 86400]"},
      {"probe llm.prop1 --drop common_worst_off --budget 0", "option --budget: seconds in (0, 86400]"},
      {"probe llm.prop1 --drop common_worst_off --budget 1e9", "option --budget"},
      {"probe llm.prop1 --drop common_worst_off --limit -5", "option --limit"},
      {"export mat.nfg " + m + " --set trader=-1 --out " + quoted(s.path("g.nfg")),
       "option --set trader: must be a whole number in [1, 1000000]"},
      {"export mat.nfg " + m + " --set trader=1 --set limit=-1 --out " + quoted(s.path("g.nfg")), "option --set limit"},
      {"export mat.nfg " + m + " --set trader=1 --set whole=maybe --out " + quoted(s.path("g.nfg")),
       "option --set whole: must be yes or no"},
      {"export mat.nfg " + m + " --set colour=red --out " + quoted(s.path("g.nfg")),
       "option --set: export mat.nfg has no setting 'colour'"},
      {"export mat.nfg " + m + " --set trader --out " + quoted(s.path("g.nfg")), "option --set: must be NAME=VALUE"},
      {"export mat.nfg " + m + " --set trader=1 --set trader=2 --out " + quoted(s.path("g.nfg")),
       "option --set: 'trader' is set twice"},
      {"export mat.game " + c + " --out " + quoted(s.path("g.nfg")),
       "argument EXPORT: no export 'mat.game' (known: mat.nfg)"},
  };
  for (const auto& [arguments, rule] : table) {
    Result r = s.run(arguments);
    BOOST_TEST(r.status == 2, arguments);
    BOOST_TEST(r.out.empty(), arguments << ": " << r.out);
    BOOST_TEST(contains(r.err, "mechcheck: error: " + rule.substr(0, rule.find(':') + 1)), arguments << ": " << r.err);
    BOOST_TEST(contains(r.err, rule), arguments << ": " << r.err);
  }
  // 2^64 - 1 itself is a seed (a refusal to run would be exit 2; any search result is 0 or 1).
  BOOST_TEST(s.run("probe llm.prop1 --drop common_worst_off --seed 18446744073709551615 --budget 0.2").status != 2);
}

// Regression: `--json CASE` overwrote the case file it was reading.
BOOST_AUTO_TEST_CASE(an_output_naming_an_input_is_refused_and_the_input_untouched) {
  Scratch s;
  const std::string input = s.path("input.toml"), original = read_text(data_dir + "/good/uniform-n3-k1.toml");
  std::ofstream(input) << original;
  ::link(input.c_str(), s.path("hard-link.toml").c_str());
  for (const std::string& output :
       {input, s.path("./input.toml"), s.path("sub/../input.toml"), s.path("hard-link.toml")}) {
    std::filesystem::create_directories(s.path("sub"));
    for (const char* option : {"--json", "--junit"}) {
      Result r = s.run("check llm.prop1 " + std::string(option) + " " + quoted(output) + " " + quoted(input));
      expect_input_error(r, std::string("option ") + option + " '" + output + "'",
                         "is the case file '" + input + "' that this run reads; writing there would overwrite it");
      BOOST_TEST(read_text(input) == original);
    }
  }
  Result suite = s.run("suite --json " + quoted(input) + " " + quoted(s.dir.string()));
  BOOST_TEST(suite.status == 2);
  BOOST_TEST(read_text(input) == original);
  Result nfg = s.run("export mat.nfg " + quoted(input) + " --set trader=1 --out " + quoted(input));
  BOOST_TEST(nfg.status == 2);
  BOOST_TEST(contains(nfg.err, "option --out '" + input + "': is the case file"));
  BOOST_TEST(read_text(input) == original);
}

// Regression: `--json rep/a --junit ./rep/a` wrote both reports to one file.
BOOST_AUTO_TEST_CASE(two_outputs_naming_one_file_are_refused) {
  Scratch s;
  std::filesystem::create_directories(s.path("rep"));
  Result r = s.run("suite --json " + quoted(s.path("rep/a")) + " --junit " + quoted(s.path("./rep/a")) + " " +
                   quoted(data_dir + "/good"));
  expect_input_error(r, "options --json '" + s.path("rep/a") + "' and --junit '" + s.path("./rep/a") + "'",
                     "name the same file; one output would overwrite the other");
  BOOST_TEST(!fs::exists(s.path("rep/a")));
}

// Regression: an unwritable output was found only after the whole run. /proc refuses new files
// even to root.
BOOST_AUTO_TEST_CASE(unwritable_outputs_are_found_before_anything_runs) {
  Scratch s;
  Result json = s.run("suite --json /proc/mechcheck-report.json " + quoted(data_dir + "/good"));
  expect_input_error(json, "option --json '/proc/mechcheck-report.json'", "cannot create files in directory '/proc'");
  Result fifo_out = [&] {
    ::mkfifo(s.path("fifo").c_str(), 0600);
    return s.run("suite --junit " + quoted(s.path("fifo")) + " " + quoted(data_dir + "/good"));
  }();
  expect_input_error(fifo_out, "option --junit '" + s.path("fifo") + "'", "is a FIFO (named pipe)");
  BOOST_TEST(fs::is_fifo(s.path("fifo")));  // not replaced
  // A device node of our own, never /dev/null: run as root, a regression that renamed the report
  // over /dev/null would replace the machine's /dev/null with a regular file.
  if (::mknod(s.path("null-device").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
    Result device = s.run("check llm.prop1 --json " + quoted(s.path("null-device")) + " " + good("uniform-n3-k1.toml"));
    expect_input_error(device, "option --json '" + s.path("null-device") + "'", "is a character device");
    BOOST_TEST(fs::is_character_file(s.path("null-device")));
  }
  Result probe_out = s.run("probe llm.prop1 --drop common_worst_off --budget 0.5 --out /proc/mechcheck-found");
  expect_input_error(probe_out, "option --out '/proc/mechcheck-found'", "cannot be created in '/proc'");
  Result nfg_out =
      s.run("export mat.nfg " + quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/mat/theorem2-smallest.toml") +
            " --set trader=1 --out /proc/g.nfg");
  expect_input_error(nfg_out, "option --out '/proc/g.nfg'", "cannot create files in directory '/proc'");
}

// Regression: two runs writing one --json path shared PATH.partial. Four concurrent suites must
// all succeed and leave one whole report.
BOOST_AUTO_TEST_CASE(concurrent_runs_on_one_json_path) {
  Scratch s;
  const std::string json = s.path("run.json");
  std::string command;
  for (int k = 0; k < 4; ++k)
    command += "( " + quoted(MECHCHECK_CLI) + " suite -q --json " + quoted(json) + " " + quoted(data_dir + "/good") +
               " >/dev/null 2>" + quoted(s.path("err" + std::to_string(k))) + "; echo $? >" +
               quoted(s.path("status" + std::to_string(k))) + " ) & ";
  std::system((command + "wait").c_str());
  for (int k = 0; k < 4; ++k) {
    BOOST_TEST(read_text(s.path("status" + std::to_string(k))) == "0\n", read_text(s.path("err" + std::to_string(k))));
  }
  BOOST_TEST(nlohmann::json::parse(read_text(json)).at("results").size() == 4u);
  for (const auto& entry : fs::directory_iterator(s.dir))
    BOOST_TEST(entry.path().extension() != ".partial", "left behind: " << entry.path());
}

// Regression: /dev/null and a FIFO were "no such case file"; a FIFO must not be read (it would block).
BOOST_AUTO_TEST_CASE(special_files_given_as_case_files) {
  Scratch s;
  ::mkfifo(s.path("pipe.toml").c_str(), 0600);
  Result null = s.run("check llm.prop1 /dev/null");
  expect_input_error(null, "/dev/null", "is a character device, not a case file");
  Result fifo = s.run("check llm.prop1 " + quoted(s.path("pipe.toml")));
  expect_input_error(fifo, s.path("pipe.toml"), "is a FIFO (named pipe), not a case file");
  Result in_suite = s.run("suite " + quoted(s.dir.string()));
  expect_input_error(in_suite, s.path("pipe.toml"), "is a FIFO (named pipe), not a case file");
  Result as_dir = s.run("suite " + quoted(s.path("pipe.toml")));
  expect_input_error(as_dir, "argument DIR '" + s.path("pipe.toml") + "'", "is a FIFO (named pipe), not a directory");
}

// Regression: `check` on a directory without case files said "0 passed, 0 failed" and exited 0.
BOOST_AUTO_TEST_CASE(a_directory_without_case_files_is_an_error) {
  Scratch s;
  fs::create_directories(s.path("empty"));
  Result r = s.run("check llm.prop1 " + quoted(s.path("empty")));
  expect_input_error(r, "argument CASE '" + s.path("empty") + "'", "a directory without case files (*.toml)");
  Result suite = s.run("suite " + quoted(s.path("empty")));
  BOOST_TEST(suite.status == 2);
  BOOST_TEST(contains(suite.err, "no case files (*.toml) under " + s.path("empty")));
}

// Regression: "A subcommand is required" did not name the unknown command. A near miss (at most
// two edits, one nearest command) is suggested; a word near none, or near two, is not.
BOOST_AUTO_TEST_CASE(an_unknown_command_is_named_with_the_nearest) {
  Scratch s;
  const std::string commands = "(commands: list, help, explain, check, suite, figure, export, probe, findings)";
  const std::pair<const char*, const char*> cases[] = {{"frobnicate", ""},
                                                       {"chekc llm.prop1 x.toml", "check"},
                                                       {"Suite", "suite"},
                                                       {"expalin", "explain"},
                                                       {"lst", "list"}};
  for (const auto& [arguments, nearest] : cases) {
    Result r = s.run(arguments);
    BOOST_TEST(r.status == 2);
    const std::string word = std::string(arguments).substr(0, std::string(arguments).find(' '));
    const std::string hint = *nearest ? ", did you mean '" + std::string(nearest) + "'?" : "";
    BOOST_TEST(contains(r.err, "mechcheck: error: unknown command '" + word + "'" + hint + " " + commands), r.err);
  }
}

// No arguments: the usage on standard error, status 2. `help` and `help COMMAND` print usages.
BOOST_AUTO_TEST_CASE(usage_and_help_of_a_command) {
  Scratch s;
  const Result bare = s.run("");
  BOOST_TEST(bare.status == 2);
  BOOST_TEST(contains(bare.err, "Usage: mechcheck [OPTIONS] SUBCOMMAND"));
  const Result help = s.run("help");
  BOOST_TEST(help.status == 0);
  BOOST_TEST(contains(help.out, "Usage: mechcheck [OPTIONS] SUBCOMMAND"));
  const Result check = s.run("help check");
  BOOST_TEST(check.status == 0);
  BOOST_TEST(contains(check.out, "Check one claim on case files"));
  BOOST_TEST(contains(check.out, "--drop"));
  const Result wrong = s.run("help chek");
  BOOST_TEST(wrong.status == 2);
  BOOST_TEST(contains(wrong.err, "did you mean 'check'?"));
}

// Regression: `figure --out FILE` failed with a raw filesystem error after computing the figure.
BOOST_AUTO_TEST_CASE(figure_out_is_checked_before_computing) {
  Scratch s;
  const std::string figure_case = quoted(std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/figure1.toml");
  std::ofstream(s.path("file")) << "keep";
  Result r = s.run("figure llm.fig1 " + figure_case + " --out " + quoted(s.path("file")));
  expect_input_error(r, "option --out '" + s.path("file") + "'", "is a regular file, not a directory");
  BOOST_TEST(read_text(s.path("file")) == "keep");
  Result under = s.run("figure llm.fig1 " + figure_case + " --out " + quoted(s.path("file/sub")));
  expect_input_error(under, "option --out '" + s.path("file/sub") + "'", "is a regular file, not a directory");
  Result proc = s.run("figure llm.fig1 " + figure_case + " --out /proc/mechcheck-figure");
  expect_input_error(proc, "option --out '/proc/mechcheck-figure'", "cannot be created in '/proc'");
  Result input = s.run("figure llm.fig1 " + figure_case + " --out " + figure_case);
  BOOST_TEST(input.status == 2);
}

// `figure ID CASE` checks the figure's claim's own preconditions (Claim::validate) before
// computing, exactly as `check ID CASE` does: a case that check refuses with exit 2, figure
// refuses too, with the same message, and writes nothing.
BOOST_AUTO_TEST_CASE(figure_applies_the_claims_preconditions_like_check) {
  Scratch s;
  const std::string source = MECHCHECK_SOURCE_DIR;
  const std::vector<std::pair<std::string, std::string>> table = {
      {"llm.fig1", source + "/cases/llm/uniform-n2-k1.toml"},  // n = 2: not Figure 1's economy
      {"hw.prop2", source + "/cases/hw/lemma1-case-i.toml"},   // no information structure
      {"mat.convergence", source + "/cases/mat/theorem2-smallest.toml"},
  };
  int refused = 0;
  for (const auto& [id, file] : table) {
    Result check = s.run("check " + id + " " + quoted(file));
    Result figure = s.run("figure " + id + " " + quoted(file) + " --out " + quoted(s.path(id)));
    if (check.status != 2) {
      BOOST_TEST_MESSAGE(id << " accepts " << file << " (no precondition refuses it)");
      continue;
    }
    ++refused;
    BOOST_TEST(figure.status == 2, id);
    BOOST_TEST(figure.err == check.err, id);
    BOOST_TEST(!fs::exists(s.path(id)), id);
  }
  BOOST_TEST_MESSAGE(refused << " of " << table.size() << " figures refuse the wrong economy through validate");
}

// Regression (README: exit status 2 for bad input): errors of every phase are listed together
// and nothing runs: options, outputs, case files, [[expect]] drops, claim preconditions.
BOOST_AUTO_TEST_CASE(a_suite_with_bad_input_runs_nothing_and_lists_every_error) {
  Scratch s;
  fs::create_directories(s.path("cases"));
  fs::copy_file(data_dir + "/good/uniform-n3-k1.toml", s.path("cases/good.toml"));
  fs::copy_file(data_dir + "/bad/syntax-error.toml", s.path("cases/syntax.toml"));
  std::ofstream(s.path("cases/drop.toml")) << read_text(data_dir + "/good/uniform-n2-seller.toml")
                                           << "\n[[expect]]\nclaim = \"llm.prop2\"\nverdict = \"holds\"\n"
                                              "drop = [\"no_such_hypothesis\"]\n";
  Result r =
      s.run("suite --threads 0 --limit -1 --json " + quoted(s.path("cases/good.toml")) + " " + quoted(s.path("cases")));
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out.empty(), r.out);
  const std::vector<std::string> parts = {
      "mechcheck: error: option --threads",
      "mechcheck: error: option --limit",
      "mechcheck: error: option --json '" + s.path("cases/good.toml") + "': is the case file",
      "mechcheck: error: " + s.path("cases/syntax.toml") + ":",
      "TOML syntax error",
      "mechcheck: error: " + s.path("cases/drop.toml") + ":",
      "declares no hypothesis named 'no_such_hypothesis'"};
  for (const auto& part : parts) BOOST_TEST(contains(r.err, part), "missing '" << part << "' in " << r.err);
  int lines = 0;
  std::istringstream err(r.err);
  for (std::string line; std::getline(err, line);) lines += line.rfind("mechcheck: error: ", 0) == 0;
  BOOST_TEST(lines == 5, r.err);
}

// Regression: the probe's JSON report threw (nlohmann::json type_error 316) after the whole
// search when --out named a directory whose path is not UTF-8.
BOOST_AUTO_TEST_CASE(probe_report_with_an_out_directory_that_is_not_utf8) {
  Scratch s;
  const std::string out = s.path("found-\xff\xfe");
  Result r = s.run("probe hw.lemma2 --report --seed 1 --budget 2 --out " + quoted(out) + " --json " +
                   quoted(s.path("report.json")));
  BOOST_TEST(r.status == 0, r.err);
  const auto json = nlohmann::json::parse(read_text(s.path("report.json"))).at("results");
  BOOST_TEST_REQUIRE(json.size() == 3u);
  BOOST_TEST(contains(json[0]["counterexample"]["case"].get<std::string>(), "found-\xEF\xBF\xBD\xEF\xBF\xBD/"));
}

BOOST_AUTO_TEST_SUITE_END()
