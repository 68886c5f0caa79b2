// The ly re-checks (proofs/ly/recheck/recheck.cpp): every refuted ly record of the committed cases is
// re-checked and passes, so do the certificates of holds records, and a witness or certificate
// altered by a seeded bug fails its re-check (run_claim then reports an error).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace mechcheck;

namespace {

const std::string cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/ly/";

const Claim& claim(const std::string& id) {
  const Claim* c = builtin_papers().find(id);
  BOOST_REQUIRE(c != nullptr);
  return *c;
}

struct Run {
  Case c;
  Outcome out;
};

Run run(const std::string& id, const std::string& file, std::set<std::string> dropped = {}) {
  Run r{builtin_papers().load_case(cases_dir + file), {}};
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  r.out = run_claim(claim(id), r.c, context);
  return r;
}

Value* find(std::vector<Value>& list, const std::string& name) {
  for (auto& v : list)
    if (v.name == name) return &v;
  BOOST_FAIL("no value " << name);
  return nullptr;
}

// The re-check of `out` as altered by `alter`: must exist and fail.
void altered_fails(const std::string& id, const Run& r, const std::function<void(Outcome&)>& alter, const std::string& expect) {
  const auto good = claim(id).recheck(r.c, r.out);
  BOOST_REQUIRE(good);
  BOOST_TEST(good->passed, good->detail);
  Outcome bad = r.out;
  alter(bad);
  const auto again = claim(id).recheck(r.c, bad);
  BOOST_REQUIRE(again);
  BOOST_TEST(!again->passed, "an altered witness passed: " << again->detail);
  BOOST_TEST(again->detail.find(expect) != std::string::npos, again->detail);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ly_recheck)

BOOST_AUTO_TEST_CASE(every_refuted_and_certified_ly_record_passes_its_recheck) {
  // Every [[expect]] of the committed ly cases, as the suite runs it.
  int refuted = 0, passed = 0;
  for (const std::string& path : find_case_files({cases_dir})) {
    const Case c = builtin_papers().load_case(path);
    for (const Expectation& x : c.expectations) {
      CheckContext context;
      context.dropped_hypotheses = {x.dropped.begin(), x.dropped.end()};
      const Outcome out = run_claim(claim(x.claim), c, context);
      BOOST_TEST_CONTEXT(x.claim << " on " << path) {
        BOOST_TEST(to_string(out.verdict) == to_string(x.verdict), out.summary);
        if (out.verdict == Verdict::refuted) {
          ++refuted;
          BOOST_TEST(to_string(out.recheck.status) == "passed", out.recheck.detail);
        }
        if (out.recheck.status == RecheckNote::Status::passed) ++passed;
        BOOST_TEST(to_string(out.recheck.status) != "unavailable");
      }
    }
  }
  BOOST_TEST(refuted == 9);
  BOOST_TEST(passed >= 21);  // the 9 refutations and the certificates of holds records
}

// ---- seeded bugs: each altered witness must fail --------------------------------------------

BOOST_AUTO_TEST_CASE(seeded_bug_class2_step_out_of_the_wrong_cell) {
  // Abstaining instead of reporting s^b_1 (paid 5 there) loses: that step refutes nothing.
  const Run r = run("ly.class2", "class1-fails.toml", {"class1_optimal"});
  altered_fails("ly.class2", r, [](Outcome& o) {
    find(o.witness, "beta^b_lo_11")->text = "3/8";
    find(o.witness, "beta^b_lo_21")->text = "0";
  }, "does not gain");
  altered_fails("ly.class2", r, [](Outcome& o) { find(o.witness, "beta^b_lo_21")->text = "1/4"; }, "not between 0 and alpha");
}

BOOST_AUTO_TEST_CASE(seeded_bug_class2_wrong_na_report) {
  const Run r = run("ly.class2", "na-fails.toml");
  BOOST_REQUIRE(r.out.verdict == Verdict::holds);
  altered_fails("ly.class2", r, [](Outcome& o) { find(o.values, "NA^b")->text = "holds"; }, "reported as 'holds' but fails");
  altered_fails("ly.class2", r, [](Outcome& o) { find(o.witness, "epsilon^b")->text = "0"; }, "does not gain");
}

BOOST_AUTO_TEST_CASE(seeded_bug_perfect_correlation_obstruction_upside_down) {
  const Run r = run("ly.perfect_correlation", "full-support-2x2.toml", {"perfect_correlation"});
  altered_fails("ly.perfect_correlation", r, [](Outcome& o) {
    std::swap(find(o.witness, "obstruction low row")->text, find(o.witness, "obstruction high row")->text);
  }, "does not exceed");
  // A boundary posterior claimed where every posterior is interior.
  altered_fails("ly.perfect_correlation", r, [](Outcome& o) {
    find(o.witness, "obstruction")->text = "boundary";
    o.witness.push_back(make_text("boundary signal of", "buyer"));
    o.witness.push_back(make_value("boundary signal", 1));
  }, "interior posterior");
  const Run b = run("ly.perfect_correlation", "fully-revealing.toml", {"interior_posteriors"});
  BOOST_TEST(claim("ly.perfect_correlation").recheck(b.c, b.out)->passed);
}

BOOST_AUTO_TEST_CASE(seeded_bug_perfect_correlation_transfers_without_punishment) {
  // The constructed transfers with a misreport as cheap as the truth: DF fails at a zero cell.
  const Run r = run("ly.perfect_correlation", "perfect-correlation-2x2.toml");
  altered_fails("ly.perfect_correlation", r, [](Outcome& o) {
    find(o.witness, "t_buyer_12")->text = find(o.witness, "t_buyer_22")->text;
  }, "DF fails");
}

BOOST_AUTO_TEST_CASE(seeded_bug_efficiency_witness_not_consistent) {
  // The full-support table instead of the reported structure: no transfers implement efficient trade.
  const Run r = run("ly.efficiency_structure", "uninformative-product.toml", {"distinct_posteriors"});
  altered_fails("ly.efficiency_structure", r, [](Outcome& o) {
    const std::map<std::string, std::string> full{{"alpha_lo_11", "1/4"},  {"alpha_lo_12", "1/8"},  {"alpha_lo_21", "1/12"},
                                                  {"alpha_lo_22", "1/24"}, {"alpha_hi_11", "1/24"}, {"alpha_hi_12", "1/12"},
                                                  {"alpha_hi_21", "1/8"},  {"alpha_hi_22", "1/4"}};
    for (const auto& [name, text] : full) find(o.witness, name)->text = text;
  }, "no transfers implement efficient trade");
  // A cell moved: Bayes plausibility breaks.
  altered_fails("ly.efficiency_structure", r, [](Outcome& o) { find(o.witness, "alpha_lo_11")->text = "1/4"; }, "not the prior");
  // Distinct posteriors demanded while the structure's are all equal.
  const Run g = run("ly.efficiency_structure", "no-gains-counterexample.toml", {"gains_from_trade"});
  altered_fails("ly.efficiency_structure", g, [&](Outcome& o) {
    for (const auto& v : r.out.witness) find(o.witness, v.name)->text = v.text;  // the uninformative product
  }, "share a posterior");
}

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_lower_bound_too_high) {
  const Run r = run("ly.subsidy", "subsidy-no-minimum.toml", {"minimum_attained"});
  altered_fails("ly.subsidy", r, [](Outcome& o) {
    Value* l = find(o.witness, "certified lower bound of the optimal revenue");
    l->text = to_string(*parse_rational(l->text) + Rational(1, 100));
  }, "reaches the reported lower bound");
}

