#pragma once
// A read-only view of one TOML value with its source position, so model parsers can read
// exact numbers and report errors as FILE:LINE:COLUMN without including toml11 themselves.
#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/number/rational.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mechcheck {

class TomlNode {
 public:
  struct Impl;
  TomlNode(std::shared_ptr<const Impl> impl);
  ~TomlNode();

  const std::string& file() const;
  unsigned line() const;
  unsigned column() const;
  // Throws InputError at this node's position.
  [[noreturn]] void fail(const std::string& rule) const;

  bool is_table() const;
  bool is_array() const;
  bool is_string() const;
  bool is_integer() const;
  std::string type_name() const;

  bool has(const std::string& key) const;     // tables only
  TomlNode at(const std::string& key) const;  // fails naming the missing key
  std::vector<std::string> keys() const;
  // Fails on the first key not in `allowed` (catches typos such as `cfd = ...`).
  void allow_only(const std::vector<std::string>& allowed) const;

  std::vector<TomlNode> elements() const;  // arrays only; fails otherwise

  // An exact rational: a TOML integer, or a string "p/q", "p" or a decimal "0.1" (= 1/10).
  // A TOML float is rejected: its binary value is not the number the author wrote.
  Rational rational() const;
  long long integer() const;
  std::string string() const;
  bool boolean() const;

  // Convenience: at(key).rational() etc.
  Rational rational(const std::string& key) const { return at(key).rational(); }
  std::string string(const std::string& key) const { return at(key).string(); }
  long long integer(const std::string& key) const { return at(key).integer(); }
  std::vector<Rational> rationals() const;  // an array of rationals

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace mechcheck
