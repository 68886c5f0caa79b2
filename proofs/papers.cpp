// The papers of papers.def, as the program's list. Each paper's descriptor is declared here from
// the list (the same declaration as its ID/paper.hpp), so that adding a paper touches papers.def
// alone.
#include "papers.hpp"

#define MECHCHECK_PAPER(id) \
  namespace mechcheck::id { \
  Paper paper();            \
  }
#include "papers.def"
#undef MECHCHECK_PAPER

namespace mechcheck {

std::vector<Paper> builtin_paper_list() {
  return {
#define MECHCHECK_PAPER(id) id::paper(),
#include "papers.def"
#undef MECHCHECK_PAPER
  };
}

const Papers& builtin_papers() {
  static const Papers papers(builtin_paper_list());
  return papers;
}

}  // namespace mechcheck
