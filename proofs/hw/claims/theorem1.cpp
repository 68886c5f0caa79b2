// hw.theorem1 — Hu & Wallace (2012), Theorem 1 (L190, restated L378; proof L380-458): if alpha* is
// separating, there is Nbar such that for N >= Nbar the N-agent economy has a separating
// equilibrium, the candidate ((6)-(10)) with stage-1 strategy s_1* = alpha*.
//
// Checked on an instance for every N of a range, certified (MPFI, outward rounding):
//   1. alpha*(x) maximizes (4); through (5) it is the maximizer q*_x of L_x on [0, 2 qbar]
//      (exact for Cobb-Douglas); separation is decided; the intervals I(x) of (6) are built.
//   2. Claim 1 (L412-418): delta, A_x, the paper's epsilon; Claim 1's statement is checked at the
//      points that matter: for q outside I(x), L_x(q) is at most L_x at the end of a neighbouring
//      interval (concavity), so the loss l(x, x') = L_x(q*_x) - L_x(end of I(x') nearest q*_x)
//      must exceed epsilon.
//   3. For each N: M = ceil((1 - eta) N); every stage-2 equilibrium beta^sigma of the M-agent game
//      certified by the Krawczyk test; F_x^N(x') of (23) summed over every configuration of the
//      other M - 1 active agents with multinomial weights (the deviator's own best response (10)
//      enclosed; a nondefector plays beta^{sigma*}(x)); the margin of s_1* against the best
//      deviation into each other interval,
//        G_x^N(alpha*(x)) - sup_{q1(a) in I(x')} G_x^N(a) = eta l(x, x') + (1 - eta)(F_x^N(x) - F_x^N(x')),
//      (22): F^N is constant on I(x') (the others read any a there as type x', (7)) and L_x is
//      concave, so the sup of G_x over I(x') is at the end nearest q*_x. Deviations inside I(x)
//      keep F and lower G (alpha* maximizes G_x), so they never gain.
// Nbar is the smallest N of the range from which every N passes. The theorem is asymptotic: a
// finite range cannot refute it, so a range whose last N does not pass is `inconclusive`; a
// failing Claim 1 is `refuted`. proofs/hw/docs/theorem1.md.
#include "hw/model/stage1.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/number/interval_exchange.hpp"
#include "mechcheck/number/parallel_for.hpp"
#include "hw/claims/claims.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <sstream>

