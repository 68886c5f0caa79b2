// finite.design: optima worked by hand, the Myerson-Satterthwaite grids (impossible at 6 x 6, possible
// at 5 x 5), seeded bugs in certificates that the re-check must reject, the design LP's rows against
// the property claims on every committed mechanism, and input errors.
#include "finite/finite_testing.hpp"
#include "finite/model/design.hpp"

#include <filesystem>

using namespace mechcheck;
using namespace mechcheck::finite;
using namespace mechcheck::finite::testing;

namespace {

// A case from `[finite] ...` text (after the [case] table).
Case from_text(const std::string& body) {
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-design-test");
  return builtin_papers().load_case(s.write("design.toml", "[case]\nname = \"design\"\nmodel = \"finite\"\n\n" + body));
}

// One bidder with value 1 or 3 (each 1/2), selling one good; [finite.design] with `design`.
std::string one_bidder(const std::string& design) {
  return "[finite]\noutcomes = [\"keep\", \"sell\"]\n\n[[finite.agent]]\ntypes = [\"1\", \"3\"]\n"
         "probabilities = [\"1/2\", \"1/2\"]\nquantities = [\"0\", \"1\"]\n\n[finite.design]\n" +
         design;
}

const Claim& design_claim() { return mechcheck::testing::builtin_claim("finite.design"); }

Outcome design_on(const Case& c) {
  Outcome out = design_claim().check(c, CheckContext{});
  if (auto r = design_claim().recheck(c, out))
    out.recheck.status = r->passed ? RecheckNote::Status::passed : RecheckNote::Status::undecided;
  return out;
}

bool recheck_passes(const Case& c, const Outcome& out) {
  const auto r = design_claim().recheck(c, out);
  return r && r->passed;
}

void set_witness(Outcome& out, const std::string& name, const std::string& text) {
  for (Value& v : out.witness)
    if (v.name == name) {
      v.text = text;
      return;
    }
  BOOST_FAIL("no witness entry " + name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(finite_design)

BOOST_AUTO_TEST_CASE(one_bidder_revenue_is_myersons_posted_price) {
  // DSIC and ex post IR: the optimal mechanism for one bidder is a posted price (Myerson 1981).
  // Price 1 sells always (revenue 1); price 3 sells half the time (3/2); lotteries do no better.
  const Case c = from_text(one_bidder("objective = \"revenue\"\nconstraints = [\"dsic\", \"expost_ir\"]\n"));
  const Outcome out = design_on(c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(value_of(out, "maximal_expected_revenue") == "3/2");
  BOOST_TEST(value_of(out, "lottery.t2.o2") == "1");  // the high type buys
  BOOST_TEST(value_of(out, "payment.t2.a1") == "3");
  BOOST_TEST(value_of(out, "lottery.t1.o2") == "0");  // the low type does not
  BOOST_TEST(recheck_passes(c, out));
}

// The reported mechanism as a [finite.mechanism] table reads back as the same mechanism, also when
// an outcome's name holds a quote, a backslash and a tab (escaped in the TOML it writes).
BOOST_AUTO_TEST_CASE(mechanism_toml_reads_back) {
  const std::string economy =
      "[finite]\noutcomes = [\"keep\", \"sell \\\"now\\\" \\\\ \\t\"]\n\n[[finite.agent]]\ntypes = [\"1\", \"3\"]\n"
      "probabilities = [\"1/2\", \"1/2\"]\nquantities = [\"0\", \"1\"]\n";
  const Case c =
      from_text(economy + "\n[finite.design]\nobjective = \"revenue\"\nconstraints = [\"dsic\", \"expost_ir\"]\n");
  const Outcome out = design_on(c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(economy_of(c).outcomes[1] == "sell \"now\" \\ \t");
  const Case table = from_text(economy + "\n" + value_of(out, "mechanism_toml"));
  const Economy& e = economy_of(table);
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::string t = profile_key(e, r);
    for (std::size_t o = 0; o < e.outcomes.size(); ++o)
      BOOST_TEST(to_string(e.lottery[r][o]) == value_of(out, "lottery." + t + ".o" + std::to_string(o + 1)));
    BOOST_TEST(to_string(e.payments[r][0]) == value_of(out, "payment." + t + ".a1"));
  }
  BOOST_TEST((run_on_case("finite.dsic", table).verdict == Verdict::holds));
}

BOOST_AUTO_TEST_CASE(welfare_without_constraints_is_the_expected_best_surplus) {
  const Case c = from_text(one_bidder("objective = \"welfare\"\n"));
  const Outcome out = design_on(c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(value_of(out, "maximal_expected_welfare") == "2");  // (1 + 3) / 2: always sell
  BOOST_TEST(recheck_passes(c, out));
}

BOOST_AUTO_TEST_CASE(revenue_without_participation_is_unbounded) {
  // Without IR nothing stops the mechanism from charging any amount.
  const Case c = from_text(one_bidder("objective = \"revenue\"\nconstraints = [\"dsic\"]\n"));
  Outcome out = design_on(c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(value_of(out, "maximal_expected_revenue") == "unbounded");
  BOOST_TEST(recheck_passes(c, out));
  // A seeded bug: a direction that breaks DSIC (the high type pays more along it, the low type not).
  set_witness(out, "direction.payment.t2.a1", "5");
  set_witness(out, "direction.payment.t1.a1", "0");
  BOOST_TEST(!recheck_passes(c, out));
}

BOOST_AUTO_TEST_CASE(myerson_satterthwaite_six_by_six_is_impossible) {
  const Case c = committed("myerson-satterthwaite-6x6.toml");
  Outcome out = design_on(c);
  BOOST_REQUIRE(out.verdict == Verdict::refuted);
  BOOST_TEST(recheck_passes(c, out));
  // Seeded bugs the re-check must reject: a multiplier changed, one dropped, one on a row that is
  // not in force, a negative one on an inequality.
  std::string some_bic;
  for (const Value& v : out.witness)
    if (v.name.rfind("multiplier.bic.", 0) == 0) some_bic = v.name;
  BOOST_REQUIRE(!some_bic.empty());
  {
    Outcome wrong = out;
    set_witness(wrong, some_bic, to_string(*parse_rational(value_of(out, some_bic)) + 1));
    BOOST_TEST(!recheck_passes(c, wrong));
  }
  {
    Outcome wrong = out;
    std::erase_if(wrong.witness, [&](const Value& v) { return v.name == some_bic; });
    BOOST_TEST(!recheck_passes(c, wrong));
  }
  {
    Outcome wrong = out;
    wrong.witness.push_back(make_value("multiplier.dsic.t1_1.a1.m2", Rational(1)));
    BOOST_TEST(!recheck_passes(c, wrong));
  }
  {
    Outcome wrong = out;
    set_witness(wrong, some_bic, "-" + value_of(out, some_bic));
    BOOST_TEST(!recheck_passes(c, wrong));
  }
}

BOOST_AUTO_TEST_CASE(myerson_satterthwaite_needs_a_subsidy_of_five_36ths) {
  const Case c = committed("myerson-satterthwaite-subsidy-6x6.toml");
  Outcome out = design_on(c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(value_of(out, "minimal_expected_subsidy") == "5/36");
  BOOST_TEST(recheck_passes(c, out));
  // Seeded bugs: a smaller optimum claimed; a mechanism entry changed.
  Outcome smaller = out;
  for (Value& v : smaller.values)
    if (v.name == "minimal_expected_subsidy") v.text = "1/9";
  BOOST_TEST(!recheck_passes(c, smaller));
  Outcome changed = out;
  set_witness(changed, "payment.t6_1.a1", to_string(*parse_rational(value_of(out, "payment.t6_1.a1")) + 1));
  BOOST_TEST(!recheck_passes(c, changed));
}

BOOST_AUTO_TEST_CASE(five_by_five_admits_the_mechanism_and_its_table_has_every_property) {
  const Case c = committed("myerson-satterthwaite-5x5-possible.toml");
  const Outcome out = design_on(c);
  BOOST_REQUIRE(out.verdict == Verdict::holds);
  BOOST_TEST(recheck_passes(c, out));
  // The committed table is the one finite.design reports, and the property claims confirm it.
  const Economy& e = economy_of(c);
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::string t = profile_key(e, r);
    for (std::size_t o = 0; o < e.outcomes.size(); ++o)
      BOOST_TEST(value_of(out, "lottery." + t + ".o" + std::to_string(o + 1)) == to_string(e.lottery[r][o]));
    for (std::size_t i = 0; i < e.agent_count(); ++i)
      BOOST_TEST(value_of(out, "payment." + t + ".a" + std::to_string(i + 1)) == to_string(e.payments[r][i]));
  }
  for (const char* claim : {"finite.bic", "finite.interim_ir", "finite.expost_bb", "finite.efficiency"})
    BOOST_TEST((run_on_case(claim, c).verdict == Verdict::holds), claim);
}

BOOST_AUTO_TEST_CASE(least_subsidy_is_the_expected_virtual_surplus_of_trade) {
  const std::pair<int, int> grids[] = {{2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 4}, {4, 6}, {3, 5}, {5, 2}};
  for (const auto& [kb, ks] : grids) {
    const Case c = from_text(uniform_trade_grid(kb, ks) +
                             "\n[finite.design]\nobjective = \"subsidy\"\n"
                             "constraints = [\"bic\", \"interim_ir\", \"efficiency\"]\n");
    const Outcome out = design_on(c);
    BOOST_REQUIRE(out.verdict == Verdict::holds);
    BOOST_TEST(value_of(out, "minimal_expected_subsidy") == to_string(virtual_surplus_subsidy(kb, ks)),
               kb << " x " << ks);
    BOOST_TEST(recheck_passes(c, out));
  }
  // The committed 6 x 6 value and the 5 x 5 knife edge.
  BOOST_TEST(virtual_surplus_subsidy(6, 6) == Rational(5) / 36);
  BOOST_TEST(virtual_surplus_subsidy(5, 5) == 0);
}

// Two formulas of each property: the design LP's rows evaluated at a committed mechanism's table,
// and the property claim's own check. They must agree on every committed case with a mechanism.
BOOST_AUTO_TEST_CASE(design_rows_agree_with_the_property_claims) {
  const Property all[] = {Property::dsic,      Property::bic,       Property::expost_ir,  Property::interim_ir,
                          Property::expost_bb, Property::exante_bb, Property::efficiency, Property::monotonicity};
  int compared = 0, violated = 0;
  for (const auto& entry : std::filesystem::directory_iterator("cases/finite")) {
    const Case c = builtin_papers().load_case(entry.path().string());
    const Economy& e = economy_of(c);
    if (!e.has_mechanism()) continue;
    std::vector<Rational> z(design_variable_count(e));
    for (std::size_t r = 0; r < e.profile_count(); ++r) {
      for (std::size_t o = 0; o < e.outcomes.size(); ++o) z[lottery_variable(e, r, o)] = e.lottery[r][o];
      for (std::size_t i = 0; i < e.agent_count(); ++i) z[payment_variable(e, r, i)] = e.payments[r][i];
    }
    for (Property p : all) {
      bool quantities = true;
      for (const Agent& a : e.agents) quantities = quantities && a.quantities.has_value();
      if (p == Property::monotonicity && !quantities) continue;
      Economy asked = e;
      asked.design = Design{Objective::feasibility, {p}};
      const DesignProgram d = design_program(asked);
      // The size guard's estimate, counted from the economy, is the built program's.
      BOOST_TEST(design_simplex_work(asked) == lp::simplex_work(d.program), entry.path().filename().string());
      bool rows_hold = true;
      for (const lp::Row& row : d.program.rows) {
        Rational v = row.constant;
        for (const auto& [j, a] : row.terms) v += a * z[j];
        rows_hold = rows_hold && (row.equality ? v == 0 : v >= 0);
      }
      CheckContext context;
      context.dropped_hypotheses = {"bic", "independent_prior"};  // monotonicity's conclusion alone
      const std::string id = std::string("finite.") + property_name(p);
      const Outcome out = mechcheck::testing::builtin_claim(id).check(with_economy(c, asked), context);
      BOOST_TEST((out.verdict == (rows_hold ? Verdict::holds : Verdict::refuted)),
                 id << " on " << entry.path().filename().string());
      ++compared;
      violated += rows_hold ? 0 : 1;
    }
  }
  BOOST_TEST(compared > 80);
  BOOST_TEST(violated > 10);  // both answers occur
}

// docs/finite-tutorial.md shows these outputs; they must stay the program's.
BOOST_AUTO_TEST_CASE(the_tutorials_numbers) {
  const auto load = [](const std::string& file) { return builtin_papers().load_case("docs/tutorial/" + file); };
  const Case auction = load("auction.toml");
  for (const char* claim : {"finite.dsic", "finite.expost_ir", "finite.efficiency"})
    BOOST_TEST((run_on_case(claim, auction).verdict == Verdict::holds), claim);
  const Outcome expectations = run_on_case("finite.expectations", auction);
  BOOST_TEST(value_of(expectations, "expected_revenue") == "5/9");
  BOOST_TEST(value_of(expectations, "expected_welfare") == "13/9");
  const Outcome lie = run_on_case("finite.dsic", load("first-price.toml"));
  BOOST_REQUIRE(lie.verdict == Verdict::refuted);
  BOOST_TEST(value_of(lie, "agent") == "2");
  BOOST_TEST(value_of(lie, "type_1") == "0");
  BOOST_TEST(value_of(lie, "type_2") == "2");
  BOOST_TEST(value_of(lie, "misreport") == "1");
  BOOST_TEST(value_of(run_on_case("finite.bic", load("first-price.toml")), "interim_utility_misreport") == "2/3");
  // Myerson's optimal auction: virtual values -2, 0, 2; revenue 2 P(max value = 2) = 2 (1 - 4/9).
  const Case optimal = load("optimal-auction.toml");
  const Outcome best = design_on(optimal);
  BOOST_TEST(value_of(best, "maximal_expected_revenue") == "10/9");
  BOOST_TEST(recheck_passes(optimal, best));
}

// A design LP too large for --limit is refused before it is built, saying how large it is.
BOOST_AUTO_TEST_CASE(a_design_too_large_is_refused_before_any_work) {
  const Case c = committed("myerson-satterthwaite-6x6.toml");
  const unsigned long long work = design_simplex_work(economy_of(c));
  BOOST_TEST(work > 10000u);
  CheckContext small;
  small.enumeration_limit = work - 1;
  BOOST_CHECK_THROW(design_claim().check(c, small), TooLarge);
  small.enumeration_limit = work;
  BOOST_TEST((design_claim().check(c, small).verdict == Verdict::refuted));
}

BOOST_AUTO_TEST_CASE(input_errors_name_the_entry) {
  const std::string base = two_bidders;
  BOOST_TEST(load_error(base + "[finite.design]\nconstraints = [\"bic\", \"truthful\"]\n")
                 .find("bad.toml:19:23: unknown constraint \"truthful\"") != std::string::npos);
  BOOST_TEST(load_error(base + "[finite.design]\nconstraints = [\"bic\", \"bic\"]\n")
                 .find("bad.toml:19:23: constraint \"bic\" is listed twice") != std::string::npos);
  BOOST_TEST(load_error(base + "[finite.design]\nobjective = \"profit\"\n").find("bad.toml:19:13: objective must be") !=
             std::string::npos);
  // An economy alone (no mechanism, no design problem) loads; the claims that need either refuse it.
  const Case bare = from_text(base);
  BOOST_CHECK_THROW(mechcheck::testing::builtin_claim("finite.dsic").validate(bare), InputError);
  BOOST_CHECK_THROW(design_claim().validate(bare), InputError);
  // A design-only case: the property claims refuse it before any work.
  const Case c = committed("myerson-satterthwaite-6x6.toml");
  BOOST_CHECK_THROW(mechcheck::testing::builtin_claim("finite.bic").validate(c), InputError);
  BOOST_CHECK_NO_THROW(design_claim().validate(c));
}

BOOST_AUTO_TEST_SUITE_END()
