#pragma once
// G** of Matsushima (2005, Section 4), written from the paper's text on top of G*'s procedures
// (mechanism.hpp):
//   Rule 3 (probability 1 - 3 eps): group beta trades at p-hat of group beta-1's SECOND
//     announcements; inside the group Rule 1's rationing (n-tilde, then min(l, remaining)) is
//     applied to the THIRD announcements at that price;
//   Rules 4, 5, 6 (probability eps each): everyone trades at the random common price p; phi(1)
//     receives her first / second / third announcement at p, each later trader min(cap, remaining)
//     with cap = l (Rules 4, 5; Rule 6 by Interdependent::rule6_cap: l, or e_i(h) as printed).
//   Announcements: d^1_i = m^1_i; d^2_i = m^2_i(d^1 of group beta-1, in phi order); d^3_i =
//     m^3_i(d^1 of every group but beta, in phi order) (footnote 7: group 0 is group r).
//   Weights: g(m)(a) = rho_3 (1-3eps)/(N!|P|) + (rho_4 + rho_5 + rho_6) eps/(N!|P|); Rule 3 does not
//     read p, so its |P| copies of each phi are counted once with weight (1 - 3 eps)/N!.
// Beliefs by exact Bayes rule from f(omega) = sum_0 f_0(omega_0) prod_i f(omega_i | omega_0);
// D^1, D^2, D^3 and Assumptions 1-2 exactly as defined in Section 4.
//
// Traders are 0-based; signals and macro shocks are 0-based indices (1-based in texts).
#include "mat/model/interdependent.hpp"
#include "mat/model/mechanism.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mechcheck::mat {

// ---- Beliefs -------------------------------------------------------------------------------
// Posterior over Omega_0 given a multiset of signals, counts[theta] = how many of the
// conditioning signals equal theta: f_0(w) prod_theta f(theta|w)^counts[theta], normalized.
template <class T>
std::vector<T> posterior(const Interdependent& I, const std::vector<int>& counts);
// The same posterior by a second route: the joint f(omega_0, omega_S) summed explicitly over an
// ordered signal list, divided by the marginal f(omega_S) = sum_0 f_0 prod f.
template <class T>
std::vector<T> posterior_by_joint(const Interdependent& I, const std::vector<int>& signals);
// Pr(signals of the others | own signal theta) = sum_0 f_0 f(theta|.) prod f(others|.) / sum_0 f_0 f(theta|.).
template <class T>
T conditional_probability(const Interdependent& I, int theta, const std::vector<int>& others);
// E[v(x, omega_0, theta) | .] for every bundle x under the given posterior over Omega_0.
template <class T>
std::vector<T> conditional_values(const Interdependent& I, int theta, const std::vector<T>& posterior);

std::vector<int> signal_counts(const Interdependent& I, std::span<const int> signals);

// ---- Price-taking sets -------------------------------------------------------------------
// A set of demand functions that is a product over prices: bundles[p] = the allowed d(p).
struct DemandSet {
  std::vector<std::vector<int>> bundles;  // per price index, sorted
  bool contains(const DemandFunction& d) const;
  bool intersects(const DemandSet& other) const;
  bool empty() const;
  DemandFunction lowest() const;  // the element with the lowest bundle at each price
  std::uint64_t size() const;
  std::string text(const Grid& grid) const;  // "{0,1} x {2}" per price
};

// argmax_x { values[x] - sum_h p(h) x(h) } at every price: the price-taking demand set.
template <class T>
DemandSet price_taking_set(const Economy& e, const std::vector<T>& values);

// D^1(theta): price taking on E[v | omega_1 = theta].
DemandSet D1(const Economy& e, const Interdependent& I, int theta);
// D^2(omega_1, ..., omega_{n+1}): price taking on E[v | omega_1..omega_{n+1}] (list[0] is trader 1's).
DemandSet D2(const Economy& e, const Interdependent& I, const std::vector<int>& signals);
// D^3(omega_1, ..., omega_{(r-1)n+1}): d with, for every p and x_1, SOME completion
// (omega_{(r-1)n+2}, ..., omega_{nr}) under which d(p) is at least as good as x_1.
DemandSet D3(const Economy& e, const Interdependent& I, const std::vector<int>& signals);

