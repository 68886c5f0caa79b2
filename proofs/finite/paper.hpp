#pragma once
// The descriptor of the finite model: mechanisms on finite economies given by a case file, and
// the standard properties checked on them (issue 15). Everything mechcheck knows of it is
// reached from paper() (the list of papers, proofs/papers.def, names it once).
#include "mechcheck/papers/paper.hpp"

#include <memory>

namespace mechcheck::finite {

Paper paper();  // paper.cpp

// Its parts, each in its own file of this folder.
std::unique_ptr<probe::Generator> make_generator();  // generator.cpp

}  // namespace mechcheck::finite
