// hw model (Hu & Wallace 2012), shared by the claims: the market game's stage-2 formulas (eq. (3)'s
// totals, eq. (2)-(3) against eq. (11) exactly on a grid, known allocations of the instances of
// proofs/hw/docs/lemma1.md §4), the economy's case format and its bad inputs at their positions,
// exact Bayes rule, the continuum economy L^z(eps) (a Cobb-Douglas CE price computed by hand; CE vs
// Nash equilibria and eq. (20)), the exact comparisons and rational functions the checkers compute
// with, and hw.prop2's figure (CSV and SVG export).
#include "mechcheck/cases/case.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/number/rational_function.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

using namespace mechcheck;
using namespace mechcheck::hw;
using namespace mechcheck::proofs;
using Q = Rational;

namespace {

const std::string& cases_dir = testing::hw_cases_dir;
using testing::load_error;
std::string write_case(const std::string& name, const std::string& body) {
  return testing::write_hw_case("mechcheck-hw-model-test", name, body);
}
using testing::economy_of;
using namespace testing::hw_market;

const char* economy_head = R"([hw]
qbar = "2"
rbar = "3"
epsilon = ["1/10", "1/10"]
types = ["lo", "hi"]
states = ["bad", "good"]
)";

const char* utility_all = R"(
[[hw.utility]]
family = "cobb_douglas"
a = "1"
b = "2"
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_market_game)

BOOST_AUTO_TEST_CASE(others_totals_count_all_M_copies_of_epsilon) {
  // eq. (3): Q_- = 3 (1/2) + 1/2 = 2, R_- = 3 (1/4) + 3/4 = 3/2.
  auto t = others_totals<Q>(3, {Q(1, 2), Q(1, 4)}, {{Q(1, 2), 0}, {0, Q(3, 4)}});
  BOOST_TEST(t.q == Q(2));
  BOOST_TEST(t.r == Q(3, 2));
  auto alone = others_totals<Q>(1, {Q(1, 1000), Q(1, 1000)}, {});
  BOOST_TEST(alone.q == Q(1, 1000));
}

