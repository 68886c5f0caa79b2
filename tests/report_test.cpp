// Reports: JSON (one object per check, exact values re-checkable), JUnit XML and the table.
#include "mechcheck/report/report.hpp"
#include "mechcheck/report/files.hpp"

#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include "mechcheck/number/decimal.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mechcheck;
using nlohmann::json;

namespace {

Algebraic one_over_sqrt3() { return real_roots(RationalPolynomial({-1, 0, 3})).at(1); }

// A record as a claim checker would produce it: exact rational and irrational values.
CheckRecord held_record() {
  CheckRecord r;
  r.claim = "llm.prop2";
  r.case_name = "uniform-n3-k1";
  r.case_path = "cases/llm/uniform-n3-k1.toml";
  r.outcome.verdict = Verdict::holds;
  r.outcome.arithmetic = Arithmetic::exact;
  r.outcome.summary = "sum_i q_i(hat_theta) = 1 at hat_theta = 1/sqrt(3)";
  r.outcome.witness.push_back(make_value("theta_1", Rational(1, 3)));
  r.outcome.value(make_value("r_1", Rational(1, 3)));
  r.outcome.value(make_value("hat_theta", one_over_sqrt3()));
  r.outcome.value(make_value("Pi_r", Algebraic(Rational(1, 12))));  // rational algebraic: no polynomial
  r.outcome.stat("profiles", 27);
  r.outcome.stat("method", "vertex grid");
  r.expected = Verdict::holds;
  r.seconds = 0.25;
  return r;
}

CheckRecord unmet_record() {
  CheckRecord r;
  r.claim = "llm.prop1";
  r.case_name = "odd <name> & \"quotes\"";
  r.case_path = "cases/x.toml";
  r.outcome.verdict = Verdict::refuted;
  r.outcome.arithmetic = Arithmetic::certified;
  r.outcome.summary = "Pi(theta) < 0 at theta = (0, 1) & more";
  r.outcome.witness.push_back(make_value("theta", Rational(-1, 2)));
  r.outcome.unmet = {};
  r.outcome.dropped = {"regular"};
  r.expected = Verdict::holds;
  r.seconds = 1.5;
  return r;
}

int significant_digits(const std::string& text) {
  std::string mantissa = text.substr(0, text.find_first_of("eE"));
  std::string digits;
  for (char c : mantissa)
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? 0 : static_cast<int>(digits.size() - first);
}

Rational pow10(int e) {
  Integer p = 1;
  for (int i = 0; i < (e < 0 ? -e : e); ++i) p *= 10;
  return e < 0 ? Rational(Integer(1), p) : Rational(p);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

bool contains_text(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("mechcheck-report-test-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(report)

BOOST_AUTO_TEST_CASE(make_value_forms) {
  Value q = make_value("q", Rational(6, 8));
  BOOST_TEST(q.text == "3/4");
  BOOST_TEST(q.kind == "rational");
  BOOST_TEST(q.polynomial.empty());
  Value a = make_value("a", one_over_sqrt3());
  BOOST_TEST(a.kind == "algebraic");
  BOOST_TEST(a.polynomial == "3*x^2 - 1");
  BOOST_TEST(significant_digits(a.text) >= 30, a.text);
  BOOST_TEST(a.text.substr(a.text.size() - 3) == "...", a.text);  // certified digits, more follow
  BOOST_TEST(a.interval.front() == '[');
  Value r = make_value("r", Algebraic(Rational(-1, 2)));
  BOOST_TEST(r.text == "-1/2");
  BOOST_TEST(r.kind == "rational");
  BOOST_TEST(make_value("n", 42LL).text == "42");
  BOOST_TEST(make_value("n", 42LL).kind == "count");
  BOOST_TEST(make_decimal("d", 0.1).kind == "decimal");
  BOOST_TEST(make_text("t", "hello").kind == "text");
}

BOOST_AUTO_TEST_CASE(json_has_the_documented_keys_and_exact_values) {
  const RunDescription run{"suite", {"mechcheck", "suite", "cases"}, 20};
  std::string text = to_json_text({held_record(), unmet_record()}, run);
  json report = json::parse(text);
  BOOST_TEST_REQUIRE(report.is_object());
  BOOST_TEST(report.at("schema") == "mechcheck-report");
  BOOST_TEST(report.at("schema_version") == 1);
  BOOST_TEST(report.at("command") == "suite");
  BOOST_TEST(report.at("command_line") == json::array({"mechcheck", "suite", "cases"}));
  BOOST_TEST(report.at("tool").at("name") == "mechcheck");
  for (const char* library : {"GMP", "MPFR", "MPFI", "FLINT", "Arb", "Calcium"})
    BOOST_TEST(report.at("libraries").at(library).is_string(), library);
  BOOST_TEST(report.at("date").get<std::string>().back() == 'Z');
  BOOST_TEST(report.at("summary").at("checks") == 2);
  BOOST_TEST(report.at("summary").at("met") == 1);
  const json& doc = report.at("results");
  BOOST_TEST_REQUIRE(doc.size() == 2u);
  const json& o = doc[0];
  for (const char* key : {"claim", "case", "verdict", "arithmetic", "expected", "witness", "values", "stats"})
    BOOST_TEST(o.contains(key), "missing key " << key);
  BOOST_TEST(o.at("claim") == "llm.prop2");
  BOOST_TEST(o.at("case") == "uniform-n3-k1");
  BOOST_TEST(o.at("case_file") == "cases/llm/uniform-n3-k1.toml");
  BOOST_TEST(o.at("verdict") == "holds");
  BOOST_TEST(o.at("arithmetic") == "exact");
  BOOST_TEST(o.at("expected") == "holds");
  BOOST_TEST(o.at("met") == true);
  BOOST_TEST(o.at("seconds") == 0.25);  // a number, not text
  BOOST_TEST(o.at("witness").at("theta_1").at("type") == "rational");
  BOOST_TEST(o.at("witness").at("theta_1").at("value") == "1/3");
  BOOST_TEST(o.at("witness").at("theta_1").at("decimal") == "0.33333333333333333333...");
  BOOST_TEST(o.at("stats").at("profiles").at("type") == "count");
  BOOST_TEST(o.at("stats").at("profiles").at("value") == 27);  // a number
  BOOST_TEST(o.at("stats").at("method").at("value") == "vertex grid");
  const json& v = o.at("values");
  BOOST_TEST(v.at("r_1").at("value") == "1/3");
  BOOST_TEST(v.at("Pi_r").at("value") == "1/12");
  BOOST_TEST(v.at("Pi_r").at("label") == "Pi_r");
  BOOST_TEST(!v.at("Pi_r").contains("polynomial"));
  // The irrational value: its minimal polynomial, an isolating interval and certified digits.
  const json& hat = v.at("hat_theta");
  BOOST_TEST(hat.at("type") == "algebraic");
  BOOST_TEST(hat.at("polynomial") == "3*x^2 - 1");
  std::string digits = hat.at("decimal").get<std::string>();
  // 20 digits (the run's), truncated: 1/sqrt3 = 0.57735026918962576450914878050195745564760175127...
  BOOST_TEST(digits == "0.57735026918962576450...", digits);
  // The interval: exact rationals around the value.
  BOOST_TEST_REQUIRE(hat.at("interval").size() == 2u);
  auto lo = parse_rational(hat.at("interval")[0].get<std::string>());
  auto hi = parse_rational(hat.at("interval")[1].get<std::string>());
  BOOST_TEST_REQUIRE((lo.has_value() && hi.has_value()));
  BOOST_TEST(Algebraic(*lo) <= one_over_sqrt3());
  BOOST_TEST(one_over_sqrt3() <= Algebraic(*hi));
  BOOST_TEST(*lo > 0);  // isolates from the conjugate -1/sqrt3

  // The second record: unmet, certified, dropped hypotheses listed.
  const json& u = doc[1];
  BOOST_TEST(u.at("verdict") == "refuted");
  BOOST_TEST(u.at("arithmetic") == "certified");
  BOOST_TEST(u.at("expected") == "holds");
  BOOST_TEST(u.at("met") == false);
  BOOST_TEST(u.at("case") == "odd <name> & \"quotes\"");
  BOOST_TEST(u.at("witness").at("theta").at("value") == "-1/2");
  BOOST_TEST(u.at("witness").at("theta").at("decimal") == "-0.5");
  BOOST_TEST(u.at("dropped_hypotheses") == json::array({"regular"}));
  BOOST_TEST(u.at("values").is_object());
  BOOST_TEST(u.at("values").empty());
}

// Keys are machine-friendly; the label keeps the paper's notation.
BOOST_AUTO_TEST_CASE(machine_keys_of_labels) {
  BOOST_TEST(machine_key("beta_q(a)^(3,1,0)") == "beta_q_a_3_1_0");
  BOOST_TEST(machine_key("b*_q") == "b_star_q");
  BOOST_TEST(machine_key("z'") == "z_prime");
  BOOST_TEST(machine_key("E[surplus] at r*") == "E_surplus_at_r_star");
  BOOST_TEST(machine_key("2x2x2 skipped") == "v_2x2x2_skipped");
  BOOST_TEST(machine_key("(())") == "v_");
  BOOST_TEST(machine_key("lambda^s_2(v_hi)") == "lambda_s_2_v_hi");
}

// Every digit printed is certified: truncated, "..." when more follow; exact decimals end.
BOOST_AUTO_TEST_CASE(decimals_show_only_certified_digits) {
  BOOST_TEST(decimal_text(make_value("q", Rational(1, 4)), 20) == "0.25");
  BOOST_TEST(decimal_text(make_value("q", Rational(2, 3)), 5) == "0.66666...");  // truncated, not 0.66667
  BOOST_TEST(decimal_text(make_value("q", Rational(-2, 3)), 3) == "-0.666...");
  BOOST_TEST(decimal_text(make_value("a", one_over_sqrt3()), 8) == "0.57735026...");
  BOOST_TEST(decimal_text(make_value("n", 7LL), 8).empty());
  // 1 - 10^-30 is not 1: its digits are nines however few are asked.
  BOOST_TEST(decimal_text(make_value("q", Rational(1) - pow10(-30)), 4) == "0.9999...");
  // An interval is printed outward: its printed ends contain it, never truncated inward.
  BOOST_TEST(outward_decimal_interval(Rational(1, 3), Rational(2, 3), 3) == "[0.333, 0.667]");
  BOOST_TEST(outward_decimal_interval(Rational(-2, 3), Rational(-1, 3), 3) == "[-0.667, -0.333]");
  BOOST_TEST(outward_decimal_interval(Rational(1, 4), Rational(1, 2), 3) == "[0.25, 0.5]");
  BOOST_TEST(outward_decimal_interval(Rational(999, 1000) - pow10(-9), Rational(9999, 10000) + pow10(-9), 3) ==
             "[0.998, 1.000]");
}

BOOST_AUTO_TEST_CASE(the_table_shows_rationals_exactly_with_certified_decimals) {
  std::ostringstream out;
  print_table(out, {held_record()}, true, 6);
  BOOST_TEST(contains_text(out.str(), "r_1 = 1/3 = 0.333333..."), out.str());
  BOOST_TEST(contains_text(out.str(), "hat_theta = 0.577350... (root of 3*x^2 - 1 in ["), out.str());
  std::ostringstream wide;
  print_table(wide, {held_record()}, true, 12);
  BOOST_TEST(contains_text(wide.str(), "r_1 = 1/3 = 0.333333333333..."), wide.str());
}

BOOST_AUTO_TEST_CASE(json_expected_is_null_without_expectation) {
  const RunDescription run{"check", {"mechcheck"}, 20};
  CheckRecord r = held_record();
  r.expected.reset();
  json doc = json::parse(to_json_text({r}, run)).at("results");
  BOOST_TEST(doc[0]["expected"].is_null());
  BOOST_TEST(doc[0]["met"] == true);
  r.outcome.verdict = Verdict::error;
  doc = json::parse(to_json_text({r}, run)).at("results");
  BOOST_TEST(doc[0]["met"] == false);  // an error never meets a missing expectation
  BOOST_TEST(json::parse(to_json_text({}, run)).at("results").empty());
}

BOOST_AUTO_TEST_CASE(write_json_writes_the_same_text_atomically) {
  TempDir dir;
  std::string path = (dir.path / "out.json").string();
  const RunDescription run{"check", {"mechcheck"}, 20};
  write_json(path, {held_record()}, run);
  json written = json::parse(read_file(path)), direct = json::parse(to_json_text({held_record()}, run));
  written.erase("date");  // the two were written at different times
  direct.erase("date");
  BOOST_TEST(written == direct);
  BOOST_TEST(!std::filesystem::exists(path + ".partial"));
  BOOST_CHECK_THROW(write_json((dir.path / "no-such-dir" / "out.json").string(), {held_record()}, run), std::exception);
}

BOOST_AUTO_TEST_CASE(junit_has_a_failure_for_an_unmet_record) {
  TempDir dir;
  std::string path = (dir.path / "junit.xml").string();
  write_junit(path, {held_record(), unmet_record()});
  BOOST_TEST(!std::filesystem::exists(path + ".partial"));
  std::string xml = read_file(path);
  BOOST_TEST(xml.rfind("<?xml", 0) == 0u);
  // One testsuite per case file (the two records read two files), each with its own counts.
  BOOST_TEST(count(xml, "<testsuite ") == 2u);
  BOOST_TEST(xml.find("tests=\"1\" failures=\"1\"") != std::string::npos, xml);
  BOOST_TEST(xml.find("tests=\"1\" failures=\"0\"") != std::string::npos, xml);
  BOOST_TEST(count(xml, "<testcase ") == 2u);
  BOOST_TEST(count(xml, "</testcase>") == 1u);  // the passing one closes itself
  BOOST_TEST(count(xml, "<failure ") == 1u, xml);
  BOOST_TEST(xml.find("<failure message=\"expected holds, got refuted\" type=\"refuted\">") != std::string::npos, xml);
  // The failure belongs to the unmet record's testcase, whose name is escaped.
  auto unmet_case = xml.find("<testcase classname=\"llm.prop1\" name=\"odd &lt;name&gt; &amp; &quot;quotes&quot;\"");
  BOOST_TEST_REQUIRE(unmet_case != std::string::npos, xml);
  BOOST_TEST(xml.find("<failure ", unmet_case) != std::string::npos);
  BOOST_TEST(xml.find("Pi(theta) &lt; 0 at theta = (0, 1) &amp; more") != std::string::npos, xml);
  BOOST_TEST(xml.find("classname=\"llm.prop2\" name=\"uniform-n3-k1\"") != std::string::npos, xml);
  BOOST_TEST(xml.find("<property name=\"case_file\" value=\"cases/x.toml\"/>") != std::string::npos, xml);
  BOOST_TEST(xml.find("time=\"1.500000\"") != std::string::npos, xml);  // fixed-point seconds
  BOOST_TEST(xml.find("</testsuites>") != std::string::npos);

  // All met: no failure element.
  write_junit(path, {held_record()});
  xml = read_file(path);
  BOOST_TEST(count(xml, "<failure") == 0u);
  BOOST_TEST(xml.find("failures=\"0\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(table_marks_mismatches) {
  std::ostringstream quiet, verbose;
  print_table(quiet, {held_record(), unmet_record()}, false);
  std::string t = quiet.str();
  BOOST_TEST(t.find("claim") == 0u);
  BOOST_TEST(t.find("MISMATCH") != std::string::npos);
  BOOST_TEST(count(t, " ok\n") == 1u, t);
  BOOST_TEST(t.find("witness theta = -1/2") != std::string::npos, t);  // shown for the mismatch
  BOOST_TEST(t.find("hat_theta") == std::string::npos, t);             // values only when verbose
  print_table(verbose, {held_record()}, true);
  std::string v = verbose.str();
  BOOST_TEST(v.find("hat_theta = 0.57735026918962576450...") != std::string::npos, v);
  BOOST_TEST(v.find("(root of 3*x^2 - 1 in [") != std::string::npos, v);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
// Hostile names and hostile file systems.
BOOST_AUTO_TEST_SUITE(report_safety)

namespace {

// Well-formed XML 1.0 text: valid UTF-8 (no overlongs, surrogates or values above U+10FFFF)
// and no character XML 1.0 excludes (controls other than tab, newline, return; U+FFFE, U+FFFF).
bool xml_characters_only(const std::string& s, std::string& why) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        why = "control byte " + std::to_string(c) + " at " + std::to_string(i);
        return false;
      }
      ++i;
      continue;
    }
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > s.size()) {
      why = "invalid UTF-8 lead byte at " + std::to_string(i);
      return false;
    }
    unsigned long code = n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < n; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) {
        why = "invalid UTF-8 continuation at " + std::to_string(i + k);
        return false;
      }
      code = (code << 6) | (next & 0x3F);
    }
    if ((n == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF) || code >= 0xFFFE)) ||
        (n == 4 && (code < 0x10000 || code > 0x10FFFF))) {
      why = "not an XML character at " + std::to_string(i);
      return false;
    }
    i += n;
  }
  return true;
}

