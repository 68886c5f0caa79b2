#include "mechcheck/papers/html_report.hpp"

#include "mechcheck/number/numeric_state.hpp"
#include "mechcheck/report/build_info.hpp"
#include "mechcheck/report/files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

namespace mechcheck {
namespace {

namespace fs = std::filesystem;

std::string escape(const std::string& s) { return xml_escape(s, true); }

// An id for an HTML anchor: the machine key of the text.
std::string anchor(const std::string& text) { return machine_key(text); }

std::string seconds_text(double s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << s;
  return out.str();
}

const char* style = R"(body{font-family:sans-serif;margin:2em;max-width:75em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eee}td.ok{background:#dfd}td.mismatch{background:#fdd}
.values{font-family:monospace;white-space:pre-wrap;font-size:90%}.note{color:#555}
figure{margin:1em 0;border:1px solid #ddd;padding:.5em;display:inline-block}svg{max-width:100%;height:auto}
h3{margin-top:1.5em}code{background:#f4f4f4})";

// The SVG file's text without its XML declaration, to sit inside the page.
std::string inline_svg(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string svg = text.str();
  const auto start = svg.find("<svg");
  return start == std::string::npos ? "" : svg.substr(start);
}

void head(std::ostream& out, const std::vector<CheckRecord>& records, const RunDescription& run) {
  const auto met = std::count_if(records.begin(), records.end(), [](const CheckRecord& r) { return r.met(); });
  std::string command_line;
  for (const auto& a : run.command_line) command_line += (command_line.empty() ? "" : " ") + a;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>mechcheck "
      << escape(run.command) << ": " << met << " of " << records.size() << " met</title>\n<style>" << style
      << "</style>\n</head>\n<body>\n";
  out << "<h1>mechcheck " << escape(run.command) << "</h1>\n<p id=\"summary\">" << met << " of " << records.size()
      << " checks met their expectations.</p>\n";
  out << "<p class=\"note\">Command: <code>" << escape(command_line) << "</code><br>mechcheck "
      << escape(tool_version()) << "; " << escape(library_versions_text())
      << ".<br>Every decimal shows only certified digits (truncated; \"...\" when more follow); exact rationals "
         "are shown as fractions.</p>\n";
}

void verdict_table(std::ostream& out, const std::vector<CheckRecord>& records) {
  out << "<h2>Verdicts</h2>\n<table "
         "id=\"verdicts\">\n<tr><th>claim</th><th>case</th><th>verdict</th><th>arithmetic</th>"
         "<th>expected</th><th>result</th><th>seconds</th></tr>\n";
  for (std::size_t i = 0; i < records.size(); ++i) {
    const CheckRecord& r = records[i];
    std::string dropped;
    for (const auto& d : r.outcome.dropped) dropped += (dropped.empty() ? " (drop " : ", ") + d;
    if (!dropped.empty()) dropped += ")";
    out << "<tr class=\"check\"><td><a href=\"#" << anchor(r.claim) << "\">" << escape(r.claim)
        << "</a></td><td><a href=\"#check-" << i << "\">" << escape(r.case_name + dropped) << "</a></td><td>"
        << to_string(r.outcome.verdict) << "</td><td>" << to_string(r.outcome.arithmetic) << "</td><td>"
        << (r.expected ? to_string(*r.expected) : "-") << "</td><td class=\""
        << (r.met() ? "ok\">ok" : "mismatch\">MISMATCH") << "</td><td>" << seconds_text(r.seconds) << "</td></tr>\n";
  }
  out << "</table>\n";
}

void value_rows(std::ostream& out, const char* what, const std::vector<Value>& values, int digits) {
  for (const Value& v : values) out << escape(std::string(what) + v.name + " = " + value_line(v, digits)) << "\n";
}

// The figures of a record's claim on its case, drawn into DIR/figures/N/ and inlined.
void figures_of(std::ostream& out, const Papers& papers, const CheckJob& job, std::size_t index,
                const std::string& directory) {
  const FigureWriter* figure = papers.figure(job.claim->info().id);
  if (!figure) return;
  const std::string folder = (fs::path(directory) / "figures" / std::to_string(index)).string();
  try {
    fs::create_directories(folder);
    // As `mechcheck figure` draws it: from the standard numeric state, not the one the run left.
    const NumericScope numeric_state(NumericState::standard());
    for (const auto& file : figure->write(*job.c, folder))
      if (fs::path(file).extension() == ".svg")
        out << "<figure class=\"figure\">" << inline_svg(file) << "<figcaption>" << escape(figure->description)
            << " (<a href=\"" << escape(fs::relative(file, directory).string())
            << "\">SVG</a>)</figcaption></figure>\n";
  } catch (const std::exception& e) {
    out << "<p class=\"note\">figure " << escape(figure->id) << " not drawn: " << escape(e.what()) << "</p>\n";
  }
}

void claim_sections(std::ostream& out, const Papers& papers, const std::vector<CheckJob>& jobs,
                    const std::vector<CheckRecord>& records, const std::string& directory, int digits) {
  std::vector<std::string> claims;
  for (const auto& r : records)
    if (std::find(claims.begin(), claims.end(), r.claim) == claims.end()) claims.push_back(r.claim);
  std::sort(claims.begin(), claims.end());
  out << "<h2>Claims</h2>\n";
  for (const auto& id : claims) {
    const Claim* claim = papers.find(id);
    out << "<h3 id=\"" << anchor(id) << "\">" << escape(id) << "</h3>\n";
    if (claim) {
      const Paper* paper = papers.paper_of(*claim);
      out << "<p>" << escape((paper ? paper->short_citation + ", " : std::string()) + claim->info().reference) << ": "
          << escape(claim->info().statement) << "</p>\n";
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
      const CheckRecord& r = records[i];
      if (r.claim != id) continue;
      out << "<h4 id=\"check-" << i << "\">" << escape(r.case_name) << " (<code>" << escape(r.case_path)
          << "</code>): " << to_string(r.outcome.verdict) << ", " << to_string(r.outcome.arithmetic) << "</h4>\n<p>"
          << escape(r.outcome.summary) << "</p>\n";
      if (!r.mismatches.empty()) {
        out << "<ul class=\"mismatches\">\n";
        for (const auto& m : r.mismatches) out << "<li>" << escape(m.message()) << "</li>\n";
        out << "</ul>\n";
      }
      std::ostringstream values;
      value_rows(values, "witness ", r.outcome.witness, digits);
      value_rows(values, "", r.outcome.values, digits);
      value_rows(values, "", r.outcome.stats, digits);
      if (r.outcome.recheck.status != RecheckNote::Status::not_applicable)
        values << escape(std::string("re-check ") + to_string(r.outcome.recheck.status) +
                         (r.outcome.recheck.method.empty() ? "" : ": " + r.outcome.recheck.method))
               << "\n";
      if (!values.str().empty()) out << "<div class=\"values\">" << values.str() << "</div>\n";
      figures_of(out, papers, jobs[i], i, directory);
    }
  }
}

void findings_section(std::ostream& out, const Papers& papers) {
  out << "<h2 id=\"findings\">Findings in the papers</h2>\n<table "
         "id=\"findings-table\">\n<tr><th>finding</th><th>kind</th>"
         "<th>claim</th><th>the paper says</th><th>the check shows</th><th>case</th></tr>\n";
  for (const Finding* f : papers.findings())
    out << "<tr><td>" << escape(f->id) << "</td><td>" << escape(f->kind) << "</td><td>" << escape(f->claim)
        << "</td><td>" << escape(f->paper_says) << "</td><td>" << escape(f->check_shows) << "</td><td><code>"
        << escape(f->case_file) << "</code></td></tr>\n";
  out << "</table>\n";
}

}  // namespace

void write_html_report(const std::string& directory, const Papers& papers, const std::vector<CheckJob>& jobs,
                       const std::vector<CheckRecord>& records, const RunDescription& run) {
  fs::create_directories(directory);
  std::ostringstream page;
  head(page, records, run);
  verdict_table(page, records);
  claim_sections(page, papers, jobs, records, directory, run.digits);
  findings_section(page, papers);
  page << "</body>\n</html>\n";
  write_file_atomically((fs::path(directory) / "index.html").string(), page.str());
}

}  // namespace mechcheck
