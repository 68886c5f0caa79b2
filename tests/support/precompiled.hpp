#pragma once
// The headers that nearly every test program includes, precompiled once and reused by all of them
// (tests/CMakeLists.txt): Boost.Test and the framework's case, claim and runner headers. Parsing
// them took 4-5 s of each test file's 8-13 s; a test still includes what it uses, so nothing here
// may be required for a test to compile.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/claim.hpp"
#include "mechcheck/number/kind_rational.hpp"
#include "mechcheck/run/runner.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>
