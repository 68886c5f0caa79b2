#pragma once
// The grid of information structures that ly.efficiency_structure searches for counterexamples
// (slides "Information structures consistent with efficient trade"):
//   alpha_ij(v) = mu0(v) k_ij(v) / N,
// where k(v_lo) and k(v_hi) are compositions of N into I*J nonnegative integers. Most grid
// structures are skipped before their consistency with efficient trade is tested (a signal of
// probability 0, a boundary posterior, posteriors not distinct). Those tests are decided here on
// the integers k themselves (grid_skip_by_counts), before any rational is built; the rational
// definitions they replace are kept (grid_skip_by_rationals), and tests compare the two on every
// grid structure.
#include "ly/model/economy.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace mechcheck::proofs {

// k_ij, row-major (index i * J + j), summing to N.
using Composition = std::vector<int>;

// All compositions of `units` into `parts` nonnegative integers, in lexicographic order.
std::vector<Composition> compositions(int units, std::size_t parts);

// Why a grid structure is skipped, in the order the tests are made; `kept` when none applies.
enum class GridSkip { kept, zero_signal, boundary, not_distinct };

// From the rational structure, by the model's definitions: structure_rule_broken (a signal of
// probability 0), interior_posteriors, and (when `require_distinct`) pairwise distinct
// posteriors of each player.
GridSkip grid_skip_by_rationals(const ly::Structure& s, const std::array<Rational, 2>& prior, bool require_distinct);

// The same from the integers (k_lo, k_hi) of an I x J grid structure; equal to
// grid_skip_by_rationals(structure of (k_lo, k_hi)) whenever both prior entries are positive
// (the proof is beside the definition).
GridSkip grid_skip_by_counts(const Composition& k_lo, const Composition& k_hi, std::size_t I, std::size_t J,
                             bool require_distinct);

// Builds the rational grid structures of one prior and grid, with the N + 1 cell values
// mu0(v) k / N computed once.
class GridStructures {
 public:
  GridStructures(const std::array<Rational, 2>& prior, std::size_t I, std::size_t J, int units);
  ly::Structure at(const Composition& k_lo, const Composition& k_hi) const;

 private:
  std::size_t I_, J_;
  std::array<std::vector<Rational>, 2> cell_;  // cell_[v][k] = mu0(v) k / N
};

}  // namespace mechcheck::proofs
