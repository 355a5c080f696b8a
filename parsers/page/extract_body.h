// ExtractBody: finds the article body of a parsed page. Candidate containers are
// scored from the paragraphs inside them (text length, commas, class/id hints, link
// density); the best one is widened to its parent when that scores comparably and
// joined by siblings that look like the same article; then CleanBody (body_cleaner.h)
// and PruneChrome (chrome_pruner.h) take the chrome out of it. Mutates the document.
// The caller's thread.
#pragma once

#include <optional>
#include <string>

#include "parsers/page/chrome_pruner.h"
#include "parsers/page/extract_trace.h"
#include "parsers/page/html_document.h"

namespace gpalert {

struct BodyOptions {
  std::string title;                    // article title (drops the heading repeating it)
  std::size_t min_text = 500;           // below this many characters, retry with looser rules
  std::size_t top_candidates = 5;       // candidates compared when choosing the container
  const ParseBudget* budget = nullptr;  // when spent, no further (looser) attempt is made
  // When set, each attempt's container is pruned of chrome (chrome_pruner.h) before its
  // text is measured, so that the attempt with the most article text wins.
  const PruneOptions* prune = nullptr;
  // A looser attempt replaces a stricter one only with this many times its text: the
  // stricter rules are trusted over a longer run of comments or widgets.
  double looser_gain = 2.0;
  // When set, receives why each part of the page was kept or dropped (the kept attempt's).
  ExtractTrace* trace = nullptr;
};

struct ExtractedBody {
  NodeId root = kNoNode;              // a <div> holding the article (in doc's arena)
  std::optional<std::string> byline;  // text of a byline element found while scanning
  std::size_t text_length = 0;
};

// Never fails; root is kNoNode when the page has no text at all.
ExtractedBody ExtractBody(HtmlDocument* doc, const BodyOptions& options);

}  // namespace gpalert
