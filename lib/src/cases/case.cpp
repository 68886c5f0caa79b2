#include "mechcheck/cases/case.hpp"

#include "mechcheck/cases/expected_value.hpp"

#include "mechcheck/cases/file_kind.hpp"
#include "toml_impl.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mechcheck {

namespace {

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

// ---- reading the file --------------------------------------------------------------------

// A case file holds one small economy; anything bigger is not one (and is not read whole).
constexpr std::size_t max_case_file_bytes = 4u << 20;

[[noreturn]] void not_a_case_file(const std::string& path, mode_t mode) {
  throw InputError(path + ": is " + file_kind(mode) + ", not a case file (a case file is a regular .toml file)");
}

// The whole file, read without ever blocking: a FIFO or a device is refused before it is
// opened, and the descriptor is checked again after opening (the path may have changed).
std::string read_case_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    struct stat link {};
    if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
      throw InputError(path + ": is a symbolic link to a file that does not exist");
    if (error == ENOENT || error == ENOTDIR) throw InputError(path + ": no such case file");
    throw InputError(path + ": cannot read: " + std::strerror(error));
  }
  if (!S_ISREG(st.st_mode)) not_a_case_file(path, st.st_mode);
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw InputError(path + ": cannot read: " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::fstat(fd, &st) != 0) throw InputError(path + ": cannot read: " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) not_a_case_file(path, st.st_mode);
  if (static_cast<std::size_t>(st.st_size) > max_case_file_bytes)
    throw InputError(path + ": is " + std::to_string(st.st_size) +
                     " bytes; a case file holds one small economy, at most " + std::to_string(max_case_file_bytes) +
                     " bytes");
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError(path + ": cannot read: " + std::strerror(errno));
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_case_file_bytes)
      throw InputError(path + ": is more than " + std::to_string(max_case_file_bytes) +
                       " bytes; a case file holds one small economy");
  }
  return text;
}

// ---- what toml11 3.7 gets wrong, caught on the text first -------------------------------
// toml11 parses nested arrays and inline tables by recursion (10,000 levels overflow the stack:
// a crash, not an error) and its dotted keys take quadratic time, so the nesting is bounded
// here; it also saturates integers beyond 64 bits to +-(2^63 - 1) silently, where TOML requires
// an error; while parsing, it formats a message quoting the whole current line for each
// alternative it tries, so its time grows with the square of a line's length (a 110 KB line of
// 10,000 histogram bins: 10 s), while a long array over many lines loads in linear time
// (200,000 bins, one per line: about 7 s), so lines are bounded too; and a literal string
// ('...' or '''...''') with bytes that are not UTF-8 makes it read past its buffer while
// composing the error message (found by fuzzing), so every string's UTF-8 is checked here.
// The scan follows TOML's lexical structure (strings, comments, keys, values) only
// as far as these rules need; any other syntax error is left to toml11, which reports it.

// Tables of headers and dotted keys, arrays and inline tables together; the case files need
// about six.
constexpr int max_nesting = 32;
// Longer than any line a case needs (an exact number has at most 200 digits); a line this long
// costs toml11 well under a second.
constexpr unsigned max_line_length = 16384;

class TomlTextGuard {
 public:
  TomlTextGuard(const std::string& path, std::string_view text) : path_(path), text_(text) {}

  void run() {
    while (i_ < text_.size()) {
      const char ch = text_[i_];
      if (ch == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') advance();
      } else if (ch == '\n') {
        if (levels_.empty()) {  // a top-level line ends: its key and value are done
          expect_key_ = line_start_ = true;
          line_key_parts_ = key_parts_ = 0;
        }
        advance();
      } else if (ch == ' ' || ch == '\t' || ch == '\r') {
        advance();
      } else if (ch == '"' || ch == '\'') {
        line_start_ = false;
        skip_string();
      } else if (levels_.empty() && line_start_ && ch == '[') {
        line_start_ = false;
        table_header();
      } else {
        line_start_ = false;
        if (expect_key_) key_character(ch);
        else value_character(ch);
      }
    }
  }

