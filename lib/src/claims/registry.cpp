#include "mechcheck/claims/registry.hpp"

#include <stdexcept>

namespace mechcheck {

void Registry::add(std::unique_ptr<Claim> claim) {
  const std::string id = claim->info().id;
  if (claims_.count(id)) throw std::logic_error("claim registered twice: " + id);
  claims_[id] = std::move(claim);
}

const Claim* Registry::find(const std::string& id) const {
  auto it = claims_.find(id);
  return it == claims_.end() ? nullptr : it->second.get();
}

std::vector<const Claim*> Registry::all() const {
  std::vector<const Claim*> out;
  for (const auto& [id, claim] : claims_) out.push_back(claim.get());
  return out;
}

}  // namespace mechcheck
