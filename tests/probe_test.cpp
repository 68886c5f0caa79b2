// The counterexample prober: property tests (RapidCheck) of the instance generators and the
// shrinker -- every generated or shrunk economy is a valid case file, shrinking strictly
// decreases the size, the exhaustive enumeration covers the economy it bounds, generation is
// reproducible from the seed -- and the search end to end, with a seeded generator bug.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "mechcheck/probe/probe.hpp"
#include "mechcheck/report/report.hpp"

#include <rapidcheck/boost_test.h>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::probe;

namespace {

std::filesystem::path scratch_path() {
  return std::filesystem::temp_directory_path() / ("mechcheck-probe-test-" + std::to_string(::getpid()));
}

std::string scratch() {
  std::filesystem::create_directories(scratch_path());
  return scratch_path().string();
}

// The scratch directory goes when the test program ends, passed or failed.
struct RemoveScratchAtExit {
  ~RemoveScratchAtExit() {
    std::error_code ignored;
    std::filesystem::remove_all(scratch_path(), ignored);
  }
};
BOOST_TEST_GLOBAL_FIXTURE(RemoveScratchAtExit);

// Loads the candidate through the ordinary case loader (throws InputError when invalid).
Case load(const std::string& model, const Candidate& c) {
  const std::string path = scratch() + "/candidate.toml";
  std::ofstream(path) << "[case]\nname = \"t\"\nmodel = \"" << model << "\"\n\n" << c.model_table;
  return builtin_papers().load_case(path);
}

bool loads(const std::string& model, const Candidate& c) {
  try {
    load(model, c);
    return true;
  } catch (const std::exception& e) {
    RC_LOG() << e.what() << "\n" << c.model_table;
    return false;
  }
}

const std::vector<std::string> kModels{"hw", "llm", "ly", "mat"};

}  // namespace

BOOST_AUTO_TEST_SUITE(probe_generators)

RC_BOOST_PROP(generated_economies_are_valid_case_files, (std::uint64_t seed)) {
  for (const auto& model : kModels) {
    std::mt19937_64 rng(seed);
    const Candidate c = builtin_papers().generator_for(model)->random(rng, {});
    RC_ASSERT(loads(model, c));
    RC_ASSERT(c.size.size() == builtin_papers().generator_for(model)->size_names().size());
  }
}

RC_BOOST_PROP(generation_is_reproducible_from_the_seed, (std::uint64_t seed)) {
  for (const auto& model : kModels) {
    std::mt19937_64 a(seed), b(seed);
    RC_ASSERT(builtin_papers().generator_for(model)->random(a, {}).model_table ==
              builtin_papers().generator_for(model)->random(b, {}).model_table);
  }
}

RC_BOOST_PROP(shrink_candidates_are_valid_and_strictly_smaller, (std::uint64_t seed)) {
  for (const auto& model : kModels) {
    std::mt19937_64 rng(seed);
    const Generator& g = *builtin_papers().generator_for(model);
    const Candidate c = g.random(rng, {});
    for (const Candidate& smaller : g.shrink(c, {})) {
      RC_ASSERT(strictly_smaller(smaller.size, c.size));
      RC_ASSERT(loads(model, smaller));
    }
  }
}

RC_BOOST_PROP(the_exhaustive_enumeration_covers_the_economy_it_is_bounded_by, (std::uint64_t seed)) {
  std::mt19937_64 rng(seed);
  const Generator& g = *builtin_papers().generator_for("llm");
  const Candidate c = g.random(rng, {});
  const auto all = g.all_within(c.size, 200000, {});
  RC_PRE(all.has_value());
  bool found = false;
  for (const Candidate& other : *all) {
    RC_ASSERT(size_within(other.size, c.size));
    found = found || other.model_table == c.model_table;
  }
  RC_ASSERT(found);
}

