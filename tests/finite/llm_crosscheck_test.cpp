// Cross-checks of the finite model with the llm model (Liu, Loertscher & Marx 2020) on discretized
// instances, each side computed by its own code from its own input: the finite side from a case of
// cases/finite/ (its tables, finite::budget_surplus), the llm side from an llm economy (eq. (2) by
// llm::budget_surplus_at on llm's own vertex grid, worst-off types by Lemma 1, r* by Proposition 2).
//
// (a) cases/finite/llm-vcg-grid.toml: with a common worst-off type, the finite vcg rule (the Clarke
//     pivot, types measured from hat) has budget surplus eq. (2) at every one of the 125 profiles.
// (b) cases/finite/llm-no-common-worst-off.toml: the finite verdicts match llm.necessity on
//     cases/llm/myerson-satterthwaite.toml (the same least surplus -1 at the same theta (0, 1), eq. (2)
//     at all 36 profiles; the design LP refutes the operating spot market), and the Clarke pivot is
//     shown to be a different mechanism there.
// (c) a seeded bug: one payment of the finite VCG table perturbed is caught at exactly that profile.
#include "finite/finite_testing.hpp"
#include "llm/model/economy.hpp"
#include "llm/model/spot_market.hpp"
#include "mechcheck/number/algebraic.hpp"

#include <fstream>
#include <sstream>

using namespace mechcheck;
using namespace mechcheck::finite::testing;

