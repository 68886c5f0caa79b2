// The input rules of the mat case files that the claims share (the model's parser,
// proofs/mat/model/parse.cpp): bad [mat] and [mat.interdependent] tables are refused with the rule
// and the file:line:column, and G** beyond 64 traders is refused by the parser (through the command
// line). A claim's own preconditions are tested in its CLAIM_test.cpp ([mat.convergence]'s table in
// convergence_test.cpp).
#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  auto path =
      std::filesystem::temp_directory_path() / ("mechcheck-mat-" + std::to_string(::getpid()) + "-" + name + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

// The [case] header of the tables loaded in-process (the command line's cases use `header`).
const std::string table_header = R"([case]
name = "t"
model = "mat"
)";

std::string economy_text(const std::string& mat_keys, const std::string& traders) {
  return table_header + "\n[mat]\n" + mat_keys + "\n" + traders;
}

const std::string good_keys = "goods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/10\"\n";
const std::string good_traders = "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 4\n";

std::string with_interdependent(const std::string& table) {
  return "[case]\nname = \"t\"\nmodel = \"mat\"\n\n[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 3\nepsilon = "
         "\"1/10\"\n"
         "\n[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"0\", \"0\"]\ncount = 6\n\n[mat.interdependent]\n" +
         table;
}

const std::string good_table =
    "signals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
    "values = [[[\"0\", \"1/2\", \"3/4\"], [\"0\", \"1/2\", \"3/4\"]], [[\"0\", \"2\", \"3\"], [\"0\", \"2\", "
    "\"3\"]]]\n";

// The message of the InputError that loading `text` throws; fails the test when it loads.
std::string load_error(const std::string& text) {
  const std::string path = write_temp("bad", text);
  try {
    builtin_papers().load_case(path);
  } catch (const InputError& e) {
    return e.what();
  }
  BOOST_FAIL("loaded although it is bad: " << text);
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_input)

BOOST_AUTO_TEST_CASE(invalid_mat_tables_name_the_rule_and_the_position) {
  auto e1 = load_error(economy_text("goods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = 0.1\n", good_traders));
  BOOST_TEST(e1.find("float") != std::string::npos);
  BOOST_TEST(e1.find(":10:11:") != std::string::npos);
  auto e2 = load_error(
      economy_text(good_keys, "[[mat.trader]]\nendowment = [2]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 4\n"));
  BOOST_TEST(e2.find("{0..l-1}") != std::string::npos);
  auto e3 =
      load_error(economy_text(good_keys, "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\"]\ncount = 4\n"));
  BOOST_TEST(e3.find("(l+1)^k = 3") != std::string::npos);
  auto e4 = load_error(
      economy_text(good_keys, "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"2\"]\ncount = 3\n"));
  BOOST_TEST(e4.find("groups of n >= 2") != std::string::npos);
  auto e5 = load_error(
      economy_text(good_keys, "[[mat.trader]]\nendowment = [0]\nvalues = [\"0\", \"1\", \"2\"]\ncount = 4\n"));
  BOOST_TEST(e5.find("(1) requires") != std::string::npos);
  auto e6 = load_error(economy_text(good_keys + "underline_n = \"typo\"\n", good_traders));
  BOOST_TEST(e6.find("one of \"literal\", \"example\"") != std::string::npos);
  auto e7 =
      load_error(economy_text("goods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/3\"\n", good_traders));
  BOOST_TEST(e7.find("[0, 1/3)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_interdependent_tables_name_the_rule_and_the_position) {
  auto e1 = load_error(with_interdependent(
      "signals = 2\nmacro_prior = [\"1/2\", \"1/3\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e1.find("sum to 1") != std::string::npos);
  BOOST_TEST(e1.find(".toml:1") != std::string::npos);  // file:line:col
  BOOST_TEST(e1.find("macro_prior") != std::string::npos);
  auto e2 = load_error(with_interdependent(
      "signals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"1\", \"0\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e2.find("> 0") != std::string::npos);
  auto e3 = load_error(with_interdependent(
      "signals = 2\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e3.find("(l+1)^k = 3") != std::string::npos);
  auto e4 = load_error(with_interdependent(
      "signals = 3\nmacro_prior = [\"1/2\", \"1/2\"]\nlikelihood = [[\"3/4\", \"1/4\"], [\"1/4\", \"3/4\"]]\n"
      "values = [[[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]], [[\"0\", \"1\", \"2\"], [\"0\", \"1\", \"2\"]]]\n"));
  BOOST_TEST(e4.find("lists 3 probabilities") != std::string::npos);
  auto e5 = load_error(with_interdependent(good_table + "rule6_cap = \"own\"\n"));
  BOOST_TEST(e5.find("\"bound\", \"endowment\"") != std::string::npos);
  auto e6 = load_error(with_interdependent(good_table + "[mat.interdependent.messages]\nsecond = [\"clever\"]\n"));
  BOOST_TEST(e6.find("\"informed\" or \"naive\"") != std::string::npos);
  auto e7 = load_error(with_interdependent(good_table + "lieklihood = 1\n"));
  BOOST_TEST(e7.find("lieklihood") != std::string::npos);
  // The good table loads.
  BOOST_TEST(builtin_papers()
                 .load_case(write_temp("good", with_interdependent(good_table)))
                 .model_data<Economy>()
                 .interdependent != nullptr);
}

BOOST_AUTO_TEST_CASE(gstarstar_beyond_64_traders_is_refused_by_the_parser) {
  Scratch s;
  std::string text = gstarstar(false);
  text.replace(text.find("count = 5"), 9, "count = 65");
  const std::string path = s.write("many.toml", text);
  const Result r = s.run("check mat.properties '" + path + "'");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, path + ":21:1:"));
  BOOST_TEST(contains(r.err, "at most 64 traders"));
}

BOOST_AUTO_TEST_SUITE_END()
