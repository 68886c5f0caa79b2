#pragma once
// Re-checks of the vickrey claims from what an outcome reports, by separate code: closed forms
// instead of the model's polynomial integrals.
#include "mechcheck/claims/claim.hpp"
#include "vickrey/model/auction.hpp"

#include <optional>

namespace mechcheck::vickrey {

// A refutation of vickrey.revenue_equivalence: the reported revenues equal the closed forms
// E[b(max)] = s n a / (n a + 1) and E[second highest] = n (n - 1) a^2 / ((n a + 1) ((n - 1) a + 1))
// for the witness (n, a, s), and differ.
std::optional<Recheck> recheck_revenue_equivalence(const Economy& e, const Outcome& outcome);

}  // namespace mechcheck::vickrey
