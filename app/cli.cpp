// The `mechcheck` command line (README, "Using it"), on the papers it is given (mechcheck_main):
//   mechcheck list | explain CLAIM | check CLAIM CASE... | suite [DIR...] | figure [ID CASE --out DIR]
//           | export [ID CASE --out FILE [--set NAME=VALUE]...]
//           | probe CLAIM [--drop H]... [--set NAME=VALUE]... [--seed N] [--budget S] [--out DIR] [--report]
//           | findings [--json | --markdown]
// Exit status: 0 when every verdict meets its expectation, 1 when one does not, 2 on bad
// input or usage. Every case file, option and output is validated before anything runs (all
// errors reported together), and the --json / --junit reports are written only after the run.
#include "mechcheck/cli/main.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mechcheck/cases/arguments.hpp"
#include "mechcheck/cases/case.hpp"
#include "mechcheck/number/numeric_state.hpp"
#include "mechcheck/papers/html_report.hpp"
#include "mechcheck/papers/plan.hpp"
#include "mechcheck/run/ranks.hpp"
#include "mechcheck/run/runner.hpp"
#include "mechcheck/probe/probe.hpp"
#include "mechcheck/report/files.hpp"
#include "mechcheck/report/build_info.hpp"

#include <nlohmann/json.hpp>

#include "mechcheck/report/report.hpp"

namespace {

// The name in `names` nearest to `typed` by edit distance (insertions, deletions, substitutions
// and swaps of neighbours), if it is at most 2 edits away and nearer than any other; else "".
std::string closest_name(const std::string& typed, const std::vector<std::string>& names) {
  const auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
      for (std::size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[a.size()][b.size()];
  };
  std::string best;
  std::size_t best_distance = 3;
  bool tie = false;
  for (const std::string& name : names) {
    const std::size_t k = distance(typed, name);
    if (k < best_distance) best = name, best_distance = k, tie = false;
    else if (k == best_distance) tie = true;
  }
  return tie ? "" : best;
}

using namespace mechcheck;
namespace fs = std::filesystem;

// The papers the command line runs on: those given to mechcheck_main, for the duration of the call.
const Papers* given_papers = nullptr;
const Papers& papers() { return *given_papers; }

constexpr int exit_all_met = 0;
constexpr int exit_some_unmet = 1;
constexpr int exit_bad_input = 2;

// Numbers on the command line are read as text and checked here: "-1" must not become 2^64 - 1,
// nor "1e30" a clamped or wrapped value.
constexpr unsigned long long max_threads = 1024;
constexpr unsigned long long max_enumeration_limit = 1'000'000'000'000'000'000ull;  // 10^18
constexpr unsigned long long max_digits = 1000;
constexpr unsigned long long max_timeout = 31'536'000;                  // a year, in seconds
constexpr unsigned long long max_seed = 18'446'744'073'709'551'615ull;  // 2^64 - 1

// Options shared by `check` and `suite`.
struct RunSettings {
  std::string json_path;
  std::string junit_path;
  std::string html_directory;
  std::string threads = std::to_string(std::max(1u, std::thread::hardware_concurrency()));
  std::string limit = std::to_string(RunOptions{}.enumeration_limit);
  std::vector<std::string> dropped;
  std::string digits = "20";
  std::string timeout;  // seconds per check; empty: none
  std::string expect;   // check --expect VERDICT
  bool verbose = false;
  bool quiet = false;
};

// Options of `export`.
struct ExportSettings {
  std::string out_file;
  std::vector<std::string> set;  // NAME=VALUE
};

// Options of `probe`.
struct ProbeSettings {
  std::vector<std::string> dropped;
  std::vector<std::string> set;  // NAME=VALUE
  std::string seed = "1";
  std::string budget = "60";
  std::string out_directory;
  std::string json_path;
  bool report = false;
  std::string limit = std::to_string(RunOptions{}.enumeration_limit);
};

// Options of `findings`.
struct FindingsOptions {
  bool json = false;
  bool markdown = false;
};

struct CommandLine {
  bool hypotheses = false;         // list --hypotheses
  bool markdown = false;           // list --hypotheses --markdown
  bool json = false;               // list --json
  std::string claim;               // explain, check; figure and export: the figure's or export's id
  std::string out_directory;       // figure
  std::vector<std::string> paths;  // check: case files; suite: directories; figure, export: the case
  RunSettings run;
  ExportSettings exporting;
  ProbeSettings probe;
  std::vector<std::string> arguments;  // the command line as given, for reports
  FindingsOptions findings;
};

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// `where` names the place the id came from: "argument CLAIM" or "FILE:LINE:COLUMN".
const Claim& find_claim(const std::string& id, const std::string& where) {
  return mechcheck::find_claim(papers(), id, where);
}

// ---- list and explain --------------------------------------------------------------

// One row per named hypothesis: how it is shown to matter (a counterexample case, or why none exists).
int list_hypotheses() {
  std::size_t id_width = 5, name_width = 10;
  for (const Claim* c : papers().all())
    for (const auto& h : c->info().hypotheses) {
      id_width = std::max(id_width, c->info().id.size());
      name_width = std::max(name_width, h.name.size());
    }
  std::cout << std::left << std::setw(int(id_width) + 2) << "claim" << std::setw(int(name_width) + 2) << "hypothesis"
            << std::setw(16) << "status"
            << "case or reason\n";
  std::map<Necessity, int> counts;
  for (const Claim* c : papers().all())
    for (const auto& h : c->info().hypotheses) {
      ++counts[h.necessity];
      std::cout << std::left << std::setw(int(id_width) + 2) << c->info().id << std::setw(int(name_width) + 2) << h.name
                << std::setw(16) << to_string(h.necessity) << h.evidence << "\n";
    }
  std::cout << "\n";
  for (auto n : {Necessity::counterexample, Necessity::vacuous, Necessity::scope, Necessity::open})
    std::cout << counts[n] << " " << to_string(n) << (n == Necessity::open ? "\n" : ", ");
  return exit_all_met;
}

// The statement's first `width` characters, cut at a word and marked with "..." when longer.
std::string statement_excerpt(const std::string& statement, std::size_t width = 72) {
  if (statement.size() <= width) return statement;
  std::size_t cut = statement.rfind(' ', width - 3);
  if (cut == std::string::npos || cut == 0) cut = width - 3;
  return statement.substr(0, cut) + "...";
}

int list_claims() {
  const auto claims = papers().all();
  std::size_t id_width = 0, paper_width = 0;
  constexpr int statement_width = 60;
  const auto hypotheses_text = [](const Claim& c) {
    const auto names = hypothesis_names(c);
    return "hypotheses: " + (names.empty() ? std::string("none") : join(names));
  };
  for (const Claim* c : claims) {
    id_width = std::max(id_width, c->info().id.size());
    paper_width = std::max(paper_width, papers().paper_of(*c)->short_citation.size());
  }
  for (const Claim* c : claims) {
    const ClaimInfo& info = c->info();
    std::cout << std::left << std::setw(int(id_width) + 2) << info.id << std::setw(int(paper_width) + 2)
              << papers().paper_of(*c)->short_citation << std::setw(11) << to_string(info.arithmetic)
              << std::setw(statement_width + 2) << statement_excerpt(info.statement, statement_width)
              << hypotheses_text(*c) << "\n";
  }
  return exit_all_met;
}

// `list --json`: every claim with its paper, statement, reference, method, arithmetic, model and
// hypotheses (each with how it is shown to matter), for tools.
int list_claims_json() {
  nlohmann::ordered_json claims = nlohmann::ordered_json::array();
  for (const Claim* c : papers().all()) {
    const ClaimInfo& info = c->info();
    nlohmann::ordered_json hypotheses = nlohmann::ordered_json::array();
    for (const auto& h : info.hypotheses)
      hypotheses.push_back({{"name", h.name},
                            {"statement", h.statement},
                            {"necessity", to_string(h.necessity)},
                            {"evidence", h.evidence}});
    claims.push_back({{"id", info.id},
                      {"paper", papers().paper_of(*c)->short_citation},
                      {"citation", papers().paper_of(*c)->citation},
                      {"reference", info.reference},
                      {"statement", info.statement},
                      {"method", info.method},
                      {"arithmetic", to_string(info.arithmetic)},
                      {"model", info.model},
                      {"hypotheses", hypotheses}});
  }
  std::cout << claims.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  return exit_all_met;
}

// Prints `text` wrapped at `width` columns, every line indented by `indent` spaces.
void print_wrapped(std::ostream& out, const std::string& text, std::size_t indent, std::size_t width = 90) {
  std::istringstream words(text);
  std::string word, line;
  auto flush = [&] {
    if (!line.empty()) out << std::string(indent, ' ') << line << "\n";
    line.clear();
  };
  while (words >> word) {
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) flush();
    line += (line.empty() ? "" : " ") + word;
  }
  flush();
}

