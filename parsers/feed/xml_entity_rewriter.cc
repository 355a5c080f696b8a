#include "parsers/feed/xml_entity_rewriter.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "common/strings.h"
#include "parsers/text/html_entities.h"

namespace gpalert {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

// Escapes a declared entity's value so it is substituted as text, never as markup.
std::string EscapeEntityValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

// Finds the end ('>' after an optional [...] internal subset) of a DOCTYPE at `start`.
size_t DoctypeEnd(std::string_view s, size_t start) {
  size_t i = start + 9;
  char quote = 0;
  bool in_subset = false;
  while (i < s.size()) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      in_subset = true;
    } else if (c == ']') {
      in_subset = false;
    } else if (c == '>' && !in_subset) {
      return i + 1;
    } else if (in_subset && s.substr(i, 4) == "<!--") {
      size_t end = s.find("-->", i + 4);
      if (end == std::string_view::npos) return s.size();
      i = end + 3;
      continue;
    }
    ++i;
  }
  return s.size();
}

// Collects <!ENTITY name "value"> declarations whose value is plain text or a single
// character reference. Parameter entities and external ones are ignored.
std::map<std::string, std::string, std::less<>> SafeEntities(std::string_view doctype,
                                                             std::vector<std::string>* warnings) {
  std::map<std::string, std::string, std::less<>> out;
  size_t i = 0;
  bool unsafe_seen = false;
  while ((i = doctype.find("<!ENTITY", i)) != std::string_view::npos) {
    i += 8;
    size_t j = i;
    while (j < doctype.size() && IsSpace(doctype[j])) ++j;
    if (j < doctype.size() && doctype[j] == '%') {
      unsafe_seen = true;
      continue;
    }
    size_t ns = j;
    while (j < doctype.size() && IsNameChar(doctype[j])) ++j;
    std::string name(doctype.substr(ns, j - ns));
    while (j < doctype.size() && IsSpace(doctype[j])) ++j;
    if (name.empty() || j >= doctype.size() || (doctype[j] != '"' && doctype[j] != '\'')) {
      unsafe_seen = true;  // SYSTEM / PUBLIC: external, never loaded
      continue;
    }
    char q = doctype[j];
    size_t close = doctype.find(q, j + 1);
    if (close == std::string_view::npos) break;
    std::string_view value = doctype.substr(j + 1, close - j - 1);
    char32_t cp;
    size_t len;
    bool single_ref = !value.empty() && value[0] == '&' &&
                      ParseCharacterReference(value, &cp, &len) && len == value.size() &&
                      value[1] == '#';
    if (value.find('&') == std::string_view::npos || single_ref) {
      out.emplace(std::move(name), single_ref ? std::string(value) : EscapeEntityValue(value));
    } else {
      unsafe_seen = true;
    }
    i = close + 1;
  }
  if (unsafe_seen)
    warnings->push_back("DOCTYPE declares external, parameter or nested entities; not expanded");
  return out;
}

// True when a numeric reference names a character XML 1.0 allows (checked on the
// number as written, before any windows-1252 repair).
bool IsXmlCharReference(std::string_view ref) {
  bool hex = ref.size() > 2 && (ref[2] == 'x' || ref[2] == 'X');
  unsigned long value = 0;
  for (size_t k = hex ? 3 : 2; k + 1 < ref.size(); ++k) {
    char c = ref[k];
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;
    value = value * (hex ? 16 : 10) + static_cast<unsigned long>(d);
    if (value > 0x10FFFF) return false;
  }
  if (value < 0x20) return value == 0x9 || value == 0xA || value == 0xD;
  if (value >= 0xD800 && value <= 0xDFFF) return false;
  return value != 0xFFFE && value != 0xFFFF;
}

