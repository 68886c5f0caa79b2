#pragma once
// Independent re-checks of the mat claims' witnesses and certificates (Claim::recheck).
//
// Each re-check reads the witness back from its text (demand functions "[2,1,0]", permutations
// "(2,1,4,3)", prices "1/2", amounts "(1,0)") and re-evaluates it from the paper's definitions by
// a direct simulation written separately from the checkers: G*'s p-hat, (4), Rationing Rules 1
// and 2 (and G**'s announcements and Rules 3-6) one permutation at a time, and expected
// utilities as a plain sum over all permutations and prices. Nothing of proofs/mat/model
// (mechanism, dominance, gstarstar, convergence) is called: only the case's parsed data (the
// Economy) is shared.
#include "mechcheck/claims/claim.hpp"
#include "mat/model/economy.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs::mat_recheck {

// ---- Reading witness texts back ------------------------------------------------------------
// A demand function as printed ("[2,1,0]", or "[(1,0),(0,1)]" for k > 1) as bundle indices.
std::vector<int> parse_demand(const mat::Economy& e, const std::string& text);
// "(2,1,4,3)" or "(1, 3, 3, 1)": the integers in order.
std::vector<long long> parse_integers(const std::string& text);
// A price as printed ("1/2", or "(1/2,0)" for k > 1) as its index in P.
int parse_price(const mat::Economy& e, const std::string& text);

// ---- G* one permutation at a time, from the paper's text --------------------------------------
// x_i(h) (raw, possibly outside {0..l} under a reading that breaks feasibility) and q_i.
struct DirectAllocation {
  std::vector<std::vector<long long>> amount;  // [trader][good]
  std::vector<int> price;                      // price index per trader
};
// phi as 0-based traders (phi[j] is the trader at position j + 1); d one demand function per trader.
DirectAllocation direct_rule1(const mat::Economy& e, const std::vector<int>& phi,
                              const std::vector<std::vector<int>>& d);
DirectAllocation direct_rule2(const mat::Economy& e, const std::vector<int>& phi,
                              const std::vector<std::vector<int>>& d, int price);
// u_i(g(d)) = sum over phi of (1 - eps)/N! u_i(rule 1) + sum over (phi, p) of eps/(N!|P|) u_i(rule 2).
Rational direct_expected_utility(const mat::Economy& e, int trader, const std::vector<std::vector<int>>& d);

// G**'s interim utility u_1(m, theta) of trader 1 (Section 4) by the re-checks' own simulation:
// `message` as printed "(d1 = [2,1], m2 = informed, m3 = naive)", each opponent's strategy (traders
// 2..N) as printed "{signal 1 -> (d1 = ...); signal 2 -> (...)}".
Rational direct_interim_utility(const mat::Economy& e, const std::string& message, int theta,
                                const std::vector<std::string>& opponent_strategies);

// ---- The claims' re-checks --------------------------------------------------------------------
// mat.theorem1 and mat.remark3 (a surviving non-price-taking demand function with its
// certificate, or a dominated price-taking one with its dominator).
std::optional<Recheck> recheck_price_taking_comparison(const mat::Economy& e, const Outcome& out);
// mat.necessity: the survivor's certificate (holds), or every non-price-taking demand function's
// dominator (refuted).
std::optional<Recheck> recheck_necessity(const mat::Economy& e, const Outcome& out);
std::optional<Recheck> recheck_feasibility(const mat::Economy& e, const Outcome& out);
// mat.properties: G*'s (i)-(iii), or G**'s (iv)-(vii) and its allocations.
std::optional<Recheck> recheck_properties(const mat::Economy& e, const Outcome& out);
std::optional<Recheck> recheck_example(const mat::Economy& e, const Outcome& out);
std::optional<Recheck> recheck_convergence(const mat::Economy& e, const Outcome& out);
std::optional<Recheck> recheck_theorem2(const mat::Economy& e, const Outcome& out);

}  // namespace mechcheck::proofs::mat_recheck
