#pragma once
// Re-checks of the bk claims from what an outcome reports, by separate code: Myerson's revenue
// formula instead of the auction's rule.
#include "mechcheck/claims/claim.hpp"

#include <optional>

namespace bk {

// A refutation of bk.auctions_vs_negotiations: for the witness (n, n', r), Myerson's formula
// R_n(r) = n integral_r^1 (2v - 1) v^(n-1) dv = 2n (1 - r^(n+1)) / (n + 1) - (1 - r^n) gives the two
// reported revenues, and R_n(r) > R_n'(0).
std::optional<mechcheck::Recheck> recheck_auctions_vs_negotiations(const mechcheck::Outcome& outcome);

}  // namespace bk
