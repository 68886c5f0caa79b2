#pragma once
// The claims of the bk paper, one file each (claims/ID.cpp), listed by paper.cpp.
#include "mechcheck/claims/claim.hpp"

#include <memory>

namespace bk {

std::unique_ptr<mechcheck::Claim> make_auctions_vs_negotiations();  // bk.auctions_vs_negotiations

}  // namespace bk
