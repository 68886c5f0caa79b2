#include "mechcheck/cases/arguments.hpp"

#include "mechcheck/cases/input_error.hpp"

#include <algorithm>
#include <limits>

namespace mechcheck {

unsigned long long whole_number_argument(const std::string& label, const std::string& text, unsigned long long lo,
                                         unsigned long long hi) {
  const std::string rule = label + ": must be a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                           "] written in decimal digits, but it is '" + text + "'";
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw InputError(rule);
  unsigned long long value = 0;
  for (char c : text) {
    const unsigned digit = static_cast<unsigned>(c - '0');
    if (value > (std::numeric_limits<unsigned long long>::max() - digit) / 10) throw InputError(rule + " (too large)");
    value = value * 10 + digit;
  }
  if (value < lo || value > hi) throw InputError(rule);
  return value;
}

bool yes_no_argument(const std::string& label, const std::string& text) {
  if (text == "yes") return true;
  if (text == "no") return false;
  throw InputError(label + ": must be yes or no, but it is '" + text + "'");
}

}  // namespace mechcheck
