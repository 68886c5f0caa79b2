// The models a case file may name. The case loader calls this once; it is the only place
// that lists models (the claim framework itself knows none).
#include "mechcheck/cases/case.hpp"
#include "mechcheck/models/hw/economy.hpp"
#include "mechcheck/models/llm/economy.hpp"
#include "mechcheck/models/ly/economy.hpp"
#include "mechcheck/models/mat/economy.hpp"

namespace mechcheck {

void register_builtin_models() {
  register_model("llm", llm::parse_economy);
  register_model("hw", hw::parse_economy);
  register_model("mat", mat::parse_economy);
  register_model("ly", ly::parse_economy);
}

}  // namespace mechcheck
