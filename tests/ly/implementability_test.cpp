// ly.implementability — the implementability lemma (slides "Implementability lemma", "Buyer's
// problem", appendix "Implementability for the seller"): (alpha, q, t) is implementable for a
// player iff multipliers satisfying ST, DF, CS and NA exist; checked by solving for the
// multipliers and, independently, by the best-deviation problem. Its tests: the multipliers of
// the perfectly correlated case, NA binding by an identity, the two routes agreeing on a sweep of
// transfers, the precondition (a mechanism) as bad input, seeded bugs in the multipliers route and
// witnesses altered after the fact that its re-check must reject.
#include "fixtures.hpp"
#include "ly/model/exp_sum.hpp"
#include "ly/model/implementability.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

using namespace mechcheck;
using namespace mechcheck::ly;
using namespace mechcheck::ly_tests;

BOOST_AUTO_TEST_SUITE(ly_implementability)

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

// ---- the two routes agree --------------------------------------------------------------------

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
                                                                           << to_string(p) << ": "
                                                                           << imp.multipliers.failure);
        }
      }
  BOOST_TEST(decided >= total * 9 / 10);
  BOOST_TEST(implementable > 0);
  BOOST_TEST(implementable < total);
}

// ---- preconditions: bad input before any claim runs ------------------------------------------

BOOST_AUTO_TEST_CASE(implementability_without_a_mechanism_is_bad_input_at_the_ly_table) {
  Scratch s;
  const std::string path = s.write("no-mechanism.toml", no_mechanism);
  const auto cli = s.run("check ly.implementability " + mechcheck::testing::shell_quoted(path));
  const std::string& err = cli.err;
  BOOST_TEST(cli.status == 2);
  BOOST_TEST(
      err.find(path + ":5:1: the claim judges a given mechanism: q, t_buyer and t_seller must be in the [ly] table") !=
          std::string::npos,
      err);
  BOOST_TEST(err.find("ly.implementability") != std::string::npos, err);
  // Through the library: an error verdict naming the rule, not a crash.
  const Outcome out = run("ly.implementability", builtin_papers().load_case(path));
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find(":5:1:") != std::string::npos, out.summary);
  // A caller that skips the preconditions gets an exception naming the rule, not undefined behaviour.
  BOOST_CHECK_THROW(claim("ly.implementability").check(builtin_papers().load_case(path), CheckContext{}),
                    std::invalid_argument);
}

// ---- seeded bugs: the checker ----------------------------------------------------------------

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

// ---- seeded bugs: each altered witness must fail its re-check --------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_implementability_deviation_off_the_marginal) {
  // Not implementable for the buyer (NA fails): the certified deviation, with one cell moved
  // across columns (the seller's marginal changes) or replaced by the truthful structure.
  const Run r = run_with_case("ly.implementability", "na-fails.toml");
  BOOST_REQUIRE(r.out.verdict == Verdict::holds);
  // The certified deviation is "always abstain" (row 3 of the deviation).
  altered_fails(
      "ly.implementability", r,
      [](Outcome& o) {
        Value* a = find(o.witness, "deviation^b_lo_31");
        Value* b = find(o.witness, "deviation^b_lo_32");
        const Rational x = *parse_rational(a->text);
        a->text = "0";
        b->text = to_string(*parse_rational(b->text) + x);
      },
      "moves the other player's marginal");
  altered_fails(
      "ly.implementability", r,
      [](Outcome& o) {
        for (const char* q : {"lo", "hi"}) {
          find(o.witness, std::string("deviation^b_") + q + "_11")->text =
              find(o.witness, std::string("deviation^b_") + q + "_31")->text;
          find(o.witness, std::string("deviation^b_") + q + "_22")->text =
              find(o.witness, std::string("deviation^b_") + q + "_32")->text;
          find(o.witness, std::string("deviation^b_") + q + "_31")->text = "0";
          find(o.witness, std::string("deviation^b_") + q + "_32")->text = "0";
        }
      },
      "does not gain");
}

BOOST_AUTO_TEST_CASE(seeded_bug_implementability_multipliers_forgetting_the_transfer_level) {
  // Route A claiming multipliers exist for the buyer where NA fails (the transfers' level
  // forgotten, as in seeded_bug_multipliers_forgetting_transfers_is_caught), and the routes then
  // "disagreeing": the refutation is re-checked and rejected, since the multipliers the outcome
  // reports fail NA.
  const Run r = run_with_case("ly.implementability", "na-fails.toml");
  altered_fails(
      "ly.implementability", r,
      [](Outcome& o) {
        o.verdict = Verdict::refuted;
        find(o.values, "implementable for the buyer (multipliers)")->text = "yes";
        // lambda = w - kappa log mu at the diagonal cells: w = u^b(v) - 3, mu_1 = (3/4, 1/4), mu_2 = (1/4, 3/4).
        o.witness.push_back(make_text("lambda^b_1(v_lo)", "-2 + kappa log(4/3)"));
        o.witness.push_back(make_text("lambda^b_2(v_lo)", "-2 + kappa log(4)"));
        o.witness.push_back(make_text("lambda^b_1(v_hi)", "0 + kappa log(4)"));
        o.witness.push_back(make_text("lambda^b_2(v_hi)", "0 + kappa log(4/3)"));
      },
      "NA fails");
}

BOOST_AUTO_TEST_SUITE_END()