namespace mechcheck::proofs::hw_theorem1 {

using hw_common::decimal;

namespace {

std::string interval_text(const Interval& x) { return NumberKind<Interval>::to_string(x); }

// A certified sign: +1, -1, or 0 when the enclosure contains 0.
int certified_sign(const Interval& x) {
  if (lower_bound(x) > 0) return 1;
  if (upper_bound(x) < 0) return -1;
  return 0;
}

struct Row {
  long long N = 0, M = 0;
  int status = 0;       // +1 every margin certified > 0, -1 some certified < 0, 0 undecided
  Interval min_margin;  // the smallest margin (by lower end)
  std::size_t worst_x = 0, worst_xp = 0;
  Interval max_F_gap;            // max |F_x^N(x) - F_x^N(x')|: what Claim 2 says vanishes
  long long configurations = 0;  // configurations of the others weighted per (x, x')
  long long equilibria = 0;      // beta^sigma certified
  std::string failure;           // non-empty: the row could not be decided (why)
};

// The rows over N and what they took.
struct Rows {
  std::vector<Row> rows;
  long long equilibria = 0, configurations = 0;
};

// Rows as exact text between the processes of one check: a line per row, its numbers, both
// intervals bit for bit (interval_exchange.hpp) and its failure text last.
std::string encode_rows(const std::vector<Row>& rows) {
  std::string text;
  for (const Row& r : rows)
    text += std::to_string(r.M) + " " + std::to_string(r.status) + " " + std::to_string(r.worst_x) + " " +
            std::to_string(r.worst_xp) + " " + std::to_string(r.configurations) + " " + std::to_string(r.equilibria) +
            " | " + exchange_text(r.min_margin) + " | " + exchange_text(r.max_F_gap) + " | " + r.failure + "\n";
  return text;
}

std::vector<Row> decode_rows(const std::string& text) {
  std::vector<Row> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto bar1 = line.find(" | "), bar2 = line.find(" | ", bar1 + 3), bar3 = line.find(" | ", bar2 + 3);
    if (bar3 == std::string::npos) throw std::runtime_error("hw.theorem1: a malformed row from another process");
    Row r;
    std::istringstream numbers(line.substr(0, bar1));
    numbers >> r.M >> r.status >> r.worst_x >> r.worst_xp >> r.configurations >> r.equilibria;
    r.min_margin = interval_from_exchange_text(line.substr(bar1 + 3, bar2 - bar1 - 3));
    r.max_F_gap = interval_from_exchange_text(line.substr(bar2 + 3, bar3 - bar2 - 3));
    r.failure = line.substr(bar3 + 3);
    rows.push_back(std::move(r));
  }
  return rows;
}

class Theorem1 : public Checker<hw::Economy> {
 public:
  explicit Theorem1(hw::ConfigurationWeight weight) : weight_(weight) {}

  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "hw.theorem1",
        "Theorem 1 (L190, L378) and its proof (L380-458): eqs. (4)-(10), (22)-(26), Claims 1 and 2",
        "Suppose alpha*(x) != alpha*(y) for any x != y. There exists Nbar such that if N >= Nbar, the N-agent "
        "economy has a separating equilibrium: s_1* = alpha*, beliefs (7)-(8), stage-2 strategies (10).",
        {{"separating", "alpha* is separating: q1(alpha*(x)) != q1(alpha*(y)) for x != y (L190; generic, L150)",
          Necessity::scope,
          "the candidate is built from it: without distinct q1(alpha*(x)) the intervals (6), the beliefs (7) and the "
          "strategies (10) are undefined, so the conclusion (this candidate is a separating equilibrium) is undefined "
          "rather than false (cases/hw/theorem1-not-separating-dropped.toml: inconclusive)"},
         {"epsilon_positive", "eps_q > 0 and eps_r > 0 (L67): every stage-2 equilibrium beta^sigma exists (Prop. 1)",
          Necessity::scope,
          "the candidate's stage-2 strategies (10) are the equilibria beta^sigma of Proposition 1: with a zero "
          "coordinate some beta^sigma does not exist (cases/hw/prop1-single-agent-zero-eps-q.toml) and at eps = 0 "
          "no-trade is another one (L121), so the candidate is undefined rather than the conclusion false; the checker "
          "refutes only through Claim 1, which is about stage 1 and does not involve eps"},
         {"one_sided_offers", "offers lie in O (L47): best responses are unique (L107), so (10) defines s_2*",
          Necessity::scope,
          "with two-sided offers the best response (10) is a correspondence (L107; hw.prop1's tie), so s_2* is "
          "undefined and the candidate with it; the checker says so (inconclusive)"},
         {"utility_assumptions",
          "u(.; x, z) strictly increasing, strictly concave, C^1, Inada (L39): L_x is "
          "strictly concave with an interior maximum (Claim 1)",
          Necessity::open,
          "not found. The checker refutes only through Claim 1, and Claim 1 follows from the strict concavity of L_x "
          "alone, which a ln q + b ln(2 rbar - p1 q) keeps with a or b = 0; the conclusion is asymptotic, so a finite "
          "N range cannot refute it. Searched: theorem1-cobb-douglas.toml with a = 0 for type lo, N = 1..6, with the "
          "drop: inconclusive (q*_lo = 0 is a corner, where L_lo = -infinity cannot be enclosed)"},
         {"informative", "z != z' implies mu_z(x) != mu_z'(x) for some x (L43): posteriors concentrate (Claim 2)",
          Necessity::open,
          "not found. Without it phi^sigma is the prior for every sigma, so reading a deviator as another type moves "
          "the others' play only through the configuration, by O(1/M); Claim 2's gap still vanishes and the conclusion "
          "may hold. The checker refutes only through Claim 1 (stage 1). Searched: theorem1-cobb-douglas.toml with "
          "mu_bad = mu_good and type-dependent tastes, N = 1..6, with the drop: holds"}},
        "Exact Bayes rule for tau_x and phi^sigma. alpha*: the maximizer q*_x of L_x(q) = sum_z tau_x(z) u(q, p1 qbar "
        "+ "
        "rbar - p1 q) on [0, 2 qbar], p1 = rbar/qbar (exact 2 A qbar/(A + B) for Cobb-Douglas; else certified "
        "bisection "
        "on L'_x); separation decided; I(x) from (6). Claim 1: delta, A_x and epsilon as printed (a side outside "
        "(0, 2 qbar) is left out and said so), and l(x, x') = L_x(q*_x) - L_x(nearest end of I(x')) > epsilon checked "
        "for every x != x' (l is the exact sup of the loss by concavity). For each N of [hw.theorem1] N_range, "
        "M = ceil((1 - eta) N): every beta^sigma of the M-agent stage-2 game is certified (MPFR Newton, Krawczyk test "
        "in MPFI); F_x^N(x') of (23) is the sum over every configuration c of the other M - 1 active agents of "
        "tau_x(z) multinomial(M - 1; c) prod mu_z^c times u at the deviator's bundle (11): the others play "
        "beta^{c + e_x'}(.) (26), totals (25); a nondefector plays beta^{c + e_x}(x); a defector plays its best "
        "response (10) under phi^{c + e_x}, enclosed by certified signs of its first-order condition. The weights "
        "must sum to 1 in every state (exact). Margin(x, x') = eta l(x, x') + (1 - eta)(F_x^N(x) - F_x^N(x')) must be "
        "certified > 0. Nbar: the smallest N of the range from which every N passes; each N's smallest margin is "
        "reported. A range whose last N does not pass is inconclusive (the theorem is asymptotic).",
        "hw",
        Arithmetic::certified};
    return i;
  }

  void check_preconditions(const Case& c, const hw::Economy& e) const override {
    hw_common::require_economy(c, e, "hw.theorem1");
    if (!e.eta) c.fail({"hw", "eta"}, "hw.theorem1 needs eta, the inactive fraction (L47)");
    if (e.info->type_count() < 2)
      c.fail({"hw", "types"},
             "hw.theorem1 needs at least two types (separation and the intervals I(x) of (6) compare types)");
  }

  Outcome check_instance(const hw::Economy& e, Check& check) const override {
    const hw::Information& info = *e.info;
    const std::size_t k = info.type_count();
    hw::PrecisionScope precision(e.equilibrium.digits);

    // Hypotheses. Separation compares the optima q*_x: exactly when every one is exact (Cobb-Douglas
    // types), else by disjoint enclosures from certified bisection.
    const hw::BeliefIntervals intervals = hw::belief_intervals(e);
    bool optima_exact = true;
    for (const auto& o : intervals.optimum) optima_exact = optima_exact && o.exact.has_value();
    if (optima_exact) check.decided_in<Rational>();
    else check.decided_in<Interval>();
    check.hypothesis("separating", intervals.separating, intervals.separation_detail);
    check.hypothesis("one_sided_offers", e.equilibrium.one_sided,
                     e.equilibrium.one_sided ? "[hw.equilibrium] offers = \"one_sided\" (L47)"
                                             : "[hw.equilibrium] offers = \"two_sided\": the best response (10) is a "
                                               "correspondence (L107)");
    hw_common::record_assumptions(check, e, {"epsilon_positive", "utility_assumptions", "informative"});
    if (!check.hypotheses_met()) return check.unmet();
    // Without these (dropped) the candidate itself is undefined: not a refutation.
    if (!intervals.separating)
      return check.inconclusive("separating dropped and alpha* is not separating (" + intervals.separation_detail +
                                "): the intervals (6), the beliefs (7) and the candidate equilibrium are undefined");
    if (!e.equilibrium.one_sided)
      return check.inconclusive(
          "one_sided_offers dropped: with two-sided offers the best response (10) is not "
          "single-valued (see hw.prop1), so the candidate's stage-2 strategies are undefined");

    // ---- 1. alpha*, I(x)
    report_candidate(check, e, intervals);

    // ---- 2. Claim 1: l(x, x') > epsilon for every x != x', decided by certified signs.
    const hw::Claim1Epsilon claim1 = hw::claim1_epsilon(e, intervals);
    report_claim1(check, e, claim1);
    std::vector<std::vector<Interval>> loss(k, std::vector<Interval>(k, from_rational<Interval>(Rational(0))));
    for (std::size_t x = 0; x < k; ++x)
      for (std::size_t xp = 0; xp < k; ++xp) {
        if (xp == x) continue;
        loss[x][xp] = stage1_loss(e, intervals, x, xp);
        const int s = certified_sign(Interval(loss[x][xp] - claim1.epsilon));
        check.decided_in<Interval>();
        if (s < 0) {
          check.witness(make_text("type", info.types[x]))
              .witness(make_text("deviation_into", info.types[xp]))
              .witness(make_value("loss", loss[x][xp]));
          return check.refuted("Claim 1 fails: for type " + info.types[x] + " the stage-1 action at the end of I(" +
                               info.types[xp] + ") loses only " + interval_text(loss[x][xp]) +
                               " <= epsilon = " + interval_text(claim1.epsilon));
        }
        if (s == 0)
          throw Undecidable("Claim 1: the loss " + interval_text(loss[x][xp]) + " of type " + info.types[x] +
                                " and epsilon " + interval_text(claim1.epsilon) +
                                " are not separated at this precision",
                            NumberKind<Interval>::arithmetic);
        check.value(make_value("loss(" + info.types[x] + "->" + info.types[xp] + ")", loss[x][xp]));
      }

    // ---- 3. every N of the range: the margins (22), decided by certified signs.
    const auto [first, last] = e.theorem1_range.value_or(std::make_pair(2LL, 24LL));
    guard_range(check.context(), e, first, last);
    const Rows r = rows_over_range(e, loss, first, last, check.context());
    check.decided_in<Interval>();
    report_rows(check, e, r, first, last);

    // Nbar: after the last N that does not pass.
    const std::vector<Row>& rows = r.rows;
    std::optional<long long> nbar;
    for (auto row = rows.rbegin(); row != rows.rend() && row->status > 0; ++row) nbar = row->N;
    if (!nbar) {
      const Row& row = rows.back();
      return check.inconclusive(
          "the last N of the range (" + std::to_string(row.N) + ") " +
          (row.status < 0 ? "fails: some type gains by a stage-1 action in another interval (margin " +
                                interval_text(row.min_margin) + ")"
                          : "is not decided" + (row.failure.empty() ? std::string() : ": " + row.failure)) +
          ". Theorem 1 is asymptotic, so no Nbar within the range is not a refutation: extend N_range");
    }
    check.value("Nbar", *nbar);
    long long failing = 0, undecided = 0;
    for (const Row& row : rows) {
      failing += row.status < 0;
      undecided += row.status == 0;
    }
    const Row& worst = *std::min_element(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      if (a.N < *nbar) return false;
      if (b.N < *nbar) return true;
      return lower_bound(a.min_margin) < lower_bound(b.min_margin);
    });
    return check.holds(
        "alpha* is separating, Claim 1 holds (epsilon = " +
        (claim1.epsilon_exact ? to_string(*claim1.epsilon_exact) : decimal(claim1.epsilon, 6)) +
        "), and for every N in [" + std::to_string(*nbar) + ", " + std::to_string(last) +
        "] the candidate (6)-(10) is an equilibrium: no type gains by a stage-1 action in another interval (smallest "
        "certified margin " +
        decimal(worst.min_margin, 6) + " at N = " + std::to_string(worst.N) +
        "), with every beta^sigma Krawczyk-certified and F_x^N summed over all configurations. Nbar = " +
        std::to_string(*nbar) + " on this range" +
        (*nbar > first
             ? " (" + std::to_string(failing) + " smaller N fail, " + std::to_string(undecided) + " undecided)"
             : "") +
        "; N beyond the range are not checked");
  }

 private:
  // p1, q1(alpha*(x)) and alpha*(x) (exact for Cobb-Douglas types, else enclosed) and I(x) of (6),
  // in the order of q1(alpha*(x)).
  static void report_candidate(Check& check, const hw::Economy& e, const hw::BeliefIntervals& intervals) {
    const hw::Information& info = *e.info;
    const std::size_t k = info.type_count();
    check.value("p1", hw::first_stage_price(e));
    auto end_text = [](const std::optional<Rational>& exact, const Interval& enclosure) {
      return exact ? to_string(*exact) : interval_text(enclosure);
    };
    for (std::size_t i = 0; i < k; ++i) {
      const std::size_t x = intervals.order[i];
      const std::string name = info.types[x];
      const auto& opt = intervals.optimum[x];
      if (opt.exact) {
        check.value("q1(alpha*(" + name + "))", *opt.exact);
        check.text("alpha*(" + name + ")", hw::to_text(hw::stage1_offer_for(e, *opt.exact)));
      } else {
        check.value(make_value("q1(alpha*(" + name + "))", opt.q));
      }
      const bool last = i + 1 == k;
      check.text("I(" + name + ")", "[" + end_text(intervals.lower_exact[x], intervals.lower[x]) + ", " +
                                        end_text(intervals.upper_exact[x], intervals.upper[x]) + (last ? "]" : ")"));
    }
  }

  // delta, A_x and Claim 1's epsilon: exact rationals when every q*_x is (Cobb-Douglas types),
  // else certified enclosures.
  static void report_claim1(Check& check, const hw::Economy& e, const hw::Claim1Epsilon& claim1) {
    const hw::Information& info = *e.info;
    auto exact_or_interval = [](const std::string& name, const std::optional<Rational>& exact, const Interval& x) {
      return exact ? make_value(name, *exact) : make_value(name, x);
    };
    check.value(exact_or_interval("delta", claim1.delta_exact, claim1.delta));
    for (std::size_t x = 0; x < info.type_count(); ++x) {
      check.value(exact_or_interval("A_" + info.types[x], claim1.A_exact[x], claim1.A[x]));
      if (!claim1.side_dropped[x].empty()) check.text("A_" + info.types[x] + "_reading", claim1.side_dropped[x]);
    }
    check.value(exact_or_interval("epsilon_claim1", claim1.epsilon_exact, claim1.epsilon));
  }

  // l(x, x') = L_x(q*_x) - L_x(end of I(x') nearest q*_x): the loss of the best stage-1 action in
  // I(x') for type x (the exact sup of the loss there, L_x being concave), enclosed.
  static Interval stage1_loss(const hw::Economy& e, const hw::BeliefIntervals& intervals, std::size_t x,
                              std::size_t xp) {
    auto position = [&](std::size_t y) { return std::find(intervals.order.begin(), intervals.order.end(), y); };
    const Interval best = hw::inactive_utility(e, x, intervals.optimum[x].q);
    const Interval& end = position(xp) < position(x) ? intervals.upper[xp] : intervals.lower[xp];
    return Interval(best - hw::inactive_utility(e, x, end));
  }

  // Size guard: per M, the configurations of M agents and k^2 times those of M - 1.
  static void guard_range(const CheckContext& context, const hw::Economy& e, long long first, long long last) {
    const std::size_t k = e.info->type_count();
    unsigned long long points = 0;
    long long previous = -1;
    for (long long N = first; N <= last; ++N) {
      const long long M = hw::active_agents(*e.eta, N);
      if (M == previous) continue;
      previous = M;
      using hw::saturating_product, hw::saturating_sum;
      points = saturating_sum(points, saturating_product(hw::configuration_count(k, M), 100));
      points = saturating_sum(points, saturating_product(k * k, hw::configuration_count(k, M - 1)));
    }
    guard_enumeration_size(context, points, "hw.theorem1: stage-2 equilibria (x100) and weighted configurations");
    context.say("hw.theorem1: N = " + std::to_string(first) + ".." + std::to_string(last) + ", " +
                std::to_string(points) + " units of work");
  }

  // One row per N of [first, last]; F^N depends on N only through M, so each M is evaluated once.
  // The M are independent of one another (each certifies its own equilibria and sums its own
  // configurations), so they run in parallel, each into its own slot, and in an MPI run of this
  // check they are shared among its processes (claims/team.hpp: blocks of consecutive M, their rows
  // exchanged exactly). A failure is rethrown for the least M that fails, as the loop over N in
  // order would throw it.
  Rows rows_over_range(const hw::Economy& e, const std::vector<std::vector<Interval>>& loss, long long first,
                       long long last, const CheckContext& context) const {
    const Mpfr radius = hw_prop1::box_radius(e.equilibrium.digits);
    std::vector<long long> Ms;  // the distinct M, increasing
    for (long long N = first; N <= last; ++N) Ms.push_back(hw::active_agents(*e.eta, N));
    std::sort(Ms.begin(), Ms.end());
    Ms.erase(std::unique(Ms.begin(), Ms.end()), Ms.end());
    const std::vector<Row> by_M = shared_among<std::vector<Row>>(
        context.team, Ms.size(),
        [&](std::uint64_t begin, std::uint64_t end) {
          std::vector<Row> block(end - begin);
          LeastKeyed<std::size_t, std::exception_ptr> failure;
          std::atomic<std::size_t> done{0};
          mechcheck::parallel_for(std::size_t(begin), std::size_t(end), [&](std::size_t m) {
            if (failure.settled_below(m)) return;
            try {
              block[m - begin] = evaluate(e, loss, Ms[m], radius);
            } catch (...) {
              failure.offer(m, std::current_exception());
            }
            context.report(static_cast<double>(++done) / static_cast<double>(end - begin));
          });
          if (failure.kept()) std::rethrow_exception(failure.kept()->second);
          return block;
        },
        encode_rows, decode_rows,
        [](std::vector<Row> left, const std::vector<Row>& right) {
          left.insert(left.end(), right.begin(), right.end());
          return left;
        });
    Rows out;
    for (const Row& row : by_M) {
      out.equilibria += row.equilibria;
      out.configurations += row.configurations;
    }
    for (long long N = first; N <= last; ++N) {
      const long long M = hw::active_agents(*e.eta, N);
      Row row = by_M[static_cast<std::size_t>(std::lower_bound(Ms.begin(), Ms.end(), M) - Ms.begin())];
      row.N = N;
      out.rows.push_back(row);
    }
    return out;
  }

  // Each N's status and smallest margin as values; what was enumerated as statistics.
  static void report_rows(Check& check, const hw::Economy& e, const Rows& r, long long first, long long last) {
    const hw::Information& info = *e.info;
    long long failing = 0, undecided = 0;
    for (const Row& row : r.rows) {
      failing += row.status < 0;
      undecided += row.status == 0;
      const std::string status = row.status > 0 ? "passes" : row.status < 0 ? "fails" : "undecided";
      std::string text = "M = " + std::to_string(row.M) + ", " + status;
      if (row.failure.empty())
        text += ", min margin " + interval_text(row.min_margin) + " (type " + info.types[row.worst_x] + " into I(" +
                info.types[row.worst_xp] + ")), max |F(x) - F(x')| " + decimal(row.max_F_gap, 6);
      else text += ": " + row.failure;
      check.text("N=" + std::to_string(row.N), text);
    }
    check.stat("N_first", first)
        .stat("N_last", last)
        .stat("N_failing", failing)
        .stat("N_undecided", undecided)
        .stat("stage2_equilibria_certified", r.equilibria)
        .stat("configurations_weighted", r.configurations)
        .stat("digits", static_cast<long long>(e.equilibrium.digits));
  }

  // One M: every beta^sigma certified, F^N of (23) enclosed, and the margins (22) of s_1* against
  // each deviation, with their certified signs.
  Row evaluate(const hw::Economy& e, const std::vector<std::vector<Interval>>& loss, long long M,
               const Mpfr& radius) const {
    const std::size_t k = e.info->type_count();
    Row row;
    row.M = M;
    const hw::EquilibriumFamily family = hw::certify_equilibria(e, M, radius);
    row.equilibria = static_cast<long long>(family.by_sigma.size());
    if (!family.failure.empty()) {
      row.failure = family.failure;
      return row;
    }
    const hw::ActivePayoffs F = hw::active_payoffs(e, family, radius, weight_);
    if (!F.weight_failure.empty()) throw std::logic_error("hw.theorem1: " + F.weight_failure);
    row.configurations = F.configurations;
    if (!F.failure.empty()) {
      row.failure = F.failure;
      return row;
    }
    const Interval eta = from_rational<Interval>(*e.eta), active_share = from_rational<Interval>(1 - *e.eta);
    bool first = true;
    row.status = 1;
    row.max_F_gap = from_rational<Interval>(Rational(0));
    for (std::size_t x = 0; x < k; ++x)
      for (std::size_t xp = 0; xp < k; ++xp) {
        if (xp == x) continue;
        const Interval gap = Interval(F.F[x][x] - F.F[x][xp]);
        const Interval margin = Interval(eta * loss[x][xp] + active_share * gap);  // (22)
        if (first || lower_bound(margin) < lower_bound(row.min_margin)) {
          row.min_margin = margin;
          row.worst_x = x;
          row.worst_xp = xp;
        }
        first = false;
        const Interval abs_gap = Interval(abs(gap));
        if (upper_bound(abs_gap) > upper_bound(row.max_F_gap)) row.max_F_gap = abs_gap;
        const int s = certified_sign(margin);
        if (s < 0) row.status = -1;
        else if (s == 0 && row.status > 0) row.status = 0;
      }
    return row;
  }

  hw::ConfigurationWeight weight_;
};

}  // namespace

std::unique_ptr<Claim> make_claim(hw::ConfigurationWeight weight) { return std::make_unique<Theorem1>(weight); }

}  // namespace mechcheck::proofs::hw_theorem1
