// Feeds an HTML fragment to SanitizeHtml and HtmlToPlainText; checks no dropped tag, on* attribute
// or unsafe URL survives.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "common/html_escape.h"
#include "common/strings.h"
#include "parsers/text/html_sanitizer.h"
#include "parsers/text/html_sanitizer_allow_lists.h"

#include "fuzz_check.h"

namespace {

namespace lists = gpalert::sanitizer_lists;

template <const auto& kList>
bool In(std::string_view s) {
  return std::find(std::begin(kList), std::end(kList), s) != std::end(kList);
}

// An attribute value as a browser reads it back from EscapeHtml's output.
std::string Unescape(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    FUZZ_CHECK(v[i] != '<' && v[i] != '>' && v[i] != '"');
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    size_t semi = v.find(';', i);
    FUZZ_CHECK(semi != std::string_view::npos);
    std::string_view entity = v.substr(i, semi + 1 - i);
    FUZZ_CHECK(entity == "&amp;" || entity == "&lt;" || entity == "&gt;" || entity == "&quot;");
    out += entity == "&amp;" ? '&' : entity == "&lt;" ? '<' : entity == "&gt;" ? '>' : '"';
    i = semi;
  }
  return out;
}

// The scheme a browser's URL parser finds: leading/trailing C0 controls and spaces
// stripped, tabs and newlines removed anywhere, then ALPHA *(ALPHA / DIGIT / + - .) ':'.
std::string BrowserScheme(std::string_view url) {
  std::string clean;
  for (char c : url)
    if (c != '\t' && c != '\n' && c != '\r') clean += c;
  std::string_view s = clean;
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  size_t i = 0;
  while (i < s.size() && (std::isalpha(static_cast<unsigned char>(s[i])) ||
                          (i > 0 && (std::isdigit(static_cast<unsigned char>(s[i])) ||
                                     s[i] == '+' || s[i] == '-' || s[i] == '.'))))
    ++i;
  if (i == 0 || i == s.size() || s[i] != ':') return "";
  return gpalert::AsciiLower(s.substr(0, i));
}

// Walks the sanitiser's output: text with '<' escaped, and tags it wrote itself
// (<name attr="value" ...>, <name ... />, </name>), and checks each tag.
void CheckSanitized(std::string_view out) {
  size_t i = 0;
  while ((i = out.find('<', i)) != std::string_view::npos) {
    size_t end = out.find('>', i);
    FUZZ_CHECK(end != std::string_view::npos);
    std::string_view tag = out.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.starts_with("/")) tag.remove_prefix(1);
    size_t name_end = std::min(tag.size(), tag.find_first_of(" /"));
    std::string name = gpalert::AsciiLower(tag.substr(0, name_end));
    FUZZ_CHECK(!name.empty());
    FUZZ_CHECK(name == "noscript" || !In<lists::kDropWithContent>(name));
    std::string_view attrs = tag.substr(name_end);
    if (attrs.ends_with(" /")) attrs.remove_suffix(2);
    while (!attrs.empty()) {
      FUZZ_CHECK(attrs[0] == ' ');
      size_t eq = attrs.find("=\"");
      FUZZ_CHECK(eq != std::string_view::npos);
      std::string attr = gpalert::AsciiLower(attrs.substr(1, eq - 1));
      size_t close = attrs.find('"', eq + 2);
      FUZZ_CHECK(close != std::string_view::npos);
      std::string value = Unescape(attrs.substr(eq + 2, close - eq - 2));
      attrs.remove_prefix(close + 1);
      FUZZ_CHECK(!attr.starts_with("on"));
      if (In<lists::kUrlAttributes>(attr)) {
        std::string scheme = BrowserScheme(value);
        FUZZ_CHECK(scheme.empty() || In<lists::kSafeSchemes>(scheme));
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<const char*, 3> kBases = {"", "https://example.org/feed/",
                                                        "http://example.org"};
  FuzzedDataProvider in(data, size);  // the base URL choice comes from the end of the input
  std::string_view base = kBases[in.ConsumeIntegralInRange<size_t>(0, kBases.size() - 1)];
  std::string html = in.ConsumeRemainingBytesAsString();

  CheckSanitized(gpalert::SanitizeHtml(html, base));
  std::string text = gpalert::HtmlToPlainText(html);
  FUZZ_CHECK(text.find("  ") == std::string::npos);
  FUZZ_CHECK(text == gpalert::TrimAscii(text));
  std::string escaped = gpalert::EscapeHtml(html, gpalert::HtmlEscapeMode::kAttribute);
  FUZZ_CHECK(escaped.find_first_of("<>\"") == std::string::npos);
  return 0;
}