int explain_claim(const std::string& id) {
  const Claim& claim = find_claim(id, "argument CLAIM");
  const ClaimInfo& info = claim.info();
  std::cout << info.id << "\n";
  print_wrapped(std::cout, papers().paper_of(claim)->short_citation + ", " + info.reference, 2);
  std::cout << "\nStatement\n";
  print_wrapped(std::cout, info.statement, 2);
  std::cout << "\nHypotheses (checked on each instance; drop one with --drop NAME)\n";
  if (info.hypotheses.empty()) std::cout << "  none\n";
  for (const auto& h : info.hypotheses) {
    print_wrapped(std::cout, h.name + ": " + h.statement, 2);
    const std::string why = h.necessity == Necessity::counterexample ? "necessary: dropping it is refuted by "
                            : h.necessity == Necessity::vacuous      ? "no counterexample can exist (vacuous): "
                            : h.necessity == Necessity::scope        ? "no counterexample (scope only): "
                                                                     : "no counterexample known (open): ";
    print_wrapped(std::cout, why + h.evidence, 6);
  }
  std::cout << "\nMethod\n";
  print_wrapped(std::cout, info.method, 2);
  std::cout << "\nArithmetic: " << to_string(info.arithmetic) << " (the highest it reaches)\n";
  std::cout << "Model: " << info.model << " (case files with model = \"" << info.model << "\")\n";
  return exit_all_met;
}

// ---- numbers on the command line -----------------------------------------------------------

// A whole number in [lo, hi] written in decimal digits only (no sign, exponent or spaces).
unsigned long long whole_number(const std::string& option, const std::string& text, unsigned long long lo,
                                unsigned long long hi) {
  return whole_number_argument("option " + option, text, lo, hi);
}

// Seconds: digits with an optional decimal fraction, in (0, 86400].
double seconds_option(const std::string& option, const std::string& text) {
  const std::string rule =
      "option " + option + ": seconds in (0, 86400], written like 60 or 2.5, but it is '" + text + "'";
  static const std::regex decimal(R"([0-9]{1,6}(\.[0-9]{1,9})?)");
  if (!std::regex_match(text, decimal)) throw InputError(rule);
  const double value = std::stod(text);
  if (!(value > 0) || value > 86400) throw InputError(rule);
  return value;
}

