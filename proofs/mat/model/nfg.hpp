#pragma once
// G*'s normal form (Matsushima 2005, Section 3) as a Gambit strategic-game file (.nfg, payoff
// version, "NFG 1 R"), with every payoff written exactly as a rational "p/q", so that dominance
// can be cross-checked in Gambit (proofs/mat/docs/nfg.md describes the format and cites its source).
//
// Two games:
//  - one trader's view (`one_player_view`): a 2-player game whose player 1 is trader i with
//    every demand function of D as a strategy (labelled by demand_text), and whose player 2 is
//    "the other traders", one strategy per ordered opponents' profile m_-i in the order of
//    opponent_profiles(e, i, |D|, false) (lexicographic, the first opponent most significant);
//    or, `reduced`, one per orbit of interchangeable opponents (opponent_profiles(.., true);
//    sound for trader i's dominance, see dominance.hpp, but not the same game for player 2).
//    Player 1's payoff is u_i(g(m)) = payoff_table<Rational>; player 2's is 0.
//  - the whole game (`whole_game`): N players, trader j has every demand function of D, and
//    each profile's payoffs are u_j(g(m)) from outcome_counts / expected_utility<Rational>.
// Both refuse, with NormalFormTooLarge, a table of more than `limit` strategy profiles or one
// whose brute force evaluates more than 1000 x `limit` (phi, p, rule) outcomes.
#include "mat/model/dominance.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace mechcheck::mat {

// A finite game in normal form with exact payoffs, in Gambit's order: profile c has player 1's
// strategy varying fastest, c = s_1 + n_1 (s_2 + n_2 (s_3 + ...)), and payoff[c * players + j]
// is player j's payoff there (0-based).
struct NormalForm {
  std::string title;
  std::string comment;
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;  // labels, per player
  std::vector<Rational> payoff;

  std::size_t player_count() const { return players.size(); }
  std::uint64_t profile_count() const;  // prod_j |strategies[j]|
};

// The table the export would write exceeds the limit. `what()` says how large (and why);
// `size` is the number it was compared with, so a caller can say which limit raises it.
class NormalFormTooLarge : public std::runtime_error {
 public:
  NormalFormTooLarge(const std::string& message, std::uint64_t size, std::uint64_t limit)
      : std::runtime_error(message), size(size), limit(limit) {}
  std::uint64_t size, limit;
};

// Default of `limit`: strategy profiles in the written table.
constexpr std::uint64_t default_normal_form_limit = 1'000'000;

// Trader i's view (trader 0-based). Throws std::invalid_argument for a trader outside
// 0..N-1, NormalFormTooLarge as described above.
NormalForm one_player_view(const Economy& e, int trader, bool reduced, std::uint64_t limit = default_normal_form_limit);

// All N traders. Throws NormalFormTooLarge as described above.
NormalForm whole_game(const Economy& e, std::uint64_t limit = default_normal_form_limit);

// The .nfg text, payoff version: the prologue with the title, the player names, the nested
// list of strategy labels and the comment, then the flat list of payoffs (player 1's strategy
// fastest; within a profile, players in order). Rationals are written "p/q" or "p".
std::string nfg_text(const NormalForm& game);

// A text label in double quotes as Gambit reads it: `"` becomes `\"`. Gambit's reader cannot
// represent a backslash right before the closing quote (it reads `\"` as a quote), so every
// backslash is written as '/'.
std::string nfg_quote(const std::string& text);

// "2:[0,1] 3:[1,1] 4:[2,2]": the opponents' demand functions of profile o, 1-based traders.
std::string opponents_label(const Economy& e, const OpponentProfiles& opponents,
                            const std::vector<DemandFunction>& strategies, std::size_t o);

}  // namespace mechcheck::mat
