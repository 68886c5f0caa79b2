// What the ly checks found in Larionov & Yamashita (2024), read from its slides: gaps and the
// readings the checkers chose where the slides are silent, each with the committed case that shows
// it (`mechcheck findings`). proofs/ly/docs/derivation.md gives the derivations (its section 7 lists
// the ambiguities).
#include "ly/paper.hpp"

namespace mechcheck::ly {

std::vector<Finding> findings() {
  return {
      {"ly.abstention-payoff", "ly.implementability", "reading",
       "Revelation principle (L310): each player's messages are S^p plus an abstention m_0; what abstaining yields "
       "is never said.",
       "Read as 0 (no trade, no transfer), as the Class-2 marginal gain (L440) has no payoff term for it; NA is then "
       "exactly the no-abstention condition. Here ST, DF and CS hold but NA fails for the buyer (sum_v "
       "exp(-Lambda(v)/kappa) = 3/4 + 3/4 e^2 > 1): not implementable for the buyer, by the multipliers and by the "
       "best deviation alike.",
       "cases/ly/na-fails.toml"},
      {"ly.interior-posteriors", "ly.perfect_correlation", "gap",
       "Perfect correlation admits efficient trade (L655-L688, with diagonal tables); the slides do not exclude "
       "posteriors on the boundary (a signal that reveals the quality).",
       "Entropy costs force interior posteriors: at a posterior of 0, ST needs log 0 and no finite transfers implement "
       "efficient trade (refuted with interior_posteriors dropped, exactly). The diagonal tables must be read with "
       "interior posteriors.",
       "cases/ly/fully-revealing.toml"},
      {"ly.efficient-trade-transfers", "ly.perfect_correlation", "reading",
       "\"Information structures consistent with efficient trade\" (L456).",
       "Read as: some real transfers, with no budget constraint, implement the efficient q* for both players; then "
       "NA never binds (shifting every lambda and transfer by a constant). On a perfectly correlated 2x2x2 structure "
       "the constructed transfers implement efficient trade for both players, by both routes.",
       "cases/ly/perfect-correlation-2x2.toml"},
      {"ly.distinct-posteriors", "ly.efficiency_structure", "gap",
       "With gains from trade at every quality, efficient trade is implementable only on perfectly correlated signals "
       "(L470-L486); the proof sketch (L487-L650) assumes distinct posteriors.",
       "Without distinct posteriors the conclusion fails: four equally likely signal pairs independent of the quality "
       "(every posterior equal to the prior) implement efficient trade without perfect correlation (refuted with "
       "distinct_posteriors dropped). What holds for every structure is equal posteriors within each block; with "
       "gains from trade and distinct posteriors no counterexample exists among 252081 grid structures.",
       "cases/ly/uninformative-product.toml"},
      {"ly.sketch-ordering", "ly.efficiency_structure", "reading",
       "The proof sketch's \"only remaining possibility\" step, under the ordering mu-bar_1 >= mu-bar_2 (L462).",
       "The case follows the step with that ordering: the buyer's side is feasible and the seller's is not, as on the "
       "slide, so the structure is not consistent with efficient trade.",
       "cases/ly/proof-sketch-remaining.toml"},
      {"ly.subsidy-no-minimum", "ly.subsidy", "gap",
       "The subsidy proposition (L776-L782): the optimal mechanism uses two realizations, with posteriors at the kinks "
       "of T.",
       "It presumes that the optimum is attained, and it need not be: with u^b = (5, 9) a split with weight at a fully "
       "revealing posterior beats every split on the kinks at every near-optimal Lambda (certified by branch and "
       "bound; refuted with minimum_attained dropped).",
       "cases/ly/subsidy-no-minimum.toml"},
      {"ly.subsidy-uninformative", "ly.subsidy", "remark",
       "The subsidy proposition and L784 (\"combine (Opt) with (NA) to solve for Lambda\") presume two distinct "
       "interior realizations.",
       "The optimum can be uninformative: at kappa = 1 (u^b = (1, 3), u^s = (0, 1), mu0 = 1/2) both kinks sit at the "
       "prior numerically, \"two realizations\" degenerates to one, and whether the optimum is attained cannot be "
       "certified by strict bounds (inconclusive: the branch and bound encloses the optimal revenue, 0.94610, within "
       "4e-6).",
       "cases/ly/subsidy-no-information.toml"},
  };
}

}  // namespace mechcheck::ly
