#include "parsers/page/html_prefilter.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <string>

#include "common/strings.h"

namespace gpalert {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool OneOf(std::string_view name, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (EqualsIgnoreCase(name, s)) return true;
  return false;
}

bool IsVoid(std::string_view n) {
  return OneOf(n, {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base",
                   "col", "embed", "param", "track", "keygen", "image"});
}
// Elements whose whole body we drop (raw text Gumbo would otherwise tokenize).
bool IsDroppedRawText(std::string_view n) {
  return OneOf(n, {"script", "style", "noscript", "template", "iframe", "noembed", "noframes",
                   "xmp", "svg"});
}
// Elements whose body is text (copied verbatim up to the end tag).
bool IsKeptRawText(std::string_view n) { return OneOf(n, {"title", "textarea"}); }
bool ClosesParagraph(std::string_view n) {
  return OneOf(n, {"address", "article", "aside", "blockquote", "center",     "details", "dialog",
                   "dir",     "div",     "dl",    "fieldset",   "figcaption", "figure",  "footer",
                   "form",    "h1",      "h2",    "h3",         "h4",         "h5",      "h6",
                   "header",  "hgroup",  "main",  "menu",       "nav",        "ol",      "p",
                   "pre",     "section", "table", "ul",         "li",         "dd",      "dt"});
}
bool ClosesSameSibling(std::string_view n) {
  return OneOf(n, {"p", "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead", "tfoot"});
}
bool IsNotStacked(std::string_view n) { return OneOf(n, {"html", "head", "body"}); }
// The HTML standard's formatting elements: Gumbo keeps them in its list of active
// formatting elements and re-opens (clones) them at each new block.
bool IsFormatting(std::string_view n) {
  return OneOf(n, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                   "strong", "tt", "u"});
}

// Position of "</name" (followed by space, '/' or '>') at or after pos; npos if none.
size_t FindEndTag(std::string_view s, size_t pos, std::string_view name) {
  while (true) {
    size_t p = s.find("</", pos);
    if (p == std::string_view::npos) return p;
    size_t after = p + 2 + name.size();
    if (after <= s.size() && EqualsIgnoreCase(s.substr(p + 2, name.size()), name)) {
      char c = after < s.size() ? s[after] : '>';
      if (IsSpace(c) || c == '>' || c == '/') return p;
    }
    pos = p + 2;
  }
}

// Attributes something downstream reads (extraction hints, links, metadata, charset,
// visibility); others (data-*, on*, srcset, width, ...) are dropped before Gumbo.
bool IsUsedAttribute(std::string_view name) {
  static const std::string_view kUsed[] = {
      "class",   "id",       "style",   "hidden",  "aria-hidden", "aria-modal", "role",
      "rel",     "itemprop", "href",    "src",     "alt",         "title",      "colspan",
      "rowspan", "datetime", "content", "name",    "property",    "charset",    "http-equiv",
      "type",    "lang",     "dir",     "summary", "datatable",   "cite",       "hreflang"};
  for (std::string_view u : kUsed)
    if (EqualsIgnoreCase(name, u)) return true;
  return false;
}

struct Span {
  size_t begin, end;
};

struct Tag {
  std::string_view name;
  size_t end = 0;  // one past '>'
  bool self_closing = false;
  bool complete = false;  // '>' found
  size_t attributes = 0;
  size_t kept = 0;      // attributes in *spans (used ones, within the caps)
  size_t overlong = 0;  // attributes dropped for a value longer than the cap
  bool json_ld = false;
};

// Parses the start tag whose name begins at s[i]; attributes are skipped per the
// HTML tokenizer's rules (quoted values may hold '>').
// Kept attributes go to *spans (cleared first) when drop_unused is set, or all within
// max_attributes otherwise.
Tag ParseStartTag(std::string_view s, size_t i, size_t max_attributes, size_t max_value,
                  bool drop_unused, std::vector<Span>* spans) {
  spans->clear();
  Tag t;
  size_t n = i;
  while (n < s.size() && !IsSpace(s[n]) && s[n] != '>' && s[n] != '/') ++n;
  t.name = s.substr(i, n - i);
  size_t p = n;
  while (p < s.size()) {
    while (p < s.size() && (IsSpace(s[p]) || s[p] == '/')) {
      if (s[p] == '/' && p + 1 < s.size() && s[p + 1] == '>') t.self_closing = true;
      ++p;
    }
    if (p >= s.size()) break;
    if (s[p] == '>') {
      t.complete = true;
      t.end = p + 1;
      return t;
    }
    size_t attr_start = p;
    ++p;  // the first character may be anything but space, '/', '>'
    while (p < s.size() && !IsSpace(s[p]) && s[p] != '/' && s[p] != '>' && s[p] != '=') ++p;
    std::string_view attr_name = s.substr(attr_start, p - attr_start);
    size_t q = p;
    while (q < s.size() && IsSpace(s[q])) ++q;
    std::string_view value;
    if (q < s.size() && s[q] == '=') {
      ++q;
      while (q < s.size() && IsSpace(s[q])) ++q;
      if (q < s.size() && (s[q] == '"' || s[q] == '\'')) {
        size_t close = s.find(s[q], q + 1);
        if (close == std::string_view::npos) break;
        value = s.substr(q + 1, close - q - 1);
        q = close + 1;
      } else {
        size_t v = q;
        while (q < s.size() && !IsSpace(s[q]) && s[q] != '>') ++q;
        value = s.substr(v, q - v);
      }
      p = q;
    }
    ++t.attributes;
    // Past max_attributes an attribute is dropped (and counted) whatever its length.
    if (value.size() > max_value && t.attributes <= max_attributes) ++t.overlong;
    if (t.attributes <= max_attributes && value.size() <= max_value &&
        (!drop_unused || IsUsedAttribute(attr_name))) {
      spans->push_back({attr_start, p});
      ++t.kept;
    }
    if (EqualsIgnoreCase(attr_name, "type") && value.find("ld+json") != std::string_view::npos)
      t.json_ld = true;
  }
  t.end = s.size();
  return t;
}

