#pragma once
// Reports of a run: a table for people, JSON (report/json_report.hpp: one object with the run's
// description and a typed object per (claim, case)) and JUnit XML.
#include "mechcheck/run/runner.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace mechcheck {

// What a report says of the run besides its records.
struct RunDescription {
  std::string command;                    // "check", "suite", "probe"
  std::vector<std::string> command_line;  // the arguments as given, the program first
  int digits = 20;                        // significant digits of the decimals shown (--digits)
};

// One value for people: an exact rational with its certified decimal beside it ("1/12 =
// 0.0833..."), an algebraic number as certified digits with its polynomial and interval, an
// enclosure as its certified digits and itself, a numeric decimal marked as not certified.
std::string value_line(const Value& v, int digits);

// Text as XML or HTML character data (attribute: inside a quoted attribute): markup characters as
// entities, control characters and bytes that are not UTF-8 as visible escapes ("\u0001", "\xFF").
std::string xml_escape(const std::string& s, bool attribute = false);

void print_table(std::ostream& out, const std::vector<CheckRecord>& records, bool verbose, int digits = 20);
// Writes to a temporary file then renames, so a failed run leaves nothing half-written.
void write_json(const std::string& path, const std::vector<CheckRecord>& records, const RunDescription& run);
void write_junit(const std::string& path, const std::vector<CheckRecord>& records);
std::string to_json_text(const std::vector<CheckRecord>& records, const RunDescription& run);
// The JUnit XML document write_junit writes.
std::string junit_text(const std::vector<CheckRecord>& records);

}  // namespace mechcheck
