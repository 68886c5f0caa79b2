// The probe's search: random economies, shrinking, the exhaustive minimality pass and the case
// file. Every candidate is written as a case file and loaded by the ordinary case loader, so
// the economy checked is exactly the one that is written out.
#include "mechcheck/probe/probe.hpp"
#include "mechcheck/run/runner.hpp"

#include "mechcheck/cases/case.hpp"
#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/cases/toml_text.hpp"
#include "mechcheck/report/files.hpp"

#include "mechcheck/report/json_report.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace mechcheck::probe {

namespace {

std::string size_text(const std::vector<long long>& size) {
  std::string s = "(";
  for (std::size_t j = 0; j < size.size(); ++j) s += (j ? ", " : "") + std::to_string(size[j]);
  return s + ")";
}

// Writes the candidate as a case file in the scratch directory and runs the claim on it. The
// default scratch directory is new and unique (mkdir of a fresh name); it and the candidate are
// registered for removal on interruption (install_interrupt_cleanup), and removed at the end.
class Evaluator {
 public:
  Evaluator(const Claim& claim, const ModelParser& parse_model, const ProbeOptions& options)
      : claim_(claim), models_{{claim.info().model, parse_model}}, options_(options) {
    namespace fs = std::filesystem;
    fs::path dir;
    if (options.scratch_directory.empty()) {
      static std::atomic<unsigned long> counter{0};
      std::random_device entropy;
      for (int attempt = 0; created_.empty(); ++attempt) {
        if (attempt == 100)
          throw std::runtime_error("cannot create a scratch directory in " + fs::temp_directory_path().string());
        dir = fs::temp_directory_path() / ("mechcheck-probe-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(counter++) + "-" + std::to_string(entropy() % 1000000));
        directory_registration_ =
            std::make_unique<RemovedOnInterrupt>(dir.string(), RemovedOnInterrupt::Kind::directory);
        if (::mkdir(dir.c_str(), 0700) == 0) created_ = dir.string();
        else if (errno != EEXIST)
          throw std::runtime_error("cannot create " + dir.string() + ": " + std::strerror(errno));
      }
    } else {
      dir = options.scratch_directory;
      created_ = fs::create_directories(dir) ? dir.string() : "";
      if (!created_.empty())
        directory_registration_ = std::make_unique<RemovedOnInterrupt>(created_, RemovedOnInterrupt::Kind::directory);
    }
    path_ = (dir / "candidate.toml").string();
    file_registration_ = std::make_unique<RemovedOnInterrupt>(path_, RemovedOnInterrupt::Kind::file);
  }
  ~Evaluator() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    if (!created_.empty()) std::filesystem::remove(created_, ignored);  // only a directory we made, once empty
  }

  Outcome run(const Candidate& c) {
    {
      std::ofstream out(path_);
      out << "[case]\nname = \"probe-candidate\"\nmodel = " << toml_quoted(claim_.info().model) << "\n\n"
          << c.model_table;
    }
    const Case loaded = load_case(path_, models_);  // an invalid candidate is a generator bug: InputError propagates
    CheckContext context;
    context.dropped_hypotheses = options_.dropped;
    context.enumeration_limit = options_.enumeration_limit;
    return run_claim(claim_, loaded, context);
  }

 private:
  const Claim& claim_;
  const ModelParsers models_;
  const ProbeOptions& options_;
  std::string path_;
  std::string created_;
  std::unique_ptr<RemovedOnInterrupt> directory_registration_, file_registration_;
};

}  // namespace

void validate_settings(const Generator& g, const Settings& settings) {
  const auto known = g.settable();
  for (const auto& [name, value] : settings) {
    const Setting* setting = nullptr;
    std::string names;
    for (const auto& s : known) {
      if (s.name == name) setting = &s;
      names += (names.empty() ? "" : ", ") + s.name;
    }
    if (!setting)
      throw InputError("option --set: the " + g.model() + " generator has no parameter '" + name +
                       "' (known: " + (names.empty() ? "none" : names) + ")");
    if (std::find(setting->values.begin(), setting->values.end(), value) == setting->values.end()) {
      std::string values;
      for (std::size_t k = 0; k < setting->values.size(); ++k)
        values += (k == 0 ? "" : k + 1 == setting->values.size() ? " or " : ", ") + setting->values[k];
      throw InputError("option --set " + name + "=" + value + ": the " + g.model() + " generator's " + name + " is " +
                       values + " (" + setting->meaning + ")");
    }
  }
}

