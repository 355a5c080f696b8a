#include "parsers/page/element_queries.h"

#include "common/strings.h"
#include "parsers/page/extract_hints.h"

namespace gpalert {

bool IsAllSpace(std::string_view s) {
  for (char c : s)
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) return false;
  return true;
}

std::size_t CountCommas(std::string_view s) {
  // ',' and the Arabic (U+060C), small and vertical (U+FE50, U+FE10, U+FE11), reversed
  // and raised (U+2E41, U+2E34, U+2E32) and full-width (U+FF0C) commas. One look at each
  // byte: only the three lead bytes those forms start with need a closer look.
  auto at = [&](std::size_t i, std::string_view form) {
    return s.compare(i, form.size(), form) == 0;
  };
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    switch (static_cast<unsigned char>(s[i])) {
      case ',':
        ++n;
        break;
      case 0xD8:
        n += at(i, "\xD8\x8C");
        break;
      case 0xE2:
        n += at(i, "\xE2\xB9\x81") || at(i, "\xE2\xB8\xB4") || at(i, "\xE2\xB8\xB2");
        break;
      case 0xEF:
        n += at(i, "\xEF\xB9\x90") || at(i, "\xEF\xB8\x90") || at(i, "\xEF\xB8\x91") ||
             at(i, "\xEF\xBC\x8C");
        break;
      default:
        break;
    }
  }
  return n;
}

std::string ClassAndId(const HtmlDocument& doc, NodeId id) {
  const HtmlNode& n = doc.node(id);
  std::string m = AsciiLower(n.Attr("class"));
  m += ' ';
  m += AsciiLower(n.Attr("id"));
  return m;
}

bool IsHiddenElement(const HtmlNode& n) {
  std::string style = AsciiLower(n.Attr("style"));
  if (!style.empty()) {
    std::string compact;
    for (char c : style)
      if (c != ' ') compact += c;
    if (compact.find("display:none") != std::string::npos ||
        compact.find("visibility:hidden") != std::string::npos)
      return true;
  }
  if (n.HasAttr("hidden")) return true;
  return n.Attr("aria-hidden") == "true" &&
         n.Attr("class").find("fallback-image") == std::string::npos;
}

int HintWeight(const HtmlDocument& doc, NodeId id) {
  const HtmlNode& n = doc.node(id);
  int w = 0;
  for (std::string_view attr : {"class", "id"}) {
    std::string value = AsciiLower(n.Attr(attr));
    if (value.empty()) continue;
    if (NegativeHint(value)) w -= 25;
    if (PositiveHint(value)) w += 25;
  }
  return w;
}

bool HasAncestorNamed(const HtmlDocument& doc, NodeId id, std::string_view tag, int max_depth,
                      const std::function<bool(NodeId)>& accept) {
  int depth = 0;
  for (NodeId p = doc.node(id).parent; p != kNoNode; p = doc.node(p).parent) {
    if (max_depth > 0 && depth > max_depth) return false;
    if (doc.node(p).name == tag && (!accept || accept(p))) return true;
    ++depth;
  }
  return false;
}

std::size_t CountElementChildren(const HtmlDocument& doc, NodeId id) {
  std::size_t n = 0;
  for (NodeId c = doc.node(id).first_child; c != kNoNode; c = doc.node(c).next)
    n += doc.node(c).is_element();
  return n;
}

NodeId RemoveNode(HtmlDocument* doc, NodeId id, NodeId root) {
  NodeId next = doc->NextSkippingChildren(id, root);
  doc->Unlink(id);
  return next;
}

}  // namespace gpalert
