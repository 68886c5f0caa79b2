// The grid of ly.efficiency_structure's search and its integer prefilter (efficiency_grid.hpp).
#include "ly/claims/efficiency_grid.hpp"

#include "ly/claims/claims.hpp"
#include "ly/model/implementability.hpp"

namespace mechcheck::proofs {

using namespace mechcheck::ly;

namespace {

void extend_compositions(int units, std::size_t parts, Composition& current, std::vector<Composition>& out) {
  if (current.size() + 1 == parts) {
    current.push_back(units);
    out.push_back(current);
    current.pop_back();
    return;
  }
  for (int k = 0; k <= units; ++k) {
    current.push_back(k);
    extend_compositions(units - k, parts, current, out);
    current.pop_back();
  }
}

// Row sums R_i = sum_j k_ij and column sums C_j = sum_i k_ij of a composition.
std::vector<long long> row_sums(const Composition& k, std::size_t I, std::size_t J) {
  std::vector<long long> out(I, 0);
  for (std::size_t x = 0; x < I * J; ++x) out[x / J] += k[x];
  return out;
}
std::vector<long long> column_sums(const Composition& k, std::size_t I, std::size_t J) {
  std::vector<long long> out(J, 0);
  for (std::size_t x = 0; x < I * J; ++x) out[x % J] += k[x];
  return out;
}

// Some signal with no mass at either quality.
bool some_signal_empty(const std::vector<long long>& lo, const std::vector<long long>& hi) {
  for (std::size_t r = 0; r < lo.size(); ++r)
    if (lo[r] == 0 && hi[r] == 0) return true;
  return false;
}
// Some signal with no mass at one quality.
bool some_mass_zero(const std::vector<long long>& lo, const std::vector<long long>& hi) {
  for (std::size_t r = 0; r < lo.size(); ++r)
    if (lo[r] == 0 || hi[r] == 0) return true;
  return false;
}
// Two signals with the same ratio lo/hi of (positive) masses: lo_a hi_b == lo_b hi_a.
bool some_ratio_repeated(const std::vector<long long>& lo, const std::vector<long long>& hi) {
  for (std::size_t a = 0; a < lo.size(); ++a)
    for (std::size_t b = a + 1; b < lo.size(); ++b)
      if (lo[a] * hi[b] == lo[b] * hi[a]) return true;
  return false;
}

}  // namespace

std::vector<Composition> compositions(int units, std::size_t parts) {
  std::vector<Composition> out;
  if (parts == 0 || units < 0) return out;
  Composition current;
  extend_compositions(units, parts, current, out);
  return out;
}

GridSkip grid_skip_by_rationals(const Structure& s, const std::array<Rational, 2>& prior, bool require_distinct) {
  if (structure_rule_broken(s, prior)) return GridSkip::zero_signal;
  if (!interior_posteriors(s)) return GridSkip::boundary;
  if (require_distinct && !distinct_posteriors(s, nullptr)) return GridSkip::not_distinct;
  return GridSkip::kept;
}

// Why the integers decide what grid_skip_by_rationals decides on alpha_ij(v) = m_v k_ij(v) / N,
// with m_v = mu0(v) > 0 (the parser demands mu0 in (0, 1)), N > 0 and k(v) a composition of N.
// Write R_i(v) = sum_j k_ij(v) and C_j(v) = sum_i k_ij(v) (nonnegative integers); then the
// buyer's mass P(v, s^b_i) = m_v R_i(v) / N and the seller's P(v, s^s_j) = m_v C_j(v) / N.
//  * structure_rule_broken: the shapes agree by construction, every entry is >= 0 (k >= 0,
//    m_v > 0) and Bayes plausibility holds exactly (sum_ij alpha_ij(v) = m_v N / N = mu0(v)), so
//    the only rule that can break is a signal of probability 0: P(s^b_i) = (m_lo R_i(lo) +
//    m_hi R_i(hi)) / N, a sum of nonnegative terms with positive factors, is 0 iff
//    R_i(lo) = R_i(hi) = 0; the seller's likewise with C_j.
//  * interior_posteriors: P(v, s^b_i) = 0 iff R_i(v) = 0 (m_v / N > 0); likewise C_j(v).
//  * distinct posteriors (tested only once every R_i(v), C_j(v) is positive):
//    mu^b_i(v_hi) = m_hi R_i(hi) / (m_lo R_i(lo) + m_hi R_i(hi)) = 1 / (1 + (m_lo / m_hi) R_i(lo) / R_i(hi))
//    is strictly decreasing in R_i(lo) / R_i(hi), so two posteriors are equal iff these ratios
//    are, iff R_a(lo) R_b(hi) = R_b(lo) R_a(hi) (cross-multiplied by positive integers); the
//    seller's likewise with C_j. The sums are at most N < 2^31, so the products (< 2^62) are exact
//    in long long: no overflow is possible.
GridSkip grid_skip_by_counts(const Composition& k_lo, const Composition& k_hi, std::size_t I, std::size_t J,
                             bool require_distinct) {
  const std::vector<long long> rows_lo = row_sums(k_lo, I, J), rows_hi = row_sums(k_hi, I, J);
  const std::vector<long long> cols_lo = column_sums(k_lo, I, J), cols_hi = column_sums(k_hi, I, J);
  if (some_signal_empty(rows_lo, rows_hi) || some_signal_empty(cols_lo, cols_hi)) return GridSkip::zero_signal;
  if (some_mass_zero(rows_lo, rows_hi) || some_mass_zero(cols_lo, cols_hi)) return GridSkip::boundary;
  if (require_distinct && (some_ratio_repeated(rows_lo, rows_hi) || some_ratio_repeated(cols_lo, cols_hi)))
    return GridSkip::not_distinct;
  return GridSkip::kept;
}

GridStructures::GridStructures(const std::array<Rational, 2>& prior, std::size_t I, std::size_t J, int units)
    : I_(I), J_(J) {
  for (int v = 0; v < 2; ++v)
    for (int k = 0; k <= units; ++k) cell_[v].push_back(prior[v] * Rational(k, units));
}

Structure GridStructures::at(const Composition& k_lo, const Composition& k_hi) const {
  Structure s;
  for (int v = 0; v < 2; ++v) s.alpha[v] = Matrix(I_, std::vector<Rational>(J_));
  for (std::size_t x = 0; x < I_ * J_; ++x) {
    s.alpha[LO][x / J_][x % J_] = cell_[LO][k_lo[x]];
    s.alpha[HI][x / J_][x % J_] = cell_[HI][k_hi[x]];
  }
  return s;
}

}  // namespace mechcheck::proofs
