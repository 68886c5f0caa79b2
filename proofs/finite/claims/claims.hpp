#pragma once
// The claims of the finite model: properties of any finite mechanism (docs/model.md, "Claims").
#include "mechcheck/claims/claim.hpp"

#include <memory>

namespace mechcheck::finite {

std::unique_ptr<Claim> make_dsic();                   // claims/dsic.cpp
std::unique_ptr<Claim> make_bic();                    // claims/bic.cpp
std::unique_ptr<Claim> make_expost_ir();              // claims/expost_ir.cpp
std::unique_ptr<Claim> make_interim_ir();             // claims/interim_ir.cpp
std::unique_ptr<Claim> make_expost_bb();              // claims/expost_bb.cpp
std::unique_ptr<Claim> make_exante_bb();              // claims/exante_bb.cpp
std::unique_ptr<Claim> make_efficiency();             // claims/efficiency.cpp
std::unique_ptr<Claim> make_monotonicity();           // claims/monotonicity.cpp
std::unique_ptr<Claim> make_expectations();           // claims/expectations.cpp
std::unique_ptr<Claim> make_design();                 // claims/design.cpp
std::unique_ptr<Claim> make_myerson_satterthwaite();  // claims/myerson_satterthwaite.cpp

}  // namespace mechcheck::finite
