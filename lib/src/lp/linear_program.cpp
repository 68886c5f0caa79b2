// Exact LP through cddlib's dual simplex in GMP rational arithmetic (libcddgmp). Every number enters
// and leaves cddlib as an exact rational. The certificates come from a second LP (the dual, or the
// Farkas system), solved by the same code, and are verified here by plain sums before they are
// returned.
#include <gmp.h>
#define GMPRATIONAL
#include <cddlib/setoper.h>
#include <cddlib/cdd.h>

#include "mechcheck/lp/linear_program.hpp"

#include <mutex>
#include <optional>
#include <stdexcept>

namespace mechcheck::lp {

const char* to_string(Status s) {
  switch (s) {
    case Status::optimal:
      return "optimal";
    case Status::infeasible:
      return "infeasible";
    case Status::unbounded:
      return "unbounded";
  }
  return "?";
}

namespace {

void set_entry(mytype& target, const Rational& value) { mpq_set(target, value.backend().data()); }

Rational to_rational(const mytype& value) {
  Rational r;
  mpq_set(r.backend().data(), value);
  return r;
}

// cddlib keeps global constants and is not documented as thread-safe: one LP at a time.
std::mutex& cdd_mutex() {
  static std::mutex m;
  return m;
}

void check_terms(const Program& p) {
  if (!p.objective.empty() && p.objective.size() != p.variables)
    throw std::invalid_argument("lp::solve: the objective has " + std::to_string(p.objective.size()) +
                                " coefficients for " + std::to_string(p.variables) + " variables");
  for (const Row& row : p.rows)
    for (const auto& [j, a] : row.terms)
      if (j >= p.variables)
        throw std::invalid_argument("lp::solve: a row names variable " + std::to_string(j) + " of " +
                                    std::to_string(p.variables));
}

bool has_objective(const Program& p) {
  for (const Rational& c : p.objective)
    if (c != 0) return true;
  return false;
}

// What cddlib's final basis says: the status, the optimal value and point (optimal), and the
// multipliers its dictionary holds, one per row of the program (optimal: the dual solution on the
// nonbasic rows; infeasible: the evidence row with multiplier 1 and the nonbasic rows). Their sign
// convention is cddlib's; solve() verifies them and falls back to a second LP when they fail.
struct CddAnswer {
  Result result;
  std::vector<Rational> basis_multipliers;
};

CddAnswer run_cdd(const Program& p) {
  CddAnswer answer;
  Result& result = answer.result;
  if (p.variables == 0 || p.rows.empty()) {
    // No variable, or no row: cddlib wants both. Every row is a constant; with no rows every z is
    // feasible and a nonzero objective is unbounded.
    for (const Row& row : p.rows)
      if (row.equality ? row.constant != 0 : row.constant < 0) return answer;  // infeasible
    result.point.assign(p.variables, Rational(0));
    result.status = has_objective(p) ? Status::unbounded : Status::optimal;
    return answer;
  }
  std::lock_guard<std::mutex> lock(cdd_mutex());
  static std::once_flag initialized;
  std::call_once(initialized, [] { dd_set_global_constants(); });

  const dd_rowrange rows = static_cast<dd_rowrange>(p.rows.size());
  const dd_colrange cols = static_cast<dd_colrange>(p.variables + 1);
  dd_MatrixPtr M = dd_CreateMatrix(rows, cols);
  M->representation = dd_Inequality;
  M->numbtype = dd_Rational;
  M->objective = dd_LPmax;
  // cdd reads row i as b_i + A_i z >= 0 (column 0 holds b_i); equalities are its linearity set
  // (1-based). dd_Matrix2LP appends each equality's negation after the rows, in order: cdd row
  // rows + k + 1 is the k-th equality, negated.
  std::vector<std::size_t> equality_rows;
  for (dd_rowrange i = 0; i < rows; ++i) {
    const Row& row = p.rows[static_cast<std::size_t>(i)];
    set_entry(M->matrix[i][0], row.constant);
    for (const auto& [j, a] : row.terms) {
      Rational sum = to_rational(M->matrix[i][j + 1]) + a;  // a variable named twice adds up
      set_entry(M->matrix[i][j + 1], sum);
    }
    if (row.equality) {
      set_addelem(M->linset, i + 1);
      equality_rows.push_back(static_cast<std::size_t>(i));
    }
  }
  for (std::size_t j = 0; j < p.objective.size(); ++j) set_entry(M->rowvec[j + 1], p.objective[j]);

  dd_ErrorType error = dd_NoError;
  dd_LPPtr lp = dd_Matrix2LP(M, &error);
  if (error != dd_NoError || !lp) {
    dd_FreeMatrix(M);
    throw std::runtime_error("cddlib could not set up the LP (error " + std::to_string(error) + ")");
  }
  dd_LPSolve(lp, dd_DualSimplex, &error);
  const dd_LPStatusType status = lp->LPS;
  // Adds `y` to the multiplier of cdd row `index` (1-based), mapped to the program's rows.
  // Adds `y` to the multiplier of cdd row `index` (1-based), mapped to the program's rows.
  const auto add_multiplier = [&](long index, const Rational& y) {
    if (index >= 1 && index <= rows) answer.basis_multipliers[static_cast<std::size_t>(index - 1)] += y;
    else if (index > rows && index <= rows + static_cast<long>(equality_rows.size()))
      answer.basis_multipliers[equality_rows[static_cast<std::size_t>(index - rows - 1)]] -= y;
  };
  if (error == dd_NoError) {
    switch (status) {
      case dd_Optimal:
      case dd_Inconsistent:
        answer.basis_multipliers.assign(p.rows.size(), Rational(0));
        for (dd_colrange j = 1; j < lp->d; ++j) add_multiplier(lp->nbindex[j + 1], to_rational(lp->dsol[j]));
        if (status == dd_Inconsistent) {
          result.status = Status::infeasible;
          add_multiplier(lp->re, Rational(1));
        } else {
          result.status = Status::optimal;
          result.value = to_rational(lp->optvalue);
          for (std::size_t j = 0; j < p.variables; ++j) result.point.push_back(to_rational(lp->sol[j + 1]));
        }
        break;
      case dd_StrucInconsistent:
        result.status = Status::infeasible;
        break;
      case dd_DualInconsistent:
      case dd_StrucDualInconsistent:
      case dd_Unbounded:
        result.status = Status::unbounded;
        break;
      default:
        error = dd_NumericallyInconsistent;
        break;
    }
  }
  dd_FreeLPData(lp);
  dd_FreeMatrix(M);
  if (error != dd_NoError)
    throw std::runtime_error("cddlib's exact LP ended without a verdict (error " + std::to_string(error) + ", status " +
                             std::to_string(status) + ")");
  return answer;
}

Rational row_value(const Row& row, const std::vector<Rational>& z, bool with_constant = true) {
  Rational sum = with_constant ? row.constant : Rational(0);
  for (const auto& [j, a] : row.terms) sum += a * z[j];
  return sum;
}

bool satisfied(const Row& row, const Rational& value) { return row.equality ? value == 0 : value >= 0; }

bool feasible(const Program& p, const std::vector<Rational>& z) {
  if (z.size() != p.variables) return false;
  for (const Row& row : p.rows)
    if (!satisfied(row, row_value(row, z))) return false;
  return true;
}

Rational objective_value(const Program& p, const std::vector<Rational>& z) {
  Rational sum = 0;
  for (std::size_t j = 0; j < p.objective.size(); ++j) sum += p.objective[j] * z[j];
  return sum;
}

// objective(z) + sum_r y_r row_r(z) (objective omitted when `with_objective` is false): returns its
// constant when every coefficient of z vanishes and the signs of y are admissible, else nullopt.
std::optional<Rational> constant_of_combination(const Program& p, const std::vector<Rational>& y, bool with_objective) {
  if (y.size() != p.rows.size()) return std::nullopt;
  std::vector<Rational> linear(p.variables, Rational(0));
  if (with_objective) linear = p.objective.empty() ? linear : p.objective;
  Rational constant = 0;
  for (std::size_t r = 0; r < p.rows.size(); ++r) {
    if (!p.rows[r].equality && y[r] < 0) return std::nullopt;
    if (y[r] == 0) continue;
    constant += y[r] * p.rows[r].constant;
    for (const auto& [j, a] : p.rows[r].terms) linear[j] += y[r] * a;
  }
  for (const Rational& a : linear)
    if (a != 0) return std::nullopt;
  return constant;
}

// The multipliers' program: one variable y_r per row, y_r >= 0 on inequality rows, and for each
// variable j of the primal the equality c_j + sum_r y_r a_rj = 0 (c = 0 when `with_objective` is
// false). The caller adds its objective or normalisation.
Program multipliers_program(const Program& p, bool with_objective) {
  Program d;
  d.variables = p.rows.size();
  for (std::size_t r = 0; r < p.rows.size(); ++r)
    if (!p.rows[r].equality) d.rows.push_back(Row{Rational(0), {{r, Rational(1)}}, false});
  std::vector<Row> columns(p.variables);
  for (std::size_t j = 0; j < p.variables; ++j) {
    columns[j].equality = true;
    if (with_objective && !p.objective.empty()) columns[j].constant = p.objective[j];
  }
  for (std::size_t r = 0; r < p.rows.size(); ++r)
    for (const auto& [j, a] : p.rows[r].terms)
      if (a != 0) columns[j].terms.emplace_back(r, a);
  for (Row& column : columns) d.rows.push_back(std::move(column));
  return d;
}

// Dual multipliers of an optimal program: minimize sum_r y_r b_r over the multipliers' program.
std::vector<Rational> optimality_multipliers(const Program& p, const Rational& value) {
  Program d = multipliers_program(p, true);
  d.objective.assign(d.variables, Rational(0));
  for (std::size_t r = 0; r < p.rows.size(); ++r) d.objective[r] = -p.rows[r].constant;
  const Result dual = run_cdd(d).result;
  if (dual.status != Status::optimal || -dual.value != value)
    throw std::runtime_error("lp::solve: the dual LP did not confirm the optimum " + to_string(value));
  return dual.point;
}

// Farkas multipliers of an infeasible program: the multipliers' program without objective, with
// sum_r y_r b_r = -1.
std::vector<Rational> farkas_multipliers(const Program& p) {
  Program d = multipliers_program(p, false);
  Row normalisation{Rational(1), {}, true};
  for (std::size_t r = 0; r < p.rows.size(); ++r)
    if (p.rows[r].constant != 0) normalisation.terms.emplace_back(r, p.rows[r].constant);
  d.rows.push_back(std::move(normalisation));
  const Result farkas = run_cdd(d).result;
  if (farkas.status != Status::optimal)
    throw std::runtime_error("lp::solve: no Farkas certificate for a program cddlib found infeasible");
  return farkas.point;
}

// A direction of unboundedness: the rows' linear parts >= 0 (== 0 on equalities), objective = 1.
std::vector<Rational> unbounded_direction(const Program& p) {
  Program d;
  d.variables = p.variables;
  for (const Row& row : p.rows) d.rows.push_back(Row{Rational(0), row.terms, row.equality});
  Row normalisation{Rational(-1), {}, true};
  for (std::size_t j = 0; j < p.objective.size(); ++j)
    if (p.objective[j] != 0) normalisation.terms.emplace_back(j, p.objective[j]);
  d.rows.push_back(std::move(normalisation));
  const Result ray = run_cdd(d).result;
  if (ray.status != Status::optimal)
    throw std::runtime_error("lp::solve: no direction of unboundedness for a program cddlib found unbounded");
  return ray.point;
}

Program without_objective(const Program& p) {
  Program q = p;
  q.objective.clear();
  return q;
}

}  // namespace

std::string solver_version() {
  std::string version = dd_DDVERSION;
  return version.rfind("Version ", 0) == 0 ? version.substr(8) : version;
}

unsigned long long simplex_work(unsigned long long variables, unsigned long long dense_rows) {
  const unsigned long long limit = ~0ULL;
  const auto times = [&](unsigned long long a, unsigned long long b) {
    return b != 0 && a > limit / b ? limit : a * b;
  };
  return times(times(dense_rows, variables + 1), variables) / 100;
}

unsigned long long simplex_work(const Program& program) {
  unsigned long long dense_rows = 0;
  for (const Row& row : program.rows) dense_rows += row.equality ? 2 : 1;
  return simplex_work(program.variables, dense_rows);
}

std::size_t dense_size(const Program& program) {
  std::size_t rows = 0;
  for (const Row& row : program.rows) rows += row.equality ? 2 : 1;
  return rows * (program.variables + 1);
}

Result solve(const Program& program, Certify certify) {
  check_terms(program);
  const CddAnswer answer = run_cdd(program);
  Result result = answer.result;
  if (result.status == Status::unbounded) {
    // cddlib's dual simplex may call a program "dual inconsistent" that is in fact infeasible too:
    // a feasible point decides which.
    const Result feasibility = run_cdd(without_objective(program)).result;
    if (feasibility.status == Status::infeasible) result.status = Status::infeasible;
    else result.point = feasibility.point;
  }
  if (certify == Certify::no) return result;

  switch (result.status) {
    case Status::optimal: {
      // cddlib's dual solution, in either sign convention, when it verifies; else the dual LP.
      const auto bound_of = [&](const std::vector<Rational>& y) { return constant_of_combination(program, y, true); };
      result.multipliers = answer.basis_multipliers;
      if (bound_of(result.multipliers) != std::optional<Rational>(result.value)) {
        for (Rational& y : result.multipliers) y = -y;
        if (bound_of(result.multipliers) != std::optional<Rational>(result.value))
          result.multipliers = optimality_multipliers(program, result.value);
      }
      const auto bound = bound_of(result.multipliers);
      if (!feasible(program, result.point) || objective_value(program, result.point) != result.value || !bound ||
          *bound != result.value)
        throw std::runtime_error("lp::solve: the optimum's certificate does not verify");
      break;
    }
    case Status::infeasible: {
      // cddlib's evidence row and nonbasic rows, scaled so that the constant is -1, when they
      // verify; else the Farkas LP.
      result.multipliers = answer.basis_multipliers;
      auto constant = constant_of_combination(program, result.multipliers, false);
      if (!constant || *constant >= 0) {
        for (Rational& y : result.multipliers) y = -y;
        constant = constant_of_combination(program, result.multipliers, false);
      }
      if (constant && *constant < 0) {
        for (Rational& y : result.multipliers) y /= -*constant;
      } else {
        result.multipliers = farkas_multipliers(program);
      }
      constant = constant_of_combination(program, result.multipliers, false);
      if (!constant || *constant != -1) throw std::runtime_error("lp::solve: the Farkas certificate does not verify");
      break;
    }
    case Status::unbounded: {
      result.direction = unbounded_direction(program);
      bool ok = feasible(program, result.point) && objective_value(program, result.direction) == 1;
      for (const Row& row : program.rows) ok = ok && satisfied(row, row_value(row, result.direction, false));
      if (!ok) throw std::runtime_error("lp::solve: the direction of unboundedness does not verify");
      break;
    }
  }
  return result;
}

}  // namespace mechcheck::lp