std::vector<std::string> leftovers(const std::filesystem::path& dir, const std::vector<std::string>& keep) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (std::find(keep.begin(), keep.end(), name) == keep.end()) out.push_back(name);
  }
  return out;
}

}  // namespace

// Regression: control characters reached the XML as they were (XML 1.0 cannot carry them, not
// even as &#1;), and bytes that are not UTF-8 made the document malformed.
BOOST_AUTO_TEST_CASE(junit_carries_no_control_characters_or_invalid_utf8) {
  CheckRecord r = unmet_record();
  r.claim = "llm.prop1\x02";
  r.case_name = std::string("bell\x07 esc\x1b[31m nul") + '\0' + " tab\t new\nline bad\xff\xfe byte \xC3\xA9t\xC3\xA9";
  r.outcome.summary = "summary \x01 with \x7f and \xED\xA0\x80 (a surrogate) and \xEF\xBF\xBF";
  const std::string xml = junit_text({r});
  std::string why;
  BOOST_TEST(xml_characters_only(xml, why), why << "\n" << xml);
  BOOST_TEST(
      xml.find("bell\\u0007 esc\\u001B[31m nul\\u0000 tab&#9; new&#10;line bad\\xFF\\xFE byte \xC3\xA9t\xC3\xA9") !=
          std::string::npos,
      xml);
  BOOST_TEST(xml.find("classname=\"llm.prop1\\u0002\"") != std::string::npos, xml);
  BOOST_TEST(xml.find("summary \\u0001 with \\u007F and \\xED\\xA0\\x80 (a surrogate) and \\xEF\\xBF\\xBF") !=
                 std::string::npos,
             xml);
}

