// Planning a run: case files found and loaded with their expectations validated, the
// (claim, case) jobs listed, every precondition checked, all before anything runs.
#include "mechcheck/papers/plan.hpp"

#include <algorithm>
#include <tuple>
#include <filesystem>
#include <map>
#include <set>

namespace mechcheck {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::vector<std::string> hypothesis_names(const Claim& claim) {
  std::vector<std::string> names;
  for (const auto& h : claim.info().hypotheses) names.push_back(h.name);
  return names;
}

const Claim& find_claim(const Papers& papers, const std::string& id, const std::string& where) {
  if (const Claim* claim = papers.find(id)) return *claim;
  std::vector<std::string> ids;
  for (const Claim* claim : papers.all()) ids.push_back(claim->info().id);
  throw InputError(where + ": unknown claim '" + id + "' (known: " + join(ids) + "; `mechcheck list` describes them)");
}

namespace {

std::string position(const Case& c, const Expectation& e) {
  return c.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column);
}

// Every [[expect]] names a known claim of the case's model. A claim may have several, each with
// other dropped hypotheses (the plain verdict and a `drop` verdict in one file); two with the same
// drops would expect two verdicts of one run.
void validate_expectations(const Papers& papers, const Case& c) {
  std::map<std::pair<std::string, std::set<std::string>>, const Expectation*> seen;
  for (const auto& e : c.expectations) {
    const Claim* claim = &find_claim(papers, e.claim, position(c, e));
    if (claim->info().model != c.model)
      throw InputError(position(c, e) + ": claim '" + e.claim + "' reads cases of model '" + claim->info().model +
                       "', but this case's model is '" + c.model + "'");
    const std::set<std::string> drops(e.dropped.begin(), e.dropped.end());
    auto [first, inserted] = seen.emplace(std::make_pair(e.claim, drops), &e);
    if (!inserted)
      throw InputError(position(c, e) + ": a second [[expect]] for claim '" + e.claim + "' with " +
                       (drops.empty() ? std::string("no hypothesis dropped") : "the same dropped hypotheses") +
                       " (the first is at line " + std::to_string(first->second->line) + ")");
  }
}

}  // namespace

std::vector<Case> load_cases(const Papers& papers, const std::vector<std::string>& files, ErrorList& errors) {
  std::vector<Case> cases;
  for (const auto& file : files)
    errors.collect([&] {
      Case c = papers.load_case(file);
      validate_expectations(papers, c);
      cases.push_back(std::move(c));
    });
  return cases;
}

std::vector<std::string> case_files_of(const std::vector<std::string>& paths, ErrorList& errors) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      errors.collect([&] {
        const auto found = find_case_files({path});
        if (found.empty()) throw InputError("argument CASE '" + path + "': a directory without case files (*.toml)");
        files.insert(files.end(), found.begin(), found.end());
      });
    } else {
      files.push_back(path);  // load_case says what is wrong with it, if anything
    }
  }
  return files;
}

namespace {

// An expectation's `drop` names must be hypotheses its claim declares.
void validate_expectation_drops(const Claim& claim, const Case& c, const Expectation& e) {
  const auto declared = hypothesis_names(claim);
  for (const auto& name : e.dropped)
    if (std::find(declared.begin(), declared.end(), name) == declared.end())
      throw InputError(c.path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) +
                       ": [[expect]] drop: " + claim.info().id + " declares no hypothesis named '" + name +
                       "' (declared: " + (declared.empty() ? "none" : join(declared)) + ")");
}

}  // namespace

void validate_preconditions(const std::vector<CheckJob>& jobs, ErrorList& errors) {
  std::set<std::pair<const Claim*, const Case*>> seen;
  for (const auto& job : jobs) {
    if (!job.claim || !seen.insert({job.claim, job.c}).second) continue;
    try {
      job.claim->validate(*job.c);
    } catch (const InputError& e) {
      errors.add(std::string(e.what()) + " (needed by " + job.claim->info().id + ")");
    }
  }
}

