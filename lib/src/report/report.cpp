#include "mechcheck/report/report.hpp"

#include "mechcheck/report/json_report.hpp"

#include "mechcheck/report/build_info.hpp"

#include "mechcheck/cases/file_kind.hpp"
#include "mechcheck/report/files.hpp"
#include "mechcheck/run/ranks.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mechcheck {
namespace {

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  return text;
}

// "[lo, hi]" as its two ends.
std::pair<std::string, std::string> interval_ends_text(const std::string& interval) {
  const auto open = interval.find('['), comma = interval.find(','), close = interval.rfind(']');
  if (open == std::string::npos || comma == std::string::npos || close == std::string::npos)
    return {interval, interval};
  auto trim = [](std::string x) {
    x.erase(0, x.find_first_not_of(' '));
    x.erase(x.find_last_not_of(' ') + 1);
    return x;
  };
  return {trim(interval.substr(open + 1, comma - open - 1)), trim(interval.substr(comma + 1, close - comma - 1))};
}

Json value_json(const Value& v, int digits) {
  Json o;
  o["label"] = v.name;
  o["type"] = v.kind;
  if (v.kind == "count") {
    try {
      o["value"] = std::stoll(v.text);
    } catch (const std::exception&) {
      o["value"] = v.text;
    }
    return o;
  }
  if (v.kind == "algebraic" || v.kind == "interval") {
    if (v.kind == "algebraic") o["polynomial"] = v.polynomial;
    const auto [lo, hi] = interval_ends_text(v.interval);
    o["interval"] = Json::array({lo, hi});
  } else {
    o["value"] = v.text;
  }
  if (v.kind == "rational" || v.kind == "algebraic" || v.kind == "interval") {
    std::string decimal;
    try {
      decimal = decimal_text(v, digits);
    } catch (const std::exception&) {}
    o["decimal"] = decimal.empty() ? Json(nullptr) : Json(decimal);
  }
  return o;
}

Json record_object(const CheckRecord& r, int digits) {
  Json o;
  o["claim"] = r.claim;
  o["case"] = r.case_name;
  o["case_file"] = r.case_path;
  o["verdict"] = to_string(r.outcome.verdict);
  o["arithmetic"] = to_string(r.outcome.arithmetic);
  o["expected"] = r.expected ? Json(to_string(*r.expected)) : Json(nullptr);
  o["met"] = r.met();
  Json mismatches = Json::array();
  for (const auto& m : r.mismatches)
    mismatches.push_back({{"key", m.key}, {"expected", m.expected}, {"computed", m.computed}, {"where", m.where}});
  o["value_mismatches"] = mismatches;
  o["summary"] = r.outcome.summary;
  o["seconds"] = r.seconds;
  o["witness"] = values_json(r.outcome.witness, digits);
  o["values"] = values_json(r.outcome.values, digits);
  o["stats"] = values_json(r.outcome.stats, digits);
  Json recheck;
  recheck["status"] = to_string(r.outcome.recheck.status);
  recheck["method"] = r.outcome.recheck.method;
  recheck["detail"] = r.outcome.recheck.detail;
  o["recheck"] = recheck;
  o["unmet_hypotheses"] = r.outcome.unmet;
  o["dropped_hypotheses"] = r.outcome.dropped;
  return o;
}

}  // namespace

// XML 1.0 cannot carry most control characters, even as character references, and a byte
// that is not UTF-8 makes the document malformed: both are written as visible text ("\u0001",
// "\xFF"). Tab, newline and carriage return are kept (as references inside attributes, where a
// parser would otherwise normalize them to spaces).
std::string xml_escape(const std::string& s, bool attribute) {
  std::string out;
  char hex[8];
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\t':
          out += attribute ? "&#9;" : "\t";
          break;
        case '\n':
          out += attribute ? "&#10;" : "\n";
          break;
        case '\r':
          out += "&#13;";
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            std::snprintf(hex, sizeof hex, "\\u%04X", c);
            out += hex;
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // A well-formed UTF-8 sequence (no overlongs, surrogates or code points above U+10FFFF) is
    // copied; U+FFFE and U+FFFF are not XML characters either.
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool valid = length > 0 && c <= 0xF4 && i + length <= s.size();
    char32_t code = length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      valid = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    valid = valid && !(length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF) || code >= 0xFFFE)) &&
            !(length == 4 && (code < 0x10000 || code > 0x10FFFF));
    if (!valid) {
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
      ++i;
      continue;
    }
    out.append(s, i, length);
    i += length;
  }
  return out;
}

