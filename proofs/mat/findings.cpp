// What the mat checks found in Matsushima (2005): errata and the readings the checkers chose, each
// with the committed case that shows it (`mechcheck findings`). proofs/mat/docs/readings.md and
// theorem2.md give the derivations.
#include "mat/paper.hpp"

namespace mechcheck::mat {

std::vector<Finding> findings() {
  return {
      {"mat.example-underline-n", "mat.example", "erratum",
       "The Example (n = 4, k = 1, l = 3, group supply 8, demands 1, 2, 2, 3 at the trading price): n-bar = 4, "
       "n-underline = 3, n-tilde = 2, x = (1, 2, 3, 2).",
       "Definition (4) already fires at n' = 2: after phi(1) is served, 8 - 1 = 7 > (4 - 2) 3 = 6 (had phi(2) "
       "demanded 0, phi(3) and phi(4) could not absorb 7), so n-underline = 2, n-tilde = 1 and x = (1, 3, 3, 1). The "
       "Example checks only n' = 3.",
       "cases/mat/example-paper.toml"},
      {"mat.example-reading", "mat.theorem1", "ambiguity",
       "The Example's numbers, which definition (4) does not give, suggest another n-underline: the smallest n' with "
       "sum e - (the first n' demands) >= (n - n') l.",
       "That reading (underline_n = \"example\", the only one found that reproduces the Example) keeps allocations "
       "feasible but makes being served depend on one's own demand: properties (ii)-(iii) fail, and Theorem 1 is "
       "refuted (a demand function that is not price-taking survives although epsilon > 0). Definition (4) as printed "
       "is the reading the theorem needs.",
       "cases/mat/properties-example-reading.toml"},
      {"mat.rule1-group-index", "mat.necessity", "ambiguity",
       "Rule 1: \"d_group beta-1 is the profile of demand functions announced in group beta\" (the index range "
       "printed beside it is group beta - 1's).",
       "Read as group beta - 1: each group trades at the p-hat of the group before it. Read as group beta, each group "
       "trades at its own p-hat (trading_price = \"own_group\"): a trader's demand moves her own price and trader 1 "
       "keeps an undominated demand function that is not price-taking ([2,0], not optimal at p = 1), so Theorem 1 "
       "fails.",
       "cases/mat/necessity-own-group-price.toml"},
      {"mat.rule2-supply", "mat.feasibility", "erratum",
       "Rule 2: \"the rest of the total supply is allocated to the remaining 2n - 1 traders\", with the formula min[l, "
       "sum_{j'=(beta-1)n+1}^{beta n} e - sum_{j'=(beta-1)n+1}^{j-1} x] copied from Rule 1, beta unbound (G**'s Rules "
       "4-6 repeat it).",
       "Read with beta = 1 (the only value for which the second sum starts at phi(1)), group 2's endowments are never "
       "handed out and market clearing (2) fails (rule2_supply = \"literal_group\"). The checkers use the whole "
       "economy's supply, under which mat.feasibility proves (2), (3) and the bounds on its instances.",
       "cases/mat/feasibility-rule2-literal-supply.toml"},
      {"mat.rule6-cap", "mat.theorem2", "erratum",
       "G**'s Rule 6 caps the later traders by their endowments: min[e_i(h), ...].",
       "Whenever phi(1) takes less than her endowment, supply is left over and market clearing (2) fails: G** does not "
       "map into A (refuted with the allocation as witness: phi = identity, p = 0, everyone announcing 0). The "
       "checkers cap by l, as Rules 2, 4 and 5 do (rule6_cap = \"bound\").",
       "cases/mat/gstarstar-rule6-literal.toml"},
      {"mat.properties-v-vi", "mat.properties", "erratum",
       "Properties (v)/(vi) of G**: a trader receives her announced demand \"or an amount vector that is determined "
       "independent of her message m_i\".",
       "False when the others' second and third announcements respond to first announcements: her first announcement "
       "changes phi(1)'s third announcement and with it what Rule 6 leaves her (refuted on the smallest instance, "
       "trader 1 at position 4, phi(1) an informed responder). The proof of Theorem 2's first statement uses (iv), "
       "(v), (vii) as if a first announcement mattered only through Rule 4: a gap of the order of Rule 4's gain, which "
       "does not overturn statement 1 in the restricted game (mat.theorem2 holds on the same case).",
       "cases/mat/theorem2-smallest.toml"},
      {"mat.properties-per-announcement", "mat.properties", "reading",
       "Properties (iv)-(vii) of G**, stated for changes of a trader's whole message m_i.",
       "Read per announcement (Rule 4 against changes of the first announcement, Rule 5 of the second, Rules 3 and 6 "
       "of the third, the rest held fixed: properties_reading = \"per_announcement\"), (iv)-(vii) hold on every "
       "opponents' profile, permutation, price and deviation of the restricted spaces of the smallest instance.",
       "cases/mat/gstarstar-properties-per-announcement.toml"},
  };
}

}  // namespace mechcheck::mat
