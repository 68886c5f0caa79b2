#pragma once
// A case file: one economy, a [case] header, the model's data and the expected verdicts.
// The loader knows models only through the parsers it is given (a paper's descriptor holds its own).
#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/cases/toml_node.hpp"
#include "mechcheck/claims/outcome.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mechcheck {

// Base of every model's parsed data (an llm economy, an hw market game, ...).
class ModelData {
 public:
  virtual ~ModelData() = default;
};

struct Expectation {
  std::string claim;
  Verdict verdict;
  std::string note;
  // Hypotheses dropped for this expectation (`drop = ["name"]`), e.g. a counterexample that
  // `mechcheck probe` found outside the theorem's assumptions.
  std::vector<std::string> dropped;
  unsigned line = 0, column = 0;
};

struct Case {
  std::string path;  // file it came from
  std::string name;
  std::string model;
  std::string source;  // where the instance comes from (paper, figure, found by probe, ...)
  std::string description;
  std::vector<Expectation> expectations;
  std::shared_ptr<const ModelData> data;
  // The file as read, so that a claim's own preconditions (Claim::validate) are reported at the
  // offending key; empty for a case built in memory.
  std::shared_ptr<const TomlNode> document;

  // Throws InputError for `rule` at the deepest of `keys` present in the file (e.g. {"hw", "eta"}
  // points at eta when it is there, else at the [hw] table), or naming the case file alone.
  [[noreturn]] void fail(const std::vector<std::string>& keys, const std::string& rule) const;

  template <class M>
  const M& model_data() const {
    auto* m = dynamic_cast<const M*>(data.get());
    if (!m) throw InputError(path + ": this claim needs a case of another model than '" + model + "'");
    return *m;
  }
};

// Parses the model's table (the TOML table named like the model, e.g. [llm]) and validates
// it, throwing InputError at the offending position.
using ModelParser = std::function<std::shared_ptr<const ModelData>(const TomlNode& table)>;
// The models a case file may name, by name.
using ModelParsers = std::map<std::string, ModelParser>;

// Loads and validates one case file, whose model must be one of `models`; throws InputError
// naming file, line and column.
Case load_case(const std::string& path, const ModelParsers& models);

// Every *.toml under the directories (recursively, sorted); throws InputError for a
// missing directory.
std::vector<std::string> find_case_files(const std::vector<std::string>& directories);

}  // namespace mechcheck