// ---- interruption ------------------------------------------------------------------------
namespace {

// Async-signal-safe registry: fixed slots, each with an atomic state; the handler reads it
// and calls only unlink, rmdir, signal and raise.
constexpr int registry_slots = 64;
constexpr std::size_t registry_path_bytes = 4096;
enum SlotState : int { slot_free = 0, slot_filling = 1, slot_file = 2, slot_directory = 3 };
struct Slot {
  std::atomic<int> state{slot_free};
  char path[registry_path_bytes];
};
Slot registry[registry_slots];
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the registry");

extern "C" void remove_temporaries_and_die(int signal_number) {
  for (int state : {slot_file, slot_directory})
    for (auto& slot : registry)
      if (slot.state.load(std::memory_order_acquire) == state) {
        if (state == slot_file) ::unlink(slot.path);
        else ::rmdir(slot.path);
      }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

}  // namespace

void install_interrupt_cleanup() {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_die;
    sigemptyset(&action.sa_mask);
    for (int blocked : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, blocked);
    action.sa_flags = SA_RESETHAND;
    ::sigaction(signal_number, &action, nullptr);
  }
}

RemovedOnInterrupt::RemovedOnInterrupt(const std::string& path, Kind kind) : slot_(-1) {
  if (path.size() >= registry_path_bytes) throw std::runtime_error("path too long for a temporary: " + path);
  for (int k = 0; k < registry_slots; ++k) {
    int expected = slot_free;
    if (registry[k].state.compare_exchange_strong(expected, slot_filling, std::memory_order_acq_rel)) {
      std::memcpy(registry[k].path, path.c_str(), path.size() + 1);
      registry[k].state.store(kind == Kind::file ? slot_file : slot_directory, std::memory_order_release);
      slot_ = k;
      return;
    }
  }
  throw std::runtime_error("more than " + std::to_string(registry_slots) + " temporaries at once");
}

RemovedOnInterrupt::~RemovedOnInterrupt() {
  if (slot_ >= 0) registry[slot_].state.store(slot_free, std::memory_order_release);
}

// ---- writing --------------------------------------------------------------------------------
namespace {

std::string directory_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// "DIR/NAME.PID-N.partial": unique to this process and call; registered for removal on
// interruption before it exists, so no moment leaves it unregistered.
struct Temporary {
  std::string path;
  std::unique_ptr<RemovedOnInterrupt> registration;
  int fd = -1;
};

Temporary create_temporary(const std::string& directory, const std::string& name) {
  static std::atomic<unsigned long> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    Temporary t;
    t.path = (std::filesystem::path(directory) /
              (name + "." + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".partial"))
                 .string();
    t.registration = std::make_unique<RemovedOnInterrupt>(t.path, RemovedOnInterrupt::Kind::file);
    t.fd = ::open(t.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (t.fd >= 0) return t;
    if (errno != EEXIST) throw std::runtime_error(std::strerror(errno));
  }
  throw std::runtime_error("no unused temporary name");
}

// Whether a file can be created in `directory`, found by creating (and removing) one.
bool can_create_in(const std::string& directory, std::string& why) {
  try {
    Temporary t = create_temporary(directory, ".mechcheck-write-test");
    ::close(t.fd);
    ::unlink(t.path.c_str());
    return true;
  } catch (const std::exception& e) {
    why = e.what();
    return false;
  }
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  // In a run across processes every rank holds the same records; the file is rank 0's to write.
  if (!ranks().primary()) return;
  const std::string directory = directory_of(path);
  Temporary t;
  try {
    t = create_temporary(directory, std::filesystem::path(path).filename().string());
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot write " + path + ": cannot create a file in '" + directory + "': " + e.what());
  }
  auto fail = [&](const std::string& what) {
    const std::string reason = std::strerror(errno);
    if (t.fd >= 0) ::close(t.fd);
    ::unlink(t.path.c_str());
    throw std::runtime_error("cannot write " + path + ": " + what + ": " + reason);
  };
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(t.fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("writing " + t.path);
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(t.fd) != 0) fail("writing " + t.path);
  const int fd = t.fd;
  t.fd = -1;
  if (::close(fd) != 0) fail("writing " + t.path);
  if (::rename(t.path.c_str(), path.c_str()) != 0) fail("renaming " + t.path);
}

// ---- checking outputs -----------------------------------------------------------------------
namespace {

struct Identity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  std::string canonical;
};

Identity identify(const std::string& path) {
  namespace fs = std::filesystem;
  Identity id;
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  const fs::path canonical = fs::weakly_canonical(absolute, ec);
  id.canonical = (ec ? absolute.lexically_normal() : canonical).string();
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    id.exists = true;
    id.device = st.st_dev;
    id.inode = st.st_ino;
  }
  return id;
}

