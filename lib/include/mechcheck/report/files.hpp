#pragma once
// Writing output files safely: atomically, never onto an input or onto another output, never
// half-written when the run is interrupted.
#include <string>
#include <vector>

namespace mechcheck {

// Writes `text` to `path` through a temporary file in the same directory and a rename, so a
// failed or interrupted run leaves nothing half-written: `path` holds either its old content
// or the new one. The temporary's name is unique to this process and this call (created with
// O_EXCL), so concurrent runs writing the same path never share one; the last rename wins.
void write_file_atomically(const std::string& path, const std::string& text);

// ---- interruption -------------------------------------------------------------------------

// From now on SIGINT, SIGTERM and SIGHUP first remove every temporary registered below (files
// first, then directories, which must be empty by then), then end the process by the same
// signal as before. Call once, early in main.
void install_interrupt_cleanup();

// Registers a temporary file or directory for removal on interruption while this object
// lives (it does not remove anything itself). A directory is removed only when empty.
class RemovedOnInterrupt {
 public:
  enum class Kind { file, directory };
  RemovedOnInterrupt(const std::string& path, Kind kind);
  ~RemovedOnInterrupt();
  RemovedOnInterrupt(const RemovedOnInterrupt&) = delete;
  RemovedOnInterrupt& operator=(const RemovedOnInterrupt&) = delete;

 private:
  int slot_;
};

// ---- checking outputs before any work -----------------------------------------------------

// An output named on the command line.
struct PlannedOutput {
  std::string option;  // "--json", "--out", ... (named in messages)
  std::string path;
  // A directory that files are written into; created (with its parents) when missing.
  bool directory = false;
  // A file inside an output directory, which may not exist yet: its directory is not checked
  // here (the directory's own PlannedOutput is), only its distinctness.
  bool in_planned_directory = false;
};

// Every reason the outputs cannot be written as planned, one message each, naming the option
// and the rule: a file output must be a regular file or a new one in an existing, writable
// directory, and not read-only; a directory output must be (or be creatable as) a writable
// directory; no two outputs may be the same file, and no output may be one of `inputs` (the
// case files the run reads). Paths are compared canonically (`a`, `./a`, `d/../a`, symbolic
// links) and, for existing files, by device and inode (hard links).
std::vector<std::string> output_problems(const std::vector<PlannedOutput>& outputs,
                                         const std::vector<std::string>& inputs);

}  // namespace mechcheck
