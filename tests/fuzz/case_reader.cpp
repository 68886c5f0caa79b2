// Fuzz target: the case reader (load_case) on arbitrary bytes.
//
// The bytes are written to a file and read back with load_case, as the CLI does. Every outcome is
// either a Case or an InputError whose message starts with the file's name (so the user is told
// where the problem is). Anything else is a finding: a crash, a hang, a leak, undefined behaviour
// (the build aborts on it), or any other exception escaping the reader.
#include "mechcheck/cases/case.hpp"
#include "support/models.hpp"
#include "mechcheck/cases/input_error.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

// One file per process (libFuzzer's -fork and -jobs run several), removed at exit.
class ScratchFile {
 public:
  ScratchFile()
      : path_((std::filesystem::temp_directory_path() / ("mechcheck-fuzz-case-" + std::to_string(::getpid()) + ".toml"))
                  .string()) {}
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::string& write(const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) finding("cannot write the scratch file " + path_);
    return path_;
  }

  [[noreturn]] static void finding(const std::string& what) {
    std::fprintf(stderr, "case_reader finding: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
  }

 private:
  std::string path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ScratchFile scratch;
  const std::string& path = scratch.write(data, size);
  try {
    mechcheck::Case loaded = mechcheck::testing::load_model_case(path);
    if (!loaded.data) ScratchFile::finding("a case was loaded without its model's data");
    if (loaded.path != path) ScratchFile::finding("the case forgot its file name");
  } catch (const mechcheck::InputError& e) {
    // Expected for almost every input; it must say which file is wrong.
    const std::string message = e.what();
    if (message.rfind(path, 0) != 0)
      ScratchFile::finding("an InputError that does not start with the file's name: " + message);
  } catch (const std::exception& e) {
    ScratchFile::finding(std::string("an exception other than InputError escaped load_case: ") + e.what());
  } catch (...) {
    ScratchFile::finding("a non-standard exception escaped load_case");
  }
  return 0;
}
