#include "mechcheck/cases/toml_node.hpp"

#include "toml_impl.hpp"

#include <algorithm>

namespace mechcheck {

namespace {
constexpr std::size_t max_number_digits = 200;
}  // namespace

TomlNode::TomlNode(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
TomlNode::~TomlNode() = default;

const std::string& TomlNode::file() const { return impl_->file; }
unsigned TomlNode::line() const { return impl_->value.location().line(); }
unsigned TomlNode::column() const { return impl_->value.location().column(); }

void TomlNode::fail(const std::string& rule) const {
  // A table's own location is its header; a value's is the value itself.
  throw InputError(impl_->file, line(), column(), rule);
}

bool TomlNode::is_table() const { return impl_->value.is_table(); }
bool TomlNode::is_array() const { return impl_->value.is_array(); }
bool TomlNode::is_string() const { return impl_->value.is_string(); }
bool TomlNode::is_integer() const { return impl_->value.is_integer(); }

std::string TomlNode::type_name() const {
  std::ostringstream out;
  out << impl_->value.type();
  return out.str();
}

bool TomlNode::has(const std::string& key) const {
  return impl_->value.is_table() && impl_->value.as_table().count(key) > 0;
}

TomlNode TomlNode::at(const std::string& key) const {
  if (!impl_->value.is_table()) fail("expected a table (to look up '" + key + "'), found " + type_name());
  const auto& table = impl_->value.as_table();
  auto it = table.find(key);
  if (it == table.end()) fail("missing key '" + key + "' in " + impl_->path);
  return TomlNode(std::make_shared<Impl>(Impl{impl_->file, it->second, impl_->path + "." + key}));
}

std::vector<std::string> TomlNode::keys() const {
  std::vector<std::string> out;
  if (!impl_->value.is_table()) return out;
  for (const auto& [key, value] : impl_->value.as_table()) out.push_back(key);
  std::sort(out.begin(), out.end());
  return out;
}

void TomlNode::allow_only(const std::vector<std::string>& allowed) const {
  if (!impl_->value.is_table()) fail("expected a table, found " + type_name());
  for (const auto& [key, value] : impl_->value.as_table()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      TomlNode(std::make_shared<Impl>(Impl{impl_->file, value, impl_->path + "." + key}))
          .fail("unknown key '" + key + "' in " + impl_->path + " (allowed: " + list + ")");
    }
  }
}

std::vector<TomlNode> TomlNode::elements() const {
  if (!impl_->value.is_array()) fail("expected an array, found " + type_name());
  std::vector<TomlNode> out;
  const auto& array = impl_->value.as_array();
  for (std::size_t i = 0; i < array.size(); ++i)
    out.emplace_back(std::make_shared<Impl>(Impl{impl_->file, array[i], impl_->path + "[" + std::to_string(i) + "]"}));
  return out;
}

Rational TomlNode::rational() const {
  const auto& v = impl_->value;
  if (v.is_integer()) return Rational(static_cast<long long>(v.as_integer()));
  if (v.is_floating())
    fail(
        "a TOML float is not exact (its binary value is not the number written): write the number as a string, "
        "e.g. \"0.1\" (= 1/10) or \"1/3\"");
  if (!v.is_string()) fail("expected a rational number (integer or string \"p/q\"), found " + type_name());
  const std::string& text = v.as_string().str;
  // A case is a small economy: its numbers are written with few digits. A number of thousands
  // of digits (or "1e-999999") is a mistake, and exact arithmetic on it would not end soon.
  if (text.size() > 2 * max_number_digits + 8)
    fail("a number of " + std::to_string(text.size()) +
         " characters: numbers in a case file are written with at most " + std::to_string(max_number_digits) +
         " digits in the numerator and in the denominator");
  std::string why;
  auto q = parse_rational(text, &why);
  if (!q) fail("'" + text + "' is not a rational number: " + why);
  for (const Integer& part : {Integer(abs(numerator(*q))), Integer(denominator(*q))}) {
    std::size_t digits = mpz_sizeinbase(part.backend().data(), 10);  // exact, or one too many
    if (digits > max_number_digits && (digits = part.str().size()) > max_number_digits)
      fail("'" + (text.size() > 40 ? text.substr(0, 40) + "..." : text) + "' has " + std::to_string(digits) +
           " digits in its numerator or denominator: numbers in a case file have at most " +
           std::to_string(max_number_digits));
  }
  return *q;
}

long long TomlNode::integer() const {
  if (!impl_->value.is_integer()) fail("expected an integer, found " + type_name());
  return impl_->value.as_integer();
}

std::string TomlNode::string() const {
  if (!impl_->value.is_string()) fail("expected a string, found " + type_name());
  return impl_->value.as_string().str;
}

bool TomlNode::boolean() const {
  if (!impl_->value.is_boolean()) fail("expected true or false, found " + type_name());
  return impl_->value.as_boolean();
}

std::vector<Rational> TomlNode::rationals() const {
  std::vector<Rational> out;
  for (const auto& e : elements()) out.push_back(e.rational());
  return out;
}

}  // namespace mechcheck
