// The re-check of finite.design. It never calls the LP and does not use model/design.cpp's rows
// (only the name under which the optimum is reported): every row of the design LP (the ids of
// model/design.hpp) is rebuilt here as a function that evaluates the row on a mechanism table,
// from the definitions in recheck/tables.cpp. A certificate is a weighted sum of rows; it is an
// affine function of the table, and its linear part vanishes exactly when its value does not
// change as any single entry of the table goes from 0 to 1. So:
//   Farkas (refuted):  sum_r y_r row_r(z) has no linear part and its constant is < 0, with y_r >= 0
//                      on inequality rows: no table satisfies every row.
//   optimum (holds):   objective(z) + sum_r y_r row_r(z) has no linear part and its constant is the
//                      reported optimum (so no feasible table does better), and the reported table
//                      satisfies every row and attains the optimum.
//   unbounded (holds): the reported table satisfies every row; along the reported direction every
//                      row's linear part is >= 0 (= 0 on equalities) and the objective rises.
#include "finite/model/design.hpp"
#include "finite/recheck/recheck.hpp"
#include "finite/recheck/tables.hpp"

#include <functional>
#include <map>

namespace mechcheck::finite {

using namespace recheck_tables;

namespace {

struct RowRule {
  bool equality = false;
  std::function<Rational(const Economy&)> value;  // the row's form on the table held by the economy
};
using Rows = std::map<std::string, RowRule>;

std::string key_of(const std::vector<std::size_t>& types) {
  std::string key = "t";
  for (std::size_t i = 0; i < types.size(); ++i) key += (i ? "_" : "") + std::to_string(types[i] + 1);
  return key;
}

std::string agent_key(std::size_t i) { return ".a" + std::to_string(i + 1); }

// E[sum_o p(t)(o) q_i(o) | t_i = k], with the belief computed from the joint prior here.
Rational expected_quantity(const Economy& e, std::size_t agent, std::size_t k) {
  const std::vector<Rational>& q = *e.agents[agent].quantities;
  Rational weighted = 0, mass = 0;
  for (std::size_t row = 0; row < e.prior.size(); ++row) {
    if (types_of_row(e, row)[agent] != k) continue;
    mass += e.prior[row];
    for (std::size_t o = 0; o < q.size(); ++o) weighted += e.prior[row] * e.lottery[row][o] * q[o];
  }
  return weighted / mass;
}

// The rows in force: the lottery's, and those of each property the case lists.
Rows rows_in_force(const Economy& e) {
  Rows rows;
  const bool strong = e.balance == BudgetBalance::strong;
  const std::size_t profiles = e.prior.size(), agents = e.agents.size(), outcomes = e.outcomes.size();
  for (std::size_t row = 0; row < profiles; ++row) {
    const std::string t = key_of(types_of_row(e, row));
    for (std::size_t o = 0; o < outcomes; ++o)
      rows["lottery_nonnegative." + t + ".o" + std::to_string(o + 1)] = {
          false, [row, o](const Economy& m) { return m.lottery[row][o]; }};
    rows["lottery_sum." + t] = {true, [row](const Economy& m) {
                                  Rational s = -1;
                                  for (const Rational& p : m.lottery[row]) s += p;
                                  return s;
                                }};
  }
  for (Property property : e.design->constraints) {
    for (std::size_t row = 0; row < profiles; ++row) {
      const std::vector<std::size_t> types = types_of_row(e, row);
      const std::string t = key_of(types);
      switch (property) {
        case Property::dsic:
          for (std::size_t i = 0; i < agents; ++i)
            for (std::size_t m = 0; m < e.agents[i].types.size(); ++m) {
              if (m == types[i]) continue;
              std::vector<std::size_t> lie = types;
              lie[i] = m;
              rows["dsic." + t + agent_key(i) + ".m" + std::to_string(m + 1)] = {
                  false, [types, lie, i](const Economy& x) {
                    return ex_post_utility(x, i, types[i], types) - ex_post_utility(x, i, types[i], lie);
                  }};
            }
          break;
        case Property::expost_ir:
          for (std::size_t i = 0; i < agents; ++i)
            rows["expost_ir." + t + agent_key(i)] = {
                false, [types, i](const Economy& x) { return ex_post_utility(x, i, types[i], types); }};
          break;
        case Property::expost_bb:
          rows["expost_bb." + t] = {strong, [row](const Economy& x) { return budget_at(x, row); }};
          break;
        case Property::efficiency:
          rows["efficiency." + t] = {true, [types, row](const Economy& x) {
                                       Rational best = surplus_of(x, 0, types);
                                       for (std::size_t o = 1; o < x.outcomes.size(); ++o)
                                         best = std::max(best, surplus_of(x, o, types));
                                       Rational shortfall = 0;
                                       for (std::size_t o = 0; o < x.outcomes.size(); ++o)
                                         shortfall += x.lottery[row][o] * (surplus_of(x, o, types) - best);
                                       return shortfall;
                                     }};
          break;
        default:
          break;
      }
    }
    for (std::size_t i = 0; i < agents; ++i)
      for (std::size_t k = 0; k < e.agents[i].types.size(); ++k) {
        const std::string a = agent_key(i), type = ".t" + std::to_string(k + 1);
        if (property == Property::bic)
          for (std::size_t m = 0; m < e.agents[i].types.size(); ++m)
            if (m != k)
              rows["bic" + a + type + ".m" + std::to_string(m + 1)] = {
                  false, [i, k, m](const Economy& x) { return interim(x, i, k, k) - interim(x, i, k, m); }};
        if (property == Property::interim_ir)
          rows["interim_ir" + a + type] = {false, [i, k](const Economy& x) { return interim(x, i, k, k); }};
        if (property == Property::monotonicity && k + 1 < e.agents[i].types.size())
          rows["monotonicity" + a + type] = {
              false, [i, k](const Economy& x) { return expected_quantity(x, i, k + 1) - expected_quantity(x, i, k); }};
      }
    if (property == Property::exante_bb)
      rows["exante_bb"] = {strong, [](const Economy& x) {
                             Rational s = 0;
                             for (std::size_t row = 0; row < x.prior.size(); ++row)
                               s += x.prior[row] * budget_at(x, row);
                             return s;
                           }};
  }
  return rows;
}

// The LP's objective on a table: E[sum_i x_i], E[welfare], or E[B] for the subsidy (whose least
// value is the negative of E[B]'s largest).
Rational objective_of(const Economy& x) {
  Rational s = 0;
  for (std::size_t row = 0; row < x.prior.size(); ++row) {
    const Rational& p = x.prior[row];
    switch (x.design->objective) {
      case Objective::revenue:
        for (const Rational& pay : x.payments[row]) s += p * pay;
        break;
      case Objective::welfare:
        for (std::size_t o = 0; o < x.outcomes.size(); ++o)
          s += p * x.lottery[row][o] * surplus_of(x, o, types_of_row(x, row));
        break;
      case Objective::subsidy:
        s += p * budget_at(x, row);
        break;
      case Objective::feasibility:
        break;
    }
  }
  return s;
}

// A copy of the economy holding the all-zero table.
Economy zero_table(const Economy& e) {
  Economy z = e;
  z.lottery.assign(e.prior.size(), std::vector<Rational>(e.outcomes.size(), Rational(0)));
  z.payments.assign(e.prior.size(), std::vector<Rational>(e.agents.size(), Rational(0)));
  return z;
}

// The table reported under `prefix` (lottery.<t>.o<o>, payment.<t>.a<i>), or nullopt if an entry is missing.
std::optional<Economy> reported_table(const Economy& e, const std::vector<Value>& witness, const std::string& prefix) {
  Economy m = zero_table(e);
  for (std::size_t row = 0; row < e.prior.size(); ++row) {
    const std::string t = key_of(types_of_row(e, row));
    for (std::size_t o = 0; o < e.outcomes.size(); ++o) {
      const auto p = reported(witness, prefix + "lottery." + t + ".o" + std::to_string(o + 1));
      if (!p) return std::nullopt;
      m.lottery[row][o] = *p;
    }
    for (std::size_t i = 0; i < e.agents.size(); ++i) {
      const auto x = reported(witness, prefix + "payment." + t + agent_key(i));
      if (!x) return std::nullopt;
      m.payments[row][i] = *x;
    }
  }
  return m;
}

// The first row the table violates, or "".
std::string first_violated_row(const Rows& rows, const Economy& table) {
  for (const auto& [id, rule] : rows) {
    const Rational v = rule.value(table);
    if (rule.equality ? v != 0 : v < 0) return id + " = " + to_string(v);
  }
  return "";
}

struct Combination {
  std::vector<std::pair<const RowRule*, Rational>> terms;
  std::string problem;  // why the multipliers are not admissible ("" when they are)
};

Combination reported_multipliers(const Rows& rows, const std::vector<Value>& witness) {
  Combination c;
  const std::string prefix = "multiplier.";
  for (const Value& v : witness) {
    if (v.name.rfind(prefix, 0) != 0) continue;
    const std::string id = v.name.substr(prefix.size());
    const auto rule = rows.find(id);
    const auto y = parse_rational(v.text);
    if (rule == rows.end()) c.problem = "multiplier on " + id + ", which is not a row of this design problem";
    else if (!y) c.problem = "multiplier on " + id + " is not a rational";
    else if (!rule->second.equality && *y < 0) c.problem = "negative multiplier on the inequality " + id;
    if (!c.problem.empty()) return c;
    c.terms.emplace_back(&rule->second, *y);
  }
  if (c.terms.empty()) c.problem = "no multipliers reported";
  return c;
}

// The affine function objective(z) (when asked) + sum y_r row_r(z): its value at the zero table,
// and the first table entry whose unit change moves it ("" when none does: no linear part).
struct AffineCheck {
  Rational constant;
  std::string moved_by;
};

AffineCheck check_affine(const Economy& e, const Combination& c, bool with_objective) {
  Economy z = zero_table(e);
  const auto value = [&] {
    Rational s = with_objective ? objective_of(z) : Rational(0);
    for (const auto& [rule, y] : c.terms) s += y * rule->value(z);
    return s;
  };
  AffineCheck out{value(), ""};
  for (std::size_t row = 0; row < e.prior.size() && out.moved_by.empty(); ++row) {
    const std::string t = key_of(types_of_row(e, row));
    for (std::size_t o = 0; o < e.outcomes.size() && out.moved_by.empty(); ++o) {
      z.lottery[row][o] = 1;
      if (value() != out.constant) out.moved_by = "lottery." + t + ".o" + std::to_string(o + 1);
      z.lottery[row][o] = 0;
    }
    for (std::size_t i = 0; i < e.agents.size() && out.moved_by.empty(); ++i) {
      z.payments[row][i] = 1;
      if (value() != out.constant) out.moved_by = "payment." + t + agent_key(i);
      z.payments[row][i] = 0;
    }
  }
  return out;
}

Recheck farkas(const Economy& e, const Rows& rows, const Outcome& outcome) {
  Recheck r;
  r.method =
      "every row of the design LP rebuilt from the definitions; the Farkas multipliers' weighted sum of rows "
      "evaluated on the zero table and on each unit table";
  const Combination c = reported_multipliers(rows, outcome.witness);
  if (!c.problem.empty()) {
    r.detail = c.problem;
    return r;
  }
  const AffineCheck a = check_affine(e, c, false);
  r.passed = a.moved_by.empty() && a.constant < 0;
  r.detail = a.moved_by.empty()
                 ? "the combination is the constant " + to_string(a.constant) +
                       (a.constant < 0 ? " < 0 on every table: no mechanism satisfies every row" : ", not negative")
                 : "the combination still depends on " + a.moved_by;
  return r;
}

Recheck optimum(const Economy& e, const Rows& rows, const Outcome& outcome, const Economy& table) {
  Recheck r;
  r.method =
      "every row of the design LP rebuilt from the definitions and evaluated on the reported mechanism; the "
      "objective plus the dual multipliers' weighted rows evaluated on the zero table and each unit table";
  const std::string violated = first_violated_row(rows, table);
  if (!violated.empty()) {
    r.detail = "the reported mechanism violates " + violated;
    return r;
  }
  if (e.design->objective == Objective::feasibility) {
    r.passed = true;
    r.detail = "the reported mechanism satisfies all " + std::to_string(rows.size()) + " rows";
    return r;
  }
  const std::string name = optimum_name(e.design->objective);
  const auto reported_optimum = reported(outcome.values, name);
  const Combination c = reported_multipliers(rows, outcome.witness);
  if (!reported_optimum || !c.problem.empty()) {
    r.detail = !reported_optimum ? "the outcome does not report " + name : c.problem;
    return r;
  }
  const Rational lp_value =
      e.design->objective == Objective::subsidy ? Rational(-*reported_optimum) : *reported_optimum;
  const Rational attained = objective_of(table);
  const AffineCheck a = check_affine(e, c, true);
  r.passed = a.moved_by.empty() && a.constant == lp_value && attained == lp_value;
  r.detail = !a.moved_by.empty() ? "objective plus multipliers still depends on " + a.moved_by
                                 : "bound " + to_string(a.constant) + ", attained " + to_string(attained) +
                                       ", reported (as the LP's maximum) " + to_string(lp_value) + "; all " +
                                       std::to_string(rows.size()) + " rows hold at the reported mechanism";
  return r;
}

Recheck unbounded(const Economy& e, const Rows& rows, const Outcome& outcome, const Economy& table) {
  Recheck r;
  r.method =
      "every row rebuilt from the definitions, evaluated on the reported mechanism, and its change along the "
      "reported direction";
  const std::string violated = first_violated_row(rows, table);
  const auto direction = reported_table(e, outcome.witness, "direction.");
  if (!violated.empty() || !direction) {
    r.detail = !direction ? "the outcome does not report the whole direction" : "the mechanism violates " + violated;
    return r;
  }
  const Economy zero = zero_table(e);
  for (const auto& [id, rule] : rows) {
    const Rational change = rule.value(*direction) - rule.value(zero);
    if (rule.equality ? change != 0 : change < 0) {
      r.detail = "along the direction, row " + id + " changes by " + to_string(change);
      return r;
    }
  }
  const Rational rise = objective_of(*direction) - objective_of(zero);
  r.passed = rise > 0;
  r.detail = "every row stays satisfied along the direction; the objective changes by " + to_string(rise) + " per step";
  return r;
}

}  // namespace

std::optional<Recheck> recheck_design(const Economy& e, const Outcome& outcome) {
  if (!e.design || (outcome.verdict != Verdict::refuted && outcome.verdict != Verdict::holds)) return std::nullopt;
  const Rows rows = rows_in_force(e);
  if (outcome.verdict == Verdict::refuted) return farkas(e, rows, outcome);
  const auto table = reported_table(e, outcome.witness, "");
  if (!table) {
    Recheck r;
    r.method = "the reported mechanism against every row of the design LP";
    r.detail = "the outcome does not report the whole mechanism (lottery.<t>.o<o>, payment.<t>.a<i>)";
    return r;
  }
  if (reported(outcome.witness, "direction.payment." + key_of(types_of_row(e, 0)) + ".a1"))
    return unbounded(e, rows, outcome, *table);
  return optimum(e, rows, outcome, *table);
}

}  // namespace mechcheck::finite