bool IsXmlPredefined(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

// Builds the rewritten text lazily: nothing is copied until the first change, so a
// clean document costs one scan and no allocation.
class LazyOutput {
 public:
  explicit LazyOutput(std::string_view source, std::string* out) : source_(source), out_(out) {}

  // Replaces source[at, at + length) by `replacement`.
  void Replace(size_t at, size_t length, std::string_view replacement) {
    if (!changed_) out_->reserve(source_.size() + source_.size() / 64);
    changed_ = true;
    out_->append(source_.substr(copied_, at - copied_));
    out_->append(replacement);
    copied_ = at + length;
  }

  // Finishes; false when nothing changed (the output is then empty).
  bool Finish() {
    if (changed_) out_->append(source_.substr(copied_));
    return changed_;
  }

 private:
  std::string_view source_;
  std::string* out_;
  size_t copied_ = 0;
  bool changed_ = false;
};

// End of a construct copied verbatim (comment, CDATA, PI): just past `terminator`.
size_t SkipThrough(std::string_view s, size_t i, std::string_view terminator) {
  size_t end = s.find(terminator, i);
  return end == std::string_view::npos ? s.size() : end + terminator.size();
}

}  // namespace

RewrittenXml RewriteXmlEntities(std::string_view s) {
  RewrittenXml result;
  LazyOutput out(s, &result.text);
  std::map<std::string, std::string, std::less<>> declared;
  // Expansion budget: substituted text may add at most this many bytes.
  size_t budget = 1024 * 1024 + s.size();
  bool budget_warned = false;
  std::set<std::string, std::less<>> undefined;
  size_t bare_amps = 0;
  size_t bad_references = 0;
  bool seen_element = false;

  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] != '&' && s[i] != '<') ++i;  // find_first_of is slower
    if (i == s.size()) break;
    if (s[i] == '<') {
      std::string_view rest = s.substr(i);
      if (rest.starts_with("<!--")) {
        i = SkipThrough(s, i, "-->");
      } else if (rest.starts_with("<![CDATA[")) {
        i = SkipThrough(s, i, "]]>");
      } else if (rest.starts_with("<?")) {
        i = SkipThrough(s, i, "?>");
      } else if (rest.starts_with("<!DOCTYPE") && !seen_element) {
        size_t end = DoctypeEnd(s, i);
        auto entities = SafeEntities(s.substr(i, end - i), &result.warnings);
        declared.insert(entities.begin(), entities.end());
        result.had_doctype = true;
        out.Replace(i, end - i, "");
        i = end;
      } else {
        seen_element = true;
        ++i;
      }
      continue;
    }
    // '&'
    char32_t cp;
    size_t len;
    if (i + 1 < s.size() && s[i + 1] == '#' && ParseCharacterReference(s.substr(i), &cp, &len)) {
      if (!IsXmlCharReference(s.substr(i, len))) {
        out.Replace(i, len, "&#xFFFD;");  // NUL, control, surrogate or out-of-range reference
        ++bad_references;
      }
      i += len;
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && j - i < 64 && IsNameChar(s[j])) ++j;
    std::string_view name = s.substr(i + 1, j - i - 1);
    if (!name.empty() && j < s.size() && s[j] == ';') {
      size_t length = j + 1 - i;
      if (IsXmlPredefined(name)) {
        // kept
      } else if (auto it = declared.find(name); it != declared.end()) {
        if (it->second.size() <= budget) {
          budget -= it->second.size();
          out.Replace(i, length, it->second);
        } else {
          if (!budget_warned)
            result.warnings.push_back("entity expansion budget exceeded; references kept as text");
          budget_warned = true;
          out.Replace(i, 1, "&amp;");
        }
      } else if (auto html = LookupHtmlEntity(name)) {
        out.Replace(i, length, fmt::format("&#{};", static_cast<unsigned>(*html)));
        if (undefined.size() < 8) undefined.emplace(name);
      } else {
        out.Replace(i, 1, "&amp;");
        if (undefined.size() < 8) undefined.emplace(name);
      }
      i = j + 1;
      continue;
    }
    out.Replace(i, 1, "&amp;");
    ++bare_amps;
    ++i;
  }
  result.changed = out.Finish();
  for (const auto& name : undefined)
    result.warnings.push_back(fmt::format("undefined entity &{}; (recovered)", name));
  if (bad_references > 0)
    result.warnings.push_back(fmt::format(
        "{} character reference(s) to characters XML does not allow (replaced by U+FFFD)",
        bad_references));
  if (bare_amps > 0)
    result.warnings.push_back(fmt::format("{} unescaped '&' (kept as text)", bare_amps));
  return result;
}

}  // namespace gpalert