// hw and ly spaces are larger: bound the enumeration by a shrunk economy (as the prober does),
// and require the bound to be kept, the economy itself
// to be listed, and the list to be all distinct economies.
RC_BOOST_PROP(the_hw_and_ly_enumerations_respect_their_bound_and_cover_it, (std::uint64_t seed)) {
  for (const std::string model : {"hw", "ly"}) {
    std::mt19937_64 rng(seed);
    const Generator& g = *builtin_papers().generator_for(model);
    Candidate c = g.random(rng, {});
    // Random shrink steps until the space below c is small enough to list (at the bottom of
    // the shrinker it is a single economy, so this ends).
    auto all = g.all_within(c.size, 2000, {});
    while (!all) {
      auto smaller = g.shrink(c, {});
      RC_ASSERT(!smaller.empty());
      c = smaller[rng() % smaller.size()];
      all = g.all_within(c.size, 2000, {});
    }
    bool found = false;
    std::set<std::string> tables;
    for (const Candidate& other : *all) {
      RC_ASSERT(size_within(other.size, c.size));
      found = found || other.model_table == c.model_table;
      tables.insert(other.model_table);
    }
    RC_ASSERT(found);
    RC_ASSERT(tables.size() == all->size());
  }
}

RC_BOOST_PROP(an_enumeration_over_its_limit_says_so, (std::uint64_t seed)) {
  for (const std::string model : {"hw", "ly"}) {
    std::mt19937_64 rng(seed);
    const Generator& g = *builtin_papers().generator_for(model);
    const Candidate c = g.random(rng, {});
    const auto all = g.all_within(c.size, 3, {});
    // Either the whole list fits in the limit, or nullopt: never a truncated list.
    if (all) RC_ASSERT(all->size() <= 3u);
  }
}

// Shrinking terminates at an economy with no smaller candidates: repeatedly taking the first
// candidate must strictly decrease the size, so it reaches the bottom in finitely many steps.
RC_BOOST_PROP(shrinking_reaches_a_bottom, (std::uint64_t seed)) {
  for (const std::string model : {"hw", "ly"}) {
    std::mt19937_64 rng(seed);
    const Generator& g = *builtin_papers().generator_for(model);
    Candidate c = g.random(rng, {});
    int steps = 0;
    for (auto smaller = g.shrink(c, {}); !smaller.empty(); smaller = g.shrink(c, {})) {
      RC_ASSERT(strictly_smaller(smaller.back().size, c.size));
      c = smaller.back();
      RC_ASSERT(++steps < 200);
    }
  }
}

RC_BOOST_PROP(settings_are_respected, (std::uint64_t seed)) {
  std::mt19937_64 rng(seed);
  const Candidate mat = builtin_papers().generator_for("mat")->random(rng, {{"epsilon", "0"}, {"price_grid", "1"}});
  RC_ASSERT(mat.model_table.find("epsilon = \"0\"") != std::string::npos);
  RC_ASSERT(mat.size[0] == 1);
  const Candidate llm = builtin_papers().generator_for("llm")->random(rng, {{"agents", "3"}, {"cdf", "uniform"}});
  RC_ASSERT(llm.size[0] == 3);
  RC_ASSERT(llm.size[1] == 0);
  const Settings hw_settings{{"types", "2"}, {"states", "1"}, {"epsilon", "0"}, {"offers", "two_sided"}};
  const Candidate hw = builtin_papers().generator_for("hw")->random(rng, hw_settings);
  RC_ASSERT(hw.model_table.find("epsilon = [\"0\", \"0\"]") != std::string::npos);
  RC_ASSERT(hw.model_table.find("offers = \"two_sided\"") != std::string::npos);
  RC_ASSERT(hw.size[0] == 2);
  RC_ASSERT(hw.size[1] == 1);
  RC_ASSERT(hw.size[5] == 0);
  for (const Candidate& smaller : builtin_papers().generator_for("hw")->shrink(hw, hw_settings)) {
    RC_ASSERT(smaller.size[0] == 2);  // fixed settings are never shrunk away
    RC_ASSERT(smaller.size[7] == 1);
  }
  const Candidate ly = builtin_papers().generator_for("ly")->random(rng, {{"signals", "3x3"}, {"mechanism", "random"}});
  RC_ASSERT(ly.size[0] == 3);
  RC_ASSERT(ly.size[1] == 3);
  RC_ASSERT(ly.size[5] == 1);
  RC_ASSERT(ly.model_table.find("t_buyer") != std::string::npos);
}

