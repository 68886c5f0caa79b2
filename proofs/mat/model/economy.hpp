#pragma once
// The mat model (Matsushima 2005, Section 2): nr traders in r groups of n, k goods, integer
// endowments e_i in {0..l-1}^k, bundles x in {0..l}^k, the price grid P = {0, 1/T, ..., 1}^k,
// demand functions d: P -> {0..l}^k, and (private values, Section 3) utilities
// u_i(x, q) = v_i(x) + w_i(money), money = sum_h q(h) (e_i(h) - x(h)).
//
// The case-file table (every number an exact rational: an integer or a string "p/q"/"0.1"):
//
//   [mat]
//   goods = 1                      # k >= 1
//   bound = 2                      # l >= 2 (x(h) <= l, e_i(h) <= l - 1)
//   price_grid = 2                 # T >= 1: P = {0, 1/T, ..., 1}^k
//   groups = 2                     # r >= 2 (G* has r = 2; Remark 3 and G** take more)
//   epsilon = "1/10"               # probability of Rationing Rule 2; in [0, 1/3) (paper: (0, 1/3))
//   price_tie_break = "lowest"     # p-hat is an argmin; "lowest" or "highest" price vector in
//                                  #  lexicographic order (good 1 most significant) among ties
//   trading_price = "other_group"  # Rule 1's price for group beta: "other_group" (the paper:
//                                  #  p-hat of the precedent group beta - 1), "own_group" (group
//                                  #  beta's own clearing price, the necessity variant), or
//                                  #  "outside_group" (p-hat of all traders outside beta, Remark 3)
//   underline_n = "literal"        # reading of n-underline: "literal" (the definition's text) or
//                                  #  "example" (the reading that reproduces the paper's Example)
//   rule2_supply = "total"         # Rule 2's remaining supply: "total" (all traders, the intended
//                                  #  reading) or "literal_group" (the printed sum over group beta = 1)
//   [[mat.trader]]                 # one table per trader type, in trader order
//   endowment = [1]                # e_i, k integers in {0..l-1}
//   values = ["0", "1", "3/2"]     # v_i(x) for every bundle x in lexicographic order
//                                  #  (x(1) most significant), (l+1)^k numbers
//   money = [["1", "0"], ["1/2", "1/4"]]  # optional: w(m) = min_j (a_j m + b_j), a concave
//                                  #  piecewise-linear money utility; absent = w(m) = m
//   count = 2                      # optional: this many identical traders (default 1)
//   [mat.dominance]                # optional: how mat.theorem1 / necessity / remark3 run
//   traders = [1, 3]               # 1-based traders to check (default: one of each type)
//   mixed = true                   # also test dominance by mixed strategies (exact LP)
//   symmetry = false               # enumerate every ordered opponents' profile (default true:
//                                  #  one per orbit of interchangeable opponents, see dominance.hpp)
//   [mat.example]                  # optional: a worked Rule-1 example in group 1 (mat.example)
//   demands = [1, 2, 2, 3]         # group 1's announced bundles at its trading price, in phi order
//   paper_n_tilde = 2              # what the paper states, to compare with
//   paper_x = [1, 2, 3, 2]         # the allocation the paper states
//   [mat.interdependent]           # optional: signals and macro shocks for G** (interdependent.hpp)
//   [mat.convergence]              # optional: the growing economies of mat.convergence
//
// The total number of traders (sum of counts) must be n r for an integer n >= 2, and (1) of the
// paper, sum_i e_i(h) >= l for every good h, must hold. A trader's utility may be any table: the
// paper places no restriction on v_i.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/number/rational.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mechcheck::mat {

// Bundles {0..l}^k and prices {0, 1/T, ..., 1}^k as integer indices in lexicographic order
// (good 1 most significant), so that demand functions are small integer arrays.
struct Grid {
  int goods = 1;       // k
  int bound = 2;       // l
  int price_grid = 1;  // T

  int bundle_count() const;                                 // (l+1)^k
  int price_count() const;                                  // (T+1)^k
  int amount(int bundle, int good) const;                   // x(h) of a bundle index
  int bundle_index(const std::vector<int>& amounts) const;  // -1 when outside {0..l}^k
  int price_numerator(int price, int good) const;           // p(h) = numerator / T
  Rational price_of(int price, int good) const;
  std::string bundle_text(int bundle) const;  // "2" (k = 1) or "(1,0)"
  std::string price_text(int price) const;    // "1/2" (k = 1) or "(1/2,0)"
};

