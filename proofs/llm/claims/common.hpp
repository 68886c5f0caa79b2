#pragma once
// Small helpers shared by the llm checkers: naming values as the paper does.
#include "mechcheck/cases/case.hpp"
#include "mechcheck/claims/check.hpp"
#include "mechcheck/claims/claim.hpp"
#include "llm/model/spot_market.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace mechcheck::proofs::llm_detail {

// What one judging step of a checker found: whether its part of the conclusion holds, and why,
// in words (the step records its witness and counts in the Check it is given).
struct Judgement {
  bool holds = false;
  std::string why;
};

// name_1 = ..., name_2 = ... (agents are numbered from 1, as in the paper).
template <class T>
void add_indexed(std::vector<Value>& into, const std::string& name, const std::vector<T>& values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    into.push_back(make_value(name + "_" + std::to_string(i + 1), values[i]));
}
// The same, as reported values and as witness entries of a check.
template <class T>
void value_indexed(Check& check, const std::string& name, const std::vector<T>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) check.value(name + "_" + std::to_string(i + 1), values[i]);
}
template <class T>
void witness_indexed(Check& check, const std::string& name, const std::vector<T>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) check.witness(name + "_" + std::to_string(i + 1), values[i]);
}

inline bool all_equal(const std::vector<Algebraic>& x) {
  for (const auto& v : x)
    if (v != x.front()) return false;
  return true;
}

inline std::string list(const std::vector<Algebraic>& x) {
  std::string out;
  for (const auto& v : x) out += (out.empty() ? "" : ", ") + v.to_string(12);
  return "(" + out + ")";
}

inline std::string holdings_text(const mechcheck::llm::Economy& e) { return e.holdings ? "explicit r" : "r = r*"; }

// A claim's precondition on agent i (from 0) broken: throws InputError at `key` of the
// [[llm.agent]] table that made agent i (tables with `count = c` make c agents), else at
// that table, else (a case built in memory) naming the case.
[[noreturn]] inline void fail_at_agent(const Case& c, std::size_t i, const std::string& key, const std::string& rule) {
  if (c.document && c.document->has("llm") && c.document->at("llm").has("agent")) {
    std::size_t first = 0;  // the first agent the table makes
    for (const auto& table : c.document->at("llm").at("agent").elements()) {
      const std::size_t count = table.has("count") ? static_cast<std::size_t>(table.integer("count")) : 1;
      if (i < first + count) {
        if (table.has(key)) table.at(key).fail(rule);
        table.fail(rule);
      }
      first += count;
    }
  }
  c.fail({"llm", "agent"}, rule);
}

}  // namespace mechcheck::proofs::llm_detail
