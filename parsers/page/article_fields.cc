#include "parsers/page/article_fields.h"

#include "common/regex.h"
#include "common/strings.h"
#include "common/url.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/element_queries.h"
#include "parsers/page/text_shape.h"
#include "parsers/text/date_parser.h"
#include "parsers/text/visible_date.h"

namespace gpalert {
namespace {

bool AnyIn(std::string_view hay, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles)
    if (hay.find(n) != std::string_view::npos) return true;
  return false;
}

std::string Hint(const HtmlNode& n) {
  return AsciiLower(n.Attr("class")) + " " + AsciiLower(n.Attr("id"));
}

// The words pages write before an author's name: English, French, German, Spanish and
// Portuguese, Polish and Czech, Dutch, Italian. Lower case; a trailing colon is optional.
constexpr std::string_view kBylineLabels[] = {
    "written by", "posted by", "words by", "by",   "par", "von", "por",
    "autor",      "autorin",   "author",   "door", "di",  "da",  "text",
};

// Labels that are words of a sentence too ("da", "di", "text"): only with a colon.
bool NeedsColon(std::string_view label) {
  return label == "da" || label == "di" || label == "text" || label == "author";
}

// The length of the byline label that starts `t` ("By ", "Autor: ", "Par "), with its
// colon and the space after it; 0 when `t` does not start with one.
size_t BylineLabelLength(std::string_view t) {
  for (std::string_view label : kBylineLabels) {
    if (t.size() <= label.size() || !StartsWithIgnoreCase(t, label)) continue;
    size_t end = label.size();
    bool colon = t[end] == ':';
    if (colon) ++end;
    if (!colon && NeedsColon(label)) continue;
    if (end >= t.size() || t[end] != ' ') continue;
    return end + 1;
  }
  return 0;
}

// A label written on its own ("By", "Von", "Autor:"): the name is in the next element.
bool IsBylineLabel(std::string_view text) {
  std::string t = AsciiLower(CollapseWhitespace(text));
  if (!t.empty() && t.back() == ':') t.pop_back();
  for (std::string_view label : kBylineLabels)
    if (t == label && label != "da" && label != "di" && label != "text") return true;
  return false;
}

// "Jane Doe and John Roe | 6 December 2021" -> the names; nullopt when it does not read
// as names (lower case start, too long).
std::optional<std::string> NamesFrom(std::string_view rest) {
  for (std::string_view stop : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", ", ", " on "}) {
    size_t p = rest.find(stop);
    if (p != std::string_view::npos) rest = rest.substr(0, p);
  }
  rest = TrimAscii(rest);
  if (rest.empty() || rest.size() > 80) return std::nullopt;
  auto c = static_cast<unsigned char>(rest[0]);
  if (!((c >= 'A' && c <= 'Z') || c >= 0xC3)) return std::nullopt;  // a capital, or non-ASCII
  return std::string(rest);
}

// "By Jane Doe", "Par Jean Dupont", "Autor: Jan Kowalski", "by Jane Doe and John Roe |
// 6 December 2021" -> the names.
std::optional<std::string> BylineFromText(std::string_view text) {
  std::string t = CollapseWhitespace(text);
  if (t.size() < 4 || t.size() > 120) return std::nullopt;
  size_t label = BylineLabelLength(t);
  if (label == 0) return std::nullopt;
  return NamesFrom(std::string_view(t).substr(label));
}

bool IsLeafText(const HtmlDocument& doc, NodeId id) {
  for (NodeId c = doc.node(id).first_child; c != kNoNode; c = doc.node(c).next) {
    const HtmlNode& k = doc.node(c);
    if (k.is_element() && IsBlockElement(k.name)) return false;
  }
  return true;
}

// The collapsed text of `root` without its hidden descendants.
std::string VisibleText(const HtmlDocument& doc, NodeId root) {
  std::string raw;
  WalkTree(
      doc, root,
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (n.is_text()) raw += n.text;
        // A line break or a block inside shows as a break ("Written by<br>Jane Doe").
        if (id != root && n.is_element() && (n.Is("br") || IsBlockElement(n.name))) raw += ' ';
        return n.is_element() && !IsHiddenElement(n);
      },
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (id != root && n.is_element() && IsBlockElement(n.name)) raw += ' ';
      });
  return CollapseWhitespace(raw);
}

