#include "fetchers/robots_entry.h"

#include <fmt/format.h>

#include "common/duration.h"
#include "common/url.h"

namespace gpalert {

RobotsEntry RobotsEntryFromFetch(const FetchResult& result, std::string_view product_token,
                                 const FetcherOptions& options) {
  RobotsEntry entry;
  long s = result.http_status;
  bool got_body = result.error == FetchError::kNone || result.error == FetchError::kTooLarge;
  if (got_body && s >= 200 && s < 300) {
    entry.rules = RobotsTxt::Parse(result.body, product_token);
    entry.ttl = options.robots_ttl;
    return entry;
  }
  bool unavailable = (result.error == FetchError::kHttpStatus && s >= 400 && s < 500 && s != 429) ||
                     result.error == FetchError::kRedirectLoop;  // RFC 9309 2.3.1.2
  if (unavailable) {
    entry.ttl = options.robots_ttl;  // no rules at all
    return entry;
  }
  entry.rules = RobotsTxt::DisallowAll();
  entry.ttl = options.robots_error_ttl;
  if (result.error == FetchError::kHttpStatus || result.error == FetchError::kNone) {
    entry.failure = FetchError::kRobots;
    entry.failure_message =
        fmt::format("robots.txt answered {}; not fetching from this host for {}",
                    result.message.empty() ? fmt::format("HTTP {}", s) : result.message,
                    FormatDuration(options.robots_error_ttl));
  } else {
    entry.failure = result.error;  // the host is unreachable: say so in the usual words
    entry.failure_message = result.message + " (fetching robots.txt)";
  }
  return entry;
}

std::string RobotsUrlFor(std::string_view url) {
  UrlParts parts = SplitUrl(url);
  std::string authority = parts.authority.value_or("");
  if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  return parts.scheme + "://" + authority + "/robots.txt";
}

}  // namespace gpalert
