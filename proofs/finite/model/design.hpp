#pragma once
// Mechanism design on a finite economy as an exact linear program (docs/model.md, "Design").
//
// The unknowns are a whole mechanism: the lottery p(t)(o) and every payment x_i(t) at every
// reported profile t. Each property of the finite claims is a family of linear constraints on
// them, written as rows `form >= 0` or `form = 0`, each named by an id (below). The objective is
// linear too. An optimum, an infeasibility (with Farkas multipliers) or an unbounded objective is
// decided by lp::solve, exactly.
//
// Row ids (indices 1-based; a profile t is written t<k_1>_<k_2>_..., agent i's k_i-th type):
//   lottery_nonnegative.<t>.o<o>   p(t)(o) >= 0
//   lottery_sum.<t>                sum_o p(t)(o) - 1 = 0
//   dsic.<t>.a<i>.m<m>             u_i(t_i; t) - u_i(t_i; m, t_-i) >= 0         (m != t_i)
//   bic.a<i>.t<k>.m<m>             U_i(k; k) - U_i(k; m) >= 0                   (m != k)
//   expost_ir.<t>.a<i>             u_i(t_i; t) >= 0
//   interim_ir.a<i>.t<k>           U_i(k; k) >= 0
//   expost_bb.<t>                  B(t) >= 0 (weak) or B(t) = 0 (strong)
//   exante_bb                      sum_t P(t) B(t) >= 0 (weak) or = 0 (strong)
//   efficiency.<t>                 sum_o p(t)(o) (S(o, t) - max_o' S(o', t)) = 0
//   monotonicity.a<i>.t<k>         Q_i(k+1) - Q_i(k) >= 0
// with u_i(k; r) = sum_o p(r)(o) v_i(o, k) - x_i(r), U_i(k; m) = E[u_i(k; m, t_-i) | t_i = k] under
// the prior's conditional belief, B(t) = sum_i x_i(t) - sum_o p(t)(o) c(o), S(o, t) = sum_i v_i(o,
// t_i) - c(o), and Q_i(k) = E[sum_o p(t)(o) q_i(o) | t_i = k].
#include "finite/model/economy.hpp"
#include "mechcheck/lp/linear_program.hpp"

#include <string>
#include <vector>

namespace mechcheck::finite {

// The variables of the design LP: p(t)(o) at t * |O| + o, then x_i(t) at P |O| + t n + i.
std::size_t lottery_variable(const Economy& e, std::size_t profile, std::size_t outcome);
std::size_t payment_variable(const Economy& e, std::size_t profile, std::size_t agent);
std::size_t design_variable_count(const Economy& e);

// "t2_3": the profile's type indices, 1-based, for row ids and witness names.
std::string profile_key(const Economy& e, std::size_t profile);

struct DesignProgram {
  lp::Program program;               // maximizes design_objective (empty for feasibility)
  std::vector<std::string> row_ids;  // one per row of program.rows
};

// The name under which finite.design reports the optimum of `objective` ("maximal_expected_revenue",
// "maximal_expected_welfare", "minimal_expected_subsidy"; "" for feasibility).
std::string optimum_name(Objective objective);

// lp::simplex_work of design_program(e), counted from the economy's sizes without building it (so
// that a problem too large to hold is refused before any work).
unsigned long long design_simplex_work(const Economy& e);

// The LP of e.design: the lottery rows, then the rows of each constraint in the case's order.
DesignProgram design_program(const Economy& e);

}  // namespace mechcheck::finite
