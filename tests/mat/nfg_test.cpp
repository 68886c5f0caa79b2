// G*'s normal form as a Gambit .nfg file (nfg.hpp, proofs/mat/docs/nfg.md): the file is read back by
// a small reader written here from Gambit's format description (prologue "NFG 1 R" title,
// players, nested strategy labels, comment; then the flat payoff list, player 1's strategy
// varying fastest), and its payoffs are compared exactly with payoff_table<Rational>; the whole
// game against the one-player views (two routes: per-profile outcome_counts against the
// outcome table); a hand-computed payoff; and bad arguments, in the library and the CLI.
#include "support/cli_process.hpp"
#include "mat/model/nfg.hpp"
#include "mechcheck/number/kind_rational.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mechcheck;
using namespace mechcheck::mat;
using Q = Rational;
namespace fs = std::filesystem;

namespace {

// Four traders in two groups, k = 1, l = 2, T = 1 (prices 0, 1), endowments 1: |D| = 3^2 = 9.
Economy tiny_economy() {
  Economy e;
  e.grid = Grid{1, 2, 1};
  e.groups = 2;
  e.group_size = 2;
  e.epsilon = Q(1, 20);
  Trader high{{1}, {0, Q(3, 2), Q(12, 5)}, {}};
  Trader low{{1}, {0, Q(1, 3), Q(1, 2)}, {}};
  e.traders = {high, high, low, low};
  return e;
}

// The same economy as a case file, for the command line.
const char* tiny_case = R"([case]
name = "nfg-tiny"
model = "mat"

[mat]
goods = 1
bound = 2
price_grid = 1
groups = 2
epsilon = "1/20"

[[mat.trader]]
endowment = [1]
values = ["0", "3/2", "12/5"]
count = 2

[[mat.trader]]
endowment = [1]
values = ["0", "1/3", "1/2"]
count = 2
)";

// ---- a reader for Gambit's .nfg (payoff version) ------------------------------------------

struct Token {
  enum Kind { number, text, symbol, lbrace, rbrace, end } kind;
  std::string value;
};

// Tokens as Gambit's lexer forms them: whitespace separates; { and }; "..." with \" for a quote;
// numbers [+-]digits[.digits][/digits]; anything else up to whitespace is a symbol.
std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (true) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i == s.size()) break;
    const char c = s[i];
    if (c == '{' || c == '}') {
      out.push_back({c == '{' ? Token::lbrace : Token::rbrace, std::string(1, c)});
      ++i;
    } else if (c == '"') {
      std::string text;
      ++i;
      while (true) {
        if (i == s.size()) BOOST_FAIL("end of file inside a quoted label");
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '"') {
          text += '"';
          i += 2;
        } else if (s[i] == '"') {
          ++i;
          break;
        } else {
          text += s[i++];
        }
      }
      out.push_back({Token::text, text});
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+') {
      std::size_t j = i + 1;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '/' || s[j] == '.')) ++j;
      out.push_back({Token::number, s.substr(i, j - i)});
      i = j;
    } else {
      std::size_t j = i;
      while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({Token::symbol, s.substr(i, j - i)});
      i = j;
    }
  }
  out.push_back({Token::end, ""});
  return out;
}

struct ParsedGame {
  std::string title, comment;
  std::vector<std::string> players;
  std::vector<std::vector<std::string>> strategies;
  std::vector<std::string> payoff_text;  // as written
  std::vector<Q> payoff;
};

