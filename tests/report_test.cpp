// Reports: JSON (one object per check, exact values re-checkable), JUnit XML and the table.
#include "mechcheck/report/report.hpp"

#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/poly/polynomial.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace mechcheck;
using nlohmann::json;

namespace {

Algebraic one_over_sqrt3() { return Algebraic::real_roots(RationalPolynomial({-1, 0, 3})).at(1); }

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
  BOOST_TEST(a.interval.front() == '[');
  Value r = make_value("r", Algebraic(Rational(-1, 2)));
  BOOST_TEST(r.text == "-1/2");
  BOOST_TEST(r.kind == "rational");
  BOOST_TEST(make_value("n", 42LL).text == "42");
  BOOST_TEST(make_text("t", "hello").kind == "text");
}

BOOST_AUTO_TEST_CASE(json_has_the_documented_keys_and_exact_values) {
  std::string text = to_json_text({held_record(), unmet_record()});
  json doc = json::parse(text);
  BOOST_TEST_REQUIRE(doc.is_array());
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
  BOOST_TEST(o.at("witness").at("theta_1") == "1/3");
  BOOST_TEST(o.at("stats").at("profiles") == "27");
  BOOST_TEST(o.at("stats").at("method") == "vertex grid");
  BOOST_TEST(o.at("stats").contains("seconds"));
  const json& v = o.at("values");
  BOOST_TEST(v.at("r_1") == "1/3");
  BOOST_TEST(!v.contains("r_1_polynomial"));
  BOOST_TEST(v.at("Pi_r") == "1/12");
  BOOST_TEST(!v.contains("Pi_r_polynomial"));
  // The irrational value: >= 30 significant digits, its minimal polynomial and interval beside it.
  BOOST_TEST_REQUIRE(v.at("hat_theta").is_string());
  std::string digits = v.at("hat_theta").get<std::string>();
  BOOST_TEST(significant_digits(digits) >= 30, digits);
  BOOST_TEST(v.at("hat_theta_polynomial") == "3*x^2 - 1");
  BOOST_TEST(v.contains("hat_theta_interval"));
  // The digits are right: 1/sqrt3 = 0.57735026918962576450914878050195745564760175127...
  BOOST_TEST(digits.rfind("0.577350269189625764509148780501", 0) == 0u, digits);
  // ... and, exactly, within 10^-30 of the number the polynomial defines.
  auto q = parse_rational(digits);
  BOOST_TEST_REQUIRE(q.has_value());
  Algebraic error = Algebraic(*q) - one_over_sqrt3();
  BOOST_TEST(error < Algebraic(pow10(-30)));
  BOOST_TEST(error > Algebraic(-pow10(-30)));
  // The interval is "[lo, hi]" with exact rationals around the value.
  std::string interval = v.at("hat_theta_interval").get<std::string>();
  auto comma = interval.find(", ");
  BOOST_TEST_REQUIRE(comma != std::string::npos);
  auto lo = parse_rational(interval.substr(1, comma - 1));
  auto hi = parse_rational(interval.substr(comma + 2, interval.size() - comma - 3));
  BOOST_TEST_REQUIRE((lo.has_value() && hi.has_value()), interval);
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
  BOOST_TEST(u.at("witness").at("theta") == "-1/2");
  BOOST_TEST(u.at("dropped_hypotheses") == json::array({"regular"}));
  BOOST_TEST(u.at("values").is_object());
  BOOST_TEST(u.at("values").empty());
}

BOOST_AUTO_TEST_CASE(json_expected_is_null_without_expectation) {
  CheckRecord r = held_record();
  r.expected.reset();
  json doc = json::parse(to_json_text({r}));
  BOOST_TEST(doc[0]["expected"].is_null());
  BOOST_TEST(doc[0]["met"] == true);
  r.outcome.verdict = Verdict::error;
  doc = json::parse(to_json_text({r}));
  BOOST_TEST(doc[0]["met"] == false);  // an error never meets a missing expectation
  BOOST_TEST(json::parse(to_json_text({})).empty());
}

BOOST_AUTO_TEST_CASE(write_json_writes_the_same_text_atomically) {
  TempDir dir;
  std::string path = (dir.path / "out.json").string();
  write_json(path, {held_record()});
  BOOST_TEST(read_file(path) == to_json_text({held_record()}));
  BOOST_TEST(!std::filesystem::exists(path + ".partial"));
  BOOST_CHECK_THROW(write_json((dir.path / "no-such-dir" / "out.json").string(), {held_record()}), std::exception);
}

BOOST_AUTO_TEST_CASE(junit_has_a_failure_for_an_unmet_record) {
  TempDir dir;
  std::string path = (dir.path / "junit.xml").string();
  write_junit(path, {held_record(), unmet_record()});
  BOOST_TEST(!std::filesystem::exists(path + ".partial"));
  std::string xml = read_file(path);
  BOOST_TEST(xml.rfind("<?xml", 0) == 0u);
  BOOST_TEST(xml.find("tests=\"2\"") != std::string::npos, xml);
  BOOST_TEST(xml.find("failures=\"1\"") != std::string::npos, xml);
  BOOST_TEST(count(xml, "<testcase ") == 2u);
  BOOST_TEST(count(xml, "</testcase>") == 2u);
  BOOST_TEST(count(xml, "<failure ") == 1u, xml);
  BOOST_TEST(xml.find("<failure message=\"expected holds, got refuted\">") != std::string::npos, xml);
  // The failure belongs to the unmet record's testcase, whose name is escaped.
  auto unmet_case = xml.find("name=\"odd &lt;name&gt; &amp; &quot;quotes&quot;\"");
  BOOST_TEST_REQUIRE(unmet_case != std::string::npos, xml);
  BOOST_TEST(xml.find("<failure ", unmet_case) != std::string::npos);
  BOOST_TEST(xml.find("<failure ") > xml.find("classname=\"llm.prop1\""));
  BOOST_TEST(xml.find("Pi(theta) &lt; 0 at theta = (0, 1) &amp; more") != std::string::npos, xml);
  BOOST_TEST(xml.find("classname=\"llm.prop2\" name=\"uniform-n3-k1\"") != std::string::npos, xml);
  BOOST_TEST(count(xml, "<testsuite ") == 1u);
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
  BOOST_TEST(v.find("hat_theta = 0.57735026918962576450914878050") != std::string::npos, v);
  BOOST_TEST(v.find("(root of 3*x^2 - 1 in [") != std::string::npos, v);
}

BOOST_AUTO_TEST_SUITE_END()
