#pragma once
// The models of the built-in papers, for the tests and fuzz targets that read case files without
// linking the checkers (label "library": the framework and the papers' models). papers_test checks
// that each is the model of a paper in the list of papers (proofs/papers.cpp).
#include "mechcheck/cases/case.hpp"
#include "hw/model/economy.hpp"
#include "llm/model/economy.hpp"
#include "ly/model/economy.hpp"
#include "mat/model/economy.hpp"

namespace mechcheck::testing {

inline const ModelParsers& builtin_models() {
  static const ModelParsers models{{"llm", llm::parse_economy},
                                   {"hw", hw::parse_economy},
                                   {"mat", mat::parse_economy},
                                   {"ly", ly::parse_economy}};
  return models;
}

// load_case with the built-in models.
inline Case load_model_case(const std::string& path) { return load_case(path, builtin_models()); }

}  // namespace mechcheck::testing
