// The files the mat paper exports (`mechcheck export`): G*'s normal form as a Gambit .nfg game
// with exact payoffs (proofs/mat/docs/nfg.md).
#include "mat/paper.hpp"

#include "mat/model/economy.hpp"
#include "mat/model/nfg.hpp"
#include "mechcheck/cases/arguments.hpp"
#include "mechcheck/cases/input_error.hpp"

namespace mechcheck::mat {

namespace {

constexpr unsigned long long max_trader = 1'000'000;
constexpr unsigned long long max_profiles = 1'000'000'000'000'000'000ull;  // 10^18

ExportedFile normal_form_file(const Case& c, const probe::Settings& settings) {
  const bool whole = yes_no_argument("option --set whole", settings.at("whole"));
  const bool reduced = yes_no_argument("option --set reduced", settings.at("reduced"));
  const unsigned long long limit = whole_number_argument("option --set limit", settings.at("limit"), 1, max_profiles);
  if (whole && reduced)
    throw InputError(
        "options --set whole=yes and --set reduced=yes: reduced lists the other traders' profiles up to "
        "symmetry in one trader's view; the whole game has no such player, so use one of them");
  const std::string& trader_text = settings.at("trader");
  if (!whole && trader_text.empty())
    throw InputError(
        "option --set trader: required for one trader's view (or --set whole=yes for the game of all "
        "traders)");
  const auto& economy = c.model_data<Economy>();
  const int N = economy.trader_count();
  unsigned long long trader = 0;
  if (!trader_text.empty()) {
    trader = whole_number_argument("option --set trader", trader_text, 1, max_trader);
    if (trader > static_cast<unsigned long long>(N))
      throw InputError("option --set trader: must be a trader of the case, 1.." + std::to_string(N) + ", but it is " +
                       std::to_string(trader));
  }
  NormalForm game;
  try {
    game = whole ? whole_game(economy, limit) : one_player_view(economy, static_cast<int>(trader) - 1, reduced, limit);
  } catch (const NormalFormTooLarge& e) {
    throw InputError(c.path + ": " + e.what() + "; raise the limit with --set limit=" + std::to_string(e.size) +
                     (whole ? " or export one trader's view (--set trader=I without whole=yes)"
                            : (reduced ? "" : " or list the other traders up to symmetry with --set reduced=yes")));
  }
  game.title = c.name + ": " + game.title;
  std::string summary = std::to_string(game.player_count()) + " players, strategies";
  for (std::size_t j = 0; j < game.player_count(); ++j)
    summary += (j ? " x " : " ") + std::to_string(game.strategies[j].size());
  summary += " = " + std::to_string(game.profile_count()) + " profiles, exact payoffs";
  return {nfg_text(game), summary};
}

}  // namespace

std::vector<ExportWriter> exports() {
  return {{"mat.nfg",
           "G* of Matsushima (2005) as a Gambit .nfg game with exact payoffs: one trader's view (player 1 that "
           "trader, player 2 the others) or the game of all traders",
           {{"trader", "player 1 is this trader (1-based); required unless whole=yes", ""},
            {"whole", "yes: the game of all N traders (|D|^N profiles) instead", "no"},
            {"reduced", "yes: list the other traders' profiles up to symmetry (one trader's view only)", "no"},
            {"limit", "largest number of strategy profiles to write (1 <= N <= 10^18)",
             std::to_string(default_normal_form_limit)}},
           normal_form_file}};
}

}  // namespace mechcheck::mat