 private:
  struct Level {
    char bracket;       // '[' an array, '{' an inline table
    int key_parts = 0;  // an inline table: the dotted parts of the key being given a value
  };

  void advance() {
    if (text_[i_] == '\n') {
      ++line_;
      column_ = 1;
    } else if (++column_ > max_line_length) {
      throw InputError(path_, line_, column_,
                       "this line is longer than " + std::to_string(max_line_length) +
                           " characters (the TOML reader's time grows with the square of a line's length); "
                           "write a long array over several lines, e.g. one element per line");
    }
    ++i_;
  }
  bool at(std::string_view s) const { return text_.substr(i_, s.size()) == s; }

  int depth() const {
    int d = header_parts_ + line_key_parts_;
    for (const auto& level : levels_) d += 1 + level.key_parts;
    return d;
  }
  void check_depth(int extra = 0) const {
    if (depth() + extra > max_nesting)
      throw InputError(path_, line_, column_,
                       "nested more than " + std::to_string(max_nesting) +
                           " levels deep (table headers, dotted keys, arrays and inline tables together); a case "
                           "file needs a few");
  }

  // The length of the UTF-8 sequence at i_ (1 to 4 bytes), or 0 if it is not one: a stray
  // continuation byte, a truncated sequence, an overlong form, a surrogate or beyond U+10FFFF.
  std::size_t utf8_length() const {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text_[i_ + k]); };
    const unsigned char b0 = byte(0);
    if (b0 < 0x80) return 1;
    std::size_t n;
    unsigned char low = 0x80, high = 0xBF;  // the second byte's range
    if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
    else if (b0 == 0xE0) n = 3, low = 0xA0;
    else if (b0 == 0xED) n = 3, high = 0x9F;
    else if (b0 >= 0xE1 && b0 <= 0xEF) n = 3;
    else if (b0 == 0xF0) n = 4, low = 0x90;
    else if (b0 == 0xF4) n = 4, high = 0x8F;
    else if (b0 >= 0xF1 && b0 <= 0xF3) n = 4;
    else return 0;
    if (i_ + n > text_.size() || byte(1) < low || byte(1) > high) return 0;
    for (std::size_t k = 2; k < n; ++k)
      if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
    return n;
  }
  // Inside a string: one character (every byte of a multi-byte one), which must be UTF-8.
  void string_character() {
    const std::size_t n = utf8_length();
    if (n == 0) {
      std::ostringstream code;
      code << "0x" << std::uppercase << std::hex << std::setw(2) << std::setfill('0')
           << static_cast<unsigned>(static_cast<unsigned char>(text_[i_]));
      throw InputError(path_, line_, column_,
                       "a string holds the byte " + code.str() + ", which is not UTF-8 there; TOML files are UTF-8");
    }
    for (std::size_t k = 0; k < n; ++k) advance();
  }

  // At a quote: skips a basic "..." or literal '...' string, single- or multi-line, checking that
  // it is UTF-8. An unterminated one is left for toml11 to report.
  void skip_string() {
    const char quote = text_[i_];
    const std::string triple(3, quote);
    if (at(triple)) {
      for (int k = 0; k < 3; ++k) advance();
      while (i_ < text_.size()) {
        if (at(triple)) {
          for (int k = 0; k < 3; ++k) advance();
          for (int extra = 0; extra < 2 && i_ < text_.size() && text_[i_] == quote; ++extra) advance();  // """"x""""
          return;
        }
        if (quote == '"' && text_[i_] == '\\' && i_ + 1 < text_.size()) advance();
        string_character();
      }
      return;
    }
    advance();
    while (i_ < text_.size() && text_[i_] != '\n') {
      if (quote == '"' && text_[i_] == '\\' && i_ + 1 < text_.size() && text_[i_ + 1] != '\n') {
        advance();
        string_character();
        continue;
      }
      const bool closing = text_[i_] == quote;
      string_character();
      if (closing) return;
    }
  }

  // [a.b.c] or [[a.b.c]] at the start of a top-level line.
  void table_header() {
    header_parts_ = 1;
    advance();
    if (i_ < text_.size() && text_[i_] == '[') advance();
    while (i_ < text_.size() && text_[i_] != ']' && text_[i_] != '\n') {
      if (text_[i_] == '"' || text_[i_] == '\'') {
        skip_string();
        continue;
      }
      if (text_[i_] == '.') {
        ++header_parts_;
        check_depth();
      }
      advance();
    }
    while (i_ < text_.size() && text_[i_] == ']') advance();
    expect_key_ = false;  // only a comment may follow on this line
  }

  void key_character(char ch) {
    if (ch == '.') {
      ++key_parts_;
      check_depth(key_parts_ + 1);
    } else if (ch == '=') {
      (levels_.empty() ? line_key_parts_ : levels_.back().key_parts) = key_parts_ + 1;
      key_parts_ = 0;
      expect_key_ = false;
      check_depth();
    } else if (ch == '}' && !levels_.empty() && levels_.back().bracket == '{') {
      levels_.pop_back();  // {} or a trailing comma
      expect_key_ = false;
    }
    advance();
  }

  void value_character(char ch) {
    if (ch == '[' || ch == '{') {
      levels_.push_back({ch});
      check_depth();
      expect_key_ = ch == '{';
      key_parts_ = 0;
      advance();
    } else if (ch == ']' || ch == '}') {
      if (!levels_.empty()) levels_.pop_back();
      advance();
    } else if (ch == ',') {
      if (!levels_.empty() && levels_.back().bracket == '{') {
        levels_.back().key_parts = 0;
        expect_key_ = true;
        key_parts_ = 0;
      }
      advance();
    } else {
      bare_value();
    }
  }

  // An integer, float, boolean or date: only integers are checked.
  void bare_value() {
    const unsigned line = line_, column = column_;
    const std::size_t start = i_;
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' || c == '#') break;
      advance();
    }
    check_integer(text_.substr(start, i_ - start), line, column);
  }

  void check_integer(std::string_view token, unsigned line, unsigned column) const {
    std::string_view body = token;
    bool negative = false;
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
      negative = body.front() == '-';
      body.remove_prefix(1);
    }
    int base = 10;
    if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b')) {
      base = body[1] == 'x' ? 16 : body[1] == 'o' ? 8 : 2;
      body.remove_prefix(2);
    }
    if (body.empty()) return;
    // 2^63 - 1, or 2^63 for a negative decimal; unsigned arithmetic with an overflow check.
    const unsigned long long limit = 9223372036854775807ull + (negative ? 1 : 0);
    unsigned long long value = 0;
    bool too_large = false;
    for (char c : body) {
      if (c == '_') continue;
      int digit;
      if (c >= '0' && c <= '9') digit = c - '0';
      else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      else return;  // not an integer (a float, a date, a boolean, or a syntax error for toml11)
      if (digit >= base) return;
      if (value > (limit - static_cast<unsigned>(digit)) / static_cast<unsigned>(base)) too_large = true;
      else value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
    }
    if (too_large)
      throw InputError(path_, line, column,
                       "the integer " + std::string(token) +
                           " lies outside TOML's 64-bit range [-2^63, 2^63 - 1]; write an exact large number as a "
                           "string, e.g. \"" +
                           std::string(token) + "\"");
  }

  const std::string& path_;
  std::string_view text_;
  std::size_t i_ = 0;
  unsigned line_ = 1, column_ = 1;
  std::vector<Level> levels_;
  int header_parts_ = 0, line_key_parts_ = 0, key_parts_ = 0;
  bool expect_key_ = true, line_start_ = true;
};

