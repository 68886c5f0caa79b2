// The figures the hw paper offers (`mechcheck figure`).
#include "hw/paper.hpp"

#include "hw/claims/claims.hpp"
#include "hw/model/economy.hpp"

namespace mechcheck::hw {

std::vector<FigureWriter> figures() {
  return {{"hw.prop2",
           "Hu & Wallace (2012), Proposition 2: distance of the stage-2 equilibrium beta^{sigma_N} to the "
           "continuum equilibrium beta^z against N (log-log), with the least-squares rate",
           [](const Case& c, const std::string& directory) {
             const auto& e = c.model_data<Economy>();
             PrecisionScope precision(e.equilibrium.digits);
             return proofs::hw_prop2::write_figure(proofs::hw_prop2::compute_table(e), e, directory);
           }}};
}

}  // namespace mechcheck::hw
