#include "mechcheck/run/runner.hpp"

#include "mechcheck/run/ranks.hpp"

#include <nlohmann/json.hpp>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace mechcheck {
namespace {

// Progress on stderr (unless the run is quiet). On a terminal: one line rewritten in place, with
// the elapsed time and an estimate of the time left (from the checks finished so far). Elsewhere
// (CI logs, pipes): one line per finished check, with its verdict and time, so a log shows what
// ran; the order of these lines follows the threads, the results do not.
class ProgressLine {
 public:
  ProgressLine(bool wanted, std::size_t total)
      : terminal_(wanted && isatty(2)),
        log_(wanted && !isatty(2)),
        total_(total),
        start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, const std::string& label, double fraction) {
    if (!terminal_) return;
    std::lock_guard lock(mutex_);
    const double elapsed = seconds_since_start();
    std::string left;
    if (done > 0 && done < total_)
      left = ", about " + whole_seconds(elapsed / static_cast<double>(done) * static_cast<double>(total_ - done)) +
             " left";
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %s %3.0f%% (%s elapsed%s)", done, total_, label.c_str(), 100 * fraction,
                 whole_seconds(elapsed).c_str(), left.c_str());
    std::fflush(stderr);
  }
  void finished(std::size_t done, const std::string& label, const Outcome& outcome, double seconds) {
    if (terminal_) return update(done, label, 1.0);
    if (!log_) return;
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "[%zu/%zu] %s: %s (%.2f s)\n", done, total_, label.c_str(), to_string(outcome.verdict),
                 seconds);
    std::fflush(stderr);
  }
  void note(const std::string& label, const std::string& line) {
    if (!terminal_) return;
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "\r\033[K%s: %s\n", label.c_str(), line.c_str());
    std::fflush(stderr);
  }
  ~ProgressLine() {
    if (terminal_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  double seconds_since_start() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  static std::string whole_seconds(double s) {
    const long long t = static_cast<long long>(s + 0.5);
    return t < 60 ? std::to_string(t) + " s" : std::to_string(t / 60) + " min " + std::to_string(t % 60) + " s";
  }

  bool terminal_, log_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
};

// A record's outcome as sent between ranks: every field, enums as their numbers (every rank runs
// the same build), so the gathered record equals the one the rank computed.
nlohmann::json values_to_json(const std::vector<Value>& values) {
  auto out = nlohmann::json::array();
  for (const auto& v : values) out.push_back({v.name, v.text, v.polynomial, v.interval, v.kind});
  return out;
}

std::vector<Value> values_from_json(const nlohmann::json& j) {
  std::vector<Value> values;
  for (const auto& v : j) values.push_back(Value{v[0], v[1], v[2], v[3], v[4]});
  return values;
}

std::string serialize(std::size_t index, const CheckRecord& r) {
  const Outcome& o = r.outcome;
  nlohmann::json j = {{"index", index},
                      {"seconds", r.seconds},
                      {"verdict", static_cast<int>(o.verdict)},
                      {"arithmetic", static_cast<int>(o.arithmetic)},
                      {"summary", o.summary},
                      {"witness", values_to_json(o.witness)},
                      {"values", values_to_json(o.values)},
                      {"stats", values_to_json(o.stats)},
                      {"unmet", o.unmet},
                      {"dropped", o.dropped},
                      {"recheck", {static_cast<int>(o.recheck.status), o.recheck.method, o.recheck.detail}},
                      {"bad_input", o.bad_input}};
  return j.dump();
}

// Fills the outcome and time of records[index] from a serialized record; the job's own fields
// (claim, case, expectation) are the same on every rank.
void deserialize_into(const std::string& text, std::vector<CheckRecord>& records) {
  const auto j = nlohmann::json::parse(text);
  CheckRecord& r = records.at(j.at("index").get<std::size_t>());
  r.seconds = j.at("seconds");
  Outcome& o = r.outcome;
  o.verdict = static_cast<Verdict>(j.at("verdict").get<int>());
  o.arithmetic = static_cast<Arithmetic>(j.at("arithmetic").get<int>());
  o.summary = j.at("summary");
  o.witness = values_from_json(j.at("witness"));
  o.values = values_from_json(j.at("values"));
  o.stats = values_from_json(j.at("stats"));
  o.unmet = j.at("unmet").get<std::vector<std::string>>();
  o.dropped = j.at("dropped").get<std::vector<std::string>>();
  const auto& recheck = j.at("recheck");
  o.recheck = RecheckNote{static_cast<RecheckNote::Status>(recheck[0].get<int>()), recheck[1], recheck[2]};
  o.bad_input = j.at("bad_input");
}

// The asserted values of each job's [[expect]] against its record, once every record is in (on
// every rank, from the gathered records, so all ranks agree).
void compare_values(const std::vector<CheckJob>& jobs, std::vector<CheckRecord>& records) {
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (jobs[i].expectation && !jobs[i].expectation->values.empty())
      records[i].mismatches = compare_expected_values(jobs[i].c->path, jobs[i].expectation->values, records[i].outcome);
}

// All ranks as the team of one check.
Team team_of_all_ranks() {
  Team team;
  team.member = ranks().rank;
  team.size = ranks().size;
  team.all_gather = [](const std::string& mine) {
    std::vector<std::string> all;
    for (auto& from_rank : gather_to_all_ranks({mine})) all.push_back(from_rank.at(0));
    return all;
  };
  return team;
}

}  // namespace

