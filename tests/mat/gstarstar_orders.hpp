#pragma once
// Shared by model_test.cpp (small instances) and theorem2_test.cpp (every committed G** case):
// G**'s order reduction (evaluate_trader, proofs/mat/model/gstarstar.hpp) against every
// permutation phi. Header-only; everything is in mechcheck::testing::mat_orders.
#include "mat/model/gstarstar.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck::testing::mat_orders {

using namespace mechcheck::mat;

// "" when two evaluations agree signal class by signal class (representative, multiplicity,
// Rule 3 and Rules 4-6 counts) and in their totals, else the first difference.
inline std::string evaluation_difference(const GEvaluation& a, const GEvaluation& b) {
  if (a.classes.size() != b.classes.size()) return "numbers of signal classes differ";
  for (std::size_t c = 0; c < a.classes.size(); ++c) {
    const GCounts &x = a.classes[c], &y = b.classes[c];
    const std::string where = " in signal class " + std::to_string(c);
    if (x.signals != y.signals) return "representatives differ" + where;
    if (x.multiplicity != y.multiplicity) return "multiplicities differ" + where;
    if (x.rule3 != y.rule3) return "Rule 3 counts differ" + where;
    if (x.common != y.common) return "Rules 4-6 counts differ" + where;
  }
  if (a.allocations != b.allocations) return "allocation counts differ";
  if (a.signal_profiles != b.signal_profiles) return "signal profile counts differ";
  return "";
}

// "" when trader i's evaluation by type sequences equals the one over every phi (or both throw
// InfeasibleOutcome with the same message), else what differs.
inline std::string orders_difference(const Economy& e, const ResponseTables& tables, int trader, int theta,
                                     const GMessage& own, const std::vector<const GStrategy*>& strategies) {
  const Interdependent& I = *e.interdependent;
  std::optional<GEvaluation> reduced, full;
  std::string reduced_error, full_error;
  try {
    reduced = evaluate_trader(e, I, tables, trader, theta, own, strategies, true, true);
  } catch (const InfeasibleOutcome& error) {
    reduced_error = error.what();
  }
  try {
    full = evaluate_trader(e, I, tables, trader, theta, own, strategies, true, false);
  } catch (const InfeasibleOutcome& error) {
    full_error = error.what();
  }
  if (reduced.has_value() != full.has_value() || reduced_error != full_error)
    return "errors differ: '" + reduced_error + "' by type sequences, '" + full_error + "' over every phi";
  return reduced ? evaluation_difference(*reduced, *full) : "";
}

// Every message D x F2 x F3 of the restricted space (mat.theorem2's round 1), in its order.
inline std::vector<GMessage> restricted_messages(const Interdependent& I, std::size_t demand_functions) {
  std::vector<GMessage> own;
  for (std::size_t d = 0; d < demand_functions; ++d)
    for (auto r2 : I.second_rules)
      for (auto r3 : I.third_rules) own.push_back(GMessage{static_cast<int>(d), r2, r3});
  return own;
}

// Strategies Omega_1 -> messages: every rule pair with first announcements price-taking (the lowest
// of D^1 of the own signal) or pooling on one signal's (mat.theorem2's round-1 menu), and, so that
// the opponents' messages at different signals share first announcements in other ways too, every
// rule pair with the first announcement of message `d` at every signal, for d = 0, 1, 2.
inline std::vector<GStrategy> strategy_menu(const Economy& e, const Interdependent& I) {
  const int S = I.signals;
  std::vector<int> price_taking(S);
  for (int t = 0; t < S; ++t) price_taking[t] = static_cast<int>(demand_function_index(e.grid, D1(e, I, t).lowest()));
  std::vector<GStrategy> menu;
  for (int pool = -1; pool < S + 3; ++pool)
    for (auto r2 : I.second_rules)
      for (auto r3 : I.third_rules) {
        GStrategy s;
        for (int t = 0; t < S; ++t) {
          const int first = pool < 0 ? price_taking[t] : pool < S ? price_taking[pool] : pool - S;
          s.push_back(GMessage{first, r2, r3});
        }
        menu.push_back(s);
      }
  return menu;
}

}  // namespace mechcheck::testing::mat_orders
