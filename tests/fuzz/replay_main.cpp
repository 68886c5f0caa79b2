// Runs a fuzz target's LLVMFuzzerTestOneInput once on each file given (directories are walked
// recursively; hidden files such as .keep are skipped), without libFuzzer: the seeds and past findings become an ordinary test that any
// compiler builds. A finding aborts, as under libFuzzer; so does an input that takes more than
// 10 s (libFuzzer's -timeout in scripts/fuzz.sh: a hang). Prints how many inputs ran and the slowest.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr double time_limit_seconds = 10;
double slowest_seconds = 0;
std::string slowest_input;

void replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly `size` bytes, so that reading past the input is an ASan report as under libFuzzer.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  const auto start = std::chrono::steady_clock::now();
  LLVMFuzzerTestOneInput(input.data(), input.size());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (seconds > slowest_seconds) slowest_seconds = seconds, slowest_input = file.string();
  if (seconds > time_limit_seconds) {
    std::fprintf(stderr, "replay: %s took %.1f s, above the limit of %.0f s (a hang)\n", file.c_str(), seconds,
                 time_limit_seconds);
    std::abort();
  }
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const fs::path root = argv[i];
    if (fs::is_directory(root)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) replay(file), ++count;
    } else if (fs::is_regular_file(root)) {
      replay(root), ++count;
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
      return 2;
    }
  }
  std::printf("replayed %zu inputs; the slowest took %.2f s (%s)\n", count, slowest_seconds, slowest_input.c_str());
  return count == 0 ? 1 : 0;
}
