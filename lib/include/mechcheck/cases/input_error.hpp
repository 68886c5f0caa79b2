#pragma once
#include <stdexcept>
#include <string>

namespace mechcheck {

// Bad input: a case file, a command-line argument or a library precondition. The message
// names the file, line and column (or the argument) and the rule broken; exit status 2.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, unsigned line, unsigned column, const std::string& rule)
      : std::runtime_error(position(file, line, column) + ": " + rule),
        file_(std::move(file)), line_(line), column_(column), rule_(rule) {}
  explicit InputError(const std::string& message) : std::runtime_error(message), rule_(message) {}
  const std::string& file() const { return file_; }
  unsigned line() const { return line_; }
  unsigned column() const { return column_; }
  const std::string& rule() const { return rule_; }

 private:
  static std::string position(const std::string& file, unsigned line, unsigned column) {
    std::string out = file;
    out += ':';
    out += std::to_string(line);
    out += ':';
    out += std::to_string(column);
    return out;
  }
  std::string file_;
  unsigned line_ = 0, column_ = 0;
  std::string rule_;
};

}  // namespace mechcheck
