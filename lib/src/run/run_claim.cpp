// One check of one claim on one case, as every caller runs it: in the standard numeric state,
// its Undecidable and errors turned into verdicts, and what it reports re-checked.
#include "mechcheck/run/runner.hpp"

#include "mechcheck/cases/input_error.hpp"
#include "mechcheck/number/numeric_state.hpp"
#include "mechcheck/number/undecidable.hpp"

#include <exception>
#include <map>

namespace mechcheck {

namespace {

Outcome checked(const Claim& claim, const Case& c, const CheckContext& context) {
  try {
    claim.validate(c);  // the command line validates every job before running any; a library caller may not
    return claim.check(c, context);
  } catch (const TimedOut& e) {
    Outcome out;
    out.verdict = Verdict::inconclusive;
    const long percent = static_cast<long>(e.covered * 100);  // truncated: never more than was covered
    out.summary = "stopped by --timeout with about " + std::to_string(percent) +
                  "% of its work done (as its progress reports count it); no verdict on the rest";
    out.stat("covered_percent", percent);
    return out;
  } catch (const Undecidable& e) {
    Outcome out;
    out.verdict = Verdict::inconclusive;
    out.arithmetic = e.arithmetic();
    out.summary = std::string("a sign could not be decided: ") + e.what();
    return out;
  } catch (const InputError& e) {
    Outcome out;
    out.verdict = Verdict::error;
    out.summary = e.what();
    out.bad_input = true;
    return out;
  } catch (const std::exception& e) {
    Outcome out;
    out.verdict = Verdict::error;
    out.summary = e.what();
    return out;
  }
}

// A witness that its separate re-check rejects is not reported as a finding: the verdict
// becomes `error`, saying what the check claimed and why the re-check disagrees.
void reject(Outcome& out, const std::string& why) {
  out.summary = "the reported " + std::string(to_string(out.verdict)) + " did not survive its independent re-check (" +
                why + "); the check had said: " + out.summary;
  out.verdict = Verdict::error;
}

void recheck(const Claim& claim, const Case& c, Outcome& out) {
  if (out.verdict != Verdict::refuted && out.verdict != Verdict::holds) return;
  std::optional<Recheck> r;
  try {
    r = claim.recheck(c, out);
  } catch (const Undecidable& e) {
    out.recheck = {RecheckNote::Status::undecided, "", e.what()};
    return;
  } catch (const std::exception& e) {
    out.recheck = {RecheckNote::Status::not_applicable, "", ""};
    reject(out, std::string("the re-check failed to run: ") + e.what());
    return;
  }
  if (!r) {
    if (out.verdict == Verdict::refuted)
      out.recheck = {RecheckNote::Status::unavailable, "", "no separate re-check of this witness"};
    return;
  }
  if (!r->passed) {
    out.recheck = {RecheckNote::Status::not_applicable, r->method, r->detail};
    reject(out, r->method + ": " + r->detail);
    return;
  }
  out.recheck = {RecheckNote::Status::passed, r->method, r->detail};
}

// Reports file each value under its machine key: two values of one list with the same key are a
// checker's naming bug, reported as an error rather than one value silently hiding the other.
void require_distinct_keys(Outcome& out) {
  for (const auto* list : {&out.witness, &out.values, &out.stats}) {
    std::map<std::string, std::string> labels;
    for (const Value& v : *list) {
      const auto [at, fresh] = labels.emplace(machine_key(v.name), v.name);
      if (fresh) continue;
      out.summary = "internal: the values '" + at->second + "' and '" + v.name + "' share the machine key '" +
                    at->first + "'; the check had said: " + out.summary;
      out.verdict = Verdict::error;
      return;
    }
  }
}

}  // namespace

Outcome run_claim(const Claim& claim, const Case& c, const CheckContext& context) {
  // Every check starts from the same numeric state, whatever ran before on this thread.
  NumericScope numeric_state(NumericState::standard());
  Outcome out = checked(claim, c, context);
  recheck(claim, c, out);
  require_distinct_keys(out);
  return out;
}

}  // namespace mechcheck
