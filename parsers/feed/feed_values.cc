#include "parsers/feed/feed_values.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/html_escape.h"
#include "common/strings.h"
#include "common/url.h"
#include "parsers/text/date_parser.h"
#include "parsers/text/html_entities.h"
#include "parsers/text/html_sanitizer.h"
#include "parsers/text/html_tokenizer.h"

namespace gpalert {
namespace {

// Element names of HTML 4 and HTML5 (sorted), for the looks-like-HTML test.
constexpr std::string_view kKnownHtmlElements[] = {
    "a",        "abbr",       "acronym",  "address",    "applet",   "area",      "article",
    "aside",    "audio",      "b",        "base",       "basefont", "bdi",       "bdo",
    "bgsound",  "big",        "blink",    "blockquote", "body",     "br",        "button",
    "canvas",   "caption",    "center",   "cite",       "code",     "col",       "colgroup",
    "command",  "data",       "datalist", "dd",         "del",      "details",   "dfn",
    "dialog",   "dir",        "div",      "dl",         "dt",       "em",        "embed",
    "fieldset", "figcaption", "figure",   "font",       "footer",   "form",      "frame",
    "frameset", "h1",         "h2",       "h3",         "h4",       "h5",        "h6",
    "head",     "header",     "hgroup",   "hr",         "html",     "i",         "iframe",
    "img",      "input",      "ins",      "isindex",    "kbd",      "keygen",    "label",
    "layer",    "legend",     "li",       "link",       "listing",  "main",      "map",
    "mark",     "marquee",    "menu",     "meta",       "meter",    "multicol",  "nav",
    "nobr",     "noembed",    "noframes", "noscript",   "object",   "ol",        "optgroup",
    "option",   "output",     "p",        "param",      "picture",  "plaintext", "pre",
    "progress", "q",          "rb",       "rp",         "rt",       "ruby",      "s",
    "samp",     "script",     "section",  "select",     "small",    "source",    "spacer",
    "span",     "strike",     "strong",   "style",      "sub",      "summary",   "sup",
    "table",    "tbody",      "td",       "template",   "textarea", "tfoot",     "th",
    "thead",    "time",       "title",    "tr",         "track",    "tt",        "u",
    "ul",       "var",        "video",    "wbr",        "xmp"};

bool IsKnownHtmlElement(std::string_view name) {
  return std::binary_search(std::begin(kKnownHtmlElements), std::end(kKnownHtmlElements), name);
}

bool IsEmailChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '+' || c == '%';
}

}  // namespace

bool LooksLikeHtml(std::string_view text) {
  bool has_end_tag = false, has_reference = false;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '<' && text[i + 1] == '/' && i + 2 < text.size() &&
        ((text[i + 2] >= 'a' && text[i + 2] <= 'z') || (text[i + 2] >= 'A' && text[i + 2] <= 'Z')))
      has_end_tag = true;
    if (text[i] == '&') {
      size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 40) {
        std::string_view ref = text.substr(i + 1, semi - i - 1);
        bool word = !ref.empty() && std::all_of(ref.begin(), ref.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '#';
        });
        if (word) {
          if (ref[0] == '#') {
            has_reference = true;
          } else if (LookupHtmlEntity(ref) || ref == "amp" || ref == "lt" || ref == "gt" ||
                     ref == "quot") {
            has_reference = true;
          } else {
            return false;  // a named reference HTML does not know
          }
        }
      }
    }
  }
  if (!has_end_tag && !has_reference) return false;
  HtmlTokenizer tokenizer(text);
  HtmlToken token;
  while (tokenizer.Next(&token)) {
    if (token.kind != HtmlToken::Kind::kText && !IsKnownHtmlElement(token.name)) return false;
  }
  return true;
}

std::string ToText(std::string_view raw, TextKind kind) {
  switch (kind) {
    case TextKind::kPlain:
      return std::string(TrimAscii(raw));
    case TextKind::kHtml:
      return HtmlToPlainText(raw);
    case TextKind::kAuto:
      return LooksLikeHtml(raw) ? HtmlToPlainText(raw) : std::string(TrimAscii(raw));
  }
  return std::string(raw);
}

std::string ToHtml(std::string_view raw, TextKind kind, std::string_view base) {
  if (kind == TextKind::kPlain) return EscapeHtml(TrimAscii(raw));
  return std::string(TrimAscii(SanitizeHtml(raw, base)));
}

std::optional<Instant> ToDate(std::string_view raw, std::string_view what, FeedContext* ctx) {
  std::string_view trimmed = TrimAscii(raw);
  if (trimmed.empty()) return std::nullopt;
  auto date = ParseDate(trimmed);
  if (!date && ctx->warnings != nullptr)
    ctx->warnings->push_back(
        fmt::format("unparseable date in {}: \"{}\"", what, SanitizeUtf8(trimmed.substr(0, 80))));
  return date;
}

std::string ToUrl(std::string_view raw, std::string_view base) {
  std::string_view trimmed = TrimAscii(raw);
  if (trimmed.empty()) return "";
  return ResolveUrl(base, trimmed);
}

Person ParsePersonText(std::string_view raw) {
  Person p;
  // Person strings are short; a huge one is cut so the clean-up below stays linear.
  std::string text = CollapseWhitespace(raw.substr(0, 4096));
  // Find an email address: the longest run of email characters around an '@'.
  size_t at = text.find('@');
  if (at != std::string::npos) {
    size_t start = at, end = at + 1;
    while (start > 0 && IsEmailChar(text[start - 1])) --start;
    while (end < text.size() && IsEmailChar(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;
    if (start < at && end > at + 1) {
      p.email = text.substr(start, end - start);
      std::string rest = text.substr(0, start) + text.substr(end);
      if (StartsWithIgnoreCase(TrimAscii(text.substr(0, start)), "mailto:")) {
        size_t m = AsciiLower(rest).find("mailto:");
        if (m != std::string::npos) rest.erase(m, 7);
      }
      // Remove the brackets that held the address and those around the name.
      std::string cleaned;
      for (char c : rest)
        if (c != '<' && c != '>') cleaned += c;
      std::string name = CollapseWhitespace(cleaned);
      size_t empty_parens;
      while ((empty_parens = name.find("()")) != std::string::npos) name.erase(empty_parens, 2);
      name = CollapseWhitespace(name);
      if (name.size() >= 2 && name.front() == '(' && name.back() == ')')
        name = CollapseWhitespace(name.substr(1, name.size() - 2));
      if (!name.empty()) p.name = name;
      return p;
    }
  }
  if (!text.empty()) p.name = text;
  return p;
}

std::optional<std::int64_t> ParseLength(std::string_view raw) {
  std::string_view t = TrimAscii(raw);
  if (t.empty() || t.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<std::string> DecodeBase64(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : raw) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+' || c == '-')
      v = 62;
    else if (c == '/' || c == '_')
      v = 63;
    else if (c == '=') {
      padding = true;
      continue;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      continue;
    else
      return std::nullopt;
    if (padding) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

bool IsXmlMediaType(std::string_view type) {
  std::string t = AsciiLower(TrimAscii(type.substr(0, type.find(';'))));
  return t == "application/xml" || t == "text/xml" || t.ends_with("+xml") ||
         t == "application/xml-external-parsed-entity";
}

}  // namespace gpalert
