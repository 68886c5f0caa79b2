// finite.design -- mechanism design as an exact LP: is there a mechanism on this economy with every
// property the case lists, and which one optimizes the case's objective? The unknowns are the
// whole table (lotteries and payments at every profile); each property is a family of linear
// rows (model/design.hpp). An impossibility is proved by Farkas multipliers, an optimum by dual
// multipliers; both are re-checked by recheck/design.cpp, which rebuilds every row from the
// definitions and never calls the LP.
#include "finite/claims/claims.hpp"
#include "finite/claims/design_witness.hpp"
#include "finite/model/design.hpp"
#include "finite/recheck/recheck.hpp"
#include "mechcheck/cases/checker.hpp"
#include "mechcheck/cases/toml_text.hpp"
#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

namespace {

std::string property_list(const Design& d) {
  if (d.constraints.empty()) return "no constraint";
  std::string s;
  for (std::size_t k = 0; k < d.constraints.size(); ++k) {
    const std::string name = property_name(d.constraints[k]);
    s += (k == 0 ? "" : k + 1 == d.constraints.size() ? " and " : ", ") + name;
  }
  return s;
}

// The mechanism z as a [finite.mechanism] table, to paste into a case and check with the other
// finite claims.
std::string mechanism_toml(const Economy& e, const std::vector<Rational>& z) {
  std::string s = "[finite.mechanism]\nrule = \"table\"\n";
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    const std::vector<std::size_t> t = profile_types(e, r);
    s += "\n[[finite.mechanism.row]]\ntypes = [";
    for (std::size_t i = 0; i < t.size(); ++i) s += (i ? ", " : "") + toml_quoted(to_string(e.agents[i].types[t[i]]));
    s += "]\noutcome = { ";
    bool first = true;
    for (std::size_t o = 0; o < e.outcomes.size(); ++o) {
      const Rational& p = z[lottery_variable(e, r, o)];
      if (p == 0) continue;
      s += (first ? "" : ", ") + toml_quoted(e.outcomes[o]) + " = " + toml_quoted(to_string(p));
      first = false;
    }
    s += " }\npayments = [";
    for (std::size_t i = 0; i < e.agent_count(); ++i)
      s += (i ? ", " : "") + toml_quoted(to_string(z[payment_variable(e, r, i)]));
    s += "]\n";
  }
  return s;
}

class DesignClaim : public Checker<Economy> {
 public:
  const ClaimInfo& info() const override {
    static const ClaimInfo i{
        "finite.design",
        "mechanism design by exact linear programming (MWG ch. 23; Myerson and Satterthwaite 1983 on finite "
        "grids)",
        "There is a mechanism (a lottery over the outcomes and a payment per agent at every reported profile) with "
        "every property that [finite.design] lists; among them, one that maximizes the expected revenue or welfare "
        "or minimizes the expected subsidy, as the case asks.",
        {},
        "Every property is a family of linear constraints on the table's entries (docs/model.md, \"Design\"); "
        "cddlib's dual simplex solves the LP in exact rational arithmetic. Holds: the optimal mechanism, its value, "
        "and dual multipliers that bound every feasible mechanism's objective by it. Refuted: Farkas multipliers "
        "whose combination of the constraints reads 0 >= 1. Both re-checked by separate code that rebuilds each "
        "constraint from the definitions and does not call the LP.",
        "finite",
        Arithmetic::exact};
    return i;
  }

 protected:
  void check_preconditions(const Case& c, const Economy& e) const override {
    if (!e.design) c.fail({"finite"}, "finite.design needs a [finite.design] table (objective and constraints)");
  }

  std::optional<Recheck> recheck_outcome(const Economy& e, const Outcome& outcome) const override {
    return recheck_design(e, outcome);
  }

  Outcome check_instance(const Economy& e, Check& check) const override {
    const Design& design = *e.design;
    // cddlib works on a dense matrix, and its pivots grow with it (lp::simplex_work): refuse, before
    // building the LP, a solve of more than a few minutes.
    guard_enumeration_size(check.context(), design_simplex_work(e),
                           "finite.design's LP (units of simplex work: matrix entries x unknowns / 100)");
    const DesignProgram d = design_program(e);
    // The estimate above counts rows as the builder should make them; the program built is what is
    // solved, so it is bounded too (an estimate that drifted from the builder cannot let a larger LP through).
    guard_enumeration_size(check.context(), lp::simplex_work(d.program),
                           "finite.design's LP as built (units of simplex work: matrix entries x unknowns / 100)");
    check.stat("lp_variables", static_cast<long long>(d.program.variables))
        .stat("lp_rows", static_cast<long long>(d.program.rows.size()));
    const lp::Result result = lp::solve(d.program);
    const std::string properties = property_list(design);

    if (result.status == lp::Status::infeasible) {
      const long long used = witness_multipliers(check, d, result.multipliers);
      check.stat("certificate_multipliers", used);
      return check.refuted("no mechanism on this economy has " + properties + ": " + std::to_string(used) +
                           " Farkas multipliers combine the constraints into -1 >= 0 (exact)");
    }
    if (result.status == lp::Status::unbounded) {
      witness_mechanism(check, e, result.point, "");
      witness_mechanism(check, e, result.direction, "direction.");
      check.text(optimum_name(design.objective), "unbounded");
      return check.holds("mechanisms with " + properties + " exist, and their " + objective_name(design.objective) +
                         " is unbounded: a feasible mechanism and a direction that raises it without end (exact)");
    }
    witness_mechanism(check, e, result.point, "");
    check.text("mechanism_toml", mechanism_toml(e, result.point));
    if (design.objective == Objective::feasibility)
      return check.holds("a mechanism with " + properties + " exists on this economy; one is reported (exact)");
    const long long used = witness_multipliers(check, d, result.multipliers);
    check.stat("certificate_multipliers", used);
    const Rational optimum = design.objective == Objective::subsidy ? Rational(-result.value) : result.value;
    check.value(optimum_name(design.objective), optimum);
    return check.holds("the best mechanism with " + properties + " has " + optimum_name(design.objective) + " = " +
                       to_string(optimum) + ", proved optimal by " + std::to_string(used) +
                       " dual multipliers (exact)");
  }
};

}  // namespace

std::unique_ptr<Claim> make_design() { return std::make_unique<DesignClaim>(); }

}  // namespace mechcheck::finite