BOOST_AUTO_TEST_CASE(seeded_bug_subsidy_mechanism_without_punishment) {
  const Run r = run("ly.subsidy", "subsidy-two-realizations.toml");
  altered_fails("ly.subsidy", r, [](Outcome& o) {
    find(o.witness, "t_buyer_12")->text = find(o.witness, "t_buyer_22")->text;
  }, "not implementable for the buyer");
  altered_fails("ly.subsidy", r, [](Outcome& o) {
    Value* s = find(o.values, "subsidy of the rational mechanism (exact; implementable, certified)");
    s->text = to_string(*parse_rational(s->text) + Rational(1, 1 << 30));
  }, "not the reported");
}

BOOST_AUTO_TEST_CASE(seeded_bug_implementability_deviation_off_the_marginal) {
  // Not implementable for the buyer (NA fails): the certified deviation, with one cell moved
  // across columns (the seller's marginal changes) or replaced by the truthful structure.
  const Run r = run("ly.implementability", "na-fails.toml");
  BOOST_REQUIRE(r.out.verdict == Verdict::holds);
  // The certified deviation is "always abstain" (row 3 of the deviation).
  altered_fails("ly.implementability", r, [](Outcome& o) {
    Value* a = find(o.witness, "deviation^b_lo_31");
    Value* b = find(o.witness, "deviation^b_lo_32");
    const Rational x = *parse_rational(a->text);
    a->text = "0";
    b->text = to_string(*parse_rational(b->text) + x);
  }, "moves the other player's marginal");
  altered_fails("ly.implementability", r, [](Outcome& o) {
    for (const char* q : {"lo", "hi"}) {
      find(o.witness, std::string("deviation^b_") + q + "_11")->text = find(o.witness, std::string("deviation^b_") + q + "_31")->text;
      find(o.witness, std::string("deviation^b_") + q + "_22")->text = find(o.witness, std::string("deviation^b_") + q + "_32")->text;
      find(o.witness, std::string("deviation^b_") + q + "_31")->text = "0";
      find(o.witness, std::string("deviation^b_") + q + "_32")->text = "0";
    }
  }, "does not gain");
}

