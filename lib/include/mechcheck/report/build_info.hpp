#pragma once
// What built this program: mechcheck's version and commit, and the versions of the numeric
// libraries it runs on (as the libraries report them at run time). For `--version` and reports.
#include <string>
#include <utility>
#include <vector>

namespace mechcheck {

// "0.1.0 (commit e7132b8)": the project version and `git describe --always --dirty` of the source
// tree at build time ("unknown" outside a git checkout).
std::string tool_version();
std::string project_version();  // "0.1.0"
std::string tool_commit();

// (library, version) for GMP, MPFR, MPFI, FLINT, Arb, Calcium, cddlib, Boost and oneTBB, in that order.
std::vector<std::pair<std::string, std::string>> library_versions();

// "GMP 6.2.1, MPFR 4.2.0, ...".
std::string library_versions_text();

}  // namespace mechcheck