// Regression: errors="0" always, and an unmet `error` verdict was a <failure>.
BOOST_AUTO_TEST_CASE(junit_counts_errors_apart_from_failures) {
  CheckRecord error = held_record();
  error.case_name = "threw";
  error.outcome.verdict = Verdict::error;
  error.outcome.summary = "std::bad_alloc";
  CheckRecord expected_error = error;  // an expected error is met: it passes
  expected_error.case_name = "expected-error";
  expected_error.expected = Verdict::error;
  CheckRecord no_expectation = error;  // no expectation: an error does not meet it
  no_expectation.case_name = "unexpected-error";
  no_expectation.expected.reset();
  const std::string xml = junit_text({held_record(), unmet_record(), error, expected_error, no_expectation});
  // Two case files: the held record's (four checks: two unmet errors) and the unmet record's.
  BOOST_TEST(xml.find("tests=\"4\" failures=\"0\" errors=\"2\"") != std::string::npos, xml);
  BOOST_TEST(xml.find("tests=\"1\" failures=\"1\" errors=\"0\"") != std::string::npos, xml);
  BOOST_TEST(count(xml, "<error ") == 2u, xml);
  BOOST_TEST(count(xml, "<failure ") == 1u, xml);
  BOOST_TEST(xml.find("<error message=\"expected holds, got error\" type=\"error\">std::bad_alloc</error>") !=
                 std::string::npos,
             xml);
  BOOST_TEST(xml.find("<error message=\"expected not error, got error\"") != std::string::npos, xml);
  // The expected error passes: its testcase closes itself, without an <error>.
  BOOST_TEST(xml.find("name=\"expected-error\" time=\"0.250000\"/>") != std::string::npos, xml);
}