// Inside a figure, a list or navigation: a caption, a menu or a teaser, not a standfirst.
bool InFurniture(const HtmlDocument& doc, NodeId id) {
  for (std::string_view tag : {"figure", "figcaption", "li", "nav", "aside", "footer"})
    if (doc.node(id).name == tag || HasAncestorNamed(doc, id, tag, 6)) return true;
  return false;
}

}  // namespace

VisibleFields ReadVisibleFields(const HtmlDocument& doc, std::string_view title) {
  VisibleFields f;
  NodeId body = doc.body();
  // <time datetime> in the page, the first one that parses.
  for (NodeId t : doc.ElementsByTag(body, "time")) {
    std::string_view dt = doc.node(t).Attr("datetime");
    std::optional<Instant> when = dt.empty() ? std::nullopt : ParseDate(dt);
    if (!when) when = FindVisibleDate(InnerText(doc, t));
    if (when) {
      f.published = when;
      break;
    }
  }
  // The headline: an <h1>, preferring one whose text is the title.
  NodeId headline = kNoNode;
  std::string want = CollapseWhitespace(title);
  for (NodeId h : doc.ElementsByTag(body, "")) {
    const HtmlNode& n = doc.node(h);
    if (!(n.Is("h1") || n.Is("h2"))) continue;
    std::string text = CollapseWhitespace(InnerText(doc, h));
    if (!want.empty() && text == want) {
      headline = h;
      break;
    }
    if (headline == kNoNode && n.Is("h1")) headline = h;
  }
  if (headline == kNoNode) return f;
  // The zone between the headline and the first long paragraph.
  std::optional<std::string> plain_candidate;
  bool plain_is_text = false;
  bool label_before = false;  // the previous text was a byline label alone ("By")
  int elements = 0;
  for (NodeId id = doc.NextSkippingChildren(headline, body), next; id != kNoNode && elements < 60;
       id = next) {
    const HtmlNode& n = doc.node(id);
    next = doc.NextInTree(id, body);
    if (!n.is_element()) continue;
    if (IsHiddenElement(n)) {
      next = doc.NextSkippingChildren(id, body);
      continue;
    }
    ++elements;
    if (!IsLeafText(doc, id)) continue;
    std::string text = VisibleText(doc, id);
    size_t len = CodePoints(text);
    if (len >= 200 && n.Is("p")) break;
    if (len == 0) continue;
    std::string hint = Hint(n);
    if (!f.byline && label_before && len < 80 && !FindVisibleDate(text)) f.byline = NamesFrom(text);
    label_before = IsBylineLabel(text);
    if (label_before) continue;
    if (!f.byline) f.byline = BylineFromText(text);
    if (!f.byline && len < 100 &&
        (n.Attr("rel") == "author" || n.Attr("itemprop").find("author") != std::string_view::npos ||
         AnyIn(hint, {"byline", "author"})))
      f.byline = text;
    if (!f.published && len < 100 &&
        (AnyIn(hint, {"date", "time", "publish", "posted", "meta", "byline", "dateline"}) ||
         len < 40))
      f.published = FindVisibleDate(text);
    if (!f.standfirst && len >= 20 && len <= 500 &&
        AnyIn(hint, {"standfirst", "subtitle", "sub-title", "subhead", "dek", "strapline", "lede",
                     "summary", "intro", "teaser", "excerpt", "description", "abstract"})) {
      f.standfirst = text;
      f.standfirst_is_text = !InFurniture(doc, id) && LinkDensity(doc, id) < 0.5;
    }
    if (!plain_candidate && len >= 40 && len <= 300 && (n.Is("p") || n.Is("h2") || n.Is("h3")) &&
        !BylineFromText(text) && !FindVisibleDate(text)) {
      plain_candidate = text;
      plain_is_text = !InFurniture(doc, id) && LinkDensity(doc, id) < 0.3 && ReadsLikeProse(text);
    }
  }
  if (!f.standfirst) {
    f.standfirst = plain_candidate;
    f.standfirst_is_text = plain_is_text;
  }
  return f;
}

