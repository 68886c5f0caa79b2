#pragma once
// A paper is everything mechcheck knows of it, reached through one descriptor: its model (the
// parser of its case files' [ID] table), its claims, its instance generator, the files it can
// write (figures) and what its checks found in the paper's text (findings). A program is built with a list of papers (`Papers`); the command line and the
// library find every claim, model, generator and figure through that list and nowhere else.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/registry.hpp"
#include "mechcheck/probe/probe.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mechcheck {

// A figure reproduced from a paper, written as files a person can look at (CSV + SVG).
struct FigureWriter {
  std::string id;  // the claim it belongs to, e.g. "llm.fig1"
  std::string description;
  // Writes the figure's files into `directory` and returns their paths.
  std::function<std::vector<std::string>(const Case& c, const std::string& directory)> write;
};

// A file a paper can write from a case in another tool's format (e.g. a game for Gambit):
// `mechcheck export ID CASE --out FILE [--set NAME=VALUE]...`.
struct ExportSetting {
  std::string name;
  std::string meaning;
  std::string default_value;  // empty: no default (the export says when it needs one)
};
struct ExportedFile {
  std::string text;
  std::string summary;  // one line for people: what was written
};
struct ExportWriter {
  std::string id;  // the paper's id, a dot and a name, e.g. "mat.nfg"
  std::string description;
  std::vector<ExportSetting> settings;
  // The file for the case (of the paper's model) and the settings (every name one of `settings`,
  // defaults filled in). Throws InputError naming the setting ("option --set NAME") or the case
  // before any long computation when a value is invalid.
  std::function<ExportedFile(const Case& c, const probe::Settings& settings)> write;
};

// What a check shows about the paper's text: an erratum, an ambiguity, or a reading the checker had
// to choose, with the committed case that shows it (`mechcheck findings`; the README's section
// "Findings in the papers" is its Markdown).
struct Finding {
  std::string id;           // the paper's id, a dot and a short name, e.g. "llm.prop4-budget-balance"
  std::string claim;        // the claim whose check shows it, e.g. "llm.prop3_4"
  std::string kind;         // one of finding_kinds
  std::string paper_says;   // what the paper says (its words or its formula, with where)
  std::string check_shows;  // what the check shows on the case
  std::string case_file;    // the committed case, relative to the repository: "cases/llm/forward-uniform-n2.toml";
                            // it has an [[expect]] on `claim`
};

// The kinds of finding, each with what it means.
struct FindingKind {
  const char* name;
  const char* meaning;
};
inline constexpr FindingKind finding_kinds[] = {
    {"erratum", "the paper is wrong as printed (a statement, a formula, an example or a step of a proof)"},
    {"gap", "a step the paper's argument needs and does not give, or a case it leaves undefined"},
    {"ambiguity", "the text can be read more than one way; the case shows what the reading changes"},
    {"reading", "where the paper is silent or loose, the choice the checker makes"},
    {"remark", "the paper is right, and the check shows more: a hypothesis it does not need, where it is tight"},
};

struct Paper {
  // "llm": the model its case files name ([case] model = "llm", table [llm]) and the prefix of
  // its claim ids ("llm.prop1").
  std::string id;
  std::string short_citation;  // "Liu, Loertscher & Marx (2020)", as `mechcheck list` shows it
  std::string citation;        // the full reference, with the version the code follows
  ModelParser parse_model;
  std::function<std::vector<std::unique_ptr<Claim>>()> make_claims;
  std::function<std::unique_ptr<probe::Generator>()> make_generator;  // empty: no generator yet
  std::vector<FigureWriter> figures;
  std::vector<ExportWriter> exports;
  std::vector<Finding> findings;  // in the order of the paper
};

// The papers a program is built with. Checks, once, that every claim id is unique and carries
// its paper's id as prefix and model, every figure belongs to a claim of its paper, every
// export's id carries its paper's id as prefix, and every finding has a unique id with its
// paper's prefix, names a claim of its paper, has a kind of finding_kinds, says what the paper
// says and what the check shows, and names a relative case file.
class Papers {
 public:
  explicit Papers(std::vector<Paper> papers);
  Papers(const Papers&) = delete;
  Papers& operator=(const Papers&) = delete;

  const std::vector<Paper>& papers() const { return papers_; }
  const Paper* paper(const std::string& id) const;  // nullptr when unknown
  const Paper* paper_of(const Claim& claim) const;  // the paper the claim belongs to

  const Claim* find(const std::string& claim_id) const { return claims_.find(claim_id); }
  std::vector<const Claim*> all() const { return claims_.all(); }  // sorted by id

  const ModelParsers& models() const { return models_; }
  // Loads a case file whose model is one of the papers'; throws InputError as load_case does.
  Case load_case(const std::string& path) const { return mechcheck::load_case(path, models_); }

  // The instance generator of a model; nullptr when its paper has none.
  const probe::Generator* generator_for(const std::string& model) const;
  std::vector<std::string> models_with_generators() const;

  const FigureWriter* figure(const std::string& id) const;  // nullptr when unknown
  std::vector<const FigureWriter*> figures() const;
  const ExportWriter* export_writer(const std::string& id) const;  // nullptr when unknown
  std::vector<const ExportWriter*> exports() const;
  const Paper* paper_of_export(const ExportWriter& writer) const;
  std::vector<const Finding*> findings() const;  // paper by paper, each paper's in its order

 private:
  void check_findings(const Paper& p);  // throws std::logic_error, as the constructor does

  std::vector<Paper> papers_;
  Registry claims_;
  ModelParsers models_;
  std::map<std::string, std::unique_ptr<probe::Generator>> generators_;
};

// The findings of every paper as Markdown: a "### ID: SHORT CITATION" heading per paper that has
// findings, then one list item per finding (id, kind, claim, what the paper says, what the check
// shows, and the case as a link relative to the repository), wrapped at 100 columns. The README's
// section "Findings in the papers" is this text (`mechcheck findings --markdown`).
std::string findings_markdown(const Papers& papers);

// Runs the probe on a claim of one of the papers with its paper's generator and model. Throws
// InputError naming the argument when the paper has no generator.
probe::ProbeResult probe_claim(const Papers& papers, const Claim& claim, const probe::ProbeOptions& options);

}  // namespace mechcheck
