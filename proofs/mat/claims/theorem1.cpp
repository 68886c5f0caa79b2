// mat.theorem1 — Matsushima (2005), Theorem 1: in G*, M*_i = D*_i (the undominated demand
// functions are exactly the price-taking ones). M*_i is computed by brute force from G*'s
// lottery: trader i's expected utility for every own demand function against every opponents'
// profile (dominance.hpp), strict dominance as the paper defines it; D*_i from v_i alone.
#include "mat/claims/claims.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mat/recheck/recheck.hpp"

#include <algorithm>
#include <set>

namespace mechcheck::proofs::mat_theorem1 {

using namespace mechcheck::mat;

namespace {

// checked_product, reported as a size-guard refusal.
std::uint64_t checked_mul(std::uint64_t a, std::uint64_t b, const std::string& what) {
  try {
    return checked_product(a, b, what);
  } catch (const std::overflow_error& error) {
    throw TooLarge(error.what());
  }
}

bool same_type(const Trader& a, const Trader& b) {
  return a.endowment == b.endowment && a.value == b.value && a.money.pieces == b.money.pieces;
}

std::string profile_text(const Economy& e, const TraderDominance& d, std::size_t o) {
  std::string s;
  for (std::size_t j = 0; j < d.opponents.opponents.size(); ++j)
    s += (j ? ", " : "") + std::string("trader ") + std::to_string(d.opponents.opponents[j] + 1) + " " +
         demand_text(e.grid, d.demand_functions[d.opponents.profiles[o][j]]);
  return "(" + s + ")";
}

// A set of d's demand functions (indices into D, ascending) as set_listing prints it.
std::string set_text(const Economy& e, const TraderDominance& d, const std::vector<std::size_t>& set) {
  std::vector<std::string> elements;
  for (std::size_t s : set) elements.push_back(demand_text(e.grid, d.demand_functions[s]));
  return set_listing(elements);
}

// Where d(p) first leaves argmax_x u_i(x, p): a price that shows s is not price-taking.
int first_non_optimal_price(const Economy& e, const TraderDominance& d, std::size_t s) {
  const auto bundles = e.price_taking_bundles(d.trader);
  int bad = 0;
  while (std::find(bundles[bad].begin(), bundles[bad].end(), d.demand_functions[s][bad]) != bundles[bad].end()) ++bad;
  return bad;
}

// "trader i: double precision finds ..." for every trader whose M*_i in double differs; "" when
// double agrees everywhere.
std::string double_disagreement(const std::vector<TraderDominance>& all) {
  std::string note;
  for (const TraderDominance& d : all)
    if (d.undominated_double != d.undominated)
      note += (note.empty() ? "" : "; ") + std::string("trader ") + std::to_string(d.trader + 1) +
              ": double precision finds " + std::to_string(d.undominated_double.size()) +
              " undominated demand functions, exact " + std::to_string(d.undominated.size());
  return note;
}

}  // namespace

std::string set_listing(const std::vector<std::string>& elements) {
  if (elements.size() > listed_set_cap) return "omitted (" + std::to_string(elements.size()) + " elements)";
  std::string s = "{";
  for (std::size_t j = 0; j < elements.size(); ++j) s += (j ? ", " : "") + elements[j];
  return s + "}";
}

std::string survivor_text(const Economy& e, const TraderDominance& d, std::size_t s) {
  return demand_text(e.grid, d.demand_functions[s]) +
         " (not optimal at p = " + e.grid.price_text(first_non_optimal_price(e, d, s)) + ")";
}

void record_survivor(const Economy& e, const TraderDominance& d, std::size_t s, Check& check) {
  const auto bundles = e.price_taking_bundles(d.trader);
  const int bad = first_non_optimal_price(e, d, s);
  std::string argmax;
  for (std::size_t b = 0; b < bundles[bad].size(); ++b) argmax += (b ? ", " : "") + e.grid.bundle_text(bundles[bad][b]);
  check.witness("trader", static_cast<long long>(d.trader + 1))
      .witness(make_text("undominated_not_price_taking", demand_text(e.grid, d.demand_functions[s])))
      .witness(make_text("not_price_taking_at", "p = " + e.grid.price_text(bad) +
                                                    ": d(p) = " + e.grid.bundle_text(d.demand_functions[s][bad]) +
                                                    ", argmax u_i(x, p) = {" + argmax + "}"));
  const auto where = non_dominance_certificate(d.payoffs, d.strategies, d.profiles_evaluated, s);
  std::string certificate;
  for (std::size_t t = 0; t < where.size(); ++t) {
    if (t == s) continue;
    certificate += (certificate.empty() ? "" : "; ") + demand_text(e.grid, d.demand_functions[t]) + " at " +
                   profile_text(e, d, where[t]);
  }
  check.witness(make_text("no_strict_dominator", certificate));
}

std::vector<int> traders_to_check(const Economy& e) {
  if (!e.dominance.traders.empty()) return e.dominance.traders;
  std::vector<int> chosen;
  for (int i = 0; i < e.trader_count(); ++i) {
    bool seen = false;
    for (int j : chosen) seen = seen || same_type(e.traders[i], e.traders[j]);
    if (!seen) chosen.push_back(i);
  }
  return chosen;
}

TraderDominance undominated_strategies(const Economy& e, int trader, const CheckContext& context, Route route,
                                       const TraderLottery* lottery) {
  TraderDominance d;
  d.trader = trader;
  try {
    d.strategies = demand_function_count(e.grid);
  } catch (const std::overflow_error& error) {
    throw TooLarge(std::string("|D| is too large to enumerate: ") + error.what());
  }
  const std::string who = "trader " + std::to_string(trader + 1);
  const int N = e.trader_count();
  if (N > 10)
    throw TooLarge("the brute force enumerates all N! permutations of phi; N = " + std::to_string(N) +
                   " traders is beyond 10 (10! = 3628800): use a smaller instance");
  // Size guard: one point = one (own demand function, opponents' profile) pair, each of which
  // costs N! (1 + |P|) allocations.
  std::uint64_t reps = 0;
  try {
    reps = count_opponent_profiles(e, trader, d.strategies, e.dominance.symmetry);
  } catch (const std::overflow_error& error) {
    throw TooLarge(who + ": the opponents' profiles are too many: " + error.what());
  }
  const std::uint64_t pairs = checked_mul(d.strategies, reps, "the number of pairs");
  const std::uint64_t outcomes =
      checked_mul(pairs, checked_mul(factorial(N), 1 + e.grid.price_count(), "N! (1 + |P|)"), "the number of outcomes");
  guard_enumeration_size(context, pairs,
                         who + "'s brute force over (own demand function, opponents' profile) pairs (each " +
                             std::to_string(factorial(N) * (1 + e.grid.price_count())) + " outcomes)");
  std::optional<TraderLottery> own_lottery;
  if (route == Route::classes && !lottery) lottery = &own_lottery.emplace(e, trader);
  // The work per pair: one clearing price per pricing set and one evaluation or look-up per class
  // of permutations (classes route, lottery.hpp), else every (phi, p, rule).
  const std::uint64_t evaluated =
      route == Route::classes ? checked_mul(pairs, lottery->evaluations_per_profile(), "the number of evaluations")
                              : outcomes;
  context.say(
      who + ": |D| = " + std::to_string(d.strategies) + " demand functions; " + std::to_string(reps) +
      " opponents' profiles to evaluate" + (e.dominance.symmetry ? " (one per orbit)" : "") + ", " +
      std::to_string(pairs) + " (own, opponents') pairs, " + std::to_string(outcomes) + " (phi, p, rule) outcomes" +
      (route == Route::classes
           ? ", at most " + std::to_string(evaluated) + " evaluations after grouping the permutations into classes"
           : std::string()));
  if (evaluated > 1000ULL * context.enumeration_limit)
    throw TooLarge(who + "'s brute force evaluates " + std::to_string(evaluated) +
                   " allocations, above 1000 x the "
                   "limit: shrink the instance, or raise the limit with --limit " +
                   std::to_string(evaluated / 1000 + 1));

  for (std::uint64_t s = 0; s < d.strategies; ++s) d.demand_functions.push_back(demand_function(e.grid, s));
  d.opponents = opponent_profiles(e, trader, d.strategies, e.dominance.symmetry);
  std::uint64_t all_opponents = 1;
  for (int j = 1; j < N; ++j) all_opponents = checked_mul(all_opponents, d.strategies, "|D|^(N-1)");
  // The orbit reduction must cover every ordered opponents' profile exactly once.
  if (d.opponents.covered != all_opponents)
    throw std::logic_error("the opponents' orbits cover " + std::to_string(d.opponents.covered) +
                           " profiles, not |D|^(N-1) = " + std::to_string(all_opponents));
  d.profiles_covered = checked_mul(all_opponents, d.strategies, "|D|^N");
  d.profiles_evaluated = d.opponents.profiles.size();

  const std::size_t S = d.strategies, O = d.profiles_evaluated;
  std::vector<double> payoffs_double;
  if (route == Route::classes) {
    LotteryPayoffs payoffs = lottery_payoffs(
        e, d.demand_functions, d.opponents, *lottery, [&](double f) { context.report(0.9 * f); }, context.team);
    d.allocations = payoffs.allocations;
    d.payoffs = std::move(payoffs.exact);
    payoffs_double = std::move(payoffs.approximate);
  } else {
    const OutcomeTable table =
        outcome_table(e, d.demand_functions, d.opponents, [&](double f) { context.report(0.9 * f); });
    d.allocations = table.allocations;
    d.payoffs.rational = payoff_table<Rational>(e, trader, table);
    // The same computation with every utility, weight and comparison in double.
    payoffs_double = payoff_table<double>(e, trader, table);
  }
  d.dominator = pure_dominators(d.payoffs, S, O);
  for (std::size_t s = 0; s < S; ++s)
    if (!d.dominator[s]) d.undominated.push_back(s);

  for (std::size_t s = 0; s < S; ++s)
    if (e.price_taking(trader, d.demand_functions[s])) d.price_taking.push_back(s);

  const auto dominator_double = pure_dominators<double>(payoffs_double, S, O);
  for (std::size_t s = 0; s < S; ++s)
    if (!dominator_double[s]) d.undominated_double.push_back(s);

  if (e.dominance.mixed) {
    d.mixed.resize(S);
    const std::vector<Rational> U = d.payoffs.rationals();
    for (std::size_t s = 0; s < S; ++s) {
      if (d.dominator[s]) continue;  // dominated by a pure strategy, hence by a mixed one
      d.mixed[s] = mixed_dominance(U, S, O, s);
      if (!d.mixed[s].dominated) d.undominated_mixed.push_back(s);
    }
  }
  context.report(1.0);
  return d;
}

std::vector<TraderDominance> dominance_by_trader(const Economy& e, const CheckContext& context, Route route) {
  const auto traders = traders_to_check(e);
  std::vector<TraderDominance> all;
  for (std::size_t t = 0; t < traders.size(); ++t) {
    CheckContext part = context;
    part.progress = [&](double f) { context.report((t + f) / traders.size()); };
    all.push_back(undominated_strategies(e, traders[t], part, route));
  }
  return all;
}

void report_dominance(const Economy& e, const std::vector<TraderDominance>& all, Check& check) {
  std::uint64_t evaluated = 0, allocations = 0, covered = 0, strategies = 0;
  std::string mixed_note;
  for (const TraderDominance& d : all) {
    const std::string i = std::to_string(d.trader + 1);
    strategies = d.strategies;
    covered = d.profiles_covered;
    evaluated += d.profiles_evaluated;
    allocations += d.allocations;
    check.value("undominated_count_trader_" + i, static_cast<long long>(d.undominated.size()))
        .value("price_taking_count_trader_" + i, static_cast<long long>(d.price_taking.size()))
        .text("M_star_trader_" + i, set_text(e, d, d.undominated))
        .text("D_star_trader_" + i, set_text(e, d, d.price_taking))
        .value("undominated_count_double_trader_" + i, static_cast<long long>(d.undominated_double.size()));
    if (e.dominance.mixed) {
      check.value("undominated_mixed_count_trader_" + i, static_cast<long long>(d.undominated_mixed.size()));
      if (d.undominated_mixed != d.undominated)
        mixed_note += (mixed_note.empty() ? "" : "; ") + std::string("trader ") + i + ": " +
                      std::to_string(d.undominated.size() - d.undominated_mixed.size()) +
                      " pure-undominated demand functions are dominated by mixed strategies";
    }
  }
  // |D| and |D|^N are the same for every trader; the evaluated counts are summed over the traders checked.
  check.stat("demand_functions_per_trader", static_cast<long long>(strategies))
      .stat("profiles_covered_per_trader", static_cast<long long>(covered))
      .stat("opponent_profiles_evaluated_all_traders", static_cast<long long>(evaluated))
      .stat("profile_pairs_evaluated_all_traders", static_cast<long long>(evaluated * strategies))
      .stat("allocations_computed_all_traders", static_cast<long long>(allocations))
      .stat("traders_checked", static_cast<long long>(all.size()))
      .stat("reduction", e.dominance.symmetry
                             ? "one opponents' profile per orbit of equal-endowment opponents (proof in "
                               "dominance.hpp); every ordered profile is covered"
                             : "none: every ordered opponents' profile");
  const std::string double_note = double_disagreement(all);
  check.text("double_agrees", double_note.empty() ? "yes" : "no: " + double_note);
  if (e.dominance.mixed) check.text("mixed_dominance", mixed_note.empty() ? "same set" : mixed_note);
}

std::vector<std::size_t> surviving_not_price_taking(const TraderDominance& d) {
  std::vector<std::size_t> survivors;
  std::set_difference(d.undominated.begin(), d.undominated.end(), d.price_taking.begin(), d.price_taking.end(),
                      std::back_inserter(survivors));
  return survivors;
}

std::optional<Mismatch> first_mismatch(const std::vector<TraderDominance>& all) {
  for (std::size_t t = 0; t < all.size(); ++t) {
    const TraderDominance& d = all[t];
    if (d.undominated == d.price_taking) continue;
    const auto survivors = surviving_not_price_taking(d);
    if (!survivors.empty()) return Mismatch{t, true, survivors.front(), survivors.size()};
    std::vector<std::size_t> dominated_taking;
    std::set_difference(d.price_taking.begin(), d.price_taking.end(), d.undominated.begin(), d.undominated.end(),
                        std::back_inserter(dominated_taking));
    return Mismatch{t, false, dominated_taking.front(), 0};
  }
  return std::nullopt;
}

std::string comparison_summary(const Economy& e, const std::vector<TraderDominance>& all,
                               const std::optional<Mismatch>& mismatch) {
  std::string summary;
  if (!mismatch) {
    std::uint64_t evaluated = 0;
    for (const TraderDominance& d : all) evaluated += d.profiles_evaluated;
    const std::uint64_t covered = all.empty() ? 0 : all.back().profiles_covered;
    const std::uint64_t strategies = all.empty() ? 0 : all.back().strategies;
    summary = "M*_i = D*_i for " + std::to_string(all.size()) + " trader type(s): brute force over all " +
              std::to_string(covered) + " strategy profiles per trader (" + std::to_string(evaluated * strategies) +
              " (own, opponents') pairs evaluated in all after the orbit reduction)";
  } else {
    const TraderDominance& d = all[mismatch->trader];
    const std::string i = std::to_string(d.trader + 1);
    const std::size_t s = mismatch->strategy;
    summary = mismatch->survivor
                  ? "trader " + i + ": " + std::to_string(mismatch->survivors) +
                        " undominated demand functions are not price-taking, e.g. " + survivor_text(e, d, s)
                  : "trader " + i + ": the price-taking demand function " + demand_text(e.grid, d.demand_functions[s]) +
                        " is strictly dominated by " + demand_text(e.grid, d.demand_functions[*d.dominator[s]]);
  }
  const std::string double_note = double_disagreement(all);
  if (!double_note.empty()) summary += "; " + double_note;
  return summary;
}

void record_mismatch(const Economy& e, const TraderDominance& d, const Mismatch& mismatch, Check& check) {
  if (mismatch.survivor) return record_survivor(e, d, mismatch.strategy, check);
  const std::size_t s = mismatch.strategy;
  check.witness("trader", static_cast<long long>(d.trader + 1))
      .witness(make_text("dominated_price_taking", demand_text(e.grid, d.demand_functions[s])))
      .witness(make_text("dominator", demand_text(e.grid, d.demand_functions[*d.dominator[s]])));
}

namespace {

class Theorem1 : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.theorem1",
        "Theorem 1 (Section 3), with properties (i)-(iii)",
        "In G*, a demand function is undominated (no m'_i with u_i(g(m)) < u_i(g(m'_i, m_-i)) for all m_-i) if and "
        "only if it is price-taking: M*_i = D*_i.",
        {{"epsilon_positive", "epsilon > 0: Rationing Rule 2 (a common random price) happens with positive probability",
          Necessity::counterexample, "cases/mat/mat.theorem1-probe-drop-epsilon-positive-seed-1.toml"},
         {"outside_group_price",
          "each group trades at a price computed from other traders' messages (Rule 1 with the "
          "other group's p-hat, or Remark 3's outside-group price), never its own",
          Necessity::counterexample, "cases/mat/mat.theorem1-probe-drop-outside-group-price-seed-1.toml"}},
        "Brute force from G*'s exact lottery: for every own demand function (all of D) and every opponents' profile "
        "(one per orbit of interchangeable equal-endowment opponents; symmetry = false enumerates every ordered "
        "profile), trader i's expected utility over all N! permutations, all prices and both rules, as an exact "
        "rational (the permutations grouped into classes that give trader i the same outcome, one representative "
        "evaluated per class, proofs/mat/model/lottery.hpp; compared as integers over one common denominator); then "
        "strict dominance by pure strategies (optionally by mixed strategies, an exact LP) and "
        "comparison as sets with D*_i = prod_p argmax_x v_i(x, p.(e_i - x)). The same computation in double is "
        "reported beside it. M*_i and D*_i are listed in the order of D when they have at most 64 elements "
        "(proofs/mat/docs/readings.md section 5).",
        "mat",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return mat_recheck::recheck_price_taking_comparison(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    check.hypothesis("epsilon_positive", check.sign(e.epsilon) > 0, "epsilon = " + to_string(e.epsilon));
    check.hypothesis("outside_group_price", e.trading_price != TradingPrice::own_group,
                     std::string("trading_price = ") + to_string(e.trading_price));
    if (!check.hypotheses_met()) return check.unmet();

    const auto all = dominance_by_trader(e, check.context());
    // M*_i: strict dominance decided on exact expected utilities; D*_i: exact argmax of u_i.
    check.decided_in<Rational>();
    report_dominance(e, all, check);
    check.value("epsilon", e.epsilon);
    const auto mismatch = first_mismatch(all);
    const std::string summary = comparison_summary(e, all, mismatch);
    if (!mismatch) return check.holds(summary);
    record_mismatch(e, all[mismatch->trader], *mismatch, check);
    return check.refuted(summary);
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Theorem1>(); }

}  // namespace mechcheck::proofs::mat_theorem1