ParsedGame parse_nfg(const std::string& file) {
  const auto t = tokenize(file);
  std::size_t k = 0;
  auto expect = [&](Token::Kind kind, const std::string& what) -> const Token& {
    if (t[k].kind != kind) BOOST_FAIL("expected " << what << " at token " << k << ", got '" << t[k].value << "'");
    return t[k++];
  };
  ParsedGame g;
  BOOST_REQUIRE(expect(Token::symbol, "NFG").value == "NFG");
  BOOST_REQUIRE(expect(Token::number, "version").value == "1");
  BOOST_REQUIRE(expect(Token::symbol, "R").value == "R");
  g.title = expect(Token::text, "title").value;
  expect(Token::lbrace, "{ of the players");
  while (t[k].kind == Token::text) g.players.push_back(t[k++].value);
  expect(Token::rbrace, "} of the players");
  expect(Token::lbrace, "{ of the strategies");
  if (t[k].kind == Token::lbrace) {  // nested labels, one list per player
    for (std::size_t p = 0; p < g.players.size(); ++p) {
      expect(Token::lbrace, "{ of a player's strategies");
      g.strategies.emplace_back();
      while (t[k].kind == Token::text) g.strategies.back().push_back(t[k++].value);
      expect(Token::rbrace, "} of a player's strategies");
    }
  } else {  // counts
    for (std::size_t p = 0; p < g.players.size(); ++p) {
      const int n = std::stoi(expect(Token::number, "a strategy count").value);
      g.strategies.emplace_back();
      for (int s = 1; s <= n; ++s) g.strategies.back().push_back(std::to_string(s));
    }
  }
  expect(Token::rbrace, "} of the strategies");
  if (t[k].kind == Token::text) g.comment = t[k++].value;
  while (t[k].kind == Token::number) {
    g.payoff_text.push_back(t[k].value);
    std::string why;
    auto q = parse_rational(t[k].value, &why);
    if (!q) BOOST_FAIL("payoff '" << t[k].value << "': " << why);
    g.payoff.push_back(*q);
    ++k;
  }
  expect(Token::end, "end of file after the payoffs");
  std::size_t profiles = 1;
  for (const auto& s : g.strategies) profiles *= s.size();
  BOOST_REQUIRE_EQUAL(g.payoff.size(), profiles * g.players.size());
  return g;
}

// ---- helpers ---------------------------------------------------------------------------

std::vector<DemandFunction> all_demand_functions(const Economy& e) {
  std::vector<DemandFunction> d;
  for (std::uint64_t s = 0; s < demand_function_count(e.grid); ++s) d.push_back(demand_function(e.grid, s));
  return d;
}

struct View {
  OpponentProfiles opponents;
  std::vector<Q> U;
};

View exact_view(const Economy& e, int trader, bool symmetry) {
  const auto D = all_demand_functions(e);
  View v;
  v.opponents = opponent_profiles(e, trader, D.size(), symmetry);
  v.U = payoff_table<Q>(e, trader, outcome_table(e, D, v.opponents));
  return v;
}

// The ordered opponents' profile index of the strategies `of` (opponents in trader order, the
// first most significant), as opponent_profiles(.., false) lists them.
std::size_t ordered_index(const std::vector<std::uint32_t>& of, std::size_t strategies) {
  std::size_t o = 0;
  for (auto s : of) o = o * strategies + s;
  return o;
}

using Run = mechcheck::testing::CliResult;
using mechcheck::testing::contains;
using mechcheck::testing::read_text;

