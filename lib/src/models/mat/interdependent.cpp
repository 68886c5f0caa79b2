#include "mechcheck/models/mat/interdependent.hpp"

namespace mechcheck::mat {

std::shared_ptr<const Interdependent> parse_interdependent(const TomlNode& table, const Economy&) {
  table.fail("[mat.interdependent] is not supported yet");
}

}  // namespace mechcheck::mat