// ---- outputs ---------------------------------------------------------------------------------

// `-` names standard output (one report at most: two would interleave).
constexpr const char* standard_output = "-";

// Checked before any work: each output writable, distinct from the others and from the inputs.
void check_outputs(const std::vector<PlannedOutput>& outputs, const std::vector<std::string>& inputs,
                   ErrorList& errors) {
  std::vector<PlannedOutput> named;
  int to_stdout = 0;
  for (const auto& o : outputs) {
    // Only a report file may be standard output; `--out -` is a directory named "-".
    if (o.path == standard_output && !o.directory && !o.in_planned_directory) ++to_stdout;
    else if (!o.path.empty()) named.push_back(o);
  }
  if (to_stdout > 1)
    errors.add("options --json and --junit: both name standard output ('-'); at most one report can go there");
  errors.add(output_problems(named, inputs));
}

// ---- validating the run options ------------------------------------------------------

// The numbers and report paths of `check` and `suite`, every error collected.
RunOptions run_options(const RunSettings& s, const std::vector<std::string>& case_files, ErrorList& errors) {
  RunOptions options;
  errors.collect(
      [&] { options.threads = static_cast<unsigned>(whole_number("--threads", s.threads, 1, max_threads)); });
  errors.collect([&] { options.enumeration_limit = whole_number("--limit", s.limit, 1, max_enumeration_limit); });
  errors.collect([&] { (void)whole_number("--digits", s.digits, 1, max_digits); });
  if (!s.timeout.empty()) {
    const auto seconds = parse_rational(s.timeout);
    if (!seconds || *seconds <= 0 || *seconds > max_timeout)
      errors.add("option --timeout: must be a number of seconds in (0, " + std::to_string(max_timeout) +
                 "], but it is '" + s.timeout + "'");
    else options.timeout_seconds = static_cast<double>(*seconds);
  }
  if (options.timeout_seconds > 0 && ranks().size > 1)
    errors.add("option --timeout: not under mpirun (a check shared by ranks must end on all of them together)");
  options.progress = !s.quiet;
  options.dropped_hypotheses = {s.dropped.begin(), s.dropped.end()};
  std::vector<PlannedOutput> outputs{{"--json", s.json_path}, {"--junit", s.junit_path}};
  if (!s.html_directory.empty()) outputs.push_back({"--html", s.html_directory, true});
  check_outputs(outputs, case_files, errors);
  return options;
}

// ---- running and reporting -----------------------------------------------------------

int run_and_report(const std::vector<CheckJob>& jobs, const RunSettings& s, const RunOptions& options,
                   const RunDescription& run) {
  const auto records = run_checks(jobs, options);
  // Bad input that only a check could see (its claim's validate() missed it) is still bad
  // input: exit status 2, every such message, and no report.
  ErrorList bad_input;
  for (const auto& r : records)
    if (r.outcome.bad_input) bad_input.add(r.outcome.summary + " (needed by " + r.claim + ")");
  bad_input.throw_if_any();
  // With a report on standard output ('-'), the table goes to standard error.
  const bool report_to_stdout = s.json_path == standard_output || s.junit_path == standard_output;
  std::ostream& table = report_to_stdout ? std::cerr : std::cout;
  print_table(table, records, s.verbose, run.digits);
  const auto passed = std::count_if(records.begin(), records.end(), [](const CheckRecord& r) { return r.met(); });
  table << passed << " passed, " << records.size() - passed << " failed" << std::endl;
  if (s.json_path == standard_output) std::cout << to_json_text(records, run) << std::flush;
  else if (!s.json_path.empty()) write_json(s.json_path, records, run);
  if (s.junit_path == standard_output) std::cout << junit_text(records) << std::flush;
  else if (!s.junit_path.empty()) write_junit(s.junit_path, records);
  if (!s.html_directory.empty() && ranks().primary()) {
    write_html_report(s.html_directory, papers(), jobs, records, run);
    table << "wrote " << (std::filesystem::path(s.html_directory) / "index.html").string() << std::endl;
  }
  return std::size_t(passed) == records.size() ? exit_all_met : exit_some_unmet;
}

// `check` runs each [[expect]] of the claim with that entry's drops (and the command line's
// --drop on top): it says so, on standard error, rather than drop hypotheses silently.
void announce_expectation_drops(const std::vector<CheckJob>& jobs) {
  for (const CheckJob& job : jobs) {
    if (job.dropped.empty()) continue;
    unsigned line = 0;
    for (const Expectation& e : job.c->expectations)
      if (e.claim == job.claim->info().id && e.dropped == job.dropped) line = e.line;
    std::cerr << "check: " << job.claim->info().id << " on " << job.c->path << " with " << join(job.dropped)
              << " dropped, as its [[expect]] at line " << line << " asks\n";
  }
}

// The description of a run for its reports.
RunDescription run_description(const std::string& command, const CommandLine& cl) {
  RunDescription run;
  run.command = command;
  run.command_line = cl.arguments;
  run.digits = static_cast<int>(whole_number("--digits", cl.run.digits, 1, max_digits));  // validated before
  return run;
}

// --expect VERDICT, validated.
std::optional<Verdict> expected_verdict(const RunSettings& s, ErrorList& errors) {
  if (s.expect.empty()) return std::nullopt;
  const auto v = parse_verdict(s.expect);
  if (!v)
    errors.add("option --expect: unknown verdict '" + s.expect +
               "' (one of holds, refuted, hypotheses_unmet, inconclusive, error)");
  return v;
}

