#pragma once
// mat.convergence (Matsushima 2005, Section 3, after Theorem 1): the judging step and the
// figure, exposed so tests can feed the judge a table from a seeded bug and the figure command
// can draw the same table the checker judged.
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"
#include "mechcheck/number/kind.hpp"
#include "mat/model/convergence.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mechcheck::proofs::mat_convergence {

// A mean over the sampled permutations: an exact rational of the sample, but only an estimate of
// the mean over all (nr)! permutations that the claim is about. The judge decides on these, so
// they are a number kind of their own whose decisions are evidence (numeric), however exact the
// sample's own arithmetic.
struct SampleMean {
  Rational value;
};
inline SampleMean operator+(const SampleMean& a, const SampleMean& b) { return {Rational(a.value + b.value)}; }
inline SampleMean operator-(const SampleMean& a, const SampleMean& b) { return {Rational(a.value - b.value)}; }
inline SampleMean operator*(const SampleMean& a, const SampleMean& b) { return {Rational(a.value * b.value)}; }
inline SampleMean operator/(const SampleMean& a, const SampleMean& b) { return {Rational(a.value / b.value)}; }

}  // namespace mechcheck::proofs::mat_convergence

namespace mechcheck {

template <>
struct NumberKind<proofs::mat_convergence::SampleMean> {
  // The sample stands for the whole lottery: a decision on it is evidence, not proof.
  static constexpr Arithmetic arithmetic = Arithmetic::numeric;
  static constexpr const char* name = "sample mean";
  static proofs::mat_convergence::SampleMean from_rational(const Rational& q) { return {q}; }
  static int sign(const proofs::mat_convergence::SampleMean& x) { return mechcheck::sign(x.value); }
  static std::string to_string(const proofs::mat_convergence::SampleMean& x) { return mechcheck::to_string(x.value); }
};

}  // namespace mechcheck

namespace mechcheck::proofs::mat_convergence {

static_assert(Number<SampleMean>);

// The criterion (a numeric verdict: the inputs are sample means over sampled permutations).
// With d_gap(s) = the mean distance of the group clearing prices to p* and d_served(s) =
// 1 - mean n-tilde/n at size s, first = the smallest and last = the largest size:
//   (trend)     each of d_gap(last), d_served(last) is 0 or strictly below its value at first;
//   (threshold) d_gap(last) <= study.max_price_gap and mean n-tilde/n (last) >= study.min_served.
// Records the table, the criteria and the witness through `check` and ends with its verdict:
// `holds` when all four comparisons hold (each a comparison of SampleMeans: exact on the sample,
// evidence about the lottery), else `refuted` with the failed comparisons, the table and the worst
// draw at the largest size. Needs at least two sizes.
Outcome judge(const mat::ConvergenceTable& table, const mat::ConvergenceStudy& study, const mat::Grid& grid,
              Check& check);

// One row per size: n, nr, the sample means (decimal and exact) and the rest of SizeSummary.
std::string table_csv(const mat::ConvergenceTable& table, const mat::Grid& grid);
// Writes DIR/convergence.csv and DIR/convergence.svg (mean price distance and 1 - mean
// n-tilde/n against log2 n); returns their paths.
std::vector<std::string> write_figure(const mat::ConvergenceTable& table, const mat::ConvergenceStudy& study,
                                      const mat::Grid& grid, const std::string& directory);

// The study of a case: its [mat.convergence] table, or the defaults of convergence.hpp.
mat::ConvergenceStudy study_of(const mat::Economy& e);

std::unique_ptr<Claim> make_claim();

}  // namespace mechcheck::proofs::mat_convergence
