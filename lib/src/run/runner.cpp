#include "mechcheck/run/runner.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace mechcheck {
namespace {

// Progress lines on stderr, only when stderr is a terminal (quiet in CI and pipes).
class ProgressLine {
 public:
  ProgressLine(bool wanted, std::size_t total) : enabled_(wanted && isatty(2)), total_(total) {}
  void update(std::size_t done, const std::string& label, double fraction) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %s %3.0f%%", done, total_, label.c_str(), 100 * fraction);
    std::fflush(stderr);
  }
  void note(const std::string& label, const std::string& line) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "\r\033[K%s: %s\n", label.c_str(), line.c_str());
    std::fflush(stderr);
  }
  ~ProgressLine() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  std::size_t total_;
  std::mutex mutex_;
};

}  // namespace

std::vector<CheckRecord> run_checks(const std::vector<CheckJob>& jobs, const RunOptions& options) {
  std::vector<CheckRecord> records(jobs.size());
  ProgressLine progress(options.progress, jobs.size());
  std::atomic<std::size_t> done{0};
  auto run_one = [&](std::size_t i) {
    const CheckJob& job = jobs[i];
    CheckContext context;
    context.dropped_hypotheses = options.dropped_hypotheses;
    context.dropped_hypotheses.insert(job.dropped.begin(), job.dropped.end());
    context.enumeration_limit = options.enumeration_limit;
    std::string label = job.claim->info().id + " " + job.c->name;
    context.progress = [&, label](double f) { progress.update(done.load(), label, f); };
    context.announce = [&, label](const std::string& line) { progress.note(label, line); };
    auto start = std::chrono::steady_clock::now();
    CheckRecord& r = records[i];
    r.claim = job.claim->info().id;
    r.case_name = job.c->name;
    r.case_path = job.c->path;
    r.expected = job.expected;
    r.outcome = run_claim(*job.claim, *job.c, context);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.update(++done, label, 1.0);
  };
  unsigned threads = options.threads == 0 ? 1 : options.threads;
  if (threads == 1) {
    for (std::size_t i = 0; i < jobs.size(); ++i) run_one(i);
  } else {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    tbb::parallel_for(std::size_t(0), jobs.size(), run_one);
  }
  return records;
}

}  // namespace mechcheck
