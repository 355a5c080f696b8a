#include "parsers/page/extract_hints.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "parsers/page/html_document.h"

namespace gpalert {
namespace {

using Words = std::initializer_list<std::string_view>;

bool AnyIn(std::string_view hay, Words needles) {
  for (std::string_view n : needles)
    if (hay.find(n) != std::string_view::npos) return true;
  return false;
}

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// `word` occurs in `hay` with no letter or digit on either side.
bool HasWord(std::string_view hay, std::string_view word, bool underscore_is_boundary) {
  for (size_t p = hay.find(word); p != std::string_view::npos; p = hay.find(word, p + 1)) {
    auto boundary = [&](size_t i) {
      if (i >= hay.size()) return true;
      char c = hay[i];
      return !IsWordChar(c) || (underscore_is_boundary && c == '_');
    };
    if ((p == 0 || boundary(p - 1)) && boundary(p + word.size())) return true;
  }
  return false;
}

}  // namespace

// Class/id hints: lower-cased "class id" strings matched like Readability's patterns.
bool UnlikelyHint(std::string_view m) {
  return AnyIn(m,
               {"-ad-",         "ai2html",    "banner",     "breadcrumbs", "combx",     "comment",
                "community",    "cover-wrap", "disqus",     "extra",       "footer",    "gdpr",
                "header",       "legends",    "menu",       "related",     "remark",    "replies",
                "rss",          "shoutbox",   "sidebar",    "skyscraper",  "social",    "sponsor",
                "supplemental", "ad-break",   "agegate",    "pagination",  "pager",     "popup",
                "yom-remote",   "subscribe",  "newsletter", "cookie",      "breadcrumb"});
}
bool MaybeCandidateHint(std::string_view m) {
  return AnyIn(m, {"and", "article", "body", "column", "content", "main", "mathjax", "shadow"});
}
bool PositiveHint(std::string_view m) {
  return AnyIn(m, {"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
                   "pagination", "post", "text", "blog", "story"});
}
bool NegativeHint(std::string_view m) {
  return AnyIn(m, {"-ad-",     "hidden",     "banner",  "combx",    "comment", "com-",
                   "contact",  "footer",     "gdpr",    "masthead", "media",   "meta",
                   "outbrain", "promo",      "related", "scroll",   "share",   "shoutbox",
                   "sidebar",  "skyscraper", "sponsor", "shopping", "tags",    "widget"}) ||
         HasWord(m, "hid", false);
}
bool BylineHint(std::string_view m) {
  return AnyIn(m, {"byline", "author", "dateline", "writtenby", "p-author"});
}
bool ShareHint(std::string_view m) {
  return HasWord(m, "share", true) || HasWord(m, "sharedaddy", true);
}

bool IsPhrasingTag(std::string_view t) {
  static const TagSet kPhrasing{
      "abbr",     "audio",    "b",      "bdo",      "br",     "button",   "cite",   "code",
      "data",     "datalist", "dfn",    "em",       "embed",  "i",        "img",    "input",
      "kbd",      "label",    "mark",   "math",     "meter",  "noscript", "object", "output",
      "progress", "q",        "ruby",   "samp",     "script", "select",   "small",  "span",
      "strong",   "sub",      "sup",    "textarea", "time",   "var",      "wbr",    "font",
      "u",        "s",        "strike", "big",      "tt"};
  return kPhrasing.Contains(t);
}
bool IsDivToPTag(std::string_view t) {
  static const TagSet kDivToP{"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"};
  return kDivToP.Contains(t);
}
bool IsHeading(std::string_view t) { return NameIn(t, {"h1", "h2", "h3", "h4", "h5", "h6"}); }

namespace {

// Lower-case ASCII words of s ([a-z0-9_]+), as JavaScript's \W+ splits.
std::vector<std::string> AsciiWords(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if (IsWordChar(l)) {
      cur += l;
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

size_t JoinedLength(const std::vector<std::string>& w) {
  size_t n = 0;
  for (const auto& s : w) n += s.size();
  return w.empty() ? 0 : n + w.size() - 1;
}

}  // namespace

// Share of b's words (by joined length) that also occur in a.
double TextSimilarity(std::string_view a, std::string_view b) {
  std::vector<std::string> ta = AsciiWords(a), tb = AsciiWords(b);
  if (ta.empty() || tb.empty()) return 0;
  std::vector<std::string> unique_b;
  for (const auto& t : tb)
    if (std::find(ta.begin(), ta.end(), t) == ta.end()) unique_b.push_back(t);
  return 1.0 - static_cast<double>(JoinedLength(unique_b)) / static_cast<double>(JoinedLength(tb));
}

}  // namespace gpalert