void print_notes(const std::vector<std::string>& notes, bool quiet) {
  if (!quiet)
    for (const auto& note : notes) std::cerr << "mechcheck: note: " << note << "\n";
}

int check_command(const CommandLine& cl) {
  ErrorList errors;
  const Claim* claim = nullptr;
  errors.collect([&] { claim = &find_claim(cl.claim, "argument CLAIM"); });
  const auto files = case_files_of(cl.paths, errors);
  const RunOptions options = run_options(cl.run, files, errors);
  if (claim) errors.collect([&] { validate_dropped(cl.run.dropped, {claim}); });
  const auto cases = load_cases(papers(), files, errors);
  const auto expect = expected_verdict(cl.run, errors);
  std::vector<CheckJob> jobs;
  if (claim) jobs = check_jobs(*claim, cases, errors);
  std::vector<std::string> notes;
  apply_command_line(jobs, cl.run.dropped, expect, notes);
  validate_preconditions(jobs, errors);
  errors.throw_if_any();
  announce_expectation_drops(jobs);
  print_notes(notes, false);  // why a verdict is not compared is said even with -q
  return run_and_report(jobs, cl.run, options, run_description("check", cl));
}

int suite_command(const CommandLine& cl) {
  ErrorList errors;
  const auto directories = cl.paths.empty() ? std::vector<std::string>{"cases"} : cl.paths;
  std::vector<std::string> files;
  errors.collect([&] {
    files = find_case_files(directories);
    if (files.empty()) throw InputError("no case files (*.toml) under " + join(directories));
  });
  const RunOptions options = run_options(cl.run, files, errors);
  const auto cases = load_cases(papers(), files, errors);
  const bool all_loaded = cases.size() == files.size();
  std::vector<std::string> notes;
  auto jobs = suite_jobs(papers(), cases, errors, notes);
  apply_command_line(jobs, cl.run.dropped, std::nullopt, notes);
  print_notes(notes, cl.run.quiet);
  if (all_loaded) {  // with a case missing, a --drop name might belong to its claims only
    std::vector<const Claim*> claims;
    for (const auto& job : jobs) claims.push_back(job.claim);
    errors.collect([&] { validate_dropped(cl.run.dropped, claims); });
  }
  validate_preconditions(jobs, errors);
  errors.throw_if_any();
  return run_and_report(jobs, cl.run, options, run_description("suite", cl));
}

// ---- figure ------------------------------------------------------------------------------------

// What the papers offer, one line each: `mechcheck figure` and `mechcheck export` without an id.
int list_figures() {
  for (const FigureWriter* f : papers().figures()) {
    std::cout << f->id << "\n";
    print_wrapped(std::cout, f->description, 2);
  }
  return exit_all_met;
}

int list_exports() {
  for (const ExportWriter* x : papers().exports()) {
    std::cout << x->id << "\n";
    print_wrapped(std::cout, x->description, 2);
    for (const ExportSetting& setting : x->settings)
      print_wrapped(std::cout,
                    "--set " + setting.name + "=..." +
                        (setting.default_value.empty() ? "" : " (default " + setting.default_value + ")") + ": " +
                        setting.meaning,
                    4);
  }
  return exit_all_met;
}

int figure_command(const CommandLine& cl) {
  if (cl.claim.empty()) return list_figures();
  ErrorList errors;
  const FigureWriter* figure = papers().figure(cl.claim);
  if (!figure) {
    std::vector<std::string> ids;
    for (const FigureWriter* w : papers().figures()) ids.push_back(w->id);
    errors.add("argument FIGURE: no figure '" + cl.claim + "' (known: " + join(ids) + ")");
  }
  const auto files = case_files_of(cl.paths, errors);
  if (errors.empty() && files.size() != 1)
    errors.add("argument CASE: a figure reads exactly one case file, but " + std::to_string(files.size()) +
               " were given");
  PlannedOutput out{"--out", cl.out_directory, true};
  check_outputs({out}, files, errors);
  if (cl.out_directory.empty()) errors.add("option --out: needs a directory name");
  const auto cases = load_cases(papers(), files, errors);
  if (figure && cases.size() == 1) {
    const Case& c = cases.front();
    const Claim& claim = *papers().find(figure->id);  // every figure belongs to a claim (Papers checks)
    if (c.model != claim.info().model)
      errors.add(c.path + ": figure " + figure->id + " needs a case of model '" + claim.info().model + "', not '" +
                 c.model + "'");
    else  // the figure's claim: its own preconditions
      validate_preconditions({CheckJob{&claim, &c, std::nullopt, {}}}, errors);
  }
  errors.throw_if_any();
  // A figure computes as its claim's check does: from the standard numeric state, never from
  // whatever precision the process was left in.
  const NumericScope numeric_state(NumericState::standard());
  for (const auto& file : figure->write(cases.front(), cl.out_directory)) std::cout << "wrote " << file << "\n";
  return exit_all_met;
}

// ---- export: a file in another tool's format, offered by a paper ------------------------------

// A `--set NAME=VALUE` argument split at its first '='; nullopt without one or without a name.
std::optional<std::pair<std::string, std::string>> name_and_value(const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) return std::nullopt;
  return std::make_pair(assignment.substr(0, equals), assignment.substr(equals + 1));
}

