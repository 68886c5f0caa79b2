// mat.convergence -- Matsushima (2005), Section 3, the paragraph after Theorem 1 (law of large
// numbers): with price-taking announcements each group's clearing price approaches the competitive
// price and n-tilde/n approaches 1 as n grows. Here: hand-computed clearing prices and n-tilde on
// fixed permutations, the documented sampler against an independent implementation of its
// specification, reproducibility from the seed, bad [mat.convergence] tables, the committed cases,
// SampleMean as a number kind, the figure files, seeded bugs (non-price-taking announcements, a
// coarse grid) that the checker must refute, and the claim's precondition through the command line
// (a default study too large). Elsewhere: its altered witness that the re-check must reject in
// feasibility_test.cpp (altered_allocation_witnesses_fail_their_rechecks, one case for four claims).
#include "fixtures.hpp"
#include "mat/model/convergence.hpp"
#include "mat/claims/convergence.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <regex>
#include <sstream>
#include <unistd.h>

using namespace mechcheck;
using namespace mechcheck::mat;
using namespace mechcheck::testing::mat_tests;
using Q = Rational;

namespace {

// The four types of cases/mat/convergence-four-types.toml: k = 1, l = 2, T = 4, one of each.
// Smallest price-taking demands at p = 0, 1/4, 1/2, 3/4, 1:
//   S1 1,0,0,0,0   S2 1,1,1,0,0   B1 2,2,1,1,0   B2 2,2,2,2,0;  supply 1, 1, 1, 0.
Economy four_types(int price_grid = 4) {
  Economy e;
  e.grid = Grid{1, 2, price_grid};
  e.groups = 2;
  e.group_size = 2;
  e.epsilon = Q(1, 10);
  e.traders = {Trader{{1}, {0, Q(1, 8), Q(1, 8)}, {}}, Trader{{1}, {0, Q(5, 8), Q(5, 8)}, {}},
               Trader{{1}, {0, 1, Q(11, 8)}, {}}, Trader{{0}, {0, Q(7, 8), Q(7, 4)}, {}}};
  return e;
}

ConvergenceStudy small_study() {
  ConvergenceStudy s;
  s.replications = {1, 4, 16, 64};
  s.draws = 100;
  s.seed = 1;
  s.max_price_gap = Q(1, 8);
  s.min_served = Q(4, 5);
  return s;
}

std::string write_temp(const std::string& stem, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("mechcheck-mat-convergence-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / (stem + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

const std::string economy_text = R"([case]
name = "bad"
model = "mat"

[mat]
goods = 1
bound = 2
price_grid = 4
groups = 2
epsilon = "1/10"

[[mat.trader]]
endowment = [1]
values = ["0", "1/8", "1/8"]

[[mat.trader]]
endowment = [1]
values = ["0", "5/8", "5/8"]

[[mat.trader]]
endowment = [1]
values = ["0", "1", "11/8"]

[[mat.trader]]
endowment = [0]
values = ["0", "7/8", "7/4"]

[mat.convergence]
)";  // the study's keys start on line 29

std::string load_error(const std::string& study) {
  const std::string path = write_temp("bad", economy_text + study);
  try {
    builtin_papers().load_case(path);
  } catch (const InputError& e) {
    return e.what();
  }
  BOOST_FAIL("loaded although it is bad: " << study);
  return "";
}

Outcome run(const Case& c) { return run_claim(*builtin_papers().find("mat.convergence"), c, CheckContext{}); }

// The judge alone on a table, as the checker calls it.
Outcome judge(const ConvergenceTable& table, const ConvergenceStudy& study, const Grid& grid) {
  const CheckContext context;
  Check check(context);
  return proofs::mat_convergence::judge(table, study, grid, check);
}

bool same(const ConvergenceTable& a, const ConvergenceTable& b) {
  if (a.sizes.size() != b.sizes.size()) return false;
  for (std::size_t s = 0; s < a.sizes.size(); ++s) {
    const SizeSummary &x = a.sizes[s], &y = b.sizes[s];
    if (x.mean_price_gap != y.mean_price_gap || x.mean_served != y.mean_served || x.worst_served != y.worst_served ||
        x.at_competitive != y.at_competitive || x.mean_n_bar != y.mean_n_bar ||
        x.worst_served_draw != y.worst_served_draw)
      return false;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mat_convergence)

BOOST_AUTO_TEST_CASE(price_taking_demands_and_the_competitive_price_are_the_hand_computed_ones) {
  const Economy e = four_types();
  const auto d = price_taking_demands(e, DemandPick::smallest);
  BOOST_TEST((d[0] == DemandFunction{1, 0, 0, 0, 0}));
  BOOST_TEST((d[1] == DemandFunction{1, 1, 1, 0, 0}));
  BOOST_TEST((d[2] == DemandFunction{2, 2, 1, 1, 0}));
  BOOST_TEST((d[3] == DemandFunction{2, 2, 2, 2, 0}));
  const auto big = price_taking_demands(e, DemandPick::largest);
  BOOST_TEST((big[0] == DemandFunction{2, 0, 0, 0, 0}));  // tie {1, 2} at p = 0
  BOOST_TEST((big[2] == DemandFunction{2, 2, 1, 1, 1}));  // tie {0, 1} at p = 1
  for (int i = 0; i < 4; ++i) BOOST_TEST(e.price_taking(i, d[i]));

  // Total demand 6, 5, 4, 3, 0 against supply 3: p* = 3/4 clears exactly, in every replica.
  const Economy e8 = replicate(e, 2);
  BOOST_TEST(e8.trader_count() == 8);
  BOOST_TEST(e8.group_size == 4);
  Profile profile(8);
  for (int i = 0; i < 8; ++i) profile[i] = &d[i % 4];
  std::vector<int> all(8);
  std::iota(all.begin(), all.end(), 0);
  BOOST_TEST(clearing_price(e8, all, profile) == 3);
  BOOST_TEST(aggregate_gap(e8, profile, 3) == 0);
  BOOST_TEST(aggregate_gap(e8, profile, 2) == 2);
  // On the grid T = 2 no price clears: p* = 1/2 with excess demand 1 per copy.
  const Economy coarse = four_types(2);
  const auto dc = price_taking_demands(coarse, DemandPick::smallest);
  Profile pc{&dc[0], &dc[1], &dc[2], &dc[3]};
  BOOST_TEST(clearing_price(coarse, std::vector<int>{0, 1, 2, 3}, pc) == 1);
  BOOST_TEST(aggregate_gap(coarse, pc, 1) == 1);
  BOOST_TEST(price_distance(four_types().grid, 0, 3) == Q(3, 4));
}

BOOST_AUTO_TEST_CASE(a_fixed_permutation_gives_the_hand_computed_prices_and_n_tilde) {
  // Economy m = 2: traders 1..8 are S1 S2 B1 B2 S1 S2 B1 B2 (0-based 0..7), n = 4, l = 2.
  const Economy e = replicate(four_types(), 2);
  const auto d = price_taking_demands(four_types(), DemandPick::smallest);
  Profile profile(8);
  for (int i = 0; i < 8; ++i) profile[i] = &d[i % 4];

  // Sellers in group 1, buyers in group 2. Group 1 demands 4,2,2,0,0 against supply 4: p-hat = 0.
  // Group 2 demands 8,8,6,6,0 against supply 2: p-hat = 1. p* = 3/4.
  // Group 1 trades at 1: demands 0,0,0,0, supply 4; n-bar = 4; n-underline = 3 (4 > (4-3) 2);
  //   n-tilde = 2.  Group 2 trades at 0: demands 2,2,2,2, supply 2; n-bar = 1 (after one buyer
  //   0 < l remain); no n' has supply - demands > (4 - n') 2, so n-underline = n + 1; n-tilde = 1.
  const std::vector<int> split{0, 1, 4, 5, 2, 3, 6, 7};
  const auto g = evaluate_draw(e, profile, split, 3);
  BOOST_REQUIRE(g.size() == 2u);
  BOOST_TEST(g[0].clearing_price == 0);
  BOOST_TEST(g[0].trading_price == 4);
  BOOST_TEST(g[0].price_gap == Q(3, 4));
  BOOST_TEST(g[0].rationing.n_bar == 4);
  BOOST_TEST(g[0].rationing.n_underline == 3);
  BOOST_TEST(g[0].rationing.n_tilde == 2);
  BOOST_TEST(g[1].clearing_price == 4);
  BOOST_TEST(g[1].trading_price == 0);
  BOOST_TEST(g[1].price_gap == Q(1, 4));
  BOOST_TEST(g[1].rationing.n_bar == 1);
  BOOST_TEST(g[1].rationing.n_underline == 5);
  BOOST_TEST(g[1].rationing.n_tilde == 1);

  // Each group a full copy in the order S1 S2 B1 B2: both clear at p* = 3/4 and trade there;
  // demands 0,0,1,2 against supply 3 leave 3,3,3,2,0: n-bar = 4, n-underline = 3 (3 > 2), n-tilde = 2.
  const auto h = evaluate_draw(e, profile, std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}, 3);
  for (const auto& x : h) {
    BOOST_TEST(x.clearing_price == 3);
    BOOST_TEST(x.trading_price == 3);
    BOOST_TEST(x.price_gap == 0);
    BOOST_TEST(x.rationing.n_bar == 4);
    BOOST_TEST(x.rationing.n_underline == 3);
    BOOST_TEST(x.rationing.n_tilde == 2);
  }
}

BOOST_AUTO_TEST_CASE(the_sampler_follows_its_documented_specification) {
  // An independent implementation of convergence.hpp's text: engine seeded with
  // seed_seq{seed lo32, seed hi32, m}; Fisher-Yates from the identity, u by rejection.
  for (std::uint64_t seed : {0ull, 1ull, 12345ull}) {
    for (int m : {1, 3, 50}) {
      std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                        static_cast<std::uint32_t>(m)};
      std::mt19937_64 reference(seq);
      std::mt19937_64 engine = convergence_engine(seed, m);
      for (int draw = 0; draw < 5; ++draw) {
        const int size = 4 * m;
        std::vector<int> expected(size);
        std::iota(expected.begin(), expected.end(), 0);
        for (int j = size - 1; j >= 1; --j) {
          const unsigned __int128 two64 = static_cast<unsigned __int128>(1) << 64;
          const unsigned __int128 range = static_cast<unsigned __int128>(j) + 1;
          const unsigned __int128 limit = two64 - two64 % range;
          unsigned __int128 x;
          do x = reference();
          while (x >= limit);
          std::swap(expected[j], expected[static_cast<std::size_t>(x % range)]);
        }
        BOOST_TEST(sample_permutation(engine, size) == expected);
      }
    }
  }
  // Every permutation of 4 is reached, with frequencies near 1/24 (fixed seed: deterministic).
  std::map<std::vector<int>, int> seen;
  std::mt19937_64 engine = convergence_engine(1, 1);
  for (int draw = 0; draw < 2400; ++draw) ++seen[sample_permutation(engine, 4)];
  BOOST_TEST(seen.size() == 24u);
  for (const auto& [order, count] : seen) BOOST_TEST((count > 60 && count < 140));
}

BOOST_AUTO_TEST_CASE(the_study_is_reproducible_from_its_seed) {
  const Economy e = four_types();
  ConvergenceStudy s = small_study();
  const ConvergenceTable a = run_convergence(e, s), b = run_convergence(e, s);
  BOOST_TEST(same(a, b));
  // A size's draws do not depend on the other sizes of the list.
  ConvergenceStudy only = s;
  only.replications = {16, 64};
  const ConvergenceTable c = run_convergence(e, only);
  BOOST_TEST(c.sizes[0].mean_served == a.sizes[2].mean_served);
  BOOST_TEST(c.sizes[1].mean_price_gap == a.sizes[3].mean_price_gap);
  // Another seed draws other permutations.
  s.seed = 2;
  BOOST_TEST(!same(a, run_convergence(e, s)));
  // The sample means are exact: n-tilde sums over draws and groups, divided by draws r n.
  for (const auto& size : a.sizes) {
    BOOST_TEST(size.group_draws == 200);
    const Q scaled = size.mean_served * size.group_draws * size.group_size;
    BOOST_TEST(denominator(scaled) == 1);  // an integer count
  }
}

BOOST_AUTO_TEST_CASE(invalid_convergence_tables_name_the_rule_and_the_position) {
  const auto e1 = load_error("replications = [1, 4, 4, 8]\n");
  BOOST_TEST(e1.find("strictly increasing") != std::string::npos);
  BOOST_TEST(e1.find(":29:23:") != std::string::npos);
  const auto e2 = load_error("replications = [8]\n");
  BOOST_TEST(e2.find("at least two sizes") != std::string::npos);
  BOOST_TEST(e2.find(":29:") != std::string::npos);
  const auto e3 = load_error("replications = [0, 2]\n");
  BOOST_TEST(e3.find("must lie in 1..5000") != std::string::npos);
  const auto e4 = load_error("draws = 0\n");
  BOOST_TEST(e4.find("draws must lie in 1..100000") != std::string::npos);
  BOOST_TEST(e4.find(":29:9:") != std::string::npos);
  const auto e5 = load_error("demand = \"middle\"\n");
  BOOST_TEST(e5.find("\"smallest\", \"largest\"") != std::string::npos);
  const auto e6 = load_error("min_served = \"3/2\"\n");
  BOOST_TEST(e6.find("[0, 1]") != std::string::npos);
  const auto e7 = load_error("max_price_gap = 0.1\n");
  BOOST_TEST(e7.find("float") != std::string::npos);
  const auto e8 = load_error("replications = [1, 5000]\ndraws = 100000\n");
  BOOST_TEST(e8.find("fewer draws") != std::string::npos);
  BOOST_TEST(e8.find(":30:9:") != std::string::npos);
  const auto e9 = load_error("draw = 10\n");
  BOOST_TEST(e9.find("draw") != std::string::npos);
  const auto e10 = load_error("seed = -1\n");
  BOOST_TEST(e10.find("seed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_committed_cases_meet_their_expectations) {
  const Outcome four = run(builtin_papers().load_case(cases_dir + "convergence-four-types.toml"));
  BOOST_TEST(to_string(four.verdict) == "holds");
  BOOST_TEST(to_string(four.arithmetic) == "numeric");
  BOOST_TEST(find(four.values, "competitive_price")->text == "3/4");
  BOOST_TEST(find(four.values, "mean_price_gap_n2") != nullptr);
  BOOST_TEST(find(four.values, "mean_served_n512") != nullptr);
  BOOST_TEST(find(four.stats, "permutations_sampled")->text == "1800");
  BOOST_TEST(four.summary.find("sampled permutations") != std::string::npos);
  const Outcome three = run(builtin_papers().load_case(cases_dir + "convergence-three-groups-largest.toml"));
  BOOST_TEST(to_string(three.verdict) == "holds");
  // The coarse grid: no grid price clears, n-tilde/n settles near 3/4.
  const Outcome coarse = run(builtin_papers().load_case(cases_dir + "convergence-coarse-grid.toml"));
  BOOST_TEST(to_string(coarse.verdict) == "refuted");
  BOOST_TEST(coarse.summary.find("min_served") != std::string::npos);
  BOOST_TEST(coarse.summary.find("miss clearing") != std::string::npos);
  BOOST_TEST(find(coarse.witness, "worst_served_draw") != nullptr);
}

BOOST_AUTO_TEST_CASE(announcements_that_are_not_price_taking_are_refuted) {
  // Seeded bug: every trader announces its endowment at every price (not in D*_i). Every
  // group then clears at every price and the lowest, 0, is chosen: the group prices stay 3/4
  // away from p* however large n is.
  const Economy e = four_types();
  std::vector<DemandFunction> endowment(4);
  for (int i = 0; i < 4; ++i) endowment[i].assign(5, e.traders[i].endowment[0]);
  BOOST_TEST(!e.price_taking(0, endowment[0]));
  const ConvergenceStudy s = small_study();
  const ConvergenceTable bug = run_convergence(e, s, &endowment);
  BOOST_TEST(bug.sizes.back().mean_price_gap == Q(3, 4));
  const Outcome out = judge(bug, s, e.grid);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  // Decided on sample means: evidence, whichever way it goes.
  BOOST_TEST(to_string(out.arithmetic) == "numeric");
  BOOST_TEST(out.summary.find("mean price distance") != std::string::npos);
  // The price-taking study of the same economy holds.
  BOOST_TEST(to_string(judge(run_convergence(e, s), s, e.grid).verdict) == "holds");

  // Seeded bug in the judge's input: n-tilde/n that does not grow is refuted even with perfect prices.
  ConvergenceTable flat = run_convergence(e, s);
  for (auto& size : flat.sizes) {
    size.mean_price_gap = 0;
    size.mean_served = Q(1, 2);
  }
  const Outcome f = judge(flat, s, e.grid);
  BOOST_TEST(to_string(f.verdict) == "refuted");
  BOOST_TEST(f.summary.find("1 - mean n-tilde/n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sample_means_are_a_number_kind_exact_on_the_sample_and_labelled_numeric) {
  using proofs::mat_convergence::SampleMean;
  static_assert(Number<SampleMean>);
  BOOST_TEST(to_string(NumberKind<SampleMean>::arithmetic) == "numeric");
  // Exact on the sample: 1/3 and 1/3 + 10^-30 are told apart, no rounding.
  const SampleMean third{Q(1, 3)}, just_above{Q(Q(1, 3) + Q(1) / Q(boost::multiprecision::pow(Integer(10), 30)))};
  BOOST_TEST(compare(just_above, third) == 1);
  BOOST_TEST(sign_of(third - third) == 0);
  // A decision on sample means labels the verdict numeric.
  const CheckContext context;
  Check check(context);
  BOOST_TEST(to_string(check.arithmetic()) == "exact");
  BOOST_TEST(check.compare(third, just_above) == -1);
  BOOST_TEST(to_string(check.arithmetic()) == "numeric");
}

BOOST_AUTO_TEST_CASE(the_figure_writes_a_csv_row_per_size_and_a_labelled_svg) {
  const Economy e = four_types();
  const ConvergenceStudy s = small_study();
  const ConvergenceTable t = run_convergence(e, s);
  const auto dir =
      std::filesystem::temp_directory_path() / ("mechcheck-mat-convergence-fig-" + std::to_string(::getpid()));
  const auto files = proofs::mat_convergence::write_figure(t, s, e.grid, dir.string());
  BOOST_REQUIRE(files.size() == 2u);
  std::ifstream csv(files[0]);
  std::string line;
  std::getline(csv, line);
  BOOST_TEST(line.rfind("n,traders,replication,competitive_price,draws,mean_price_gap,one_minus_mean_served", 0) == 0u);
  int rows = 0;
  while (std::getline(csv, line)) ++rows;
  BOOST_TEST(rows == 4);
  std::stringstream svg;
  svg << std::ifstream(files[1]).rdbuf();
  BOOST_TEST(svg.str().find("<svg") != std::string::npos);
  BOOST_TEST(svg.str().find("group size n (log scale)") != std::string::npos);
  BOOST_TEST(svg.str().find("1 \u2212 \u00f1/n") != std::string::npos);  // 1 - n-tilde/n, as the paper writes it
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(the_figure_has_a_log_axis_of_group_sizes_and_no_raw_markup) {
  // convergence-coarse-grid.toml: 4 traders per copy in 2 groups, replications 1, 2, ..., 256, so
  // n = 2, 4, ..., 512. On a log axis the doubling sizes are equally spaced, and the ticks name them.
  const Case c = builtin_papers().load_case(cases_dir + "convergence-coarse-grid.toml");
  const FigureWriter* figure = builtin_papers().figure("mat.convergence");
  BOOST_REQUIRE(figure);
  const auto dir =
      std::filesystem::temp_directory_path() / ("mechcheck-mat-convergence-log-" + std::to_string(::getpid()));
  const auto files = figure->write(c, dir.string());
  BOOST_REQUIRE(files.size() == 2u);
  std::stringstream read;
  read << std::ifstream(files[1]).rdbuf();
  const std::string svg = read.str();
  std::filesystem::remove_all(dir);

  // The x tick labels: the texts centred under the plot (y = 440) that are numbers.
  std::vector<std::string> labels;
  std::vector<double> at;
  const std::regex tick("<text x=\"([0-9.]+)\" y=\"440\" text-anchor=\"middle\">([0-9]+)</text>");
  for (auto m = std::sregex_iterator(svg.begin(), svg.end(), tick); m != std::sregex_iterator(); ++m) {
    at.push_back(std::stod((*m)[1]));
    labels.push_back((*m)[2]);
  }
  const std::vector<std::string> powers{"2", "4", "8", "16", "32", "64", "128", "256", "512"};
  BOOST_TEST(labels == powers, boost::test_tools::per_element());
  BOOST_REQUIRE(at.size() == powers.size());
  // Log positions: x = x(2) + (log2 n - 1) step, one step per doubling, and wide enough apart
  // that labels of three digits (about 25 px at 13 px) do not touch.
  const double step = at[1] - at[0];
  BOOST_TEST(step > 40);
  for (std::size_t k = 0; k < at.size(); ++k)
    BOOST_TEST(std::abs(at[k] - (at[0] + static_cast<double>(k) * step)) < 1e-6);
  // A dot at each size of each series, on its tick.
  std::map<double, int> dots;
  const std::regex dot("<circle cx=\"([0-9.]+)\"");
  for (auto m = std::sregex_iterator(svg.begin(), svg.end(), dot); m != std::sregex_iterator(); ++m)
    ++dots[std::stod((*m)[1])];
  BOOST_TEST(dots.size() == powers.size());
  for (double x : at) BOOST_TEST(dots[x] == 2);
  // No markup or ASCII stand-in left as text: p-hat and n-tilde as the paper writes them.
  BOOST_TEST(svg.find("^{") == std::string::npos);
  BOOST_TEST(svg.find("_{") == std::string::npos);
  BOOST_TEST(svg.find("-hat") == std::string::npos);
  BOOST_TEST(svg.find("-tilde") == std::string::npos);
  BOOST_TEST(svg.find("|p\u0302(group) \u2212 p*|") != std::string::npos);
  BOOST_TEST(svg.find("n=") == std::string::npos);  // no crowded size markers along the top
}

BOOST_AUTO_TEST_CASE(convergence_whose_default_study_is_too_large_exits_2_at_the_mat_table) {
  // 700 traders without [mat.convergence]: the default replications up to 32 would need 22400 > 20000.
  Scratch s;
  const std::string path =
      s.write("large.toml", header +
                                "[mat]\ngoods = 1\nbound = 2\nprice_grid = 1\ngroups = 2\nepsilon = \"1/10\"\n\n"
                                "[[mat.trader]]\nendowment = [1]\nvalues = [\"0\", \"1\", \"3/2\"]\ncount = 700\n");
  const Result r = s.run("check mat.convergence '" + path + "'");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(contains(r.err, path + ":5:1:"));
  BOOST_TEST(contains(r.err, "default convergence study"));
}

BOOST_AUTO_TEST_SUITE_END()
