// The `mechcheck` command line, run as a separate process: exit statuses (0 met, 1 not met,
// 2 bad input or usage), error messages naming file:line:column, and the JSON / JUnit reports.
// Case files are under tests/data/cli/: good/ (all expectations right), mismatch/ (one wrong
// expectation) and bad/ (one broken rule per file).
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

std::string quoted(const std::string& s) { return "'" + s + "'"; }
std::string good(const std::string& name) { return quoted(data_dir + "/good/" + name); }
std::string bad(const std::string& name) { return quoted(data_dir + "/bad/" + name); }

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Result {
  int status = -1;
  std::string out, err;
};

// A scratch directory per test, removed afterwards; `run` executes mechcheck with stdout and
// stderr captured in files there.
struct Scratch {
  fs::path dir;
  Scratch() {
    static std::atomic<int> counter{0};
    dir = fs::temp_directory_path() /
          ("mechcheck-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }

  Result run(const std::string& arguments) const {
    const std::string out = path("stdout.txt"), err = path("stderr.txt");
    const std::string command =
        quoted(MECHCHECK_CLI) + " " + arguments + " >" + quoted(out) + " 2>" + quoted(err) + " </dev/null";
    const int raw = std::system(command.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_text(out);
    r.err = read_text(err);
    BOOST_TEST_MESSAGE("$ mechcheck " << arguments << "\n-> " << r.status << "\n" << r.out << r.err);
    return r;
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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
  // expects hypotheses_unmet, so the verdict no longer meets it.
  Result r = s.run("check llm.prop1 --drop common_worst_off " + good("uniform-n2-seller.toml"));
  BOOST_TEST(r.status == 1);
  BOOST_TEST(contains(r.out, "refuted"));
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
  const auto array = nlohmann::json::parse(read_text(json));
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
  BOOST_TEST_REQUIRE(hat.is_string());
  const std::string text = hat.get<std::string>();
  BOOST_TEST(significant_digits(text) >= 30, "hat_theta = " << text);
  BOOST_TEST(text.rfind("0.577350269189625764509148780501", 0) == 0, "hat_theta = " << text);
  BOOST_TEST((*prop1)["values"]["hat_theta_polynomial"] == "3*x^2 - 1");

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
}

BOOST_AUTO_TEST_CASE(a_run_with_a_mismatch_still_writes_the_whole_json) {
  Scratch s;
  const std::string json = s.path("run.json");
  Result r = s.run("suite --json " + quoted(json) + " " + quoted(data_dir + "/mismatch"));
  BOOST_TEST(r.status == 1);
  const auto array = nlohmann::json::parse(read_text(json));
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
                     "a second [[expect]] for claim 'llm.prop1' (the first is at line 16)");
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
          std::regex(R"((^|\n)llm\.prop1 +Liu, Loertscher & Marx \(2020\) +exact +hypotheses: common_worst_off\n)")),
      "list: " << r.out);
  for (const char* id : {"llm.prop2", "llm.lemma2", "llm.necessity"}) BOOST_TEST(contains(r.out, id));
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
  const auto json = nlohmann::json::parse(read_text(s.path("report.json")));
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
