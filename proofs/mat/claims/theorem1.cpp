// mat.theorem1 — Matsushima (2005), Theorem 1: in G*, M*_i = D*_i (the undominated demand
// functions are exactly the price-taking ones). M*_i is computed by brute force from G*'s
// lottery: trader i's expected utility for every own demand function against every opponents'
// profile (dominance.hpp), strict dominance as the paper defines it; D*_i from v_i alone.
#include "mat/claims/claims.hpp"
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

std::string set_text(const Economy& e, const TraderDominance& d, const std::vector<std::size_t>& set) {
  std::string s = "{";
  for (std::size_t j = 0; j < set.size(); ++j) s += (j ? ", " : "") + demand_text(e.grid, d.demand_functions[set[j]]);
  return s + "}";
}

}  // namespace

void describe_survivor(const Economy& e, const TraderDominance& d, std::size_t s, Outcome& out) {
  const auto bundles = e.price_taking_bundles(d.trader);
  int bad = 0;  // s is not price-taking, so some price's choice is outside the argmax
  while (std::find(bundles[bad].begin(), bundles[bad].end(), d.demand_functions[s][bad]) != bundles[bad].end()) ++bad;
  std::string argmax;
  for (std::size_t b = 0; b < bundles[bad].size(); ++b) argmax += (b ? ", " : "") + e.grid.bundle_text(bundles[bad][b]);
  out.witness.push_back(make_value("trader", static_cast<long long>(d.trader + 1)));
  out.witness.push_back(make_text("undominated_not_price_taking", demand_text(e.grid, d.demand_functions[s])));
  out.witness.push_back(make_text("not_price_taking_at", "p = " + e.grid.price_text(bad) + ": d(p) = " +
                                                             e.grid.bundle_text(d.demand_functions[s][bad]) +
                                                             ", argmax u_i(x, p) = {" + argmax + "}"));
  const auto where = non_dominance_certificate(d.payoffs, d.strategies, d.profiles_evaluated, s);
  std::string certificate;
  for (std::size_t t = 0; t < where.size(); ++t) {
    if (t == s) continue;
    certificate += (certificate.empty() ? "" : "; ") + demand_text(e.grid, d.demand_functions[t]) + " at " +
                   profile_text(e, d, where[t]);
  }
  out.witness.push_back(make_text("no_strict_dominator", certificate));
  out.summary = demand_text(e.grid, d.demand_functions[s]) + " (not optimal at p = " + e.grid.price_text(bad) + ")";
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

TraderDominance undominated_strategies(const Economy& e, int trader, const CheckContext& context) {
  TraderDominance d;
  d.trader = trader;
  try {
    d.strategies = demand_function_count(e.grid);
  } catch (const std::overflow_error& error) {
    throw TooLarge(std::string("|D| is too large to enumerate: ") + error.what());
  }
  const std::string who = "trader " + std::to_string(trader + 1);
  const int N = e.trader_count();
  if (N > 10) throw TooLarge("the brute force enumerates all N! permutations of phi; N = " + std::to_string(N) +
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
  context.say(who + ": |D| = " + std::to_string(d.strategies) + " demand functions; " + std::to_string(reps) +
              " opponents' profiles to evaluate" + (e.dominance.symmetry ? " (one per orbit)" : "") + ", " +
              std::to_string(pairs) + " (own, opponents') pairs, " + std::to_string(outcomes) +
              " (phi, p, rule) outcomes");
  guard_enumeration_size(context, pairs, who + "'s brute force over (own demand function, opponents' profile) pairs (each " +
                                             std::to_string(factorial(N) * (1 + e.grid.price_count())) + " outcomes)");
  if (outcomes > 1000ULL * context.enumeration_limit)
    throw TooLarge(who + "'s brute force evaluates " + std::to_string(outcomes) + " (phi, p, rule) outcomes, above 1000 x the "
                   "limit: shrink the instance, or raise the limit with --limit " + std::to_string(outcomes / 1000 + 1));

  for (std::uint64_t s = 0; s < d.strategies; ++s) d.demand_functions.push_back(demand_function(e.grid, s));
  d.opponents = opponent_profiles(e, trader, d.strategies, e.dominance.symmetry);
  std::uint64_t all_opponents = 1;
  for (int j = 1; j < N; ++j) all_opponents = checked_mul(all_opponents, d.strategies, "|D|^(N-1)");
  // The orbit reduction must cover every ordered opponents' profile exactly once.
  if (d.opponents.covered != all_opponents)
    throw std::logic_error("the opponents' orbits cover " + std::to_string(d.opponents.covered) + " profiles, not |D|^(N-1) = " +
                           std::to_string(all_opponents));
  d.profiles_covered = checked_mul(all_opponents, d.strategies, "|D|^N");
  d.profiles_evaluated = d.opponents.profiles.size();

  const OutcomeTable table = outcome_table(e, d.demand_functions, d.opponents,
                                           [&](double f) { context.report(0.9 * f); });
  d.allocations = table.allocations;
  const std::size_t S = d.strategies, O = d.profiles_evaluated;
  d.payoffs = payoff_table<Rational>(e, trader, table);
  d.dominator = pure_dominators<Rational>(d.payoffs, S, O);
  for (std::size_t s = 0; s < S; ++s)
    if (!d.dominator[s]) d.undominated.push_back(s);

  for (std::size_t s = 0; s < S; ++s)
    if (e.price_taking(trader, d.demand_functions[s])) d.price_taking.push_back(s);

  // The same computation with every utility, weight and comparison in double.
  const auto payoffs_double = payoff_table<double>(e, trader, table);
  const auto dominator_double = pure_dominators<double>(payoffs_double, S, O);
  for (std::size_t s = 0; s < S; ++s)
    if (!dominator_double[s]) d.undominated_double.push_back(s);

  if (e.dominance.mixed) {
    d.mixed.resize(S);
    for (std::size_t s = 0; s < S; ++s) {
      if (d.dominator[s]) continue;  // dominated by a pure strategy, hence by a mixed one
      d.mixed[s] = mixed_dominance(d.payoffs, S, O, s);
      if (!d.mixed[s].dominated) d.undominated_mixed.push_back(s);
    }
  }
  context.report(1.0);
  return d;
}

Outcome compare_with_price_taking(const Economy& e, const CheckContext& context, std::vector<TraderDominance>* details) {
  Outcome out;
  out.arithmetic = Arithmetic::exact;
  out.verdict = Verdict::holds;
  const auto traders = traders_to_check(e);
  std::uint64_t evaluated = 0, allocations = 0, covered = 0, strategies = 0;
  std::string double_note, mixed_note;
  for (std::size_t t = 0; t < traders.size(); ++t) {
    CheckContext part = context;
    part.progress = [&](double f) { context.report((t + f) / traders.size()); };
    TraderDominance d = undominated_strategies(e, traders[t], part);
    const std::string i = std::to_string(d.trader + 1);
    strategies = d.strategies;
    covered = d.profiles_covered;
    evaluated += d.profiles_evaluated;
    allocations += d.allocations;
    out.value(make_value("undominated_count_trader_" + i, static_cast<long long>(d.undominated.size())));
    out.value(make_value("price_taking_count_trader_" + i, static_cast<long long>(d.price_taking.size())));
    out.value(make_text("M_star_trader_" + i, d.undominated.size() <= 12 ? set_text(e, d, d.undominated)
                                                                         : std::to_string(d.undominated.size()) + " demand functions"));
    out.value(make_value("undominated_count_double_trader_" + i, static_cast<long long>(d.undominated_double.size())));
    if (d.undominated_double != d.undominated)
      double_note += (double_note.empty() ? "" : "; ") + std::string("trader ") + i + ": double precision finds " +
                     std::to_string(d.undominated_double.size()) + " undominated demand functions, exact " +
                     std::to_string(d.undominated.size());
    if (e.dominance.mixed) {
      out.value(make_value("undominated_mixed_count_trader_" + i, static_cast<long long>(d.undominated_mixed.size())));
      if (d.undominated_mixed != d.undominated)
        mixed_note += (mixed_note.empty() ? "" : "; ") + std::string("trader ") + i + ": " +
                      std::to_string(d.undominated.size() - d.undominated_mixed.size()) +
                      " pure-undominated demand functions are dominated by mixed strategies";
    }

    if (out.verdict == Verdict::holds && d.undominated != d.price_taking) {
      out.verdict = Verdict::refuted;
      std::vector<std::size_t> survivors, dominated_taking;
      std::set_difference(d.undominated.begin(), d.undominated.end(), d.price_taking.begin(), d.price_taking.end(),
                          std::back_inserter(survivors));
      std::set_difference(d.price_taking.begin(), d.price_taking.end(), d.undominated.begin(), d.undominated.end(),
                          std::back_inserter(dominated_taking));
      if (!survivors.empty()) {
        describe_survivor(e, d, survivors.front(), out);
        out.summary = "trader " + i + ": " + std::to_string(survivors.size()) + " undominated demand functions are not " +
                      "price-taking, e.g. " + out.summary;
      } else {
        const std::size_t s = dominated_taking.front();
        out.witness.push_back(make_value("trader", static_cast<long long>(d.trader + 1)));
        out.witness.push_back(make_text("dominated_price_taking", demand_text(e.grid, d.demand_functions[s])));
        out.witness.push_back(make_text("dominator", demand_text(e.grid, d.demand_functions[*d.dominator[s]])));
        out.summary = "trader " + i + ": the price-taking demand function " + demand_text(e.grid, d.demand_functions[s]) +
                      " is strictly dominated by " + demand_text(e.grid, d.demand_functions[*d.dominator[s]]);
      }
    }
    if (details) details->push_back(std::move(d));
  }
  // |D| and |D|^N are the same for every trader; the evaluated counts are summed over the traders checked.
  out.stat("demand_functions_per_trader", static_cast<long long>(strategies));
  out.stat("profiles_covered_per_trader", static_cast<long long>(covered));
  out.stat("opponent_profiles_evaluated_all_traders", static_cast<long long>(evaluated));
  out.stat("profile_pairs_evaluated_all_traders", static_cast<long long>(evaluated * strategies));
  out.stat("allocations_computed_all_traders", static_cast<long long>(allocations));
  out.stat("traders_checked", static_cast<long long>(traders.size()));
  out.stat("reduction", e.dominance.symmetry ? "one opponents' profile per orbit of equal-endowment opponents (proof in "
                                               "dominance.hpp); every ordered profile is covered"
                                             : "none: every ordered opponents' profile");
  out.value(make_text("double_agrees", double_note.empty() ? "yes" : "no: " + double_note));
  if (e.dominance.mixed) out.value(make_text("mixed_dominance", mixed_note.empty() ? "same set" : mixed_note));
  if (out.verdict == Verdict::holds)
    out.summary = "M*_i = D*_i for " + std::to_string(traders.size()) + " trader type(s): brute force over all " +
                  std::to_string(covered) + " strategy profiles per trader (" + std::to_string(evaluated * strategies) +
                  " (own, opponents') pairs evaluated in all after the orbit reduction)";
  if (!double_note.empty()) out.summary += "; " + double_note;
  return out;
}

namespace {

class Theorem1 : public Claim {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "mat.theorem1",
        "Theorem 1 (Section 3), with properties (i)-(iii)",
        "In G*, a demand function is undominated (no m'_i with u_i(g(m)) < u_i(g(m'_i, m_-i)) for all m_-i) if and "
        "only if it is price-taking: M*_i = D*_i.",
        {{"epsilon_positive", "epsilon > 0: Rationing Rule 2 (a common random price) happens with positive probability",
          Necessity::counterexample, "cases/mat/mat.theorem1-probe-drop-epsilon-positive-seed-1.toml"},
         {"outside_group_price", "each group trades at a price computed from other traders' messages (Rule 1 with the "
                                 "other group's p-hat, or Remark 3's outside-group price), never its own",
          Necessity::counterexample, "cases/mat/mat.theorem1-probe-drop-outside-group-price-seed-1.toml"}},
        "Brute force from G*'s exact lottery: for every own demand function (all of D) and every opponents' profile "
        "(one per orbit of interchangeable equal-endowment opponents; symmetry = false enumerates every ordered "
        "profile), trader i's expected utility over all N! permutations, all prices and both rules, as an exact "
        "rational; then strict dominance by pure strategies (optionally by mixed strategies, an exact LP) and "
        "comparison as sets with D*_i = prod_p argmax_x v_i(x, p.(e_i - x)). The same computation in double is "
        "reported beside it.",
        "mat",
        Arithmetic::exact};
    return i;
  }

  std::optional<Recheck> recheck(const Case& c, const Outcome& outcome) const override {
    return mat_recheck::recheck_price_taking_comparison(c, outcome);
  }

  Outcome check(const Case& c, const CheckContext& context) const override {
    const Economy& e = c.model_data<Economy>();
    HypothesisLedger ledger(context);
    ledger.record("epsilon_positive", e.epsilon > 0, "epsilon = " + to_string(e.epsilon));
    ledger.record("outside_group_price", e.trading_price != TradingPrice::own_group,
                  std::string("trading_price = ") + to_string(e.trading_price));
    if (auto unmet = ledger.unmet_outcome(Arithmetic::exact)) return *unmet;
    Outcome out = compare_with_price_taking(e, context);
    out.value(make_value("epsilon", e.epsilon));
    ledger.annotate(out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Claim> make_claim() { return std::make_unique<Theorem1>(); }

}  // namespace mechcheck::proofs::mat_theorem1
