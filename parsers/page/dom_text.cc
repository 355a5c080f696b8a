#include "parsers/page/dom_text.h"

#include <vector>

namespace gpalert {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// U+00AD SOFT HYPHEN (C2 AD) starts at s[i]: an invisible hyphenation hint that text
// views leave out, so that "Klima&shy;wandel" reads "Klimawandel".
bool SoftHyphenAt(std::string_view s, size_t i) {
  return s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xAD';
}

// Counts code points of the collapsed text of `s`, continuing the state in *pending.
size_t CollapsedLength(std::string_view s, bool* pending_space, bool* any) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (SoftHyphenAt(s, i)) {
      ++i;
      continue;
    }
    if (IsSpace(c)) {
      *pending_space = *any;
      continue;
    }
    if (IsContinuation(c)) continue;
    if (*pending_space) ++n;
    *pending_space = false;
    *any = true;
    ++n;
  }
  return n;
}

void AppendEscaped(std::string* out, std::string_view s, bool attribute) {
  for (char c : s) {
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        if (attribute)
          *out += "&quot;";
        else
          *out += c;
        break;
      default:
        *out += c;
    }
  }
}

// Builds plain text with at most one blank line between paragraphs.
class TextBuilder {
 public:
  void Text(std::string_view s, bool preformatted) {
    if (preformatted) {
      for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (SoftHyphenAt(s, i)) {
          ++i;
          continue;
        }
        if (c == '\r') continue;
        if (c == '\n') {
          Break(1);
          continue;
        }
        Flush();
        out_ += c;
      }
      return;
    }
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (SoftHyphenAt(s, i)) {
        ++i;
        continue;
      }
      if (IsSpace(c)) {
        if (!out_.empty() && breaks_ == 0) space_ = true;
        continue;
      }
      Flush();
      out_ += c;
    }
  }
  // 1 = new line, 2 = blank line; -1 = tab
  void Break(int level) {
    if (out_.empty()) return;
    if (level < 0) {
      if (breaks_ == 0) tab_ = true;
      space_ = false;
      return;
    }
    if (level > breaks_) breaks_ = level;
    space_ = tab_ = false;
  }
  std::string Finish() { return std::move(out_); }

 private:
  void Flush() {
    if (breaks_ > 0) {
      out_.append(static_cast<size_t>(breaks_), '\n');
    } else if (tab_) {
      out_ += '\t';
    } else if (space_) {
      out_ += ' ';
    }
    breaks_ = 0;
    space_ = tab_ = false;
  }
  std::string out_;
  int breaks_ = 0;
  bool space_ = false;
  bool tab_ = false;
};

}  // namespace

bool IsBlockElement(std::string_view t) {
  static const TagSet kBlock{"p",       "div",     "h1",         "h2",         "h3",     "h4",
                             "h5",      "h6",      "blockquote", "pre",        "ul",     "ol",
                             "dl",      "table",   "section",    "article",    "header", "footer",
                             "aside",   "nav",     "figure",     "figcaption", "main",   "address",
                             "details", "summary", "fieldset",   "form",       "hr",     "center",
                             "hgroup",  "caption", "body",       "html",       "thead",  "tbody",
                             "tfoot",   "menu",    "dir",        "picture",    "video",  "audio"};
  return kBlock.Contains(t);
}

bool IsVoidElement(std::string_view t) {
  static const TagSet kVoid{"br",   "img",  "meta", "link",  "input", "hr",    "wbr",   "source",
                            "area", "base", "col",  "embed", "param", "track", "keygen"};
  return kVoid.Contains(t);
}

std::size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if (!IsContinuation(c)) ++n;
  return n;
}

std::string InnerText(const HtmlDocument& doc, NodeId root) {
  return CollapsedText(doc, root, /*space_blocks=*/false);
}

