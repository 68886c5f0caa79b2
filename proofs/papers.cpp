// The one list of the papers mechcheck is built with: adding a paper is adding its folder
// (proofs/ID/, with its CMakeLists.txt) and one line here.
#include "papers.hpp"

#include "hw/paper.hpp"
#include "llm/paper.hpp"
#include "ly/paper.hpp"
#include "mat/paper.hpp"
#include "vickrey/paper.hpp"

namespace mechcheck {

std::vector<Paper> builtin_paper_list() {
  return {llm::paper(), hw::paper(), mat::paper(), ly::paper(), vickrey::paper()};
}

const Papers& builtin_papers() {
  static const Papers papers(builtin_paper_list());
  return papers;
}

}  // namespace mechcheck
