#pragma once
// Planning a run of claims on cases, before anything runs: the case files of the arguments, loaded
// with their [[expect]] entries validated; the (claim, case) jobs; each claim's preconditions on
// its cases; the hypotheses a run drops. Every function collects its input errors into an
// ErrorList (file:line:col or the argument, and the rule), so one run reports all of them.
#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/papers/paper.hpp"
#include "mechcheck/run/runner.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mechcheck {

std::vector<std::string> hypothesis_names(const Claim& claim);
// The claim with this id; InputError "WHERE: unknown claim 'ID' (known: ...)" otherwise.
const Claim& find_claim(const Papers& papers, const std::string& id, const std::string& where);

// Case files, and directories of them for convenience (a directory without case files is an
// error, not an empty run); a path that is neither is left for load_cases to report.
std::vector<std::string> case_files_of(const std::vector<std::string>& paths, ErrorList& errors);
// Loads every file with the papers' models and validates its [[expect]] entries (a known claim
// of the case's model, at most one per claim); returns the cases that loaded.
std::vector<Case> load_cases(const Papers& papers, const std::vector<std::string>& files, ErrorList& errors);

// `check CLAIM`: one job per expectation of the claim in each case (with its dropped hypotheses),
// or one job without an expectation; a case of another model is an error.
std::vector<CheckJob> check_jobs(const Claim& claim, const std::vector<Case>& cases, ErrorList& errors);
// `suite`: one job per expectation of every case; `notes` gets a line for each case without any.
std::vector<CheckJob> suite_jobs(const Papers& papers, const std::vector<Case>& cases, ErrorList& errors,
                                 std::vector<std::string>& notes);
// The command line's --drop and --expect applied to planned jobs. An [[expect]] entry states the
// verdict of its claim with its own drops: a run that drops more (a --drop name the entry does not
// drop) checks another statement, so the entry's verdict and values are not compared there (the
// verdict is reported; `notes` says which entries were set aside, and why). Jobs that become
// the same run are kept once. `expect` (--expect VERDICT), when given, is every job's expectation.
void apply_command_line(std::vector<CheckJob>& jobs, const std::vector<std::string>& dropped,
                        std::optional<Verdict> expect, std::vector<std::string>& notes);
// Each claim's own preconditions on its case (Claim::validate), once per (claim, case).
void validate_preconditions(const std::vector<CheckJob>& jobs, ErrorList& errors);
// Each --drop NAME must be a hypothesis declared by some claim being run.
void validate_dropped(const std::vector<std::string>& dropped, const std::vector<const Claim*>& claims);

}  // namespace mechcheck