BOOST_AUTO_TEST_CASE(known_allocations_of_the_spec_instances) {
  // A: b' = (1/2, 2), p2 = 7/5, (41/14, 17/10).
  BOOST_TEST(price<Q>(others, {Q(1, 2), 2}) == Q(7, 5));
  BOOST_TEST(equal(allocation<Q>(qbar, rbar, others, {Q(1, 2), 2}), Q(41, 14), Q(17, 10)));
  // B: b' = (3/2, 1/3), p2 = 11/21, (25/22, 145/42).
  BOOST_TEST(price<Q>(others, {Q(3, 2), Q(1, 3)}) == Q(11, 21));
  BOOST_TEST(equal(allocation<Q>(qbar, rbar, others, {Q(3, 2), Q(1, 3)}), Q(25, 22), Q(145, 42)));
  // C: b' = (2/3, 1/2), no net trade.
  BOOST_TEST(equal(allocation<Q>(qbar, rbar, others, {Q(2, 3), Q(1, 2)}), 2, 3));
  // D: b' = (qbar, rbar), p2 = 9/8, (8/3, 9/4); and its one-sided b'' = (0, 3/4), p2 = 9/8.
  BOOST_TEST(equal(allocation<Q>(qbar, rbar, others, {2, 3}), Q(8, 3), Q(9, 4)));
  BOOST_TEST(equal(allocation<Q>(qbar, rbar, others, {0, Q(3, 4)}), Q(8, 3), Q(9, 4)));
  BOOST_TEST(price<Q>(others, {0, Q(3, 4)}) == Q(9, 8));
  // The same numbers in double, as a smoke test of the numeric instantiation.
  auto x = allocation<double>(2.0, 3.0, {2.0, 1.5}, {0.5, 2.0});
  BOOST_TEST(x.q == 41.0 / 14.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(eq2_and_eq11_agree_exactly_on_a_grid) {
  // Every (Q_-, R_-) and b on a grid of fractions, including b on the box's edges.
  const std::vector<Q> totals{Q(1, 1000), Q(1, 3), 1, Q(7, 2)}, offers{0, Q(1, 7), Q(1, 2), 1, Q(5, 3), 2};
  int compared = 0;
  for (const auto& Qm : totals)
    for (const auto& Rm : totals)
      for (const auto& bq : offers)
        for (const auto& br : offers) {
          Totals<Q> t{Qm, Rm};
          Offer<Q> b{bq, br};
          auto two = allocation(qbar, rbar, t, b), eleven = allocation_closed_form(qbar, rbar, t, b);
          BOOST_TEST((two.q == eleven.q && two.r == eleven.r),
                     "Q_- = " << Qm << ", R_- = " << Rm << ", b = " << to_text(b));
          // and q - qbar has the sign of D (the case split of Lemma 1's proof)
          BOOST_TEST(sign(Q(two.q - qbar)) == sign(net_trade_numerator(t, b)));
          ++compared;
        }
  BOOST_TEST(compared == 4 * 4 * 6 * 6);
}

BOOST_AUTO_TEST_CASE(zero_totals_are_a_domain_error_not_a_crash) {
  // eps = 0 and nobody else offers: (2)-(3) is 0/0 for the empty offer.
  BOOST_CHECK_THROW(allocation<Q>(qbar, rbar, {0, 0}, {0, 0}), std::domain_error);
  BOOST_CHECK_THROW(allocation_closed_form<Q>(qbar, rbar, {0, 0}, {0, 0}), std::domain_error);
  // A two-sided offer alone in the market gets its endowment back: p2 = b_r/b_q.
  BOOST_TEST(equal(allocation<Q>(qbar, rbar, {0, 0}, {1, 1}), 2, 3));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hw_model)

BOOST_AUTO_TEST_CASE(cobb_douglas_ce_price_by_hand) {
  // State bad: mu = (2/3, 1/3), shares a/(a+b) = 1/3 (lo) and 2/3 (hi): S = 4/9,
  // p = (eps_r + S rbar)/((1 - S) qbar + eps_q) = (1/10 + 4/3)/(10/9 + 1/10) = 129/109.
  const Case c = builtin_papers().load_case(cases_dir + "econ-cobb-douglas.toml");
  const Economy& e = economy_of(c);
  BOOST_REQUIRE(e.info);
  BOOST_CHECK_EQUAL(*e.active_agents(), 3);  // ceil(3/4 * 4)
  const auto ces = competitive_equilibria(e, 0);
  BOOST_REQUIRE_EQUAL(ces.equilibria.size(), 1u);
  BOOST_CHECK(ces.equilibria[0].price == Algebraic(Q(129, 109)));
  // lo demands q = (1/3)(qbar + rbar/p) = (1/3)(2 + 327/129) = 195/129 = 65/43.
  BOOST_CHECK(ces.equilibria[0].bundle[0].q == Algebraic(Q(65, 43)));
  const auto good = competitive_equilibria(e, 1);
  BOOST_REQUIRE_EQUAL(good.equilibria.size(), 1u);
  BOOST_CHECK(good.equilibria[0].price == Algebraic(Q(174, 79)));
}

BOOST_AUTO_TEST_CASE(ce_equals_nash_and_eq20) {
  const Case c = builtin_papers().load_case(cases_dir + "econ-cobb-douglas.toml");
  const Economy& e = economy_of(c);
  const auto ce = competitive_equilibria(e, 0).equilibria.at(0);
  const auto ne = nash_equilibria(e, 0);
  BOOST_REQUIRE_EQUAL(ne.equilibria.size(), 1u);
  BOOST_CHECK(*ne.equilibria[0].price == ce.price);
  // (20) in rationals and in intervals (certified enclosure contains the exact price).
  const Population pop = population(*e.info, 0);
  std::vector<Q> mass = pop.mass;
  std::vector<Offer<Q>> beta;
  for (const auto& b : ne.equilibria[0].beta) beta.push_back({b.q.to_rational(), b.r.to_rational()});
  const Q p = price_eq20(mass, beta, e.epsilon);
  BOOST_CHECK_EQUAL(p, Q(129, 109));
  std::vector<Interval> mi;
  std::vector<Offer<Interval>> bi;
  for (std::size_t i = 0; i < mass.size(); ++i) {
    mi.push_back(from_rational<Interval>(mass[i]));
    bi.push_back({from_rational<Interval>(beta[i].q), from_rational<Interval>(beta[i].r)});
  }
  const Interval pi =
      price_eq20(mi, bi, Offer<Interval>{from_rational<Interval>(e.epsilon.q), from_rational<Interval>(e.epsilon.r)});
  BOOST_CHECK(lower_bound(pi) <= p && p <= upper_bound(pi));
  const double pd =
      price_eq20(std::vector<double>{2. / 3, 1. / 3},
                 std::vector<Offer<double>>{{beta[0].q.convert_to<double>(), beta[0].r.convert_to<double>()},
                                            {beta[1].q.convert_to<double>(), beta[1].r.convert_to<double>()}},
                 Offer<double>{0.1, 0.1});
  BOOST_CHECK_CLOSE(pd, 129.0 / 109.0, 1e-9);
}

BOOST_AUTO_TEST_CASE(bayes_rule_exact) {
  const Case c = builtin_papers().load_case(cases_dir + "econ-cobb-douglas.toml");
  const Information& info = *economy_of(c).info;
  // tau_lo(bad) = (1/2 * 2/3)/(1/2 * 2/3 + 1/2 * 1/3) = 2/3.
  BOOST_CHECK_EQUAL(type_posterior<Q>(info, 0)[0], Q(2, 3));
  // sigma = (2, 1): bad has (2/3)^2 (1/3) = 4/27, good (1/3)^2 (2/3) = 2/27: phi(bad) = 2/3.
  BOOST_CHECK_EQUAL(configuration_posterior<Q>(info, {2, 1})[0], Q(2, 3));
  // (29) with the partition into singletons equals phi^sigma of the others plus the own type.
  BOOST_CHECK_EQUAL(signal_posterior<Q>(info, 0, {0, 1}, {1, 1})[0], configuration_posterior<Q>(info, {2, 1})[0]);
}

BOOST_AUTO_TEST_CASE(cobb_douglas_comparison) {
  // ln(1) + ln(4) = ln(2) + ln(2): equal; A = 1/2, B = 1/3 still exact.
  BOOST_CHECK_EQUAL(compare_cobb_douglas(1, 1, {1, 4}, {2, 2}), 0);
  BOOST_CHECK_EQUAL(compare_cobb_douglas(Q(1, 2), Q(1, 3), {1, 9}, {2, 2}), 1);  // 3^(2/3) > 2^(5/6)? 2.08 > 1.78
}

BOOST_AUTO_TEST_CASE(rational_function_arithmetic) {
  auto f = RationalFunction::make_field({"x", "y"});
  const auto x = RationalFunction::variable(f, 0), y = RationalFunction::variable(f, 1);
  BOOST_TEST(((x + y) * (x + y) - (x * x + RationalFunction(2) * x * y + y * y)).is_zero());
  BOOST_TEST(((x * x - y * y) / (x - y) == x + y));
  BOOST_TEST(!(x / y == y / x));
  auto cleared = RationalFunction::cleared_numerator(x / y, y / x);  // x^2 - y^2
  BOOST_TEST(cleared == x * x - y * y);
  BOOST_TEST(((x + y) / x).evaluate({Q(1, 2), 3}) == Q(7));
  BOOST_CHECK_THROW((y / x).evaluate({0, 1}), std::domain_error);
  BOOST_CHECK_THROW(x / (y - y), std::domain_error);
  BOOST_TEST(*(x * y / (x + y)).orthant_sign_certificate() == 1);
  BOOST_TEST(!(x - y).orthant_sign_certificate().has_value());
  // Mixed signs in either order: the leading term of y - x is -x, the next +y.
  BOOST_TEST(!(y - x).orthant_sign_certificate().has_value());
  BOOST_TEST(*((RationalFunction(0) - x) / (x + y)).orthant_sign_certificate() == -1);
  BOOST_TEST((*((x - x) + RationalFunction(Q(1, 3))).constant() == Q(1, 3)));
}

BOOST_AUTO_TEST_CASE(bad_inputs_name_position_and_rule) {
  auto err = [](const std::string& name, const std::string& extra) {
    return load_error(write_case(name, std::string(economy_head) + extra));
  };
  BOOST_CHECK_NE(err("prior-sum", "prior = [\"1/2\", \"1/3\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n" +
                                      std::string(utility_all))
                     .find("must sum to 1"),
                 std::string::npos);
  BOOST_CHECK_NE(err("prior-zero", "prior = [\"0\", \"1\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n" +
                                       std::string(utility_all))
                     .find("> 0"),
                 std::string::npos);
  const std::string e1 = err("mu-row", "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/3\"], [\"1/2\", \"1/2\"]]\n" +
                                           std::string(utility_all));
  BOOST_CHECK_NE(e1.find("mu row of state 'bad'"), std::string::npos);
  BOOST_CHECK_EQUAL(e1.substr(0, 2), "12");  // line of the mu array
  BOOST_CHECK_NE(err("uncovered",
                     "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n"
                     "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"1\"\ntypes = [\"lo\"]\n")
                     .find("covers u(.; hi, bad)"),
                 std::string::npos);
  BOOST_CHECK_NE(err("sigma-one",
                     "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n"
                     "[[hw.utility]]\nfamily = \"ces\"\na = \"1\"\nb = \"1\"\nsigma = \"1\"\n")
                     .find("Cobb-Douglas"),
                 std::string::npos);
  BOOST_CHECK_NE(err("eta", "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\neta = \"1\"\n" +
                                std::string(utility_all))
                     .find("(0, 1)"),
                 std::string::npos);
  BOOST_CHECK_NE(err("unknown-type",
                     "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n"
                     "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"1\"\ntypes = [\"mid\"]\n")
                     .find("'mid' is not one of the declared types"),
                 std::string::npos);
}

BOOST_AUTO_TEST_CASE(figure_writes_csv_and_svg) {
  const Case c = builtin_papers().load_case(cases_dir + "prop2-cobb-douglas.toml");
  const FigureWriter* figure = builtin_papers().figure("hw.prop2");
  BOOST_REQUIRE(figure != nullptr);
  const auto dir = (std::filesystem::temp_directory_path() / "mechcheck-hw-prop2-figure").string();
  const auto files = figure->write(c, dir);
  BOOST_REQUIRE_EQUAL(files.size(), 2u);
  std::ifstream svg(files[1]);
  const std::string text((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
  // Log-log axes: the x ticks are 10^k, k = 1..5 (N = 10..10^5), one power per equal step; the y
  // ticks are negative powers of 10 with a real minus sign.
  const std::regex x_tick(
      "<text x=\"([0-9.]+)\" y=\"440\" text-anchor=\"middle\">10<tspan dy=\"-[0-9.]+\" "
      "font-size=\"[0-9.]+\">([0-9]+)</tspan>");
  std::vector<double> at;
  std::vector<int> exponents;
  for (auto m = std::sregex_iterator(text.begin(), text.end(), x_tick); m != std::sregex_iterator(); ++m) {
    at.push_back(std::stod((*m)[1]));
    exponents.push_back(std::stoi((*m)[2]));
  }
  BOOST_TEST(exponents == (std::vector<int>{1, 2, 3, 4, 5}), boost::test_tools::per_element());
  for (std::size_t k = 1; k < at.size(); ++k) BOOST_TEST(std::abs((at[k] - at[k - 1]) - (at[1] - at[0])) < 1e-6);
  BOOST_TEST(text.find(">10<tspan dy=\"-4.94\" font-size=\"9.75\">\u22122</tspan>") != std::string::npos);
  // beta^{sigma^N} (L123) as a beta with a raised sigma, and a higher N on it; no raw markup or
  // spelt-out Greek left as text.
  BOOST_TEST(std::regex_search(
      text, std::regex("\u03b2<tspan dy=\"-[0-9.]+\" font-size=\"[0-9.]+\">\u03c3</tspan><tspan dy=\"-[0-9.]+\" "
                       "font-size=\"[0-9.]+\">N</tspan>")));
  for (const char* raw : {"^{", "_{", "beta", "sigma", "log10"}) {
    BOOST_TEST_INFO(raw);
    BOOST_TEST(text.find(raw) == std::string::npos);
  }
  BOOST_TEST(std::regex_search(text, std::regex("fit N<tspan [^>]*>\u22120\\.9[0-9]*</tspan>")));
  BOOST_TEST(text.find("xml:space=\"preserve\"") != std::string::npos);  // " to" after a superscript keeps its space
}

BOOST_AUTO_TEST_SUITE_END()
