// The finite model's instance generator (`mechcheck probe`): every economy it writes loads, its
// shrinking steps are strictly smaller, and a probe of finite.monotonicity without bic finds the
// smallest counterexample from scratch (one agent, two types, the good given to the low type only).
#include "finite/finite_testing.hpp"
#include "mechcheck/papers/paper.hpp"

#include <fstream>

using namespace mechcheck;
using namespace mechcheck::probe;

BOOST_AUTO_TEST_SUITE(finite_generator)

BOOST_AUTO_TEST_CASE(generated_economies_load_and_shrink_strictly) {
  const Generator& g = *builtin_papers().generator_for("finite");
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-generator");
  std::mt19937_64 rng(3);
  for (int k = 0; k < 30; ++k) {
    const Candidate c = g.random(rng, {});
    const std::string path = s.write("c.toml", "[case]\nname = \"generated\"\nmodel = \"finite\"\n\n" + c.model_table);
    BOOST_CHECK_NO_THROW(builtin_papers().load_case(path));
    for (const Candidate& smaller : g.shrink(c, {}))
      BOOST_CHECK_MESSAGE(strictly_smaller(smaller.size, c.size),
                          smaller.summary << " is not smaller than " << c.summary);
  }
  // The exhaustive pass over the smallest sizes: one agent, two types, no payments (4 tables).
  const auto all = g.all_within({1, 2, 0, 2, 0}, 100, {});
  BOOST_REQUIRE(all.has_value());
  BOOST_TEST(all->size() == 4u);
}

BOOST_AUTO_TEST_CASE(monotonicity_without_bic_is_found_and_is_minimal) {
  const Claim& claim = mechcheck::testing::builtin_claim("finite.monotonicity");
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-probe");
  ProbeOptions options;
  options.dropped = {"bic"};
  options.seed = 1;
  options.budget_seconds = 30;
  options.scratch_directory = s.dir.string();
  const ProbeResult r = probe_claim(builtin_papers(), claim, options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(r.minimal);
  BOOST_TEST(r.counterexample.size == (std::vector<long long>{1, 2, 0, 1, 0}));
  const std::string path = s.path("found.toml");
  std::ofstream(path) << case_file_text(claim, *builtin_papers().generator_for("finite"), options, r);
  const Case c = builtin_papers().load_case(path);
  BOOST_TEST(to_string(mechcheck::testing::run_on_case(claim, c, {"bic"}).verdict) == "refuted");
  BOOST_TEST(to_string(mechcheck::testing::run_on_case(claim, c).verdict) == "hypotheses_unmet");
}

BOOST_AUTO_TEST_CASE(trade_family_economies_load_and_shrink_strictly) {
  const Generator& g = *builtin_papers().generator_for("finite");
  const Settings trade{{"family", "bilateral_trade"}};
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-generator-trade");
  std::mt19937_64 rng(5);
  for (int k = 0; k < 30; ++k) {
    const Candidate c = g.random(rng, trade);
    const std::string path = s.write("c.toml", "[case]\nname = \"generated\"\nmodel = \"finite\"\n\n" + c.model_table);
    const Case loaded = builtin_papers().load_case(path);
    BOOST_CHECK_NO_THROW(mechcheck::testing::builtin_claim("finite.myerson_satterthwaite").validate(loaded));
    for (const Candidate& smaller : g.shrink(c, trade))
      BOOST_CHECK_MESSAGE(strictly_smaller(smaller.size, c.size),
                          smaller.summary << " is not smaller than " << c.summary);
  }
  // One type each in {0}: the single economy of size (2, 1, 0, 1, 0).
  const auto all = g.all_within({2, 1, 0, 1, 0}, 100, trade);
  BOOST_REQUIRE(all.has_value());
  BOOST_TEST(all->size() == 1u);
}

// The finite Myerson-Satterthwaite theorem fails on small grids: the probe finds the smallest
// (buyer {1}, seller {0, 2}: the ranges overlap, and trading only at (1, 0) at a price in [0, 1]
// has every property) and shows it minimal.
BOOST_AUTO_TEST_CASE(myerson_satterthwaite_fails_first_on_a_three_profile_grid) {
  const Claim& claim = mechcheck::testing::builtin_claim("finite.myerson_satterthwaite");
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-probe-trade");
  ProbeOptions options;
  options.settings = {{"family", "bilateral_trade"}};
  options.seed = 1;
  options.budget_seconds = 30;
  options.scratch_directory = s.dir.string();
  const ProbeResult r = probe_claim(builtin_papers(), claim, options);
  BOOST_REQUIRE(r.found);
  BOOST_TEST(r.minimal);
  BOOST_TEST(r.counterexample.size == (std::vector<long long>{2, 2, 2, 2, 3}));
  BOOST_TEST(r.counterexample.summary.find("buyer's values {1}, seller's costs {0, 2}") != std::string::npos);
}

// Without the bilateral-trade family every generated economy is one the claim cannot read; the
// result keeps the first error, which says so and names the setting.
BOOST_AUTO_TEST_CASE(a_search_the_claim_cannot_read_keeps_its_first_error) {
  const Claim& claim = mechcheck::testing::builtin_claim("finite.myerson_satterthwaite");
  mechcheck::testing::ScratchDirectory s("mechcheck-finite-probe-table");
  ProbeOptions options;
  options.seed = 1;
  options.budget_seconds = 0.5;
  options.scratch_directory = s.dir.string();
  const ProbeResult r = probe_claim(builtin_papers(), claim, options);
  BOOST_TEST(!r.found);
  BOOST_TEST(r.first_error.find("needs bilateral trade") != std::string::npos, r.first_error);
  BOOST_TEST(r.first_error.find("--set family=bilateral_trade") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