struct Scratch : mechcheck::testing::ScratchDirectory {
  Scratch() : ScratchDirectory("mechcheck-nfg-test") {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_nfg)

BOOST_AUTO_TEST_CASE(one_trader_view_reads_back_with_the_exact_payoff_table) {
  const Economy e = tiny_economy();
  const auto D = all_demand_functions(e);
  BOOST_REQUIRE_EQUAL(D.size(), 9u);
  for (int trader : {0, 2}) {  // one trader of each type
    const ParsedGame g = parse_nfg(nfg_text(one_player_view(e, trader, false)));
    const View v = exact_view(e, trader, false);
    BOOST_TEST(g.title == "G* (Matsushima 2005), trader " + std::to_string(trader + 1) + "'s view");
    BOOST_REQUIRE_EQUAL(g.players.size(), 2u);
    BOOST_TEST(g.players[0] == "Trader " + std::to_string(trader + 1));
    BOOST_REQUIRE_EQUAL(g.strategies[0].size(), 9u);
    BOOST_REQUIRE_EQUAL(g.strategies[1].size(), 729u);  // 9^3 ordered opponents' profiles
    BOOST_REQUIRE_EQUAL(v.opponents.profiles.size(), 729u);
    for (std::size_t s = 0; s < D.size(); ++s) BOOST_TEST(g.strategies[0][s] == demand_text(e.grid, D[s]));
    BOOST_TEST(g.strategies[1][0] == (trader == 0 ? "2:[0,0] 3:[0,0] 4:[0,0]" : "1:[0,0] 2:[0,0] 4:[0,0]"));
    BOOST_TEST(g.strategies[1][728] == (trader == 0 ? "2:[2,2] 3:[2,2] 4:[2,2]" : "1:[2,2] 2:[2,2] 4:[2,2]"));
    BOOST_TEST(!g.comment.empty());
    // Gambit's order: player 1's strategy fastest, so profile (s, o) is entry s + 9 o.
    std::size_t mismatches = 0, fractions = 0;
    for (std::size_t o = 0; o < 729; ++o)
      for (std::size_t s = 0; s < 9; ++s) {
        const std::size_t c = s + 9 * o;
        if (g.payoff[2 * c] != v.U[s * 729 + o] || g.payoff[2 * c + 1] != 0) ++mismatches;
        if (contains(g.payoff_text[2 * c], "/")) ++fractions;
      }
    BOOST_TEST(mismatches == 0u);
    BOOST_TEST(fractions > 0u);  // the payoffs are written as exact fractions, not decimals
  }
}

BOOST_AUTO_TEST_CASE(a_hand_computed_payoff_appears_where_gambit_looks_for_it) {
  // Everyone announces d = [1,1] (the endowment at both prices): u_1 = 597/400 (computed by hand
  // in mat_model_test). [1,1] is strategy 1*3 + 1 = 4; the opponents' profile is
  // 4*81 + 4*9 + 4 = 364; Gambit's entry is 4 + 9*364, player 1's payoff comes first.
  const ParsedGame g = parse_nfg(nfg_text(one_player_view(tiny_economy(), 0, false)));
  BOOST_TEST(g.strategies[0][4] == "[1,1]");
  BOOST_TEST(g.strategies[1][364] == "2:[1,1] 3:[1,1] 4:[1,1]");
  BOOST_TEST(g.payoff_text[2 * (4 + 9 * 364)] == "597/400");
  BOOST_TEST(g.payoff_text[2 * (4 + 9 * 364) + 1] == "0");
}

BOOST_AUTO_TEST_CASE(whole_game_agrees_with_every_one_trader_view) {
  const Economy e = tiny_economy();
  const ParsedGame g = parse_nfg(nfg_text(whole_game(e)));
  BOOST_REQUIRE_EQUAL(g.players.size(), 4u);
  for (int j = 0; j < 4; ++j) {
    BOOST_TEST(g.players[j] == "Trader " + std::to_string(j + 1));
    BOOST_REQUIRE_EQUAL(g.strategies[j].size(), 9u);
  }
  BOOST_REQUIRE_EQUAL(g.payoff.size(), 6561u * 4);
  // Route 1: the whole game, u_j from outcome_counts of each full profile. Route 2: trader j's
  // outcome table over ordered opponents' profiles. Profile c = s_1 + 9 s_2 + 81 s_3 + 729 s_4.
  for (int j = 0; j < 4; ++j) {
    const View v = exact_view(e, j, false);
    std::size_t mismatches = 0;
    for (std::size_t c = 0; c < 6561; ++c) {
      std::vector<std::uint32_t> s(4);
      std::size_t rest = c;
      for (int t = 0; t < 4; ++t) {
        s[t] = static_cast<std::uint32_t>(rest % 9);
        rest /= 9;
      }
      std::vector<std::uint32_t> others;
      for (int t = 0; t < 4; ++t)
        if (t != j) others.push_back(s[t]);
      if (g.payoff[4 * c + j] != v.U[s[j] * 729 + ordered_index(others, 9)]) ++mismatches;
    }
    BOOST_TEST(mismatches == 0u, "trader " << j + 1 << ": " << mismatches << " profiles differ");
  }
}

BOOST_AUTO_TEST_CASE(reduced_view_lists_one_profile_per_orbit_with_the_same_payoffs) {
  const Economy e = tiny_economy();
  const ParsedGame g = parse_nfg(nfg_text(one_player_view(e, 0, true)));
  const View reduced = exact_view(e, 0, true), full = exact_view(e, 0, false);
  // Opponents 2, 3, 4 all have endowment 1: one class of 3, C(9 + 2, 3) = 165 multisets.
  BOOST_REQUIRE_EQUAL(g.strategies[1].size(), 165u);
  BOOST_TEST(g.strategies[1][1] == "2:[0,0] 3:[0,0] 4:[0,1] (orbit of 3)");
  std::size_t mismatches = 0;
  for (std::size_t o = 0; o < 165; ++o) {
    const std::size_t ordered = ordered_index(reduced.opponents.profiles[o], 9);
    for (std::size_t s = 0; s < 9; ++s) {
      if (g.payoff[2 * (s + 9 * o)] != reduced.U[s * 165 + o]) ++mismatches;
      if (g.payoff[2 * (s + 9 * o)] != full.U[s * 729 + ordered]) ++mismatches;
    }
  }
  BOOST_TEST(mismatches == 0u);
  // Dominance for player 1 is the same in both games.
  BOOST_TEST((pure_dominators<Q>(reduced.U, 9, 165) == pure_dominators<Q>(full.U, 9, 729)));
}

BOOST_AUTO_TEST_CASE(labels_with_quotes_and_backslashes_read_back) {
  NormalForm game;
  game.title = "a \"quoted\" title\\";
  game.comment = "";
  game.players = {"P \"1\"", "P2"};
  game.strategies = {{"x", "y"}, {"z"}};
  game.payoff = {Q(-3, 2), Q(0), Q(7), Q(1, 3)};
  const ParsedGame g = parse_nfg(nfg_text(game));
  BOOST_TEST(g.title == "a \"quoted\" title/");  // a backslash before the closing quote cannot be read back
  BOOST_TEST(g.players[0] == "P \"1\"");
  BOOST_TEST(g.payoff_text == (std::vector<std::string>{"-3/2", "0", "7", "1/3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_arguments_are_refused_with_the_rule_and_the_size) {
  const Economy e = tiny_economy();
  BOOST_CHECK_THROW(one_player_view(e, 4, false), std::invalid_argument);
  BOOST_CHECK_THROW(one_player_view(e, -1, false), std::invalid_argument);
  try {
    whole_game(e, 1000);
    BOOST_FAIL("a whole game of 6561 profiles passed a limit of 1000");
  } catch (const NormalFormTooLarge& error) {
    BOOST_TEST(error.size == 6561u);
    BOOST_TEST(contains(error.what(), "9^4 = 6561"), error.what());
  }
  try {
    one_player_view(e, 0, false, 6560);
    BOOST_FAIL("a view of 6561 profiles passed a limit of 6560");
  } catch (const NormalFormTooLarge& error) {
    BOOST_TEST(error.size == 6561u);
    BOOST_TEST(contains(error.what(), "9 x 729 = 6561"), error.what());
  }
  BOOST_CHECK_NO_THROW(one_player_view(e, 0, false, 6561));
}

BOOST_AUTO_TEST_CASE(command_line_writes_the_file_and_refuses_bad_arguments_with_status_2) {
  Scratch scratch;
  const std::string case_file = scratch.path("tiny.toml"), out = scratch.path("tiny.nfg");
  std::ofstream(case_file) << tiny_case;
  const std::string c = "'" + case_file + "'", o = " --out '" + out + "'";

  Run ok = scratch.run("export mat.nfg " + c + " --set trader=3" + o);
  BOOST_TEST(ok.status == 0);
  const ParsedGame g = parse_nfg(read_text(out));
  BOOST_TEST(g.title == "nfg-tiny: G* (Matsushima 2005), trader 3's view");
  const View v = exact_view(tiny_economy(), 2, false);
  std::size_t mismatches = 0;
  for (std::size_t o2 = 0; o2 < 729; ++o2)
    for (std::size_t s = 0; s < 9; ++s) mismatches += g.payoff[2 * (s + 9 * o2)] != v.U[s * 729 + o2];
  BOOST_TEST(mismatches == 0u);

  struct Bad {
    std::string arguments, message;
  };
  const std::vector<Bad> bad = {
      {"export mat.nfg " + c + " --set trader=5" + o,
       "option --set trader: must be a trader of the case, 1..4, but it is 5"},
      {"export mat.nfg " + c + " --set trader=0" + o,
       "option --set trader: must be a whole number in [1, 1000000] written in decimal digits, but it is '0'"},
      {"export mat.nfg " + c + o, "option --set trader: required"},
      {"export mat.nfg " + c + " --set whole=yes --set reduced=yes" + o,
       "options --set whole=yes and --set reduced=yes"},
      {"export mat.nfg " + c + " --set trader=1 --set limit=100" + o, "raise the limit with --set limit=6561"},
      {"export mat.nfg " + c + " --set whole=yes --set limit=6560" + o,
       "9^4 = 6561 strategy profiles, above the limit of 6560"},
      {"export mat.nfg " + c + " --set trader=1 --out '" + scratch.path("missing/x.nfg") + "'", "option --out"},
  };
  for (const auto& b : bad) {
    fs::remove(out);
    Run r = scratch.run(b.arguments);
    BOOST_TEST(r.status == 2, b.arguments);
    BOOST_TEST(contains(r.err, "mechcheck: error: "), r.err);
    BOOST_TEST(contains(r.err, b.message), "expected '" << b.message << "' in: " << r.err);
    BOOST_TEST(!fs::exists(out), "nothing is written on bad input: " << b.arguments);
  }
}

BOOST_AUTO_TEST_SUITE_END()
