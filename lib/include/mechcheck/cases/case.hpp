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

// A value an [[expect]] asserts, by the machine key of a reported value (machine_key):
//   KEY = "1/12"                                           exactly this rational
//   KEY = 125                                              exactly this count
//   KEY = { polynomial = "x^2 - 2", interval = ["1.41", "1.42"] }   exactly this algebraic number
//   KEY = { polynomial = "x^2 - 2", root = 2 }             (the interval isolating one real root,
//                                                          or the k-th real root, least first)
//   KEY = { within = ["0.33", "0.34"] }                    the reported number, or the whole of
//                                                          its certified enclosure, lies in [lo, hi]
//   KEY = { text = "..." }                                 exactly this text
// Compared by cases/expected_value.hpp; never with a tolerance.
struct ExpectedValue {
  enum class Form { rational, count, algebraic, within, text };
  std::string key;
  Form form = Form::rational;
  std::string written;               // the assertion as the file states it, for messages
  Rational rational;                 // rational
  long long count = 0;               // count
  std::vector<Rational> polynomial;  // algebraic: coefficients in ascending powers
  long root = 0;                     // algebraic: the root's rank among the real roots (1 = least)
  Rational lo, hi;                   // within
  std::string text;                  // text
  unsigned line = 0, column = 0;
};

struct Expectation {
  std::string claim;
  Verdict verdict;
  std::string note;
  // Hypotheses dropped for this expectation (`drop = ["name"]`), e.g. a counterexample that
  // `mechcheck probe` found outside the theorem's assumptions.
  std::vector<std::string> dropped;
  std::vector<ExpectedValue> values;  // `values = { KEY = ... }`
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