// Assumption 1: D^1(theta) and D^1(theta') disjoint for theta != theta'. The first pair that
// intersects, if any.
std::optional<std::pair<int, int>> assumption1_failure(const Economy& e, const Interdependent& I);
// Assumption 2: f(.|omega_0) != f(.|omega_0') for omega_0 != omega_0'. The first equal pair.
std::optional<std::pair<int, int>> assumption2_failure(const Interdependent& I);

// ---- Messages ----------------------------------------------------------------------------
// Decoding and response rules (interdependent.hpp): tables precomputed exactly once.
class ResponseTables {
 public:
  ResponseTables(const Economy& e, const Interdependent& I);
  // The signal whose D^1 set holds demand function `d`, or -1 (none or several).
  int decode(int d) const { return decode_[static_cast<std::size_t>(d)]; }
  // The rule's announcement (a demand function index) for own signal theta and the observed
  // first announcements (n of them for M^2, (r-1)n for M^3).
  int evaluate(ResponseRule rule, int theta, std::span<const int> observed) const;
  // The informed rule from decoded counts (unknown observations dropped).
  int informed(int theta, const std::vector<int>& decoded_counts) const;
  const std::vector<DemandFunction>& demand_functions() const { return D_; }

 private:
  const Economy* e_;
  const Interdependent* I_;
  std::vector<DemandFunction> D_;
  std::vector<int> decode_;
  std::vector<int> naive_;
  int observed_max_ = 0;
  // informed_[theta][key of decoded counts over signals] for up to observed_max_ observations.
  std::vector<std::vector<int>> informed_;
  std::size_t key(const std::vector<int>& counts) const;
};

// A message m_i = (m^1, m^2, m^3) of the restricted space: a first announcement and the response
// rules that, with the trader's own signal, are her functions m^2: D^n -> D, m^3: D^{(r-1)n} -> D.
struct GMessage {
  int first = 0;  // demand function index
  ResponseRule second = ResponseRule::informed;
  ResponseRule third = ResponseRule::informed;
  bool operator==(const GMessage&) const = default;
};
std::string message_text(const Economy& e, const GMessage& m);

// Every trader's evaluated announcements d^1, d^2, d^3 (demand function indices) at one phi.
struct Announcements {
  std::vector<int> first, second, third;
};
void announce(const Economy& e, const ResponseTables& tables, std::span<const int> order,
              const std::vector<GMessage>& messages, const std::vector<int>& signals, Announcements& out);

// a(phi, p, (d^1, d^2, d^3), gamma) for gamma in {3, 4, 5, 6}. Rule 3 ignores p.
void gstarstar_allocation(const Economy& e, const Interdependent& I, const std::vector<DemandFunction>& D,
                          std::span<const int> order, int price, const Announcements& a, int rule,
                          Allocation& allocation, std::vector<GroupRationing>* rationing = nullptr);

// The lottery weight of one (phi, rule) for Rule 3 ((1 - 3 eps)/N!) or one (phi, p, rule) for
// Rules 4-6 (eps/(N!|P|)).
template <class T>
T rule_weight(const Economy& e, int rule);

// Market clearing (2), budget balance (3) and 0 <= x <= l of one allocation: the first
// violation in words, or nothing.
std::optional<std::string> feasibility_violation(const Economy& e, const Allocation& a);

// ---- One trader's interim expected utility --------------------------------------------------
// A strategy s_i: Omega_1 -> M_i of the restricted space.
using GStrategy = std::vector<GMessage>;  // by signal

// Trader i's outcome counts for one class of the opponents' signal profiles. Opponents with equal
// endowments playing the same strategy are interchangeable (swap their signals and their places
// in phi: a bijection that keeps i's outcome and f(omega)), so the sum over omega_{-i} runs over
// one representative per class of signal counts, with its multiplicity.
struct GCounts {
  std::vector<int> signals;           // the representative profile (all traders; i's own included)
  std::uint64_t multiplicity = 0;     // ordered omega_{-i} it stands for
  std::vector<std::uint64_t> rule3;   // bundle * |P| + price, over the N! permutations
  std::vector<std::uint64_t> common;  // Rules 4-6, over the N! |P| (phi, p) pairs and 3 rules
};
struct GEvaluation {
  std::vector<GCounts> classes;
  std::uint64_t allocations = 0;
  std::uint64_t signal_profiles = 0;  // sum of multiplicities = |Omega_1|^(N-1)
};
// The order reduction of evaluate_trader (proof there), in parts that a test can take apart.
// A permutation phi standing for `weight` permutations.
struct OrderClass {
  std::vector<int> order;
  std::uint64_t weight = 0;
};
// Trader i is type 0; two opponents share a type exactly when their endowments, messages and
// signals are equal. Types are numbered by their least trader.
std::vector<int> order_types(const Economy& e, int trader, const std::vector<GMessage>& messages,
                             const std::vector<int>& signals);
