#include "mechcheck/models/ly/economy.hpp"

namespace mechcheck::ly {

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table) {
  table.fail("the ly model is not supported yet");
}

}  // namespace mechcheck::ly
