#include "mechcheck/claims/claim.hpp"


#include <exception>

namespace mechcheck {

void HypothesisLedger::record(const std::string& name, bool holds, const std::string& detail) {
  std::string state = holds ? "holds" : (context_.dropped(name) ? "fails (dropped)" : "fails");
  findings_.push_back(make_text("hypothesis " + name, state + (detail.empty() ? "" : ": " + detail)));
  if (!holds) {
    if (context_.dropped(name)) dropped_failed_.push_back(name);
    else unmet_.push_back(name);
  }
}

std::optional<Outcome> HypothesisLedger::unmet_outcome(Arithmetic arithmetic) const {
  if (unmet_.empty()) return std::nullopt;
  Outcome out;
  out.verdict = Verdict::hypotheses_unmet;
  out.arithmetic = arithmetic;
  out.unmet = unmet_;
  std::string names;
  for (const auto& n : unmet_) names += (names.empty() ? "" : ", ") + n;
  out.summary = "hypothesis not met on this instance: " + names;
  annotate(out);
  return out;
}

void HypothesisLedger::annotate(Outcome& outcome) const {
  for (const auto& f : findings_) outcome.values.push_back(f);
  for (const auto& d : dropped_failed_) outcome.dropped.push_back(d);
}

void guard_enumeration_size(const CheckContext& context, unsigned long long points, const std::string& what) {
  if (points > context.enumeration_limit)
    throw TooLarge(what + " has " + std::to_string(points) + " points, above the limit of " +
                   std::to_string(context.enumeration_limit) +
                   ": shrink the instance, or raise the limit with --limit " + std::to_string(points));
}

const char* to_string(Necessity n) {
  switch (n) {
    case Necessity::counterexample: return "counterexample";
    case Necessity::vacuous: return "vacuous";
    case Necessity::scope: return "scope";
    case Necessity::open: return "open";
  }
  return "?";
}

}  // namespace mechcheck