// One phi per sequence of types along phi (the members of a type take its positions in ascending
// trader order), weight prod_t m_t!; throws std::logic_error unless the weights sum to N!.
std::vector<OrderClass> order_classes(const std::vector<int>& type);
// Every permutation, weight 1, in lexicographic order.
std::vector<OrderClass> every_order(int N);
// Adds each listed phi's weight to trader i's (bundle, price) cells: g.rule3 under Rule 3, g.common
// under Rules 4-6 at every price. At the first phi that hands her an amount outside {0..l} it stops
// (the counts are then incomplete) and returns the error naming that phi, the rule and the price.
std::optional<std::string> count_orders(const Economy& e, const Interdependent& I, const ResponseTables& tables,
                                        int trader, const std::vector<GMessage>& messages,
                                        const std::vector<int>& signals, const std::vector<OrderClass>& orders,
                                        GCounts& g);

// `strategies[j]` for every trader j != i (entry i ignored); `reduce_signals = false` enumerates
// every omega_{-i}, `reduce_orders = false` every phi (used by tests against the reductions).
// Throws InfeasibleOutcome when an allocation leaves {0..l}^k, naming the first phi in
// lexicographic order (with either setting).
//
// The order reduction. Fix the signals omega and the messages m. Call two traders of the same
// TYPE when both are opponents of i with equal endowments, equal messages m_j and equal signals
// omega_j (i is of a type of her own). Let sigma be a permutation of the traders that maps every
// trader to one of her type (so it fixes i), and phi' = sigma o phi. Then every trader at position
// j of phi' announces what the trader at position j of phi announces, and receives the same
// amount at the same price:
//  - d^1 = m^1 (announce): equal messages;
//  - d^2 = m^2(own signal, d^1 of group beta-1 in phi order), d^3 = m^3(own signal, d^1 of the
//    other groups in phi order) (announce; the definition of G**, footnote 7): position by
//    position the observed d^1 are equal, and so are the rule and the signal that read them;
//  - Rule 3: p-hat (clearing_price) reads group beta-1's endowments and d^2 at each price, and
//    Rule 1's rationing (ration_group) the members of beta in phi order, their endowments and
//    d^3 at that price; Rules 4-6 (common_price_rationing) read the endowments in phi order,
//    the cap (l, or the trader's endowment e_i(h)) and phi(1)'s announcement. No rule reads a
//    trader's index, so equal inputs position by position give equal outputs position by position.
// Trader i is at the same position in phi and phi', so her (bundle, price) under every rule and
// price is the same. Hence it is a function of the sequence of types along phi. The maps sigma
// form a group of size prod_t m_t! (m_t traders of type t) acting freely on the N! permutations
// (sigma o phi = phi forces sigma = id), and its orbits are exactly the type sequences: each of
// the N! / prod_t m_t! distinct sequences (multiset permutations) stands for prod_t m_t!
// permutations. One representative phi per sequence, weighted prod_t m_t!, gives the counts of all
// N! permutations (the weights are checked to sum to N!). tests/mat/model_test.cpp compares the
// counts with reduce_orders = false on small instances and every committed G** case, and shows
// that a wrong weight is caught.
GEvaluation evaluate_trader(const Economy& e, const Interdependent& I, const ResponseTables& tables, int trader,
                            int theta, const GMessage& own, const std::vector<const GStrategy*>& strategies,
                            bool reduce_signals = true, bool reduce_orders = true);
// u_i(s, theta) = sum_{omega_{-i}} Pr(omega_{-i}|theta) E_g[v(x_i, omega_0, theta)|omega] + q_i.(e_i - x_i).
template <class T>
T interim_utility(const Economy& e, const Interdependent& I, int trader, int theta, const GEvaluation& ev);

}  // namespace mechcheck::mat