bool same_file(const Identity& a, const Identity& b) {
  if (a.exists && b.exists) return a.device == b.device && a.inode == b.inode;
  return a.canonical == b.canonical;
}

std::string named(const PlannedOutput& o) { return "option " + o.option + " '" + o.path + "'"; }

// A file output's own rules (not its distinctness).
void file_output_problems(const PlannedOutput& o, std::vector<std::string>& problems) {
  struct stat st {};
  if (::stat(o.path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      problems.push_back(named(o) + ": is a directory; name a file");
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      problems.push_back(named(o) + ": is " + file_kind(st.st_mode) +
                         "; an output is written to a temporary file and renamed over its path, so name a regular "
                         "file or a new one");
      return;
    }
    if (::access(o.path.c_str(), W_OK) != 0) {
      problems.push_back(named(o) + ": is read-only; not replacing it");
      return;
    }
  } else if (errno != ENOENT && errno != ENOTDIR) {  // ENOTDIR: the directory check below says which
    problems.push_back(named(o) + ": cannot be written: " + std::strerror(errno));
    return;
  }
  if (o.in_planned_directory) return;
  const std::string directory = directory_of(o.path);
  if (::stat(directory.c_str(), &st) != 0) {
    problems.push_back(named(o) + ": directory '" + directory + "' does not exist");
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    problems.push_back(named(o) + ": '" + directory + "' is " + file_kind(st.st_mode) + ", not a directory");
    return;
  }
  std::string why;
  if (!can_create_in(directory, why))
    problems.push_back(named(o) + ": cannot create files in directory '" + directory + "': " + why);
}

void directory_output_problems(const PlannedOutput& o, std::vector<std::string>& problems) {
  namespace fs = std::filesystem;
  struct stat st {};
  if (::stat(o.path.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      problems.push_back(named(o) + ": is " + file_kind(st.st_mode) + ", not a directory");
      return;
    }
    std::string why;
    if (!can_create_in(o.path, why)) problems.push_back(named(o) + ": cannot create files in it: " + why);
    return;
  }
  if (errno != ENOENT && errno != ENOTDIR) {
    problems.push_back(named(o) + ": cannot be used: " + std::strerror(errno));
    return;
  }
  // It will be created: the nearest existing ancestor must be a writable directory.
  fs::path ancestor = fs::absolute(o.path).parent_path();
  int found;
  while ((found = ::stat(ancestor.c_str(), &st)) != 0 && (errno == ENOENT || errno == ENOTDIR) &&
         ancestor.has_relative_path())
    ancestor = ancestor.parent_path();
  if (found != 0) {
    problems.push_back(named(o) + ": cannot be created in '" + ancestor.string() + "': " + std::strerror(errno));
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    problems.push_back(named(o) + ": cannot be created: '" + ancestor.string() + "' is " + file_kind(st.st_mode) +
                       ", not a directory");
    return;
  }
  std::string why;
  if (!can_create_in(ancestor.string(), why))
    problems.push_back(named(o) + ": cannot be created in '" + ancestor.string() + "': " + why);
}

}  // namespace

std::vector<std::string> output_problems(const std::vector<PlannedOutput>& outputs,
                                         const std::vector<std::string>& inputs) {
  std::vector<std::string> problems;
  std::vector<Identity> ids;
  std::vector<bool> usable;  // no problem of its own: then its distinctness is checked
  for (const auto& o : outputs) {
    ids.push_back(identify(o.path));
    const std::size_t before = problems.size();
    if (o.path.empty())
      problems.push_back("option " + o.option + ": needs a " + (o.directory ? "directory" : "file") + " name");
    else if (o.directory) directory_output_problems(o, problems);
    else file_output_problems(o, problems);
    usable.push_back(problems.size() == before);
  }
  for (std::size_t a = 0; a < outputs.size(); ++a) {
    if (!usable[a]) continue;
    for (std::size_t b = a + 1; b < outputs.size(); ++b)
      if (usable[b] && same_file(ids[a], ids[b]))
        problems.push_back("options " + outputs[a].option + " '" + outputs[a].path + "' and " + outputs[b].option +
                           " '" + outputs[b].path + "': name the same file; one output would overwrite the other");
    for (const auto& input : inputs)
      if (same_file(ids[a], identify(input)))
        problems.push_back(named(outputs[a]) + ": is the case file '" + input +
                           "' that this run reads; writing there would overwrite it");
  }
  return problems;
}

