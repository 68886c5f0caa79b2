#pragma once
// The claims of the vickrey paper.
#include "mechcheck/claims/claim.hpp"

#include <memory>

namespace mechcheck::vickrey {

std::unique_ptr<Claim> make_revenue_equivalence();  // claims/revenue_equivalence.cpp

}  // namespace mechcheck::vickrey
