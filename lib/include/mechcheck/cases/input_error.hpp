#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace mechcheck {

// Bad input: a case file, a command-line argument or a library precondition. The message
// names the file, line and column (or the argument) and the rule broken; exit status 2.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, unsigned line, unsigned column, const std::string& rule)
      : std::runtime_error(position(file, line, column) + ": " + rule),
        file_(std::move(file)),
        line_(line),
        column_(column),
        rule_(rule) {}
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

// Several input errors at once (every bad case file of a suite, not only the first).
struct InputErrors {
  std::vector<std::string> messages;
};

// Collects the errors of independent validations, so that one run reports all of them.
class ErrorList {
 public:
  template <class F>
  void collect(F&& validation) {
    try {
      validation();
    } catch (const InputError& e) {
      messages_.push_back(e.what());
    } catch (const InputErrors& e) {
      messages_.insert(messages_.end(), e.messages.begin(), e.messages.end());
    }
  }
  void add(const std::string& message) { messages_.push_back(message); }
  void add(const std::vector<std::string>& messages) {
    messages_.insert(messages_.end(), messages.begin(), messages.end());
  }
  bool empty() const { return messages_.empty(); }
  void throw_if_any() const {
    if (!messages_.empty()) throw InputErrors{messages_};
  }

 private:
  std::vector<std::string> messages_;
};

}  // namespace mechcheck
