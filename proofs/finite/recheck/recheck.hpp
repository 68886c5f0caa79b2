#pragma once
// Re-checks of the finite claims from what an outcome reports, by code that shares nothing with
// the checks: it reads the economy's tables (types, prior, lotteries, payments, values, costs)
// with its own profile numbering and its own sums, and recomputes the reported utilities,
// surpluses and expectations from the definitions (docs/model.md, "Re-checks").
#include "finite/model/economy.hpp"
#include "mechcheck/claims/claim.hpp"

#include <optional>

namespace mechcheck::finite {

std::optional<Recheck> recheck_dsic(const Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_bic(const Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_expost_ir(const Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_interim_ir(const Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_expost_bb(const Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_exante_bb(const Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_efficiency(const Economy& e, const Outcome& outcome);
std::optional<Recheck> recheck_monotonicity(const Economy& e, const Outcome& outcome);
// On holds as well: every reported expectation recomputed.
std::optional<Recheck> recheck_expectations(const Economy& e, const Outcome& outcome);
// finite.design: the Farkas or dual multipliers and the reported mechanism, against every row of the
// design LP rebuilt here from the definitions (recheck/design.cpp).
std::optional<Recheck> recheck_design(const Economy& e, const Outcome& outcome);

}  // namespace mechcheck::finite
