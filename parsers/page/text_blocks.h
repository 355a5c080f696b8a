// TextBlocks: the leaf blocks of a subtree (block elements - paragraphs, headings, list
// items, cells, captions, text-only divs - that hold no other block, and the runs of
// loose text and inline elements beside blocks inside a container), each with its
// collapsed text and link density, in document order; and BlockCounts, how often each
// short block text occurs on a whole page. Both are built in one linear, iterative pass.
// Values over a document they do not own; the caller's thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parsers/page/html_document.h"

namespace gpalert {

struct TextBlock {
  NodeId id = kNoNode;       // the block element, or the first node of a run
  NodeId last = kNoNode;     // id, or the last sibling of a run
  NodeId element = kNoNode;  // id, or the element a run sits in
  bool run = false;          // loose text and inline elements beside blocks
  std::string text;          // collapsed inner text, <br> as a space
  std::size_t length = 0;    // code points of text
  double link_density = 0;   // LinkDensity of the block
};

// True for elements that make a block of their own (IsBlockElement, list items, terms,
// cells, legends).
bool IsTextBlockElement(std::string_view tag);

// The leaf blocks and runs under `root` (root itself when it holds no block), with text,
// in document order; blocks without text are left out.
std::vector<TextBlock> LeafBlocks(const HtmlDocument& doc, NodeId root);

// Unlinks the block (every node of a run).
void UnlinkBlock(HtmlDocument* doc, const TextBlock& block);

class BlockCounts {
 public:
  // Counts the texts of the page's leaf blocks of at most max_length code points.
  static BlockCounts Count(const HtmlDocument& doc, std::size_t max_length = 300);

  // Leaf blocks of the page whose text is exactly `text`.
  std::size_t Occurrences(std::string_view text) const;

 private:
  std::unordered_map<std::uint64_t, std::uint32_t> counts_;
};

}  // namespace gpalert
