// ly.subsidy — subsidy minimization for efficient trade (slides "Subsidy minimization => perfect
// correlation is w.l.o.g.", "Subsidy minimization as Bayesian persuasion", appendix "Concave
// closure of T" and "Proposition (Optimality conditions)"): if the problem achieves a minimum, two
// realizations suffice and the optimal posteriors satisfy (Opt^b) and (Opt^s), with NA binding for
// both players. Its tests: the optimum at the kinks and the certificate's known answers, the
// certificate the same on one thread and on several and its digits those of the box-by-box
// evaluation, the soundness of the branch-and-bound's box bounds, holds resting on the
// candidate-level checks, seeded bugs in the certificate and the conditions, and witnesses
// altered after the fact that its re-check must reject. (all_claims_test drops minimum_attained
// on its committed counterexample and checks that gains_from_trade is decided exactly.)
#include "fixtures.hpp"
#include "ly/model/exp_sum.hpp"
#include "ly/model/subsidy.hpp"
#include "mechcheck/number/numeric_state.hpp"

#include <boost/test/unit_test.hpp>

#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include <mpfi.h>

using namespace mechcheck;
using namespace mechcheck::ly;
using namespace mechcheck::ly_tests;

BOOST_AUTO_TEST_SUITE(ly_subsidy)

// ---- known answers ---------------------------------------------------------------------------

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
  const Rational pb =
      Rational(static_cast<long long>(std::llround(std::ldexp(opt.pb, 40)))) / Rational(Integer(1) << 40);
  const Rational ps =
      Rational(static_cast<long long>(std::llround(std::ldexp(opt.ps, 40)))) / Rational(Integer(1) << 40);
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
  BOOST_TEST(std::fabs(midpoint(chord) - subsidy_closure(e, pb.convert_to<double>(), ps.convert_to<double>()).value) <
             1e-9);
  BOOST_TEST(c.boundary_hi < *c.interior_lo);  // the closure uses the kinks, not a fully revealing posterior

  // kappa = 1: the uninformative revenue R0 = -log((e^-1 + e^-3)/2) - log((1 + e)/2) is a feasible
  // value (both kinks at the prior), so it lies below the certified upper bound, and the search
  // finds nothing better than it (the lower bound is R0 up to the candidate's rounding).
  const Economy e1 = economy_of("subsidy-no-information.toml");
  const ExpSum buyer = ExpSum::term(Rational(1, 2), Rational(-1)) + ExpSum::term(Rational(1, 2), Rational(-3));
  const ExpSum seller = ExpSum::constant(Rational(1, 2)) + ExpSum::term(Rational(1, 2), Rational(1));
  const Interval R0 = -boost::multiprecision::log(buyer.enclose()) - boost::multiprecision::log(seller.enclose());
  const NumericOptimum opt1 = subsidy_optimum(e1);
  const Rational pb1 =
      Rational(static_cast<long long>(std::llround(std::ldexp(opt1.pb, 40)))) / Rational(Integer(1) << 40);
  const Rational ps1 =
      Rational(static_cast<long long>(std::llround(std::ldexp(opt1.ps, 40)))) / Rational(Integer(1) << 40);
  const SubsidyCertificate cert1 = certify_subsidy_optimum(e1, pb1, ps1);
  BOOST_TEST(lower_bound(R0) <= cert1.upper);
  BOOST_TEST(cert1.lower <= upper_bound(R0));
  BOOST_TEST((upper_bound(R0) - cert1.lower).convert_to<double>() < 1e-9);
  BOOST_TEST((cert1.optimum == SubsidyCertificate::Optimum::undecided));
  // The optimal Lambda is located next to e^{-Lambda^b(lo)} = e^2/(1 + e^2), e^{-Lambda^s(lo)} = 1/(1 + e).
  BOOST_TEST(cert1.region.contains(Rational(880797, 1000000), Rational(268941, 1000000)));
  BOOST_TEST((cert1.region.pb_hi - cert1.region.pb_lo) < Rational(1, 1000));
}

// ---- the branch-and-bound's evaluation order and shared work ----------------------------------

