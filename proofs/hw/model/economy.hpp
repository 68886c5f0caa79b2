#pragma once
// The hw model (Hu & Wallace 2012, Section 2): an endowment economy with two goods q and r,
// per-capita endowments (qbar, rbar), Dubey-Shubik exogenous offers epsilon = (eps_q, eps_r),
// and - for the stage-2 claims - the market as one active agent sees it: the other active
// agents' offers (or directly their totals Q_-, R_-) and a list of offers of that agent to test.
//
// The case-file table (every number an exact rational: an integer or a string "p/q"/"0.1"):
//
//   [hw]
//   qbar = "2"                     # endowment of good q, > 0
//   rbar = "3"                     # endowment of good r, > 0
//   epsilon = ["1/2", "1/4"]       # (eps_q, eps_r) >= 0 (the paper has > 0; claims that need
//                                  #  it check it as a hypothesis, so eps = 0 cases can be written)
//   [hw.stage2]                    # optional: stage 2 as one active agent sees it
//   active = 3                     # M >= 1 active agents, the tested one included
//   others = [["1/2", "0"], ["0", "3/4"]]   # the M - 1 others' offers, each in O
//   # or instead of active/others (or besides them, then they must agree):
//   # Q_minus = "2"  R_minus = "3/2"        # (Q_-, R_-) >= 0 given directly (proof of Lemma 1, L228)
//   [[hw.stage2.offer]]            # at least one: an offer b = (b_q, b_r) of the tested agent
//   b = ["1/2", "2"]               # in [0, qbar] x [0, rbar]; two-sided (b_q b_r > 0) unless
//   one_sided = true               #  marked one_sided (then b_q b_r = 0 is required)
//   expect_case = "i"              # optional: the sign case of Lemma 1's proof, "i", "ii" or "iii"
//   expect_one_sided = ["0", "13/10"]  # optional: the one-sided offer the proof constructs
//   note = "..."                   # optional
//
// The economy of Section 2.1 (optional as a whole; claims that need it say so). Everything the
// paper's assumptions require is validated here or checked later as a named assumption:
//
//   types = ["lo", "hi"]           # X, 1 to 1000 distinct names
//   states = ["bad", "good"]       # Z, 1 to 1000 distinct names
//   prior = ["1/2", "1/2"]         # kappa(z), one per state, each > 0, summing to 1 (L43)
//   mu = [["2/3", "1/3"],          # mu_z(x) = P[x | z]: one row per state, one column per type,
//         ["1/3", "2/3"]]          #  each >= 0, each row summing to 1, every type with
//                                  #  positive probability in some state (so tau_x is defined)
//   eta = "1/10"                   # optional: the inactive fraction, rational in (0, 1) (L47)
//   N = 20                         # optional: the number of agents, integer >= 1; then
//                                  #  M = ceil((1 - eta) N) >= 1 is the number of active agents
//   [[hw.utility]]                 # utility families u(q, r; x, z); each (x, z) covered once
//   family = "cobb_douglas"        # u = a ln q + b ln r
//   a = "1"                        # a, b >= 0 rationals (a, b > 0 is the assumption
//   b = "2"                        #  `utility_assumptions`; a = 0 or b = 0 may be written)
//   types = ["lo"]                 # optional: the types it applies to (default: all)
//   states = ["bad"]               # optional: the states it applies to (default: all)
//   [[hw.utility]]
//   family = "ces"                 # u = (a q^rho + b r^rho)/rho with rho = 1 - 1/sigma:
//   a = "1"  b = "1"  sigma = "2"  #  sigma > 0, sigma != 1 (sigma = 1 is Cobb-Douglas)
//   [hw.equilibrium]               # optional: the stage-2 equilibria of hw.prop1 / hw.prop2
//   offers = "one_sided"           # the stage-2 offer set: "one_sided" (O, L47; default) or
//                                  #  "two_sided" ([0, qbar] x [0, rbar], the hypothesis
//                                  #  `one_sided_offers` fails)
//   sigma = [[2, 1], [3, 0]]       # optional (hw.prop1): type configurations to check (at most
//                                  #  100000), each count in [0, 10^6] and summing to M (<= 10^6);
//                                  #  default: every configuration of the M agents
//   digits = 40                    # optional: MPFR/MPFI precision in decimal digits, [30, 200]
//   state = "bad"                  # hw.prop2: the state z (default: the first state)
//   sizes = [10, 100, 1000]        # hw.prop2: increasing N >= 2 (default 10, 32, 100, ..., 100000)
//   [hw.theorem1]                  # optional: hw.theorem1's range of economy sizes
//   N_range = [2, 30]              # every N from first to last (1 <= first <= last <= 100000;
//                                  #  needs eta; default [2, 24]); the MPFI precision is
//                                  #  [hw.equilibrium] digits
//   [hw.slides]                    # optional: the slides' formulation (slides.hpp; hw.slides_lemma)
//   log_weight = [["1", "3"], ["1", "3"]]  # c_{xz} > 0 of u(q; x, z) = c ln q + y: one row per
//                                  #  type, one entry per state (needs the economy before it)
//   [hw.grid]                      # optional: the (Q_-, R_-) grid of hw.eq17/hw.necessity
//   points = 4                     # points per coordinate, integer in [2, 50] (default 4)
//   Q_range = ["1/2", "4"]         # optional ranges [lo, hi], 0 <= lo < hi; default: what M
//   R_range = ["1/2", "4"]         #  active agents can reach, [M eps, M eps + (M - 1) endowment]
//
// The named assumptions of the paper on an instance are decided in utility.hpp / beliefs.hpp
// (assumptions()): `utility_assumptions` (strictly increasing, strictly concave, C^1, Inada,
// L39), `gross_substitutes` (footnote 2, L59: sufficient for the monotone demands of L41),
// `informative` (L43), `epsilon_positive` (L67), `A1` (L208).
#include "mechcheck/cases/case.hpp"
#include "hw/model/market_game.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::hw {

