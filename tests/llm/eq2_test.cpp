// llm.eq2 (Section 3, eq. (2) and footnote 7: with the transfers T_{r,i} the budget surplus is
// eq. (2), truth-telling is dominant and every type gets at least its outside option): seeded
// bugs in the transfers that the judge must catch.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"
#include "support/checks.hpp"
#include "llm/claims/claims.hpp"

#include "fixtures.hpp"

#include <boost/test/unit_test.hpp>

using namespace mechcheck;
using namespace mechcheck::llm;

namespace {

using testing::llm_tests::economy_of;

// Eq. (2)'s ex post judging step, with what it recorded (the witness of a failure).
Outcome judge_transfers(const VertexGrid& grid, const proofs::TransferRule& transfer) {
  CheckContext context;
  Check check(context);
  const auto judgement = proofs::judge_transfers(grid, transfer, check);
  return judgement.holds ? check.holds(judgement.why) : check.refuted(judgement.why);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(llm_eq2)

BOOST_AUTO_TEST_CASE(seeded_bugs_in_transfers_are_caught) {
  Economy e = economy_of("figure1-k1-one-third.toml");
  auto r = r_star(e);
  std::vector<Rational> steps{0, Rational(1, 2), 1};
  auto grid = vertex_grid(e, r, steps);
  auto hat_of = [&](std::size_t i) { return grid.constants[grid.hat_index[i]]; };
  auto rank_of = [&](std::size_t i) { return grid.constant_rank[grid.hat_index[i]]; };
  proofs::TransferRule vcg = [&](const std::vector<Algebraic>& theta, const Ranking& rank, std::size_t i) {
    return vcg_transfer(theta, rank, i, hat_of(i), rank_of(i), grid.k, grid.outside[i]);
  };
  BOOST_TEST(to_string(judge_transfers(grid, vcg).verdict) == "holds");
  // Bug 1: pay your bid (Q_i theta_i): misreporting pays.
  proofs::TransferRule pay_bid = [&](const std::vector<Algebraic>& theta, const Ranking& rank, std::size_t i) {
    return theta[i] * Algebraic(efficient_allocation(rank, grid.k)[i]);
  };
  Outcome out = judge_transfers(grid, pay_bid);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  // Bug 2: the constant h_i without the outside-option term: transfers no longer sum to eq. (2).
  proofs::TransferRule no_outside = [&](const std::vector<Algebraic>& theta, const Ranking& rank, std::size_t i) {
    return vcg(theta, rank, i) + grid.outside[i] * hat_of(i);
  };
  out = judge_transfers(grid, no_outside);
  BOOST_TEST(to_string(out.verdict) == "refuted");
  BOOST_TEST(out.summary.find("eq. (2)") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
