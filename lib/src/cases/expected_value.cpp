#include "mechcheck/cases/expected_value.hpp"

#include "mechcheck/number/algebraic.hpp"
#include "mechcheck/number/decimal.hpp"

#include <regex>

namespace mechcheck {
namespace {

constexpr std::size_t max_degree = 64;

std::string position(const std::string& path, unsigned line, unsigned column) {
  return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

Rational exact_number(const TomlNode& node) {
  return node.rational();  // a TOML integer or a string "p/q", "p", "0.25"; never a float
}

std::pair<Rational, Rational> interval_of(const TomlNode& node) {
  if (!node.is_array() || node.elements().size() != 2)
    node.fail("an interval is two exact numbers, e.g. [\"1.41\", \"1.42\"]");
  const auto ends = node.elements();
  const Rational lo = exact_number(ends[0]), hi = exact_number(ends[1]);
  if (lo > hi) node.fail("an interval [lo, hi] needs lo <= hi");
  return {lo, hi};
}

ExpectedValue read_algebraic(const TomlNode& entry, ExpectedValue x) {
  entry.allow_only({"polynomial", "interval", "root"});
  const TomlNode p = entry.at("polynomial");
  std::string why;
  const auto polynomial = parse_polynomial(p.string(), &why);
  if (!polynomial) p.fail("polynomial: " + why);
  if (polynomial->size() < 2) p.fail("polynomial: a nonzero constant has no root");
  // Its roots are isolated while the case loads: a degree far beyond any reported value's is
  // refused rather than left to run for minutes.
  if (polynomial->size() > max_degree + 1)
    p.fail("polynomial: degree " + std::to_string(polynomial->size() - 1) + " is above " + std::to_string(max_degree));
  x.form = ExpectedValue::Form::algebraic;
  x.polynomial = *polynomial;
  const auto roots = real_roots_ascending(x.polynomial);
  if (entry.has("interval") == entry.has("root"))
    entry.fail("an algebraic number names its root by `interval = [lo, hi]` (isolating) or `root = k`, one of them");
  if (entry.has("root")) {
    const TomlNode k = entry.at("root");
    x.root = static_cast<long>(k.integer());
    if (x.root < 1 || x.root > static_cast<long>(roots.size()))
      k.fail("root " + std::to_string(x.root) + ": " + p.string() + " has " + std::to_string(roots.size()) +
             " real roots (root 1 is the least)");
  } else {
    const TomlNode node = entry.at("interval");
    const auto [lo, hi] = interval_of(node);
    long found = 0;
    for (std::size_t k = 0; k < roots.size(); ++k)
      if (Algebraic(lo) <= roots[k] && roots[k] <= Algebraic(hi)) {
        if (found) node.fail("the interval holds more than one root of " + p.string() + ": narrow it to isolate one");
        found = static_cast<long>(k) + 1;
      }
    if (!found) node.fail("the interval holds no real root of " + p.string());
    x.root = found;
  }
  return x;
}

ExpectedValue read_one(const std::string& key, const TomlNode& node) {
  ExpectedValue x;
  x.key = key;
  x.line = node.line();
  x.column = node.column();
  static const std::regex machine_key_form("[A-Za-z_][A-Za-z0-9_]*");
  if (!std::regex_match(key, machine_key_form))
    node.fail("value key '" + key +
              "': a value is named by its machine key (letters, digits and '_', as reports show it)");
  if (node.is_integer()) {
    x.form = ExpectedValue::Form::count;
    x.count = node.integer();
    x.written = std::to_string(x.count);
  } else if (node.is_string()) {
    x.form = ExpectedValue::Form::rational;
    x.rational = exact_number(node);
    x.written = node.string();
  } else if (node.is_table()) {
    if (node.has("within")) {
      node.allow_only({"within"});
      x.form = ExpectedValue::Form::within;
      std::tie(x.lo, x.hi) = interval_of(node.at("within"));
      x.written = "within [" + to_string(x.lo) + ", " + to_string(x.hi) + "]";
    } else if (node.has("text")) {
      node.allow_only({"text"});
      x.form = ExpectedValue::Form::text;
      x.text = node.string("text");
      x.written = "\"" + x.text + "\"";
    } else if (node.has("polynomial")) {
      x = read_algebraic(node, x);
      x.written = "root " + std::to_string(x.root) + " of " + node.string("polynomial");
    } else {
      node.fail("value '" + key + "': a table asserts { within = [lo, hi] }, { text = \"...\" } or " +
                "{ polynomial = \"...\", interval = [lo, hi] } / { polynomial = \"...\", root = k }");
    }
  } else {
    node.fail("value '" + key + "': write an exact number as a string (\"1/12\", \"0.25\"), a count as an integer, " +
              "or a table (within, polynomial, text); a TOML float is not exact");
  }
  return x;
}

const Value* reported(const Outcome& outcome, const std::string& key) {
  for (const auto* list : {&outcome.values, &outcome.witness, &outcome.stats})
    for (const Value& v : *list)
      if (machine_key(v.name) == key) return &v;
  return nullptr;
}

std::string shown(const Value& v) {
  std::string out = v.text;
  if (v.kind == "algebraic") out += " (root of " + v.polynomial + " in " + v.interval + ")";
  else if (v.kind == "interval") out += " (enclosure " + v.interval + ")";
  else if (v.kind == "decimal") out += " (numeric, not certified)";
  return out;
}

// Why the reported value `v` is not the asserted `x`; empty when it is.
std::string difference(const ExpectedValue& x, const Value& v) {
  using Form = ExpectedValue::Form;
  const auto exact = value_as_algebraic(v);
  const auto enclosure = value_enclosure(v);
  switch (x.form) {
    case Form::count:
      if (v.kind != "count" && v.kind != "rational") return shown(v) + ", a " + v.kind + " value, not a count";
      return exact && *exact == Algebraic(Rational(x.count)) ? "" : shown(v);
    case Form::rational:
    case Form::algebraic: {
      if (enclosure)
        return shown(v) + ": a certified enclosure cannot equal an exact number; assert it with { within = [lo, hi] }";
      if (!exact) return shown(v) + ", a " + v.kind + " value, not an exact number";
      const Algebraic expected =
          x.form == Form::rational ? Algebraic(x.rational) : real_roots_ascending(x.polynomial).at(x.root - 1);
      return *exact == expected ? "" : shown(v);
    }
    case Form::within:
      if (enclosure) return x.lo <= enclosure->first && enclosure->second <= x.hi ? "" : shown(v) + ", not inside";
      if (exact) return Algebraic(x.lo) <= *exact && *exact <= Algebraic(x.hi) ? "" : shown(v) + ", not inside";
      return shown(v) + ", a " + v.kind + " value: only exact and certified values can be asserted";
    case Form::text:
      return v.text == x.text ? "" : "\"" + v.text + "\"";
  }
  return "?";
}

}  // namespace

std::vector<ExpectedValue> read_expected_values(const TomlNode& table) {
  if (!table.is_table()) table.fail("values is a table: values = { KEY = \"1/12\", ... }");
  std::vector<ExpectedValue> out;
  for (const auto& key : table.keys()) out.push_back(read_one(key, table.at(key)));
  return out;
}

std::string ValueMismatch::message() const {
  return where + ": value " + key + ": expected " + expected + ", computed " + computed;
}

std::vector<ValueMismatch> compare_expected_values(const std::string& case_path,
                                                   const std::vector<ExpectedValue>& expected, const Outcome& outcome) {
  std::vector<ValueMismatch> out;
  for (const ExpectedValue& x : expected) {
    const std::string where = position(case_path, x.line, x.column);
    const Value* v = reported(outcome, x.key);
    if (!v) {
      std::string keys;
      for (const auto* list : {&outcome.values, &outcome.witness, &outcome.stats})
        for (const Value& r : *list) keys += (keys.empty() ? "" : ", ") + machine_key(r.name);
      out.push_back({x.key, x.written,
                     "nothing: the check reports no value of that key (it reports: " +
                         (keys.empty() ? std::string("none") : keys) + ")",
                     where});
      continue;
    }
    std::string why;
    try {
      why = difference(x, *v);
    } catch (const std::exception& e) {
      why = shown(*v) + " (unreadable: " + e.what() + ")";
    }
    if (!why.empty()) out.push_back({x.key, x.written, why, where});
  }
  return out;
}

}  // namespace mechcheck
