#include "finite/model/design.hpp"

#include "finite/model/rules.hpp"

#include <map>

namespace mechcheck::finite {

std::size_t lottery_variable(const Economy& e, std::size_t profile, std::size_t outcome) {
  return profile * e.outcomes.size() + outcome;
}

std::size_t payment_variable(const Economy& e, std::size_t profile, std::size_t agent) {
  return e.profile_count() * e.outcomes.size() + profile * e.agent_count() + agent;
}

std::size_t design_variable_count(const Economy& e) {
  return e.profile_count() * (e.outcomes.size() + e.agent_count());
}

std::string profile_key(const Economy& e, std::size_t profile) {
  std::string key = "t";
  const std::vector<std::size_t> t = profile_types(e, profile);
  for (std::size_t i = 0; i < t.size(); ++i) key += (i ? "_" : "") + std::to_string(t[i] + 1);
  return key;
}

std::string optimum_name(Objective objective) {
  switch (objective) {
    case Objective::revenue:
      return "maximal_expected_revenue";
    case Objective::welfare:
      return "maximal_expected_welfare";
    case Objective::subsidy:
      return "minimal_expected_subsidy";
    case Objective::feasibility:
      break;
  }
  return "";
}

unsigned long long design_simplex_work(const Economy& e) {
  const unsigned long long P = e.profile_count(), O = e.outcomes.size(), n = e.agent_count();
  const bool strong = e.balance == BudgetBalance::strong;
  unsigned long long types = 0, type_pairs = 0, misreports_per_profile = 0;
  for (const Agent& a : e.agents) {
    types += a.types.size();
    type_pairs += a.types.size() * (a.types.size() - 1);
    misreports_per_profile += a.types.size() - 1;
  }
  unsigned long long rows = P * O + 2 * P;  // lottery_nonnegative, lottery_sum (an equality: twice)
  for (Property p : e.design->constraints) switch (p) {
      case Property::dsic:
        rows += P * misreports_per_profile;
        break;
      case Property::bic:
        rows += type_pairs;
        break;
      case Property::expost_ir:
        rows += P * n;
        break;
      case Property::interim_ir:
        rows += types;
        break;
      case Property::expost_bb:
        rows += strong ? 2 * P : P;
        break;
      case Property::exante_bb:
        rows += strong ? 2 : 1;
        break;
      case Property::efficiency:
        rows += 2 * P;
        break;
      case Property::monotonicity:
        rows += types - n;
        break;
    }
  return lp::simplex_work(design_variable_count(e), rows);
}

namespace {

// A linear form constant + sum_j a_j z_j, built by adding scaled pieces.
struct Form {
  Rational constant;
  std::map<std::size_t, Rational> terms;

  Form& add(std::size_t variable, const Rational& a) {
    if (a != 0) terms[variable] += a;
    return *this;
  }
  Form& add(const Form& other, const Rational& scale) {
    constant += scale * other.constant;
    for (const auto& [j, a] : other.terms) add(j, scale * a);
    return *this;
  }
  lp::Row row(bool equality) const {
    lp::Row r{constant, {}, equality};
    for (const auto& [j, a] : terms)
      if (a != 0) r.terms.emplace_back(j, a);
    return r;
  }
};

// u_i(k; r) = sum_o p(r)(o) v_i(o, k) - x_i(r): agent i of true type k at reported profile r.
Form utility_form(const Economy& e, std::size_t agent, std::size_t k, std::size_t r) {
  Form f;
  for (std::size_t o = 0; o < e.outcomes.size(); ++o) f.add(lottery_variable(e, r, o), e.agents[agent].values[k][o]);
  f.add(payment_variable(e, r, agent), Rational(-1));
  return f;
}

// U_i(k; m) = E[u_i(k; m, t_-i) | t_i = k] = sum_{t: t_i = k} P(t) u_i(k; m, t_-i) / P_i(k).
Form interim_utility_form(const Economy& e, std::size_t agent, std::size_t k, std::size_t m) {
  Form f;
  const Rational& marginal = e.agents[agent].marginal[k];
  for_each_profile_with(e, agent, k, [&](std::size_t r, const Rational& p) {
    if (p != 0) f.add(utility_form(e, agent, k, with_type(e, r, agent, m)), p / marginal);
  });
  return f;
}

// B(t) = sum_i x_i(t) - sum_o p(t)(o) c(o).
Form budget_form(const Economy& e, std::size_t r) {
  Form f;
  for (std::size_t i = 0; i < e.agent_count(); ++i) f.add(payment_variable(e, r, i), Rational(1));
  for (std::size_t o = 0; o < e.outcomes.size(); ++o) f.add(lottery_variable(e, r, o), -e.costs[o]);
  return f;
}

// Q_i(k) = E[sum_o p(t)(o) q_i(o) | t_i = k].
Form interim_quantity_form(const Economy& e, std::size_t agent, std::size_t k) {
  Form f;
  const std::vector<Rational>& q = *e.agents[agent].quantities;
  const Rational& marginal = e.agents[agent].marginal[k];
  for_each_profile_with(e, agent, k, [&](std::size_t r, const Rational& p) {
    if (p == 0) return;
    for (std::size_t o = 0; o < q.size(); ++o) f.add(lottery_variable(e, r, o), p * q[o] / marginal);
  });
  return f;
}

class Builder {
 public:
  explicit Builder(const Economy& e) : e_(e) { out_.program.variables = design_variable_count(e); }

  void push(std::string id, const Form& form, bool equality) {
    out_.program.rows.push_back(form.row(equality));
    out_.row_ids.push_back(std::move(id));
  }

