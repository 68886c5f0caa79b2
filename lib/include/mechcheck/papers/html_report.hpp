#pragma once
// `--html DIR`: the run as one static page for people and CI artifacts (DIR/index.html, with the
// figures' files beside it). No script and no network: the verdict table, each claim's statement
// with its checks (summary, witness, values, re-check, asserted values not met), the papers'
// findings, and the figures of the claims run, inline as SVG.
#include "mechcheck/papers/paper.hpp"
#include "mechcheck/report/report.hpp"
#include "mechcheck/run/runner.hpp"

#include <string>
#include <vector>

namespace mechcheck {

// `records[i]` is the run of `jobs[i]`. Writes DIR/index.html atomically (and DIR/figures/...);
// creates DIR when missing. A figure that cannot be drawn is named on the page with the reason.
void write_html_report(const std::string& directory, const Papers& papers, const std::vector<CheckJob>& jobs,
                       const std::vector<CheckRecord>& records, const RunDescription& run);

}  // namespace mechcheck
