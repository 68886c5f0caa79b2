#pragma once
// The papers mechcheck is built with.
#include "mechcheck/papers/paper.hpp"

namespace mechcheck {

// The papers of this repository, in the order `mechcheck list` shows them (papers.def: the one list);
// a program of one's own appends its papers to it.
std::vector<Paper> builtin_paper_list();
// The Papers of builtin_paper_list(), built once.
const Papers& builtin_papers();

}  // namespace mechcheck
