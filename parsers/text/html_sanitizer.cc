#include "parsers/text/html_sanitizer.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "common/html_escape.h"
#include "common/strings.h"
#include "common/url.h"
#include "parsers/text/html_entities.h"
#include "parsers/text/html_sanitizer_allow_lists.h"
#include "parsers/text/html_tokenizer.h"

namespace gpalert {
namespace {
using sanitizer_lists::kBlockElements;
using sanitizer_lists::kCssKeywords;
using sanitizer_lists::kCssProperties;
using sanitizer_lists::kCssUnits;
using sanitizer_lists::kDropWithContent;
using sanitizer_lists::kHtmlAttributes;
using sanitizer_lists::kHtmlElements;
using sanitizer_lists::kMathAttributes;
using sanitizer_lists::kMathElements;
using sanitizer_lists::kSafeSchemes;
using sanitizer_lists::kSvgAttributes;
using sanitizer_lists::kSvgCssProperties;
using sanitizer_lists::kSvgElements;
using sanitizer_lists::kUrlAttributes;

// Nesting past this depth is flattened (the elements are dropped, their text kept).
constexpr size_t kMaxDepth = 256;

// Membership in one of the lists of html_sanitizer_allow_lists.h, through a hash set
// built once.
template <const auto& kList>
bool In(std::string_view name) {
  static const std::unordered_set<std::string_view> set(std::begin(kList), std::end(kList));
  return set.count(name) != 0;
}

// The spelling an SVG name has in the list ("viewbox" -> "viewBox"); "" if absent.
template <size_t N>
std::string_view SvgSpelling(const std::string_view (&list)[N], std::string_view lower) {
  for (std::string_view n : list)
    if (EqualsIgnoreCase(n, lower)) return n;
  return {};
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsCssSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// feedparser's valid_css_values: #hex, rgb(...), or a short length/percentage.
bool IsValidCssValue(std::string_view v) {
  auto digits = [](std::string_view s, size_t* i, size_t max) {
    size_t n = 0;
    while (*i < s.size() && n < max && s[*i] >= '0' && s[*i] <= '9') {
      ++*i;
      ++n;
    }
    return n;
  };
  if (!v.empty() && v[0] == '#') {
    if (v.size() == 1) return false;
    for (char c : v.substr(1))
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
  }
  if (v.substr(0, 4) == "rgb(") {
    size_t i = 4;
    if (digits(v, &i, 1000) == 0) return false;
    if (i < v.size() && v[i] == '%') ++i;
    if (i >= v.size() || v[i] != ',') return false;
    ++i;
    digits(v, &i, 1000);
    if (i < v.size() && v[i] == '%') ++i;
    if (i < v.size() && v[i] == ',') ++i;
    digits(v, &i, 1000);
    if (i < v.size() && v[i] == '%') ++i;
    if (i < v.size() && v[i] == ')') ++i;
    return i == v.size();
  }
  size_t i = 0;
  digits(v, &i, 2);
  if (i < v.size() && v[i] == '.') ++i;
  digits(v, &i, 2);
  std::string_view unit = v.substr(i);
  return In<kCssUnits>(unit);
}

// The characters feedparser accepts in a style attribute at all.
bool StyleCharactersAreSafe(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ':' || c == ',' || c == ';' || c == '#' || c == '%' || c == '.' || c == '!' ||
        IsCssSpace(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9')) {
      ++i;
    } else if (c == '-' || c == '_') {
      bool ok = i > 0 && IsWordChar(s[i - 1]) && i + 1 < s.size() && IsWordChar(s[i + 1]);
      if (c == '_') ok = ok || (i + 2 < s.size() && s[i + 1] == '-' && IsWordChar(s[i + 2]));
      if (!ok) return false;
      ++i;
    } else if (c == '\'' || c == '"') {
      size_t close = s.find(c, i + 1);
      if (close == std::string_view::npos || close == i + 1) return false;
      for (size_t k = i + 1; k < close; ++k)
        if (!IsWordChar(s[k]) && !IsCssSpace(s[k])) return false;
      i = close + 1;
    } else if (c == '(') {
      size_t close = s.find(')', i + 1);
      if (close == std::string_view::npos || close == i + 1) return false;
      for (size_t k = i + 1; k < close; ++k)
        if (!(s[k] >= '0' && s[k] <= '9') && s[k] != ',' && !IsCssSpace(s[k])) return false;
      i = close + 1;
    } else {
      return false;
    }
  }
  return true;
}

// Keeps only allow-listed declarations, each written "property: value;".
std::string SanitizeStyle(std::string_view style, bool svg) {
  // Drop url(...) values first, as feedparser does.
  std::string s;
  for (size_t i = 0; i < style.size();) {
    if (StartsWithIgnoreCase(style.substr(i), "url")) {
      size_t j = i + 3;
      while (j < style.size() && IsCssSpace(style[j])) ++j;
      if (j < style.size() && style[j] == '(') {
        size_t close = style.find(')', j);
        if (close != std::string_view::npos) {
          size_t k = close + 1;
          while (k < style.size() && IsCssSpace(style[k])) ++k;
          s += ' ';
          i = k;
          continue;
        }
      }
    }
    s += style[i++];
  }
  if (!StyleCharactersAreSafe(s)) return "";
  std::vector<std::pair<std::string, std::string>> decls;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && IsCssSpace(s[i])) ++i;
  };
  while (true) {
    skip_space();
    if (i >= s.size()) break;
    size_t ns = i;
    while (i < s.size() && (IsWordChar(s[i]) || s[i] == '-')) ++i;
    if (i == ns) return "";
    std::string name(s.substr(ns, i - ns));
    skip_space();
    if (i >= s.size() || s[i] != ':') return "";
    ++i;
    skip_space();
    size_t vs = i;
    while (i < s.size() && s[i] != ':' && s[i] != ';') ++i;
    std::string value(TrimAscii(std::string_view(s).substr(vs, i - vs)));
    if (i < s.size() && s[i] == ';') ++i;
    decls.emplace_back(std::move(name), std::move(value));
  }
  std::string out;
  for (const auto& [prop, value] : decls) {
    if (value.empty()) continue;
    std::string lower = AsciiLower(prop);
    bool keep = false;
    if (In<kCssProperties>(lower)) {
      keep = true;
    } else if (lower.starts_with("background") || lower.starts_with("border") ||
               lower.starts_with("margin") || lower.starts_with("padding")) {
      std::string_view first = std::string_view(lower).substr(0, lower.find('-'));
      if (first == "background" || first == "border" || first == "margin" || first == "padding") {
        keep = true;
        std::string_view rest = value;
        while (!rest.empty()) {
          rest = TrimAscii(rest);
          size_t end = 0;
          while (end < rest.size() && !IsCssSpace(rest[end])) ++end;
          std::string_view word = rest.substr(0, end);
          if (!word.empty() && !In<kCssKeywords>(word) && !IsValidCssValue(word)) {
            keep = false;
            break;
          }
          rest = rest.substr(end);
        }
      }
    } else if (svg && In<kSvgCssProperties>(lower)) {
      keep = true;
    }
    if (!keep) continue;
    if (!out.empty()) out += ' ';
    out += prop + ": " + value + ";";
  }
  return out;
}