// NAME=VALUE settings of an export, every name one of its settings, defaults filled in.
probe::Settings export_settings(const ExportWriter& x, const std::vector<std::string>& given, ErrorList& errors) {
  probe::Settings settings;
  for (const ExportSetting& setting : x.settings) settings[setting.name] = setting.default_value;
  std::set<std::string> seen;
  for (const std::string& item : given) {
    const auto setting = name_and_value(item);
    const std::string name = setting ? setting->first : "";
    const bool known = std::any_of(x.settings.begin(), x.settings.end(), [&](const auto& s) { return s.name == name; });
    if (!setting) errors.add("option --set: must be NAME=VALUE, but it is '" + item + "'");
    else if (!known) {
      std::vector<std::string> names;
      for (const ExportSetting& setting : x.settings) names.push_back(setting.name);
      errors.add("option --set: export " + x.id + " has no setting '" + name + "' (settings: " + join(names) + ")");
    } else if (!seen.insert(name).second) errors.add("option --set: '" + name + "' is set twice");
    else settings[name] = setting->second;
  }
  return settings;
}

int export_command(const CommandLine& cl) {
  if (cl.claim.empty()) return list_exports();
  const ExportSettings& s = cl.exporting;
  ErrorList errors;
  const ExportWriter* writer = papers().export_writer(cl.claim);
  if (!writer) {
    std::vector<std::string> ids;
    for (const ExportWriter* x : papers().exports()) ids.push_back(x->id);
    errors.add("argument EXPORT: no export '" + cl.claim + "' (known: " + join(ids) + ")");
  }
  if (cl.paths.size() != 1)
    errors.add("argument CASE: an export reads exactly one case file, but " + std::to_string(cl.paths.size()) +
               " were given");
  if (s.out_file.empty()) errors.add("option --out: must name a file");
  const probe::Settings settings = writer ? export_settings(*writer, s.set, errors) : probe::Settings{};
  check_outputs({{"--out", s.out_file}}, cl.paths, errors);
  const auto cases = load_cases(papers(), cl.paths.size() == 1 ? cl.paths : std::vector<std::string>{}, errors);
  if (writer && cases.size() == 1) {
    const Paper& paper = *papers().paper_of_export(*writer);
    if (cases.front().model != paper.id)
      errors.add(cases.front().path + ": export " + writer->id + " reads cases of model '" + paper.id +
                 "', but this case's model is '" + cases.front().model + "'");
  }
  errors.throw_if_any();
  const ExportedFile file = writer->write(cases.front(), settings);
  write_file_atomically(s.out_file, file.text);
  std::cout << "wrote " << s.out_file << ": " << file.summary << "\n";
  return exit_all_met;
}

// ---- probe: counterexample search with shrinking (lib/include/mechcheck/probe/probe.hpp) ----

// The search's options with `dropped` as its dropped hypotheses; every error collected.
probe::ProbeOptions probe_options(const Claim& claim, const ProbeSettings& s, const std::vector<std::string>& dropped,
                                  ErrorList& errors) {
  probe::ProbeOptions options;
  const auto declared = hypothesis_names(claim);
  for (const auto& name : dropped) {
    if (std::find(declared.begin(), declared.end(), name) == declared.end())
      errors.add("option --drop: " + claim.info().id + " declares no hypothesis named '" + name +
                 "' (declared: " + (declared.empty() ? "none" : join(declared)) + ")");
    options.dropped.insert(name);
  }
  for (const auto& assignment : s.set) {
    const auto setting = name_and_value(assignment);
    if (!setting || setting->second.empty()) errors.add("option --set '" + assignment + "': write NAME=VALUE");
    else options.settings[setting->first] = setting->second;
  }
  errors.collect([&] { options.seed = whole_number("--seed", s.seed, 0, max_seed); });
  errors.collect([&] { options.budget_seconds = seconds_option("--budget", s.budget); });
  errors.collect([&] { options.enumeration_limit = whole_number("--limit", s.limit, 1, max_enumeration_limit); });
  return options;
}

std::string probe_summary(const probe::ProbeResult& r) {
  std::string verdicts;
  for (const auto& [v, n] : r.verdicts) verdicts += (verdicts.empty() ? "" : ", ") + std::to_string(n) + " " + v;
  std::ostringstream out;
  out << r.generated << " random economies (" << verdicts << ")";
  if (r.found)
    out << ", " << r.shrink_steps << " shrinks (" << r.shrink_checks
        << " tried), exhaustive pass: " << r.exhaustive_note;
  out << ", " << std::fixed << std::setprecision(1) << r.seconds << " s";
  return out.str();
}

// Where the counterexample's case file goes in --out.
std::string probe_case_path(const Claim& claim, const probe::ProbeOptions& options, const ProbeSettings& s) {
  return (fs::path(s.out_directory) / (probe::case_stem(claim, options) + ".toml")).string();
}

// Writes the counterexample as a case file in --out and says where; returns its path.
std::string write_probe_case(const Claim& claim, const probe::ProbeOptions& options, const probe::ProbeResult& r,
                             const ProbeSettings& s) {
  fs::create_directories(s.out_directory);
  const std::string path = probe_case_path(claim, options, s);
  write_file_atomically(path, probe::case_file_text(claim, *papers().generator_for(claim.info().model), options, r));
  return path;
}

// The case file must reproduce the refutation exactly, through the ordinary loader.
bool rechecks_refuted(const Claim& claim, const probe::ProbeOptions& options, const std::string& path) {
  const Case written = papers().load_case(path);
  CheckContext context;
  context.dropped_hypotheses = options.dropped;
  context.enumeration_limit = options.enumeration_limit;
  const Outcome again = run_claim(claim, written, context);
  std::cout << "wrote " << path << " (re-checked: " << to_string(again.verdict) << ")\n"
            << "reproduce: " << probe::reproduce_command(claim, options, path) << "\n";
  return again.verdict == Verdict::refuted;
}

