#pragma once
// How the claims that solve the design LP (finite.design, finite.myerson_satterthwaite) report a
// mechanism and a certificate, under the names recheck/design.cpp reads.
#include "finite/model/design.hpp"
#include "mechcheck/claims/check.hpp"

#include <string>
#include <vector>

namespace mechcheck::finite {

// The table z as witness entries <prefix>lottery.<t>.o<o> and <prefix>payment.<t>.a<i>.
void witness_mechanism(Check& check, const Economy& e, const std::vector<Rational>& z, const std::string& prefix);

// The nonzero multipliers y as witness entries multiplier.<row id>; returns how many.
long long witness_multipliers(Check& check, const DesignProgram& d, const std::vector<Rational>& y);

}  // namespace mechcheck::finite
