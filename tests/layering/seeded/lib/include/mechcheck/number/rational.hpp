#pragma once
// Seeded violation for the layering check's own test: the number layer includes a polynomial.
#include "mechcheck/poly/polynomial.hpp"