int probe_command(const CommandLine& cl) {
  const Claim& claim = find_claim(cl.claim, "argument CLAIM");
  const ProbeSettings& s = cl.probe;
  ErrorList errors;
  const probe::Generator* generator = papers().generator_for(claim.info().model);
  if (!generator)
    errors.add("argument CLAIM: " + claim.info().id + " reads model '" + claim.info().model +
               "', which has no instance generator yet");
  if (!s.json_path.empty() && !s.report) errors.add("option --json: the probe writes JSON with --report only");
  // One search per dropped set: each hypothesis in turn with --report, else the --drop names.
  std::vector<std::pair<std::string, probe::ProbeOptions>> searches;
  if (s.report) {
    const auto hypotheses = hypothesis_names(claim);
    if (hypotheses.empty()) errors.add("argument CLAIM: " + claim.info().id + " declares no hypotheses to probe");
    if (!s.dropped.empty()) errors.add("option --drop: --report drops each hypothesis in turn; give no --drop");
    probe_options(claim, s, {}, errors);  // the options shared by every search: their errors once
    ErrorList same_again;
    for (const auto& h : hypotheses) searches.emplace_back(h, probe_options(claim, s, {h}, same_again));
    for (auto& [h, options] : searches) options.budget_seconds /= static_cast<double>(searches.size());
  } else {
    searches.emplace_back("", probe_options(claim, s, s.dropped, errors));
  }
  if (generator && !searches.empty())
    errors.collect([&] { probe::validate_settings(*generator, searches.front().second.settings); });
  std::vector<PlannedOutput> outputs{{"--out", s.out_directory, true}, {"--json", s.json_path}};
  if (!s.out_directory.empty())
    for (const auto& [h, options] : searches)
      outputs.push_back({"--out", probe_case_path(claim, options, s), false, true});
  check_outputs(outputs, {}, errors);
  errors.throw_if_any();

  if (s.report) {
    // Which named hypotheses are necessary: probe with each dropped in turn, the budget shared.
    std::vector<probe::HypothesisFinding> findings;
    for (const auto& [h, options] : searches) {
      probe::HypothesisFinding f;
      f.hypothesis = h;
      f.options = options;
      f.result = probe_claim(papers(), claim, f.options);
      if (f.result.found && !s.out_directory.empty()) f.case_path = write_probe_case(claim, f.options, f.result, s);
      findings.push_back(std::move(f));
    }
    // With the JSON report on standard output ('-'), the table goes to standard error.
    const probe::Generator& generator_used = *papers().generator_for(claim.info().model);
    (s.json_path == standard_output ? std::cerr : std::cout) << probe::report_table(claim, generator_used, findings);
    if (s.json_path == standard_output)
      std::cout << probe::report_json(claim, generator_used, findings, run_description("probe", cl)) << std::flush;
    else if (!s.json_path.empty())
      write_file_atomically(s.json_path,
                            probe::report_json(claim, generator_used, findings, run_description("probe", cl)));
    for (const auto& f : findings)
      if (!f.case_path.empty() && !rechecks_refuted(claim, f.options, f.case_path)) return exit_some_unmet;
    return exit_all_met;
  }
  const auto& options = searches.front().second;
  const auto r = probe_claim(papers(), claim, options);
  if (!r.found) {
    std::cout << "no counterexample to " << claim.info().id << " found: " << probe_summary(r) << "\n";
    // A search whose economies the claim cannot read (a generator setting that does not fit it)
    // says why, instead of only counting errors.
    if (!r.first_error.empty()) std::cout << "  the first error: " << r.first_error << "\n";
    return exit_some_unmet;
  }
  std::cout << "counterexample to " << claim.info().id << ": " << r.counterexample.summary << "\n  "
            << r.outcome.summary << "\n  " << probe_summary(r) << "\n  "
            << (r.minimal ? "minimal" : "not shown minimal") << "\n";
  if (!s.out_directory.empty()) {
    const std::string path = write_probe_case(claim, options, r, s);
    if (!rechecks_refuted(claim, options, path)) return exit_some_unmet;
  }
  return exit_all_met;
}

// ---- findings ------------------------------------------------------------------------------

// `findings`: what the checks show of the papers' text (errata, gaps, ambiguities, readings, remarks),
// each with its claim and the committed case that shows it; --json for tools, --markdown for the
// README's section "Findings in the papers" (a test keeps the two equal).
CLI::App* add_findings_command(CLI::App& app, FindingsOptions& o) {
  CLI::App* command = app.add_subcommand(
      "findings", "The errata, gaps, ambiguities and readings the checks found in the papers, each with its case");
  auto* json = command->add_flag("--json", o.json,
                                 "Every finding as JSON: id, paper, claim, kind, paper_says, check_shows, case_file");
  command->add_flag("--markdown", o.markdown, "The findings as Markdown: the README's section on them")->excludes(json);
  return command;
}

