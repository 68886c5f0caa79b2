#pragma once
// Running a claim of the built-in papers on a case file, and reading what it reported: the
// scaffolding the claims' test suites share.
#include "mechcheck/run/runner.hpp"
#include "papers.hpp"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <utility>

namespace mechcheck::testing {

// The outcome of a claim on a loaded case, run as the command line runs it (run_claim: the
// standard numeric state, the re-check), with `dropped` hypotheses.
inline Outcome run_on_case(const Claim& claim, const Case& c, std::set<std::string> dropped = {}) {
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  return run_claim(claim, c, context);
}

// The built-in claim `claim_id` (the test stops when there is none).
inline const Claim& builtin_claim(const std::string& claim_id) {
  const Claim* checker = builtin_papers().find(claim_id);
  BOOST_REQUIRE_MESSAGE(checker != nullptr, "no claim " << claim_id);
  return *checker;
}

inline Outcome run_on_case(const std::string& claim_id, const Case& c, std::set<std::string> dropped = {}) {
  return run_on_case(builtin_claim(claim_id), c, std::move(dropped));
}

// The outcome of `claim_id` on the case file, as run_on_case runs it.
inline Outcome run_on_file(const std::string& claim_id, const std::string& path, std::set<std::string> dropped = {}) {
  return run_on_case(claim_id, builtin_papers().load_case(path), std::move(dropped));
}

// The reported entry called `name` in `values` (values, witness or statistics), or nullptr: for
// its polynomial or interval, not only its text.
inline const Value* find_value(const std::vector<Value>& values, const std::string& name) {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

// The text of the reported value, witness entry or statistic called `name` (searched in that
// order), or "<missing NAME>".
inline std::string value_of(const Outcome& out, const std::string& name) {
  for (const auto* list : {&out.values, &out.witness, &out.stats})
    for (const auto& v : *list)
      if (v.name == name) return v.text;
  return "<missing " + name + ">";
}

// The model data of a case file (a copy), e.g. model_of<llm::Economy>(path).
template <class Model>
Model model_of(const std::string& path) {
  return builtin_papers().load_case(path).model_data<Model>();
}

}  // namespace mechcheck::testing