BOOST_AUTO_TEST_CASE(seeded_bug_implementability_multipliers_forgetting_the_transfer_level) {
  // Route A claiming multipliers exist for the buyer where NA fails (the transfers' level
  // forgotten, as in ly_claims_test), and the routes then "disagreeing": the refutation is
  // re-checked and rejected, since the multipliers the outcome reports fail NA.
  const Run r = run("ly.implementability", "na-fails.toml");
  altered_fails("ly.implementability", r, [](Outcome& o) {
    o.verdict = Verdict::refuted;
    find(o.values, "implementable for the buyer (multipliers)")->text = "yes";
    // lambda = w - kappa log mu at the diagonal cells: w = u^b(v) - 3, mu_1 = (3/4, 1/4), mu_2 = (1/4, 3/4).
    o.witness.push_back(make_text("lambda^b_1(v_lo)", "-2 + kappa log(4/3)"));
    o.witness.push_back(make_text("lambda^b_2(v_lo)", "-2 + kappa log(4)"));
    o.witness.push_back(make_text("lambda^b_1(v_hi)", "0 + kappa log(4)"));
    o.witness.push_back(make_text("lambda^b_2(v_hi)", "0 + kappa log(4/3)"));
  }, "NA fails");
}

BOOST_AUTO_TEST_CASE(a_rejected_witness_turns_the_verdict_into_an_error) {
  // Through run_claim: the claim's own recheck rejects a seeded witness and the record is an error.
  class Tampered : public Claim {
   public:
    const ClaimInfo& info() const override { return claim("ly.perfect_correlation").info(); }
    Outcome check(const Case& c, const CheckContext& context) const override {
      Outcome o = claim("ly.perfect_correlation").check(c, context);
      std::swap(find(o.witness, "obstruction low row")->text, find(o.witness, "obstruction high row")->text);
      return o;
    }
    std::optional<Recheck> recheck(const Case& c, const Outcome& o) const override { return claim("ly.perfect_correlation").recheck(c, o); }
  } tampered;
  const Case c = builtin_papers().load_case(cases_dir + "full-support-2x2.toml");
  CheckContext context;
  context.dropped_hypotheses = {"perfect_correlation"};
  const Outcome out = run_claim(tampered, c, context);
  BOOST_TEST(to_string(out.verdict) == "error", out.summary);
  BOOST_TEST(out.summary.find("did not survive its independent re-check") != std::string::npos, out.summary);
}

BOOST_AUTO_TEST_SUITE_END()