int findings_command(const FindingsOptions& o) {
  if (o.markdown) {
    std::cout << findings_markdown(papers());
    return exit_all_met;
  }
  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Paper& p : papers().papers())
      for (const Finding& f : p.findings)
        out.push_back({{"id", f.id},
                       {"paper", p.id},
                       {"claim", f.claim},
                       {"kind", f.kind},
                       {"paper_says", f.paper_says},
                       {"check_shows", f.check_shows},
                       {"case_file", f.case_file}});
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return exit_all_met;
  }
  std::map<std::string, int> counts;
  for (const Paper& p : papers().papers()) {
    if (p.findings.empty()) continue;
    std::cout << p.id << ": " << p.short_citation << "\n\n";
    for (const Finding& f : p.findings) {
      ++counts[f.kind];
      std::cout << "  " << f.id << "  (" << f.kind << ", " << f.claim << ")\n";
      print_wrapped(std::cout, "paper: " + f.paper_says, 4);
      print_wrapped(std::cout, "check: " + f.check_shows, 4);
      std::cout << "    case:  " << f.case_file << "\n\n";
    }
  }
  std::cout << papers().findings().size() << " findings (";
  for (const FindingKind& k : finding_kinds)
    std::cout << (&k == finding_kinds ? "" : ", ") << k.name << " " << counts[k.name];
  std::cout << ")\n";
  return exit_all_met;
}

// ---- command-line definition ---------------------------------------------------------

void add_run_options(CLI::App& command, RunSettings& s) {
  command
      .add_option("--json", s.json_path,
                  "Write the results as a JSON report (docs/report.schema.json) to FILE (after the run; - for standard "
                  "output, the table then on "
                  "standard error)")
      ->type_name("FILE");
  command
      .add_option("--junit", s.junit_path,
                  "Write the results as JUnit XML to FILE (after the run; - for standard output, the table then on "
                  "standard error)")
      ->type_name("FILE");
  command
      .add_option("--html", s.html_directory,
                  "Write the results as a static HTML page to DIR/index.html, with the claims' statements, values, "
                  "the papers' findings and the figures inline (after the run)")
      ->type_name("DIR");
  command
      .add_option("--threads", s.threads,
                  "Use at most N threads, for checks in parallel and the enumerations inside them "
                  "(1 <= N <= 1024; default: this machine's cores)")
      ->type_name("N")
      ->capture_default_str();
  command.add_option("--limit", s.limit, "Largest enumeration a checker may start (points, 1 <= N <= 10^18)")
      ->type_name("N")
      ->capture_default_str();
  command.add_option("--drop", s.dropped, "Do not require hypothesis NAME (repeatable; see `mechcheck explain`)")
      ->type_name("NAME")
      ->expected(1)
      ->allow_extra_args(false)  // `--drop NAME CASE` must not take CASE as a second name
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      .add_option("--digits", s.digits,
                  "Show N significant digits of each decimal (1 <= N <= 1000); every digit shown is certified")
      ->type_name("N")
      ->capture_default_str();
  command
      .add_option("--timeout", s.timeout,
                  "Stop a check still running after SECONDS (at its next progress report): it is reported "
                  "inconclusive, with how much of its work was done")
      ->type_name("SECONDS");
  command.add_flag("-v,--verbose", s.verbose, "Print every value in the table");
  command.add_flag("-q,--quiet", s.quiet, "No progress display and no notes on stderr");
}

struct Commands {
  CLI::App* list;
  CLI::App* explain;
  CLI::App* check;
  CLI::App* suite;
  CLI::App* figure;
  CLI::App* exporting;
  CLI::App* probe;
  CLI::App* findings;
};