// Regression: a case file path that is not UTF-8 made nlohmann::json throw after the whole run.
BOOST_AUTO_TEST_CASE(json_replaces_bytes_that_are_not_utf8) {
  CheckRecord r = held_record();
  r.case_path = "cases/bad\xff\xfe.toml";
  json doc = json::parse(to_json_text({r}, RunDescription{"check", {"mechcheck"}, 20})).at("results");
  BOOST_TEST(doc[0]["case_file"] == "cases/bad\xEF\xBF\xBD\xEF\xBF\xBD.toml");
}

// Regression: every writer of PATH used PATH.partial, so two runs writing one report collided
// (one's rename found the file gone, or one wrote into the other's half-written file), and a
// stale PATH.partial (a directory, a FIFO) blocked or failed the write.
BOOST_AUTO_TEST_CASE(concurrent_writers_never_share_a_temporary) {
  TempDir dir;
  const std::string path = (dir.path / "out.json").string();
  std::filesystem::create_directory(path + ".partial");  // another writer's temporary, or a stale one
  std::vector<std::string> texts;
  for (int t = 0; t < 8; ++t) texts.push_back(std::string(100000 + t, static_cast<char>('a' + t)));
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 8; ++t)
    writers.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        try {
          write_file_atomically(path, texts[t]);
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  for (auto& w : writers) w.join();
  BOOST_TEST(failures.load() == 0);
  const std::string final_text = read_file(path);
  BOOST_TEST((std::find(texts.begin(), texts.end(), final_text) != texts.end()), "the file is a mixture");
  BOOST_TEST(std::filesystem::is_directory(path + ".partial"));  // not ours: untouched
  BOOST_TEST(leftovers(dir.path, {"out.json", "out.json.partial"}).empty());
}

