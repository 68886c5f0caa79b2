// The ly model and checkers: committed cases, exact and certified known answers, agreement of
// the multiplier route with the best-deviation route, bad input, and seeded bugs that each
// checker must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "ly/model/economy.hpp"
#include "ly/model/exp_sum.hpp"
#include "ly/model/implementability.hpp"
#include "ly/model/subsidy.hpp"
#include "ly/claims/claims.hpp"

#include "support/committed_cases.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <mpfi.h>
#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::ly;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/ly/";

Outcome run(const std::string& claim, const std::string& case_file, std::set<std::string> dropped = {}) {
  return testing::run_on_file(claim, cases_dir + case_file, std::move(dropped));
}
Economy economy_of(const std::string& case_file) { return testing::model_of<Economy>(cases_dir + case_file); }
using testing::value_of;

// A Check of its own for a judging step called directly, as a claim calls it (nothing dropped).
struct Judging {
  CheckContext context;
  Check check{context};
  // What the step reported as witness, read back through a verdict builder.
  std::vector<Value> witness() const { return check.inconclusive("").witness; }
};

bool overlaps(const Interval& x, const Interval& y) {
  return !(upper_bound(x) < lower_bound(y) || upper_bound(y) < lower_bound(x));
}

// Writes an ly case with the given [ly] body; returns its path.
std::string write_case(const std::string& name, const std::string& body) {
  auto dir = std::filesystem::temp_directory_path() / ("mechcheck-ly-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / (name + ".toml")).string();
  std::ofstream(path) << "[case]\nname = \"" << name << "\"\nmodel = \"ly\"\n\n[ly]\n" << body;
  return path;
}

// The InputError of loading `path` as "LINE:COLUMN: rule" ("" when it loads).
std::string load_error(const std::string& path) {
  try {
    builtin_papers().load_case(path);
  } catch (const InputError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.rule();
  }
  return "";
}

const char* valid_body =
    "prior = [\"1/2\", \"1/2\"]\n"                          // line 6
    "buyer_value = [\"1\", \"3\"]\n"                        // 7
    "seller_value = [\"0\", \"1\"]\n"                       // 8
    "cost_scale = \"1\"\n"                                  // 9
    "alpha_lo = [[\"3/8\", \"0\"], [\"0\", \"1/8\"]]\n"     // 10
    "alpha_hi = [[\"1/8\", \"0\"], [\"0\", \"3/8\"]]\n"     // 11
    "q = [[\"1\", \"1\"], [\"1\", \"1\"]]\n"                // 12
    "t_buyer = [[\"0\", \"3\"], [\"3\", \"0\"]]\n"          // 13
    "t_seller = [[\"2\", \"-1\"], [\"-1\", \"2\"]]\n";      // 14

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ly_claims)

BOOST_AUTO_TEST_CASE(every_committed_ly_case_meets_its_expectations) {
  BOOST_TEST(testing::check_committed_cases(cases_dir) >= 23u);
}

// ---- exact sign decisions ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(exp_sums_decide_zero_exactly_and_other_signs_by_enclosure) {
  // 3/4 + 1/4 - 1 is identically 0; e^(1/2) e^(1/2) - e = 0 as an identity of exp-sums.
  ExpSum a = ExpSum::constant(Rational(3, 4)) + ExpSum::constant(Rational(1, 4)) - ExpSum::constant(Rational(1));
  BOOST_TEST(a.is_identically_zero());
  BOOST_TEST(decide_sign(a) == 0);
  ExpSum h = ExpSum::term(Rational(1), Rational(1, 2));
  BOOST_TEST((h * h - ExpSum::term(Rational(1), Rational(1))).is_identically_zero());
  // e - 2718281828/10^9 > 0 (close, but nonzero: decided by intervals).
  BOOST_TEST(decide_sign(ExpSum::term(Rational(1), Rational(1)) - ExpSum::constant(Rational(2718281828, 1000000000))) == 1);
  // log 2 vs 693147/10^6: 1 + kappa log 2 > 1 + 693147/10^6 (kappa = 1).
  BOOST_TEST(compare(LogTerm{Rational(1), Rational(2)}, LogTerm{Rational(1) + Rational(693147, 1000000), Rational(1)}, Rational(1)) == 1);
  // Equal LogTerms written differently: 0 + log 4 = 2 log 2 is a log identity: log 4 with r = 4 vs
  // 0 + kappa log 2 with kappa = 2.
  BOOST_TEST(compare(LogTerm{Rational(0), Rational(4)}, LogTerm{Rational(0), Rational(2)}, Rational(2)) == 1);
}

