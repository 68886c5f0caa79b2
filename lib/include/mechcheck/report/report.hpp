#pragma once
// Reports of a run: a table for people, JSON (one object per (claim, case)) and JUnit XML.
#include "mechcheck/run/runner.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace mechcheck {

void print_table(std::ostream& out, const std::vector<CheckRecord>& records, bool verbose);
// Writes to a temporary file then renames, so a failed run leaves nothing half-written.
void write_json(const std::string& path, const std::vector<CheckRecord>& records);
void write_junit(const std::string& path, const std::vector<CheckRecord>& records);
std::string to_json_text(const std::vector<CheckRecord>& records);
// The JUnit XML document write_junit writes.
std::string junit_text(const std::vector<CheckRecord>& records);

}  // namespace mechcheck
