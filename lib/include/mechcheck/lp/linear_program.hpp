#pragma once
// Exact linear programming in rational arithmetic (cddlib's dual simplex over GMP rationals), with
// the certificates that let a reader trust the answer without trusting the solver:
//   - optimal:    an optimal point and dual multipliers proving that no feasible point does better;
//   - infeasible: Farkas multipliers, a nonnegative combination of the rows that reads 0 >= 1;
//   - unbounded:  a feasible point and a direction along which every row stays satisfied and the
//                 objective grows.
// solve() checks each certificate itself before returning it (a solver fault throws); callers that
// report a certificate should still re-check it with their own code, from their own rows.
#include "mechcheck/number/rational.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace mechcheck::lp {

// One constraint on the variables z_0..z_{n-1}: constant + sum_j coefficient_j z_j >= 0, or == 0.
// Variables are free: a sign constraint is a row of its own.
struct Row {
  Rational constant;
  std::vector<std::pair<std::size_t, Rational>> terms;  // (variable, coefficient)
  bool equality = false;
};

struct Program {
  std::size_t variables = 0;
  std::vector<Row> rows;
  // Maximize sum_j objective[j] z_j; empty: any feasible point will do (the objective 0).
  std::vector<Rational> objective;
};

enum class Status { optimal, infeasible, unbounded };
const char* to_string(Status s);

// What the certificates prove. Write row_r(z) for constant_r + sum_j coefficient_rj z_j and
// c(z) for the objective. Multipliers are >= 0 on inequality rows and of any sign on equalities.
//   optimal:    c(z) + sum_r multipliers_r row_r(z) is the constant `value` for every z, so on the
//               feasible set (where each term is >= 0) c(z) <= value; `point` is feasible and
//               attains it.
//   infeasible: sum_r multipliers_r row_r(z) is the constant -1 for every z: no z makes every row
//               hold.
//   unbounded:  `point` is feasible; the linear parts of the rows are >= 0 (== 0 on equalities) at
//               `direction` and c(direction) = 1, so point + s * direction is feasible for every
//               s >= 0 and its objective grows without bound.
struct Result {
  Status status = Status::infeasible;
  Rational value;
  std::vector<Rational> point;
  std::vector<Rational> multipliers;
  std::vector<Rational> direction;
};

enum class Certify { yes, no };

// Solves the program exactly. With Certify::no only status, value and point are filled (an
// optimal point, or a feasible point when unbounded) and no further LP is solved.
// Throws std::invalid_argument for a term naming a variable out of range, std::runtime_error when
// cddlib fails or a certificate does not verify.
Result solve(const Program& program, Certify certify = Certify::yes);

// The number of entries of cddlib's dense matrix for this program (rows x (variables + 1), each
// equality counted twice).
std::size_t dense_size(const Program& program);

// An estimate of the simplex's work, what a caller bounds before solving: the dense matrix's
// entries times the variables, over 100 (saturating). cddlib recomputes tableau entries from the
// basis inverse, so a pivot costs about entries x variables and the pivots grow with the
// variables. Measured on 2 cores (bilateral-trade design LPs): 75,000 units took 1.5 s, 421,000
// units 9 s; so 5,000,000 (the default --limit) is a few minutes.
unsigned long long simplex_work(const Program& program);
// The same from the program's shape alone: `variables`, and `dense_rows` rows with each equality
// counted twice (so a caller can refuse before building a program too large to hold).
unsigned long long simplex_work(unsigned long long variables, unsigned long long dense_rows);

// cddlib's version as its header states it ("0.94m").
std::string solver_version();

}  // namespace mechcheck::lp
