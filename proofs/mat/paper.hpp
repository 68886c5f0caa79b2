#pragma once
// The descriptor of the mat paper, Matsushima (2005): everything mechcheck knows of it is reached
// from paper() (the list of papers, proofs/papers.def, names it once).
#include "mechcheck/papers/paper.hpp"

#include <memory>
#include <vector>

namespace mechcheck::mat {

Paper paper();  // paper.cpp

// Its parts, each in its own file of this folder.
std::unique_ptr<probe::Generator> make_generator();  // generator.cpp
std::vector<FigureWriter> figures();                 // figures.cpp
std::vector<ExportWriter> exports();                 // exports.cpp
std::vector<Finding> findings();                     // findings.cpp

}  // namespace mechcheck::mat
