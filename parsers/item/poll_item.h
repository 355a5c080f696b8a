// PollItem: one item found on a source during a poll (a feed entry, a listing link,
// then enriched by the extracted article page), and the conversions that make it one.
// Pure functions on values; any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "parsers/feed/feed_parser.h"
#include "parsers/page/extract_article.h"
#include "parsers/page/listing.h"

namespace gpalert {

struct PollItem {
  std::string url;                   // absolute; the page the digest links to
  std::optional<std::string> guid;   // feed id
  std::optional<std::string> title;  // plain text
  std::optional<std::string> author;
  std::optional<std::string> summary;  // plain text, at most kStoredSummaryChars
  std::optional<Instant> published;
  // The feed's content, else its summary, as plain text: what the fingerprint is made of
  // when no page was extracted (ToNewArticle prefers body_text).
  std::string text;
  // From the extracted article page (unset when no page was extracted): its lead, its
  // text (paragraphs split by blank lines) and its cleaned body HTML, for full-text digests.
  std::optional<std::string> lead;
  std::optional<std::string> body_text;
  std::optional<std::string> body_html;
};

// Summaries are kept up to this many bytes; the digest cuts them to [mail] summary_chars.
constexpr std::size_t kStoredSummaryChars = 2000;

// Feed entries with a usable link (absolute http/https), in feed order. Summaries are
// the entry's summary (else content) as plain text; the text is its content (else
// summary) as plain text.
std::vector<PollItem> ItemsFromFeed(const ParsedFeed& feed);

// Listing links as items (title = link text, date and byline from the block).
std::vector<PollItem> ItemsFromListing(const std::vector<ListingLink>& links);

// Fills the item from the extracted article page: title, byline, date and lead from
// the page win over the feed's or listing's values, which stay as fallbacks.
void MergeExtractedArticle(const Article& article, PollItem* item);

// True when a backfill limit applies and the item was published before now - backfill.
// Undated items are never backfill (nothing says they are old).
bool IsBackfill(const PollItem& item, Instant now, std::chrono::seconds backfill);

}  // namespace gpalert
