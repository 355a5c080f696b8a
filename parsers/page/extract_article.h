// Article: what the extractor pulls out of an article page, and the entry point.
// Pure: bytes + URL in, values out; never fetches.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time_format.h"
#include "parsers/page/extract_trace.h"
#include "parsers/page/parse_budget.h"

namespace gpalert {

struct Article {
  std::string url;
  std::optional<std::string> title;
  std::optional<std::string> byline;
  std::optional<Instant> published;
  std::optional<std::string> lead;      // standfirst, else the first sentences
  std::optional<std::string> text;      // plain text, paragraphs split by blank lines
  std::optional<std::string> html;      // cleaned body HTML
  std::vector<std::string> references;  // trailing References/Notes/Sources list
  std::optional<std::string> lang;
  std::optional<std::string> site_name;
  std::vector<std::string> warnings;  // what size/depth caps cut (not printed as fields)
};

struct ExtractOptions {
  std::string url;                           // page URL (base for links); may be empty
  std::optional<std::string> content_type;   // HTTP Content-Type (charset)
  std::size_t max_bytes = 16 * 1024 * 1024;  // larger pages are truncated (with a warning)
  ParseLimits limits;                        // CPU, parser memory and node budget of this one page
  // When set, receives why each part of the page was kept or dropped (extract_trace.h):
  // `gpalert extract --explain`. Costs a copy of the page's tree or two.
  ExtractTrace* trace = nullptr;
};

// Errors: kInvalidArgument for input that cannot be a page at all and for a page over
// its budget ("URL: page too complex: ..."); kTemporary when limits.cancel was raised.
Result<Article> ExtractArticle(std::string_view bytes, const ExtractOptions& options);

}  // namespace gpalert