// An offer of the tested agent listed in the case file.
struct TestOffer {
  Offer<Rational> b;
  bool one_sided = false;                  // b_q b_r = 0 on purpose (idempotence test)
  std::optional<std::string> expect_case;  // "i", "ii" or "iii"
  std::optional<Offer<Rational>> expect_one_sided;
  std::string note;
};

struct Stage2 {
  // The other active agents, when the case lists them: M and their M - 1 offers (each in O).
  std::optional<long long> active;
  std::vector<Offer<Rational>> others;
  // (Q_-, R_-): from eq. (3) with epsilon and the others' offers, or as given (Q_minus/R_minus).
  Totals<Rational> totals;
  bool totals_given = false;  // true when the case wrote Q_minus/R_minus
  std::vector<TestOffer> offers;
};

enum class Family { cobb_douglas, ces };
const char* to_string(Family f);

// u(q, r; x, z) for one (x, z): Cobb-Douglas a ln q + b ln r, or CES (a q^rho + b r^rho)/rho
// with rho = 1 - 1/sigma (elasticity of substitution sigma).
struct Utility {
  Family family = Family::cobb_douglas;
  Rational a, b;
  Rational sigma = 1;  // CES only
};

// Section 2.1: X, Z, kappa, mu_z(x) and u(.; x, z).
struct Information {
  std::vector<std::string> types, states;
  std::vector<Rational> prior;                // kappa[z]
  std::vector<std::vector<Rational>> mu;      // mu[z][x] = mu_z(x)
  std::vector<std::vector<Utility>> utility;  // utility[x][z]
  std::size_t type_count() const { return types.size(); }
  std::size_t state_count() const { return states.size(); }
};

struct Grid {
  long long points = 4;
  std::optional<std::pair<Rational, Rational>> q_range, r_range;
};

// [hw.equilibrium]: how hw.prop1 and hw.prop2 look at the stage-2 game.
struct EquilibriumSettings {
  bool one_sided = true;                      // offers = "one_sided" (the paper's O) or "two_sided"
  std::vector<std::vector<long long>> sigma;  // configurations to check (empty: all of them)
  unsigned digits = 40;                       // MPFR/MPFI precision, decimal digits
  std::optional<std::size_t> state;           // hw.prop2's z (index into states)
  std::vector<long long> sizes;               // hw.prop2's N sequence (empty: the default)
};

struct Economy : ModelData {
  Rational qbar, rbar;
  Offer<Rational> epsilon;  // (eps_q, eps_r)
  std::optional<Stage2> stage2;
  std::optional<Information> info;
  std::optional<Rational> eta;
  std::optional<long long> agents;  // N
  Grid grid;
  EquilibriumSettings equilibrium;
  std::optional<std::pair<long long, long long>> theorem1_range;  // [hw.theorem1] N_range
  std::vector<std::vector<Rational>> slides_log_weight;           // [hw.slides] c[x][z] (slides.hpp)
  // M = ceil((1 - eta) N) when both are given (L47).
  std::optional<long long> active_agents() const;
};

// M = ceil((1 - eta) N), the number of active agents of an N-agent economy (L47).
long long active_agents(const Rational& eta, long long N);

// Whether b lies in O = {b in [0, qbar] x [0, rbar] : b_q b_r = 0} (L47).
bool in_one_sided_set(const Economy& e, const Offer<Rational>& b);

// "(x, y)" with exact rationals.
std::string to_text(const Offer<Rational>& b);
std::string to_text(const Bundle<Rational>& x);

// Parses and validates the [hw] table of a case file (rules reported at file:line:column).
std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);

}  // namespace mechcheck::hw
