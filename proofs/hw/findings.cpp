// What the hw checks found in Hu & Wallace (2012) and its slides: errata, gaps and the readings the
// checkers chose, each with the committed case that shows it (`mechcheck findings`). Line numbers
// Lnnn (S-Lnnn: the slides) as in docs/papers.md.
#include "hw/paper.hpp"

namespace mechcheck::hw {

std::vector<Finding> findings() {
  return {
      {"hw.gross-substitutes", "hw.lemma2", "reading",
       "L41: \"complete-information competitive demands are monotone\".",
       "Decided through its sufficient condition in footnote 2 (L59), gross substitutes: Cobb-Douglas and CES with "
       "sigma >= 1 pass, CES with sigma = 1/2 (complements) fails and hw.lemma2 reports hypotheses_unmet. Uniqueness "
       "of the competitive equilibrium is then checked (an exact root count), not assumed.",
       "cases/hw/econ-ces-complements.toml"},
      {"hw.l107-nonconvex", "hw.necessity", "erratum",
       "L107: without the constraint b_q b_r = 0 \"the mapping is a nonconvex correspondence\".",
       "At fixed offers of the others the best responses form a segment, which is convex: (t, (beta (Q_- + t) + t "
       "R_-)/Q_-) gets the payoff of the one-sided (0, beta) for every t (an identity in Q(qbar, rbar, Q_-, R_-, beta, "
       "t)), shown with exact two-sided twins of 32 best responses. What the constraint buys is single-valuedness, "
       "not convex values.",
       "cases/hw/econ-cobb-douglas.toml"},
      {"hw.zero-epsilon-prices", "hw.necessity", "reading",
       "Eq. (2) at eps = 0 with Q_- = 0 (or R_- = 0) has the price R/0 or 0/0; L121 says no trade is then an "
       "equilibrium.",
       "The checker uses the one-sided forms of L264/L268 (selling into an empty side gets the whole other side, "
       "selling nothing keeps the endowment). Then no trade is a Nash equilibrium at eps = 0 for every type and "
       "belief, an identity in Q(qbar, rbar, t), as L121 says.",
       "cases/hw/econ-zero-epsilon.toml"},
      {"hw.l238-sign-slip", "hw.lemma1", "erratum",
       "Proof of Lemma 1, L238: r(b''_q, b''_r) - rbar = b''_r = R_- gamma/(Q_- - gamma) = r(b'_q, b'_r) - rbar.",
       "By (11) with b_q = 0, r(0, b''_r) - rbar = -b''_r: a sign slip, the conclusion unaffected. Instance A (qbar = "
       "2, rbar = 3, (Q_-, R_-) = (2, 3/2), b' = (1/2, 2)): the one-sided b'' = (0, 13/10) gets (41/14, 17/10), the "
       "payoff of b'; the line taken literally gives r'' = 3 + 13/10 = 43/10.",
       "cases/hw/lemma1-case-i.toml"},
      {"hw.lemma1-feasibility", "hw.lemma1", "gap",
       "The proof of Lemma 1 never checks that the one-sided b'' is an offer, b'' <= (qbar, rbar).",
       "It is: b''_r = b'_r - p2' b'_q <= b'_r in case (i), b''_q = b'_q - b'_r/p2' <= b'_q in case (ii), proved "
       "symbolically (b'' <= b') and checked at every offer, here from the corner b' = (qbar, rbar) = (2, 3) (b'' = "
       "(0, "
       "3/4), both get (8/3, 9/4)).",
       "cases/hw/lemma1-corner-endowment.toml"},
      {"hw.lemma1-zero-total", "hw.lemma1", "gap",
       "The proof's construction b''_r = R_- gamma/(Q_- - gamma) (case (i); case (ii) with delta), for (Q_-, R_-) in "
       "R^2_++ (L228).",
       "On the boundary R_- = 0 < Q_- (eps = 0, the other agent offering only q) gamma = Q_- and the form is 0/0, "
       "though "
       "the lemma still holds there: the closed form gives b'' = (0, 1/2) with the payoff (3, 5/2) of b' = (1, 1). The "
       "case fails positive_totals; with it dropped the checker answers inconclusive and reports the closed form "
       "(the mirror image, Q_- = 0: cases/hw/lemma1-zero-q-total.toml).",
       "cases/hw/lemma1-zero-epsilon.toml"},
      {"hw.eq17-partials", "hw.eq17", "reading",
       "L280 and L284 write g'(0) and h'(0) with u_q(qbar; x, z) and u_r(rbar; x, z).",
       "Read as the partial derivatives of u at the endowment (qbar, rbar). So read, g'(0) and h'(0) equal the "
       "derivatives at 0 of the market game's payoff (2)-(3), computed independently, at all 238 (belief, type, Q_-, "
       "R_-) points, and sign h'(0) = -sign g'(0).",
       "cases/hw/econ-cobb-douglas.toml"},
      {"hw.theorem1-undefined-beliefs", "hw.theorem1", "gap",
       "The candidate equilibrium of Theorem 1 updates beliefs phi^sigma' by Bayes' rule (8) for every configuration "
       "the others may believe.",
       "With some mu_z(x) = 0 an off-path configuration can have probability 0 in every state, where (8) is undefined. "
       "Here each state has one type: N = 1 passes, and from N = 2 on the others' believed configuration has "
       "probability 0, so those N are undecided and no Nbar is found (inconclusive); the checker chooses no beliefs.",
       "cases/hw/theorem1-undefined-beliefs.toml"},
      {"hw.theorem1-large-nbar", "hw.theorem1", "remark",
       "Theorem 1: for N large enough (N >= Nbar) the candidate is an equilibrium.",
       "Nbar can be large: types that differ only in their signal separate through beliefs alone, the stage-1 loss of "
       "misreporting is small, and a type-hi agent gains by a stage-1 action in I(lo) for every N from 2 to 16; from N "
       "= 17 to 40 every deviation loses (certified), so Nbar = 17 (with eta = 1/50, 27: "
       "cases/hw/theorem1-no-nbar-in-range.toml).",
       "cases/hw/theorem1-small-economies-fail.toml"},
      {"hw.slides-full-support", "hw.slides_lemma", "erratum",
       "The slides' Lemma: at b = 0, d q_x*/d b_x > 0 and d q_x'*/d b_x < 0 for x' != x, for eps_y small.",
       "It needs full support of mu: with mu_bad = (1, 0), mu_good = (0, 1) (each type knows the state) and eps_y = "
       "1/100 both hypotheses hold, yet d q_lo*/d b_hi = 0 exactly: perturbing hi moves only p_good, to which lo gives "
       "probability 0.",
       "cases/hw/slides-revealing-types.toml"},
      {"hw.slides-common-tastes", "hw.slides_lemma", "remark",
       "The slides' first stage reveals the types, generically (the Lemma's perturbation b breaks ties).",
       "With common tastes and eps_y = 0 it never does: the CE prices are proportional to c_z, so every type demands "
       "E[c]/E[p] = 19/9 whatever its beliefs, while the paper's stage 1 at the fixed p1 separates (3/2 and 5/2). The "
       "Lemma's signs hold, so b breaks the tie, but the unperturbed economy is exactly the knife edge (with eps_y > "
       "0 it reveals: cases/hw/slides-common-tastes-eps-y.toml).",
       "cases/hw/slides-common-tastes.toml"},
  };
}

}  // namespace mechcheck::hw
