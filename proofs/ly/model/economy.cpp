// The ly model's structure helpers and rules (economy.hpp).
#include "ly/model/economy.hpp"

namespace mechcheck::ly {

Rational Structure::buyer_mass(int v, std::size_t i) const {
  Rational m = 0;
  for (const auto& a : alpha[v][i]) m += a;
  return m;
}

Rational Structure::seller_mass(int v, std::size_t j) const {
  Rational m = 0;
  for (const auto& row : alpha[v]) m += row[j];
  return m;
}

Rational Structure::buyer_posterior(int v, std::size_t i) const {
  return buyer_mass(v, i) / (buyer_mass(LO, i) + buyer_mass(HI, i));
}

Rational Structure::seller_posterior(int v, std::size_t j) const {
  return seller_mass(v, j) / (seller_mass(LO, j) + seller_mass(HI, j));
}

std::optional<std::string> structure_rule_broken(const Structure& s, const std::array<Rational, 2>& prior) {
  const std::size_t I = s.buyer_signals(), J = s.seller_signals();
  if (I == 0 || J == 0) return "the structure needs at least one signal realization per player";
  for (int v = 0; v < 2; ++v) {
    if (s.alpha[v].size() != I) return "alpha_lo and alpha_hi must have the same number of rows";
    Rational total = 0;
    for (const auto& row : s.alpha[v]) {
      if (row.size() != J) return "every row of alpha must have one entry per seller signal";
      for (const auto& a : row) {
        if (a < 0) return "alpha entries are probabilities: they must be nonnegative";
        total += a;
      }
    }
    if (total != prior[v])
      return std::string("Bayes plausibility: the entries of alpha_") + (v == LO ? "lo" : "hi") +
             " must sum to mu0(v_" + (v == LO ? "lo" : "hi") + ") = " + to_string(prior[v]) + ", but they sum to " +
             to_string(total);
  }
  for (std::size_t i = 0; i < I; ++i)
    if (s.buyer_mass(LO, i) + s.buyer_mass(HI, i) == 0)
      return "buyer signal s^b_" + std::to_string(i + 1) +
             " has probability 0 (drop it: a posterior needs a positive probability)";
  for (std::size_t j = 0; j < J; ++j)
    if (s.seller_mass(LO, j) + s.seller_mass(HI, j) == 0)
      return "seller signal s^s_" + std::to_string(j + 1) +
             " has probability 0 (drop it: a posterior needs a positive probability)";
  return std::nullopt;
}

}  // namespace mechcheck::ly
