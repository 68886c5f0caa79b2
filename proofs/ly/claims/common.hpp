#pragma once
// Small helpers shared by the ly checkers: naming values as the slides do.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/claim.hpp"
#include "ly/model/implementability.hpp"

#include <functional>
#include <string>

namespace mechcheck::proofs::ly_detail {

using namespace mechcheck::ly;

inline Value interval_value(std::string name, const Interval& x) {
  Value v;
  v.name = std::move(name);
  v.text = interval_text(x);
  v.interval = v.text;
  v.kind = "interval";
  return v;
}

inline Value numeric_value(std::string name, double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6e", x);
  return Value{std::move(name), buffer, "", "", "float"};
}

// Gains from trade at both qualities: u^b(v) > u^s(v) (then efficient trade is q = 1).
inline bool gains_from_trade(const Economy& e) {
  return e.buyer_value[LO] > e.seller_value[LO] && e.buyer_value[HI] > e.seller_value[HI];
}

// The precondition of the claims that judge a given mechanism (ly.implementability, ly.class2):
// the case must carry q, t_buyer and t_seller. Claim::validate, so a case without them is bad
// input (file:line:column of its [ly] table, exit status 2) before any claim runs.
inline void require_mechanism(const Case& c) {
  if (!c.model_data<Economy>().mechanism)
    c.fail({"ly"}, "the claim judges a given mechanism: q, t_buyer and t_seller must be in the [ly] table");
}

inline std::string quality(int v) { return v == LO ? "lo" : "hi"; }
inline std::string tag(Player p) { return p == Player::buyer ? "b" : "s"; }

// Cells of a matrix pair as witness values: name_v_r_c = p/q.
inline void add_cells(std::vector<Value>& into, const std::string& name, const std::array<Matrix, 2>& m) {
  for (int v = 0; v < 2; ++v)
    for (std::size_t r = 0; r < m[v].size(); ++r)
      for (std::size_t c = 0; c < m[v][r].size(); ++c)
        into.push_back(make_value(name + "_" + quality(v) + "_" + std::to_string(r + 1) + std::to_string(c + 1), m[v][r][c]));
}

inline void add_matrix(std::vector<Value>& into, const std::string& name, const Matrix& m) {
  for (std::size_t r = 0; r < m.size(); ++r)
    for (std::size_t c = 0; c < m[r].size(); ++c)
      into.push_back(make_value(name + "_" + std::to_string(r + 1) + std::to_string(c + 1), m[r][c]));
}

// Why no transfers exist, as witness values the re-check reads back (signals numbered from 1):
// "obstruction" = "boundary" with the signal, or "column" with the player's problem's column and
// the rows of its cells with mass at v_lo (low) and at v_hi (high) whose bounds on
// lambda_c(hi) - lambda_c(lo) cross (proofs/ly/docs/derivation.md section 5).
inline void add_obstruction(std::vector<Value>& into, const TransferObstruction& o) {
  into.push_back(make_text("obstruction player", to_string(o.player)));
  if (o.boundary) {
    into.push_back(make_text("obstruction", "boundary"));
    into.push_back(make_text("boundary signal of", to_string(o.boundary_player)));
    into.push_back(make_value("boundary signal", static_cast<long long>(o.boundary_signal + 1)));
    return;
  }
  into.push_back(make_text("obstruction", "column"));
  into.push_back(make_value("obstruction column", static_cast<long long>(o.column + 1)));
  into.push_back(make_value("obstruction low row", static_cast<long long>(o.low + 1)));
  into.push_back(make_value("obstruction high row", static_cast<long long>(o.high + 1)));
}

// The multipliers of one player, exactly, as witness values the re-check reads back:
// lambda^b_c(v_lo) = "a + kappa log(r)" (rational a, r), or "free" where the column has no mass.
inline void add_exact_multipliers(std::vector<Value>& into, Player p, const Multipliers& m) {
  for (int v = 0; v < 2; ++v)
    for (std::size_t c = 0; c < m.lambda[v].size(); ++c) {
      const std::string name = "lambda^" + tag(p) + "_" + std::to_string(c + 1) + "(v_" + quality(v) + ")";
      into.push_back(make_text(name, m.lambda[v][c] ? to_string(m.lambda[v][c]->a) + " + kappa log(" + to_string(m.lambda[v][c]->r) + ")"
                                                    : "free"));
    }
}

// The multipliers of one player as values (enclosures), NA and the bindings.
inline void add_multipliers(Outcome& out, Player p, const Multipliers& m, const Rational& kappa) {
  const std::string t = tag(p);
  for (int v = 0; v < 2; ++v)
    for (std::size_t c = 0; c < m.lambda[v].size(); ++c) {
      const std::string name = "lambda^" + t + "_" + std::to_string(c + 1) + "(v_" + quality(v) + ")";
      if (m.lambda[v][c]) out.value(interval_value(name, enclose(*m.lambda[v][c], kappa)));
      else out.value(make_text(name, "free (nu = 0; chosen large, outside NA's min)"));
    }
  out.value(make_text("NA^" + t + " sum_v exp(-Lambda(v)/kappa) (exact)", m.na_sum.to_string()));
  out.value(interval_value("NA^" + t + " sum", m.na_sum.enclose()));
  out.value(make_text("NA^" + t, m.na_sign > 0 ? "holds strictly" : m.na_sign == 0 ? "binds (identity: the exp-sum is exactly 1)" : "fails"));
  if (m.min_phi) out.value(interval_value("min phi^" + t + " over zero cells", *m.min_phi));
  out.stat("zero cells with phi^" + t + " = 0 exactly", m.binding_df);
}

// The per-player verdict of ly.implementability and ly.class2: `judge` decides one player
// (1 holds, 0 undecided, -1 refuted, with a detail); the buyer then the seller. The first
// refutation decides; otherwise holds, or inconclusive when a player was undecided.
inline Outcome judge_both_players(const HypothesisLedger& ledger,
                                  const std::function<int(Player, Outcome&, std::string&)>& judge) {
  Outcome out;
  out.arithmetic = Arithmetic::certified;
  std::string summary;
  bool undecided = false;
  for (Player p : {Player::buyer, Player::seller}) {
    std::string detail;
    const int r = judge(p, out, detail);
    if (r < 0) {
      out.verdict = Verdict::refuted;
      out.summary = detail;
      ledger.annotate(out);
      return out;
    }
    if (r == 0) undecided = true;
    summary += (summary.empty() ? "" : "; ") + detail;
  }
  out.verdict = undecided ? Verdict::inconclusive : Verdict::holds;
  out.summary = summary;
  ledger.annotate(out);
  return out;
}

// Sum over cells of alpha (t^s - t^b): the principal's expected subsidy.
inline Rational expected_subsidy(const Structure& s, const Mechanism& m) {
  Rational total = 0;
  for (int v = 0; v < 2; ++v)
    for (std::size_t i = 0; i < s.buyer_signals(); ++i)
      for (std::size_t j = 0; j < s.seller_signals(); ++j) total += s.alpha[v][i][j] * (m.t_seller[i][j] - m.t_buyer[i][j]);
  return total;
}

}  // namespace mechcheck::proofs::ly_detail
