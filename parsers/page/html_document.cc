#include "parsers/page/html_document.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <memory>
#include <optional>

#include "common/strings.h"
#include "parsers/page/gumbo_tree.h"
#include "parsers/page/html_prefilter.h"

namespace gpalert {
namespace {

std::string ElementName(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  return AsciiLower(std::string_view(piece.data, piece.length));
}

}  // namespace

bool NameIn(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (name == n) return true;
  return false;
}

std::string_view HtmlNode::Attr(std::string_view key) const {
  for (const auto& [k, v] : attributes)
    if (k == key) return v;
  return {};
}

bool HtmlNode::HasAttr(std::string_view key) const {
  for (const auto& a : attributes)
    if (a.first == key) return true;
  return false;
}

void HtmlNode::SetAttr(std::string_view key, std::string value) {
  for (auto& [k, v] : attributes) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  attributes.emplace_back(std::string(key), std::move(value));
}

Result<HtmlDocument> HtmlDocument::Parse(std::string_view html, const HtmlParseOptions& options,
                                         const ParseBudget* given_budget) {
  std::optional<ParseBudget> default_budget;
  if (!given_budget) default_budget.emplace();
  const ParseBudget& budget = given_budget ? *given_budget : *default_budget;
  HtmlDocument doc;
  if (html.size() > options.max_input) {
    doc.warnings_.push_back(
        fmt::format("page cut at {} bytes (it has {})", options.max_input, html.size()));
    html = html.substr(0, options.max_input);
  }
  PrefilterOptions po;
  po.max_depth = options.max_depth;
  po.max_attributes = options.max_attributes;
  po.max_output = options.max_markup;
  po.max_tags = options.max_tags;
  po.drop_unused_attributes = !options.keep_all_attributes;
  PrefilteredHtml pre = PrefilterHtml(html, po);
  if (pre.truncated)
    doc.warnings_.push_back(
        fmt::format("markup cut at {} bytes or {} tags", options.max_markup, options.max_tags));
  if (pre.dropped_tags > 0)
    doc.warnings_.push_back(
        fmt::format("{} tags nested deeper than {} dropped", pre.dropped_tags, options.max_depth));
  if (pre.dropped_attributes > 0)
    doc.warnings_.push_back(fmt::format("{} attributes past {} per tag dropped",
                                        pre.dropped_attributes, options.max_attributes));
  if (pre.dropped_long_values > 0)
    doc.warnings_.push_back(
        fmt::format("{} attribute{} longer than {} bytes dropped", pre.dropped_long_values,
                    pre.dropped_long_values == 1 ? "" : "s", po.max_attribute_value));
  doc.json_ld_ = std::move(pre.json_ld);

  GumboOptions go = kGumboDefaultOptions;
  go.max_errors = 0;
  go.stop_on_first_error = false;
  if (Status within = budget.Check(); !within.ok()) return within;
  Result<GumboTree> tree = GumboTree::Parse(pre.html, go, budget);
  if (!tree.ok()) return tree.status();

  doc.nodes_.reserve(pre.html.size() / 24 + 16);
  struct Pending {
    const GumboNode* g;
    NodeId parent;
    size_t depth;
  };
  std::vector<Pending> stack;
  stack.push_back({tree.value().root(), kNoNode, 0});
  const std::size_t max_nodes = budget.limits().max_nodes;
  while (!stack.empty()) {
    Pending p = stack.back();
    stack.pop_back();
    if (doc.nodes_.size() >= max_nodes) return budget.TooManyNodes();
    if ((doc.nodes_.size() & 4095) == 4095) {
      if (Status within = budget.Check(); !within.ok()) return within;
    }
    NodeId id;
    const GumboNode* g = p.g;
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& e = g->v.element;
      id = doc.CreateElement(ElementName(e));
      HtmlNode& n = doc.node(id);
      n.attributes.reserve(e.attributes.length);
      for (unsigned i = 0; i < e.attributes.length; ++i) {
        auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
        n.attributes.emplace_back(AsciiLower(a->name), a->value);
      }
      if (p.depth < options.max_depth + 8) {
        for (unsigned i = e.children.length; i-- > 0;)
          stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), id, p.depth + 1});
      }
      if (e.tag == GUMBO_TAG_HTML && doc.html_ == kNoNode) doc.html_ = id;
      if (e.tag == GUMBO_TAG_HEAD && doc.head_ == kNoNode) doc.head_ = id;
      if (e.tag == GUMBO_TAG_BODY && doc.body_ == kNoNode) doc.body_ = id;
    } else if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
               g->type == GUMBO_NODE_CDATA) {
      id = doc.CreateText(g->v.text.text);
    } else {
      continue;  // comments, the document node
    }
    if (p.parent != kNoNode) doc.AppendChild(p.parent, id);
  }
  if (doc.html_ == kNoNode) doc.html_ = doc.CreateElement("html");
  if (doc.head_ == kNoNode) {
    doc.head_ = doc.CreateElement("head");
    doc.AppendChild(doc.html_, doc.head_);
  }
  if (doc.body_ == kNoNode) {
    doc.body_ = doc.CreateElement("body");
    doc.AppendChild(doc.html_, doc.body_);
  }
  return doc;
}

