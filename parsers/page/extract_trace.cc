#include "parsers/page/extract_trace.h"

#include <fmt/format.h>

#include "common/strings.h"
#include "parsers/page/dom_text.h"
#include "parsers/page/text_blocks.h"

namespace gpalert {
namespace {

constexpr std::size_t kQuoteChars = 60;

// `<div class="share-bar" id="x">`, the element as a user finds it in the page source.
std::string Describe(const HtmlDocument& doc, NodeId id) {
  const HtmlNode& n = doc.node(id);
  if (!n.is_element()) return "text";
  std::string out = "<" + n.name;
  for (std::string_view key : {"id", "class", "role"}) {
    std::string value = CollapseWhitespace(n.Attr(key));
    if (value.size() > 40) value = value.substr(0, 37) + "...";
    if (!value.empty()) out += fmt::format(" {}=\"{}\"", key, value);
  }
  return out + ">";
}

std::string Quote(std::string_view text) {
  std::string t = CollapseWhitespace(text);
  if (CodePoints(t) <= kQuoteChars) return "\"" + t + "\"";
  std::size_t cut = 0;
  for (std::size_t points = 0; cut < t.size() && points < kQuoteChars; ++points) {
    ++cut;
    while (cut < t.size() && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) ++cut;
  }
  return "\"" + t.substr(0, cut) + "...\"";
}

// What happened to one block, and the node that decided it (the removed subtree, the
// joined sibling, the container).
struct Fate {
  bool kept = false;
  NodeId decided_by = kNoNode;
  std::string why;
};

// The block's first text node: the extractor moves text into new elements (a text-only
// <div> becomes a <p>), but a text node keeps its id wherever it goes.
NodeId FirstText(const HtmlDocument& doc, const TextBlock& block) {
  for (NodeId at = block.id; at != kNoNode; at = doc.node(at).next) {
    if (doc.node(at).is_text() && !CollapseWhitespace(doc.node(at).text).empty()) return at;
    for (NodeId c = doc.NextInTree(at, at); c != kNoNode; c = doc.NextInTree(c, at))
      if (doc.node(c).is_text() && !CollapseWhitespace(doc.node(c).text).empty()) return c;
    if (at == block.last) break;
  }
  return block.id;
}

Fate FateOf(const ExtractTrace& trace, const TextBlock& block) {
  const HtmlDocument& after = *trace.after;
  Fate fate;
  NodeId id = FirstText(*trace.before, block);
  if (trace.root != kNoNode && after.Contains(trace.root, id)) {
    fate.kept = true;
    // The sibling of the container it came with, if it was one.
    for (NodeId p = id; p != kNoNode && p != trace.root; p = after.node(p).parent) {
      if (const std::string* join = trace.JoinOf(p)) {
        fate.decided_by = p;
        fate.why = "joined the container: " + *join;
        return fate;
      }
      if (p == trace.top) break;
    }
    fate.decided_by = trace.top;
    fate.why = "in the container";
    return fate;
  }
  NodeId top = id;
  for (NodeId p = id; p != kNoNode; p = after.node(p).parent) {
    if (const TraceDrop* drop = trace.DropOf(p)) {
      fate.decided_by = p;
      fate.why = drop->stage + ": " + drop->rule;
      return fate;
    }
    top = p;
  }
  if (top != after.html() && top != after.body()) {
    fate.decided_by = top;
    fate.why = "removed with its box (no rule recorded)";
    return fate;
  }
  // Still on the page, beside the container: named by its box on the container's level.
  const HtmlDocument& before = *trace.before;
  NodeId box = block.element;
  if (trace.top != kNoNode && trace.top < static_cast<NodeId>(before.size())) {
    while (before.node(box).parent != kNoNode && before.node(box).parent != before.body() &&
           !before.Contains(before.node(box).parent, trace.top))
      box = before.node(box).parent;
  }
  fate.decided_by = box;
  fate.why = "outside the chosen container";
  return fate;
}

}  // namespace

void ExtractTrace::Dropped(NodeId id, std::string stage, std::string rule) {
  drops_.try_emplace(id, TraceDrop{std::move(stage), std::move(rule)});
}

const TraceDrop* ExtractTrace::DropOf(NodeId id) const {
  auto it = drops_.find(id);
  return it == drops_.end() ? nullptr : &it->second;
}

const std::string* ExtractTrace::JoinOf(NodeId id) const {
  auto it = joined_.find(id);
  return it == joined_.end() ? nullptr : &it->second;
}

std::string ExplainExtraction(const ExtractTrace& trace) {
  std::string out;
  if (!trace.before || !trace.after) return "no page was parsed\n";
  const HtmlDocument& before = *trace.before;
  out += "attempt:   " + trace.attempt + "\n";
  if (trace.top != kNoNode) {
    out += fmt::format("container: {} ({})\n", Describe(before, trace.top), trace.top_why);
  } else {
    out += "container: none (the page has no text)\n";
  }
  if (!trace.candidates.empty()) {
    out += "candidates, best first (score = paragraph points x (1 - link density)):\n";
    for (const TraceCandidate& c : trace.candidates) {
      out += fmt::format("  {:8.1f}  link density {:.2f}  {} {}\n", c.score, c.link_density,
                         Describe(before, c.id), Quote(InnerText(before, c.id)));
    }
  }
  out +=
      "blocks of the page, in order (text = code points, links = link density, density = "
      "share of the block's HTML that is text):\n";
  std::vector<TextBlock> blocks = LeafBlocks(before, before.body());
  for (std::size_t i = 0; i < blocks.size();) {
    Fate fate = FateOf(trace, blocks[i]);
    // A run of blocks with the same fate from the same box is one line.
    std::size_t j = i + 1;
    std::size_t text = blocks[i].length;
    while (j < blocks.size() && !fate.kept) {
      Fate next = FateOf(trace, blocks[j]);
      if (next.kept || next.why != fate.why || next.decided_by != fate.decided_by) break;
      text += blocks[j].length;
      ++j;
    }
    const TextBlock& b = blocks[i];
    std::size_t html = RenderHtml(before, b.element, /*include_root=*/true).size();
    double density = html == 0 ? 0 : static_cast<double>(b.text.size()) / static_cast<double>(html);
    std::string where = Describe(before, b.element);
    if (!fate.kept && fate.decided_by != b.element && fate.decided_by != kNoNode &&
        fate.decided_by < static_cast<NodeId>(before.size()))
      where = Describe(before, fate.decided_by) + " " + where;
    out += fmt::format("  {:<7}  {} {}", fate.kept ? "KEPT" : "DROPPED", where, Quote(b.text));
    if (j - i > 1) {
      out += fmt::format(" and {} more block(s), text {}", j - i - 1, text);
    } else {
      out +=
          fmt::format(" text {}, links {:.2f}, density {:.2f}", b.length, b.link_density, density);
    }
    out += " - " + fate.why + "\n";
    i = j;
  }
  return out;
}

}  // namespace gpalert
