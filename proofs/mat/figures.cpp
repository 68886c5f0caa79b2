// The figures the mat paper offers (`mechcheck figure`).
#include "mat/paper.hpp"

#include "mat/claims/convergence.hpp"
#include "mat/model/convergence.hpp"
#include "mat/model/economy.hpp"

namespace mechcheck::mat {

std::vector<FigureWriter> figures() {
  return {{"mat.convergence",
           "Matsushima (2005), after Theorem 1: mean distance of the groups' clearing prices to the competitive "
           "price and 1 - mean n-tilde/n against the group size n (sampled permutations)",
           [](const Case& c, const std::string& directory) {
             const auto& e = c.model_data<Economy>();
             const auto study = proofs::mat_convergence::study_of(e);
             return proofs::mat_convergence::write_figure(run_convergence(e, study), study, e.grid, directory);
           }}};
}

}  // namespace mechcheck::mat
