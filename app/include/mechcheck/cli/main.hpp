#pragma once
// The `mechcheck` command line as a function, so that a program of one's own runs its own papers
// with the same commands, options, reports and exit statuses:
//
//   int main(int argc, char** argv) {
//     auto list = mechcheck::builtin_paper_list();   // or none of them
//     list.push_back(my::paper());
//     return mechcheck::mechcheck_main(mechcheck::Papers(std::move(list)), argc, argv);
//   }
#include "mechcheck/papers/paper.hpp"

namespace mechcheck {

// Parses the command line and runs it on `papers`; returns the exit status (0 every verdict met
// its expectation, 1 one did not, 2 bad input or usage).
int mechcheck_main(const Papers& papers, int argc, char** argv);

}  // namespace mechcheck
