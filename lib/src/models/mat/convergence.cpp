#include "mechcheck/models/mat/convergence.hpp"

namespace mechcheck::mat {

std::shared_ptr<const ConvergenceStudy> parse_convergence(const TomlNode& table, const Economy&) {
  table.fail("[mat.convergence] is not supported yet");
}

}  // namespace mechcheck::mat
