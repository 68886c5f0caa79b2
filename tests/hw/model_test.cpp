// hw model beyond Lemma 1 (Hu & Wallace 2012): the economy's case format, exact Bayes rule,
// the continuum economy L^z(eps) (a Cobb-Douglas CE price computed by hand), two independent
// formulas agreeing (g'(0) by L280 vs by differentiating eq. (2); CE vs Nash equilibria), bad
// inputs at their positions, and a seeded bug per claim that its checker must catch.
#include "mechcheck/cases/case.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_double.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using namespace mechcheck;
using namespace mechcheck::hw;
using namespace mechcheck::proofs;
using Q = Rational;

namespace {

const std::string& cases_dir = testing::hw_cases_dir;
using testing::load_error;
std::string write_case(const std::string& name, const std::string& body) { return testing::write_hw_case("mechcheck-hw-model-test", name, body); }
Outcome run(const Claim& claim, const std::string& file, std::set<std::string> dropped = {}) {
  return testing::run_hw_case(claim, file, std::move(dropped));
}

using testing::economy_of;

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
  const Interval pi = price_eq20(mi, bi, Offer<Interval>{from_rational<Interval>(e.epsilon.q), from_rational<Interval>(e.epsilon.r)});
  BOOST_CHECK(lower_bound(pi) <= p && p <= upper_bound(pi));
  const double pd = price_eq20(std::vector<double>{2. / 3, 1. / 3},
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

BOOST_AUTO_TEST_CASE(g_prime_two_formulas) {
  // g'(0) by L280 and by differentiating the market-game payoff (2)-(3).
  const Totals<Q> t{Q(3, 2), Q(5, 4)};
  const auto d = hw_eq17::bundle_derivative_at_zero(2, 3, t, true);
  BOOST_CHECK_EQUAL(d.q, -1);
  BOOST_CHECK_EQUAL(d.r, Q(5, 6));  // R_-/Q_-
  const auto h = hw_eq17::bundle_derivative_at_zero(2, 3, t, false);
  BOOST_CHECK_EQUAL(h.q, Q(6, 5));
  BOOST_CHECK_EQUAL(h.r, -1);
  const Algebraic Euq(Q(1, 2)), Eur(Q(2, 3));
  BOOST_CHECK(hw_eq17::paper_g_prime(Euq, Eur, t.q, t.r) == Euq * Algebraic(d.q) + Eur * Algebraic(d.r));
  // CES marginal utility is algebraic: 1 * 2^(-1/2), its square is 1/2.
  auto mu = marginal_utilities(Utility{Family::ces, 1, 1, 2}, 2, 3);
  BOOST_CHECK(mu.first * mu.first == Algebraic(Q(1, 2)));
  BOOST_CHECK(!mu.first.is_rational());
}

BOOST_AUTO_TEST_CASE(cobb_douglas_comparison) {
  // ln(1) + ln(4) = ln(2) + ln(2): equal; A = 1/2, B = 1/3 still exact.
  BOOST_CHECK_EQUAL(compare_cobb_douglas(1, 1, {1, 4}, {2, 2}), 0);
  BOOST_CHECK_EQUAL(compare_cobb_douglas(Q(1, 2), Q(1, 3), {1, 9}, {2, 2}), 1);  // 3^(2/3) > 2^(5/6)? 2.08 > 1.78
}

// The committed hw cases are all checked in hw_lemma1_test (one loop, drops honoured).

BOOST_AUTO_TEST_CASE(dropping_hypotheses_shows_they_matter) {
  BOOST_CHECK(run(*hw_lemma2::make_claim(), "econ-zero-epsilon.toml", {"epsilon_positive"}).verdict == Verdict::refuted);
  BOOST_CHECK(run(*hw_eq17::make_claim(), "econ-zero-epsilon.toml", {"epsilon_positive"}).verdict == Verdict::refuted);
}

BOOST_AUTO_TEST_CASE(seeded_bugs_are_caught) {
  // eq17: h'(0) with Q_-/R_- inverted.
  auto bad_h = [](const Algebraic& u, const Algebraic& v, const Q& Qm, const Q& Rm) { return u * Algebraic(Rm / Qm) - v; };
  BOOST_CHECK(run(*hw_eq17::make_claim(+bad_h), "econ-cobb-douglas.toml").verdict == Verdict::refuted);
  // lemma2: (20) with eps_q and eps_r swapped.
  auto bad_p = [](const std::vector<Algebraic>& m, const std::vector<Offer<Algebraic>>& b, const Offer<Algebraic>& eps) {
    return price_eq20(m, b, Offer<Algebraic>{eps.r, eps.q * 2});
  };
  BOOST_CHECK(run(*hw_lemma2::make_claim(+bad_p), "econ-cobb-douglas.toml").verdict == Verdict::refuted);
  // a1: block masses that forget the last type.
  auto bad_mass = [](const Information& info, std::size_t z, unsigned long long mask) {
    return block_mass(info, z, mask & ~(1ULL << (info.type_count() - 1)));
  };
  BOOST_CHECK(run(*hw_a1::make_claim(+bad_mass), "econ-cobb-douglas.toml").verdict == Verdict::error);
  // necessity: a two-sided "twin" that forgets R_- in its price.
  hw_necessity::Rule rule = hw_necessity::paper_rule();
  rule.symbolic = [](const Totals<RationalFunction>& o, const RationalFunction& beta, const RationalFunction& t, bool buy_q) {
    if (buy_q) return Offer<RationalFunction>{t, beta + t};
    return Offer<RationalFunction>{beta + t, t};
  };
  BOOST_CHECK(run(*hw_necessity::make_claim(rule), "econ-cobb-douglas.toml").verdict == Verdict::refuted);
}

BOOST_AUTO_TEST_CASE(bad_inputs_name_position_and_rule) {
  auto err = [](const std::string& name, const std::string& extra) {
    return load_error(write_case(name, std::string(economy_head) + extra));
  };
  BOOST_CHECK_NE(err("prior-sum", "prior = [\"1/2\", \"1/3\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n" + std::string(utility_all))
                     .find("must sum to 1"), std::string::npos);
  BOOST_CHECK_NE(err("prior-zero", "prior = [\"0\", \"1\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n" + std::string(utility_all))
                     .find("> 0"), std::string::npos);
  const std::string e1 = err("mu-row", "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/3\"], [\"1/2\", \"1/2\"]]\n" + std::string(utility_all));
  BOOST_CHECK_NE(e1.find("mu row of state 'bad'"), std::string::npos);
  BOOST_CHECK_EQUAL(e1.substr(0, 2), "12");  // line of the mu array
  BOOST_CHECK_NE(err("uncovered", "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n"
                                  "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"1\"\ntypes = [\"lo\"]\n")
                     .find("covers u(.; hi, bad)"), std::string::npos);
  BOOST_CHECK_NE(err("sigma-one", "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n"
                                  "[[hw.utility]]\nfamily = \"ces\"\na = \"1\"\nb = \"1\"\nsigma = \"1\"\n")
                     .find("Cobb-Douglas"), std::string::npos);
  BOOST_CHECK_NE(err("eta", "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\neta = \"1\"\n" +
                                std::string(utility_all)).find("(0, 1)"), std::string::npos);
  BOOST_CHECK_NE(err("unknown-type", "prior = [\"1/2\", \"1/2\"]\nmu = [[\"1/2\", \"1/2\"], [\"1/2\", \"1/2\"]]\n"
                                     "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"1\"\ntypes = [\"mid\"]\n")
                     .find("'mid' is not one of the declared types"), std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
