// Listing-page discovery: article links on an HTML listing page (sources with
// type = "page"), and feed autodiscovery (<link rel="alternate" ...>). Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time_format.h"
#include "parsers/page/parse_budget.h"

namespace gpalert {

struct ListingLink {
  std::string url;                   // absolute
  std::string title;                 // link text, whitespace collapsed
  std::optional<Instant> published;  // from the surrounding block when present
  std::optional<std::string> byline;
};

struct ListingOptions {
  std::string url;  // the listing page's URL (base, same-site test)
  std::optional<std::string> content_type;
  std::optional<std::string> link_pattern;  // RE2 regex the resolved hrefs must match
  ParseLimits limits;                       // CPU, parser memory and node budget of the page
};

struct Listing {
  std::vector<ListingLink> links;     // in document order, de-duplicated
  std::vector<std::string> warnings;  // what was skipped and why, one sentence each
};

// kInvalidArgument for a bad link_pattern and for a page over its budget ("page too
// complex: ..."); kTemporary when limits.cancel was raised.
Result<Listing> DiscoverListingLinks(std::string_view bytes, const ListingOptions& options);

// Absolute URLs of feeds the page advertises (RSS, Atom, JSON Feed), in document order.
std::vector<std::string> DiscoverFeedLinks(std::string_view bytes, std::string_view page_url);

}  // namespace gpalert