std::string CollapsedText(const HtmlDocument& doc, NodeId root, bool space_blocks) {
  std::string out;
  bool space = false;
  auto block = [&](NodeId id) {
    const HtmlNode& n = doc.node(id);
    return space_blocks && id != root && n.is_element() && (n.Is("br") || IsBlockElement(n.name));
  };
  WalkTree(
      doc, root,
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (block(id)) space = !out.empty();
        if (!n.is_text()) return true;
        const std::string& t = n.text;
        for (size_t i = 0; i < t.size(); ++i) {
          char c = t[i];
          if (SoftHyphenAt(t, i)) {
            ++i;
            continue;
          }
          if (IsSpace(c)) {
            space = !out.empty();
            continue;
          }
          if (space) out += ' ';
          space = false;
          out += c;
        }
        return false;
      },
      [&](NodeId id) {
        if (block(id)) space = !out.empty();
      });
  return out;
}

std::size_t TextLength(const HtmlDocument& doc, NodeId root) {
  size_t n = 0;
  bool pending = false, any = false;
  WalkTree(
      doc, root,
      [&](NodeId id) {
        const HtmlNode& node = doc.node(id);
        if (node.is_text()) n += CollapsedLength(node.text, &pending, &any);
        return node.is_element();
      },
      [](NodeId) {});
  return n;
}

double LinkDensity(const HtmlDocument& doc, NodeId root) {
  size_t total = 0;
  double linked = 0;
  int in_link = 0;
  double weight = 1.0;
  bool pending = false, any = false;
  WalkTree(
      doc, root,
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (n.is_text()) {
          size_t len = CollapsedLength(n.text, &pending, &any);
          total += len;
          if (in_link > 0) linked += weight * static_cast<double>(len);
          return false;
        }
        if (n.name == "a") {
          if (in_link++ == 0) {
            std::string_view href = n.Attr("href");
            weight = (href.size() > 1 && href[0] == '#') ? 0.3 : 1.0;
          }
        }
        return true;
      },
      [&](NodeId id) {
        if (doc.node(id).Is("a")) --in_link;
      });
  return total == 0 ? 0.0 : linked / static_cast<double>(total);
}

std::string RenderText(const HtmlDocument& doc, NodeId root) {
  TextBuilder b;
  int pre = 0;
  WalkTree(
      doc, root,
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (n.is_text()) {
          b.Text(n.text, pre > 0);
          return false;
        }
        const std::string& t = n.name;
        if (t == "br") {
          b.Break(1);
        } else if (t == "li" || t == "tr" || t == "dt" || t == "dd") {
          b.Break(1);
        } else if (t == "td" || t == "th") {
          b.Break(-1);
        } else if (IsBlockElement(t)) {
          b.Break(2);
        }
        if (t == "pre") ++pre;
        return true;
      },
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (!n.is_element()) return;
        if (n.name == "pre") --pre;
        if (n.name == "li" || n.name == "tr" || n.name == "dt" || n.name == "dd")
          b.Break(1);
        else if (IsBlockElement(n.name))
          b.Break(2);
      });
  return b.Finish();
}

std::string RenderHtml(const HtmlDocument& doc, NodeId root, bool include_root) {
  static constexpr std::string_view kKept[] = {"href",    "src",      "alt",  "title", "colspan",
                                               "rowspan", "datetime", "cite", "lang",  "dir"};
  std::string out;
  WalkTree(
      doc, root,
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (n.is_text()) {
          AppendEscaped(&out, n.text, false);
          return false;
        }
        if (id == root && !include_root) return true;
        out += '<';
        out += n.name;
        for (const auto& [k, v] : n.attributes) {
          bool keep = false;
          for (std::string_view kk : kKept) keep = keep || k == kk;
          if (!keep) continue;
          out += ' ';
          out += k;
          out += "=\"";
          AppendEscaped(&out, v, true);
          out += '"';
        }
        out += '>';
        return !IsVoidElement(n.name);
      },
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (!n.is_element() || IsVoidElement(n.name)) return;
        if (id == root && !include_root) return;
        out += "</";
        out += n.name;
        out += '>';
      });
  return out;
}

}  // namespace gpalert
