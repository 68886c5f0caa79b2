// hw.lemma1 (Hu & Wallace 2012, Lemma 1, eqs. (11)-(12): any offer b' can be replaced by a
// one-sided offer b'' that gets the same payoff): the proof's construction per sign case with exact
// known answers from proofs/hw/docs/lemma1.md §4, the symbolic identities, seeded bugs the checker
// must catch, the claim on the committed cases, its hypothesis positive_totals, its case file's
// [hw.stage2] rules and precondition, and a forged refutation its re-check must reject. The market
// game's formulas (2)-(3) and (11) themselves are tested in model_test.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "hw/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using namespace mechcheck;
using namespace mechcheck::hw;
using namespace mechcheck::proofs::hw_lemma1;
using Q = Rational;

namespace {

const std::string& cases_dir = testing::hw_cases_dir;
using testing::load_error;
std::string write_case(const std::string& name, const std::string& body) {
  return testing::write_hw_case("mechcheck-hw-test", name, body);
}
using testing::claim;
using testing::economy2;
using testing::endowment;
using testing::expect_precondition;
using testing::find;
using namespace testing::hw_market;

Economy economy() {
  Economy e;
  e.qbar = qbar;
  e.rbar = rbar;
  e.epsilon = {Q(1, 2), Q(1, 4)};
  return e;
}

TestOffer two_sided(Q bq, Q br) { return TestOffer{{bq, br}, false, std::nullopt, std::nullopt, ""}; }

Outcome run(const std::string& case_file, std::set<std::string> dropped = {},
            const Construction& construction = paper_construction()) {
  const Case c = builtin_papers().load_case(cases_dir + case_file);
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  return run_claim(*make_claim(construction), c, context);
}

const char* market = R"(
[hw]
qbar = "2"
rbar = "3"
epsilon = ["1/2", "1/4"]

[hw.stage2]
active = 3
others = [["1/2", "0"], ["0", "3/4"]]
)";

// ---- Seeded bugs: wrong constructions that the checker must catch. ----

// S1, "netting at the others' price": b''_r = b'_r - (R_-/Q_-) b'_q = D'/Q_- uses R_-/Q_- instead of
// the price p2' of b' (case (ii) analogue b''_q = -D'/R_-). Always in O, so only payoffs reveal it.
template <class T>
Offer<T> net_at_others_price(SignCase c, const Totals<T>& o, const Offer<T>& b) {
  const T zero = from_rational<T>(Q(0));
  const T D = net_trade_numerator(o, b);
  if (c == SignCase::i) return {zero, T(D / o.q)};
  if (c == SignCase::ii) return {T(-D / o.r), zero};
  return {zero, zero};
}

// S2, literal L238 "r(b'') - rbar = b''_r": solving it for b''_r gives b''_r = r' - rbar, which is
// negative in case (i).
template <class T>
Offer<T> literal_line_238(SignCase c, const Totals<T>& o, const Offer<T>& b) {
  const T zero = from_rational<T>(Q(0));
  const T r_minus_rbar = T((b.q * o.r - b.r * o.q) / (o.q + b.q));  // eq. (11)
  if (c == SignCase::i) return {zero, r_minus_rbar};
  return proof_construction(c, o, b);
}

// S3, "no trade needs no change": case (iii) returns b' itself, which is two-sided.
template <class T>
Offer<T> keep_offer_in_case_iii(SignCase c, const Totals<T>& o, const Offer<T>& b) {
  if (c == SignCase::iii) return b;
  return proof_construction(c, o, b);
}

Construction net_at_others_price_construction() {
  return {"S1", &net_at_others_price<Q>, &net_at_others_price<RationalFunction>};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hw_lemma1)

BOOST_AUTO_TEST_SUITE(construction)

BOOST_AUTO_TEST_CASE(sign_cases_of_the_spec_instances) {
  BOOST_TEST((sign_case(others, {Q(1, 2), 2}) == SignCase::i));         // D' = 13/4
  BOOST_TEST((sign_case(others, {Q(3, 2), Q(1, 3)}) == SignCase::ii));  // D' = -19/12
  BOOST_TEST((sign_case(others, {Q(2, 3), Q(1, 2)}) == SignCase::iii));
  BOOST_TEST(net_trade_numerator<Q>(others, {Q(1, 2), 2}) == Q(13, 4));
  BOOST_TEST(net_trade_numerator<Q>(others, {Q(3, 2), Q(1, 3)}) == Q(-19, 12));
}

