// Strict dominance by a mixed strategy, decided by an exact LP: cddlib's dual simplex in GMP
// rational arithmetic (libcddgmp). Every number enters and leaves the LP as an exact rational.
#include <gmp.h>
#define GMPRATIONAL
#include <cddlib/setoper.h>
#include <cddlib/cdd.h>

#include "mat/model/dominance.hpp"

#include <mutex>
#include <stdexcept>

namespace mechcheck::mat {
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

}  // namespace

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
  std::lock_guard<std::mutex> lock(cdd_mutex());
  static std::once_flag initialized;
  std::call_once(initialized, [] { dd_set_global_constants(); });

  // Variables x = (sigma_0 .. sigma_{S-1}, delta); cdd rows read b + A x >= 0.
  const dd_rowrange rows = static_cast<dd_rowrange>(profiles + strategies + 1);
  const dd_colrange cols = static_cast<dd_colrange>(strategies + 2);
  dd_MatrixPtr M = dd_CreateMatrix(rows, cols);
  M->representation = dd_Inequality;
  M->numbtype = dd_Rational;
  M->objective = dd_LPmax;
  const Rational zero = 0, one = 1, minus_one = -1;
  for (dd_rowrange i = 0; i < rows; ++i)
    for (dd_colrange j = 0; j < cols; ++j) set_entry(M->matrix[i][j], zero);
  // sum_t sigma_t U[t][o] - delta - U[s][o] >= 0 for every opponents' profile o
  for (std::size_t o = 0; o < profiles; ++o) {
    set_entry(M->matrix[o][0], Rational(-U[s * profiles + o]));
    for (std::size_t t = 0; t < strategies; ++t) set_entry(M->matrix[o][t + 1], U[t * profiles + o]);
    set_entry(M->matrix[o][strategies + 1], minus_one);
  }
  // sigma_t >= 0
  for (std::size_t t = 0; t < strategies; ++t) set_entry(M->matrix[profiles + t][t + 1], one);
  // sum_t sigma_t = 1 (an equality: cdd's linearity set, 1-based)
  const dd_rowrange simplex = static_cast<dd_rowrange>(profiles + strategies);
  set_entry(M->matrix[simplex][0], minus_one);
  for (std::size_t t = 0; t < strategies; ++t) set_entry(M->matrix[simplex][t + 1], one);
  set_addelem(M->linset, simplex + 1);
  // maximize delta
  for (dd_colrange j = 0; j < cols; ++j) set_entry(M->rowvec[j], zero);
  set_entry(M->rowvec[strategies + 1], one);

  dd_ErrorType error = dd_NoError;
  dd_LPPtr lp = dd_Matrix2LP(M, &error);
  if (error != dd_NoError || !lp) {
    dd_FreeMatrix(M);
    throw std::runtime_error("cddlib could not set up the mixed-dominance LP (error " + std::to_string(error) + ")");
  }
  dd_LPSolve(lp, dd_DualSimplex, &error);
  if (error != dd_NoError || lp->LPS != dd_Optimal) {
    const int status = lp->LPS;
    dd_FreeLPData(lp);
    dd_FreeMatrix(M);
    throw std::runtime_error("cddlib's exact LP did not reach an optimum (status " + std::to_string(status) + ")");
  }
  MixedDominance result;
  result.delta = to_rational(lp->optvalue);
  result.dominated = result.delta > 0;
  if (result.dominated)
    for (std::size_t t = 0; t < strategies; ++t) result.sigma.push_back(to_rational(lp->sol[t + 1]));
  dd_FreeLPData(lp);
  dd_FreeMatrix(M);
  return result;
}

}  // namespace mechcheck::mat