BOOST_AUTO_TEST_CASE(a_failed_write_leaves_the_old_file_and_no_temporary) {
  TempDir dir;
  const std::string path = (dir.path / "report.json").string();
  std::ofstream(path) << "old";
  // A directory in the way of the rename: the write fails, the old content stays.
  const std::string blocked = (dir.path / "blocked").string();
  std::filesystem::create_directories(blocked + "/inside");
  BOOST_CHECK_THROW(write_file_atomically(blocked, "new"), std::exception);
  BOOST_TEST(read_file(path) == "old");
  BOOST_TEST(leftovers(dir.path, {"report.json", "blocked"}).empty());
}

// Output checks, before any work: one message per problem, naming the option and the rule.
BOOST_AUTO_TEST_CASE(outputs_must_be_writable_and_distinct) {
  TempDir dir;
  namespace fs = std::filesystem;
  const fs::path d = dir.path;
  const std::string input = (d / "case.toml").string();
  std::ofstream(input) << "[case]\n";
  fs::create_directories(d / "sub");
  auto problems = [&](std::vector<PlannedOutput> outputs) { return output_problems(outputs, {input}); };
  auto only = [&](std::vector<PlannedOutput> outputs, const std::string& part) {
    const auto p = problems(outputs);
    BOOST_TEST(p.size() == 1u, part);
    for (const auto& m : p) BOOST_TEST(m.find(part) != std::string::npos, m);
  };
  BOOST_TEST(problems({{"--json", (d / "a.json").string()}, {"--junit", (d / "a.xml").string()}}).empty());
  // The same file under two spellings, a symbolic link and a hard link.
  only({{"--json", (d / "rep").string()}, {"--junit", (d / "sub" / ".." / "." / "rep").string()}},
       "name the same file; one output would overwrite the other");
  fs::create_symlink(d / "case.toml", d / "link.toml");
  fs::create_hard_link(d / "case.toml", d / "hard.toml");
  for (const char* name : {"case.toml", "link.toml", "hard.toml", "sub/../case.toml"})
    only({{"--json", (d / name).string()}}, "is the case file '" + input + "' that this run reads");
  // Not a regular file.
  only({{"--json", "/dev/null"}}, "option --json '/dev/null': is a character device");
  BOOST_TEST_REQUIRE(::mkfifo((d / "fifo").c_str(), 0600) == 0);
  only({{"--junit", (d / "fifo").string()}}, "is a FIFO (named pipe)");
  only({{"--json", (d / "sub").string()}}, "is a directory; name a file");
  only({{"--json", (d / "missing" / "a.json").string()}},
       "directory '" + (d / "missing").string() + "' does not exist");
  only({{"--json", (d / "case.toml" / "a.json").string()}}, "is a regular file, not a directory");
  // Directories written into.
  BOOST_TEST(problems({{"--out", (d / "new" / "deeper").string(), true}}).empty());
  only({{"--out", input, true}}, "is a regular file, not a directory");
  only({{"--out", (d / "case.toml" / "x").string(), true}}, "is a regular file, not a directory");
  only({{"--out", (d / "fig").string(), true}, {"--json", (d / "fig").string()}}, "name the same file");
  BOOST_TEST(problems({{"--json", ""}}).size() == 1u);
  if (::geteuid() != 0) {
    std::ofstream(d / "readonly.json") << "{}";
    fs::permissions(d / "readonly.json", fs::perms::owner_read);
    only({{"--json", (d / "readonly.json").string()}}, "is read-only");
    fs::create_directories(d / "closed");
    fs::permissions(d / "closed", fs::perms::owner_read | fs::perms::owner_exec);
    only({{"--json", (d / "closed" / "a.json").string()}}, "cannot create files in directory");
    only({{"--out", (d / "closed").string(), true}}, "cannot create files in it");
    only({{"--out", (d / "closed" / "new").string(), true}}, "cannot be created in");
    fs::permissions(d / "closed", fs::perms::owner_all);
  } else {
    BOOST_TEST_MESSAGE("running as root: permissions do not stop writing; the read-only cases are not checked");
  }
  BOOST_TEST(leftovers(d, {"case.toml", "sub", "link.toml", "hard.toml", "fifo", "readonly.json", "closed"}).empty());
}