// ---- known answers ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(multipliers_of_the_perfectly_correlated_case) {
  Outcome out = run("ly.implementability", "implementable-perfect-correlation.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "implementable for the buyer (multipliers)") == "yes");
  // Buyer: lambda_1(v_lo) = u^b(lo) - t^b_11 - log mu_1(lo) = 1 - 0 - log(3/4); NA's sum exactly.
  BOOST_TEST(value_of(out, "NA^b sum_v exp(-Lambda(v)/kappa) (exact)") == "3/4 e^(-3) + 3/4 e^(-1)");
  BOOST_TEST(value_of(out, "NA^s sum_v exp(-Lambda(v)/kappa) (exact)") == "3/4 e^(-2) + 3/4 e^(-1)");
  const Economy e = economy_of("implementable-perfect-correlation.toml");
  const Multipliers m = solve_multipliers(player_problem(e, *e.mechanism, Player::buyer));
  BOOST_REQUIRE(m.lambda[LO][0]);
  const Interval expected = from_rational<Interval>(Rational(1)) - log_enclosure(Rational(3, 4));
  BOOST_TEST(overlaps(enclose(*m.lambda[LO][0], e.kappa), expected));
  BOOST_TEST(m.na_sign == 1);
  // phi at the zero cell (s^b_1, s^s_2, v_lo) = lambda_2(lo) - (w_12(lo) - log mu_1(lo))
  //   = (1 - 0 - log 1/4) - (1 - 3 - log 3/4) = 3 - log 3.
  const Interval phi = from_rational<Interval>(Rational(3)) - log_enclosure(Rational(3));
  BOOST_REQUIRE(m.min_phi);
  BOOST_TEST(overlaps(*m.min_phi, phi));
}

