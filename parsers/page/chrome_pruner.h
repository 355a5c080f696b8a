// PruneChrome: takes the page furniture that sits inside or beside the article out of the
// container ExtractBody chose: credits and short captions, boxes named as meta lines or
// author boxes (chrome_furniture.h), labels, lead-ins and notices in the words of
// chrome_phrases.h ("Mehr zum Thema", "Foto: ...", "Alle Rechte vorbehalten"), the
// teasers such labels head (and, near the end, everything after them), slideshow
// counters and agency tags, teaser lines the page repeats outside the container, and the
// link lines, datelines and trails before the first and after the last paragraph of
// prose. Headings, lists, quotes and tables of the article stay. Linear in the
// container: one pass over its leaf blocks (text_blocks.h), ancestors looked at a few
// levels up; mutates the document; the caller's thread.
#pragma once

#include <cstddef>

#include "parsers/page/extract_trace.h"
#include "parsers/page/html_document.h"
#include "parsers/page/text_blocks.h"

namespace gpalert {

struct PruneOptions {
  // Texts of the whole page's short blocks, counted before extraction; null: repetition
  // is no signal. Must outlive the call.
  const BlockCounts* page_blocks = nullptr;
  // A section label with at most this share of the container's text after it, and
  // less than tail_prose code points of article prose after its teasers, ends the
  // article: it and everything after it go.
  double tail_share = 0.4;
  std::size_t tail_prose = 300;
};

// `trace`, when set, receives the rule that dropped each block.
void PruneChrome(HtmlDocument* doc, NodeId root, const PruneOptions& options,
                 ExtractTrace* trace = nullptr);

}  // namespace gpalert