// SIGINT and SIGTERM remove the registered temporaries (files, then empty directories), then
// end the process by the signal.
BOOST_AUTO_TEST_CASE(interruption_removes_registered_temporaries) {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    TempDir dir;
    const std::string scratch = (dir.path / "scratch").string(), file = scratch + "/candidate.toml";
    const std::string kept = (dir.path / "kept.txt").string();
    const pid_t child = ::fork();
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) {
      install_interrupt_cleanup();
      ::mkdir(scratch.c_str(), 0700);
      RemovedOnInterrupt d(scratch, RemovedOnInterrupt::Kind::directory);
      std::ofstream(file) << "x";
      RemovedOnInterrupt f(file, RemovedOnInterrupt::Kind::file);
      {
        std::ofstream(kept) << "x";
        RemovedOnInterrupt gone(kept, RemovedOnInterrupt::Kind::file);  // unregistered at the end of scope
      }
      ::raise(signal_number);
      ::_exit(0);  // not reached
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    BOOST_TEST(WIFSIGNALED(status));
    BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == signal_number));
    BOOST_TEST(!std::filesystem::exists(file));
    BOOST_TEST(!std::filesystem::exists(scratch));
    BOOST_TEST(std::filesystem::exists(kept));
  }
}

BOOST_AUTO_TEST_SUITE_END()
