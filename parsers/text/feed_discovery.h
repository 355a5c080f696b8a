// DiscoverFeeds: feed autodiscovery on an HTML page. Finds the
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href="..."> elements
// a page advertises, so a `type = "page"` source can poll its feed instead.
// Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

struct DiscoveredFeed {
  std::string url;                   // absolute when the page URL is known
  std::string type;                  // lower-cased media type
  std::optional<std::string> title;  // the link's title attribute
};

// Advertised feeds in document order, without duplicates. `page_url` (after
// redirects) resolves relative hrefs; a <base href> in the page takes precedence.
std::vector<DiscoveredFeed> DiscoverFeeds(std::string_view html, std::string_view page_url);

}  // namespace gpalert