namespace {

using mechcheck::testing::model_of;
using mechcheck::testing::run_on_file;
using mechcheck::testing::ScratchDirectory;

// The llm economy of the grid case: n = 3, uniform on [0, 1], k = (1, 1/2, 1/2), r = r* (Proposition
// 2), llm.eq2's type grid {0, 1/4, ..., 1}.
const std::string grid_llm_case =
    "[case]\n"
    "name = \"llm-three-traders\"\n"
    "model = \"llm\"\n"
    "\n"
    "[llm]\n"
    "support = [\"0\", \"1\"]\n"
    "holdings = \"r_star\"\n"
    "type_grid = 4\n"
    "\n"
    "[[llm.agent]]\n"
    "k = \"1\"\n"
    "cdf = \"uniform\"\n"
    "\n"
    "[[llm.agent]]\n"
    "k = \"1/2\"\n"
    "cdf = \"uniform\"\n"
    "count = 2\n";

const std::string necessity_llm_case = std::string(MECHCHECK_SOURCE_DIR) + "/cases/llm/myerson-satterthwaite.toml";

Rational q(long p, long d = 1) { return Rational(p) / Rational(d); }

// The llm side: the economy, its holdings, worst-off types, and llm's vertex grid extended by the
// theta values of the finite grid (as llm.eq2 extends it by its type grid).
struct LlmSide {
  llm::Economy economy;
  std::vector<Algebraic> r, hat;
  llm::VertexGrid grid;
};

LlmSide llm_side(const llm::Economy& e, const std::vector<Rational>& thetas) {
  LlmSide s{e, llm::holdings(e), {}, {}};
  s.hat = llm::worst_off_types(e, s.r);
  s.grid = llm::vertex_grid(e, s.r, thetas);
  return s;
}

// The theta of each finite type: the finite type plus `shift` (the common worst-off type in the grid
// case, 0 in the necessity case).
std::vector<Rational> thetas_of(const finite::Economy& f, const Rational& shift) {
  std::vector<Rational> out;
  for (const auto& a : f.agents)
    for (const auto& t : a.types) out.push_back(t + shift);
  return out;
}

// Eq. (2) at the llm profile theta, by llm's own function on its grid.
Algebraic eq2_at(const LlmSide& s, const std::vector<Rational>& theta) {
  std::vector<std::size_t> point;
  for (const auto& t : theta) {
    std::size_t index = s.grid.constants.size();
    for (std::size_t c = 0; c < s.grid.constants.size(); ++c)
      if (s.grid.constants[c] == Algebraic(t)) index = c;
    BOOST_REQUIRE_MESSAGE(index < s.grid.constants.size(), "theta " << to_string(t) << " is not on llm's grid");
    point.push_back(index);
  }
  return llm::budget_surplus_at(s.grid, point);
}

std::vector<Rational> theta_at(const finite::Economy& f, std::size_t profile, const Rational& shift) {
  std::vector<Rational> theta;
  const auto k = finite::profile_types(f, profile);
  for (std::size_t i = 0; i < f.agent_count(); ++i) theta.push_back(f.agents[i].types[k[i]] + shift);
  return theta;
}

// The profiles (in the finite order) where the finite budget surplus differs from eq. (2); every
// profile is compared, and `compared` counts them.
std::vector<std::size_t> mismatches(const finite::Economy& f, const Rational& shift, const LlmSide& s,
                                    std::size_t& compared) {
  std::vector<std::size_t> out;
  compared = 0;
  for (std::size_t r = 0; r < f.profile_count(); ++r) {
    ++compared;
    if (Algebraic(finite::budget_surplus(f, r)) != eq2_at(s, theta_at(f, r, shift))) out.push_back(r);
  }
  return out;
}

// The finite quantities are the net trades Q_i(o) - r_i of full allocations Q of the unit within the
// maximum demands k_i, with llm's r and k.
void require_net_trades(const finite::Economy& f, const LlmSide& s) {
  const auto k = s.economy.max_demands();
  BOOST_REQUIRE_EQUAL(f.agent_count(), s.economy.size());
  for (std::size_t o = 0; o < f.outcomes.size(); ++o) {
    Algebraic total = 0;
    for (std::size_t i = 0; i < f.agent_count(); ++i) {
      BOOST_REQUIRE(f.agents[i].quantities.has_value());
      const Algebraic allocation = Algebraic((*f.agents[i].quantities)[o]) + s.r[i];
      BOOST_TEST((allocation >= Algebraic(0) && allocation <= Algebraic(k[i])), f.outcomes[o] << ", agent " << i + 1);
      total += allocation;
    }
    BOOST_TEST((total == Algebraic(1)), f.outcomes[o] << " allocates " << total);
  }
}

std::string text_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(finite_llm_crosscheck)

BOOST_AUTO_TEST_CASE(the_grid_case_vcg_surplus_is_eq2_at_every_profile) {
  ScratchDirectory scratch("mechcheck-finite-llm");
  const std::string llm_path = scratch.write("llm-three-traders.toml", grid_llm_case);
  const llm::Economy e = model_of<llm::Economy>(llm_path);
  const Case c = committed("llm-vcg-grid.toml");
  const finite::Economy& f = economy_of(c);
  BOOST_REQUIRE_EQUAL(f.rule, "vcg");

  // The llm model's own r* and worst-off types: common, 1/2, the shift of the finite types.
  const Rational hat = q(1, 2);
  const LlmSide s = llm_side(e, thetas_of(f, hat));
  BOOST_REQUIRE_EQUAL(s.r.size(), 3u);
  BOOST_TEST((s.r[0] == Algebraic(q(1, 2)) && s.r[1] == Algebraic(q(1, 4)) && s.r[2] == Algebraic(q(1, 4))));
  for (const auto& h : s.hat) BOOST_REQUIRE(h == Algebraic(hat));
  require_net_trades(f, s);
  // The finite types are llm.eq2's type grid lo + j (hi - lo) / type_grid, less hat.
  for (const auto& a : f.agents) {
    BOOST_REQUIRE_EQUAL(a.types.size(), e.type_grid + 1);
    for (unsigned j = 0; j <= e.type_grid; ++j)
      BOOST_TEST((Rational(a.types[j] + hat) == Rational(e.lo + (e.hi - e.lo) * Rational(j) / Rational(e.type_grid))));
  }

  std::size_t compared = 0;
  const auto bad = mismatches(f, hat, s, compared);
  BOOST_TEST(compared == 125u);
  for (auto r : bad)
    BOOST_ERROR("at theta = " << finite::profile_text(f, r) << " + 1/2 the finite surplus is "
                              << to_string(finite::budget_surplus(f, r)) << ", eq. (2) gives "
                              << eq2_at(s, theta_at(f, r, hat)));
  // Two profiles by hand: at theta = (0, 0, 0), W(1/2, 0, 0) + W(0, 1/2, 0) + W(0, 0, 1/2) - 2 W(0) - 1/2
  // = 1/2 + 1/4 + 1/4 - 0 - 1/2 = 1/2; at theta = (1/2, 1/2, 1/2), 3/2 - 1 - 1/2 = 0.
  const std::size_t zero = profile_of(f, {q(-1, 2), q(-1, 2), q(-1, 2)}), middle = profile_of(f, {0, 0, 0});
  BOOST_TEST(finite::budget_surplus(f, zero) == q(1, 2));
  BOOST_TEST((eq2_at(s, {0, 0, 0}) == Algebraic(q(1, 2))));
  BOOST_TEST(finite::budget_surplus(f, middle) == 0);
  BOOST_TEST((eq2_at(s, {hat, hat, hat}) == Algebraic(0)));

  // Proposition 1 ex post, both sides: the least surplus is 0 (finite.expost_bb on the grid, llm.prop1
  // over the whole cube by its vertex reduction).
  const Outcome fin = run_on_case("finite.expost_bb", c);
  BOOST_CHECK(fin.verdict == Verdict::holds);
  BOOST_TEST(value_of(fin, "min_budget_surplus") == "0");
  BOOST_TEST(value_of(fin, "max_budget_surplus") == "1/2");
  const Outcome prop1 = run_on_file("llm.prop1", llm_path);
  BOOST_CHECK(prop1.verdict == Verdict::holds);
  BOOST_TEST(value_of(prop1, "min_surplus") == "0");
}

BOOST_AUTO_TEST_CASE(the_necessity_case_matches_llm_necessity) {
  const llm::Economy e = model_of<llm::Economy>(necessity_llm_case);
  const Case c = committed("llm-no-common-worst-off.toml");
  const finite::Economy& f = economy_of(c);
  const LlmSide s = llm_side(e, thetas_of(f, 0));
  // No common worst-off type: hat = (1, 0) with r = (1, 0).
  BOOST_REQUIRE_EQUAL(s.hat.size(), 2u);
  BOOST_TEST((s.hat[0] == Algebraic(1) && s.hat[1] == Algebraic(0)));
  require_net_trades(f, s);

  // llm.necessity: holds, Pi = -1 at theta = (0, 1), Pi_r = -1/6.
  const Outcome necessity = run_on_file("llm.necessity", necessity_llm_case);
  BOOST_REQUIRE(necessity.verdict == Verdict::holds);
  const std::vector<Rational> witness{*parse_rational(value_of(necessity, "theta_1")),
                                      *parse_rational(value_of(necessity, "theta_2"))};
  const Rational llm_min = *parse_rational(value_of(necessity, "Pi"));
  BOOST_TEST(llm_min == -1);
  BOOST_TEST(value_of(necessity, "expected_surplus") == "-1/6");

  // The finite table: eq. (2) at all 36 profiles, and its least surplus, attained only at llm's witness.
  std::size_t compared = 0;
  BOOST_TEST(mismatches(f, 0, s, compared).empty());
  BOOST_TEST(compared == 36u);
  Rational least = finite::budget_surplus(f, 0);
  std::vector<std::size_t> argmin;
  for (std::size_t r = 0; r < f.profile_count(); ++r) {
    const Rational b = finite::budget_surplus(f, r);
    if (b < least) {
      least = b;
      argmin.clear();
    }
    if (b == least) argmin.push_back(r);
  }
  BOOST_TEST(least == llm_min);
  BOOST_REQUIRE_EQUAL(argmin.size(), 1u);
  BOOST_TEST(argmin[0] == profile_of(f, witness));

  // The finite claims: VCG is DSIC, efficient and IR, and runs a deficit (least -1); on the grid no
  // BIC, interim IR, efficient mechanism has E[B] >= 0 (Farkas), the spot market's Lemma 2 reading.
  BOOST_CHECK(run_on_case("finite.dsic", c).verdict == Verdict::holds);
  BOOST_CHECK(run_on_case("finite.efficiency", c).verdict == Verdict::holds);
  BOOST_CHECK(run_on_case("finite.expost_ir", c).verdict == Verdict::holds);
  const Outcome bb = run_on_case("finite.expost_bb", c);
  BOOST_CHECK(bb.verdict == Verdict::refuted);
  BOOST_TEST(value_of(bb, "min_budget_surplus") == to_string(llm_min));
  const Outcome exante = run_on_case("finite.exante_bb", c);
  BOOST_CHECK(exante.verdict == Verdict::refuted);
  BOOST_TEST(value_of(exante, "expected_budget_surplus") == "-7/36");  // the grid's; the continuum's is -1/6
  const Outcome design = run_on_case("finite.design", c);
  BOOST_CHECK(design.verdict == Verdict::refuted);
  BOOST_CHECK(design.recheck.status == RecheckNote::Status::passed);
}

BOOST_AUTO_TEST_CASE(without_a_common_worst_off_type_the_clarke_pivot_is_another_mechanism) {
  // The reading the necessity case documents: the finite vcg rule on the same economy pays the owner
  // nothing for the unit it sells, so it never runs a deficit and is not eq. (2).
  const llm::Economy e = model_of<llm::Economy>(necessity_llm_case);
  const std::string text = text_of(std::string(MECHCHECK_SOURCE_DIR) + "/cases/finite/llm-no-common-worst-off.toml");
  const std::size_t mechanism = text.find("[finite.mechanism]");
  BOOST_REQUIRE(mechanism != std::string::npos);
  std::string clarke = text.substr(0, mechanism) + "[finite.mechanism]\nrule = \"vcg\"\n";
  clarke = clarke.substr(clarke.find("[finite]"));
  ScratchDirectory scratch("mechcheck-finite-llm");
  const Case c = builtin_papers().load_case(
      scratch.write("clarke.toml", "[case]\nname = \"clarke\"\nmodel = \"finite\"\n\n" + clarke));
  const finite::Economy& f = economy_of(c);
  const LlmSide s = llm_side(e, thetas_of(f, 0));
  std::size_t compared = 0;
  const auto bad = mismatches(f, 0, s, compared);
  BOOST_TEST(compared == 36u);
  // Clarke: trade (theta_2 > theta_1) yields theta_1 (trader 2 pays theta_1, trader 1 gets nothing), no
  // trade yields theta_2 (trader 1 "denies" trader 2 the unit); eq. (2) is -(theta_2 - theta_1)^+. They
  // agree only where theta_2 = 0: 30 of the 36 profiles differ.
  BOOST_TEST(bad.size() == 30u);
  const std::size_t witness = profile_of(f, {0, 1});
  BOOST_TEST(finite::budget_surplus(f, witness) == 0);
  BOOST_TEST((eq2_at(s, {0, 1}) == Algebraic(-1)));
  BOOST_CHECK(run_on_case("finite.expost_bb", c).verdict == Verdict::holds);
}

BOOST_AUTO_TEST_CASE(seeded_bug_one_perturbed_payment_is_caught_at_its_profile) {
  ScratchDirectory scratch("mechcheck-finite-llm");
  const llm::Economy e = model_of<llm::Economy>(scratch.write("llm-three-traders.toml", grid_llm_case));
  finite::Economy f = economy_of(committed("llm-vcg-grid.toml"));
  const LlmSide s = llm_side(e, thetas_of(f, q(1, 2)));
  std::size_t compared = 0;
  BOOST_REQUIRE(mismatches(f, q(1, 2), s, compared).empty());
  // theta = (3/4, 1/4, 1/2): trader 2's payment moved by 1/1000.
  const std::size_t profile = profile_of(f, {q(1, 4), q(-1, 4), 0});
  f.payments[profile][1] += q(1, 1000);
  const auto bad = mismatches(f, q(1, 2), s, compared);
  BOOST_TEST(compared == 125u);
  BOOST_REQUIRE_EQUAL(bad.size(), 1u);
  BOOST_TEST(bad[0] == profile);
  BOOST_TEST((Algebraic(finite::budget_surplus(f, profile)) - eq2_at(s, {q(3, 4), q(1, 4), q(1, 2)}) ==
              Algebraic(q(1, 1000))));
}

BOOST_AUTO_TEST_SUITE_END()