// Exact data in, exact data out: the hw economy's probabilities are the generator's
// numerators over its denominator, each row summing to 1 (checked by the loader above) and
// written as rationals, never as decimals.
RC_BOOST_PROP(generated_numbers_are_exact_rationals, (std::uint64_t seed)) {
  for (const std::string model : {"hw", "ly"}) {
    std::mt19937_64 rng(seed);
    const Candidate c = builtin_papers().generator_for(model)->random(rng, {});
    RC_ASSERT(!std::regex_search(c.model_table, std::regex("[0-9]\\.[0-9]")));
  }
}

BOOST_AUTO_TEST_CASE(unknown_settings_are_input_errors) {
  BOOST_CHECK_THROW(validate_settings(*builtin_papers().generator_for("mat"), {{"colour", "red"}}), InputError);
  std::mt19937_64 rng(1);
  BOOST_CHECK_THROW(builtin_papers().generator_for("mat")->random(rng, {{"epsilon", "1/2"}}), InputError);
  BOOST_CHECK_THROW(builtin_papers().generator_for("llm")->random(rng, {{"agents", "7"}}), InputError);
  BOOST_CHECK_THROW(builtin_papers().generator_for("hw")->random(rng, {{"types", "4"}}), InputError);
  BOOST_CHECK_THROW(builtin_papers().generator_for("hw")->random(rng, {{"types", "x"}}), InputError);
  BOOST_CHECK_THROW(builtin_papers().generator_for("hw")->random(rng, {{"epsilon", "1/3"}}), InputError);
  BOOST_CHECK_THROW(
      builtin_papers().generator_for("hw")->all_within({1, 1, 1, 2, 2, 0, 1, 0}, 10, {{"offers", "both"}}), InputError);
  BOOST_CHECK_THROW(builtin_papers().generator_for("ly")->random(rng, {{"signals", "4x4"}}), InputError);
  BOOST_CHECK_THROW(builtin_papers().generator_for("ly")->random(rng, {{"cost_scale", "0.5"}}), InputError);
  // The message names the setting, the value and every value the generator lists; shrink checks too.
  BOOST_CHECK_EXCEPTION(
      validate_settings(*builtin_papers().generator_for("hw"), {{"states", "3"}}), InputError, [](const InputError& e) {
        return std::string(e.what()).find("option --set states=3: the hw generator's states is 1 or 2") !=
               std::string::npos;
      });
  const Candidate c = builtin_papers().generator_for("mat")->random(rng, {});
  BOOST_CHECK_THROW(builtin_papers().generator_for("mat")->shrink(c, {{"price_grid", "3"}}), InputError);
  // Every value a generator lists is accepted.
  for (const char* model : {"llm", "hw", "mat", "ly", "vickrey", "finite"}) {
    const auto& g = *builtin_papers().generator_for(model);
    for (const auto& setting : g.settable())
      for (const auto& value : setting.values) BOOST_CHECK_NO_THROW(validate_settings(g, {{setting.name, value}}));
  }
}

