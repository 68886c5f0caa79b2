// hw.theorem1 (Hu & Wallace 2012, Theorem 1: if alpha*(x) != alpha*(y) for x != y, there is an Nbar
// such that for N >= Nbar the N-agent economy has a separating equilibrium: s_1* = alpha*, beliefs
// (7)-(8), stage-2 strategies (10)): alpha* and I(x) known by hand (exact), Claim 1's delta, A_x
// and epsilon by hand, the configuration weights against a brute force over type sequences, F_x^N
// against an independent double-precision computation (equilibria by damped best-response
// iteration, best responses by golden-section search on the utility itself, bundles by eq. (2)
// rather than the one-sided formulas, sums over sequences rather than configurations), a seeded
// wrong weight the checker must catch, Nbar on a committed case, the same rows for one thread and
// four, bad input at its position, its preconditions and its size guard.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_interval.hpp"
#include "mechcheck/number/kind_mpfr.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"
#include "support/simulated_team.hpp"

#include <boost/test/unit_test.hpp>
#include <tbb/global_control.h>

#include <cmath>
#include <limits>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

using namespace mechcheck;
using namespace mechcheck::hw;
using namespace mechcheck::proofs;
using Q = Rational;

namespace {

const std::string& cases_dir = testing::hw_cases_dir;
std::string write_case(const std::string& name, const std::string& body) {
  return testing::write_hw_case("mechcheck-hw-theorem1-test", name, body);
}

using testing::claim;
using testing::contains;
using testing::economy_of;
using testing::endowment;
using testing::expect_precondition;
using testing::run_expectation;

// ---- an independent double-precision F_x^N ------------------------------------------------
double utility(const Utility& u, double q, double r) {
  if (u.family == Family::cobb_douglas)
    return u.a.convert_to<double>() * std::log(q) + u.b.convert_to<double>() * std::log(r);
  const double rho = 1 - 1 / u.sigma.convert_to<double>();
  return (u.a.convert_to<double>() * std::pow(q, rho) + u.b.convert_to<double>() * std::pow(r, rho)) / rho;
}

// The bundle of a signed offer s by eqs. (2)-(3) (price R/Q of the totals including the offer).
Bundle<double> bundle(const Economy& e, const Totals<double>& others, double s) {
  const Offer<double> b = s >= 0 ? Offer<double>{s, 0} : Offer<double>{0, -s};
  return allocation<double>(e.qbar.convert_to<double>(), e.rbar.convert_to<double>(), others, b);
}

double expected_utility(const Economy& e, std::size_t x, const std::vector<double>& phi, const Totals<double>& others,
                        double s) {
  const auto b = bundle(e, others, s);
  double total = 0;
  for (std::size_t z = 0; z < phi.size(); ++z)
    if (phi[z] > 0) total += phi[z] * utility(e.info->utility[x][z], b.q, b.r);
  return total;
}

// Golden-section search for the maximizer of the (unimodal) expected utility over (-rbar, qbar).
double best_response(const Economy& e, std::size_t x, const std::vector<double>& phi, const Totals<double>& others) {
  double lo = -e.rbar.convert_to<double>() * (1 - 1e-12), hi = e.qbar.convert_to<double>() * (1 - 1e-12);
  const double g = (std::sqrt(5.0) - 1) / 2;
  double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
  double fa = expected_utility(e, x, phi, others, a), fb = expected_utility(e, x, phi, others, b);
  for (int k = 0; k < 200 && hi - lo > 1e-14; ++k) {
    if (fa < fb) {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = expected_utility(e, x, phi, others, b);
    } else {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = expected_utility(e, x, phi, others, a);
    }
  }
  return (lo + hi) / 2;
}

Totals<double> totals_of(const Economy& e, long long M, const std::vector<long long>& count,
                         const std::vector<double>& s, std::size_t without) {
  double Q = static_cast<double>(M) * e.epsilon.q.convert_to<double>(),
         R = static_cast<double>(M) * e.epsilon.r.convert_to<double>();
  for (std::size_t y = 0; y < s.size(); ++y) {
    const double n = static_cast<double>(count[y] - (y == without ? 1 : 0));
    if (s[y] >= 0) Q += n * s[y];
    else R -= n * s[y];
  }
  return {Q, R};
}

// beta^sigma by damped simultaneous best responses (every type with sigma(y) > 0), remembered per
// sigma (the economy is the same throughout the test).
std::vector<double> equilibrium(const Economy& e, const std::vector<long long>& sigma) {
  static std::map<std::vector<long long>, std::vector<double>> known;
  if (auto it = known.find(sigma); it != known.end()) return it->second;
  const auto phi = configuration_posterior<double>(*e.info, sigma);
  long long M = 0;
  for (auto n : sigma) M += n;
  std::vector<double> s(sigma.size(), 0.0);
  for (int round = 0; round < 3000; ++round) {
    std::vector<double> next = s;
    double change = 0;
    for (std::size_t y = 0; y < sigma.size(); ++y) {
      if (sigma[y] == 0) continue;
      next[y] = (s[y] + best_response(e, y, phi, totals_of(e, M, sigma, s, y))) / 2;
      change = std::max(change, std::abs(next[y] - s[y]));
    }
    s = next;
    if (change < 1e-13) break;
  }
  known[sigma] = s;
  return s;
}

// F_x^N(x') by (23): the sum over every sequence xi of the other M - 1 types.
double F_by_sequences(const Economy& e, long long M, std::size_t x, std::size_t xp) {
  const Information& info = *e.info;
  const std::size_t k = info.type_count();
  const auto tau = type_posterior<double>(info, x);
  double F = 0;
  std::vector<std::size_t> xi(static_cast<std::size_t>(M - 1), 0);
  std::function<void(std::size_t)> rec = [&](std::size_t i) {
    if (i < xi.size()) {
      for (std::size_t y = 0; y < k; ++y) {
        xi[i] = y;
        rec(i + 1);
      }
      return;
    }
    std::vector<long long> c(k, 0);
    for (auto y : xi) ++c[y];
    auto believed = c;
    ++believed[xp];  // the others read the deviator as x' (26)
    const auto beta = equilibrium(e, believed);
    Totals<double> T{static_cast<double>(M) * e.epsilon.q.convert_to<double>(),
                     static_cast<double>(M) * e.epsilon.r.convert_to<double>()};
    for (auto y : xi) {
      if (beta[y] >= 0) T.q += beta[y];
      else T.r -= beta[y];
    }
    auto own = c;
    ++own[x];
    const double s = xp == x ? beta[x] : best_response(e, x, configuration_posterior<double>(info, own), T);
    const auto b = bundle(e, T, s);
    for (std::size_t z = 0; z < info.state_count(); ++z) {
      double w = tau[z];
      for (auto y : xi) w *= info.mu[z][y].convert_to<double>();
      if (w > 0) F += w * utility(info.utility[x][z], b.q, b.r);
    }
  };
  rec(0);
  return F;
}

double mid(const Interval& x) {
  Mpfr m;
  mpfi_mid(m.backend().data(), x.backend().data());
  return m.convert_to<double>();
}

// A weight without the multinomial coefficient: the probability of one sequence, not of the
// configuration (a natural slip in (23)); the weights then do not sum to 1.
Rational one_sequence_weight(const Information& info, std::size_t z, const std::vector<long long>& c) {
  Rational w = 1;
  for (std::size_t y = 0; y < c.size(); ++y)
    for (long long j = 0; j < c[y]; ++j) w *= info.mu[z][y];
  return w;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_theorem1)

BOOST_AUTO_TEST_CASE(alpha_star_and_the_intervals_are_known_by_hand) {
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-cobb-douglas.toml");
  const Economy& e = economy_of(c);
  PrecisionScope precision(40);
  // p1 = rbar/qbar = 3/2. lo: ln q + 2 ln r everywhere, q* = 2 A qbar/(A + B) = 4/3. hi: tau_hi =
  // (1/3, 2/3), E(a, b) = (2/3 + 2, 1) = (8/3, 1), q* = 2 (8/3) 2/(11/3) = 32/11.
  BOOST_TEST(first_stage_price(e) == Q(3, 2));
  const BeliefIntervals b = belief_intervals(e);
  BOOST_TEST(b.separating);
  BOOST_TEST(*b.optimum[0].exact == Q(4, 3));
  BOOST_TEST(*b.optimum[1].exact == Q(32, 11));
  BOOST_TEST(b.order[0] == 0u);
  BOOST_TEST(*b.upper_exact[0] == Q(70, 33));  // (4/3 + 32/11)/2
  BOOST_TEST(*b.lower_exact[1] == Q(70, 33));
  BOOST_TEST(*b.upper_exact[1] == Q(4));        // 2 qbar
  BOOST_TEST(interval_of(b, Q(70, 33)) == 1u);  // I(lo) is open on the right
  BOOST_TEST(interval_of(b, Q(69, 33)) == 0u);
  // The one-sided stage-1 offers: alpha*(lo) sells 2/3 of good q; alpha*(hi) sells r for 10/11 of q.
  const auto a_lo = stage1_offer_for(e, Q(4, 3)), a_hi = stage1_offer_for(e, Q(32, 11));
  BOOST_TEST(a_lo.q == Q(2, 3));
  BOOST_TEST(a_lo.r == Q(0));
  BOOST_TEST(a_hi.r == Q(3, 2) * Q(10, 11));
  BOOST_TEST(stage1_quantity(e, a_hi) == Q(32, 11));
  // Two formulas for the optimum: L'_x encloses 0 at q*, and is certified positive below it.
  BOOST_TEST(lower_bound(inactive_marginal(e, 1, from_rational<Interval>(Q(32, 11)))) <= 0);
  BOOST_TEST(upper_bound(inactive_marginal(e, 1, from_rational<Interval>(Q(32, 11)))) >= 0);
  BOOST_TEST(lower_bound(inactive_marginal(e, 1, from_rational<Interval>(Q(29, 11)))) > 0);
}

BOOST_AUTO_TEST_CASE(theorem1_reports_claim1_exactly_for_cobb_douglas) {
  // By hand: q* = 4/3 and 8/3, delta = 2/3; L'_lo(q) = 1/q - 3/(6 - 3q/2) gives L'(1) = 1/3 and
  // -L'(5/3) = 9/35, so A_lo = 9/35 (and A_hi = 9/35 by symmetry); epsilon = (1/2)(1/3)(9/35) = 3/70.
  const Outcome out = run_expectation("theorem1-undefined-beliefs.toml", "hw.theorem1");
  auto value = [&](const std::string& name) {
    for (const auto& v : out.values)
      if (v.name == name) return v;
    BOOST_FAIL("no value " + name);
    throw;
  };
  BOOST_TEST(value("delta").text == "2/3");
  BOOST_TEST(value("delta").kind == "rational");
  BOOST_TEST(value("A_lo").text == "9/35");
  BOOST_TEST(value("A_hi").text == "9/35");
  BOOST_TEST(value("epsilon_claim1").text == "3/70");
}

BOOST_AUTO_TEST_CASE(configuration_weights_equal_the_sum_over_sequences) {
  Information info;
  info.types = {"a", "b", "c"};
  info.states = {"z"};
  info.prior = {Q(1)};
  info.mu = {{Q(1, 2), Q(1, 3), Q(1, 6)}};
  const long long others = 4;
  std::map<std::vector<long long>, Rational> tally;
  std::vector<std::size_t> xi(others, 0);
  std::function<void(std::size_t)> rec = [&](std::size_t i) {
    if (i == xi.size()) {
      std::vector<long long> c(3, 0);
      Rational p = 1;
      for (auto y : xi) {
        ++c[y];
        p *= info.mu[0][y];
      }
      tally[c] += p;
      return;
    }
    for (std::size_t y = 0; y < 3; ++y) {
      xi[i] = y;
      rec(i + 1);
    }
  };
  rec(0);
  Rational total = 0;
  for (const auto& c : all_configurations(3, others)) {
    BOOST_TEST(configuration_weight(info, 0, c) == tally[c]);
    total += configuration_weight(info, 0, c);
  }
  BOOST_TEST(total == Q(1));
  BOOST_TEST(one_sequence_weight(info, 0, {2, 1, 1}) != configuration_weight(info, 0, {2, 1, 1}));
}

BOOST_AUTO_TEST_CASE(active_payoffs_agree_with_an_independent_double_computation) {
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-cobb-douglas.toml");
  const Economy& e = economy_of(c);
  PrecisionScope precision(40);
  const Mpfr radius = hw_prop1::box_radius(40);
  for (long long M : {1LL, 3LL, 4LL}) {
    const EquilibriumFamily family = certify_equilibria(e, M, radius);
    BOOST_REQUIRE(family.failure.empty());
    const ActivePayoffs F = active_payoffs(e, family, radius);
    BOOST_REQUIRE(F.failure.empty());
    BOOST_REQUIRE(F.weight_failure.empty());
    for (std::size_t x = 0; x < 2; ++x)
      for (std::size_t xp = 0; xp < 2; ++xp) {
        BOOST_TEST_CONTEXT("M = " << M << ", x = " << x << ", x' = " << xp) {
          BOOST_TEST(width(F.F[x][xp]) < Q(1, 1000000000));
          BOOST_TEST(std::abs(mid(F.F[x][xp]) - F_by_sequences(e, M, x, xp)) < 1e-6);
        }
      }
    if (M == 1) {  // alone, the agent's stage-1 action cannot move anyone: F(x) = F(x')
      BOOST_TEST(std::abs(mid(F.F[0][0]) - mid(F.F[0][1])) < 1e-15);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_weight_without_the_multinomial_coefficient_is_caught) {
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-cobb-douglas.toml");
  const auto seeded = mechcheck::proofs::hw_theorem1::make_claim(&one_sequence_weight);
  const Outcome o = run_claim(*seeded, c, CheckContext{});
  BOOST_TEST(to_string(o.verdict) == std::string("error"));
  BOOST_TEST(o.summary.find("sum to") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(small_economies_fail_and_nbar_is_the_first_n_of_the_passing_tail) {
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-small-economies-fail.toml");
  const Outcome o = run_claim(*builtin_papers().find("hw.theorem1"), c, CheckContext{});
  BOOST_TEST(to_string(o.verdict) == std::string("holds"));
  auto value = [&](const std::string& name) {
    for (const auto& v : o.values)
      if (v.name == name) return v.text;
    return std::string("(missing)");
  };
  BOOST_TEST(value("Nbar") == "17");
  BOOST_TEST(value("N=16").find("fails") != std::string::npos);
  BOOST_TEST(value("N=2").find("fails") != std::string::npos);
  BOOST_TEST(value("N=17").find("passes") != std::string::npos);
  BOOST_TEST(value("N=1").find("passes") != std::string::npos);  // alone, an agent moves no one
}

BOOST_AUTO_TEST_CASE(a_bad_range_is_reported_at_its_position) {
  const std::string path = write_case("bad-range", R"([hw]
qbar = "2"
rbar = "3"
epsilon = ["1/10", "1/10"]
types = ["lo", "hi"]
states = ["bad", "good"]
prior = ["1/2", "1/2"]
mu = [["2/3", "1/3"], ["1/3", "2/3"]]
eta = "1/4"

[[hw.utility]]
family = "cobb_douglas"
a = "1"
b = "2"

[hw.theorem1]
N_range = [5, 3]
)");
  try {
    builtin_papers().load_case(path);
    BOOST_FAIL("N_range = [5, 3] was accepted");
  } catch (const InputError& err) {
    BOOST_TEST(err.line() == 21);  // N_range (the [case] header adds four lines)
    BOOST_TEST(err.rule().find("the last N of N_range") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(theorem1_needs_two_types) {
  const std::string f = write_case("one-type", endowment +
                                                   "types = [\"only\"]\nstates = [\"bad\"]\nprior = [\"1\"]\n"
                                                   "mu = [[\"1\"]]\neta = \"1/4\"\n"
                                                   "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"2\"\n");
  expect_precondition("hw.theorem1", f, "9:9", "hw.theorem1 needs at least two types");
}

BOOST_AUTO_TEST_CASE(theorem1_size_guard_does_not_wrap_around) {
  // 30 types: C(M + 29, 29) exceeds 2^64 for large M; the guard used to cap it at 2^62 and
  // multiply by 100, which wraps to 0 modulo 2^64, so the run started. Now it saturates.
  std::string types, bad, good;
  for (int i = 1; i <= 30; ++i) {
    types += std::string(i > 1 ? ", " : "") + "\"t" + std::to_string(i) + "\"";
    bad += std::string(i > 1 ? ", " : "") + "\"" + std::to_string(i) + "/465\"";
    good += std::string(i > 1 ? ", " : "") + "\"" + std::to_string(31 - i) + "/465\"";
  }
  const std::string f =
      write_case("theorem1-thirty-types",
                 endowment + "types = [" + types +
                     "]\nstates = [\"bad\", \"good\"]\n"
                     "prior = [\"1/2\", \"1/2\"]\nmu = [[" +
                     bad + "], [" + good +
                     "]]\neta = \"1/4\"\n"
                     "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"1\"\nb = \"2\"\nstates = [\"bad\"]\n"
                     "[[hw.utility]]\nfamily = \"cobb_douglas\"\na = \"2\"\nb = \"1\"\nstates = [\"good\"]\n"
                     "[hw.theorem1]\nN_range = [1, 100000]\n");
  const Outcome out = run_claim(claim("hw.theorem1"), builtin_papers().load_case(f), CheckContext{});
  BOOST_TEST(to_string(out.verdict) == "error", out.summary);
  BOOST_TEST(contains(out.summary, std::to_string(std::numeric_limits<unsigned long long>::max()) + " points"),
             out.summary);
}

BOOST_AUTO_TEST_CASE(rows_do_not_depend_on_the_number_of_threads) {
  // The M of the range are evaluated in parallel (theorem1.cpp, rows_over_range), each into its
  // own slot: one thread and four must give the same verdict, summary, values (every margin's
  // enclosure to its last printed digit) and statistics other than the time.
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-cobb-douglas.toml");
  auto run_with = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    return run_claim(*builtin_papers().find("hw.theorem1"), c, CheckContext{});
  };
  auto texts = [](const std::vector<Value>& values) {
    std::vector<std::string> out;
    for (const auto& v : values)
      if (v.name != "seconds") out.push_back(v.name + " = " + v.text + " " + v.interval);
    return out;
  };
  const Outcome one = run_with(1), four = run_with(4);
  BOOST_TEST(to_string(one.verdict) == std::string("holds"));
  BOOST_TEST(to_string(four.verdict) == to_string(one.verdict));
  BOOST_TEST(four.summary == one.summary);
  BOOST_TEST(texts(four.values) == texts(one.values), boost::test_tools::per_element());
  BOOST_TEST(texts(four.stats) == texts(one.stats), boost::test_tools::per_element());
  BOOST_TEST(texts(one.values).size() > 10u);
}

BOOST_AUTO_TEST_CASE(rows_do_not_depend_on_how_many_processes_share_them) {
  // In an MPI run of this one check the M are shared among the processes (blocks of consecutive
  // M, rows exchanged bit for bit): simulated with 2 and 3 members, every member's outcome must be
  // one process's -- every margin's enclosure to its last printed digit.
  const Case c = builtin_papers().load_case(cases_dir + "theorem1-cobb-douglas.toml");
  const Claim& claim = *builtin_papers().find("hw.theorem1");
  auto texts = [](const std::vector<Value>& values) {
    std::vector<std::string> out;
    for (const auto& v : values)
      if (v.name != "seconds") out.push_back(v.name + " = " + v.text + " " + v.interval);
    return out;
  };
  const Outcome alone = run_claim(claim, c, CheckContext{});
  for (int size : {2, 3}) {
    const auto team = testing::run_as_team<Outcome>(size, [&](const Team& t) {
      CheckContext context;
      context.team = t;
      return run_claim(claim, c, context);
    });
    for (int b = 0; b < size; ++b) {
      BOOST_TEST_REQUIRE(!team.failures[b]);
      const Outcome& got = team.results[b];
      BOOST_TEST(to_string(got.verdict) == to_string(alone.verdict));
      BOOST_TEST(got.summary == alone.summary);
      BOOST_TEST(texts(got.values) == texts(alone.values), boost::test_tools::per_element());
      BOOST_TEST(texts(got.stats) == texts(alone.stats), boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
