// The figures the llm paper offers (`mechcheck figure`).
#include "llm/paper.hpp"

#include "llm/claims/claims.hpp"
#include "llm/model/economy.hpp"

namespace mechcheck::llm {

std::vector<FigureWriter> figures() {
  return {{"llm.fig1",
           "Figure 1 of Liu, Loertscher & Marx (2020): expected revenue at r* and at (1, 0, ..., 0) against k1",
           [](const Case& c, const std::string& directory) {
             proofs::write_figure1(proofs::compute_figure1(c.model_data<Economy>()), directory);
             return std::vector<std::string>{directory + "/figure1.csv", directory + "/figure1.svg"};
           }}};
}

}  // namespace mechcheck::llm