Candidate Generator::random(std::mt19937_64& rng, const Settings& settings) const {
  validate_settings(*this, settings);
  return random_economy(rng, settings);
}

std::vector<Candidate> Generator::shrink(const Candidate& c, const Settings& settings) const {
  validate_settings(*this, settings);
  return smaller_economies(c, settings);
}

std::optional<std::vector<Candidate>> Generator::all_within(const std::vector<long long>& bound, std::size_t limit,
                                                            const Settings& settings) const {
  validate_settings(*this, settings);
  return economies_within(bound, limit, settings);
}

bool size_within(const std::vector<long long>& a, const std::vector<long long>& bound) {
  if (a.size() != bound.size()) return false;
  for (std::size_t j = 0; j < a.size(); ++j)
    if (a[j] > bound[j]) return false;
  return true;
}

bool strictly_smaller(const std::vector<long long>& a, const std::vector<long long>& b) {
  return size_within(a, b) && a != b;
}

ProbeResult probe(const Claim& claim, const Generator& generator, const ModelParser& parse_model,
                  const ProbeOptions& options) {
  const Generator* g = &generator;
  validate_settings(*g, options.settings);
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  Evaluator evaluate(claim, parse_model, options);
  std::mt19937_64 rng(options.seed);
  ProbeResult result;

  // 1. Random search until a refutation or the budget runs out.
  while (elapsed() < options.budget_seconds) {
    Candidate c = g->random(rng, options.settings);
    Outcome out = evaluate.run(c);
    ++result.generated;
    ++result.verdicts[to_string(out.verdict)];
    if (out.verdict == Verdict::error && result.first_error.empty()) result.first_error = out.summary;
    if (out.verdict == Verdict::refuted) {
      result.found = true;
      result.counterexample = std::move(c);
      result.outcome = std::move(out);
      break;
    }
  }
  if (!result.found) {
    result.seconds = elapsed();
    return result;
  }

  const double minimize_deadline =
      elapsed() + (options.minimize_seconds > 0 ? options.minimize_seconds : options.budget_seconds);
  bool out_of_time = false;
  // 2. Shrink: take the first strictly smaller candidate that is still refuted, repeat; then
  // 3. the exhaustive pass over every economy of componentwise smaller-or-equal size. When it
  // finds a smaller refutation (the shrinker's steps are local), shrink again from there.
  for (bool again = true; again;) {
    again = false;
    for (bool progress = true; progress;) {
      progress = false;
      for (Candidate& smaller : g->shrink(result.counterexample, options.settings)) {
        if (elapsed() > minimize_deadline) {
          out_of_time = true;
          break;
        }
        if (!strictly_smaller(smaller.size, result.counterexample.size)) continue;  // a generator slip: ignore
        Outcome out = evaluate.run(smaller);
        ++result.shrink_checks;
        if (out.verdict == Verdict::refuted) {
          result.counterexample = std::move(smaller);
          result.outcome = std::move(out);
          ++result.shrink_steps;
          progress = true;
          break;
        }
      }
    }
    if (out_of_time) {
      result.minimal = false;
      result.exhaustive_note = "the time for shrinking ran out: not called minimal";
      break;
    }
    auto all = g->all_within(result.counterexample.size, options.exhaustive_limit, options.settings);
    if (!all) {
      result.minimal = false;
      result.exhaustive_note = "more than " + std::to_string(options.exhaustive_limit) +
                               " economies of size <= " + size_text(result.counterexample.size) +
                               ": not run, so not called minimal";
      break;
    }
    result.exhaustive_checked = 0;
    for (Candidate& c : *all) {
      if (!strictly_smaller(c.size, result.counterexample.size)) continue;
      if (elapsed() > minimize_deadline) {
        out_of_time = true;
        break;
      }
      ++result.exhaustive_checked;
      Outcome out = evaluate.run(c);
      if (out.verdict == Verdict::refuted) {
        result.counterexample = std::move(c);
        result.outcome = std::move(out);
        again = true;
        break;
      }
    }
    if (out_of_time) {
      result.minimal = false;
      result.exhaustive_note = "the exhaustive pass ran out of time after " +
                               std::to_string(result.exhaustive_checked) + " economies: not called minimal";
      break;
    }
    if (!again) {
      result.minimal = true;
      result.exhaustive_note = "none of the " + std::to_string(result.exhaustive_checked) +
                               " economies of componentwise smaller size is refuted";
    }
  }
  result.seconds = elapsed();
  return result;
}