  void lottery() {
    for (std::size_t r = 0; r < e_.profile_count(); ++r) {
      Form sum;
      sum.constant = -1;
      for (std::size_t o = 0; o < e_.outcomes.size(); ++o) {
        push("lottery_nonnegative." + key(r) + ".o" + std::to_string(o + 1),
             Form().add(lottery_variable(e_, r, o), Rational(1)), false);
        sum.add(lottery_variable(e_, r, o), Rational(1));
      }
      push("lottery_sum." + key(r), sum, true);
    }
  }

  void dsic() {
    for (std::size_t r = 0; r < e_.profile_count(); ++r)
      for (std::size_t i = 0; i < e_.agent_count(); ++i) {
        const std::size_t k = profile_types(e_, r)[i];
        for (std::size_t m = 0; m < e_.agents[i].types.size(); ++m) {
          if (m == k) continue;
          Form gain = utility_form(e_, i, k, r);
          gain.add(utility_form(e_, i, k, with_type(e_, r, i, m)), Rational(-1));
          push("dsic." + key(r) + agent(i) + ".m" + std::to_string(m + 1), gain, false);
        }
      }
  }

  void bic() {
    for (std::size_t i = 0; i < e_.agent_count(); ++i)
      for (std::size_t k = 0; k < e_.agents[i].types.size(); ++k) {
        const Form truthful = interim_utility_form(e_, i, k, k);
        for (std::size_t m = 0; m < e_.agents[i].types.size(); ++m) {
          if (m == k) continue;
          Form gain = truthful;
          gain.add(interim_utility_form(e_, i, k, m), Rational(-1));
          push("bic" + agent(i) + ".t" + std::to_string(k + 1) + ".m" + std::to_string(m + 1), gain, false);
        }
      }
  }

  void expost_ir() {
    for (std::size_t r = 0; r < e_.profile_count(); ++r)
      for (std::size_t i = 0; i < e_.agent_count(); ++i)
        push("expost_ir." + key(r) + agent(i), utility_form(e_, i, profile_types(e_, r)[i], r), false);
  }

  void interim_ir() {
    for (std::size_t i = 0; i < e_.agent_count(); ++i)
      for (std::size_t k = 0; k < e_.agents[i].types.size(); ++k)
        push("interim_ir" + agent(i) + ".t" + std::to_string(k + 1), interim_utility_form(e_, i, k, k), false);
  }

  void expost_bb() {
    for (std::size_t r = 0; r < e_.profile_count(); ++r)
      push("expost_bb." + key(r), budget_form(e_, r), e_.balance == BudgetBalance::strong);
  }

  void exante_bb() {
    Form expected;
    for (std::size_t r = 0; r < e_.profile_count(); ++r) expected.add(budget_form(e_, r), e_.prior[r]);
    push("exante_bb", expected, e_.balance == BudgetBalance::strong);
  }

  void efficiency() {
    for (std::size_t r = 0; r < e_.profile_count(); ++r) {
      const Rational best = outcome_surplus(e_, r, efficient_outcome(e_, r));
      Form shortfall;
      for (std::size_t o = 0; o < e_.outcomes.size(); ++o)
        shortfall.add(lottery_variable(e_, r, o), outcome_surplus(e_, r, o) - best);
      push("efficiency." + key(r), shortfall, true);
    }
  }

  void monotonicity() {
    for (std::size_t i = 0; i < e_.agent_count(); ++i)
      for (std::size_t k = 0; k + 1 < e_.agents[i].types.size(); ++k) {
        Form rise = interim_quantity_form(e_, i, k + 1);
        rise.add(interim_quantity_form(e_, i, k), Rational(-1));
        push("monotonicity" + agent(i) + ".t" + std::to_string(k + 1), rise, false);
      }
  }

  void objective(Objective objective) {
    if (objective == Objective::feasibility) return;
    Form f;
    for (std::size_t r = 0; r < e_.profile_count(); ++r) {
      const Rational& p = e_.prior[r];
      if (p == 0) continue;
      switch (objective) {
        case Objective::revenue:  // E[sum_i x_i(t)]
          for (std::size_t i = 0; i < e_.agent_count(); ++i) f.add(payment_variable(e_, r, i), p);
          break;
        case Objective::welfare:  // E[sum_o p(t)(o) S(o, t)]
          for (std::size_t o = 0; o < e_.outcomes.size(); ++o)
            f.add(lottery_variable(e_, r, o), p * outcome_surplus(e_, r, o));
          break;
        case Objective::subsidy:  // maximize E[B(t)], the least expected subsidy is its negative
          f.add(budget_form(e_, r), p);
          break;
        case Objective::feasibility:
          break;
      }
    }
    out_.program.objective.assign(out_.program.variables, Rational(0));
    for (const auto& [j, a] : f.terms) out_.program.objective[j] = a;
  }

  DesignProgram result() && { return std::move(out_); }

 private:
  std::string key(std::size_t r) const { return profile_key(e_, r); }
  static std::string agent(std::size_t i) { return ".a" + std::to_string(i + 1); }

  const Economy& e_;
  DesignProgram out_;
};

}  // namespace

DesignProgram design_program(const Economy& e) {
  Builder b(e);
  b.lottery();
  for (Property p : e.design->constraints) switch (p) {
      case Property::dsic:
        b.dsic();
        break;
      case Property::bic:
        b.bic();
        break;
      case Property::expost_ir:
        b.expost_ir();
        break;
      case Property::interim_ir:
        b.interim_ir();
        break;
      case Property::expost_bb:
        b.expost_bb();
        break;
      case Property::exante_bb:
        b.exante_bb();
        break;
      case Property::efficiency:
        b.efficiency();
        break;
      case Property::monotonicity:
        b.monotonicity();
        break;
    }
  b.objective(e.design->objective);
  return std::move(b).result();
}

}  // namespace mechcheck::finite
