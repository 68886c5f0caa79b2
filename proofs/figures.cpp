#include "mechcheck/proofs/figures.hpp"

#include "mechcheck/proofs/hw.hpp"
#include "mechcheck/proofs/llm.hpp"
#include "mechcheck/proofs/mat_convergence.hpp"

namespace mechcheck::proofs {

const std::vector<FigureWriter>& figure_writers() {
  static const std::vector<FigureWriter> writers{
      {"llm.fig1",
       "Figure 1 of Liu, Loertscher & Marx (2020): expected revenue at r* and at (1, 0, ..., 0) against k1",
       "llm",
       [](const Case& c, const std::string& directory) {
         write_figure1(compute_figure1(c.model_data<llm::Economy>(), 60), directory);
         return std::vector<std::string>{directory + "/figure1.csv", directory + "/figure1.svg"};
       }},
      {"mat.convergence",
       "Matsushima (2005), after Theorem 1: mean distance of the groups' clearing prices to the competitive price "
       "and 1 - mean n-tilde/n against the group size n (sampled permutations)",
       "mat",
       [](const Case& c, const std::string& directory) {
         const auto& e = c.model_data<mat::Economy>();
         const auto study = mat_convergence::study_of(e);
         return mat_convergence::write_figure(mat::run_convergence(e, study), study, e.grid, directory);
       }},
      {"hw.prop2",
       "Hu & Wallace (2012), Proposition 2: distance of the stage-2 equilibrium beta^{sigma_N} to the continuum "
       "equilibrium beta^z against N (log-log), with the least-squares rate",
       "hw",
       [](const Case& c, const std::string& directory) {
         const auto& e = c.model_data<hw::Economy>();
         hw::PrecisionScope precision(e.equilibrium.digits);
         return hw_prop2::write_figure(hw_prop2::compute_table(e), e, directory);
       }},
  };
  return writers;
}

}  // namespace mechcheck::proofs
