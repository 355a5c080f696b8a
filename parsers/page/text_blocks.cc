#include "parsers/page/text_blocks.h"

#include <algorithm>
#include <functional>

#include "common/strings.h"
#include "parsers/page/dom_text.h"

namespace gpalert {
namespace {

struct Span {
  NodeId first = kNoNode;
  NodeId last = kNoNode;
  NodeId element = kNoNode;
  bool run = false;
};

// Leaf blocks and runs under root in document order: one walk in which every block
// tells its parent that it holds a block; a container holding blocks then cuts its
// other children into runs.
std::vector<Span> LeafSpans(const HtmlDocument& doc, NodeId root) {
  std::vector<Span> spans;
  std::vector<char> holds_block(doc.size(), 0);
  std::vector<std::uint32_t> order(doc.size(), 0);
  std::uint32_t next_order = 0;
  auto is_block = [&](NodeId c) {
    const HtmlNode& k = doc.node(c);
    return k.is_element() &&
           (IsTextBlockElement(k.name) || holds_block[static_cast<size_t>(c)] != 0);
  };
  WalkTree(
      doc, root,
      [&](NodeId id) {
        order[static_cast<size_t>(id)] = next_order++;
        return doc.node(id).is_element();
      },
      [&](NodeId id) {
        const HtmlNode& n = doc.node(id);
        if (!n.is_element()) return;
        bool block = IsTextBlockElement(n.name);
        bool holds = holds_block[static_cast<size_t>(id)] != 0;
        if (holds) {
          Span run;
          for (NodeId c = n.first_child; c != kNoNode; c = doc.node(c).next) {
            if (is_block(c)) {
              if (run.first != kNoNode) spans.push_back(run);
              run = Span();
              continue;
            }
            if (run.first == kNoNode) run = Span{c, c, id, true};
            run.last = c;
          }
          if (run.first != kNoNode) spans.push_back(run);
        } else if (block || id == root) {
          spans.push_back(Span{id, id, id, false});
        }
        if ((block || holds) && id != root && n.parent != kNoNode)
          holds_block[static_cast<size_t>(n.parent)] = 1;
      });
  std::sort(spans.begin(), spans.end(), [&](const Span& x, const Span& y) {
    return order[static_cast<size_t>(x.first)] < order[static_cast<size_t>(y.first)];
  });
  return spans;
}

// The collapsed text of a span as InnerText reads it, but a <br> reading as a space
// ("11:38<br>Kategorie") and without soft hyphens.
std::string SpanText(const HtmlDocument& doc, const Span& span) {
  std::string raw;
  for (NodeId at = span.first;; at = doc.node(at).next) {
    WalkTree(
        doc, at,
        [&](NodeId c) {
          const HtmlNode& n = doc.node(c);
          if (n.is_text())
            raw += n.text;
          else if (n.name == "br")
            raw += ' ';
          return n.is_element();
        },
        [](NodeId) {});
    if (at == span.last) break;
  }
  std::string text = CollapseWhitespace(raw);
  for (std::size_t p = text.find("\xC2\xAD"); p != std::string::npos; p = text.find("\xC2\xAD", p))
    text.erase(p, 2);
  return text;
}

double SpanLinkDensity(const HtmlDocument& doc, const Span& span) {
  if (!span.run) return LinkDensity(doc, span.first);
  double linked = 0, total = 0;
  for (NodeId at = span.first;; at = doc.node(at).next) {
    double length = static_cast<double>(TextLength(doc, at));
    linked += LinkDensity(doc, at) * length;
    total += length;
    if (at == span.last) break;
  }
  return total > 0 ? linked / total : 0;
}

}  // namespace

bool IsTextBlockElement(std::string_view tag) {
  static const TagSet kCells{"li", "dt", "dd", "td", "th", "legend"};
  return IsBlockElement(tag) || kCells.Contains(tag);
}

std::vector<TextBlock> LeafBlocks(const HtmlDocument& doc, NodeId root) {
  std::vector<TextBlock> blocks;
  for (const Span& span : LeafSpans(doc, root)) {
    TextBlock b;
    b.text = SpanText(doc, span);
    if (b.text.empty()) continue;
    b.id = span.first;
    b.last = span.last;
    b.element = span.element;
    b.run = span.run;
    b.length = CodePoints(b.text);
    b.link_density = SpanLinkDensity(doc, span);
    blocks.push_back(std::move(b));
  }
  return blocks;
}

void UnlinkBlock(HtmlDocument* doc, const TextBlock& block) {
  NodeId at = block.id;
  while (at != kNoNode) {
    NodeId next = at == block.last ? kNoNode : doc->node(at).next;
    doc->Unlink(at);
    at = next;
  }
}

BlockCounts BlockCounts::Count(const HtmlDocument& doc, std::size_t max_length) {
  BlockCounts counts;
  if (doc.body() == kNoNode) return counts;
  for (const Span& span : LeafSpans(doc, doc.body())) {
    if (!span.run && TextLength(doc, span.first) > max_length) continue;
    std::string text = SpanText(doc, span);
    if (!text.empty() && CodePoints(text) <= max_length)
      ++counts.counts_[std::hash<std::string_view>{}(text)];
  }
  return counts;
}

std::size_t BlockCounts::Occurrences(std::string_view text) const {
  auto it = counts_.find(std::hash<std::string_view>{}(text));
  return it == counts_.end() ? 0 : it->second;
}

}  // namespace gpalert
