#include "mechcheck/report/build_info.hpp"

#include "mechcheck/lp/linear_program.hpp"
#include "mechcheck_commit.hpp"  // generated at build time: MECHCHECK_COMMIT (cmake/WriteCommit.cmake)

#include <arb.h>
#include <boost/version.hpp>
#include <flint/flint.h>
#include <gmp.h>
#include <mpfi.h>
#include <mpfr.h>
#include <oneapi/tbb/version.h>

// Calcium 0.4's calcium.h is C that C++ rejects (see number/calcium_qqbar.hpp); its version
// function is plain C, declared here as the header declares it.
extern "C" const char* calcium_version(void);

namespace mechcheck {

#ifndef MECHCHECK_PROJECT_VERSION
#define MECHCHECK_PROJECT_VERSION "unknown"
#endif

std::string tool_commit() { return MECHCHECK_COMMIT; }

std::string project_version() { return MECHCHECK_PROJECT_VERSION; }

std::string tool_version() { return std::string(MECHCHECK_PROJECT_VERSION) + " (commit " + tool_commit() + ")"; }

std::vector<std::pair<std::string, std::string>> library_versions() {
  const std::string cdd = lp::solver_version();
  std::string boost = BOOST_LIB_VERSION;
  for (char& c : boost)
    if (c == '_') c = '.';
  return {{"GMP", gmp_version},
          {"MPFR", mpfr_get_version()},
          {"MPFI", mpfi_get_version()},
          {"FLINT", flint_version},
          {"Arb", arb_version},
          {"Calcium", calcium_version()},
          {"cddlib", cdd},
          {"Boost", boost},
          {"oneTBB", TBB_runtime_version()}};
}

std::string library_versions_text() {
  std::string s;
  for (const auto& [name, version] : library_versions()) s += (s.empty() ? "" : ", ") + name + " " + version;
  return s;
}

}  // namespace mechcheck
