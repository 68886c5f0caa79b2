#include "finite/claims/design_witness.hpp"

#include "mechcheck/number/kind_rational.hpp"

namespace mechcheck::finite {

void witness_mechanism(Check& check, const Economy& e, const std::vector<Rational>& z, const std::string& prefix) {
  for (std::size_t r = 0; r < e.profile_count(); ++r) {
    for (std::size_t o = 0; o < e.outcomes.size(); ++o)
      check.witness(prefix + "lottery." + profile_key(e, r) + ".o" + std::to_string(o + 1),
                    z[lottery_variable(e, r, o)]);
    for (std::size_t i = 0; i < e.agent_count(); ++i)
      check.witness(prefix + "payment." + profile_key(e, r) + ".a" + std::to_string(i + 1),
                    z[payment_variable(e, r, i)]);
  }
}

long long witness_multipliers(Check& check, const DesignProgram& d, const std::vector<Rational>& y) {
  long long count = 0;
  for (std::size_t r = 0; r < y.size(); ++r)
    if (y[r] != 0) {
      check.witness("multiplier." + d.row_ids[r], y[r]);
      ++count;
    }
  return count;
}

}  // namespace mechcheck::finite
