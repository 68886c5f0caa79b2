#pragma once
// The values an [[expect]] asserts: read from the case file (validated there, file:line:col) and
// compared exactly with what a check reports.
#include "mechcheck/cases/case.hpp"

#include <string>
#include <vector>

namespace mechcheck {

// Reads the `values` table of one [[expect]]; throws InputError at the offending entry (an
// unreadable number or polynomial, an interval that isolates no root or several, lo > hi, ...).
std::vector<ExpectedValue> read_expected_values(const TomlNode& table);

// One asserted value that the check did not report as asserted.
struct ValueMismatch {
  std::string key;
  std::string expected;         // as the case states it
  std::string computed;         // as the check reported it (or why it cannot be compared)
  std::string where;            // "file:line:column" of the assertion
  std::string message() const;  // "file:line:col: value KEY: expected ..., computed ..."
};

// Compares every asserted value with the outcome's value (then witness, then statistic) of the
// same machine key: exactly, as algebraic numbers, or by containment of the certified enclosure.
std::vector<ValueMismatch> compare_expected_values(const std::string& case_path,
                                                   const std::vector<ExpectedValue>& expected, const Outcome& outcome);

}  // namespace mechcheck
