// The mechcheck command line on the papers mechcheck is built with and on this project's own
// paper (bk/): `own-mechcheck list`, `check`, `suite`, `explain` work on all of them.
#include "bk/paper.hpp"
#include "mechcheck/cli/main.hpp"
#include "papers.hpp"

int main(int argc, char** argv) {
  std::vector<mechcheck::Paper> papers = mechcheck::builtin_paper_list();
  papers.push_back(bk::paper());
  return mechcheck::mechcheck_main(mechcheck::Papers(std::move(papers)), argc, argv);
}