Json values_json(const std::vector<Value>& values, int digits) {
  Json out = Json::object();
  for (const auto& v : values) out[machine_key(v.name)] = value_json(v, digits);
  return out;
}

Json report_envelope(const RunDescription& run) {
  Json o;
  o["schema"] = "mechcheck-report";
  o["schema_version"] = report_schema_version;
  o["tool"] = {{"name", "mechcheck"}, {"version", project_version()}, {"commit", tool_commit()}};
  Json libraries = Json::object();
  for (const auto& [name, version] : library_versions()) libraries[name] = version;
  o["libraries"] = libraries;
  o["command"] = run.command;
  o["command_line"] = run.command_line;
  o["date"] = utc_timestamp() + "Z";
  o["digits"] = run.digits;
  return o;
}

std::string json_text(const Json& report) {
  // A case file's path may hold bytes that are not UTF-8: they become U+FFFD, not an exception.
  return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string to_json_text(const std::vector<CheckRecord>& records, const RunDescription& run) {
  Json report = report_envelope(run);
  const auto met = std::count_if(records.begin(), records.end(), [](const CheckRecord& r) { return r.met(); });
  report["summary"] = {{"checks", records.size()}, {"met", met}, {"unmet", records.size() - std::size_t(met)}};
  Json results = Json::array();
  for (const auto& r : records) results.push_back(record_object(r, run.digits));
  report["results"] = results;
  return json_text(report);
}

void write_json(const std::string& path, const std::vector<CheckRecord>& records, const RunDescription& run) {
  write_file_atomically(path, to_json_text(records, run));
}

// JUnit XML that both common schemas accept (Ant's JUnit task's, the stricter, and Jenkins'; the
// test validates against tests/data/junit/junit.xsd): one <testsuite> per case file, in the order
// the files first appear, with the case file and the versions of mechcheck and its numeric
// libraries as <properties>; one <testcase> per check (classname the claim, name the case). An
// unmet record whose verdict is `error` (the check could not decide: an exception, a rejected
// re-check) is an <error>, counted in `errors`; any other unmet record is a <failure>, counted in
// `failures`. A met record (including an expected `error`) passes. Each check's verdict and summary
// are a line of its suite's <system-out>. Times are seconds in fixed-point notation (strict parsers
// reject 1e-05).
namespace {

std::string fixed_seconds(double seconds) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(6) << seconds;
  return out.str();
}

std::string host_name() {
  char name[256] = {0};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == 0) return "localhost";
  return name;
}

}  // namespace

