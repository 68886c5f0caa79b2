#pragma once
// Checkers of the hw claims (Hu & Wallace 2012).
#include "mechcheck/claims/registry.hpp"
#include "mechcheck/models/hw/economy.hpp"
#include "mechcheck/number/rational_function.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::proofs {

void register_hw_claims(Registry& registry);

// hw.lemma1, exposed piece by piece so tests can feed the comparison a wrong construction.
namespace hw_lemma1 {

// The three cases of the proof of Lemma 1 (L232-244), by the sign of D' = b'_r Q_- - b'_q R_-.
enum class SignCase { i, ii, iii };
const char* to_string(SignCase c);  // "i", "ii", "iii"
SignCase sign_case(const hw::Totals<Rational>& others, const hw::Offer<Rational>& b);

// A rule that turns a two-sided offer b' into a one-sided offer b'' in a given sign case.
template <class T>
using Rule = hw::Offer<T> (*)(SignCase, const hw::Totals<T>&, const hw::Offer<T>&);

// A construction, usable on exact instances and symbolically (for every instance at once).
struct Construction {
  std::string name;
  Rule<Rational> exact;
  Rule<RationalFunction> symbolic;
};

// The proof's construction: case (i) b'' = (0, R_- gamma/(Q_- - gamma)) with gamma of eq. (12);
// case (ii), "completely analogous" (L242), b'' = (Q_- delta/(R_- - delta), 0) with
// delta = (b'_q R_- - b'_r Q_-)/(Q_- + b'_q); case (iii) b'' = (0, 0).
template <class T>
hw::Offer<T> proof_construction(SignCase c, const hw::Totals<T>& others, const hw::Offer<T>& b);
Construction paper_construction();

// An independent closed form of the same offer (docs/hw-lemma1.md §2.1): keep the price p2' of b'
// and offer only the net sale at it: case (i) b''_r = b'_r - p2' b'_q, case (ii)
// b''_q = b'_q - b'_r/p2', case (iii) (0, 0).
template <class T>
hw::Offer<T> net_sale_at_price(SignCase c, const hw::Totals<T>& others, const hw::Offer<T>& b);

// Everything compared for one offer b' of a case (exactly).
struct OfferCheck {
  hw::Offer<Rational> offer;                     // b'
  Rational D;                                    // b'_r Q_- - b'_q R_-
  SignCase sign_case = SignCase::iii;
  std::optional<hw::Bundle<Rational>> bundle;    // (q', r'), eq. (2)
  std::optional<hw::Offer<Rational>> one_sided;  // b'' from the construction
  std::optional<hw::Bundle<Rational>> one_sided_bundle;  // (q'', r''), eq. (2)
  std::optional<Rational> price, one_sided_price;        // p2', p2''
  std::vector<std::string> failures;  // each comparison that fails, in words (empty: all hold)
  std::string undefined;              // why a formula was undefined (zero totals), else empty
  bool holds() const { return failures.empty() && undefined.empty(); }
};
OfferCheck check_offer(const hw::Economy& e, const hw::Totals<Rational>& others, const hw::TestOffer& offer,
                       const Construction& construction);

// The identities behind Lemma 1 proved in Q(qbar, rbar, Q_-, R_-, b_q, b_r), for every instance:
// eq. (2)-(3) = eq. (11); in cases (i) and (ii) the construction is one-sided, has the sign of
// the case, does not exceed b' (so stays within the endowments), equals the closed form, and
// gives the bundle and the price of b'; in case (iii), on D' = 0 (b_r = b_q R_-/Q_-), b'' = (0, 0)
// gives the bundle (qbar, rbar) of b'.
struct SymbolicProof {
  struct Step {
    std::string label;  // "eq2_eq11", "case_i", "case_ii", "case_iii"
    std::string text;   // what was proved, with the rational functions involved
  };
  bool proved = true;
  std::vector<Step> steps;            // one per group of identities that all hold
  std::vector<std::string> failures;  // identities that do not hold, with the nonzero numerator
};
SymbolicProof prove_symbolically(const Construction& construction);

std::unique_ptr<Claim> make_claim(Construction construction = paper_construction());

}  // namespace hw_lemma1
}  // namespace mechcheck::proofs
