// The finite model's parser: every malformed table is an input error at its file:line:col, and the
// named bilateral rules compute the prices they are defined by.
#include "finite/finite_testing.hpp"

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

namespace {

// True when `message` names bad.toml at `position` ("line:col") and contains `rule`.
bool reports(const std::string& message, const std::string& position, const std::string& rule) {
  return message.find("bad.toml:" + position + ": ") != std::string::npos && message.find(rule) != std::string::npos;
}

const std::string vcg = "[finite.mechanism]\nrule = \"vcg\"\n";

// `text` with the first occurrence of `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(finite_model)

BOOST_AUTO_TEST_CASE(probabilities_must_be_a_distribution) {
  const std::string body = two_bidders + vcg, uniform = "\"1/3\", \"1/3\", \"1/3\"";
  // A sum other than 1, reported at the array (line 10, column 17).
  std::string message = load_error(replaced(body, uniform, "\"1/3\", \"1/3\", \"1/2\""));
  BOOST_TEST(reports(message, "10:17", "probabilities must sum to 1, but they sum to 7/6"), message);
  // A negative entry, reported at the entry.
  message = load_error(replaced(body, uniform, "\"-1/3\", \"2/3\", \"2/3\""));
  BOOST_TEST(reports(message, "10:18", "probabilities must be >= 0, but it is -1/3"), message);
  // A joint table whose probabilities sum to 1/2.
  message = load_error(
      "[finite]\noutcomes = [\"a\"]\n\n[[finite.agent]]\ntypes = [\"0\"]\nquantities = [\"0\"]\n\n"
      "[[finite.joint]]\ntypes = [\"0\"]\nprobability = \"1/2\"\n\n" +
      vcg);
  BOOST_TEST(message.find("the joint probabilities must sum to 1, but they sum to 1/2") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(tables_must_have_their_shape) {
  const std::string quantities = "quantities = [\"0\", \"1\", \"0\"]";
  std::string message = load_error(replaced(two_bidders + vcg, quantities, "quantities = [\"0\", \"1\"]"));
  BOOST_TEST(reports(message, "11:14", "quantities (one per outcome): expected 3 entries, found 2"), message);
  message = load_error(replaced(two_bidders + vcg, quantities, "values = [[\"0\", \"1\", \"0\"]]"));
  BOOST_TEST(reports(message, "11:10", "values: expected one row per type (3), found 1"), message);
  // A mechanism table missing a profile, and one with a profile twice.
  const std::string row =
      "[[finite.mechanism.row]]\ntypes = [\"0\", \"0\"]\noutcome = \"none\"\npayments = [\"0\", \"0\"]\n";
  message = load_error(two_bidders + "[finite.mechanism]\nrule = \"table\"\n\n" + row);
  BOOST_TEST(message.find("(0, 1) has none (9 profiles)") != std::string::npos, message);
  message = load_error(two_bidders + "[finite.mechanism]\nrule = \"table\"\n\n" + row + row);
  BOOST_TEST(reports(message, "26:9", "reported profile (0, 0) has a row already"), message);
  // A lottery whose probabilities do not sum to 1, and a payment list of the wrong length.
  message =
      load_error(two_bidders +
                 "[finite.mechanism]\nrule = \"table\"\n\n[[finite.mechanism.row]]\n"
                 "types = [\"0\", \"0\"]\noutcome = { one = \"1/2\", two = \"1/3\" }\npayments = [\"0\", \"0\"]\n");
  BOOST_TEST(message.find("a lottery's probabilities must sum to 1, but they sum to 5/6") != std::string::npos,
             message);
  message = load_error(two_bidders +
                       "[finite.mechanism]\nrule = \"table\"\n\n[[finite.mechanism.row]]\n"
                       "types = [\"0\", \"0\"]\noutcome = \"none\"\npayments = [\"0\"]\n");
  BOOST_TEST(reports(message, "24:12", "payments: one per agent (2), found 1"), message);
}

BOOST_AUTO_TEST_CASE(ranges_and_rule_preconditions) {
  std::string message =
      load_error(replaced(two_bidders + vcg, "types = [\"0\", \"1\", \"2\"]", "types = [\"0\", \"2\", \"1\"]"));
  BOOST_TEST(reports(message, "9:20", "types must be strictly increasing, but 1 follows 2"), message);
  message = load_error(two_bidders + "[finite.mechanism]\nrule = \"posted_price\"\nprice = \"1\"\n");
  BOOST_TEST(reports(message, "19:8", "rule \"posted_price\" needs a bilateral-trade market"), message);
  message = load_error(two_bidders + "[finite.mechanism]\nrule = \"first_price\"\n");
  BOOST_TEST(reports(message, "19:8", "unknown rule 'first_price'"), message);
  message = load_error(two_bidders + "[finite.mechanism]\nrule = \"vcg\"\nprice = \"1\"\n");
  BOOST_TEST(message.find("price") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(the_k_double_auction_prices_at_k_b_plus_one_minus_k_s) {
  const Case k_double = committed("k-double-auction.toml");
  const Economy& e = economy_of(k_double);
  const std::size_t r = profile_of(e, {Rational(2), Rational(1)});
  BOOST_TEST(e.lottery[r][1] == Rational(1));
  BOOST_TEST(e.payments[r][0] == Rational(3, 2));
  BOOST_TEST(e.payments[r][1] == Rational(-3, 2));
  const Case posted_case = committed("posted-price-bilateral-trade.toml");
  const Economy& posted = economy_of(posted_case);
  BOOST_TEST(posted.payments[profile_of(posted, {Rational(1), Rational(0)})][0] == Rational(1, 2));
  BOOST_TEST(posted.lottery[profile_of(posted, {Rational(2), Rational(1)})][0] == Rational(1));
}

BOOST_AUTO_TEST_SUITE_END()
