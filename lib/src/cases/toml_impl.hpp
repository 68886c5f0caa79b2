#pragma once
// Private: the toml11 value behind a TomlNode. Only cases/*.cpp include toml11.
#include "mechcheck/cases/toml_node.hpp"

#include <toml.hpp>
#include <sstream>

namespace mechcheck {

struct TomlNode::Impl {
  std::string file;
  toml::value value;
  std::string path;  // dotted key path, for messages
};

}  // namespace mechcheck
