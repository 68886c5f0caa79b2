#pragma once
// Counterexample probing (`mechcheck probe`): generate small economies of a claim's model,
// check the claim with some of its named hypotheses dropped, shrink a refutation toward the
// smallest economy, confirm minimality by an exhaustive pass where the space is small, and
// write the result as a ready case file. Knows nothing of any paper: models contribute
// generators (a paper's descriptor holds its own), claims contribute hypotheses by name.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/claim.hpp"

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace mechcheck {
struct RunDescription;  // report/report.hpp
}  // namespace mechcheck

namespace mechcheck::probe {

// One generated economy: the model's tables as TOML text (what the case file will hold, so
// what is checked is exactly what is written), a size compared componentwise (smaller is
// simpler), a one-line description, and the generator's own parameters.
struct Candidate {
  std::string model_table;
  std::vector<long long> size;
  std::string summary;
  std::any params;
};

// `--set NAME=VALUE`: fixes one of the generator's parameters (names per generator).
using Settings = std::map<std::string, std::string>;

// A parameter `--set NAME=VALUE` of a generator: what it means and every value it takes, exactly
// as written. The values are checked by the framework (validate_settings), once, for every generator.
struct Setting {
  std::string name;
  std::string meaning;
  std::vector<std::string> values;
};

class Generator {
 public:
  virtual ~Generator() = default;
  virtual std::string model() const = 0;
  // The parameters `--set` accepts.
  virtual std::vector<Setting> settable() const = 0;
  // What the size components measure, in order ("agents", "max denominator", ...).
  virtual std::vector<std::string> size_names() const = 0;

  // Each first checks `settings` (validate_settings: InputError naming the setting), then asks the
  // generator, which therefore sees only settings it declared, with values it listed.
  // A random economy (seeded: the same rng state gives the same economy).
  Candidate random(std::mt19937_64& rng, const Settings& settings) const;
  // Strictly smaller economies (every size component <= and one <), simplest first.
  std::vector<Candidate> shrink(const Candidate& c, const Settings& settings) const;
  // Every economy whose size is componentwise <= `bound`, or nullopt when there are more
  // than `limit` of them.
  std::optional<std::vector<Candidate>> all_within(const std::vector<long long>& bound, std::size_t limit,
                                                   const Settings& settings) const;

 protected:
  // The three above, on settings already checked.
  virtual Candidate random_economy(std::mt19937_64& rng, const Settings& settings) const = 0;
  virtual std::vector<Candidate> smaller_economies(const Candidate& c, const Settings& settings) const = 0;
  virtual std::optional<std::vector<Candidate>> economies_within(const std::vector<long long>& bound, std::size_t limit,
                                                                 const Settings& settings) const = 0;
};

// Throws InputError naming the argument when a setting is unknown or its value is not one the
// generator lists.
void validate_settings(const Generator& g, const Settings& settings);

bool size_within(const std::vector<long long>& a, const std::vector<long long>& bound);  // componentwise <=
bool strictly_smaller(const std::vector<long long>& a, const std::vector<long long>& b);

struct ProbeOptions {
  std::set<std::string> dropped;
  Settings settings;
  std::uint64_t seed = 1;
  double budget_seconds = 60;
  std::size_t exhaustive_limit = 4000;  // largest exhaustive minimality pass (economies)
  // Shrinking and the exhaustive pass may take this long after the search (default: the
  // search's budget again); a pass cut short does not call the result minimal.
  double minimize_seconds = 0;
  unsigned long long enumeration_limit = 5'000'000;
  std::string scratch_directory;  // where candidates are written to be loaded (temp by default)
};

struct ProbeResult {
  bool found = false;
  Candidate counterexample;
  Outcome outcome;                            // the refutation of the (shrunk) counterexample
  long long generated = 0;                    // random economies checked
  long long shrink_steps = 0;                 // accepted shrinks
  long long shrink_checks = 0;                // candidates checked while shrinking
  bool minimal = false;                       // the exhaustive pass ran and found nothing smaller
  long long exhaustive_checked = 0;           // economies of the exhaustive pass (0 when it did not run)
  std::string exhaustive_note;                // why it did not run, when it did not
  std::map<std::string, long long> verdicts;  // over the random search: verdict -> count
  std::string first_error;                    // the summary of the search's first `error`, if any
  double seconds = 0;
};

// Runs the search over the generator's economies, each written as a case file and loaded with
// `parse_model` (the claim's model). Throws InputError for invalid settings.
ProbeResult probe(const Claim& claim, const Generator& generator, const ModelParser& parse_model,
                  const ProbeOptions& options);

// The case file of a counterexample: [case] (with the seed and the reproduce command in its
// source), the model's tables, and [[expect]] claim = ..., verdict = "refuted".
std::string case_file_text(const Claim& claim, const Generator& generator, const ProbeOptions& options,
                           const ProbeResult& result);
// "llm.prop1-probe-drop-common-worst-off-seed-1": the case's name and file stem.
std::string case_stem(const Claim& claim, const ProbeOptions& options);
std::string reproduce_command(const Claim& claim, const ProbeOptions& options, const std::string& case_path);

// `mechcheck probe CLAIM --report`: each named hypothesis of the claim dropped alone, and what
// the search found. A hypothesis is shown necessary by a counterexample; one that survived is
// reported with the size of the search it survived.
struct HypothesisFinding {
  std::string hypothesis;
  ProbeOptions options;  // the search's (its `dropped` is {hypothesis})
  ProbeResult result;
  std::string case_path;  // where the counterexample was written (empty without --out)
};
// The JSON report (report_envelope, docs/report.schema.json) whose results are one object per
// hypothesis: claim, hypothesis, necessary, seed, settings,
// seconds, the search (random economies, verdict counts, shrink steps and checks, exhaustive
// pass size and note, minimal) and the counterexample (summary, refutation, size, case path,
// reproduce command) or null.
std::string report_json(const Claim& claim, const Generator& generator, const std::vector<HypothesisFinding>& findings,
                        const RunDescription& run);
// The same as a readable table (one row per hypothesis, the counterexample below its row).
std::string report_table(const Claim& claim, const Generator& generator,
                         const std::vector<HypothesisFinding>& findings);

}  // namespace mechcheck::probe