HtmlDocument HtmlDocument::Clone() const {
  HtmlDocument d;
  d.nodes_ = nodes_;
  d.html_ = html_;
  d.head_ = head_;
  d.body_ = body_;
  d.json_ld_ = json_ld_;
  d.warnings_ = warnings_;
  return d;
}

NodeId HtmlDocument::CreateElement(std::string name) {
  HtmlNode n;
  n.kind = HtmlNode::Kind::kElement;
  n.name = std::move(name);
  nodes_.push_back(std::move(n));
  return static_cast<NodeId>(nodes_.size() - 1);
}

NodeId HtmlDocument::CreateText(std::string text) {
  HtmlNode n;
  n.kind = HtmlNode::Kind::kText;
  n.text = std::move(text);
  nodes_.push_back(std::move(n));
  return static_cast<NodeId>(nodes_.size() - 1);
}

void HtmlDocument::Unlink(NodeId id) {
  HtmlNode& n = node(id);
  if (n.parent == kNoNode) return;
  HtmlNode& parent = node(n.parent);
  if (n.prev != kNoNode)
    node(n.prev).next = n.next;
  else
    parent.first_child = n.next;
  if (n.next != kNoNode)
    node(n.next).prev = n.prev;
  else
    parent.last_child = n.prev;
  n.parent = n.prev = n.next = kNoNode;
}

void HtmlDocument::AppendChild(NodeId parent, NodeId child) {
  Unlink(child);
  HtmlNode& p = node(parent);
  HtmlNode& c = node(child);
  c.parent = parent;
  c.prev = p.last_child;
  if (p.last_child != kNoNode)
    node(p.last_child).next = child;
  else
    p.first_child = child;
  p.last_child = child;
}

void HtmlDocument::InsertBefore(NodeId reference, NodeId child) {
  Unlink(child);
  HtmlNode& r = node(reference);
  HtmlNode& c = node(child);
  c.parent = r.parent;
  c.next = reference;
  c.prev = r.prev;
  if (r.prev != kNoNode)
    node(r.prev).next = child;
  else
    node(r.parent).first_child = child;
  r.prev = child;
}

void HtmlDocument::MoveChildren(NodeId from, NodeId to) {
  while (node(from).first_child != kNoNode) AppendChild(to, node(from).first_child);
}

void HtmlDocument::Unwrap(NodeId id) {
  if (node(id).parent == kNoNode) return;
  while (node(id).first_child != kNoNode) InsertBefore(id, node(id).first_child);
  Unlink(id);
}

NodeId HtmlDocument::NextSkippingChildren(NodeId id, NodeId root) const {
  while (id != kNoNode && id != root) {
    if (node(id).next != kNoNode) return node(id).next;
    id = node(id).parent;
  }
  return kNoNode;
}

NodeId HtmlDocument::NextInTree(NodeId id, NodeId root) const {
  if (node(id).first_child != kNoNode) return node(id).first_child;
  return NextSkippingChildren(id, root);
}

std::vector<NodeId> HtmlDocument::ElementsByTag(NodeId root, std::string_view tag) const {
  std::vector<NodeId> found;
  for (NodeId id = NextInTree(root, root); id != kNoNode; id = NextInTree(id, root)) {
    const HtmlNode& n = node(id);
    if (n.is_element() && (tag.empty() || n.name == tag)) found.push_back(id);
  }
  return found;
}

bool HtmlDocument::Contains(NodeId ancestor, NodeId id) const {
  for (; id != kNoNode; id = node(id).parent)
    if (id == ancestor) return true;
  return false;
}

}  // namespace gpalert
