// The `mechcheck` program: the command line (cli.cpp) on the papers of this repository.
#include "mechcheck/cli/main.hpp"
#include "papers.hpp"

int main(int argc, char** argv) { return mechcheck::mechcheck_main(mechcheck::builtin_papers(), argc, argv); }
