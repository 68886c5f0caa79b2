#pragma once
// The re-checks' own G* (Matsushima 2005, Sections 2-3), written from the paper's text apart from
// proofs/mat/model: bundles and prices decoded from their indices, p-hat as an argmin over
// all of P, (4) with plain sums, Rationing Rules 1 and 2, and utilities. Shared by the re-check
// files (recheck.cpp for G*, recheck_gstarstar.cpp for G**) only.
#include "mat/recheck/recheck.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs::mat_recheck::direct {

using mat::Economy;
using Demands = std::vector<std::vector<int>>;  // one demand function (bundle index per price) per trader

// x(h) of bundle index b: base-(l+1) digits, good 1 most significant (the case format's order).
std::vector<long long> amounts(const Economy& e, int bundle);
// x(good) of bundle index b alone: the same digit as amounts(e, bundle)[good].
long long amount_of(const Economy& e, int bundle, int good);
// The bundle index of amounts x, or -1 outside {0..l}^k.
int bundle_of(const Economy& e, const std::vector<long long>& x);
// p(h) of price index p: base-(T+1) digits over T, good 1 most significant.
Rational price_coordinate(const Economy& e, int price, int good);
int bundle_count(const Economy& e);
int price_count(const Economy& e);
// |D| = |X|^|P|, or nullopt above 2^62.
std::optional<unsigned long long> demand_function_count(const Economy& e);
std::vector<int> demand_function_at(const Economy& e, unsigned long long index);

// p-hat of the listed traders' demand functions and endowments: every p of P with its
// sum_h |sum_i d_i(h)(p) - y(h)|, the minimizers, then the lowest or highest of them.
int p_hat(const Economy& e, const std::vector<int>& traders, const Demands& d);

// n-bar, n-underline, n-tilde of (4) and Rule 1's sale inside one group: `members` in phi order,
// `bundle[j]` what member j announced at the trading price. Writes the members' amounts.
struct Rationing {
  int n_bar = 0, n_underline = 0, n_tilde = 0;
};
Rationing ration_in_group(const Economy& e, mat::UnderlineN reading, const std::vector<int>& members,
                          const std::vector<int>& bundle, DirectAllocation& a);
// Rule 1's trading price of group beta (0-based) under the case's pricing.
int trading_price(const Economy& e, const std::vector<int>& phi, int beta, const Demands& d);
// Rule 2 (and G**'s Rules 4-6): phi(1) receives `first_bundle`, each later trader
// min(cap, what is left of the supply) of every good; cap = l, or e_i(h) when `endowment_cap`.
void common_price_sale(const Economy& e, const std::vector<int>& phi, int first_bundle, int price, bool endowment_cap,
                       DirectAllocation& a);

// u_i(x, q) = v_i(x) + w_i(sum_h q(h) (e_i(h) - x(h))) (Section 3), x inside {0..l}^k.
Rational utility(const Economy& e, int trader, int bundle, int price);
// Every x in argmax_x u_i(x, p).
std::vector<int> best_bundles(const Economy& e, int trader, int price);
bool price_taking(const Economy& e, int trader, const std::vector<int>& d);

// Why the allocation is not in A (bounds, (2), (3)), or nullopt.
std::optional<std::string> outside_A(const Economy& e, const DirectAllocation& a);

// Every opponents' profile of `trader` (strategies 0..S-1 each): all ordered profiles when there
// are at most `ordered_limit`, else one per orbit of equal-endowment opponents (G* reads only
// endowments and messages along a uniform phi, so swapping two such opponents' messages leaves
// the trader's lottery unchanged). `visit` gets the full strategy-index vector (the trader's own
// entry is -1) and returns false to stop. Returns how many profiles were visited.
unsigned long long for_each_opponent_profile(const Economy& e, int trader, unsigned long long strategies,
                                             unsigned long long ordered_limit,
                                             const std::function<bool(const std::vector<long long>&)>& visit);

// Gives up on a re-check too large to run (Claim::recheck reports it as undecided, never as a
// failure). The re-check would decide by exact comparisons of rationals, the kind it names.
[[noreturn]] void too_large_to_recheck(const std::string& why);

// ---- Outcome texts ---------------------------------------------------------------------------
const Value* find(const std::vector<Value>& values, const std::string& name);
// The witness entry's text; throws when it is missing (a malformed witness is not re-checkable).
const std::string& witness(const Outcome& out, const std::string& name);
long long witness_integer(const Outcome& out, const std::string& name);
Rational parse_exact(const std::string& text, const std::string& what);
std::vector<std::string> split(const std::string& text, const std::string& separator);
std::string trim(const std::string& text);
std::string demand_string(const Economy& e, const std::vector<int>& d);

}  // namespace mechcheck::proofs::mat_recheck::direct

namespace mechcheck::proofs::mat_recheck {
// mat.properties on a case without [mat.interdependent] (G*'s (i)-(iii)), in recheck.cpp.
std::optional<Recheck> recheck_properties_gstar(const mat::Economy& e, const Outcome& out);
}  // namespace mechcheck::proofs::mat_recheck
