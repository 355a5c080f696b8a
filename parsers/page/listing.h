// Listing-page discovery: article links on an HTML listing page (sources with
// type = "page"), and feed autodiscovery (<link rel="alternate" ...>). Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time_format.h"

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
};

// Links in document order, de-duplicated. kInvalidArgument for a bad link_pattern.
Result<std::vector<ListingLink>> DiscoverListingLinks(std::string_view bytes,
                                                      const ListingOptions& options);

// Absolute URLs of feeds the page advertises (RSS, Atom, JSON Feed), in document order.
std::vector<std::string> DiscoverFeedLinks(std::string_view bytes, std::string_view page_url);

}  // namespace gpalert