BOOST_AUTO_TEST_CASE(the_proofs_one_sided_offer_per_sign_case) {
  // Case (i), A: gamma = 13/14, b''_r = (3/2)(13/14)/(15/14) = 13/10.
  BOOST_TEST(equal(proof_construction<Q>(SignCase::i, others, {Q(1, 2), 2}), 0, Q(13, 10)));
  // Case (ii), B: delta = 19/42, b''_q = 2 (19/42)/(22/21) = 19/22.
  BOOST_TEST(equal(proof_construction<Q>(SignCase::ii, others, {Q(3, 2), Q(1, 3)}), Q(19, 22), 0));
  // Case (iii), C.
  BOOST_TEST(equal(proof_construction<Q>(SignCase::iii, others, {Q(2, 3), Q(1, 2)}), 0, 0));
  // D: the corner b' = (qbar, rbar).
  BOOST_TEST(equal(proof_construction<Q>(SignCase::i, others, {2, 3}), 0, Q(3, 4)));
  // The closed form (net sale at p2') is the same offer.
  BOOST_TEST(equal(net_sale_at_price<Q>(SignCase::i, others, {Q(1, 2), 2}), 0, Q(13, 10)));
  BOOST_TEST(equal(net_sale_at_price<Q>(SignCase::ii, others, {Q(3, 2), Q(1, 3)}), Q(19, 22), 0));
  // Idempotence (E): an offer already in O maps to itself.
  BOOST_TEST(equal(proof_construction<Q>(SignCase::i, others, {0, Q(13, 10)}), 0, Q(13, 10)));
  BOOST_TEST(equal(proof_construction<Q>(SignCase::ii, others, {Q(19, 22), 0}), Q(19, 22), 0));
}

BOOST_AUTO_TEST_CASE(check_offer_reports_equal_payoffs) {
  const Economy e = economy();
  auto a = check_offer(e, others, two_sided(Q(1, 2), 2), paper_construction());
  BOOST_TEST(a.holds());
  BOOST_TEST((a.sign_case == SignCase::i));
  BOOST_TEST(equal(*a.bundle, Q(41, 14), Q(17, 10)));
  BOOST_TEST(equal(*a.one_sided_bundle, Q(41, 14), Q(17, 10)));
  BOOST_TEST(*a.one_sided_price == Q(7, 5));
  auto b = check_offer(e, others, two_sided(Q(3, 2), Q(1, 3)), paper_construction());
  BOOST_TEST(b.holds());
  BOOST_TEST(equal(*b.one_sided, Q(19, 22), 0));
  BOOST_TEST(equal(*b.one_sided_bundle, Q(25, 22), Q(145, 42)));
}