bool IsSafeUrl(std::string_view url) {
  UrlParts parts = SplitUrl(url);
  return parts.scheme.empty() || In<kSafeSchemes>(parts.scheme);
}

// One URL attribute value made absolute against `base`; "" when its scheme is unsafe.
// Browsers drop tabs and newlines inside URLs ("java\tscript:"); so do we.
std::string CleanUrl(std::string_view value, std::string_view base) {
  std::string url;
  for (char ch : TrimAscii(value))
    if (ch != '\t' && ch != '\n' && ch != '\r') url += ch;
  if (!url.empty() && !base.empty()) url = ResolveUrl(base, url);
  return IsSafeUrl(url) ? url : "";
}

// srcset: "url [descriptor], url [descriptor]..."; each URL cleaned, unsafe ones dropped.
std::string CleanSrcset(std::string_view value, std::string_view base) {
  std::string out;
  for (std::string_view candidate : Split(value, ',')) {
    candidate = TrimAscii(candidate);
    if (candidate.empty()) continue;
    size_t space = candidate.find_first_of(" \t\n\r\f");
    std::string url = CleanUrl(candidate.substr(0, space), base);
    if (url.empty()) continue;
    if (!out.empty()) out += ", ";
    out += url;
    if (space != std::string_view::npos) {
      out += ' ';
      out += CollapseWhitespace(candidate.substr(space));
    }
  }
  return out;
}