// The smallest hw economy: one type, one state, everything at its least. Exactly one economy
// has that size, and it is the bottom of the shrinker.
BOOST_AUTO_TEST_CASE(the_smallest_hw_economy_is_enumerated_once) {
  const Generator& g = *builtin_papers().generator_for("hw");
  const auto all = g.all_within({1, 1, 1, 2, 2, 0, 1, 0}, 100, {});
  BOOST_REQUIRE(all.has_value());
  BOOST_REQUIRE_EQUAL(all->size(), 1u);
  BOOST_TEST(all->front().model_table.find("epsilon = [\"0\", \"0\"]") != std::string::npos);
  BOOST_TEST(g.shrink(all->front(), {}).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(probe_search)

BOOST_AUTO_TEST_CASE(myerson_satterthwaite_is_found_from_scratch_and_is_minimal) {
  const Claim& claim = *builtin_papers().find("llm.prop1");
  ProbeOptions options;
  options.dropped = {"common_worst_off"};
  options.seed = 7;
  options.budget_seconds = 30;
  options.scratch_directory = scratch();
  const ProbeResult r = probe_claim(builtin_papers(), claim, options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(r.minimal);
  // Two uniform agents with k = 1 and all the supply with one of them: size (2, 0, 0, 1).
  BOOST_TEST(r.counterexample.size == (std::vector<long long>{2, 0, 0, 1}));
  // The written case reproduces the refutation through the ordinary loader, and only with the
  // hypothesis dropped (its [[expect]] carries the drop).
  const std::string path = scratch() + "/found.toml";
  std::ofstream(path) << case_file_text(claim, *builtin_papers().generator_for(claim.info().model), options, r);
  const Case c = builtin_papers().load_case(path);
  BOOST_REQUIRE_EQUAL(c.expectations.size(), 1u);
  BOOST_TEST(c.expectations[0].dropped == std::vector<std::string>{"common_worst_off"});
  CheckContext with_drop;
  with_drop.dropped_hypotheses = {"common_worst_off"};
  BOOST_TEST(to_string(run_claim(claim, c, with_drop).verdict) == "refuted");
  BOOST_TEST(to_string(run_claim(claim, c, CheckContext{}).verdict) == "hypotheses_unmet");
}

// hw.necessity, first half (L121): dropping epsilon_positive, the prober finds from scratch that
// no-trade is an extra Nash equilibrium of the market game at eps = 0, shrinks it to eps = (0, 0)
// and confirms minimality by the exhaustive pass; with the hypothesis kept the same economy is
// not a counterexample.
BOOST_AUTO_TEST_CASE(hw_no_trade_at_zero_epsilon_is_found_from_scratch_and_is_minimal) {
  const Claim& claim = *builtin_papers().find("hw.lemma2");
  ProbeOptions options;
  options.dropped = {"epsilon_positive"};
  options.seed = 1;
  options.budget_seconds = 30;
  options.scratch_directory = scratch();
  const ProbeResult r = probe_claim(builtin_papers(), claim, options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(r.minimal);
  BOOST_TEST(r.counterexample.size[5] == 0);  // epsilon level 0: eps = (0, 0)
  BOOST_TEST(r.counterexample.size[1] == 1);  // one state suffices
  BOOST_TEST(r.outcome.summary.find("no-trade") != std::string::npos);
  const std::string path = scratch() + "/hw-found.toml";
  std::ofstream(path) << case_file_text(claim, *builtin_papers().generator_for(claim.info().model), options, r);
  const Case c = builtin_papers().load_case(path);
  CheckContext with_drop;
  with_drop.dropped_hypotheses = {"epsilon_positive"};
  BOOST_TEST(to_string(run_claim(claim, c, with_drop).verdict) == "refuted");
  BOOST_TEST(to_string(run_claim(claim, c, CheckContext{}).verdict) == "hypotheses_unmet");
}

// With epsilon_positive kept, hw.lemma2 survives the random search (eps = 0 draws are
// hypotheses_unmet, the rest hold).
BOOST_AUTO_TEST_CASE(hw_lemma2_with_its_hypotheses_survives) {
  ProbeOptions options;
  options.seed = 2;
  options.budget_seconds = 1.5;
  options.scratch_directory = scratch();
  const ProbeResult r = probe_claim(builtin_papers(), *builtin_papers().find("hw.lemma2"), options);
  BOOST_TEST(!r.found);
  BOOST_TEST(r.verdicts.count("holds") == 1u);
  BOOST_TEST(r.verdicts.count("refuted") == 0u);
}

BOOST_AUTO_TEST_CASE(the_report_json_is_complete_and_parses) {
  const Claim& claim = *builtin_papers().find("hw.lemma2");
  std::vector<HypothesisFinding> findings;
  for (const std::string h : {"epsilon_positive", "gross_substitutes"}) {
    HypothesisFinding f;
    f.hypothesis = h;
    f.options.dropped = {h};
    f.options.seed = 1;
    f.options.budget_seconds = 0.5;
    f.options.scratch_directory = scratch();
    f.result = probe_claim(builtin_papers(), claim, f.options);
    if (f.result.found) f.case_path = "cases/hw/a \"quoted\" name.toml";
    findings.push_back(f);
  }
  const auto json = nlohmann::json::parse(report_json(claim, *builtin_papers().generator_for(claim.info().model),
                                                      findings, RunDescription{"probe", {"mechcheck", "probe"}, 20}))
                        .at("results");
  BOOST_REQUIRE_EQUAL(json.size(), 2u);
  BOOST_TEST(json[0]["hypothesis"] == "epsilon_positive");
  BOOST_TEST(json[0]["necessary"] == true);
  BOOST_TEST(json[0]["counterexample"]["case"] == "cases/hw/a \"quoted\" name.toml");
  BOOST_TEST(json[0]["counterexample"]["size"]["epsilon_level"] == 0);
  BOOST_TEST(json[0]["search"]["minimal"] == true);
  BOOST_TEST(json[0]["search"]["random_economies"].get<long long>() >= 1);
  // Cobb-Douglas always has gross substitutes: that hypothesis survives, with its search size.
  BOOST_TEST(json[1]["necessary"] == false);
  BOOST_TEST(json[1]["counterexample"].is_null());
  BOOST_TEST(json[1]["search"]["random_economies"].get<long long>() > 0);
  for (const auto& row : json)
    for (const char* key :
         {"claim", "hypothesis", "necessary", "seed", "settings", "seconds", "search", "counterexample"})
      BOOST_TEST(row.contains(key), key);
  const std::string table = report_table(claim, *builtin_papers().generator_for(claim.info().model), findings);
  BOOST_TEST(table.find("epsilon_positive") != std::string::npos);
  BOOST_TEST(table.find("necessary") != std::string::npos);
  BOOST_TEST(table.find("survived") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_claim_whose_hypotheses_are_kept_yields_no_counterexample) {
  ProbeOptions options;
  options.seed = 3;
  options.budget_seconds = 1.5;
  options.scratch_directory = scratch();
  const ProbeResult r = probe_claim(builtin_papers(), *builtin_papers().find("llm.prop1"), options);
  BOOST_TEST(!r.found);
  BOOST_TEST(r.generated > 0);
}

// A seeded generator bug: its "shrinks" are not smaller. The search must not accept them.
class GrowingGenerator : public Generator {
 public:
  explicit GrowingGenerator(const Generator& real) : real_(real) {}
  std::string model() const override { return real_.model(); }
  std::vector<Setting> settable() const override { return real_.settable(); }
  std::vector<std::string> size_names() const override { return real_.size_names(); }
  Candidate random_economy(std::mt19937_64& rng, const Settings& s) const override { return real_.random(rng, s); }
  std::vector<Candidate> smaller_economies(const Candidate& c, const Settings&) const override {
    Candidate bigger = c;
    for (auto& x : bigger.size) x += 1;
    return {bigger};
  }
  std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>&, std::size_t,
                                                         const Settings&) const override {
    return std::nullopt;
  }

 private:
  const Generator& real_;
};

BOOST_AUTO_TEST_CASE(non_shrinking_candidates_are_refused_and_minimality_is_not_claimed_without_the_pass) {
  GrowingGenerator buggy(*builtin_papers().generator_for("llm"));
  ProbeOptions options;
  options.dropped = {"common_worst_off"};
  options.seed = 5;
  options.budget_seconds = 30;
  options.scratch_directory = scratch();
  const ProbeResult r =
      probe::probe(*builtin_papers().find("llm.prop1"), buggy, builtin_papers().models().at("llm"), options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(r.shrink_checks == 0);  // every "smaller" candidate was refused before it was checked
  BOOST_TEST(r.shrink_steps == 0);
  BOOST_TEST(!r.minimal);  // the exhaustive pass could not run: never called minimal
  BOOST_TEST(r.exhaustive_note.find("not called minimal") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(minimizing_past_its_time_is_never_called_minimal) {
  GrowingGenerator generator(*builtin_papers().generator_for("llm"));  // always offers a shrink candidate
  ProbeOptions options;
  options.dropped = {"common_worst_off"};
  options.seed = 5;
  options.budget_seconds = 30;
  options.minimize_seconds = 1e-9;
  options.scratch_directory = scratch();
  const ProbeResult r =
      probe::probe(*builtin_papers().find("llm.prop1"), generator, builtin_papers().models().at("llm"), options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(!r.minimal);
  BOOST_TEST(r.exhaustive_note.find("ran out") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