std::string junit_text(const std::vector<CheckRecord>& records) {
  std::vector<std::string> files;
  for (const auto& r : records)
    if (std::find(files.begin(), files.end(), r.case_path) == files.end()) files.push_back(r.case_path);
  const std::string timestamp = utc_timestamp(), host = xml_escape(host_name(), true);
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (std::size_t f = 0; f < files.size(); ++f) {
    std::size_t tests = 0, failures = 0, errors = 0;
    double time = 0;
    std::string suite_name, lines;
    for (const auto& r : records) {
      if (r.case_path != files[f]) continue;
      ++tests;
      if (!r.met()) ++(r.outcome.verdict == Verdict::error ? errors : failures);
      time += r.seconds;
      suite_name = r.case_name;
      lines += r.claim + ": " + to_string(r.outcome.verdict) + " (" + to_string(r.outcome.arithmetic) +
               "): " + r.outcome.summary + "\n";
    }
    out << "  <testsuite package=\"mechcheck\" id=\"" << f << "\" name=\"" << xml_escape(suite_name, true)
        << "\" timestamp=\"" << timestamp << "\" hostname=\"" << host << "\" tests=\"" << tests << "\" failures=\""
        << failures << "\" errors=\"" << errors << "\" time=\"" << fixed_seconds(time) << "\">\n";
    out << "    <properties>\n      <property name=\"case_file\" value=\"" << xml_escape(files[f], true)
        << "\"/>\n      <property name=\"mechcheck_version\" value=\"" << xml_escape(tool_version(), true)
        << "\"/>\n      <property name=\"libraries\" value=\"" << xml_escape(library_versions_text(), true)
        << "\"/>\n    </properties>\n";
    for (const auto& r : records) {
      if (r.case_path != files[f]) continue;
      out << "    <testcase classname=\"" << xml_escape(r.claim, true) << "\" name=\"" << xml_escape(r.case_name, true)
          << "\" time=\"" << fixed_seconds(r.seconds) << "\"";
      if (r.met()) {
        out << "/>\n";
        continue;
      }
      const std::string expected = r.expected ? to_string(*r.expected) : "not error";
      const char* element = r.outcome.verdict == Verdict::error ? "error" : "failure";
      std::string message = "expected " + expected + ", got " + to_string(r.outcome.verdict), body = r.outcome.summary;
      if (r.verdict_met()) message = std::to_string(r.mismatches.size()) + " asserted value(s) not as reported";
      for (const auto& m : r.mismatches) body += "\n" + m.message();
      out << ">\n      <" << element << " message=\"" << xml_escape(message, true) << "\" type=\""
          << to_string(r.outcome.verdict) << "\">" << xml_escape(body) << "</" << element << ">\n    </testcase>\n";
    }
    out << "    <system-out>" << xml_escape(lines) << "</system-out>\n    <system-err/>\n  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

void write_junit(const std::string& path, const std::vector<CheckRecord>& records) {
  write_file_atomically(path, junit_text(records));
}

// The case column: the case's name, and the hypotheses dropped for the check when one of them
// failed (two expectations of one claim in a file differ by their drops).
std::string case_column(const CheckRecord& r) {
  std::string text = r.case_name;
  for (std::size_t k = 0; k < r.outcome.dropped.size(); ++k)
    text += (k == 0 ? " (drop " : ", ") + r.outcome.dropped[k] + (k + 1 == r.outcome.dropped.size() ? ")" : "");
  return text;
}

std::string value_line(const Value& v, int digits) {
  std::string decimal;
  try {
    decimal = decimal_text(v, digits);
  } catch (const std::exception&) {}
  if (v.kind == "rational") return decimal.empty() || decimal == v.text ? v.text : v.text + " = " + decimal;
  if (v.kind == "algebraic") return decimal + " (root of " + v.polynomial + " in " + v.interval + ")";
  if (v.kind == "interval")
    return decimal.empty() ? v.interval + " (certified enclosure)"
                           : decimal + " (certified; enclosure " + v.interval + ")";
  if (v.kind == "decimal") return v.text + " (numeric, not certified)";
  return v.text;
}

void print_table(std::ostream& out, const std::vector<CheckRecord>& records, bool verbose, int digits) {
  std::size_t claim_w = 5, case_w = 4;
  for (const auto& r : records) {
    claim_w = std::max(claim_w, r.claim.size());
    case_w = std::max(case_w, case_column(r).size());
  }
  out << std::left << std::setw(int(claim_w) + 2) << "claim" << std::setw(int(case_w) + 2) << "case" << std::setw(18)
      << "verdict" << std::setw(11) << "arithmetic" << std::setw(18) << "expected"
      << "result\n";
  for (const auto& r : records) {
    out << std::left << std::setw(int(claim_w) + 2) << r.claim << std::setw(int(case_w) + 2) << case_column(r)
        << std::setw(18) << to_string(r.outcome.verdict) << std::setw(11) << to_string(r.outcome.arithmetic)
        << std::setw(18) << (r.expected ? to_string(*r.expected) : "-") << (r.met() ? "ok" : "MISMATCH") << "\n";
    for (const auto& m : r.mismatches) out << "    " << m.message() << "\n";
    if (verbose || !r.met()) {
      out << "    " << r.outcome.summary << "\n";
      for (const auto& w : r.outcome.witness) out << "    witness " << w.name << " = " << value_line(w, digits) << "\n";
      if (r.outcome.recheck.status != RecheckNote::Status::not_applicable)
        out << "    re-check " << to_string(r.outcome.recheck.status)
            << (r.outcome.recheck.method.empty() ? "" : ": " + r.outcome.recheck.method)
            << (r.outcome.recheck.detail.empty() ? "" : " (" + r.outcome.recheck.detail + ")") << "\n";
      if (verbose)
        for (const auto& v : r.outcome.values) out << "    " << v.name << " = " << value_line(v, digits) << "\n";
    }
  }
}

}  // namespace mechcheck