void AppendEscapedChar(char c, std::string* out) {
  switch (c) {
    case '&':
      out->append("&amp;");
      break;
    case '<':
      out->append("&lt;");
      break;
    case '>':
      out->append("&gt;");
      break;
    default:
      out->push_back(c);
  }
}

// Appends text with its character references decoded (unless raw) and re-escaped.
void AppendText(std::string_view raw, bool raw_text, std::string* out) {
  size_t i = 0;
  while (i < raw.size()) {
    char c = raw[i];
    if (c == '&' && !raw_text) {
      char32_t cp;
      size_t len;
      if (ParseCharacterReference(raw.substr(i), &cp, &len)) {
        if (cp == U'&' || cp == U'<' || cp == U'>')
          AppendEscapedChar(static_cast<char>(cp), out);
        else
          AppendUtf8(out, cp);
        i += len;
        continue;
      }
    }
    AppendEscapedChar(c, out);
    ++i;
  }
}

// Tracks elements removed together with their content. An element that is never
// closed in the fragment (e.g. a stray "<object>") only loses its tag, so one broken
// tag cannot swallow the rest of an article.
class ContentDropper {
 public:
  explicit ContentDropper(std::string_view html) : html_(html) {}

  bool dropping() const { return !stack_.empty(); }

  // A start tag at input offset `after` (just past the tag). True when the tag is
  // consumed here (it is a dropper or we are inside one).
  bool OnStart(const HtmlToken& token, size_t after) {
    bool dropper = In<kDropWithContent>(token.name);
    if (!dropper) return dropping();
    if (!token.self_closing && !IsVoidHtmlElement(token.name) && stack_.size() < kMaxDepth &&
        LastEndTag(token.name) >= after)
      stack_.push_back(token.name);
    return true;
  }

  // An end tag. True when consumed here.
  bool OnEnd(const std::string& name) {
    if (stack_.empty()) return In<kDropWithContent>(name);
    auto it = std::find(stack_.rbegin(), stack_.rend(), name);
    if (it != stack_.rend()) stack_.erase(std::next(it).base(), stack_.end());
    return true;
  }

 private:
  // Offset of the last "</name" in the input, or 0 when there is none.
  size_t LastEndTag(const std::string& name) {
    for (const auto& [n, pos] : last_end_)
      if (n == name) return pos;
    std::string lower = AsciiLower(html_);
    size_t pos = lower.rfind("</" + name);
    size_t value = pos == std::string::npos ? 0 : pos;
    last_end_.emplace_back(name, value);
    return value;
  }

  std::string_view html_;
  std::vector<std::string> stack_;
  std::vector<std::pair<std::string, size_t>> last_end_;
};

enum class Space { kHtml, kSvg, kMath };

struct OpenElement {
  std::string name;
  Space space;
};

class Sanitizer {
 public:
  Sanitizer(std::string_view html, std::string_view base_url)
      : html_(html), base_url_(base_url), drop_(html) {}

  std::string Run() {
    HtmlTokenizer tokenizer(html_);
    HtmlToken token;
    while (tokenizer.Next(&token)) {
      switch (token.kind) {
        case HtmlToken::Kind::kText:
          if (!drop_.dropping()) AppendText(token.text, token.raw_text, &out_);
          break;
        case HtmlToken::Kind::kStartTag:
          // <noscript> is on feedparser's allow-list but its content is dropped here:
          // the element stays, empty.
          if (token.name == "noscript" && !drop_.dropping()) out_ += "<noscript></noscript>";
          if (!drop_.OnStart(token, tokenizer.position())) StartTag(token);
          break;
        case HtmlToken::Kind::kEndTag:
          if (!drop_.OnEnd(token.name)) EndTag(token.name);
          break;
      }
    }
    while (!open_.empty()) CloseTop();
    return std::move(out_);
  }

