#include "mechcheck/cases/case.hpp"

#include "toml_impl.hpp"

#include <filesystem>
#include <map>
#include <mutex>

namespace mechcheck {

void register_builtin_models();  // models/builtin_models.cpp

namespace {

std::map<std::string, ModelParser>& parsers() {
  static std::map<std::string, ModelParser> instance;
  return instance;
}
std::mutex parsers_mutex;
std::once_flag builtin_once;

void ensure_builtin_models() { std::call_once(builtin_once, [] { register_builtin_models(); }); }

// toml11 3.7 reports many syntax errors at the start of the line; its message marks the
// offending column with a caret line ("  |    ^--- ..."). Take the column from the last one.
unsigned syntax_error_column(const std::string& message, unsigned fallback) {
  unsigned column = fallback;
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    const std::string line = message.substr(start, end - start);
    const auto bar = line.find(" | ");
    const auto caret = line.find('^');
    if (bar != std::string::npos && caret != std::string::npos && caret > bar)
      column = static_cast<unsigned>(caret - (bar + 3) + 1);
    start = end + 1;
  }
  return column;
}

}  // namespace

void register_model(const std::string& name, ModelParser parser) {
  std::lock_guard lock(parsers_mutex);
  parsers()[name] = std::move(parser);
}

std::vector<std::string> registered_models() {
  ensure_builtin_models();
  std::lock_guard lock(parsers_mutex);
  std::vector<std::string> out;
  for (const auto& [name, parser] : parsers()) out.push_back(name);
  return out;
}

Case load_case(const std::string& path) {
  ensure_builtin_models();
  if (!std::filesystem::is_regular_file(path)) throw InputError(path + ": no such case file");
  toml::value document;
  try {
    document = toml::parse(path);
  } catch (const toml::exception& e) {
    // toml11's own message already quotes the line; keep its first line for the rule.
    std::string message = e.what();
    auto newline = message.find('\n');
    std::string first = newline == std::string::npos ? message : message.substr(0, newline);
    // Drop toml11's "[error] toml::parse_array: " prefix; keep its description.
    if (first.rfind("[error] ", 0) == 0) first = first.substr(8);
    if (first.rfind("toml::", 0) == 0 && first.find(": ") != std::string::npos) first = first.substr(first.find(": ") + 2);
    std::string rule = "TOML syntax error: " + first;
    throw InputError(path, e.location().line(), syntax_error_column(message, e.location().column()), rule);
  } catch (const std::exception& e) {
    throw InputError(path + ": cannot read: " + e.what());
  }

  TomlNode root(std::make_shared<TomlNode::Impl>(TomlNode::Impl{path, document, "(top level)"}));
  Case c;
  c.path = path;
  c.document = std::make_shared<const TomlNode>(root);
  TomlNode header = root.at("case");
  header.allow_only({"name", "model", "source", "description"});
  c.name = header.string("name");
  c.model = header.string("model");
  if (header.has("source")) c.source = header.string("source");
  if (header.has("description")) c.description = header.string("description");

  ModelParser parser;
  {
    std::lock_guard lock(parsers_mutex);
    auto it = parsers().find(c.model);
    if (it == parsers().end()) {
      std::string known;
      for (const auto& [name, p] : parsers()) known += (known.empty() ? "" : ", ") + name;
      header.at("model").fail("unknown model '" + c.model + "' (known: " + known + ")");
    }
    parser = it->second;
  }
  std::vector<std::string> allowed_top = {"case", c.model, "expect"};
  root.allow_only(allowed_top);
  c.data = parser(root.at(c.model));

  if (root.has("expect")) {
    for (const auto& e : root.at("expect").elements()) {
      e.allow_only({"claim", "verdict", "note", "drop"});
      Expectation x;
      x.claim = e.string("claim");
      std::string verdict = e.string("verdict");
      auto v = parse_verdict(verdict);
      if (!v)
        e.at("verdict").fail("unknown verdict '" + verdict +
                             "' (one of holds, refuted, hypotheses_unmet, inconclusive, error)");
      x.verdict = *v;
      if (e.has("note")) x.note = e.string("note");
      if (e.has("drop")) {
        TomlNode drop = e.at("drop");
        if (!drop.is_array()) drop.fail("drop lists hypothesis names, e.g. drop = [\"epsilon_positive\"]");
        for (const auto& name : drop.elements()) x.dropped.push_back(name.string());
      }
      // Position of the claim's name, so an unknown or misplaced claim is reported there.
      x.line = e.at("claim").line();
      x.column = e.at("claim").column();
      c.expectations.push_back(std::move(x));
    }
  }
  return c;
}

void Case::fail(const std::vector<std::string>& keys, const std::string& rule) const {
  if (!document) throw InputError((path.empty() ? name : path) + ": " + rule);
  TomlNode node = *document;
  for (const auto& key : keys) {
    if (!node.has(key)) break;
    node = node.at(key);
  }
  node.fail(rule);
}

std::vector<std::string> find_case_files(const std::vector<std::string>& directories) {
  std::vector<std::string> files;
  for (const auto& dir : directories) {
    namespace fs = std::filesystem;
    if (fs::is_regular_file(dir)) {
      files.push_back(dir);
      continue;
    }
    if (!fs::is_directory(dir)) throw InputError("argument DIR '" + dir + "': no such directory");
    for (const auto& entry : fs::recursive_directory_iterator(dir))
      if (entry.is_regular_file() && entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace mechcheck
