#pragma once
#include "mechcheck/claims/claim.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mechcheck {

class Registry {
 public:
  void add(std::unique_ptr<Claim> claim);
  const Claim* find(const std::string& id) const;
  std::vector<const Claim*> all() const;  // sorted by id

 private:
  std::map<std::string, std::unique_ptr<Claim>> claims_;
};

// The hypothesis catalogue as a Markdown table, one row per named hypothesis of `claims`:
// claim, hypothesis, statement, status (Necessity) and its evidence (the counterexample case,
// or why none exists). docs/hypotheses.md is this table; a test keeps the two equal.
std::string hypothesis_catalogue_markdown(const std::vector<const Claim*>& claims);

}  // namespace mechcheck
