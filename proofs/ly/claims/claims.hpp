#pragma once
// Checkers of the ly claims (Larionov & Yamashita 2024), and the judging steps they share,
// exposed so tests can feed them seeded bugs.
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/registry.hpp"
#include "ly/model/implementability.hpp"
#include "ly/model/subsidy.hpp"

#include <functional>
#include <optional>
#include <string>

namespace mechcheck::proofs {

// The judging steps record their values, witness and the arithmetic of their decisions through
// `check`; the verdict is then the caller's (Check::holds/refuted/... reads them back).

// ly.implementability for one player: returns 1 when the multiplier route and the
// best-deviation route agree, 0 when the deviation route cannot decide, -1 when they disagree
// (certified). `detail` says which.
int judge_implementability(const ly::Implementability& imp, const Rational& kappa, Check& check, std::string& detail);

// ly.class2 for one player: 1 holds, 0 undecided, -1 refuted.
int judge_class2(const ly::Class2& c2, ly::Player p, Check& check, std::string& detail);

// ly.perfect_correlation: both routes on the given transfers for both players must say
// implementable: 1 yes, 0 undecided, -1 refuted.
int judge_perfect_correlation(const ly::Economy& e, const ly::Mechanism& m, Check& check, std::string& detail);

// ly.subsidy once its hypothesis gains_from_trade is recorded and its two computations are
// done: the numeric candidate `opt` (which only proposes) and the branch-and-bound certificate
// `cert` at opt's dyadic rounding (which decides); ends with the verdict. Exposed so tests can
// feed it a tampered certificate.
Outcome judge_subsidy(const ly::Economy& e, const ly::NumericOptimum& opt, const ly::SubsidyCertificate& cert,
                      Check& check);

// ly.efficiency_structure.
bool distinct_posteriors(const ly::Structure& s, std::string* why);
// Some real transfers implement q for both players (transfers_exist); `by_enclosure` is set when
// a deciding sign came from an MPFI enclosure rather than a rational comparison.
bool consistent_with_efficient_trade(const ly::Economy& e, const ly::Structure& s, const ly::Matrix& q,
                                     std::string* why, bool* by_enclosure = nullptr);
std::optional<std::string> efficiency_conclusion_fails(const ly::Structure& s, bool demand_perfect);
// Called concurrently from several threads by search_efficiency: it must be safe to do so.
using ConsistencyTest = std::function<bool(const ly::Structure&, const ly::Matrix& q)>;
struct EfficiencySearch {
  std::size_t I = 0, J = 0;
  int units = 0;
  long long structures = 0, zero_signal = 0, boundary = 0, not_distinct = 0, consistent = 0, perfect = 0,
            counterexamples = 0;
  std::optional<ly::Structure> first_counterexample;
  std::string why;
};
// How search_efficiency decides the skips (efficiency_grid.hpp): on the integer compositions
// (grid_skip_by_counts; the rational test where a prior entry is not positive), or on every
// rational structure (grid_skip_by_rationals, the definitions: for tests and benchmarks).
enum class GridFilter { integer_counts, rationals };
// Every grid structure alpha_ij(v) = mu0(v) k / units of size I x J x 2, the rows of the grid
// (compositions of alpha(v_lo)) in parallel; counts and the first counterexample (least index of
// k(v_lo), then of k(v_hi)) are those of the sequential loop.
EfficiencySearch search_efficiency(const ly::Economy& e, std::size_t I, std::size_t J, int units, bool require_distinct,
                                   bool demand_perfect, const ConsistencyTest& consistent, const CheckContext& context,
                                   GridFilter filter = GridFilter::integer_counts);

}  // namespace mechcheck::proofs