std::string case_stem(const Claim& claim, const ProbeOptions& options) {
  std::string stem = claim.info().id + "-probe";
  for (const auto& d : options.dropped) stem += "-drop-" + d;
  for (const auto& [name, value] : options.settings) stem += "-" + name + "-" + value;
  for (char& ch : stem)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-')) ch = '-';
  return stem + "-seed-" + std::to_string(options.seed);
}

std::string reproduce_command(const Claim& claim, const ProbeOptions& options, const std::string& case_path) {
  std::string drops;
  for (const auto& d : options.dropped) drops += " --drop " + d;
  return "mechcheck check " + claim.info().id + " " + case_path + drops;
}

std::string case_file_text(const Claim& claim, const Generator& generator, const ProbeOptions& options,
                           const ProbeResult& result) {
  std::string drops, probe_command = "mechcheck probe " + claim.info().id;
  for (const auto& d : options.dropped) {
    drops += (drops.empty() ? "" : ", ") + toml_quoted(d);
    probe_command += " --drop " + d;
  }
  for (const auto& [name, value] : options.settings) probe_command += " --set " + name + "=" + value;
  probe_command += " --seed " + std::to_string(options.seed);
  std::string sizes;
  const auto names = generator.size_names();
  for (std::size_t j = 0; j < result.counterexample.size.size(); ++j)
    sizes +=
        (j ? ", " : "") + (j < names.size() ? names[j] : "size") + " " + std::to_string(result.counterexample.size[j]);
  std::string text;
  text += "[case]\n";
  text += "name = " + toml_quoted(case_stem(claim, options)) + "\n";
  text += "model = " + toml_quoted(claim.info().model) + "\n";
  text += "source = " + toml_quoted("found by `" + probe_command + "`") + "\n";
  text += "description = " +
          toml_quoted(result.counterexample.summary + ". " + result.outcome.summary + ". Size: " + sizes + "; " +
                      (result.minimal ? "minimal: " : "not shown minimal: ") + result.exhaustive_note + ".") +
          "\n\n";
  text += result.counterexample.model_table;
  if (!text.empty() && text.back() != '\n') text += "\n";
  text += "\n[[expect]]\nclaim = " + toml_quoted(claim.info().id) + "\nverdict = \"refuted\"\n";
  if (!drops.empty()) text += "drop = [" + drops + "]\n";
  return text;
}

namespace {

std::string verdict_counts(const ProbeResult& r) {
  std::string out;
  for (const auto& [verdict, n] : r.verdicts) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + verdict;
  return out.empty() ? "none" : out;
}

std::string size_with_names(const Generator& generator, const std::vector<long long>& size) {
  const auto names = generator.size_names();
  std::string out;
  for (std::size_t j = 0; j < size.size(); ++j)
    out += (j ? ", " : "") + (j < names.size() ? names[j] : "size") + " " + std::to_string(size[j]);
  return out;
}

}  // namespace