std::vector<CheckJob> check_jobs(const Claim& claim, const std::vector<Case>& cases, ErrorList& errors) {
  std::vector<CheckJob> jobs;
  for (const Case& c : cases) {
    if (claim.info().model != c.model) {
      errors.add(c.path + ": claim '" + claim.info().id + "' reads cases of model '" + claim.info().model +
                 "', but this case's model is '" + c.model + "'");
      continue;
    }
    // One job per expectation of this claim (each with its own dropped hypotheses), or one
    // job without an expectation.
    bool any = false;
    for (const auto& e : c.expectations) {
      if (e.claim != claim.info().id) continue;
      errors.collect([&] { validate_expectation_drops(claim, c, e); });
      jobs.push_back({&claim, &c, e.verdict, e.dropped, &e});
      any = true;
    }
    if (!any) jobs.push_back({&claim, &c, std::nullopt, {}});
  }
  return jobs;
}

std::vector<CheckJob> suite_jobs(const Papers& papers, const std::vector<Case>& cases, ErrorList& errors,
                                 std::vector<std::string>& notes) {
  std::vector<CheckJob> jobs;
  for (const Case& c : cases) {
    if (c.expectations.empty()) notes.push_back(c.path + " has no [[expect]] entry; nothing to check there");
    for (const auto& e : c.expectations) {
      const Claim* claim = papers.find(e.claim);
      if (!claim) continue;  // reported by validate_expectations
      errors.collect([&] { validate_expectation_drops(*claim, c, e); });
      jobs.push_back({claim, &c, e.verdict, e.dropped, &e});
    }
  }
  return jobs;
}

void apply_command_line(std::vector<CheckJob>& jobs, const std::vector<std::string>& dropped,
                        std::optional<Verdict> expect, std::vector<std::string>& notes) {
  auto covers = [&](const CheckJob& job) {
    return std::all_of(dropped.begin(), dropped.end(), [&](const auto& d) {
      return std::find(job.dropped.begin(), job.dropped.end(), d) != job.dropped.end();
    });
  };
  // Jobs whose entry already drops every --drop name are kept first (with their expectations), so
  // that a job set aside never takes the place of one that states the very same run.
  std::vector<std::pair<std::size_t, CheckJob>> kept;
  std::set<std::tuple<const Claim*, const Case*, std::set<std::string>>> runs;
  for (const bool first_pass : {true, false})
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      CheckJob job = jobs[i];
      if (covers(job) != first_pass) continue;
      std::set<std::string> drops(job.dropped.begin(), job.dropped.end());
      drops.insert(dropped.begin(), dropped.end());
      if (!runs.insert({job.claim, job.c, drops}).second) continue;  // the same run as a job kept already
      if (!first_pass && job.expectation) {
        notes.push_back(
            job.c->path + ":" + std::to_string(job.expectation->line) + ": the [[expect]] of " + job.claim->info().id +
            " states its verdict " +
            (job.dropped.empty() ? std::string("with every hypothesis") : "with " + join(job.dropped) + " dropped") +
            "; --drop " + join(dropped) + " checks another statement, so the verdict is reported, not compared" +
            (expect ? " (compared with --expect instead)" : " (--expect VERDICT compares it)"));
        job.expected.reset();
        job.expectation = nullptr;
      }
      if (expect) job.expected = expect;
      kept.emplace_back(i, job);
    }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  jobs.clear();
  for (auto& [index, job] : kept) jobs.push_back(std::move(job));
}

void validate_dropped(const std::vector<std::string>& dropped, const std::vector<const Claim*>& claims) {
  std::set<std::string> claim_ids, declared;
  for (const Claim* claim : claims) {
    claim_ids.insert(claim->info().id);
    for (const auto& name : hypothesis_names(*claim)) declared.insert(name);
  }
  for (const auto& name : dropped) {
    if (declared.count(name)) continue;
    throw InputError("option --drop: no claim being run (" + join({claim_ids.begin(), claim_ids.end()}) +
                     ") declares a hypothesis named '" + name +
                     "' (declared: " + (declared.empty() ? "none" : join({declared.begin(), declared.end()})) + ")");
  }
}

}  // namespace mechcheck
