#include "mechcheck/proofs/figures.hpp"

#include "mechcheck/proofs/llm.hpp"

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
  };
  return writers;
}

}  // namespace mechcheck::proofs