class Prefilter {
 public:
  Prefilter(std::string_view in, const PrefilterOptions& o) : s_(in), o_(o) {
    out_.html.reserve(std::min(in.size(), o.max_output) + 64);
  }

  PrefilteredHtml Run() {
    size_t i = 0;
    while (i < s_.size()) {
      if (out_.html.size() > o_.max_output) {
        out_.truncated = true;
        break;
      }
      size_t lt = s_.find('<', i);
      if (lt == std::string_view::npos) {
        out_.html.append(s_.substr(i));
        break;
      }
      out_.html.append(s_.substr(i, lt - i));
      i = Markup(lt);
    }
    return std::move(out_);
  }

 private:
  // Handles the markup starting at s_[lt] == '<'; returns where to continue.
  size_t Markup(size_t lt) {
    std::string_view rest = s_.substr(lt);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = s_.find("-->", lt + 4);
      return end == std::string_view::npos ? s_.size() : end + 3;
    }
    if (rest.size() >= 2 && (rest[1] == '!' || rest[1] == '?')) {
      size_t end = s_.find('>', lt);
      end = end == std::string_view::npos ? s_.size() : end + 1;
      out_.html.append(s_.substr(lt, end - lt));
      return end;
    }
    if (rest.size() >= 3 && rest[1] == '/' && IsAlpha(rest[2])) return EndTag(lt);
    if (rest.size() >= 2 && IsAlpha(rest[1])) return StartTag(lt);
    out_.html += "&lt;";
    return lt + 1;
  }

  size_t EndTag(size_t lt) {
    size_t n = lt + 2;
    while (n < s_.size() && !IsSpace(s_[n]) && s_[n] != '>' && s_[n] != '/') ++n;
    std::string_view name = s_.substr(lt + 2, n - lt - 2);
    size_t gt = s_.find('>', n);
    size_t end = gt == std::string_view::npos ? s_.size() : gt + 1;
    if (!swallow_end_.empty()) {
      // The end tag of a start tag a cap dropped goes too: passing it on could close an
      // element of the same name that was let through.
      auto dropped = swallow_end_.find(AsciiLower(name));
      if (dropped != swallow_end_.end()) {
        if (--dropped->second == 0) swallow_end_.erase(dropped);
        return end;
      }
    }
    if (IsFormatting(name)) {
      for (size_t k = formatting_.size(); k-- > 0;) {
        if (EqualsIgnoreCase(formatting_[k], name)) {
          formatting_.erase(formatting_.begin() + static_cast<std::ptrdiff_t>(k));
          break;
        }
      }
    }
    // Pop to the matching open element if it is near the top; else Gumbo ignores it.
    size_t window = std::min<size_t>(stack_.size(), 64);
    for (size_t k = 0; k < window; ++k) {
      if (EqualsIgnoreCase(stack_[stack_.size() - 1 - k], name)) {
        stack_.resize(stack_.size() - 1 - k);
        break;
      }
    }
    out_.html.append(s_.substr(lt, end - lt));
    return end;
  }

  size_t StartTag(size_t lt) {
    Tag t = ParseStartTag(s_, lt + 1, o_.max_attributes, o_.max_attribute_value,
                          o_.drop_unused_attributes, &spans_);
    if (!t.complete) return s_.size();  // EOF inside a tag: Gumbo would drop it too
    if (IsDroppedRawText(t.name)) {
      size_t body = t.end;
      size_t close = t.self_closing && !EqualsIgnoreCase(t.name, "script") &&
                             !EqualsIgnoreCase(t.name, "style")
                         ? body
                         : FindEndTag(s_, body, t.name);
      if (close == std::string_view::npos) close = s_.size();
      if (t.json_ld && o_.keep_json_ld) out_.json_ld.emplace_back(s_.substr(body, close - body));
      if (close == body && t.self_closing) return body;
      size_t gt = s_.find('>', close);
      return gt == std::string_view::npos ? s_.size() : gt + 1;
    }
    if (++tags_ > o_.max_tags) {
      out_.truncated = true;
      return s_.size();
    }
    bool is_void = IsVoid(t.name) || t.self_closing;
    if (!formatting_.empty()) {
      reconstruction_ += formatting_.size();
      if (reconstruction_ > o_.max_reconstruction) CloseFormatting();
    }
    if (!is_void && IsFormatting(t.name)) {
      if (EqualsIgnoreCase(t.name, "a") || EqualsIgnoreCase(t.name, "nobr")) {
        // A new <a> (or <nobr>) ends the open one first (the adoption agency algorithm), so
        // an unclosed link does not stay active.
        std::erase_if(formatting_, [&](std::string_view f) { return EqualsIgnoreCase(f, t.name); });
      }
      if (formatting_.size() >= o_.max_formatting) {
        ++out_.dropped_tags;
        ++swallow_end_[AsciiLower(t.name)];
        return t.end;
      }
      formatting_.push_back(t.name);
    }
    if (!is_void && EqualsIgnoreCase(t.name, "table")) {
      size_t tables = 0;
      for (std::string_view open : stack_) tables += EqualsIgnoreCase(open, "table");
      if (tables >= o_.max_table_depth) {
        ++out_.dropped_tags;
        ++swallow_end_["table"];
        return t.end;
      }
    }
    if (!is_void && !IsNotStacked(t.name)) {
      if (ClosesSameSibling(t.name)) {
        size_t window = std::min<size_t>(stack_.size(), 16);
        for (size_t k = 0; k < window; ++k) {
          std::string_view open = stack_[stack_.size() - 1 - k];
          if (EqualsIgnoreCase(open, t.name)) {
            stack_.resize(stack_.size() - 1 - k);
            break;
          }
          // A row or cell closes its like only inside the same table, an item inside the
          // same list: the search stops at the nearest one.
          if (EqualsIgnoreCase(open, "table") || EqualsIgnoreCase(open, "ul") ||
              EqualsIgnoreCase(open, "ol"))
            break;
        }
      }
      if (ClosesParagraph(t.name) && !stack_.empty() && EqualsIgnoreCase(stack_.back(), "p"))
        stack_.pop_back();
      if (stack_.size() >= o_.max_depth) {
        ++out_.dropped_tags;
        return t.end;
      }
      stack_.push_back(t.name);
    }
    if (t.attributes > o_.max_attributes)
      out_.dropped_attributes += t.attributes - o_.max_attributes;
    out_.dropped_long_values += t.overlong;
    if (t.kept == t.attributes) {
      out_.html.append(s_.substr(lt, t.end - lt));
    } else {
      out_.html += '<';
      out_.html.append(t.name);
      for (const Span& a : spans_) {
        out_.html += ' ';
        out_.html.append(s_.substr(a.begin, a.end - a.begin));
      }
      out_.html += t.self_closing ? "/>" : ">";
    }
    if (IsKeptRawText(t.name)) {
      size_t close = FindEndTag(s_, t.end, t.name);
      if (close == std::string_view::npos) close = s_.size();
      out_.html.append(s_.substr(t.end, close - t.end));
      return close;
    }
    return t.end;
  }

  // Ends every unclosed formatting element here (newest first); their own end tags,
  // when they come, are dropped.
  void CloseFormatting() {
    for (size_t k = formatting_.size(); k-- > 0;) {
      out_.html += "</";
      out_.html.append(formatting_[k]);
      out_.html += '>';
      ++swallow_end_[AsciiLower(formatting_[k])];
    }
    formatting_.clear();
  }

  std::string_view s_;
  const PrefilterOptions& o_;
  PrefilteredHtml out_;
  std::vector<std::string_view> stack_;
  // Formatting elements started and not yet ended by their end tag, oldest first. Gumbo
  // keeps more of them active than are open (a block closes them in the tree, not in its
  // list), so counting only explicit end tags over-approximates its list, which is the
  // safe side.
  std::vector<std::string_view> formatting_;
  std::map<std::string, std::size_t> swallow_end_;  // lower-cased name -> end tags to drop
  std::size_t reconstruction_ = 0;                  // sum of formatting_.size() over start tags
  std::vector<Span> spans_;
  std::size_t tags_ = 0;
};

}  // namespace

PrefilteredHtml PrefilterHtml(std::string_view html, const PrefilterOptions& options) {
  return Prefilter(html, options).Run();
}

}  // namespace gpalert
