#pragma once
// The descriptor of the vickrey paper, Vickrey (1961): the worked example of
// docs/adding-a-paper.md. Everything mechcheck knows of it is reached from paper() (the list of
// papers, proofs/papers.def, names it once).
#include "mechcheck/papers/paper.hpp"

#include <memory>

namespace mechcheck::vickrey {

Paper paper();  // paper.cpp

// Its parts, each in its own file of this folder.
std::unique_ptr<probe::Generator> make_generator();  // generator.cpp

}  // namespace mechcheck::vickrey
