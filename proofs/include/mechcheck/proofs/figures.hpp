#pragma once
// Figures reproduced from the papers, written as files a person can look at (CSV + SVG).
#include "mechcheck/cases/case.hpp"

#include <functional>
#include <string>
#include <vector>

namespace mechcheck::proofs {

struct FigureWriter {
  std::string id;           // the claim it belongs to, e.g. "llm.fig1"
  std::string description;
  std::string model;        // the case model it reads
  // Writes the figure's files into `directory` and returns their paths.
  std::function<std::vector<std::string>(const Case& c, const std::string& directory)> write;
};

const std::vector<FigureWriter>& figure_writers();

}  // namespace mechcheck::proofs
