#pragma once
// Shared by the suites that run the `mechcheck` program (MECHCHECK_CLI) as a separate process:
// a scratch directory per test, the program run with its stdout and stderr captured, and files
// read back. Header-only.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mechcheck::testing {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One word for sh: single-quoted, a quote inside written '\''.
inline std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct CliResult {
  int status = -1;
  std::string out, err;
};

// Runs `mechcheck ARGUMENTS` (ARGUMENTS already quoted for sh), stdin from /dev/null, stdout and
// stderr captured in files under `capture_dir`. A run longer than `timeout_seconds` is killed
// (status 124), so a hang fails its test instead of stalling the suite.
inline CliResult run_mechcheck(const std::string& arguments, const std::filesystem::path& capture_dir,
                               int timeout_seconds = 600) {
  const std::string out = (capture_dir / "stdout.txt").string(), err = (capture_dir / "stderr.txt").string();
  const std::string command = "timeout " + std::to_string(timeout_seconds) + " " + shell_quoted(MECHCHECK_CLI) + " " +
                              arguments + " >" + shell_quoted(out) + " 2>" + shell_quoted(err) + " </dev/null";
  const int raw = std::system(command.c_str());
  CliResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  BOOST_TEST_MESSAGE("$ mechcheck " << arguments << "\n-> " << r.status << "\n" << r.out << r.err);
  return r;
}

// A new, empty directory under the temporary directory, named PREFIX-PID-N, removed with
// everything in it when the test ends.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& prefix) : dir(unique_path(prefix)) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  std::string path(const std::string& name) const { return (dir / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return path(name);
  }
  // `mechcheck ARGUMENTS`, its output captured in this directory.
  CliResult run(const std::string& arguments) const { return run_mechcheck(arguments, dir); }

  const std::filesystem::path dir;

 private:
  static std::filesystem::path unique_path(const std::string& prefix) {
    static std::atomic<int> counter{0};
    return std::filesystem::temp_directory_path() /
           (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  }
};

}  // namespace mechcheck::testing