BOOST_AUTO_TEST_CASE(na_binds_by_identity_not_by_rounding) {
  Outcome out = run("ly.implementability", "na-binds.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(value_of(out, "NA^b sum_v exp(-Lambda(v)/kappa) (exact)") == "1");
  BOOST_TEST(value_of(out, "NA^b").substr(0, 5) == "binds");
  const Economy e = economy_of("na-binds.toml");
  const Multipliers m = solve_multipliers(player_problem(e, *e.mechanism, Player::buyer));
  BOOST_TEST(m.na_sign == 0);
  BOOST_TEST(m.na_sum.is_identically_zero() == false);
  BOOST_TEST((ExpSum::constant(Rational(1)) - m.na_sum).is_identically_zero());
  // Class 2 at a binding NA: the worst marginal gain is kappa log 1 = 0, decided exactly.
  Outcome c2 = run("ly.class2", "na-binds.toml");
  BOOST_TEST(to_string(c2.verdict) == "holds");
}

BOOST_AUTO_TEST_CASE(na_failure_gives_a_certified_class2_gain) {
  const Economy e = economy_of("na-fails.toml");
  const PlayerProblem p = player_problem(e, *e.mechanism, Player::buyer);
  const Class2 c2 = check_class2(p);
  BOOST_TEST(c2.class1_optimal);
  BOOST_TEST(c2.na_sign == -1);
  BOOST_REQUIRE(c2.finite_gain);
  BOOST_TEST(lower_bound(*c2.finite_gain) > 0);
  // The general formula at beta* stays below the closed form kappa log S, and is close to it.
  BOOST_TEST(upper_bound(c2.marginal_gain) > 0);
  // For t^b = 3 on the diagonal: Lambda(lo) = 1 - 3 - log 3/4, Lambda(hi) = 3 - 3 - log 3/4, so
  // sum_v exp(-Lambda(v)) = 3/4 e^2 + 3/4 e^0.
  BOOST_TEST(c2.na_sum.to_string() == "3/4 + 3/4 e^(2)");
}

BOOST_AUTO_TEST_CASE(perfect_correlation_constructs_known_transfers) {
  Outcome out = run("ly.perfect_correlation", "perfect-correlation-2x2.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  // Diagonal: t^b = min q u^b - kappa = 0, t^s = max q u^s + kappa = 2; misreports:
  // t^b_12 = 0 + kappa (ceil(log 3) + 1) = 3, t^s_12 = 2 - 3 = -1; subsidy 2.
  BOOST_TEST(value_of(out, "t_buyer_11") == "0");
  BOOST_TEST(value_of(out, "t_buyer_12") == "3");
  BOOST_TEST(value_of(out, "t_seller_11") == "2");
  BOOST_TEST(value_of(out, "t_seller_21") == "-1");
  BOOST_TEST(value_of(out, "expected subsidy E[t^s - t^b]") == "2");
}

BOOST_AUTO_TEST_CASE(dropping_each_hypothesis_yields_a_counterexample) {
  struct Drop { const char* claim; const char* file; const char* hypothesis; };
  for (const Drop& d : {Drop{"ly.perfect_correlation", "full-support-2x2.toml", "perfect_correlation"},
                        Drop{"ly.perfect_correlation", "fully-revealing.toml", "interior_posteriors"},
                        Drop{"ly.efficiency_structure", "uninformative-product.toml", "distinct_posteriors"},
                        Drop{"ly.efficiency_structure", "no-gains-counterexample.toml", "gains_from_trade"},
                        Drop{"ly.class2", "class1-fails.toml", "class1_optimal"},
                        Drop{"ly.subsidy", "subsidy-no-minimum.toml", "minimum_attained"}}) {
    BOOST_TEST_CONTEXT(d.claim << " on " << d.file << " without " << d.hypothesis) {
      Outcome kept = run(d.claim, d.file);
      BOOST_TEST(to_string(kept.verdict) == "hypotheses_unmet");
      BOOST_TEST(kept.unmet == std::vector<std::string>{d.hypothesis});
      Outcome dropped = run(d.claim, d.file, {d.hypothesis});
      BOOST_TEST(to_string(dropped.verdict) == "refuted");
      BOOST_TEST(!dropped.witness.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(no_gains_counterexample_is_consistent_but_not_block_equal) {
  const Economy e = economy_of("no-gains-counterexample.toml");
  const Matrix q = efficient_allocation(e.structure, e.buyer_value, e.seller_value);
  BOOST_TEST(q[1][1] == Rational(0));  // only v_lo at (s^b_2, s^s_2), where trade loses
  BOOST_TEST(q[0][1] == Rational(1));
  BOOST_TEST(proofs::consistent_with_efficient_trade(e, e.structure, q, nullptr));
  std::string why;
  BOOST_TEST(!equal_posteriors_in_blocks(e.structure, &why));
  BOOST_TEST(proofs::distinct_posteriors(e.structure, nullptr));
}

BOOST_AUTO_TEST_CASE(posteriors_are_compared_exactly) {
  // The buyer's two signals have posteriors of v_hi that differ by about 10^-30: distinct, however
  // close. Without the perturbation (uninformative signals) they are equal.
  const Rational tiny(1, Integer("1000000000000000000000000000000"));
  Structure s;
  s.alpha[LO] = {{Rational(1, 4), Rational(0)}, {Rational(0), Rational(1, 4)}};
  s.alpha[HI] = {{Rational(1, 4) + tiny, Rational(0)}, {Rational(0), Rational(1, 4) - tiny}};
  BOOST_TEST(s.buyer_posterior(HI, 0) != s.buyer_posterior(HI, 1));
  BOOST_TEST(proofs::distinct_posteriors(s, nullptr));
  s.alpha[HI] = s.alpha[LO];
  std::string why;
  BOOST_TEST(!proofs::distinct_posteriors(s, &why));
  BOOST_TEST(why.find("the same posterior 1/2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(efficiency_search_counts_on_the_2x2x2_grid) {
  const Economy e = economy_of("perfect-correlation-2x2.toml");
  const proofs::ConsistencyTest test = [&](const Structure& s, const Matrix& q) {
    return proofs::consistent_with_efficient_trade(e, s, q, nullptr);
  };
  const auto s = proofs::search_efficiency(e, 2, 2, 6, true, true, test, CheckContext{});
  BOOST_TEST(s.structures == 7056);
  BOOST_TEST(s.consistent == 40);
  BOOST_TEST(s.perfect == 40);  // every consistent structure with distinct posteriors is perfectly correlated
  BOOST_TEST(s.counterexamples == 0);
}

BOOST_AUTO_TEST_CASE(subsidy_two_realizations_at_the_kinks) {
  Outcome out = run("ly.subsidy", "subsidy-two-realizations.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(to_string(out.arithmetic) == "certified");  // branch-and-bound over Lambda
  // The kinks are the two touching posteriors; the buyer's kink is the high one.
  const Economy e = economy_of("subsidy-two-realizations.toml");
  const NumericOptimum opt = subsidy_optimum(e);
  BOOST_TEST(std::fabs(opt.split.x2 - opt.split.xb) < 1e-12);
  BOOST_TEST(std::fabs(opt.split.x1 - opt.split.xs) < 1e-12);
  BOOST_TEST(opt.split.value > 0.83);  // revenue: the principal earns, but less than E[u^b - u^s] = 3/2
  BOOST_TEST(opt.split.value < 1.5);
  // (Opt^b) and (Opt^s) at the kinks are identities for any rational p.
  const Kinks k = subsidy_kinks(e, Rational(3, 5), Rational(1, 2));
  BOOST_TEST(opt_b_identity(e, Rational(3, 5), k).is_identically_zero());
  BOOST_TEST(opt_s_identity(e, Rational(1, 2), k).is_identically_zero());
  // The reported rational mechanism's subsidy is exact and close to minus the optimum.
  const std::string subsidy = value_of(out, "subsidy of the rational mechanism (exact; implementable, certified)");
  const auto q = parse_rational(subsidy);
  BOOST_REQUIRE(q);
  BOOST_TEST(std::fabs(q->convert_to<double>() + opt.split.value) < 1e-6);
  // The degenerate (uninformative) optimum is not separated by strict bounds: inconclusive, not a guess.
  BOOST_TEST(to_string(run("ly.subsidy", "subsidy-no-information.toml").verdict) == "inconclusive");
}

BOOST_AUTO_TEST_CASE(subsidy_certificate_known_answers) {
  // kappa = 1/2 (slides' example values u^b = (1, 3), u^s = (0, 1)): the optimum is certified
  // attained at two realizations, the buyer's kink above the prior.
  const Economy e = economy_of("subsidy-two-realizations.toml");
  const NumericOptimum opt = subsidy_optimum(e);
  const Rational pb = Rational(static_cast<long long>(std::llround(std::ldexp(opt.pb, 40)))) / Rational(Integer(1) << 40);
  const Rational ps = Rational(static_cast<long long>(std::llround(std::ldexp(opt.ps, 40)))) / Rational(Integer(1) << 40);
  const SubsidyCertificate cert = certify_subsidy_optimum(e, pb, ps);
  BOOST_TEST((cert.optimum == SubsidyCertificate::Optimum::interior));
  BOOST_TEST(cert.kinks_straddle);
  BOOST_TEST(cert.buyer_kink_side == 1);
  BOOST_TEST(cert.candidate_in_region);
  BOOST_TEST(cert.region_off_edges);
  BOOST_TEST(cert.lower.convert_to<double>() <= opt.split.value + 1e-12);
  BOOST_TEST(cert.upper.convert_to<double>() >= opt.split.value);
  BOOST_TEST((cert.upper - cert.lower).convert_to<double>() < 0.01);
  // Two independent formulas for the two-kink chord at the candidate: the certified bounds
  // (closed forms f(x_b) = kappa log(e^{A0/kappa} + e^{A1/kappa}), ...) and the enclosure of T at
  // the exact kinks, and the double-precision closure.
  const ClosureBounds c = closure_bounds(t_params_point(e, pb, ps), e.prior[HI], e.kappa);
  BOOST_REQUIRE(c.interior_lo);
  BOOST_REQUIRE(c.interior_hi);
  const Kinks k = subsidy_kinks(e, pb, ps);
  const Interval xb = k.xb_num.enclose(512) / k.Kb.enclose(512), xs = k.xs_num.enclose(512) / k.Ks.enclose(512);
  BOOST_TEST(overlaps(c.xb, xb));
  BOOST_TEST(overlaps(c.xs, xs));
  const Interval m = from_rational<Interval>(e.prior[HI]);
  const Interval Tb = subsidy_T_enclosure(e, pb, ps, xb), Ts = subsidy_T_enclosure(e, pb, ps, xs);
  const Interval chord = Tb + (m - xb) * (Ts - Tb) / (xs - xb);
  Interval bounds;
  mpfi_interv_q(bounds.backend().data(), c.interior_lo->backend().data(), c.interior_hi->backend().data());
  BOOST_TEST(overlaps(chord, bounds));
  BOOST_TEST(std::fabs(midpoint(chord) - subsidy_closure(e, pb.convert_to<double>(), ps.convert_to<double>()).value) < 1e-9);
  BOOST_TEST(c.boundary_hi < *c.interior_lo);  // the closure uses the kinks, not a fully revealing posterior

  // kappa = 1: the uninformative revenue R0 = -log((e^-1 + e^-3)/2) - log((1 + e)/2) is a feasible
  // value (both kinks at the prior), so it lies below the certified upper bound, and the search
  // finds nothing better than it (the lower bound is R0 up to the candidate's rounding).
  const Economy e1 = economy_of("subsidy-no-information.toml");
  const ExpSum buyer = ExpSum::term(Rational(1, 2), Rational(-1)) + ExpSum::term(Rational(1, 2), Rational(-3));
  const ExpSum seller = ExpSum::constant(Rational(1, 2)) + ExpSum::term(Rational(1, 2), Rational(1));
  const Interval R0 = -boost::multiprecision::log(buyer.enclose()) - boost::multiprecision::log(seller.enclose());
  const NumericOptimum opt1 = subsidy_optimum(e1);
  const Rational pb1 = Rational(static_cast<long long>(std::llround(std::ldexp(opt1.pb, 40)))) / Rational(Integer(1) << 40);
  const Rational ps1 = Rational(static_cast<long long>(std::llround(std::ldexp(opt1.ps, 40)))) / Rational(Integer(1) << 40);
  const SubsidyCertificate cert1 = certify_subsidy_optimum(e1, pb1, ps1);
  BOOST_TEST(lower_bound(R0) <= cert1.upper);
  BOOST_TEST(cert1.lower <= upper_bound(R0));
  BOOST_TEST((upper_bound(R0) - cert1.lower).convert_to<double>() < 1e-9);
  BOOST_TEST((cert1.optimum == SubsidyCertificate::Optimum::undecided));
  // The optimal Lambda is located next to e^{-Lambda^b(lo)} = e^2/(1 + e^2), e^{-Lambda^s(lo)} = 1/(1 + e).
  BOOST_TEST(cert1.region.contains(Rational(880797, 1000000), Rational(268941, 1000000)));
  BOOST_TEST((cert1.region.pb_hi - cert1.region.pb_lo) < Rational(1, 1000));
}

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_wrong_multiplier_is_caught) {
  // Bug: the candidate's buyer multiplier is off (p_b + 1/4). The certificate must not confirm
  // it: the candidate falls outside the certified near-optimal region, with a certified gap.
  const Economy e = economy_of("subsidy-two-realizations.toml");
  const NumericOptimum opt = subsidy_optimum(e);
  const Rational ps = Rational(static_cast<long long>(std::llround(std::ldexp(opt.ps, 30)))) / Rational(Integer(1) << 30);
  const Rational pb = Rational(static_cast<long long>(std::llround(std::ldexp(opt.pb, 30)))) / Rational(Integer(1) << 30);
  const SubsidyCertificate bad = certify_subsidy_optimum(e, pb + Rational(1, 4), ps);
  BOOST_TEST(!bad.candidate_in_region);
  BOOST_TEST(bad.candidate_hi < bad.lower);  // certified: the wrong candidate is suboptimal
  // The structure itself does not depend on the seed.
  BOOST_TEST((bad.optimum == SubsidyCertificate::Optimum::interior));
  const SubsidyCertificate good = certify_subsidy_optimum(e, pb, ps);
  BOOST_TEST(good.candidate_in_region);
}

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_perturbed_realization_is_caught) {
  // Bug: the buyer's realization moved off the kink by a factor 1 + 2^-30. (Opt^b) is then no
  // identity, and its sign is decided (nonzero by Lindemann-Weierstrass, certified).
  const Economy e = economy_of("subsidy-two-realizations.toml");
  const Rational pb(3, 5), ps(1, 2);
  Kinks k = subsidy_kinks(e, pb, ps);
  BOOST_TEST(opt_b_identity(e, pb, k).is_identically_zero());
  k.xb_num = k.xb_num.scaled(1 + Rational(1, 1 << 30));
  const ExpSum bad = opt_b_identity(e, pb, k);
  BOOST_TEST(!bad.is_identically_zero());
  BOOST_TEST(decide_sign(bad) != 0);
}

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_non_monotone_corner_bound_is_caught) {
  // Bug: bounding the pairs with a fully revealing posterior by the pairs at the corner's own
  // kinks (closure_bounds(..., monotone = false) on t_params_upper). Those pairs are not monotone
  // in T's constants (the kinks move with p): next to the degenerate kappa = 1 optimum, in a box
  // whose corner puts the kinks on opposite sides of mu0, a point of the box has a certainly
  // valid pair (0, x_b) above the buggy bound; the monotone majorant stays above it.
  const Economy e = economy_of("subsidy-no-information.toml");
  const Rational m = e.prior[HI];
  const Rational pb0(8807970779778823, 10000000000000000), ps0(2689414213699951, 10000000000000000);  // ~ (e^2/(1+e^2), 1/(1+e))
  int caught = 0;
  for (int w : {16, 256, 4096, 65536})
    for (int o = 0; o < 4; ++o) {  // the optimum near each corner of the box in turn
      const Rational d(1, w);
      const Rational bl = o & 1 ? d / 10 : d, bh = o & 1 ? d : d / 10, sl = o & 2 ? d / 10 : d, sh = o & 2 ? d : d / 10;
      const PBox box{pb0 - bl, pb0 + bh, ps0 - sl, ps0 + sh};
      const ClosureBounds bad = closure_bounds(t_params_upper(e, box), m, e.kappa, false);
      const ClosureBounds good = closure_bounds(t_params_upper(e, box), m, e.kappa, true);
      for (int a = 0; a <= 10; ++a)
        for (int b = 0; b <= 10; ++b) {
          const Rational pb = box.pb_lo + (box.pb_hi - box.pb_lo) * Rational(a, 10);
          const Rational ps = box.ps_lo + (box.ps_hi - box.ps_lo) * Rational(b, 10);
          const ClosureBounds at = closure_bounds(t_params_point(e, pb, ps), m, e.kappa);
          BOOST_TEST(at.boundary_lo <= good.boundary_hi);
          if (at.boundary_lo > bad.boundary_hi) ++caught;
        }
    }
  BOOST_TEST(caught > 0, "caught " << caught);
}

BOOST_AUTO_TEST_CASE(subsidy_box_bounds_hold_at_every_point_of_the_box) {
  // Soundness of the branch-and-bound's bounds: at every grid point of a box, the certified lower
  // bounds stay below the box's corner bound (monotonicity of the closure in T's constants) and
  // below the interval extension's bounds, for boxes from width 1/2 down to 2^-19.
  long long checked = 0;
  for (const char* file : {"subsidy-two-realizations.toml", "subsidy-no-information.toml", "subsidy-no-minimum.toml"}) {
    const Economy e = economy_of(file);
    const Rational m = e.prior[HI];
    for (int w : {4, 64, 4096, 1 << 20}) {
      for (const auto& [cb, cs] : {std::pair{Rational(880797, 1000000), Rational(268941, 1000000)},
                                   std::pair{Rational(3, 5), Rational(1, 2)}, std::pair{Rational(1, 10), Rational(9, 10)}}) {
        const Rational lo(1, 1000), hi(999, 1000);
        const PBox box{std::max(cb - Rational(1, w), lo), std::min(cb + Rational(1, w), hi), std::max(cs - Rational(1, w), lo),
                       std::min(cs + Rational(1, w), hi)};
        const ClosureBounds corner = closure_bounds(t_params_upper(e, box), m, e.kappa, true);
        const ClosureBounds inside = closure_bounds(t_params_box(e, box), m, e.kappa);
        for (int a = 0; a <= 4; ++a)
          for (int b = 0; b <= 4; ++b) {
            const Rational pb = box.pb_lo + (box.pb_hi - box.pb_lo) * Rational(a, 4);
            const Rational ps = box.ps_lo + (box.ps_hi - box.ps_lo) * Rational(b, 4);
            const ClosureBounds at = closure_bounds(t_params_point(e, pb, ps), m, e.kappa);
            BOOST_TEST(at.best_lo() <= corner.cav_hi());
            BOOST_TEST(at.boundary_lo <= corner.boundary_hi);
            BOOST_TEST(at.boundary_lo <= inside.boundary_hi);
            if (at.interior_lo) {
              BOOST_REQUIRE(inside.interior_hi);
              BOOST_TEST(*at.interior_lo <= *inside.interior_hi);
            }
            ++checked;
          }
      }
    }
  }
  BOOST_TEST(checked == 3 * 4 * 3 * 25);
}

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_wrong_seller_kink_is_caught) {
  // Bug: the seller's kink computed with +u^s instead of -u^s in the exponent.
  const Economy e = economy_of("subsidy-two-realizations.toml");
  Kinks k = subsidy_kinks(e, Rational(3, 5), Rational(1, 2));
  BOOST_TEST(opt_s_identity(e, Rational(1, 2), k).is_identically_zero());
  k.xs_num = ExpSum::term(Rational(1, 2), e.seller_value[HI] / e.kappa);
  k.Ks = ExpSum::term(Rational(1, 2), e.seller_value[LO] / e.kappa) + k.xs_num;
  BOOST_TEST(!opt_s_identity(e, Rational(1, 2), k).is_identically_zero());
}

// ---- the two routes agree ------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(multipliers_and_best_deviation_agree_on_a_sweep_of_transfers) {
  // Perfectly correlated and full-support structures, transfers on a grid: whenever the
  // deviation route decides, it agrees with the multipliers; it decides in most cases.
  const Economy pc = economy_of("implementable-perfect-correlation.toml");
  const Economy fs = economy_of("full-support-2x2.toml");
  int decided = 0, total = 0, implementable = 0;
  for (const Economy* e : {&pc, &fs})
    for (int diag = -2; diag <= 3; ++diag)
      for (int off = 0; off <= 4; off += 2) {
        Mechanism m = *e->mechanism;
        for (std::size_t i = 0; i < 2; ++i)
          for (std::size_t j = 0; j < 2; ++j) {
            m.t_buyer[i][j] = Rational(i == j ? diag : diag + off);
            m.t_seller[i][j] = Rational(i == j ? 2 - diag : 2 - diag - off);
          }
        for (Player p : {Player::buyer, Player::seller}) {
          const Implementability imp = check_implementability(player_problem(*e, m, p));
          ++total;
          if (imp.multipliers.exist) ++implementable;
          const auto b = imp.by_deviation();
          if (!b) continue;
          ++decided;
          BOOST_TEST(*b == imp.multipliers.exist, "routes disagree: diag " << diag << ", off " << off << ", "
                                                                           << to_string(p) << ": " << imp.multipliers.failure);
        }
      }
  BOOST_TEST(decided >= total * 9 / 10);
  BOOST_TEST(implementable > 0);
  BOOST_TEST(implementable < total);
}

// ---- bad input -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(valid_case_loads_and_every_rule_is_positioned) {
  BOOST_TEST(load_error(write_case("valid", valid_body)) == "");
  const std::string body = valid_body;
  struct Bad { std::string name, from, to, expect; };
  const std::vector<Bad> bad{
      {"prior-sum", "prior = [\"1/2\", \"1/2\"]", "prior = [\"1/2\", \"1/3\"]", "6:9: the prior must sum to 1"},
      {"prior-zero", "prior = [\"1/2\", \"1/2\"]", "prior = [\"0\", \"1\"]", "6:10: the prior mu0(v) must lie in (0, 1)"},
      {"kappa", "cost_scale = \"1\"", "cost_scale = \"0\"", "9:14: the cost scale kappa must be positive"},
      {"float", "cost_scale = \"1\"", "cost_scale = 0.5", "9:14:"},
      {"negative", "alpha_lo = [[\"3/8\", \"0\"]", "alpha_lo = [[\"3/8\", \"-1/8\"]", "10:21: alpha entries are probabilities"},
      {"bayes", "alpha_hi = [[\"1/8\", \"0\"]", "alpha_hi = [[\"1/4\", \"0\"]", "11:12: Bayes plausibility"},
      {"ragged", "alpha_hi = [[\"1/8\", \"0\"]", "alpha_hi = [[\"1/8\"]", "11:13: alpha_hi must have one entry per seller signal"},
      {"q-range", "q = [[\"1\", \"1\"]", "q = [[\"3/2\", \"1\"]", "12:7: a trade probability q_ij must lie in [0, 1]"},
      {"missing-ts", "t_seller = [[\"2\", \"-1\"], [\"-1\", \"2\"]]\n", "", "the mechanism needs q, t_buyer and t_seller together"},
      {"typo", "cost_scale = \"1\"", "cost_scael = \"1\"", "cost_scael"},
  };
  for (const auto& b : bad) {
    BOOST_TEST_CONTEXT(b.name) {
      const std::string err = load_error(write_case(b.name, replaced(body, b.from, b.to)));
      BOOST_TEST(err.find(b.expect) != std::string::npos, "got '" << err << "', expected '" << b.expect << "'");
    }
  }
  // A signal with probability 0.
  const std::string zero = replaced(replaced(body, "alpha_lo = [[\"3/8\", \"0\"], [\"0\", \"1/8\"]]",
                                             "alpha_lo = [[\"1/2\", \"0\"], [\"0\", \"0\"]]"),
                                    "alpha_hi = [[\"1/8\", \"0\"], [\"0\", \"3/8\"]]", "alpha_hi = [[\"1/2\", \"0\"], [\"0\", \"0\"]]");
  const std::string err = load_error(write_case("zero-signal", zero));
  BOOST_TEST(err.find("buyer signal s^b_2 has probability 0") != std::string::npos, err);
  // A claim that needs the mechanism on a case without one: an error verdict, not a crash.
  BOOST_TEST(to_string(run("ly.implementability", "perfect-correlation-2x2.toml").verdict) == "error");
}

// ---- seeded bugs -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_multipliers_forgetting_transfers_is_caught) {
  // Bug: route A keeps only the differences of the transfers, w = q u - (t - t_11) (the level
  // cancels in ST differences but not in NA). With the buyer charged 3 the true answer is "not
  // implementable" (NA fails); the buggy multipliers say implementable.
  const Economy e = economy_of("na-fails.toml");
  const PlayerProblem p = player_problem(e, *e.mechanism, Player::buyer);
  PlayerProblem buggy = p;
  for (int v = 0; v < 2; ++v)
    for (std::size_t i = 0; i < 2; ++i)
      for (std::size_t j = 0; j < 2; ++j)
        buggy.w[v][i][j] = e.buyer_value[v] - (e.mechanism->t_buyer[i][j] - e.mechanism->t_buyer[0][0]);
  Judging good, bad;
  std::string detail;
  BOOST_TEST(proofs::judge_implementability(check_implementability(p), e.kappa, good.check, detail) == 1);
  BOOST_TEST(to_string(good.check.arithmetic()) == "certified");  // the routes' signs of exp-sums, by enclosures
  const Implementability mixed{Player::buyer, solve_multipliers(buggy), best_deviation(p)};
  BOOST_TEST(mixed.multipliers.exist);
  BOOST_TEST(proofs::judge_implementability(mixed, e.kappa, bad.check, detail) == -1);
  BOOST_TEST(!bad.witness().empty());  // the certified profitable deviation
}

BOOST_AUTO_TEST_CASE(seeded_bug_multipliers_with_wrong_cost_scale_is_caught) {
  // Bug: route A uses 2 kappa in ST and NA. On the NA-binding case this flips NA.
  const Economy e = economy_of("na-binds.toml");
  const PlayerProblem p = player_problem(e, *e.mechanism, Player::buyer);
  PlayerProblem buggy = p;
  buggy.kappa = 2 * p.kappa;
  const Implementability mixed{Player::buyer, solve_multipliers(buggy), best_deviation(p)};
  Judging out;
  std::string detail;
  BOOST_TEST(proofs::judge_implementability(mixed, e.kappa, out.check, detail) != 1);
}

BOOST_AUTO_TEST_CASE(seeded_bug_class2_na_with_max_instead_of_min_is_caught) {
  // Bug: Lambda(v) = max_j lambda_j(v) in NA. NA's sum shrinks, and a direction then beats the
  // closed form kappa log S, which the checker certifies.
  for (const char* file : {"implementable-perfect-correlation.toml", "na-fails.toml"}) {
    BOOST_TEST_CONTEXT(file) {
      const Economy e = economy_of(file);
      const PlayerProblem p = player_problem(e, *e.mechanism, Player::buyer);
      Judging good_out;
      std::string detail;
      BOOST_TEST(proofs::judge_class2(check_class2(p), Player::buyer, good_out.check, detail) == 1);
      const Class2 bad = check_class2(p, 12, [&](Multipliers& m) {
        m.na_sum = ExpSum();
        for (int v = 0; v < 2; ++v) {
          std::optional<LogTerm> mx;
          for (const auto& l : m.lambda[v])
            if (l && (!mx || compare(*l, *mx, p.kappa) > 0)) mx = l;
          m.Lambda[v] = *mx;
          m.na_sum += ExpSum::term(Rational(1) / mx->r, -mx->a / p.kappa);
        }
        m.na_sign = decide_sign(ExpSum::constant(Rational(1)) - m.na_sum);
      });
      Judging bad_out;
      BOOST_TEST(proofs::judge_class2(bad, Player::buyer, bad_out.check, detail) == -1, detail);
    }
  }
}

BOOST_AUTO_TEST_CASE(seeded_bug_perfect_correlation_without_punishments_is_caught) {
  // Bug: off-diagonal transfers equal to the diagonal ones (misreports unpunished).
  const Economy e = economy_of("perfect-correlation-2x2.toml");
  const Matrix q = efficient_allocation(e.structure, e.buyer_value, e.seller_value);
  Mechanism good = perfect_correlation_transfers(e, q);
  Judging out;
  std::string detail;
  BOOST_TEST(proofs::judge_perfect_correlation(e, good, out.check, detail) == 1);
  Mechanism bad = good;
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t j = 0; j < 2; ++j) {
      bad.t_buyer[i][j] = good.t_buyer[0][0];
      bad.t_seller[i][j] = good.t_seller[0][0];
    }
  Judging bad_out;
  BOOST_TEST(proofs::judge_perfect_correlation(e, bad, bad_out.check, detail) == -1, detail);
}

BOOST_AUTO_TEST_CASE(seeded_bug_efficiency_consistency_forgetting_the_seller_is_caught) {
  // Bug: "consistent with efficient trade" checks the buyer's transfers only.
  const Economy e = economy_of("perfect-correlation-2x2.toml");
  const proofs::ConsistencyTest buyer_only = [&](const Structure& s, const Matrix& q) {
    return transfers_exist(s, q, e.buyer_value, e.kappa, Player::buyer);
  };
  const auto s = proofs::search_efficiency(e, 2, 2, 6, true, true, buyer_only, CheckContext{});
  BOOST_TEST(s.counterexamples > 0);
  BOOST_REQUIRE(s.first_counterexample);
  // The reported structure is indeed not consistent once the seller is checked.
  const Matrix q = efficient_allocation(*s.first_counterexample, e.buyer_value, e.seller_value);
  BOOST_TEST(!proofs::consistent_with_efficient_trade(e, *s.first_counterexample, q, nullptr));
}

BOOST_AUTO_TEST_SUITE_END()