Commands define_commands(CLI::App& app, CommandLine& cl) {
  app.require_subcommand(1);
  app.set_version_flag("--version", [] { return "mechcheck " + tool_version() + "\n" + library_versions_text(); });
  Commands c;
  c.list = app.add_subcommand("list", "List the claims: id, paper, arithmetic, hypotheses, statement");
  // Answered before parsing (main): `mechcheck help [COMMAND]`.
  app.add_subcommand("help", "The usage of the program, or of one command: mechcheck help COMMAND");
  auto* hypotheses =
      c.list->add_flag("--hypotheses", cl.hypotheses,
                       "One row per named hypothesis: shown necessary by a counterexample case, or why not");
  c.list
      ->add_flag("--json", cl.json,
                 "Every claim as JSON: id, paper, citation, reference, statement, method, arithmetic, model, "
                 "hypotheses")
      ->excludes(hypotheses);
  c.list->add_flag("--markdown", cl.markdown, "With --hypotheses: the table as Markdown (docs/hypotheses.md)")
      ->needs(hypotheses);
  c.explain = app.add_subcommand("explain", "Describe one claim: statement, hypotheses, method");
  c.explain->add_option("CLAIM", cl.claim, "Claim id, e.g. llm.prop1")->required();
  c.check = app.add_subcommand("check", "Check one claim on case files");
  c.check->add_option("CLAIM", cl.claim, "Claim id, e.g. llm.prop1")->required();
  c.check->add_option("CASE", cl.paths, "Case files (.toml) or directories of them")->required();
  add_run_options(*c.check, cl.run);
  c.check
      ->add_option("--expect", cl.run.expect,
                   "Compare every check with VERDICT instead of the case's [[expect]] (for probing with --drop)")
      ->type_name("VERDICT");
  c.suite = app.add_subcommand("suite", "Check every [[expect]] of every case file under the directories");
  c.suite->add_option("DIR", cl.paths, "Directories of case files (default: cases)");
  add_run_options(*c.suite, cl.run);
  c.figure = app.add_subcommand("figure", "Reproduce a paper's figure as CSV and SVG files (no FIGURE: list them)");
  auto* figure_id = c.figure->add_option("FIGURE", cl.claim, "Figure id, e.g. llm.fig1");
  c.figure->add_option("CASE", cl.paths, "The case file of the figure's economy")->needs(figure_id);
  c.figure->add_option("--out", cl.out_directory, "Directory to write into (created if missing)")
      ->type_name("DIR")
      ->needs(figure_id);
  c.exporting =
      app.add_subcommand("export", "Write a case in another tool's format, e.g. a Gambit game (no EXPORT: list them)");
  auto* export_id = c.exporting->add_option("EXPORT", cl.claim, "Export id, e.g. mat.nfg");
  c.exporting->add_option("CASE", cl.paths, "The case file")->needs(export_id);
  c.exporting->add_option("--out", cl.exporting.out_file, "The file to write (atomically)")
      ->type_name("FILE")
      ->needs(export_id);
  c.exporting->add_option("--set", cl.exporting.set, "A setting of the export (NAME=VALUE, repeatable)")
      ->type_name("NAME=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->needs(export_id);
  c.probe = app.add_subcommand("probe", "Search small economies for a counterexample, shrink it, write it as a case");
  c.probe->add_option("CLAIM", cl.claim, "Claim id, e.g. llm.prop1")->required();
  c.probe->add_option("--drop", cl.probe.dropped, "Probe outside the theorem: do not require hypothesis NAME")
      ->type_name("NAME")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.probe->add_option("--set", cl.probe.set, "Fix a generator parameter (NAME=VALUE, repeatable)")
      ->type_name("NAME=VALUE")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  c.probe->add_option("--seed", cl.probe.seed, "Seed of the random search (reproducible; 0 <= N < 2^64)")
      ->type_name("N")
      ->capture_default_str();
  c.probe->add_option("--budget", cl.probe.budget, "Seconds the random search may take (0 < S <= 86400)")
      ->type_name("S")
      ->capture_default_str();
  c.probe->add_option("--out", cl.probe.out_directory, "Write the counterexample as a case file into DIR")
      ->type_name("DIR");
  c.probe->add_flag("--report", cl.probe.report,
                    "For each named hypothesis: necessary (a counterexample found with it dropped) or survived");
  c.probe
      ->add_option("--json", cl.probe.json_path,
                   "With --report: write the report as JSON to FILE (- for standard output, the table then on "
                   "standard error)")
      ->type_name("FILE");
  c.probe->add_option("--limit", cl.probe.limit, "Largest enumeration a checker may start (points, 1 <= N <= 10^18)")
      ->type_name("N")
      ->capture_default_str();
  c.findings = add_findings_command(app, cl.findings);
  return c;
}

int dispatch(const Commands& c, const CommandLine& cl) {
  if (c.list->parsed()) {
    if (cl.markdown) {
      std::cout << hypothesis_catalogue_markdown(papers().all());
      return exit_all_met;
    }
    if (cl.json) return list_claims_json();
    return cl.hypotheses ? list_hypotheses() : list_claims();
  }
  if (c.explain->parsed()) return explain_claim(cl.claim);
  if (c.check->parsed()) return check_command(cl);
  if (c.figure->parsed()) return figure_command(cl);
  if (c.exporting->parsed()) return export_command(cl);
  if (c.probe->parsed()) return probe_command(cl);
  if (c.findings->parsed()) return findings_command(cl.findings);
  return suite_command(cl);
}

void print_error(const std::string& message) { std::cerr << "mechcheck: error: " << message << "\n"; }

}  // namespace

namespace mechcheck {

int mechcheck_main(const Papers& papers, int argc, char** argv) {
  given_papers = &papers;
  // Under mpirun (a build with MECHCHECK_MPI) every rank runs this same command and ends with the
  // same records (run_checks gathers them): rank 0 alone prints, and alone writes files
  // (write_file_atomically), so the output is that of one process.
  const RankSession rank_session(argc, argv);
  if (const std::string error = unshared_launch_error(); !error.empty()) {
    print_error(error);
    return exit_bad_input;
  }
  if (!ranks().primary()) {
    if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) return exit_bad_input;
  }
  install_interrupt_cleanup();  // an interrupted run leaves no temporary behind
  CLI::App app{"mechcheck: checks claims of mechanism-design papers on concrete economies, exactly", "mechcheck"};
  CommandLine cl;
  cl.arguments.assign(argv, argv + argc);
  const Commands commands = define_commands(app, cl);
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
  // No arguments: the usage, and exit status 2 (nothing was asked).
  if (argc == 1) {
    print_error("no command given; the usage follows");
    std::cerr << app.help();
    return exit_bad_input;
  }
  // CLI11 reports an unknown command only as "A subcommand is required": name it, and the
  // command it most resembles.
  const auto unknown_command = [&](const std::string& name) {
    const std::string near = closest_name(name, names);
    print_error("unknown command '" + name + "'" + (near.empty() ? "" : ", did you mean '" + near + "'?") +
                " (commands: " + join(names) + ")");
    std::cerr << "Run with --help for more information.\n";
    return exit_bad_input;
  };
  if (argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end())
    return unknown_command(argv[1]);
  // `mechcheck help [COMMAND]`: the usage of the program or of one command.
  if (std::string(argv[1]) == "help") {
    if (argc == 2) {
      std::cout << app.help();
      return 0;
    }
    if (argc > 3 || std::find(names.begin(), names.end(), argv[2]) == names.end() || std::string(argv[2]) == "help")
      return argc > 3 ? (print_error("help takes one command"), exit_bad_input) : unknown_command(argv[2]);
    std::cout << app.get_subcommand(argv[2])->help();
    return 0;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
    print_error(e.what());
    std::cerr << "Run with --help for more information.\n";
    return exit_bad_input;
  }
  try {
    return dispatch(commands, cl);
  } catch (const InputErrors& errors) {
    for (const auto& message : errors.messages) print_error(message);
  } catch (const std::exception& e) {  // InputError, and a report that cannot be written
    print_error(e.what());
  }
  return exit_bad_input;
}

}  // namespace mechcheck
