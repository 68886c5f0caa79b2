// Strict dominance by a mixed strategy, decided by an exact LP (lp/linear_program.hpp: cddlib's
// dual simplex in GMP rational arithmetic). Every number enters and leaves the LP as an exact rational.
#include "mat/model/dominance.hpp"

#include "mechcheck/lp/linear_program.hpp"

#include <stdexcept>
#include <string>

namespace mechcheck::mat {

std::optional<std::size_t> best_response_profile(const std::vector<Rational>& U, std::size_t strategies,
                                                 std::size_t profiles, std::size_t s) {
  for (std::size_t o = 0; o < profiles; ++o) {
    const Rational& own = U[s * profiles + o];
    bool best = true;
    for (std::size_t t = 0; t < strategies && best; ++t) best = U[t * profiles + o] <= own;
    if (best) return o;
  }
  return std::nullopt;
}

MixedDominance mixed_dominance(const std::vector<Rational>& U, std::size_t strategies, std::size_t profiles,
                               std::size_t s) {
  // A profile where s is a best response: delta* = 0 without the LP (proof in dominance.hpp).
  if (best_response_profile(U, strategies, profiles, s)) return MixedDominance{false, Rational(0), {}};
  return mixed_dominance_by_lp(U, strategies, profiles, s);
}

MixedDominance mixed_dominance_by_lp(const std::vector<Rational>& U, std::size_t strategies, std::size_t profiles,
                                     std::size_t s) {
  // Variables z = (sigma_0 .. sigma_{S-1}, delta); maximize delta.
  lp::Program program;
  program.variables = strategies + 1;
  // sum_t sigma_t U[t][o] - delta - U[s][o] >= 0 for every opponents' profile o
  for (std::size_t o = 0; o < profiles; ++o) {
    lp::Row row{Rational(-U[s * profiles + o]), {}, false};
    for (std::size_t t = 0; t < strategies; ++t) row.terms.emplace_back(t, U[t * profiles + o]);
    row.terms.emplace_back(strategies, Rational(-1));
    program.rows.push_back(std::move(row));
  }
  // sigma_t >= 0
  for (std::size_t t = 0; t < strategies; ++t) program.rows.push_back(lp::Row{Rational(0), {{t, Rational(1)}}, false});
  // sum_t sigma_t = 1
  lp::Row simplex{Rational(-1), {}, true};
  for (std::size_t t = 0; t < strategies; ++t) simplex.terms.emplace_back(t, Rational(1));
  program.rows.push_back(std::move(simplex));
  program.objective.assign(strategies + 1, Rational(0));
  program.objective[strategies] = 1;

  const lp::Result solution = lp::solve(program, lp::Certify::no);
  if (solution.status != lp::Status::optimal)
    throw std::runtime_error(std::string("the mixed-dominance LP is ") + lp::to_string(solution.status) +
                             ", but it always has an optimum");
  MixedDominance result;
  result.delta = solution.value;
  result.dominated = result.delta > 0;
  if (result.dominated) result.sigma.assign(solution.point.begin(), solution.point.begin() + strategies);
  return result;
}

}  // namespace mechcheck::mat
