#pragma once
// G** (Matsushima 2005, Section 4): private signals, macro shocks and the common value v.
// (Being written: the table [mat.interdependent] is not accepted yet.)
#include "mechcheck/models/mat/economy.hpp"

namespace mechcheck::mat {

struct Interdependent {};

}  // namespace mechcheck::mat
