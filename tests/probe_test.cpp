// The counterexample prober: property tests (RapidCheck) of the instance generators and the
// shrinker -- every generated or shrunk economy is a valid case file, shrinking strictly
// decreases the size, the exhaustive enumeration covers the economy it bounds, generation is
// reproducible from the seed -- and the search end to end, with a seeded generator bug.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/registry.hpp"
#include "mechcheck/probe/probe.hpp"

#include <rapidcheck/boost_test.h>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::probe;

namespace {

std::string scratch() {
  auto dir = std::filesystem::temp_directory_path() / ("mechcheck-probe-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Loads the candidate through the ordinary case loader (throws InputError when invalid).
Case load(const std::string& model, const Candidate& c) {
  const std::string path = scratch() + "/candidate.toml";
  std::ofstream(path) << "[case]\nname = \"t\"\nmodel = \"" << model << "\"\n\n" << c.model_table;
  return load_case(path);
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

const std::vector<std::string> kModels{"llm", "mat"};

}  // namespace

BOOST_AUTO_TEST_SUITE(probe_generators)

RC_BOOST_PROP(generated_economies_are_valid_case_files, (std::uint64_t seed)) {
  for (const auto& model : kModels) {
    std::mt19937_64 rng(seed);
    const Candidate c = generator_for(model)->random(rng, {});
    RC_ASSERT(loads(model, c));
    RC_ASSERT(c.size.size() == generator_for(model)->size_names().size());
  }
}

RC_BOOST_PROP(generation_is_reproducible_from_the_seed, (std::uint64_t seed)) {
  for (const auto& model : kModels) {
    std::mt19937_64 a(seed), b(seed);
    RC_ASSERT(generator_for(model)->random(a, {}).model_table == generator_for(model)->random(b, {}).model_table);
  }
}

RC_BOOST_PROP(shrink_candidates_are_valid_and_strictly_smaller, (std::uint64_t seed)) {
  for (const auto& model : kModels) {
    std::mt19937_64 rng(seed);
    const Generator& g = *generator_for(model);
    const Candidate c = g.random(rng, {});
    for (const Candidate& smaller : g.shrink(c, {})) {
      RC_ASSERT(strictly_smaller(smaller.size, c.size));
      RC_ASSERT(loads(model, smaller));
    }
  }
}

RC_BOOST_PROP(the_exhaustive_enumeration_covers_the_economy_it_is_bounded_by, (std::uint64_t seed)) {
  std::mt19937_64 rng(seed);
  const Generator& g = *generator_for("llm");
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

RC_BOOST_PROP(settings_are_respected, (std::uint64_t seed)) {
  std::mt19937_64 rng(seed);
  const Candidate mat = generator_for("mat")->random(rng, {{"epsilon", "0"}, {"price_grid", "1"}});
  RC_ASSERT(mat.model_table.find("epsilon = \"0\"") != std::string::npos);
  RC_ASSERT(mat.size[0] == 1);
  const Candidate llm = generator_for("llm")->random(rng, {{"agents", "3"}, {"cdf", "uniform"}});
  RC_ASSERT(llm.size[0] == 3);
  RC_ASSERT(llm.size[1] == 0);
}

BOOST_AUTO_TEST_CASE(unknown_settings_are_input_errors) {
  BOOST_CHECK_THROW(validate_settings(*generator_for("mat"), {{"colour", "red"}}), InputError);
  std::mt19937_64 rng(1);
  BOOST_CHECK_THROW(generator_for("mat")->random(rng, {{"epsilon", "1/2"}}), InputError);
  BOOST_CHECK_THROW(generator_for("llm")->random(rng, {{"agents", "7"}}), InputError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(probe_search)

BOOST_AUTO_TEST_CASE(myerson_satterthwaite_is_found_from_scratch_and_is_minimal) {
  const Claim& claim = *claim_registry().find("llm.prop1");
  ProbeOptions options;
  options.dropped = {"common_worst_off"};
  options.seed = 7;
  options.budget_seconds = 30;
  options.scratch_directory = scratch();
  const ProbeResult r = probe::probe(claim, options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(r.minimal);
  // Two uniform agents with k = 1 and all the supply with one of them: size (2, 0, 0, 1).
  BOOST_TEST(r.counterexample.size == (std::vector<long long>{2, 0, 0, 1}));
  // The written case reproduces the refutation through the ordinary loader, and only with the
  // hypothesis dropped (its [[expect]] carries the drop).
  const std::string path = scratch() + "/found.toml";
  std::ofstream(path) << case_file_text(claim, options, r);
  const Case c = load_case(path);
  BOOST_REQUIRE_EQUAL(c.expectations.size(), 1u);
  BOOST_TEST(c.expectations[0].dropped == std::vector<std::string>{"common_worst_off"});
  CheckContext with_drop;
  with_drop.dropped_hypotheses = {"common_worst_off"};
  BOOST_TEST(to_string(run_claim(claim, c, with_drop).verdict) == "refuted");
  BOOST_TEST(to_string(run_claim(claim, c, CheckContext{}).verdict) == "hypotheses_unmet");
}

BOOST_AUTO_TEST_CASE(a_claim_whose_hypotheses_are_kept_yields_no_counterexample) {
  ProbeOptions options;
  options.seed = 3;
  options.budget_seconds = 1.5;
  options.scratch_directory = scratch();
  const ProbeResult r = probe::probe(*claim_registry().find("llm.prop1"), options);
  BOOST_TEST(!r.found);
  BOOST_TEST(r.generated > 0);
}

// A seeded generator bug: its "shrinks" are not smaller. The search must not accept them.
class GrowingGenerator : public Generator {
 public:
  explicit GrowingGenerator(const Generator& real) : real_(real) {}
  std::string model() const override { return real_.model(); }
  std::vector<std::pair<std::string, std::string>> settable() const override { return real_.settable(); }
  std::vector<std::string> size_names() const override { return real_.size_names(); }
  Candidate random(std::mt19937_64& rng, const Settings& s) const override { return real_.random(rng, s); }
  std::vector<Candidate> shrink(const Candidate& c, const Settings&) const override {
    Candidate bigger = c;
    for (auto& x : bigger.size) x += 1;
    return {bigger};
  }
  std::optional<std::vector<Candidate>> all_within(const std::vector<long long>&, std::size_t,
                                                    const Settings&) const override {
    return std::nullopt;
  }

 private:
  const Generator& real_;
};

BOOST_AUTO_TEST_CASE(non_shrinking_candidates_are_refused_and_minimality_is_not_claimed_without_the_pass) {
  GrowingGenerator buggy(*generator_for("llm"));
  ProbeOptions options;
  options.dropped = {"common_worst_off"};
  options.seed = 5;
  options.budget_seconds = 30;
  options.scratch_directory = scratch();
  const ProbeResult r = probe::probe(*claim_registry().find("llm.prop1"), buggy, options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(r.shrink_checks == 0);  // every "smaller" candidate was refused before it was checked
  BOOST_TEST(r.shrink_steps == 0);
  BOOST_TEST(!r.minimal);            // the exhaustive pass could not run: never called minimal
  BOOST_TEST(r.exhaustive_note.find("not called minimal") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(minimizing_past_its_time_is_never_called_minimal) {
  GrowingGenerator generator(*generator_for("llm"));  // always offers a shrink candidate
  ProbeOptions options;
  options.dropped = {"common_worst_off"};
  options.seed = 5;
  options.budget_seconds = 30;
  options.minimize_seconds = 1e-9;
  options.scratch_directory = scratch();
  const ProbeResult r = probe::probe(*claim_registry().find("llm.prop1"), generator, options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(!r.minimal);
  BOOST_TEST(r.exhaustive_note.find("ran out") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