namespace {

// The certificate at ly.subsidy's candidate, in the numeric state every check starts from (the
// working precision of the enclosures), as the checker computes it.
SubsidyCertificate certificate_at_candidate(const Economy& e) {
  const NumericScope standard(NumericState::standard());
  const NumericOptimum opt = subsidy_optimum(e);
  auto dyadic = [](double x) {
    return Rational(static_cast<long long>(std::llround(std::ldexp(x, 40)))) / Rational(Integer(1) << 40);
  };
  return certify_subsidy_optimum(e, dyadic(opt.pb), dyadic(opt.ps));
}

void same_certificate(const SubsidyCertificate& x, const SubsidyCertificate& y) {
  BOOST_TEST((x.optimum == y.optimum));
  BOOST_TEST(x.lower == y.lower);
  BOOST_TEST(x.upper == y.upper);
  BOOST_TEST(x.best_pb == y.best_pb);
  BOOST_TEST(x.best_ps == y.best_ps);
  BOOST_TEST(x.lower_from_boundary == y.lower_from_boundary);
  BOOST_TEST(x.region.pb_lo == y.region.pb_lo);
  BOOST_TEST(x.region.pb_hi == y.region.pb_hi);
  BOOST_TEST(x.region.ps_lo == y.region.ps_lo);
  BOOST_TEST(x.region.ps_hi == y.region.ps_hi);
  BOOST_TEST(x.region_off_edges == y.region_off_edges);
  BOOST_TEST(x.kinks_straddle == y.kinks_straddle);
  BOOST_TEST(x.buyer_kink_side == y.buyer_kink_side);
  BOOST_TEST(x.candidate_in_region == y.candidate_in_region);
  BOOST_TEST(x.candidate_hi == y.candidate_hi);
  BOOST_TEST(x.boxes == y.boxes);
  BOOST_TEST(x.pruned == y.pruned);
  BOOST_TEST(x.leaves_interior == y.leaves_interior);
  BOOST_TEST(x.leaves_boundary == y.leaves_boundary);
  BOOST_TEST(x.leaves_undecided == y.leaves_undecided);
  BOOST_TEST(x.why == y.why);
}

}  // namespace

BOOST_AUTO_TEST_CASE(subsidy_certificate_is_the_same_on_one_thread_and_on_four) {
  // A box's children have their bounds computed in parallel, then are judged in order: every
  // field of the certificate is the one-thread certificate's, on every committed subsidy case.
  for (const char* file : {"subsidy-two-realizations.toml", "subsidy-two-realizations-kappa1.toml",
                           "subsidy-no-minimum.toml", "subsidy-no-information.toml"}) {
    BOOST_TEST_CONTEXT(file) {
      const Economy e = economy_of(file);
      std::optional<SubsidyCertificate> one;
      {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
        one = certificate_at_candidate(e);
      }
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 4);
      for (int run = 0; run < 3; ++run) same_certificate(certificate_at_candidate(e), *one);
    }
  }
}

BOOST_AUTO_TEST_CASE(subsidy_certificate_digits_are_those_of_the_box_by_box_evaluation) {
  // The bounds of the committed cases as the branch-and-bound gave them when every box's
  // logarithms, kinks and closure constants were computed afresh and its children one after the
  // other (mechcheck 2026-12-04, before they were remembered and the children bounded in
  // parallel): a remembered enclosure must be the very one a new computation gives, so the exact
  // rational bounds and the counts stay as they were.
  const SubsidyCertificate two = certificate_at_candidate(economy_of("subsidy-two-realizations.toml"));
  BOOST_TEST(two.upper == Rational("78499129872308522442904566915090299651471922896171/"
                                   "93536104789177786765035829293842113257979682750464"));
  BOOST_TEST(two.boxes == 2993);
  const SubsidyCertificate kappa1 = certificate_at_candidate(economy_of("subsidy-two-realizations-kappa1.toml"));
  BOOST_TEST(kappa1.upper == Rational("220822391804952279638081996442245192321677558694801/"
                                      "748288838313422294120286634350736906063837462003712"));
  BOOST_TEST(kappa1.boxes == 2397);
  const SubsidyCertificate none = certificate_at_candidate(economy_of("subsidy-no-minimum.toml"));
  BOOST_TEST(none.lower == Rational("241463261414244975757287105376239634061848496274259/"
                                    "46768052394588893382517914646921056628989841375232"));
  BOOST_TEST(none.boxes == 2773);
  BOOST_TEST(none.pruned == 806);
}

