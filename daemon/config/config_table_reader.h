// ConfigTableReader: typed, located reads of one TOML table of the config (toml++).
// Every failure becomes "FILE:LINE:COL: message"; the first failure sticks and later
// reads are no-ops, so a section is read straight through and checked once at the end.
// Used only inside the config loader, on the loading thread.
#pragma once

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gpalert {

// "FILE:LINE:COL" for a toml++ source region (line/column 1 when toml++ has none).
std::string ConfigLocation(std::string_view file, const toml::source_region& region);

// The candidate closest to `word` by edit distance, or "" when none is close.
std::string NearestWord(std::string_view word, const std::vector<std::string>& candidates);

class ConfigTableReader {
 public:
  // `table` must outlive the reader. `what` names the table in messages ("[daemon]").
  ConfigTableReader(std::string file, const toml::table& table, std::string what);

  // Fails on the first key not in `allowed`, hinting the nearest allowed key.
  void CheckKeys(std::initializer_list<std::string_view> allowed);
  // Fails at the table's position when `key` is absent.
  void Require(std::string_view key, std::string_view example);

  // Each leaves *out unchanged when the key is absent.
  void String(std::string_view key, std::string* out);
  void OptionalString(std::string_view key, std::optional<std::string>* out);
  void Int(std::string_view key, int* out, int min, int max);
  // A number (integer or float) within [min, max].
  void Number(std::string_view key, double* out, double min, double max);
  void Bool(std::string_view key, bool* out);
  void StringList(std::string_view key, std::vector<std::string>* out);
  // Zero is refused unless `allow_zero`.
  void Duration(std::string_view key, std::chrono::seconds* out, bool allow_zero = false);
  void ByteSize(std::string_view key, std::uint64_t* out);

  // A string converted by `parse(std::string_view, T*) -> bool`; when it returns false
  // the failure reads: bad KEY "VALUE" (HELP). *out unchanged when the key is absent.
  template <typename T, typename Parse>
  void Parsed(std::string_view key, T* out, Parse parse, std::string_view help) {
    const toml::value<std::string>* s = StringNode(key);
    if (s && !parse(std::string_view(s->get()), out)) {
      FailAt(*s, "bad " + std::string(key) + " \"" + s->get() + "\" (" + std::string(help) + ")");
    }
  }

  // The node of `key` (nullptr when absent), and a failure located at it.
  const toml::node* Find(std::string_view key) const;
  const toml::table& table() const { return table_; }
  void FailAt(const toml::node& node, std::string_view message);
  void FailAt(const toml::source_region& region, std::string_view message);
  // Location of the node of `key`, or of the table when absent.
  std::string LocationOf(std::string_view key) const;

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const std::string& file() const { return file_; }
  const std::string& what() const { return what_; }

 private:
  // The string at `key`, type-checked; nullptr when absent or wrong.
  const toml::value<std::string>* StringNode(std::string_view key);

  std::string file_;
  const toml::table& table_;
  std::string what_;
  Status status_;
};

}  // namespace gpalert
