#pragma once
// The descriptor of the ly paper, Larionov & Yamashita (2024): everything mechcheck knows of it is reached
// from paper() (the list of papers, proofs/papers.def, names it once).
#include "mechcheck/papers/paper.hpp"

#include <memory>
#include <vector>

namespace mechcheck::ly {

Paper paper();  // paper.cpp

// Its parts, each in its own file of this folder.
std::unique_ptr<probe::Generator> make_generator();  // generator.cpp
std::vector<Finding> findings();                     // findings.cpp

}  // namespace mechcheck::ly