std::string report_json(const Claim& claim, const Generator& generator, const std::vector<HypothesisFinding>& findings,
                        const RunDescription& run) {
  const auto names = generator.size_names();
  Json rows = Json::array();
  for (const auto& f : findings) {
    const ProbeResult& r = f.result;
    Json row;
    row["claim"] = claim.info().id;
    row["hypothesis"] = f.hypothesis;
    row["necessary"] = r.found;
    row["seed"] = f.options.seed;
    Json settings = Json::object();
    for (const auto& [name, value] : f.options.settings) settings[name] = value;
    row["settings"] = settings;
    row["seconds"] = r.seconds;  // wall time, reported only
    Json search;
    search["budget_seconds"] = f.options.budget_seconds;
    search["random_economies"] = r.generated;
    Json verdicts = Json::object();
    for (const auto& [verdict, n] : r.verdicts) verdicts[verdict] = n;
    search["verdicts"] = verdicts;
    search["shrink_steps"] = r.shrink_steps;
    search["shrink_checks"] = r.shrink_checks;
    search["exhaustive_checked"] = r.exhaustive_checked;
    search["exhaustive_note"] = r.found ? Json(r.exhaustive_note) : Json(nullptr);
    search["minimal"] = r.minimal;
    row["search"] = search;
    if (r.found) {
      Json cex;
      cex["summary"] = r.counterexample.summary;
      Json size = Json::object();
      for (std::size_t j = 0; j < r.counterexample.size.size(); ++j)
        size[machine_key(j < names.size() ? names[j] : "size " + std::to_string(j + 1))] = r.counterexample.size[j];
      cex["size"] = size;
      cex["case"] = f.case_path.empty() ? Json(nullptr) : Json(f.case_path);
      cex["reproduce"] = f.case_path.empty() ? Json(nullptr) : Json(reproduce_command(claim, f.options, f.case_path));
      // The refutation as `check` reports it: the same typed values.
      Json refutation;
      refutation["verdict"] = to_string(r.outcome.verdict);
      refutation["arithmetic"] = to_string(r.outcome.arithmetic);
      refutation["summary"] = r.outcome.summary;
      refutation["witness"] = values_json(r.outcome.witness, run.digits);
      refutation["values"] = values_json(r.outcome.values, run.digits);
      refutation["dropped_hypotheses"] = r.outcome.dropped;
      cex["refutation"] = refutation;
      row["counterexample"] = cex;
    } else {
      row["counterexample"] = nullptr;
    }
    rows.push_back(row);
  }
  Json report = report_envelope(run);
  report["results"] = rows;
  return json_text(report);
}

std::string report_table(const Claim& claim, const Generator& generator,
                         const std::vector<HypothesisFinding>& findings) {
  std::ostringstream out;
  out << claim.info().id << ": each named hypothesis dropped alone (model " << claim.info().model << ")\n";
  out << std::left << std::setw(24) << "hypothesis" << std::setw(11) << "result" << std::setw(7) << "seed"
      << std::setw(8) << "random" << std::setw(16) << "shrinks (tried)" << std::setw(12) << "exhaustive" << std::setw(9)
      << "minimal"
      << "seconds  verdicts of the random search\n";
  for (const auto& f : findings) {
    const ProbeResult& r = f.result;
    std::ostringstream seconds;
    seconds << std::fixed << std::setprecision(1) << r.seconds;
    out << std::left << std::setw(24) << f.hypothesis << std::setw(11) << (r.found ? "necessary" : "survived")
        << std::setw(7) << f.options.seed << std::setw(8) << r.generated << std::setw(16)
        << (r.found ? std::to_string(r.shrink_steps) + " (" + std::to_string(r.shrink_checks) + ")" : "-")
        << std::setw(12) << (r.found ? std::to_string(r.exhaustive_checked) : "-") << std::setw(9)
        << (r.found ? (r.minimal ? "yes" : "no") : "-") << std::setw(9) << seconds.str() << verdict_counts(r) << "\n";
    if (r.found) {
      out << "    counterexample: " << r.counterexample.summary << "\n";
      out << "    refutation: " << r.outcome.summary << "\n";
      out << "    size: " << size_with_names(generator, r.counterexample.size)
          << "; exhaustive pass: " << r.exhaustive_note << "\n";
      if (!f.case_path.empty())
        out << "    case: " << f.case_path << "\n    reproduce: " << reproduce_command(claim, f.options, f.case_path)
            << "\n";
    } else {
      out << "    survived " << r.generated << " random economies in " << seconds.str() << " s (budget "
          << f.options.budget_seconds << " s)\n";
    }
  }
  return out.str();
}

}  // namespace mechcheck::probe
