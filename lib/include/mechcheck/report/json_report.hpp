#pragma once
// The JSON report's pieces, shared by `check`/`suite` (report.cpp) and `probe` (probe.cpp), so both
// follow one documented schema (docs/report.schema.json). Includes nlohmann/json: only the
// report writers include this header.
#include "mechcheck/claims/outcome.hpp"
#include "mechcheck/report/report.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mechcheck {

using Json = nlohmann::ordered_json;

// The version of the report's schema; raised whenever a field changes meaning or is removed.
inline constexpr int report_schema_version = 1;

// The report object without its results: schema and its version, the tool (version and commit),
// the numeric libraries' versions, the command, its arguments, the UTC date and the digits shown.
Json report_envelope(const RunDescription& run);
// A list of values as an object keyed by machine_key: each a typed object (docs/report.schema.json).
Json values_json(const std::vector<Value>& values, int digits);
// The text of a report (two-space indentation; bytes that are not UTF-8 become U+FFFD).
std::string json_text(const Json& report);

}  // namespace mechcheck
