#include "parsers/text/html_to_text.h"

#include "common/strings.h"
#include "parsers/text/html_entities.h"

namespace gpalert {
namespace {

bool IsTagNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Name of the tag whose '<' is at s[i] (lower-cased, without '/'), e.g. "script".
std::string TagName(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  std::size_t start = j;
  while (j < s.size() && IsTagNameChar(s[j])) ++j;
  return AsciiLower(s.substr(start, j - start));
}

// Position of `needle` (lower case) in `s` from `from`, ignoring ASCII case; s.size() if absent.
std::size_t FindIgnoreCase(std::string_view s, std::string_view needle, std::size_t from) {
  for (std::size_t k = from; k + needle.size() <= s.size(); ++k)
    if (StartsWithIgnoreCase(s.substr(k), needle)) return k;
  return s.size();
}

std::string CutAtBoundary(std::string text, std::size_t max_chars) {
  if (text.size() <= max_chars) return text;
  std::size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::size_t space = text.rfind(' ', cut);
  if (space != std::string::npos && space > max_chars / 2) cut = space;
  text.resize(cut);
  text += "\u2026";
  return text;
}

}  // namespace

std::string HtmlToText(std::string_view html, std::size_t max_chars) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      std::string name = TagName(html, i);
      bool opening = i + 1 < html.size() && html[i + 1] != '/';
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;  // an unterminated tag ends the text
      i = end + 1;
      if (opening && (name == "script" || name == "style") && html[i - 2] != '/') {
        i = FindIgnoreCase(html, "</" + name, i);
        continue;
      }
      out += ' ';  // tags separate words ("<p>a</p><p>b</p>" is "a b")
      continue;
    }
    if (c == '&') {
      char32_t cp = 0;
      std::size_t used = 0;
      if (ParseCharacterReference(html.substr(i), &cp, &used)) {
        AppendUtf8(&out, cp);
        i += used;
        continue;
      }
    }
    out += c;
    ++i;
  }
  // U+00A0 counts as space here so "a&nbsp;b" does not glue words at collapse.
  std::string spaced;
  spaced.reserve(out.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k] == '\xC2' && k + 1 < out.size() && out[k + 1] == '\xA0') {
      spaced += ' ';
      ++k;
    } else {
      spaced += out[k];
    }
  }
  return ShortenText(spaced, max_chars);
}

std::string ShortenText(std::string_view text, std::size_t max_chars) {
  return CutAtBoundary(CollapseWhitespace(SanitizeUtf8(text)), max_chars);
}

}  // namespace gpalert
