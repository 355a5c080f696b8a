// HtmlDocument: an HTML page parsed by Gumbo 0.10.1 (max_errors = 0, after
// PrefilterHtml's caps, under a ParseBudget: gumbo_tree.h) and copied into a compact, mutable node
// arena the extractor can rewrite (unlink, retag, wrap). The GumboOutput lives only inside Parse,
// behind an owning handle. Every walk over the tree is iterative. One thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/status.h"
#include "parsers/page/parse_budget.h"

namespace gpalert {

using NodeId = std::int32_t;
inline constexpr NodeId kNoNode = -1;

// True when `name` is one of `names` (tag-name sets, exact comparison).
bool NameIn(std::string_view name, std::initializer_list<std::string_view> names);

// A fixed set of tag names with hashed lookup, for checks made on every node.
// Build once (a function-local static); Contains() is safe from any thread.
class TagSet {
 public:
  TagSet(std::initializer_list<std::string_view> names) : names_(names) {}
  bool Contains(std::string_view name) const { return names_.count(name) > 0; }

 private:
  std::unordered_set<std::string_view> names_;
};

struct HtmlNode {
  enum class Kind : std::uint8_t { kElement, kText };
  Kind kind = Kind::kElement;
  std::string name;  // lower-case tag name for elements; empty for text
  std::string text;  // character data for text nodes
  std::vector<std::pair<std::string, std::string>> attributes;
  NodeId parent = kNoNode;
  NodeId first_child = kNoNode;
  NodeId last_child = kNoNode;
  NodeId prev = kNoNode;
  NodeId next = kNoNode;

  bool is_element() const { return kind == Kind::kElement; }
  bool is_text() const { return kind == Kind::kText; }
  bool Is(std::string_view tag) const { return kind == Kind::kElement && name == tag; }
  // Attribute value, or "" when absent.
  std::string_view Attr(std::string_view key) const;
  bool HasAttr(std::string_view key) const;
  void SetAttr(std::string_view key, std::string value);
};

struct HtmlParseOptions {
  std::size_t max_input = 16 << 20;  // bytes; longer input is cut (warning)
  std::size_t max_markup = 4 << 20;  // bytes of markup after dropping scripts/styles
  std::size_t max_depth = 256;       // deeper start tags are dropped before parsing
  std::size_t max_attributes = 64;   // further attributes of one tag are dropped
  std::size_t max_tags = 100000;     // the markup is cut after this many start tags
  bool keep_all_attributes = false;  // false: drop data-*, on*, srcset, ... before parsing
};

class HtmlDocument {
 public:
  // `html` must be UTF-8 (see HtmlCharset). Fails when nothing parses, and when the page
  // is over `budget` (the default limits when null): "page too complex: ...".
  static Result<HtmlDocument> Parse(std::string_view html, const HtmlParseOptions& options = {},
                                    const ParseBudget* budget = nullptr);

  HtmlDocument(HtmlDocument&&) = default;
  HtmlDocument& operator=(HtmlDocument&&) = default;
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;
  // A deep copy (the extractor retries on a fresh copy with looser rules).
  HtmlDocument Clone() const;

  NodeId html() const { return html_; }
  NodeId head() const { return head_; }
  NodeId body() const { return body_; }
  HtmlNode& node(NodeId id) { return nodes_[static_cast<size_t>(id)]; }
  const HtmlNode& node(NodeId id) const { return nodes_[static_cast<size_t>(id)]; }
  std::size_t size() const { return nodes_.size(); }

  NodeId CreateElement(std::string name);
  NodeId CreateText(std::string text);
  void AppendChild(NodeId parent, NodeId child);      // unlinks child first
  void InsertBefore(NodeId reference, NodeId child);  // unlinks child first
  void Unlink(NodeId id);                             // detaches id (and its subtree)
  // Moves every child of `from` to the end of `to`.
  void MoveChildren(NodeId from, NodeId to);
  // Replaces `id` in its parent by its children.
  void Unwrap(NodeId id);

  // Next node after `id` in document order within the subtree of `root`; kNoNode at the end.
  NodeId NextInTree(NodeId id, NodeId root) const;
  // Like NextInTree but skips the subtree of `id`.
  NodeId NextSkippingChildren(NodeId id, NodeId root) const;
  // All element descendants of `root` named `tag` (or every element when tag is empty),
  // in document order.
  std::vector<NodeId> ElementsByTag(NodeId root, std::string_view tag) const;
  bool Contains(NodeId ancestor, NodeId id) const;

  // <script type="application/ld+json"> bodies, in document order.
  const std::vector<std::string>& json_ld() const { return json_ld_; }
  // What the caps cut or dropped (each a sentence).
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  HtmlDocument() = default;

  std::vector<HtmlNode> nodes_;
  NodeId html_ = kNoNode;
  NodeId head_ = kNoNode;
  NodeId body_ = kNoNode;
  std::vector<std::string> json_ld_;
  std::vector<std::string> warnings_;
};

// Visits the subtree of `root` in document order without recursion: enter(id) before a
// node's children (return false to skip them), leave(id) after them (elements only when
// entered). root itself is visited too.
template <typename Enter, typename Leave>
void WalkTree(const HtmlDocument& doc, NodeId root, Enter enter, Leave leave) {
  NodeId id = root;
  while (id != kNoNode) {
    const HtmlNode& n = doc.node(id);
    if (enter(id) && n.first_child != kNoNode) {
      id = n.first_child;
      continue;
    }
    // No descent: leave this node, then climb until a next sibling exists.
    while (true) {
      leave(id);
      if (id == root) return;
      const HtmlNode& m = doc.node(id);
      if (m.next != kNoNode) {
        id = m.next;
        break;
      }
      id = m.parent;
      if (id == kNoNode) return;
    }
  }
}

}  // namespace gpalert
