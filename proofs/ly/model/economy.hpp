#pragma once
// The ly model (Larionov & Yamashita 2024, slides "Model: setup/information"): binary
// quality V = {v_lo, v_hi} with prior mu0, valuations u^b(v), u^s(v), the entropy
// (mutual-information) cost kappa * I(V; S^p) of each player's signal, an information
// structure alpha over V x S^b x S^s, and a direct mechanism: trade probabilities q_ij and
// transfers t^b_ij (paid by the buyer) and t^s_ij (received by the seller). Abstaining
// (message m_0) means no trade and no transfer (proofs/ly/docs/derivation.md, section 1).
// All data are exact rationals; the model knows nothing of verdicts.
#include "mechcheck/cases/case.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck::ly {

constexpr int LO = 0, HI = 1;  // index of v_lo and v_hi

using Matrix = std::vector<std::vector<Rational>>;  // [buyer signal i][seller signal j]

// alpha[v][i][j] = P(v, s^b_i, s^s_j).
struct Structure {
  std::array<Matrix, 2> alpha;
  std::size_t buyer_signals() const { return alpha[LO].size(); }
  std::size_t seller_signals() const { return alpha[LO].empty() ? 0 : alpha[LO][0].size(); }
  // P(v, s^b_i) and P(v, s^s_j).
  Rational buyer_mass(int v, std::size_t i) const;
  Rational seller_mass(int v, std::size_t j) const;
  // Posterior mu^b_i(v) = P(v | s^b_i) and mu^s_j(v) (the signal must have positive probability).
  Rational buyer_posterior(int v, std::size_t i) const;
  Rational seller_posterior(int v, std::size_t j) const;
};

struct Mechanism {
  Matrix q;         // trade probability q_ij in [0, 1] (q^b = q^s = q)
  Matrix t_buyer;   // t^b_ij, paid by the buyer
  Matrix t_seller;  // t^s_ij, received by the seller
};

struct Economy : ModelData {
  std::array<Rational, 2> prior;         // mu0(v_lo), mu0(v_hi), both in (0, 1)
  std::array<Rational, 2> buyer_value;   // u^b(v)
  std::array<Rational, 2> seller_value;  // u^s(v)
  Rational kappa = 1;                    // cost scale: C(sigma^p) = kappa * I(V; S^p)
  Structure structure;
  std::optional<Mechanism> mechanism;  // absent when a claim constructs the transfers
};

// The rules of the model on a structure alone (Bayes plausibility, nonnegative entries, every
// signal realization with positive probability); the first broken one in words, or nullopt.
std::optional<std::string> structure_rule_broken(const Structure& s, const std::array<Rational, 2>& prior);

// Parses the [ly] table of a case file (every rule reported at its file:line:column).
std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);

}  // namespace mechcheck::ly