 private:
  Space CurrentSpace() const { return open_.empty() ? Space::kHtml : open_.back().space; }

  void StartTag(const HtmlToken& token) {
    const std::string& name = token.name;
    if (open_.size() >= kMaxDepth) return;
    Space space = CurrentSpace();
    if (name == "svg") space = Space::kSvg;
    if (name == "math") space = Space::kMath;
    std::string element;
    if (space == Space::kSvg) {
      element = std::string(SvgSpelling(kSvgElements, name));
    } else if (space == Space::kMath) {
      if (In<kMathElements>(name)) element = name;
    } else if (In<kHtmlElements>(name)) {
      element = name;
    }
    if (element.empty()) return;

    out_ += '<';
    out_ += element;
    bool has_xlink = false, has_xlink_ns = false;
    for (const auto& [attr_name, attr_value] : token.attributes) {
      std::string attr;
      if (space == Space::kSvg)
        attr = std::string(SvgSpelling(kSvgAttributes, attr_name));
      else if (space == Space::kMath)
        attr = In<kMathAttributes>(attr_name) ? attr_name : "";
      else
        attr = In<kHtmlAttributes>(attr_name) ? attr_name : "";
      if (attr.empty()) continue;
      std::string value = attr_value;
      if (attr == "style") {
        value = SanitizeStyle(value, space == Space::kSvg);
        if (value.empty()) continue;
      } else if (In<kUrlAttributes>(attr)) {
        value = CleanUrl(value, base_url_);
      } else if (attr == "srcset") {
        value = CleanSrcset(value, base_url_);
      }
      // The root of an SVG/MathML island declares its own namespace (below).
      if (attr == "xmlns" && (name == "svg" || name == "math")) continue;
      if (attr.starts_with("xlink:")) has_xlink = true;
      if (attr == "xmlns:xlink") has_xlink_ns = true;
      out_ += ' ';
      out_ += attr;
      out_ += "=\"";
      out_ += EscapeHtml(value, HtmlEscapeMode::kAttribute);
      out_ += '"';
    }
    if (name == "svg") out_ += " xmlns=\"http://www.w3.org/2000/svg\"";
    if (name == "math") out_ += " xmlns=\"http://www.w3.org/1998/Math/MathML\"";
    if (has_xlink && !has_xlink_ns) out_ += " xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
    if (space == Space::kHtml && IsVoidHtmlElement(element)) {
      out_ += " />";
      return;
    }
    out_ += '>';
    if (token.self_closing && space != Space::kHtml) {
      out_ += "</" + element + ">";
      return;
    }
    open_.push_back({element, space});
  }

  void EndTag(const std::string& name) {
    for (size_t i = open_.size(); i-- > 0;) {
      if (EqualsIgnoreCase(open_[i].name, name)) {
        while (open_.size() > i) CloseTop();
        return;
      }
    }
  }

  void CloseTop() {
    out_ += "</" + open_.back().name + ">";
    open_.pop_back();
  }

  std::string_view html_;
  std::string_view base_url_;
  ContentDropper drop_;
  std::string out_;
  std::vector<OpenElement> open_;
};

}  // namespace

std::string SanitizeHtml(std::string_view html, std::string_view base_url) {
  return Sanitizer(html, base_url).Run();
}

std::string HtmlToPlainText(std::string_view html) {
  std::string text;
  ContentDropper drop(html);
  HtmlTokenizer tokenizer(html);
  HtmlToken token;
  while (tokenizer.Next(&token)) {
    switch (token.kind) {
      case HtmlToken::Kind::kText:
        if (!drop.dropping())
          text += token.raw_text ? std::string(token.text) : DecodeHtmlEntities(token.text);
        break;
      case HtmlToken::Kind::kStartTag:
        if (!drop.OnStart(token, tokenizer.position()) && In<kBlockElements>(token.name))
          text += ' ';
        break;
      case HtmlToken::Kind::kEndTag:
        if (!drop.OnEnd(token.name) && In<kBlockElements>(token.name)) text += ' ';
        break;
    }
  }
  return CollapseWhitespace(text);
}

}  // namespace gpalert
