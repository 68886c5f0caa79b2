#pragma once
// The models of the built-in papers, for the tests and fuzz targets that read case files without
// linking the checkers (label "library": the framework and the papers' models). papers_test checks
// that it names the same models as the list of papers (proofs/papers.cpp): a new paper adds its
// model here too, so that these tests read its cases and the case-reader fuzzer its parser.
#include "mechcheck/cases/case.hpp"
#include "hw/model/economy.hpp"
#include "llm/model/economy.hpp"
#include "ly/model/economy.hpp"
#include "mat/model/economy.hpp"
#include "vickrey/model/auction.hpp"

namespace mechcheck::testing {

inline const ModelParsers& builtin_models() {
  static const ModelParsers models{{"llm", llm::parse_economy},
                                   {"hw", hw::parse_economy},
                                   {"mat", mat::parse_economy},
                                   {"ly", ly::parse_economy},
                                   {"vickrey", vickrey::parse_economy}};
  return models;
}

// load_case with the built-in models.
inline Case load_model_case(const std::string& path) { return load_case(path, builtin_models()); }

}  // namespace mechcheck::testing