std::vector<CheckRecord> run_checks(const std::vector<CheckJob>& jobs, const RunOptions& options) {
  std::vector<CheckRecord> records(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {  // what each record is of, on every rank
    records[i].claim = jobs[i].claim->info().id;
    records[i].case_name = jobs[i].c->name;
    records[i].case_path = jobs[i].c->path;
    records[i].expected = jobs[i].expected;
  }
  ProgressLine progress(options.progress, jobs.size());
  std::atomic<std::size_t> done{0};
  auto run_one = [&](std::size_t i, const Team& team) {
    const CheckJob& job = jobs[i];
    CheckContext context;
    context.team = team;
    context.dropped_hypotheses = options.dropped_hypotheses;
    context.dropped_hypotheses.insert(job.dropped.begin(), job.dropped.end());
    context.enumeration_limit = options.enumeration_limit;
    if (options.timeout_seconds > 0)
      context.deadline =
          std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                 std::chrono::duration<double>(options.timeout_seconds));
    std::string label = job.claim->info().id + " " + job.c->name;
    context.progress = [&, label](double f) { progress.update(done.load(), label, f); };
    context.announce = [&, label](const std::string& line) { progress.note(label, line); };
    auto start = std::chrono::steady_clock::now();
    CheckRecord& r = records[i];
    r.outcome = run_claim(*job.claim, *job.c, context);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.finished(++done, label, r.outcome, r.seconds);
  };
  const Ranks& rank = ranks();
  // One check across ranks (an MPI run of a single check): every rank runs it, on the main thread
  // (the only one that calls MPI), as one team among which the check may split its enumerations
  // (claims/team.hpp); every rank ends with the same record.
  if (rank.size > 1 && jobs.size() == 1) {
    const unsigned threads = options.threads == 0 ? 1 : options.threads;
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    run_one(0, team_of_all_ranks());
    compare_values(jobs, records);
    return records;
  }
  // Across ranks (an MPI run), rank r runs the jobs i with i mod size = r: a share fixed by the job
  // list alone, so the records, gathered below, are the same for any number of ranks.
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(rank.size)) == rank.rank) mine.push_back(i);
  // `threads` caps every thread of the run, the checks' own parallel loops included: on a busy
  // machine --threads 1 takes one core, whatever the checks do inside.
  const unsigned threads = options.threads == 0 ? 1 : options.threads;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  if (threads == 1) {
    for (std::size_t i : mine) run_one(i, Team{});
  } else {
    tbb::parallel_for(std::size_t(0), mine.size(), [&](std::size_t k) { run_one(mine[k], Team{}); });
  }
  if (rank.size > 1) {
    std::vector<std::string> sent;
    for (std::size_t i : mine) sent.push_back(serialize(i, records[i]));
    for (const auto& from_rank : gather_to_all_ranks(sent))
      for (const auto& text : from_rank) deserialize_into(text, records);
  }
  compare_values(jobs, records);
  return records;
}

}  // namespace mechcheck
