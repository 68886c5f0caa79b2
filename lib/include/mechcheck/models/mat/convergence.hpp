#pragma once
// mat.convergence: growing economies with price-taking traders (being written).
#include "mechcheck/models/mat/economy.hpp"

namespace mechcheck::mat {

struct ConvergenceStudy {};

}  // namespace mechcheck::mat
