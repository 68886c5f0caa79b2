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

namespace {
// A table cell: one line, and a '|' would end the cell.
std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}
}  // namespace

std::string hypothesis_catalogue_markdown(const std::vector<const Claim*>& claims) {
  std::string out = "| claim | hypothesis | statement | status | case, or why none exists |\n|---|---|---|---|---|\n";
  for (const Claim* claim : claims)
    for (const auto& h : claim->info().hypotheses) {
      const std::string evidence = h.necessity == Necessity::counterexample ? "`" + h.evidence + "`" : h.evidence;
      out += "| `" + claim->info().id + "` | `" + h.name + "` | " + markdown_cell(h.statement) + " | " +
             to_string(h.necessity) + " | " + markdown_cell(evidence) + " |\n";
    }
  return out;
}

}  // namespace mechcheck
