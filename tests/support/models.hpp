#pragma once
// The models of the built-in papers (the list proofs/papers.def), for the tests and fuzz targets
// that read case files without linking the checkers (label "library": the framework and the
// papers' models). papers_test checks that it names the same models as the program's list.
#include "mechcheck/cases/case.hpp"

#include <memory>

#define MECHCHECK_PAPER(id)                                              \
  namespace mechcheck::id {                                              \
  std::shared_ptr<const ModelData> parse_economy(const TomlNode& table); \
  }
#include "papers.def"
#undef MECHCHECK_PAPER

namespace mechcheck::testing {

inline const ModelParsers& builtin_models() {
  static const ModelParsers models{
#define MECHCHECK_PAPER(id) {#id, id::parse_economy},
#include "papers.def"
#undef MECHCHECK_PAPER
  };
  return models;
}

// load_case with the built-in models.
inline Case load_model_case(const std::string& path) { return load_case(path, builtin_models()); }

}  // namespace mechcheck::testing
