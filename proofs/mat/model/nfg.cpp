// G*'s normal form as a Gambit .nfg file (payoff version), exactly: see nfg.hpp and
// proofs/mat/docs/nfg.md.
#include "mat/model/nfg.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include "mechcheck/number/parallel_for.hpp"

#include <algorithm>
#include <optional>
#include <sstream>

namespace mechcheck::mat {
namespace {

// a * b, or nullopt past 2^64.
std::optional<std::uint64_t> times(std::uint64_t a, std::uint64_t b) {
  if (b != 0 && a > UINT64_MAX / b) return std::nullopt;
  return a * b;
}

std::string count_text(std::optional<std::uint64_t> n) { return n ? std::to_string(*n) : "more than 2^64"; }

std::uint64_t strategy_count(const Economy& e) {
  try {
    return demand_function_count(e.grid);
  } catch (const std::overflow_error& error) {
    throw NormalFormTooLarge(std::string("|D| is beyond 2^64: ") + error.what(), UINT64_MAX, 0);
  }
}

// Refuses `profiles` table entries (each costing `outcomes_per_profile` (phi, p, rule)
// outcomes) above the limit; `what` describes the table ("trader 1's view has ...").
void check_size(const std::string& what, std::optional<std::uint64_t> profiles, std::uint64_t outcomes_per_profile,
                std::uint64_t limit) {
  if (!profiles || *profiles > limit)
    throw NormalFormTooLarge(what + " strategy profiles, above the limit of " + std::to_string(limit),
                             profiles.value_or(UINT64_MAX), limit);
  const auto outcomes = times(*profiles, outcomes_per_profile);
  const auto budget = times(limit, 1000);
  if (!outcomes || (budget && *outcomes > *budget))
    throw NormalFormTooLarge(what + " strategy profiles, whose payoffs take " + count_text(outcomes) +
                                 " (phi, p, rule) outcomes of G*'s lottery, above 1000 x the limit of " +
                                 std::to_string(limit),
                             outcomes ? std::max(*profiles, *outcomes / 1000 + 1) : UINT64_MAX, limit);
}

std::string trader_text(const Economy& e, int j) {
  const Trader& t = e.traders[j];
  std::string s = "trader " + std::to_string(j + 1) + ": e = (";
  for (std::size_t h = 0; h < t.endowment.size(); ++h) s += (h ? "," : "") + std::to_string(t.endowment[h]);
  s += "), v = (";
  for (std::size_t x = 0; x < t.value.size(); ++x) s += (x ? ", " : "") + mechcheck::to_string(t.value[x]);
  s += ")";
  if (t.money.linear()) {
    s += ", w(m) = m";
  } else {
    s += ", w(m) = min(";
    for (std::size_t j2 = 0; j2 < t.money.pieces.size(); ++j2)
      s += (j2 ? ", " : "") + mechcheck::to_string(t.money.pieces[j2].first) + " m + " +
           mechcheck::to_string(t.money.pieces[j2].second);
    s += ")";
  }
  return s;
}

std::string economy_text(const Economy& e) {
  std::string s = "Matsushima (2005) mechanism G*: k = " + std::to_string(e.grid.goods) +
                  ", l = " + std::to_string(e.grid.bound) + ", T = " + std::to_string(e.grid.price_grid) +
                  ", N = " + std::to_string(e.trader_count()) + " traders in r = " + std::to_string(e.groups) +
                  " groups of n = " + std::to_string(e.group_size) + ", epsilon = " + mechcheck::to_string(e.epsilon) +
                  "; readings: price_tie_break = " + to_string(e.tie_break) +
                  ", trading_price = " + to_string(e.trading_price) + ", underline_n = " + to_string(e.underline_n) +
                  ", rule2_supply = " + to_string(e.rule2_supply) + ". Traders: ";
  for (int j = 0; j < e.trader_count(); ++j) s += (j ? "; " : "") + trader_text(e, j);
  s += ". A demand function [d(0), d(1/T), ..., d(1)] lists the bundle demanded at each price of the grid.";
  return s;
}

std::vector<DemandFunction> all_demand_functions(const Economy& e, std::uint64_t count) {
  std::vector<DemandFunction> all;
  all.reserve(count);
  for (std::uint64_t s = 0; s < count; ++s) all.push_back(demand_function(e.grid, s));
  return all;
}

std::vector<std::string> demand_labels(const Economy& e, const std::vector<DemandFunction>& strategies) {
  std::vector<std::string> labels;
  labels.reserve(strategies.size());
  for (const auto& d : strategies) labels.push_back(demand_text(e.grid, d));
  return labels;
}

}  // namespace

std::uint64_t NormalForm::profile_count() const {
  std::uint64_t n = 1;
  for (const auto& s : strategies) n *= s.size();
  return n;
}

std::string opponents_label(const Economy& e, const OpponentProfiles& opponents,
                            const std::vector<DemandFunction>& strategies, std::size_t o) {
  std::string s;
  for (std::size_t j = 0; j < opponents.opponents.size(); ++j)
    s += (j ? " " : "") + std::to_string(opponents.opponents[j] + 1) + ":" +
         demand_text(e.grid, strategies[opponents.profiles[o][j]]);
  return s;
}

NormalForm one_player_view(const Economy& e, int trader, bool reduced, std::uint64_t limit) {
  const int N = e.trader_count();
  if (trader < 0 || trader >= N)
    throw std::invalid_argument("trader " + std::to_string(trader + 1) +
                                " does not exist: the economy has traders 1.." + std::to_string(N));
  const std::uint64_t S = strategy_count(e);
  std::optional<std::uint64_t> O;
  try {
    O = count_opponent_profiles(e, trader, S, reduced);
  } catch (const std::overflow_error&) {}
  const std::string who = "trader " + std::to_string(trader + 1) + "'s view";
  const auto cells = O ? times(S, *O) : std::nullopt;
  check_size(who + " has |D| x " + (reduced ? "orbits" : "profiles") + " = " + std::to_string(S) + " x " +
                 count_text(O) + " = " + count_text(cells),
             cells, factorial(N) * (1 + e.grid.price_count()), limit);

  const auto strategies = all_demand_functions(e, S);
  const OpponentProfiles opponents = opponent_profiles(e, trader, S, reduced);
  const OutcomeTable table = outcome_table(e, strategies, opponents);
  const std::vector<Rational> U = payoff_table<Rational>(e, trader, table);

  NormalForm game;
  game.title = "G* (Matsushima 2005), trader " + std::to_string(trader + 1) + "'s view" +
               (reduced ? " (other traders' profiles up to symmetry)" : "");
  std::string others;
  for (int j : opponents.opponents) others += (others.empty() ? "" : ", ") + std::to_string(j + 1);
  game.players = {"Trader " + std::to_string(trader + 1), "Other traders (" + others + ")"};
  game.strategies.push_back(demand_labels(e, strategies));
  game.strategies.emplace_back();
  auto& columns = game.strategies.back();
  columns.reserve(opponents.profiles.size());
  for (std::size_t o = 0; o < opponents.profiles.size(); ++o)
    columns.push_back(opponents_label(e, opponents, strategies, o) +
                      (reduced ? " (orbit of " + std::to_string(opponents.orbit_size[o]) + ")" : ""));

  const std::size_t rows = strategies.size(), cols = opponents.profiles.size();
  game.payoff.assign(rows * cols * 2, Rational(0));
  for (std::size_t s = 0; s < rows; ++s)
    for (std::size_t o = 0; o < cols; ++o) game.payoff[(s + rows * o) * 2] = U[s * cols + o];

  game.comment =
      economy_text(e) + " Player 1 is trader " + std::to_string(trader + 1) +
      ", with every demand function as a strategy; its payoff is u_" + std::to_string(trader + 1) +
      "(g(m)), G*'s exact expected utility. Player 2 stands for the other traders (" + others + "); its payoff is 0. " +
      (reduced ? "Player 2's strategies are one opponents' profile per orbit of interchangeable opponents (equal "
                 "endowments; 'orbit of k' = how many ordered profiles it stands for): u_i(g(m)) is constant on an "
                 "orbit, so player 1's dominance relations are those of the full game."
               : "Player 2's strategies are all ordered opponents' profiles, the first listed opponent's demand "
                 "function most significant.");
  return game;
}

NormalForm whole_game(const Economy& e, std::uint64_t limit) {
  const int N = e.trader_count();
  const std::uint64_t S = strategy_count(e);
  std::optional<std::uint64_t> profiles = 1;
  for (int j = 0; j < N && profiles; ++j) profiles = times(*profiles, S);
  check_size("the whole game has |D|^N = " + std::to_string(S) + "^" + std::to_string(N) + " = " + count_text(profiles),
             profiles, factorial(N) * (1 + e.grid.price_count()) * N, limit);

  const auto strategies = all_demand_functions(e, S);
  NormalForm game;
  game.title = "G* (Matsushima 2005), all " + std::to_string(N) + " traders";
  const auto labels = demand_labels(e, strategies);
  for (int j = 0; j < N; ++j) {
    game.players.push_back("Trader " + std::to_string(j + 1));
    game.strategies.push_back(labels);
  }
  std::vector<std::vector<Rational>> utilities;
  for (int j = 0; j < N; ++j) utilities.push_back(utility_table<Rational>(e, j));

  game.payoff.assign(*profiles * N, Rational(0));
  // An allocation outside {0..l} is reported for the least profile where it happens, whichever
  // thread meets one first (the error is the same every run).
  LeastKeyed<std::uint64_t, std::string> infeasible;
  mechcheck::parallel_for(std::uint64_t(0), *profiles, [&](std::uint64_t c) {
    if (infeasible.settled_below(c)) return;
    Profile profile(N);
    std::uint64_t rest = c;
    for (int j = 0; j < N; ++j) {  // player 1's strategy is the least significant digit
      profile[j] = &strategies[rest % S];
      rest /= S;
    }
    try {
      for (int j = 0; j < N; ++j)
        game.payoff[c * N + j] = expected_utility<Rational>(e, outcome_counts(e, j, profile), utilities[j]);
    } catch (const InfeasibleOutcome& error) {
      infeasible.offer(c, error.what());
    }
  });
  if (infeasible.kept()) throw InfeasibleOutcome(infeasible.kept()->second);
  game.comment = economy_text(e) +
                 " Player j is trader j, with every demand function as a strategy; its payoff is "
                 "u_j(g(m)), G*'s exact expected utility.";
  return game;
}

std::string nfg_quote(const std::string& text) {
  std::string s = "\"";
  for (char c : text) {
    if (c == '"') s += "\\\"";
    else if (c == '\\') s += '/';
    else s += c;
  }
  return s + "\"";
}

std::string nfg_text(const NormalForm& game) {
  if (game.strategies.size() != game.players.size())
    throw std::logic_error("nfg_text: strategy lists for " + std::to_string(game.strategies.size()) + " players, not " +
                           std::to_string(game.players.size()));
  const std::size_t n = game.player_count();
  const std::uint64_t profiles = game.profile_count();
  if (game.payoff.size() != profiles * n)
    throw std::logic_error("nfg_text: " + std::to_string(game.payoff.size()) + " payoffs for " +
                           std::to_string(profiles) + " profiles of " + std::to_string(n) + " players");
  std::ostringstream out;
  out << "NFG 1 R " << nfg_quote(game.title) << " {";
  for (const auto& p : game.players) out << ' ' << nfg_quote(p);
  out << " }\n\n{";
  for (std::size_t j = 0; j < n; ++j) {
    out << (j ? "\n  {" : " {");
    for (const auto& label : game.strategies[j]) out << ' ' << nfg_quote(label);
    out << " }";
  }
  out << "\n}\n" << nfg_quote(game.comment) << "\n\n";
  for (std::uint64_t c = 0; c < profiles; ++c) {
    for (std::size_t j = 0; j < n; ++j) out << (j ? " " : "") << mechcheck::to_string(game.payoff[c * n + j]);
    out << '\n';
  }
  return out.str();
}

}  // namespace mechcheck::mat