// ---- the branch-and-bound's bounds -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(subsidy_box_bounds_hold_at_every_point_of_the_box) {
  // Soundness of the branch-and-bound's bounds: at every grid point of a box, the certified lower
  // bounds stay below the box's corner bound (monotonicity of the closure in T's constants) and
  // below the interval extension's bounds, for boxes from width 1/2 down to 2^-19.
  long long checked = 0;
  for (const char* file : {"subsidy-two-realizations.toml", "subsidy-no-information.toml", "subsidy-no-minimum.toml"}) {
    const Economy e = economy_of(file);
    const Rational m = e.prior[HI];
    for (int w : {4, 64, 4096, 1 << 20}) {
      for (const auto& [cb, cs] :
           {std::pair{Rational(880797, 1000000), Rational(268941, 1000000)}, std::pair{Rational(3, 5), Rational(1, 2)},
            std::pair{Rational(1, 10), Rational(9, 10)}}) {
        const Rational lo(1, 1000), hi(999, 1000);
        const PBox box{std::max(cb - Rational(1, w), lo), std::min(cb + Rational(1, w), hi),
                       std::max(cs - Rational(1, w), lo), std::min(cs + Rational(1, w), hi)};
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

// ---- holds only from the candidate-level checks ----------------------------------------------

BOOST_AUTO_TEST_CASE(subsidy_holds_rests_on_the_candidate_checks_even_when_the_region_does_not_separate_the_kinks) {
  const Case c = builtin_papers().load_case(cases_dir + "subsidy-two-realizations.toml");
  const Economy& e = c.model_data<Economy>();
  const NumericOptimum opt = subsidy_optimum(e);
  auto dyadic = [](double x) {
    return Rational(static_cast<long long>(std::llround(std::ldexp(x, 40)))) / Rational(Integer(1) << 40);
  };
  const SubsidyCertificate cert = certify_subsidy_optimum(e, dyadic(opt.pb), dyadic(opt.ps));
  BOOST_REQUIRE((cert.optimum == SubsidyCertificate::Optimum::interior));
  auto judge = [&](const NumericOptimum& candidate, const SubsidyCertificate& certificate) {
    CheckContext context;
    Check check(context);
    return proofs::judge_subsidy(e, candidate, certificate, check);
  };
  // The certificate as computed: holds, from the candidate checks.
  const Outcome good = judge(opt, cert);
  BOOST_TEST(to_string(good.verdict) == "holds");
  // A certificate whose region does not separate the kinks from mu0 (as at a near-degenerate
  // optimum) no longer decides by itself: the candidate checks run, and a candidate whose kinks
  // lie on one side of mu0 (p_b = 99/100: x_b < 1/2) cannot give holds.
  SubsidyCertificate unseparated = cert;
  unseparated.kinks_straddle = false;
  unseparated.buyer_kink_side = 0;
  BOOST_TEST(to_string(judge(opt, unseparated).verdict) == "holds");  // candidate checks pass
  NumericOptimum moved = opt;
  moved.pb = 0.99;
  const Outcome bad = judge(moved, unseparated);
  BOOST_TEST(to_string(bad.verdict) == "inconclusive", bad.summary);
  BOOST_TEST(bad.summary.find("do not straddle mu0") != std::string::npos, bad.summary);
}

// ---- seeded bugs: the checker ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_wrong_multiplier_is_caught) {
  // Bug: the candidate's buyer multiplier is off (p_b + 1/4). The certificate must not confirm
  // it: the candidate falls outside the certified near-optimal region, with a certified gap.
  const Economy e = economy_of("subsidy-two-realizations.toml");
  const NumericOptimum opt = subsidy_optimum(e);
  const Rational ps =
      Rational(static_cast<long long>(std::llround(std::ldexp(opt.ps, 30)))) / Rational(Integer(1) << 30);
  const Rational pb =
      Rational(static_cast<long long>(std::llround(std::ldexp(opt.pb, 30)))) / Rational(Integer(1) << 30);
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
  const Rational pb0(8807970779778823, 10000000000000000),
      ps0(2689414213699951, 10000000000000000);  // ~ (e^2/(1+e^2), 1/(1+e))
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

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_wrong_seller_kink_is_caught) {
  // Bug: the seller's kink computed with +u^s instead of -u^s in the exponent.
  const Economy e = economy_of("subsidy-two-realizations.toml");
  Kinks k = subsidy_kinks(e, Rational(3, 5), Rational(1, 2));
  BOOST_TEST(opt_s_identity(e, Rational(1, 2), k).is_identically_zero());
  k.xs_num = ExpSum::term(Rational(1, 2), e.seller_value[HI] / e.kappa);
  k.Ks = ExpSum::term(Rational(1, 2), e.seller_value[LO] / e.kappa) + k.xs_num;
  BOOST_TEST(!opt_s_identity(e, Rational(1, 2), k).is_identically_zero());
}

// ---- seeded bugs: each altered witness must fail its re-check --------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_lower_bound_too_high) {
  const Run r = run_with_case("ly.subsidy", "subsidy-no-minimum.toml", {"minimum_attained"});
  altered_fails(
      "ly.subsidy", r,
      [](Outcome& o) {
        Value* l = find(o.witness, "certified lower bound of the optimal revenue");
        l->text = to_string(*parse_rational(l->text) + Rational(1, 100));
      },
      "reaches the reported lower bound");
}

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_mechanism_without_punishment) {
  const Run r = run_with_case("ly.subsidy", "subsidy-two-realizations.toml");
  altered_fails(
      "ly.subsidy", r, [](Outcome& o) { find(o.witness, "t_buyer_12")->text = find(o.witness, "t_buyer_22")->text; },
      "not implementable for the buyer");
  altered_fails(
      "ly.subsidy", r,
      [](Outcome& o) {
        Value* s = find(o.values, "subsidy of the rational mechanism (exact; implementable, certified)");
        s->text = to_string(*parse_rational(s->text) + Rational(1, 1 << 30));
      },
      "not the reported");
}

BOOST_AUTO_TEST_SUITE_END()
