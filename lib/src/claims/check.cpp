#include "mechcheck/claims/check.hpp"

namespace mechcheck {

bool Check::hypothesis(const std::string& name, bool holds, const std::string& detail) {
  const bool dropped = context_.dropped(name);
  const std::string state = holds ? "holds" : (dropped ? "fails (dropped)" : "fails");
  findings_.push_back(make_text("hypothesis " + name, state + (detail.empty() ? "" : ": " + detail)));
  if (!holds) (dropped ? dropped_failed_ : unmet_).push_back(name);
  return holds;
}

Check& Check::stat(std::string name, long long n) {
  stats_.push_back(make_value(std::move(name), n));
  return *this;
}

Check& Check::stat(std::string name, std::string text) {
  stats_.push_back(make_text(std::move(name), std::move(text)));
  return *this;
}

Outcome Check::finish(Verdict verdict, std::string summary) const {
  Outcome out;
  out.verdict = verdict;
  out.arithmetic = arithmetic_;
  out.summary = std::move(summary);
  out.values = values_;
  out.values.insert(out.values.end(), findings_.begin(), findings_.end());
  out.witness = witness_;
  out.stats = stats_;
  out.dropped = dropped_failed_;
  return out;
}

Outcome Check::unmet(const std::string& finding) const {
  std::string names;
  for (const auto& n : unmet_) names += (names.empty() ? "" : ", ") + n;
  std::string summary = "hypothesis not met on this instance: " + names;
  if (!finding.empty()) summary += "; " + finding;
  Outcome out = finish(Verdict::hypotheses_unmet, std::move(summary));
  out.unmet = unmet_;
  return out;
}

}  // namespace mechcheck