BOOST_AUTO_TEST_CASE(a_wrong_pinned_expectation_is_reported) {
  TestOffer t = two_sided(Q(1, 2), 2);
  t.expect_case = "ii";
  auto x = check_offer(economy(), others, t, paper_construction());
  BOOST_TEST(!x.holds());
  BOOST_TEST(x.failures.front().find("expects case (ii)") != std::string::npos);
  t.expect_case = "i";
  t.expect_one_sided = Offer<Q>{0, Q(13, 8)};
  BOOST_TEST(!check_offer(economy(), others, t, paper_construction()).holds());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(symbolic)

BOOST_AUTO_TEST_CASE(the_construction_in_closed_form_as_a_rational_function) {
  auto f = RationalFunction::make_field({"Qm", "Rm", "bq", "br"});
  const Totals<RationalFunction> o{RationalFunction::variable(f, 0), RationalFunction::variable(f, 1)};
  const Offer<RationalFunction> b{RationalFunction::variable(f, 2), RationalFunction::variable(f, 3)};
  auto bb = proof_construction(SignCase::i, o, b);
  // b''_r = R_- gamma/(Q_- - gamma) = D'/(Q_- + b'_q) (proofs/hw/docs/lemma1.md §3).
  BOOST_TEST(bb.q.is_zero());
  BOOST_TEST((bb.r == net_trade_numerator(o, b) / (o.q + b.q)));
  BOOST_TEST(bb.r.evaluate({2, Q(3, 2), Q(1, 2), 2}) == Q(13, 10));  // instance A
  auto cc = proof_construction(SignCase::ii, o, b);
  BOOST_TEST((cc.q == -net_trade_numerator(o, b) / (o.r + b.r)));
  BOOST_TEST(cc.q.evaluate({2, Q(3, 2), Q(3, 2), Q(1, 3)}) == Q(19, 22));  // instance B
}

BOOST_AUTO_TEST_CASE(the_identities_are_proved_for_every_instance) {
  SymbolicProof proof = prove_symbolically(paper_construction());
  BOOST_TEST(proof.proved);
  BOOST_TEST(proof.failures.empty());
  BOOST_REQUIRE(proof.steps.size() == 4u);  // (2)-(3) = (11), cases (i), (ii), (iii)
  BOOST_TEST(proof.steps[1].text.find("case (i): b'' = (0, (-Rm*bq + Qm*br)/(Qm + bq))") == 0u, proof.steps[1].text);
  BOOST_TEST(proof.steps[3].label == "case_iii");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(seeded_bugs)

BOOST_AUTO_TEST_CASE(netting_at_the_others_price_is_caught) {
  // S1 on instance A: b'' = (0, 13/8) is in O but gets (76/25, 11/8), not (41/14, 17/10).
  auto x = check_offer(economy(), others, two_sided(Q(1, 2), 2), net_at_others_price_construction());
  BOOST_TEST(!x.holds());
  BOOST_TEST(equal(*x.one_sided, 0, Q(13, 8)));
  BOOST_TEST(equal(*x.one_sided_bundle, Q(76, 25), Q(11, 8)));
  // and on instance B: (19/18, 0) gets (17/18, 387/110), not (25/22, 145/42).
  auto y = check_offer(economy(), others, two_sided(Q(3, 2), Q(1, 3)), net_at_others_price_construction());
  BOOST_TEST(!y.holds());
  BOOST_TEST(equal(*y.one_sided_bundle, Q(17, 18), Q(387, 110)));
  // The symbolic proof fails too, and the claim is refuted on the committed cases.
  BOOST_TEST(!prove_symbolically(net_at_others_price_construction()).proved);
  Outcome out = run("lemma1-case-i.toml", {}, net_at_others_price_construction());
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(find(out.witness, "q''")->text == "76/25");
  BOOST_TEST(to_string(run("lemma1-case-ii.toml", {}, net_at_others_price_construction()).verdict) == "refuted");
}

BOOST_AUTO_TEST_CASE(the_literal_sign_of_line_238_is_caught) {
  // Read literally, L238 says r(b'') = rbar + b''_r: on instance A 3 + 13/10 = 43/10, but r' = 17/10.
  const Q literal_r = rbar + Q(13, 10);
  BOOST_TEST(literal_r == Q(43, 10));
  BOOST_TEST(literal_r != allocation<Q>(qbar, rbar, others, {Q(1, 2), 2}).r);
  // A construction solved from it offers a negative amount: not in O.
  Construction bug{"S2", &literal_line_238<Q>, &literal_line_238<RationalFunction>};
  auto x = check_offer(economy(), others, two_sided(Q(1, 2), 2), bug);
  BOOST_TEST(!x.holds());
  BOOST_TEST(equal(*x.one_sided, 0, Q(-13, 10)));
  BOOST_TEST(x.failures.front().find("not in O") != std::string::npos);
  BOOST_TEST(!prove_symbolically(bug).proved);
  BOOST_TEST(to_string(run("lemma1-case-i.toml", {}, bug).verdict) == "refuted");
  // Every offer of the case-(iii) file passes with this bug, but the symbolic part (case (i) for
  // every instance) still refutes it.
  Outcome only_iii = run("lemma1-case-iii.toml", {}, bug);
  BOOST_TEST(to_string(only_iii.verdict) == "refuted");
  BOOST_TEST(only_iii.summary.find("symbolically") != std::string::npos, only_iii.summary);
}

BOOST_AUTO_TEST_CASE(keeping_a_balanced_two_sided_offer_is_caught) {
  Construction bug{"S3", &keep_offer_in_case_iii<Q>, &keep_offer_in_case_iii<RationalFunction>};
  auto x = check_offer(economy(), others, two_sided(Q(2, 3), Q(1, 2)), bug);
  BOOST_TEST(!x.holds());  // same bundle, but b'' = b' is two-sided
  BOOST_TEST(x.failures.front().find("two-sided") != std::string::npos);
  SymbolicProof proof = prove_symbolically(bug);
  BOOST_TEST(!proof.proved);
  BOOST_TEST(proof.failures.front().find("case (iii): b''_q b''_r = 0") == 0u, proof.failures.front());
  BOOST_TEST(to_string(run("lemma1-case-iii.toml", {}, bug).verdict) == "refuted");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cases)

BOOST_AUTO_TEST_CASE(the_outcome_names_the_case_of_each_offer) {
  Outcome out = run("lemma1-case-i.toml");
  BOOST_TEST(to_string(out.verdict) == "holds");
  BOOST_TEST(to_string(out.arithmetic) == "exact");
  BOOST_TEST(find(out.values, "offer_1")->text ==
             "b' = (1/2, 2), D' = 13/4, case (i), (q', r') = (41/14, 17/10), b'' = (0, 13/10), "
             "(q'', r'') = (41/14, 17/10), p2 = 7/5");
  BOOST_TEST(find(out.stats, "case_i")->text == "2");
  BOOST_TEST(find(out.stats, "case_ii")->text == "0");
}

BOOST_AUTO_TEST_CASE(positive_totals_is_a_hypothesis) {
  Outcome out = run("lemma1-zero-epsilon.toml");
  BOOST_TEST(to_string(out.verdict) == "hypotheses_unmet");
  BOOST_REQUIRE(out.unmet.size() == 1u);
  BOOST_TEST(out.unmet.front() == "positive_totals");
  // Dropped: R_- = 0 puts gamma = Q_- and the proof's b''_r is 0/0; no convention, no guess.
  Outcome dropped = run("lemma1-zero-epsilon.toml", {"positive_totals"});
  BOOST_TEST(to_string(dropped.verdict) == "inconclusive");
  BOOST_TEST(dropped.summary.find("Q_- - gamma = 0") != std::string::npos, dropped.summary);
}

BOOST_AUTO_TEST_CASE(lemma1_needs_stage2) {
  const std::string f = write_case("no-stage2", endowment + economy2);
  expect_precondition("hw.lemma1", f, "5:1", "hw.lemma1 needs a [hw.stage2] table");
}

BOOST_AUTO_TEST_CASE(case_file_rules_name_their_position) {
  const std::string offer = "\n[[hw.stage2.offer]]\nb = [\"1/2\", \"2\"]\n";
  BOOST_TEST(load_error(write_case("valid", std::string(market) + offer)) == "");
  // A TOML float is not exact.
  BOOST_TEST(load_error(write_case("float", std::string(market) + "\n[[hw.stage2.offer]]\nb = [0.5, \"2\"]\n"))
                 .find("a TOML float is not exact") != std::string::npos);
  // An offer beyond the endowment, reported at the coordinate.
  std::string beyond =
      load_error(write_case("beyond", std::string(market) + "\n[[hw.stage2.offer]]\nb = [\"1/2\", \"7/2\"]\n"));
  BOOST_TEST(beyond.find("b_r must lie in [0, rbar] = [0, 3], but b_r = 7/2") != std::string::npos, beyond);
  BOOST_TEST(beyond.rfind("16:13:", 0) == 0u, beyond);
  // A one-sided offer not marked as such.
  BOOST_TEST(load_error(write_case("unmarked", std::string(market) + "\n[[hw.stage2.offer]]\nb = [\"0\", \"1\"]\n"))
                 .find("mark it `one_sided = true`") != std::string::npos);
  // Another agent's two-sided offer: not in O.
  std::string other = load_error(write_case("other", R"(
[hw]
qbar = "2"
rbar = "3"
epsilon = ["1/2", "1/4"]
[hw.stage2]
active = 2
others = [["1/2", "1/2"]]
[[hw.stage2.offer]]
b = ["1", "1"]
)"));
  BOOST_TEST(other.find("must be one-sided") != std::string::npos, other);
  // M - 1 others.
  BOOST_TEST(load_error(write_case("count", std::string(market).replace(std::string(market).find("active = 3"), 10,
                                                                        "active = 4") +
                                                offer))
                 .find("M - 1 = 3 other active agents, but 2 are given") != std::string::npos);
  // Totals given both ways must agree with eq. (3).
  BOOST_TEST(load_error(write_case("totals", std::string(market) + "Q_minus = \"2\"\nR_minus = \"1\"\n" + offer))
                 .find("disagrees with eq. (3)") != std::string::npos);
  // Negative epsilon, nonpositive endowment, unknown key, bad sign case.
  BOOST_TEST(
      load_error(write_case("eps", "[hw]\nqbar = 2\nrbar = 3\nepsilon = [\"-1/2\", 0]\n")).find("eps_q must be >= 0") !=
      std::string::npos);
  BOOST_TEST(load_error(write_case("qbar", "[hw]\nqbar = 0\nrbar = 3\nepsilon = [1, 1]\n")).find("qbar must be > 0") !=
             std::string::npos);
  BOOST_TEST(load_error(write_case("typo", "[hw]\nqbar = 1\nrbar = 3\nepsilon = [1, 1]\nepsilon_q = 1\n"))
                 .find("unknown key 'epsilon_q'") != std::string::npos);
  BOOST_TEST(load_error(write_case("case", std::string(market) + offer + "expect_case = \"iv\"\n"))
                 .find("expect_case is \"i\"") != std::string::npos);
  // No stage 2: the economy parses, and hw.lemma1 says what it needs.
  const Case bare = builtin_papers().load_case(write_case("bare", "[hw]\nqbar = 1\nrbar = 3\nepsilon = [1, 1]\n"));
  Outcome out = run_claim(*make_claim(), bare, CheckContext{});
  BOOST_TEST(to_string(out.verdict) == "error");
  BOOST_TEST(out.summary.find("needs a [hw.stage2] table") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(recheck)

BOOST_AUTO_TEST_CASE(lemma1_refutation_with_the_right_offer_fails) {
  // The committed case-(i) instance, where the proof's b'' gets exactly the payoff of b' (the
  // claim holds); a refutation forged with that b'' must not survive its re-check.
  const Case c = builtin_papers().load_case(testing::hw_cases_dir + "lemma1-case-i.toml");
  const Outcome holds = run_claim(claim("hw.lemma1"), c, CheckContext{});
  BOOST_TEST(to_string(holds.verdict) == "holds");
  const auto& e = testing::economy_of(c);
  const auto& totals = e.stage2->totals;
  const auto b = e.stage2->offers.front().b;
  const auto right = proofs::hw_lemma1::paper_construction().exact(proofs::hw_lemma1::sign_case(totals, b), totals, b);
  Outcome forged;
  forged.verdict = Verdict::refuted;
  forged.summary = "1 offer(s) fail; first, b' = " + hw::to_text(b) + ": b'' = " + hw::to_text(right) + " gets less";
  for (const auto& [name, q] : std::vector<std::pair<std::string, Rational>>{{"Q_minus", totals.q},
                                                                             {"R_minus", totals.r},
                                                                             {"b'_q", b.q},
                                                                             {"b'_r", b.r},
                                                                             {"b''_q", right.q},
                                                                             {"b''_r", right.r}})
    forged.witness.push_back(make_value(name, q));
  auto r = claim("hw.lemma1").recheck(c, forged);
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(!r->passed, r->detail);
  // The same witness with b'' two-sided is a real failure: the re-check confirms it.
  forged.witness[4].text = to_string(b.q);
  forged.witness[5].text = to_string(b.r);
  auto confirmed = claim("hw.lemma1").recheck(c, forged);
  BOOST_REQUIRE(confirmed.has_value());
  BOOST_TEST(confirmed->passed, confirmed->detail);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()
