#pragma once
// G** (Matsushima 2005, Section 4): private signals, macro shocks and the common value v, and the
// restricted message spaces on which mechcheck checks dominance in G** (proofs/mat/docs/theorem2.md).
//
// The case-file table (every probability and value an exact rational: an integer or "p/q"):
//
//   [mat.interdependent]
//   signals = 2                        # |Omega_1| >= 1; signals are numbered 1..|Omega_1|
//   macro_prior = ["1/2", "1/2"]       # f_0(omega_0) > 0 for each macro shock, summing to 1;
//                                      #  |Omega_0| = the length of this list
//   likelihood = [["3/4", "1/4"],      # f(omega_i | omega_0): one row per macro shock, one
//                 ["1/4", "3/4"]]      #  entry per signal, each > 0 (the paper: f(.|omega_0) maps
//                                      #  into (0, 1]), each row summing to 1
//   values = [[["0", "2", "3"],        # v(x, omega_0, omega_1): values[omega_0][omega_1] lists
//              ["0", "1", "3/2"]],     #  v(x, ., .) for every bundle x in {0..l}^k in
//             [["0", "3", "5"],        #  lexicographic order ((l+1)^k numbers), the common
//              ["0", "2", "3"]]]       #  quasi-linear value of Section 4 (symmetric traders)
//   rule6_cap = "bound"                # Rule 6's cap on later traders: "bound" (l, as in Rules 2, 4
//                                      #  and 5: the intended reading) or "endowment" (e_i(h), as
//                                      #  printed; it leaves supply unallocated, breaking (2))
//   properties_reading = "literal"     # (v)/(vi) "an amount independent of her message m_i":
//                                      #  "literal" (any change of m_i = (d^1, m^2, m^3)) or
//                                      #  "per_announcement" (Rule 4 against changes of d^1, Rule 5
//                                      #  of m^2, Rules 3 and 6 of m^3, the other parts held fixed)
//   [mat.interdependent.messages]      # optional: the restricted message spaces (defaults shown)
//   second = ["informed", "naive"]     # the response rules for M^2 (functions D^n -> D), see below
//   third = ["informed", "naive"]      # the response rules for M^3 (functions D^{(r-1)n} -> D)
//   opponents = "symmetric"            # opponents' profiles in the dominance rounds: "symmetric"
//                                      #  (all N - 1 opponents play one common strategy) or "all"
//                                      #  (every multiset of strategies: one per orbit)
//   properties_opponents = "symmetric" # the same for the properties check (iv)-(viii)
//
// Response rules (a trader's rule together with her own signal theta is one function of M^2/M^3):
//   "informed": decode every observed first announcement d to the signal theta' with
//               d in D^1(theta') (unknown when d lies in no D^1 set or in several), compute the
//               exact posterior over Omega_0 from theta and the decoded signals (unknown ones carry
//               no information), and announce the lowest price-taking demand function for it;
//   "naive":    ignore the observation: the lowest element of D^1(theta).
//
// G** requires quasi-linear utility (no `money` key on any [[mat.trader]]) and at most 64 traders;
// the traders' own `values` are not used by G** (v above replaces them).
#include "mat/model/economy.hpp"

#include <string>
#include <vector>

namespace mechcheck::mat {

enum class Rule6Cap { bound, endowment };
enum class PropertiesReading { literal, per_announcement };
enum class ResponseRule { informed, naive };
enum class OpponentProfilesMode { symmetric, all };

const char* to_string(Rule6Cap);
const char* to_string(PropertiesReading);
const char* to_string(ResponseRule);
const char* to_string(OpponentProfilesMode);

struct Interdependent {
  int signals = 2;                                        // |Omega_1|
  std::vector<Rational> macro_prior;                      // f_0, by macro shock
  std::vector<std::vector<Rational>> likelihood;          // [omega_0][theta] = f(theta | omega_0)
  std::vector<std::vector<std::vector<Rational>>> value;  // [omega_0][theta][bundle] = v(x, omega_0, theta)
  Rule6Cap rule6_cap = Rule6Cap::bound;
  PropertiesReading properties_reading = PropertiesReading::literal;
  std::vector<ResponseRule> second_rules{ResponseRule::informed, ResponseRule::naive};
  std::vector<ResponseRule> third_rules{ResponseRule::informed, ResponseRule::naive};
  OpponentProfilesMode opponents = OpponentProfilesMode::symmetric;
  OpponentProfilesMode properties_opponents = OpponentProfilesMode::symmetric;

  int macro_shocks() const { return static_cast<int>(macro_prior.size()); }  // |Omega_0|
};

}  // namespace mechcheck::mat