std::vector<std::string> FindReferences(const HtmlDocument& doc, NodeId root) {
  std::vector<std::string> refs;
  // The last element whose whole text is a references heading.
  NodeId heading = kNoNode;
  for (NodeId id : doc.ElementsByTag(root, "")) {
    const HtmlNode& n = doc.node(id);
    if (!(n.Is("h1") || n.Is("h2") || n.Is("h3") || n.Is("h4") || n.Is("h5") || n.Is("h6") ||
          n.Is("p") || n.Is("strong") || n.Is("b") || n.Is("div")))
      continue;
    std::string text = AsciiLower(CollapseWhitespace(InnerText(doc, id)));
    while (!text.empty() && (text.back() == ':' || text.back() == ' ')) text.pop_back();
    if (text == "references" || text == "notes" || text == "sources" || text == "endnotes" ||
        text == "footnotes" || text == "bibliography" || text == "notes and references")
      heading = id;
  }
  auto add_items = [&](NodeId list) {
    for (NodeId li = doc.node(list).first_child; li != kNoNode; li = doc.node(li).next) {
      if (!doc.node(li).is_element()) continue;
      std::string t = CollapseWhitespace(InnerText(doc, li));
      if (!t.empty()) refs.push_back(std::move(t));
    }
  };
  if (heading != kNoNode) {
    // Climb to the ancestor that has following siblings, then read them.
    NodeId at = heading;
    while (at != root && doc.node(at).next == kNoNode && doc.node(at).parent != root)
      at = doc.node(at).parent;
    for (NodeId s = doc.node(at).next; s != kNoNode; s = doc.node(s).next) {
      const HtmlNode& n = doc.node(s);
      if (!n.is_element()) continue;
      if (n.name.size() == 2 && n.name[0] == 'h' && n.name[1] >= '1' && n.name[1] <= '6') break;
      if (n.Is("ul") || n.Is("ol")) {
        if (refs.empty()) add_items(s);
        break;  // the list is the references; what follows is something else
      } else {
        std::string t = CollapseWhitespace(InnerText(doc, s));
        if (!t.empty()) refs.push_back(std::move(t));
      }
    }
    return refs;
  }
  // No heading: a trailing list whose items read like citations (a year and a quote).
  NodeId last_list = kNoNode;
  for (NodeId c = doc.node(root).last_child; c != kNoNode && last_list == kNoNode;
       c = doc.node(c).prev) {
    const HtmlNode& n = doc.node(c);
    if (!n.is_element()) continue;
    std::vector<NodeId> lists;
    if (n.Is("ul") || n.Is("ol")) lists.push_back(c);
    for (NodeId l : doc.ElementsByTag(c, "")) {
      if (doc.node(l).Is("ul") || doc.node(l).Is("ol")) lists.push_back(l);
    }
    if (!lists.empty()) last_list = lists.back();
    break;
  }
  if (last_list == kNoNode) return refs;
  static const Regex kYear = Regex::Compile("(19|20)[0-9]{2}").value();
  size_t items = 0, cited = 0;
  for (NodeId li = doc.node(last_list).first_child; li != kNoNode; li = doc.node(li).next) {
    if (!doc.node(li).Is("li")) continue;
    ++items;
    std::string t = InnerText(doc, li);
    bool quoted = t.find("\xE2\x80\x9C") != std::string::npos ||
                  t.find("\xE2\x80\x9D") != std::string::npos || t.find('"') != std::string::npos;
    if (quoted && kYear.Search(t)) ++cited;
  }
  if (items >= 2 && cited * 4 >= items * 3) add_items(last_list);
  return refs;
}

std::string CleanByline(std::string_view byline) {
  std::string b = CollapseWhitespace(byline);
  // "By Jane Doe" -> "Jane Doe"; a label alone is no byline.
  if (IsBylineLabel(b)) return "";
  // A date line is not a byline.
  for (std::string_view p : {"updated", "last updated", "published", "posted on"})
    if (StartsWithIgnoreCase(b, p)) return "";
  if (!b.empty() && ((b[0] >= '0' && b[0] <= '9') || FindVisibleDate(b.substr(0, 20))) &&
      FindVisibleDate(b))
    return "";
  for (std::string_view cut : {" \xE2\x80\xA2 ", " | ", " \xC2\xB7 "}) {
    size_t p = b.find(cut);
    if (p != std::string::npos && p > 0) b.erase(p);
  }
  static const Regex kTrailingTime =
      Regex::Compile(R"(\s+[0-9]{1,2}:[0-9]{2}(\s*[AaPp]\.?[Mm]\.?)?(\s+[A-Z]{2,4})?$)").value();
  static const Regex kTrailingDate =
      Regex::Compile(
          R"(,?\s+(on\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-9]{1,2},?\s+[0-9]{4}$)")
          .value();
  static const Regex kTrailingDate2 =
      Regex::Compile(
          R"(,?\s+(on\s+)?[0-9]{1,2}\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-9]{4}$)")
          .value();
  b = kTrailingTime.ReplaceAll(b, "");
  b = kTrailingDate.ReplaceAll(b, "");
  b = kTrailingDate2.ReplaceAll(b, "");
  b = std::string(TrimAscii(b));
  if (size_t label = BylineLabelLength(b); label > 0) {
    auto c = static_cast<unsigned char>(b[label]);
    if ((c >= 'A' && c <= 'Z') || c >= 0xC3) b.erase(0, label);
  }
  return b;
}

