#pragma once
// Shared by the hw test suites: the committed cases' directory, running a claim on one of them,
// writing a temporary hw case, and the position and rule of a case's load error. Header-only.
#include "papers.hpp"
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/claim.hpp"
#include "mechcheck/run/runner.hpp"
#include "hw/model/economy.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace mechcheck::testing {

inline const std::string hw_cases_dir = std::string(MECHCHECK_SOURCE_DIR) + "/cases/hw/";

inline const hw::Economy& economy_of(const Case& c) { return c.model_data<hw::Economy>(); }

// Runs `claim` on cases/hw/FILE with the given hypotheses dropped.
inline Outcome run_hw_case(const Claim& claim, const std::string& file, std::set<std::string> dropped = {}) {
  const Case c = builtin_papers().load_case(hw_cases_dir + file);
  CheckContext context;
  context.dropped_hypotheses = std::move(dropped);
  return run_claim(claim, c, context);
}

// Writes a temporary case of model hw (the [case] header is 4 lines, then `body`) under a
// directory per test suite, and returns its path.
inline std::string write_hw_case(const std::string& suite, const std::string& name, const std::string& body) {
  auto dir = std::filesystem::temp_directory_path() / suite;
  std::filesystem::create_directories(dir);
  auto path = dir / (name + ".toml");
  std::ofstream(path) << "[case]\nname = \"" << name << "\"\nmodel = \"hw\"\n\n" << body;
  return path.string();
}

// "line:column: rule" of the InputError that loading the case throws ("" when none).
inline std::string load_error(const std::string& path) {
  try {
    builtin_papers().load_case(path);
  } catch (const InputError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.rule();
  }
  return "";
}

}  // namespace mechcheck::testing
