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
// Room to grow: types, states, prior, mu_z, eta, N and utilities will be further keys and
// sub-tables of [hw]; a case may then omit [hw.stage2].
#include "mechcheck/cases/case.hpp"
#include "mechcheck/models/hw/market_game.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::hw {

// An offer of the tested agent listed in the case file.
struct TestOffer {
  Offer<Rational> b;
  bool one_sided = false;                        // b_q b_r = 0 on purpose (idempotence test)
  std::optional<std::string> expect_case;        // "i", "ii" or "iii"
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

struct Economy : ModelData {
  Rational qbar, rbar;
  Offer<Rational> epsilon;  // (eps_q, eps_r)
  std::optional<Stage2> stage2;
};

// Whether b lies in O = {b in [0, qbar] x [0, rbar] : b_q b_r = 0} (L47).
bool in_one_sided_set(const Economy& e, const Offer<Rational>& b);

// "(x, y)" with exact rationals.
std::string to_text(const Offer<Rational>& b);
std::string to_text(const Bundle<Rational>& x);

// Parses and validates the [hw] table of a case file (rules reported at file:line:column).
std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);

}  // namespace mechcheck::hw