// A demand function d: P -> {0..l}^k as the bundle index chosen at each price index.
using DemandFunction = std::vector<int>;

// D in a fixed order: index -> demand function, with d(price 0) the most significant digit.
// The count |X|^|P| is computed with overflow detection (throws std::overflow_error).
std::uint64_t demand_function_count(const Grid& grid);
DemandFunction demand_function(const Grid& grid, std::uint64_t index);
std::uint64_t demand_function_index(const Grid& grid, const DemandFunction& d);
// "[2,1,0]": d(p) for p = 0, 1/T, ..., 1 (bundles as in Grid::bundle_text).
std::string demand_text(const Grid& grid, const DemandFunction& d);

enum class TieBreak { lowest, highest };
enum class TradingPrice { other_group, own_group, outside_group };
enum class UnderlineN { literal, example };
enum class Rule2Supply { total, literal_group };

const char* to_string(TieBreak);
const char* to_string(TradingPrice);
const char* to_string(UnderlineN);
const char* to_string(Rule2Supply);

// w(m) = min_j (slope_j m + intercept_j); no pieces means w(m) = m (quasi-linear).
struct MoneyUtility {
  std::vector<std::pair<Rational, Rational>> pieces;  // (slope, intercept)
  Rational operator()(const Rational& money) const;
  bool linear() const { return pieces.empty(); }
};

struct Trader {
  std::vector<int> endowment;   // e_i(h), h = 1..k
  std::vector<Rational> value;  // v_i(x) by bundle index
  MoneyUtility money;
};

struct DominanceOptions {
  std::vector<int> traders;  // 0-based; empty = one trader of each (endowment, utility) type
  bool mixed = false;
  bool symmetry = true;
};

// A worked example of Rule 1 inside group 1 (k = 1 or bundles as indices), with the paper's numbers.
struct WorkedExample {
  std::vector<int> demands;  // bundle index per member of group 1, in order
  int paper_n_tilde = 0;
  std::vector<int> paper_x;  // bundle index per member
};

struct Interdependent;    // interdependent.hpp: G**'s signals, macro shocks and v
struct ConvergenceStudy;  // convergence.hpp: the economies of mat.convergence

struct Economy : ModelData {
  Grid grid;
  int groups = 2;      // r
  int group_size = 2;  // n
  Rational epsilon;
  TieBreak tie_break = TieBreak::lowest;
  TradingPrice trading_price = TradingPrice::other_group;
  UnderlineN underline_n = UnderlineN::literal;
  Rule2Supply rule2_supply = Rule2Supply::total;
  std::vector<Trader> traders;  // n r of them
  DominanceOptions dominance;
  std::optional<WorkedExample> example;                  // [mat.example]
  std::shared_ptr<const Interdependent> interdependent;  // [mat.interdependent], may be null
  std::shared_ptr<const ConvergenceStudy> convergence;   // [mat.convergence], may be null

  int trader_count() const { return static_cast<int>(traders.size()); }
  // u_i(x, q) = v_i(x) + w_i(sum_h q(h)(e_i(h) - x(h))), for a bundle in {0..l}^k.
  Rational utility(int trader, int bundle, int price) const;
  // The price-taking demand sets: argmax_x u_i(x, p) for every price index p (Theorem 1's D*_i
  // is the product of these sets).
  std::vector<std::vector<int>> price_taking_bundles(int trader) const;
  bool price_taking(int trader, const DemandFunction& d) const;  // d in D*_i
  // Traders i, j with equal endowments are interchangeable for the mechanism (it is
  // detail-free: it reads endowments and messages only). Class index per trader.
  std::vector<int> endowment_classes() const;
};

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);
// The optional sub-tables, each parsed in its own file once the main table is validated.
std::shared_ptr<const Interdependent> parse_interdependent(const TomlNode& table, const Economy& e);
std::shared_ptr<const ConvergenceStudy> parse_convergence(const TomlNode& table, const Economy& e);

}  // namespace mechcheck::mat
