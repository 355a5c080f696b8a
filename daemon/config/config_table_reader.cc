#include "daemon/config/config_table_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/duration.h"

namespace gpalert {
namespace {

const char* TypeName(toml::node_type type) {
  switch (type) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "nothing";
  }
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string ConfigLocation(std::string_view file, const toml::source_region& region) {
  auto line = region.begin.line == 0 ? 1u : region.begin.line;
  auto column = region.begin.column == 0 ? 1u : region.begin.column;
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string NearestWord(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

ConfigTableReader::ConfigTableReader(std::string file, const toml::table& table, std::string what)
    : file_(std::move(file)), table_(table), what_(std::move(what)) {}

void ConfigTableReader::FailAt(const toml::source_region& region, std::string_view message) {
  if (!status_.ok()) return;
  std::string printable;  // values echoed in the message may hold control characters
  for (unsigned char c : message) {
    if (c < 0x20 || c == 0x7f)
      printable += fmt::format("\\x{:02x}", c);
    else
      printable += static_cast<char>(c);
  }
  status_ =
      Status::InvalidArgument(fmt::format("{}: {}", ConfigLocation(file_, region), printable));
}

void ConfigTableReader::FailAt(const toml::node& node, std::string_view message) {
  FailAt(node.source(), message);
}

const toml::node* ConfigTableReader::Find(std::string_view key) const { return table_.get(key); }

std::string ConfigTableReader::LocationOf(std::string_view key) const {
  const toml::node* node = Find(key);
  return ConfigLocation(file_, node ? node->source() : table_.source());
}

void ConfigTableReader::CheckKeys(std::initializer_list<std::string_view> allowed) {
  if (!ok()) return;
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (auto&& [key, node] : table_) {
    if (std::find(names.begin(), names.end(), key.str()) != names.end()) continue;
    std::string hint = NearestWord(key.str(), names);
    std::string valid;
    for (const auto& n : names) valid += (valid.empty() ? "" : ", ") + n;
    FailAt(key.source(),
           hint.empty()
               ? fmt::format("unknown key \"{}\" in {} (valid keys: {})", key.str(), what_, valid)
               : fmt::format("unknown key \"{}\" in {} (did you mean \"{}\"?)", key.str(), what_,
                             hint));
    return;
  }
}

void ConfigTableReader::Require(std::string_view key, std::string_view example) {
  if (!ok() || Find(key)) return;
  FailAt(table_.source(),
         fmt::format("{} is missing \"{}\" (add e.g. {} = {})", what_, key, key, example));
}

const toml::value<std::string>* ConfigTableReader::StringNode(std::string_view key) {
  const toml::node* node = Find(key);
  if (!ok() || !node) return nullptr;
  if (!node->is_string()) {
    FailAt(*node, fmt::format("\"{}\" in {} must be a string, not {}", key, what_,
                              TypeName(node->type())));
    return nullptr;
  }
  return node->as_string();
}

void ConfigTableReader::String(std::string_view key, std::string* out) {
  if (auto* s = StringNode(key)) *out = s->get();
}

void ConfigTableReader::OptionalString(std::string_view key, std::optional<std::string>* out) {
  if (auto* s = StringNode(key)) *out = s->get();
}

void ConfigTableReader::Int(std::string_view key, int* out, int min, int max) {
  const toml::node* node = Find(key);
  if (!ok() || !node) return;
  if (!node->is_integer()) {
    FailAt(*node, fmt::format("\"{}\" in {} must be an integer, not {}", key, what_,
                              TypeName(node->type())));
    return;
  }
  std::int64_t v = node->as_integer()->get();
  if (v < min || v > max) {
    FailAt(*node, fmt::format("\"{}\" = {} is out of range (use {} to {})", key, v, min, max));
    return;
  }
  *out = static_cast<int>(v);
}

void ConfigTableReader::Number(std::string_view key, double* out, double min, double max) {
  const toml::node* node = Find(key);
  if (!ok() || !node) return;
  if (!node->is_number()) {
    FailAt(*node, fmt::format("\"{}\" in {} must be a number, not {}", key, what_,
                              TypeName(node->type())));
    return;
  }
  double v = node->value<double>().value_or(0);
  if (!(v >= min && v <= max)) {
    FailAt(*node, fmt::format("\"{}\" = {} is out of range (use {} to {})", key, v, min, max));
    return;
  }
  *out = v;
}

void ConfigTableReader::Bool(std::string_view key, bool* out) {
  const toml::node* node = Find(key);
  if (!ok() || !node) return;
  if (!node->is_boolean()) {
    FailAt(*node, fmt::format("\"{}\" in {} must be true or false, not {}", key, what_,
                              TypeName(node->type())));
    return;
  }
  *out = node->as_boolean()->get();
}

void ConfigTableReader::StringList(std::string_view key, std::vector<std::string>* out) {
  const toml::node* node = Find(key);
  if (!ok() || !node) return;
  if (!node->is_array()) {
    FailAt(*node, fmt::format("\"{}\" in {} must be an array of strings, not {}", key, what_,
                              TypeName(node->type())));
    return;
  }
  std::vector<std::string> values;
  for (const toml::node& item : *node->as_array()) {
    if (!item.is_string()) {
      FailAt(item, fmt::format("\"{}\" in {} must hold only strings, not {}", key, what_,
                               TypeName(item.type())));
      return;
    }
    values.push_back(item.as_string()->get());
  }
  *out = std::move(values);
}

void ConfigTableReader::Duration(std::string_view key, std::chrono::seconds* out, bool allow_zero) {
  auto* s = StringNode(key);
  if (!s) return;
  auto parsed = ParseDuration(s->get());
  if (!parsed.ok()) {
    FailAt(*s, fmt::format("\"{}\": {}", key, parsed.status().message()));
  } else if (parsed->count() == 0 && !allow_zero) {
    FailAt(*s, fmt::format("\"{}\" must be longer than zero", key));
  } else {
    *out = *parsed;
  }
}

void ConfigTableReader::ByteSize(std::string_view key, std::uint64_t* out) {
  auto* s = StringNode(key);
  if (!s) return;
  auto parsed = ParseByteSize(s->get());
  if (!parsed.ok()) {
    FailAt(*s, fmt::format("\"{}\": {}", key, parsed.status().message()));
  } else {
    *out = *parsed;
  }
}

}  // namespace gpalert