// The case's name appears in tables, JSON and JUnit XML: one visible line of text.
void check_case_name(const TomlNode& node, const std::string& name) {
  if (std::all_of(name.begin(), name.end(), [](unsigned char c) { return c == ' ' || c == '\t'; }))
    node.fail("the case's name must not be empty or blank");
  for (std::size_t k = 0; k < name.size(); ++k) {
    const auto c = static_cast<unsigned char>(name[k]);
    const bool c1 = c == 0xC2 && k + 1 < name.size() && static_cast<unsigned char>(name[k + 1]) >= 0x80 &&
                    static_cast<unsigned char>(name[k + 1]) <= 0x9F;  // U+0080..U+009F
    if (c < 0x20 || c == 0x7F || c1) {
      std::ostringstream code;
      code << "U+" << std::uppercase << std::hex << std::setw(4) << std::setfill('0')
           << static_cast<unsigned>(c1 ? static_cast<unsigned char>(name[k + 1]) : c);
      node.fail("the case's name must not contain control characters (found " + code.str() + " at character " +
                std::to_string(k + 1) + "): it is shown in tables and written into JSON and XML reports");
    }
  }
}

}  // namespace

Case load_case(const std::string& path, const ModelParsers& models) {
  const std::string text = read_case_file(path);
  TomlTextGuard(path, text).run();
  toml::value document;
  try {
    std::istringstream in(text);
    document = toml::parse(in, path);
  } catch (const toml::exception& e) {
    // toml11's own message already quotes the line; keep its first line for the rule.
    std::string message = e.what();
    auto newline = message.find('\n');
    std::string first = newline == std::string::npos ? message : message.substr(0, newline);
    // Drop toml11's "[error] toml::parse_array: " prefix; keep its description.
    if (first.rfind("[error] ", 0) == 0) first = first.substr(8);
    if (first.rfind("toml::", 0) == 0 && first.find(": ") != std::string::npos)
      first = first.substr(first.find(": ") + 2);
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
  check_case_name(header.at("name"), c.name);
  c.model = header.string("model");
  if (header.has("source")) c.source = header.string("source");
  if (header.has("description")) c.description = header.string("description");

  auto parser = models.find(c.model);
  if (parser == models.end()) {
    std::string known;
    for (const auto& [name, p] : models) known += (known.empty() ? "" : ", ") + name;
    header.at("model").fail("unknown model '" + c.model + "' (known: " + known + ")");
  }
  std::vector<std::string> allowed_top = {"case", c.model, "expect"};
  root.allow_only(allowed_top);
  c.data = parser->second(root.at(c.model));

  if (root.has("expect")) {
    for (const auto& e : root.at("expect").elements()) {
      e.allow_only({"claim", "verdict", "note", "drop", "values"});
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
      if (e.has("values")) x.values = read_expected_values(e.at("values"));
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
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& dir : directories) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0)
      throw InputError("argument DIR '" + dir + "': " +
                       (errno == ENOENT || errno == ENOTDIR ? std::string("no such directory") : std::strerror(errno)));
    if (S_ISREG(st.st_mode)) {
      files.push_back(dir);
      continue;
    }
    if (!S_ISDIR(st.st_mode))
      throw InputError("argument DIR '" + dir + "': is " + file_kind(st.st_mode) + ", not a directory or a case file");
    // Every *.toml entry that is not a directory is listed, so that a FIFO, a device or a
    // dangling link named like a case file is reported by load_case rather than skipped.
    std::error_code ec;
    std::string listing = dir;  // the directory being listed, for the message
    fs::recursive_directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code type_error;
      const bool is_directory = it->is_directory(type_error);
      if (is_directory) listing = it->path().string();
      if (!is_directory && it->path().extension() == ".toml") files.push_back(it->path().string());
    }
    if (ec)
      throw InputError("argument DIR '" + dir + "': cannot list the directory '" + listing + "': " + ec.message());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace mechcheck
