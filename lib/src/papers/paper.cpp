#include "mechcheck/papers/paper.hpp"

#include "mechcheck/cases/input_error.hpp"

#include <filesystem>
#include <set>
#include <stdexcept>

namespace mechcheck {

Papers::Papers(std::vector<Paper> papers) : papers_(std::move(papers)) {
  for (const Paper& p : papers_) {
    if (p.id.empty() || !p.parse_model || !p.make_claims)
      throw std::logic_error("paper '" + p.id + "': a paper needs an id, a model parser and its claims");
    if (p.short_citation.empty() || p.citation.empty())
      throw std::logic_error("paper '" + p.id + "': a paper needs its short and its full citation");
    if (!models_.emplace(p.id, p.parse_model).second) throw std::logic_error("paper listed twice: " + p.id);
    for (auto& claim : p.make_claims()) {
      const ClaimInfo& info = claim->info();
      if (info.id.rfind(p.id + ".", 0) != 0 || info.model != p.id)
        throw std::logic_error("claim " + info.id + " (model '" + info.model + "') is listed by paper '" + p.id +
                               "': a claim's id starts with its paper's id, and it reads its paper's model");
      claims_.add(std::move(claim));  // throws for an id listed twice
    }
    if (p.make_generator) generators_[p.id] = p.make_generator();
    for (const FigureWriter& f : p.figures)
      if (f.id.rfind(p.id + ".", 0) != 0 || !claims_.find(f.id))
        throw std::logic_error("figure " + f.id + " of paper '" + p.id + "' names no claim of that paper");
    for (const ExportWriter& x : p.exports)
      if (x.id.rfind(p.id + ".", 0) != 0 || !x.write)
        throw std::logic_error("export " + x.id + " of paper '" + p.id + "': its id starts with the paper's id");
    check_findings(p);
  }
}

void Papers::check_findings(const Paper& p) {
  std::set<std::string> seen;  // the ids of the papers before p
  for (const Paper& other : papers_) {
    if (&other == &p) break;
    for (const Finding& f : other.findings) seen.insert(f.id);
  }
  for (const Finding& f : p.findings) {
    const std::string who = "finding " + f.id + " of paper '" + p.id + "'";
    if (f.id.rfind(p.id + ".", 0) != 0 || f.id.size() == p.id.size() + 1)
      throw std::logic_error(who + ": its id starts with the paper's id and a dot");
    if (!seen.insert(f.id).second) throw std::logic_error(who + ": listed twice");
    if (f.claim.rfind(p.id + ".", 0) != 0 || !claims_.find(f.claim))
      throw std::logic_error(who + " names claim '" + f.claim + "', which is not a claim of that paper");
    bool known_kind = false;
    for (const FindingKind& k : finding_kinds) known_kind = known_kind || f.kind == k.name;
    if (!known_kind) throw std::logic_error(who + ": unknown kind '" + f.kind + "'");
    if (f.paper_says.empty() || f.check_shows.empty())
      throw std::logic_error(who + ": it says what the paper says and what the check shows");
    const std::filesystem::path path(f.case_file);
    bool climbs = false;
    for (const auto& part : path) climbs = climbs || part == "..";
    if (f.case_file.empty() || path.is_absolute() || climbs || path.extension() != ".toml")
      throw std::logic_error(who + ": its case file '" + f.case_file +
                             "' is a .toml file named relative to the repository, inside it");
  }
}

const Paper* Papers::paper(const std::string& id) const {
  for (const Paper& p : papers_)
    if (p.id == id) return &p;
  return nullptr;
}

const Paper* Papers::paper_of(const Claim& claim) const { return paper(claim.info().model); }

const probe::Generator* Papers::generator_for(const std::string& model) const {
  auto it = generators_.find(model);
  return it == generators_.end() ? nullptr : it->second.get();
}

std::vector<std::string> Papers::models_with_generators() const {
  std::vector<std::string> out;
  for (const auto& [model, generator] : generators_) out.push_back(model);
  return out;
}

const FigureWriter* Papers::figure(const std::string& id) const {
  for (const Paper& p : papers_)
    for (const FigureWriter& f : p.figures)
      if (f.id == id) return &f;
  return nullptr;
}

std::vector<const FigureWriter*> Papers::figures() const {
  std::vector<const FigureWriter*> out;
  for (const Paper& p : papers_)
    for (const FigureWriter& f : p.figures) out.push_back(&f);
  return out;
}

const ExportWriter* Papers::export_writer(const std::string& id) const {
  for (const Paper& p : papers_)
    for (const ExportWriter& x : p.exports)
      if (x.id == id) return &x;
  return nullptr;
}

std::vector<const ExportWriter*> Papers::exports() const {
  std::vector<const ExportWriter*> out;
  for (const Paper& p : papers_)
    for (const ExportWriter& x : p.exports) out.push_back(&x);
  return out;
}

std::vector<const Finding*> Papers::findings() const {
  std::vector<const Finding*> out;
  for (const Paper& p : papers_)
    for (const Finding& f : p.findings) out.push_back(&f);
  return out;
}

const Paper* Papers::paper_of_export(const ExportWriter& writer) const {
  for (const Paper& p : papers_)
    for (const ExportWriter& x : p.exports)
      if (&x == &writer) return &p;
  return nullptr;
}

probe::ProbeResult probe_claim(const Papers& papers, const Claim& claim, const probe::ProbeOptions& options) {
  const probe::Generator* generator = papers.generator_for(claim.info().model);
  if (!generator)
    throw InputError("argument CLAIM: " + claim.info().id + " reads model '" + claim.info().model +
                     "', which has no instance generator yet");
  return probe::probe(claim, *generator, papers.models().at(claim.info().model), options);
}

}  // namespace mechcheck
