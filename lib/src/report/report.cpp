#include "mechcheck/report/report.hpp"
#include "mechcheck/report/files.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace mechcheck {
namespace {

// Values are strings. An irrational algebraic value has its minimal polynomial and an
// isolating interval beside it, under NAME_polynomial and NAME_interval.
nlohmann::ordered_json values_object(const std::vector<Value>& values) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& v : values) {
    out[v.name] = v.text;
    if (!v.polynomial.empty()) out[v.name + "_polynomial"] = v.polynomial;
    if (!v.interval.empty()) out[v.name + "_interval"] = v.interval;
  }
  return out;
}

nlohmann::ordered_json record_object(const CheckRecord& r) {
  nlohmann::ordered_json o;
  o["claim"] = r.claim;
  o["case"] = r.case_name;
  o["case_file"] = r.case_path;
  o["verdict"] = to_string(r.outcome.verdict);
  o["arithmetic"] = to_string(r.outcome.arithmetic);
  o["expected"] = r.expected ? nlohmann::ordered_json(to_string(*r.expected)) : nlohmann::ordered_json(nullptr);
  o["met"] = r.met();
  o["summary"] = r.outcome.summary;
  o["witness"] = values_object(r.outcome.witness);
  o["values"] = values_object(r.outcome.values);
  o["stats"] = values_object(r.outcome.stats);
  std::ostringstream seconds;
  seconds << std::setprecision(3) << r.seconds;
  o["stats"]["seconds"] = seconds.str();
  nlohmann::ordered_json recheck;
  recheck["status"] = to_string(r.outcome.recheck.status);
  if (!r.outcome.recheck.method.empty()) recheck["method"] = r.outcome.recheck.method;
  if (!r.outcome.recheck.detail.empty()) recheck["detail"] = r.outcome.recheck.detail;
  o["recheck"] = recheck;
  o["unmet_hypotheses"] = r.outcome.unmet;
  o["dropped_hypotheses"] = r.outcome.dropped;
  return o;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  std::filesystem::rename(temporary, path);
}

std::string to_json_text(const std::vector<CheckRecord>& records) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& r : records) array.push_back(record_object(r));
  return array.dump(2) + "\n";
}

void write_json(const std::string& path, const std::vector<CheckRecord>& records) {
  write_file_atomically(path, to_json_text(records));
}

void write_junit(const std::string& path, const std::vector<CheckRecord>& records) {
  std::size_t failures = 0;
  double total = 0;
  for (const auto& r : records) {
    failures += !r.met();
    total += r.seconds;
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites>\n<testsuite name=\"mechcheck\" tests=\"" << records.size() << "\" failures=\"" << failures
      << "\" errors=\"0\" time=\"" << total << "\">\n";
  for (const auto& r : records) {
    out << "  <testcase classname=\"" << xml_escape(r.claim) << "\" name=\"" << xml_escape(r.case_name)
        << "\" time=\"" << r.seconds << "\">\n";
    if (!r.met()) {
      std::string expected = r.expected ? to_string(*r.expected) : "not error";
      out << "    <failure message=\"expected " << expected << ", got " << to_string(r.outcome.verdict) << "\">"
          << xml_escape(r.outcome.summary) << "</failure>\n";
    }
    out << "    <system-out>" << xml_escape(std::string(to_string(r.outcome.verdict)) + " (" +
                                            to_string(r.outcome.arithmetic) + "): " + r.outcome.summary)
        << "</system-out>\n";
    out << "  </testcase>\n";
  }
  out << "</testsuite>\n</testsuites>\n";
  write_file_atomically(path, out.str());
}

void print_table(std::ostream& out, const std::vector<CheckRecord>& records, bool verbose) {
  std::size_t claim_w = 5, case_w = 4;
  for (const auto& r : records) {
    claim_w = std::max(claim_w, r.claim.size());
    case_w = std::max(case_w, r.case_name.size());
  }
  out << std::left << std::setw(int(claim_w) + 2) << "claim" << std::setw(int(case_w) + 2) << "case"
      << std::setw(18) << "verdict" << std::setw(11) << "arithmetic" << std::setw(18) << "expected"
      << "result\n";
  for (const auto& r : records) {
    out << std::left << std::setw(int(claim_w) + 2) << r.claim << std::setw(int(case_w) + 2) << r.case_name
        << std::setw(18) << to_string(r.outcome.verdict) << std::setw(11) << to_string(r.outcome.arithmetic)
        << std::setw(18) << (r.expected ? to_string(*r.expected) : "-") << (r.met() ? "ok" : "MISMATCH") << "\n";
    if (verbose || !r.met()) {
      out << "    " << r.outcome.summary << "\n";
      for (const auto& w : r.outcome.witness) out << "    witness " << w.name << " = " << w.text << "\n";
      if (r.outcome.recheck.status != RecheckNote::Status::not_applicable)
        out << "    re-check " << to_string(r.outcome.recheck.status)
            << (r.outcome.recheck.method.empty() ? "" : ": " + r.outcome.recheck.method)
            << (r.outcome.recheck.detail.empty() ? "" : " (" + r.outcome.recheck.detail + ")") << "\n";
      if (verbose)
        for (const auto& v : r.outcome.values) {
          out << "    " << v.name << " = " << v.text;
          if (!v.polynomial.empty()) out << "   (root of " << v.polynomial << " in " << v.interval << ")";
          out << "\n";
        }
    }
  }
}

}  // namespace mechcheck
