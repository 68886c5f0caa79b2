#pragma once
// The ly model (Larionov & Yamashita 2024): bilateral trade with costly information
// acquisition. (Being written: the [ly] table is not accepted yet.)
#include "mechcheck/cases/case.hpp"

namespace mechcheck::ly {

std::shared_ptr<const ModelData> parse_economy(const TomlNode& table);

}  // namespace mechcheck::ly
