#pragma once
// Implementability of (alpha, q, t) for one player (slides "Implementability lemma",
// "Buyer's problem", appendix "Implementability for the seller"; proofs/ly/docs/derivation.md).
//
// Both players are handled by one "player problem": own signals r (rows), the other
// player's signals c (columns), cells a[v][r][c] = P(v, own r, other c) and payoffs
// w[v][r][c] of reporting r while the other has c in state v:
//   buyer:  r = i, c = j, w = q_ij u^b(v) - t^b_ij
//   seller: r = j, c = i, w = t^s_ij - q_ij u^s(v)
// The player's deviation chooses a new structure over (own rows + the abstention row 0) x
// columns x V with the other player's marginal nu_c(v) = sum_r a[v][r][c] fixed. Abstaining
// pays 0. The objective is
//   F(a) = sum a w - kappa sum_{r,v} a_r(v) log mu_r(v),  a_r(v) = sum_c a[v][r][c],
// which is the payoff minus kappa I(V; S^p) up to the constant kappa H(mu0).
#include "ly/model/economy.hpp"
#include "ly/model/exp_sum.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::ly {

enum class Player { buyer, seller };
const char* to_string(Player p);
using mechcheck::to_string;                         // keep Rational's to_string visible beside Player's
std::string own_signal(Player p, std::size_t r);    // "s^b_1" for the buyer
std::string other_signal(Player p, std::size_t c);  // "s^s_1" for the buyer

struct PlayerProblem {
  Player player = Player::buyer;
  Rational kappa = 1;
  std::array<Matrix, 2> a;  // a[v][r][c]
  std::array<Matrix, 2> w;  // w[v][r][c]
  std::size_t rows() const { return a[LO].size(); }
  std::size_t cols() const { return a[LO].empty() ? 0 : a[LO][0].size(); }
  Rational row_mass(int v, std::size_t r) const;
  Rational col_mass(int v, std::size_t c) const;  // nu_c(v)
  Rational posterior(int v, std::size_t r) const;
};

PlayerProblem player_problem(const Economy& e, const Mechanism& m, Player p);
// The same from parts (used by searches and seeded-bug tests).
PlayerProblem player_problem(const Structure& s, const std::array<Rational, 2>& buyer_value,
                             const std::array<Rational, 2>& seller_value, const Rational& kappa, const Mechanism& m,
                             Player p);

// ---- route A: the multipliers of the lemma (ST, DF, CS, NA) ---------------------------

struct Multipliers {
  bool exist = false;
  std::string failure;  // the condition that cannot hold, with the numbers
  // lambda_c(v) = w - kappa log mu_r(v) at a positive cell (ST + CS), exactly as a LogTerm;
  // nullopt where nu_c(v) = 0 (the multiplier is free there and chosen large: it never
  // enters the min of NA).
  std::array<std::vector<std::optional<LogTerm>>, 2> lambda;
  std::array<LogTerm, 2> Lambda{};  // min_c lambda_c(v)
  ExpSum na_sum;                    // sum_v exp(-Lambda(v)/kappa), exactly
  int na_sign = 0;                  // sign(1 - na_sum): >= 0 means NA holds; 0 means it binds
  bool st_df_cs = false;            // ST, DF, CS hold (Class-1 optimality)
  long long binding_df = 0;         // zero cells whose phi is exactly 0 (proved by identity)
  std::optional<Interval> min_phi;  // smallest phi over zero cells (enclosure)
};

// Solves ST + CS for lambda, then decides DF and NA; every decision exact or certified.
Multipliers solve_multipliers(const PlayerProblem& p);

// ---- route B: the best deviation ----------------------------------------------------

// A deviation: cells over rows + abstention (row index rows()) x cols x V.
using Deviation = std::array<Matrix, 2>;

// F at a (rows may include the abstention row, whose payoff is 0), as a certified enclosure.
Interval objective_enclosure(const PlayerProblem& p, const Deviation& a, unsigned long bits = 256);

struct BestDeviation {
  double numeric_gain = 0;  // max F - F(alpha), numeric (double, evidence only)
  long long iterations = 0;
  std::vector<std::vector<std::array<double, 2>>> numeric_best;  // [r][c][v], r up to rows()
  // Weak-duality certificate: lambda built from alpha itself; optimal when it is dual
  // feasible for every row including abstention and the duality gap is identically 0.
  bool dual_feasible = false;
  bool gap_identically_zero = false;
  std::string dual_failure;
  bool optimal_proven() const { return dual_feasible && gap_identically_zero; }
  // A profitable deviation with exact rational cells and a certified positive gain.
  std::optional<Deviation> witness;
  std::optional<Interval> witness_gain;
};

BestDeviation best_deviation(const PlayerProblem& p);

// The two routes' verdicts on implementability, and whether they agree.
struct Implementability {
  Player player;
  Multipliers multipliers;
  BestDeviation deviation;
  // true / false when decided by the route, nullopt when the route could not decide.
  std::optional<bool> by_multipliers() const { return multipliers.exist; }
  std::optional<bool> by_deviation() const;
};
Implementability check_implementability(const PlayerProblem& p);

