#pragma once
// The stage-2 market game of Hu & Wallace (2012), Section 2.2: a trading post where each active
// agent offers b = (b_q, b_r) (b_q units of good q and b_r units of good r), the Dubey-Shubik
// exogenous offers M*epsilon are added to the totals (eq. 3), the price is p2 = R/Q and an
// agent's final bundle is eq. (2); eq. (11) is the same bundle in closed form, written from the
// totals (Q_-, R_-) of everyone else (other agents' offers plus the M copies of epsilon).
//
// The formulas are generic over the number kind T and explicitly instantiated in
// market_game_kinds.cpp for Rational (exact), RationalFunction (symbolic, for identities that
// hold for every instance) and double. Precondition of every formula: the denominators it names
// are nonzero (they are > 0 on the paper's domain Q_-, R_- > 0, b >= 0); a zero denominator
// throws std::domain_error naming it (for T = Rational and RationalFunction, decided exactly).
#include "mechcheck/number/rational.hpp"

#include <vector>

namespace mechcheck::hw {

// A stage-2 offer b = (b_q, b_r); the paper's set O of one-sided offers is b in
// [0, qbar] x [0, rbar] with b_q * b_r = 0 (L47).
template <class T>
struct Offer {
  T q, r;
};

// A final consumption bundle (q, r): the paper's "payoff" of an offer (L53).
template <class T>
struct Bundle {
  T q, r;
};

// (Q_-, R_-): "total offers of other agents (including the exogenous offers)" (L228).
template <class T>
struct Totals {
  T q, r;
};

// Eq. (3) seen by one active agent: Q_- = M eps_q + sum of the other active agents' b_q, and
// likewise R_-. All M copies of epsilon are counted, including the tested agent's own (L65,
// L186, L258).
template <class T>
Totals<T> others_totals(long long active_agents, const Offer<T>& epsilon, const std::vector<Offer<T>>& other_offers);

// p2 = R/Q with (Q, R) = (Q_- + b_q, R_- + b_r), eqs. (2)-(3). Requires Q != 0.
template <class T>
T price(const Totals<T>& others, const Offer<T>& b);

// Eq. (2): (qbar - b_q + b_r/p2, rbar - b_r + p2 b_q) with p2 of eq. (3). Requires Q, R != 0.
template <class T>
Bundle<T> allocation(const T& qbar, const T& rbar, const Totals<T>& others, const Offer<T>& b);

// Eq. (11): q = qbar + (b_r Q_- - b_q R_-)/(R_- + b_r), r = rbar + (b_q R_- - b_r Q_-)/(Q_- + b_q).
// Requires R_- + b_r != 0 and Q_- + b_q != 0. Equal to eq. (2) (proofs/hw/docs/lemma1.md §1.3).
template <class T>
Bundle<T> allocation_closed_form(const T& qbar, const T& rbar, const Totals<T>& others, const Offer<T>& b);

// D(b) = b_r Q_- - b_q R_-, the numerator of q - qbar in eq. (11): its sign says whether the
// agent ends up buying good q (D > 0), selling it (D < 0) or not trading (D = 0).
template <class T>
T net_trade_numerator(const Totals<T>& others, const Offer<T>& b);

// The one-sided payoffs of the proof of Proposition 1 (L262-268): offering b_q of good q only,
// (qbar - b_q, rbar + b_q R_-/(Q_- + b_q)) (the argument of g), and offering b_r of good r only,
// (qbar + b_r Q_-/(R_- + b_r), rbar - b_r) (the argument of h). Defined whenever Q_- + b_q != 0
// (resp. R_- + b_r != 0); with b_q = 0 (b_r = 0) they are the endowment, so they also give the
// no-trade payoff when the totals are 0 (the reading used at epsilon = 0, proofs/hw/docs/model.md).
template <class T>
Bundle<T> sell_q_bundle(const T& qbar, const T& rbar, const Totals<T>& others, const T& b_q);
template <class T>
Bundle<T> sell_r_bundle(const T& qbar, const T& rbar, const Totals<T>& others, const T& b_r);

}  // namespace mechcheck::hw
