#pragma once
// mat.convergence (Matsushima 2005, Section 3, the paragraph after Theorem 1): with price-taking
// traders, the groups' clearing prices approach the competitive price and n-tilde/n -> 1 as n
// grows. The economies grow by replication; each size is sampled over random permutations phi;
// every per-draw quantity is exact (a price index, an integer n-tilde), and the means over the
// sample are exact rationals of the sample (evidence about the lottery, not a proof).
//
// The case-file table (all keys optional):
//
//   [mat.convergence]
//   replications = [1, 2, 4, 8, 16, 32]  # m: economy m lists the case's traders m times (copy c of
//                                  #  trader t is trader c N0 + t, N0 = the case's nr), so nr and
//                                  #  n grow with m; integers >= 1, strictly increasing, >= 2 of
//                                  #  them, m N0 <= 20000
//   draws = 200                    # sampled permutations per size, 1..100000
//   seed = 1                       # std::mt19937_64 seed, an integer >= 0
//   demand = "smallest"            # which element of D*_i a trader announces: at every price the
//                                  #  smallest ("smallest") or largest ("largest") bundle index
//                                  #  among argmax_x u_i(x, p) (lexicographic, good 1 most
//                                  #  significant; for k = 1 the smallest/largest amount)
//   max_price_gap = "1/8"          # criterion: at the largest size the mean group-price distance
//                                  #  must be <= this (default 1/(2T), half a grid step)
//   min_served = "9/10"            # criterion: at the largest size the mean n-tilde/n must be >=
//                                  #  this (default 9/10)
//
// Sampling (reproducible across platforms and standard libraries: only std::mt19937_64 and
// std::seed_seq are used, both fully specified by the C++ standard): size number s (0-based, in
// the order of `replications`) has its own engine std::mt19937_64 seeded with
// std::seed_seq{seed mod 2^32, seed / 2^32, m}; each draw is a uniform permutation of the nr
// traders by Fisher-Yates from the identity: for j = nr-1 down to 1 swap positions j and u,
// u uniform on {0..j} by rejection (take x = engine(); reject x >= 2^64 - (2^64 mod (j+1));
// u = x mod (j+1)). Draws of one size do not depend on the other sizes.
//
// Per draw and group beta: the group's clearing price p-hat(d_group beta, y_group beta) (exact
// price index), its distance to the competitive price p* (the sup norm max_h |p(h) - p*(h)|, an
// exact rational), and n-tilde(beta, q_beta) of (4) at the group's Rule-1 trading price q_beta
// (by e.trading_price; the paper's: the precedent group's clearing price). p* is p-hat of all nr
// traders' price-taking demands (exact). The same economy's readings (tie break, underline_n)
// apply throughout.
#include "mat/model/economy.hpp"
#include "mat/model/mechanism.hpp"

#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace mechcheck::mat {

enum class DemandPick { smallest, largest };
const char* to_string(DemandPick);

struct ConvergenceStudy {
  std::vector<int> replications{1, 2, 4, 8, 16, 32};
  int draws = 200;
  std::uint64_t seed = 1;
  DemandPick pick = DemandPick::smallest;
  Rational max_price_gap;  // set by the parser (default 1/(2T))
  Rational min_served{9, 10};
};

// The study a case without a [mat.convergence] table gets: the defaults above (max_price_gap
// = 1/(2T)).
ConvergenceStudy default_convergence_study(const Economy& e);

// About how many demand entries the study reads (2 per trader, price and good, per draw), and
// the most a study may read (the parser refuses larger studies at their position).
long long convergence_work(const Economy& e, const ConvergenceStudy& study);
inline constexpr long long max_convergence_work = 200'000'000;

// The economy whose trader list is e's listed m times (copy c of trader t is trader c N0 + t);
// grid, r, epsilon and readings are e's; n = m N0 / r.
Economy replicate(const Economy& e, int m);

// One price-taking demand function per trader of e: at every price the smallest (largest)
// bundle index of argmax_x u_i(x, p), so d_i is in D*_i by construction.
std::vector<DemandFunction> price_taking_demands(const Economy& e, DemandPick pick);

// max_h |p(h) - q(h)| for two price indices, exactly.
Rational price_distance(const Grid& grid, int p, int q);

// sum_h |sum_i d_i(h)(p) - sum_i e_i(h)| over all traders of e at price p: 0 when the announced
// demands clear the whole market exactly at p.
long long aggregate_gap(const Economy& e, const Profile& profile, int price);

// A uniform permutation of {0..size-1} as documented above (Fisher-Yates, rejection sampling).
std::vector<int> sample_permutation(std::mt19937_64& engine, int size);
// The engine of size number m: std::mt19937_64 seeded with seed_seq{seed lo32, seed hi32, m}.
std::mt19937_64 convergence_engine(std::uint64_t seed, int replication);

struct GroupDraw {
  int clearing_price = 0;    // p-hat of the group's own announcements
  int trading_price = 0;     // the Rule-1 price it trades at (e.trading_price)
  Rational price_gap;        // price_distance(clearing_price, p*)
  GroupRationing rationing;  // n-bar, n-underline, n-tilde at the trading price
};

// Rule 1 for one permutation: every group's clearing price, trading price and rationing.
std::vector<GroupDraw> evaluate_draw(const Economy& e, const Profile& profile, std::span<const int> order,
                                     int competitive_price);

struct SizeSummary {
  int replication = 1;
  int traders = 0;                // nr
  int group_size = 0;             // n
  int competitive_price = 0;      // p* (price index)
  long long competitive_gap = 0;  // aggregate_gap at p*: 0 when p* clears the market exactly
  int draws = 0;
  int group_draws = 0;  // draws * r
  // Exact sample statistics over every (draw, group):
  Rational mean_price_gap;    // mean distance of the group clearing prices to p*
  Rational worst_price_gap;   // largest such distance
  Rational at_competitive;    // share of group clearing prices equal to p*
  Rational mean_served;       // mean n-tilde / n
  Rational worst_served;      // smallest n-tilde / n
  Rational mean_n_bar;        // mean n-bar / n
  Rational mean_n_underline;  // mean min(n-underline - 1, n) / n
  int worst_served_draw = 0;  // 0-based draw index of worst_served (re-checkable from the seed)
};

struct ConvergenceTable {
  std::vector<SizeSummary> sizes;
};

// Runs the study. Every trader announces price_taking_demands(e, study.pick) unless
// `announced` (one demand function per trader of e, the base list) replaces them: p* always
// comes from the price-taking demands, the groups from the announcements (so a non-price-taking
// population can be fed in to see it fail). `progress` sees the fraction of draws done.
ConvergenceTable run_convergence(const Economy& e, const ConvergenceStudy& study,
                                 const std::vector<DemandFunction>* announced = nullptr,
                                 const std::function<void(double)>& progress = {});

}  // namespace mechcheck::mat
