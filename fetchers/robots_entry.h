// RobotsEntry: what the fetcher remembers about one host's robots.txt after fetching
// it, and how long to trust it (RFC 9309 2.3.1: 2xx = the rules, 4xx = allow all,
// 5xx / 429 / unreachable = disallow all for a while). Pure values; any thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "fetchers/fetch_types.h"
#include "fetchers/fetcher_options.h"
#include "fetchers/robots_txt.h"

namespace gpalert {

struct RobotsEntry {
  RobotsTxt rules;
  std::chrono::seconds ttl{0};
  // Set when the host is off limits because robots.txt could not be read: the error and
  // message handed to requests for the host meanwhile ("connection refused (fetching
  // robots.txt)", "robots.txt answered HTTP 503 ...").
  std::optional<FetchError> failure;
  std::string failure_message;
};

// Turns the result of fetching http(s)://host/robots.txt into the entry to cache.
RobotsEntry RobotsEntryFromFetch(const FetchResult& result, std::string_view product_token,
                                 const FetcherOptions& options);

// "http://example.org:8080/robots.txt" for any URL on that origin.
std::string RobotsUrlFor(std::string_view url);

}  // namespace gpalert
