#pragma once
// Small helpers shared by the ly checkers: naming values as the slides do.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"
#include "mechcheck/claims/interval_value.hpp"
#include "ly/model/implementability.hpp"

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>

namespace mechcheck::proofs::ly_detail {

using namespace mechcheck::ly;

inline Value numeric_value(std::string name, double x) { return make_decimal(std::move(name), x, 7); }

// Gains from trade at both qualities: u^b(v) > u^s(v) (then efficient trade is q = 1).
inline bool gains_from_trade(const Economy& e) {
  return e.buyer_value[LO] > e.seller_value[LO] && e.buyer_value[HI] > e.seller_value[HI];
}

// The precondition of the claims that judge a given mechanism (ly.implementability, ly.class2):
// the case must carry q, t_buyer and t_seller. Checked before any claim runs, so a case without
// them is bad input (file:line:column of its [ly] table, exit status 2).
inline constexpr const char* needs_mechanism =
    "the claim judges a given mechanism: q, t_buyer and t_seller must be in the [ly] table";
inline void require_mechanism(const Case& c, const Economy& e) {
  if (!e.mechanism) c.fail({"ly"}, needs_mechanism);
}
// The case's mechanism, for a checker whose preconditions required it; a caller that skipped
// them gets an error, not an empty optional's undefined behaviour.
inline const Mechanism& given_mechanism(const Economy& e) {
  if (!e.mechanism) throw std::invalid_argument(needs_mechanism);
  return *e.mechanism;
}

inline std::string quality(int v) { return v == LO ? "lo" : "hi"; }
inline std::string tag(Player p) { return p == Player::buyer ? "b" : "s"; }

// Cells of a matrix pair as values: name_v_r_c = p/q.
inline std::vector<Value> cell_values(const std::string& name, const std::array<Matrix, 2>& m) {
  std::vector<Value> out;
  for (int v = 0; v < 2; ++v)
    for (std::size_t r = 0; r < m[v].size(); ++r)
      for (std::size_t c = 0; c < m[v][r].size(); ++c)
        out.push_back(
            make_value(name + "_" + quality(v) + "_" + std::to_string(r + 1) + std::to_string(c + 1), m[v][r][c]));
  return out;
}

// Entries of a matrix as values: name_r_c = p/q.
inline std::vector<Value> matrix_values(const std::string& name, const Matrix& m) {
  std::vector<Value> out;
  for (std::size_t r = 0; r < m.size(); ++r)
    for (std::size_t c = 0; c < m[r].size(); ++c)
      out.push_back(make_value(name + "_" + std::to_string(r + 1) + std::to_string(c + 1), m[r][c]));
  return out;
}

inline void report_values(Check& check, const std::vector<Value>& values) {
  for (const auto& v : values) check.value(v);
}
inline void report_witness(Check& check, const std::vector<Value>& values) {
  for (const auto& v : values) check.witness(v);
}

// Why no transfers exist, as witness values the re-check reads back (signals numbered from 1):
// "obstruction" = "boundary" with the signal, or "column" with the player's problem's column and
// the rows of its cells with mass at v_lo (low) and at v_hi (high) whose bounds on
// lambda_c(hi) - lambda_c(lo) cross (proofs/ly/docs/derivation.md section 5).
inline void witness_obstruction(Check& check, const TransferObstruction& o) {
  check.witness(make_text("obstruction player", to_string(o.player)));
  if (o.boundary) {
    check.witness(make_text("obstruction", "boundary"))
        .witness(make_text("boundary signal of", to_string(o.boundary_player)))
        .witness("boundary signal", static_cast<long long>(o.boundary_signal + 1));
    return;
  }
  check.witness(make_text("obstruction", "column"))
      .witness("obstruction column", static_cast<long long>(o.column + 1))
      .witness("obstruction low row", static_cast<long long>(o.low + 1))
      .witness("obstruction high row", static_cast<long long>(o.high + 1));
}

// The multipliers of one player, exactly, as witness values the re-check reads back:
// lambda^b_c(v_lo) = "a + kappa log(r)" (rational a, r), or "free" where the column has no mass.
inline void witness_exact_multipliers(Check& check, Player p, const Multipliers& m) {
  for (int v = 0; v < 2; ++v)
    for (std::size_t c = 0; c < m.lambda[v].size(); ++c) {
      const std::string name = "lambda^" + tag(p) + "_" + std::to_string(c + 1) + "(v_" + quality(v) + ")";
      check.witness(make_text(
          name, m.lambda[v][c] ? to_string(m.lambda[v][c]->a) + " + kappa log(" + to_string(m.lambda[v][c]->r) + ")"
                               : "free"));
    }
}

// The multipliers of one player as values (enclosures), NA and the bindings.
inline void report_multipliers(Check& check, Player p, const Multipliers& m, const Rational& kappa) {
  const std::string t = tag(p);
  for (int v = 0; v < 2; ++v)
    for (std::size_t c = 0; c < m.lambda[v].size(); ++c) {
      const std::string name = "lambda^" + t + "_" + std::to_string(c + 1) + "(v_" + quality(v) + ")";
      if (m.lambda[v][c]) check.value(make_value(name, enclose(*m.lambda[v][c], kappa)));
      else check.text(name, "free (nu = 0; chosen large, outside NA's min)");
    }
  check.text("NA^" + t + " sum_v exp(-Lambda(v)/kappa) (exact)", m.na_sum.to_string())
      .value(make_value("NA^" + t + " sum", m.na_sum.enclose()))
      .text("NA^" + t, m.na_sign > 0    ? "holds strictly"
                       : m.na_sign == 0 ? "binds (identity: the exp-sum is exactly 1)"
                                        : "fails");
  if (m.min_phi) check.value(make_value("min phi^" + t + " over zero cells", *m.min_phi));
  check.stat("zero cells with phi^" + t + " = 0 exactly", m.binding_df);
}

// The per-player verdict of ly.implementability and ly.class2: `judge` decides one player
// (1 holds, 0 undecided, -1 refuted, with a detail), recording through the same Check; the
// buyer then the seller. The first refutation decides; otherwise holds, or inconclusive when a
// player was undecided.
inline Outcome judge_both_players(Check& check, const std::function<int(Player, std::string&)>& judge) {
  std::string summary;
  bool undecided = false;
  for (Player p : {Player::buyer, Player::seller}) {
    std::string detail;
    const int r = judge(p, detail);
    if (r < 0) return check.refuted(detail);
    if (r == 0) undecided = true;
    summary += (summary.empty() ? "" : "; ") + detail;
  }
  return undecided ? check.inconclusive(summary) : check.holds(summary);
}

// Sum over cells of alpha (t^s - t^b): the principal's expected subsidy.
inline Rational expected_subsidy(const Structure& s, const Mechanism& m) {
  Rational total = 0;
  for (int v = 0; v < 2; ++v)
    for (std::size_t i = 0; i < s.buyer_signals(); ++i)
      for (std::size_t j = 0; j < s.seller_signals(); ++j)
        total += s.alpha[v][i][j] * (m.t_seller[i][j] - m.t_buyer[i][j]);
  return total;
}

}  // namespace mechcheck::proofs::ly_detail