// ---- Class-2 deviations (slides "Class 2-lemma" and its proof) ----------------------

struct Class2 {
  bool class1_optimal = false;  // ST, DF, CS (route A without NA)
  std::string class1_failure;
  ExpSum na_sum;  // sum_v exp(-Lambda(v)/kappa)
  int na_sign = 0;
  Deviation worst_direction;        // beta*: b*(v) ~ exp(-Lambda(v)/kappa), placed at argmin columns
  Interval marginal_gain;           // MG(beta*) by the general formula (certified enclosure)
  Interval closed_form;             // kappa log na_sum
  int mg_sign = 0;                  // sign of MG(beta*) (exact when it binds, via na_sum)
  std::optional<Rational> epsilon;  // when NA fails: a step with certified positive gain
  std::optional<Interval> finite_gain;
  // The directions compared with the closed form (every single positive cell, decided exactly;
  // pseudo-random ones, by enclosures): tried = not_above + above + undecided.
  long long directions_tried = 0;
  long long directions_not_above = 0;  // MG/B <= kappa log S (certified, or exactly)
  long long directions_above = 0;      // MG/B > kappa log S (certified, or exactly)
  long long directions_undecided = 0;  // enclosures of MG/B and kappa log S still overlap at 4096 bits
  std::optional<std::string> first_undecided;
  std::optional<std::string> sample_exceeding;  // a direction beating the closed form
  // For a direction that beats the closed form: the direction and a step with a certified gain.
  std::optional<std::array<Matrix, 2>> exceeding_direction;
  std::optional<Rational> exceeding_epsilon;
  std::optional<Interval> exceeding_gain;
};
// `tamper` (tests only: seeded bugs) may alter the multipliers before the analysis uses them.
Class2 check_class2(const PlayerProblem& p, long long samples = 12,
                    const std::function<void(Multipliers&)>& tamper = {});

// The marginal gain of moving beta (cells of alpha, beta <= alpha entrywise where alpha = 0)
// to the abstention row, by the general formula
//   MG(beta) = -sum beta (w - kappa log mu_r) - kappa sum_v b(v) log(b(v)/B).
Interval marginal_gain(const PlayerProblem& p, const std::array<Matrix, 2>& beta, unsigned long bits = 256);

// ---- existence of transfers (efficient trade, slides "Information structures consistent
// with efficient trade"; proofs/ly/docs/derivation.md, section 5) ----------------------------

// Whether real transfers t exist that make (alpha, q, t) implementable for the player: exactly
// (rational comparisons) when the allocation is constant along every column, by signs of
// two-term exp-sums (MPFI enclosures, certified) otherwise; `by_enclosure` is set when one of
// the signs deciding it came from an enclosure. `why` receives the obstruction.
// Why no transfers exist (proofs/ly/docs/derivation.md section 5), indices from 0: a signal with a
// boundary posterior, or in column `column` of the player's problem a cell with mass at v_lo
// (own signal `low`: d_c >= x_low) and a cell with mass at v_hi (own signal `high`: d_c <= x_high)
// with x_low > x_high, where d_c = lambda_c(hi) - lambda_c(lo) and
// x_r = sigma q_rc (u(hi) - u(lo)) - kappa log(mu_r(hi)/mu_r(lo)).
struct TransferObstruction {
  Player player = Player::buyer;  // whose problem
  bool boundary = false;          // a boundary posterior (then the fields below name it)
  Player boundary_player = Player::buyer;
  std::size_t boundary_signal = 0;
  bool boundary_found = false;
  std::size_t column = 0, low = 0, high = 0;
};
bool transfers_exist(const Structure& s, const Matrix& q, const std::array<Rational, 2>& value, const Rational& kappa,
                     Player p, std::string* why = nullptr, bool* by_enclosure = nullptr,
                     TransferObstruction* obstruction = nullptr);

// The efficient allocation: q_ij = 1 when E[u^b - u^s | s^b_i, s^s_j] > 0, 0 when < 0, and 1 at a
// tie and where the pair has probability 0 (any value is efficient there).
Matrix efficient_allocation(const Structure& s, const std::array<Rational, 2>& ub, const std::array<Rational, 2>& us);

bool interior_posteriors(const Structure& s, std::string* why = nullptr);
bool perfectly_correlated(const Structure& s, std::string* why = nullptr);
// Every connected component of the support graph (buyer and seller signals linked by a
// positive cell) has one common posterior for all its buyer and seller signals.
bool equal_posteriors_in_blocks(const Structure& s, std::string* why = nullptr, std::size_t* blocks = nullptr);

// Rational transfers for a perfectly correlated structure (I = J, diagonal) and any q that
// make it implementable for both players (proofs/ly/docs/derivation.md, section 5.1).
Mechanism perfect_correlation_transfers(const Economy& e, const Matrix& q);

}  // namespace mechcheck::ly
