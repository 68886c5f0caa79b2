#pragma once
// Values given on a command line (options, and the NAME=VALUE settings of a probe or an export),
// read strictly: the InputError names the argument (`label`, e.g. "option --limit" or
// "option --set trader") and the rule.
#include <string>

namespace mechcheck {

// A whole number in [lo, hi] written in decimal digits only (no sign, exponent or spaces).
unsigned long long whole_number_argument(const std::string& label, const std::string& text, unsigned long long lo,
                                         unsigned long long hi);

// "yes" or "no".
bool yes_no_argument(const std::string& label, const std::string& text);

}  // namespace mechcheck