std::string FirstSentences(std::string_view text, std::size_t max_chars) {
  std::string para = CollapseWhitespace(text.substr(0, text.find("\n\n")));
  if (para.size() <= max_chars) return para;
  size_t cut = std::string::npos;
  for (size_t i = 0; i + 1 < para.size() && i < max_chars; ++i) {
    if ((para[i] == '.' || para[i] == '!' || para[i] == '?') && para[i + 1] == ' ') cut = i + 1;
  }
  if (cut == std::string::npos) {
    cut = para.rfind(' ', max_chars);
    if (cut == std::string::npos) cut = max_chars;
    std::string out = para.substr(0, cut);
    return out + "\xE2\x80\xA6";
  }
  return para.substr(0, cut);
}

void DropTrailingBoilerplate(HtmlDocument* doc, NodeId root, ExtractTrace* trace) {
  // Leaf blocks at the end of the body, in reverse document order.
  std::vector<NodeId> blocks;
  for (NodeId id : doc->ElementsByTag(root, "")) {
    const HtmlNode& n = doc->node(id);
    if ((n.Is("p") || n.Is("div")) && IsLeafText(*doc, id)) blocks.push_back(id);
  }
  int checked = 0;
  for (size_t i = blocks.size(); i-- > 0 && checked < 3; ++checked) {
    std::string text = AsciiLower(CollapseWhitespace(InnerText(*doc, blocks[i])));
    if (text.empty()) continue;
    bool boilerplate =
        text.size() < 200 &&
        AnyIn(text, {"first published in", "originally published", "originally appeared",
                     "was first published", "this article first appeared"});
    if (!boilerplate) {
      // A line of only action words: "Print Bookmark", "Share Tweet Email".
      boilerplate = true;
      for (std::string_view w : Split(text, ' ')) {
        bool action = false;
        for (std::string_view a : {"print", "bookmark", "share", "tweet", "email", "e-mail",
                                   "facebook", "twitter", "linkedin", "whatsapp", "pdf", "|"})
          action = action || w == a;
        boilerplate = boilerplate && action;
      }
    }
    if (!boilerplate) break;
    if (trace)
      trace->Dropped(blocks[i], "trailing boilerplate",
                     "a \"first published in\" note or a line of action words at the end");
    doc->Unlink(blocks[i]);
  }
}

void KeepStandfirst(HtmlDocument* doc, NodeId root, std::string_view standfirst) {
  auto squeezed = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) out += c;
    return out;
  };
  std::string want = squeezed(standfirst);
  if (want.empty() || squeezed(InnerText(*doc, root)).find(want) != std::string::npos) return;
  NodeId p = doc->CreateElement("p");
  doc->AppendChild(p, doc->CreateText(std::string(standfirst)));
  NodeId first = doc->node(root).first_child;
  if (first == kNoNode)
    doc->AppendChild(root, p);
  else
    doc->InsertBefore(first, p);
}

void AbsolutizeLinks(HtmlDocument* doc, NodeId root, std::string_view base) {
  for (NodeId id : doc->ElementsByTag(root, "")) {
    HtmlNode& n = doc->node(id);
    const char* key = n.Is("a") ? "href" : (n.Is("img") ? "src" : nullptr);
    if (!key) continue;
    std::string value(TrimAscii(n.Attr(key)));
    if (value.empty() || value[0] == '#') continue;
    if (StartsWithIgnoreCase(value, "javascript:")) {
      doc->Unwrap(id);
      continue;
    }
    n.SetAttr(key, ResolveUrl(base, value));
  }
}

}  // namespace gpalert
