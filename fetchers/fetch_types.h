// Plain values handed into and out of the fetcher: what to fetch, what came back.
// No behaviour here; see fetchers/fetcher.h for the interface that moves them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace gpalert {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct FetchRequest {
  std::string url;
  // Conditional GET validators from the last 200 response (sent as If-None-Match /
  // If-Modified-Since when present).
  std::optional<std::string> etag;
  std::optional<std::string> last_modified;
  // Whole-transfer timeout; a stalled server never holds up others longer than this.
  std::chrono::milliseconds timeout{30'000};
  // Cap on decompressed body bytes; the transfer is cut and reported beyond it.
  std::uint64_t max_body = 10 * 1000 * 1000;
  // Name of the source for logs and per-source state ("" for one-off fetches).
  std::string source_name;
  // Lets this request connect to loopback/private/link-local addresses, but only for
  // one origin (scheme, host, port): `private_origin`, or the request URL's own when
  // empty. The one rule holds for redirects and for links alike: anything else on an
  // internal address is refused. The daemon sets it when the configured source URL
  // itself points there (fetchers/network_address.h HostIsInternal), with the source's
  // origin, for the source and for the article pages it links to.
  bool allow_private_network = false;
  std::string private_origin;  // OriginOf() form; "" = the request URL's origin
  // More request headers, "Name: value" each (lines with CR or LF are dropped).
  std::vector<std::string> extra_headers;
};

// Why a fetch failed, in categories the scheduler and `gpalert sources` act on.
enum class FetchError {
  kNone = 0,
  kDns,             // could not resolve host
  kConnect,         // connection refused / unreachable
  kTimeout,         // whole-transfer or low-speed timeout
  kTls,             // certificate or handshake failure
  kTooLarge,        // body over max_body
  kRedirectLoop,    // too many redirects or a loop
  kBlockedAddress,  // connect to loopback/private address refused
  kBadScheme,       // not http/https
  kRobots,          // robots.txt disallows the path
  kTruncated,       // connection closed before the body was complete
  kHttpStatus,      // transfer fine, HTTP status >= 400
  kOther,
  kHostBackoff,  // the host asked us to wait (Retry-After, 429/503); not fetched now
};

struct FetchResult {
  FetchError error = FetchError::kNone;
  // Human words for the admin: "304 not modified", "timed out after 30 s",
  // "robots.txt disallows /private/", "connection refused". Empty on a plain 200.
  std::string message;
  long http_status = 0;   // 0 when no HTTP response was received
  std::string final_url;  // after redirects
  // Set when the chain included a 301/308: the URL the admin should move the source to.
  std::optional<std::string> permanent_redirect;
  HttpHeaders headers;              // of the final response, names as received
  std::string body;                 // decompressed bytes
  std::optional<std::string> etag;  // validators of this response
  std::optional<std::string> last_modified;
  // From Retry-After on 429/503 (or robots Crawl-delay): do not ask this host before then.
  std::optional<std::chrono::seconds> retry_after;
  std::chrono::milliseconds elapsed{0};

  bool ok() const { return error == FetchError::kNone && http_status >= 200 && http_status < 300; }
  bool not_modified() const { return error == FetchError::kNone && http_status == 304; }
  // First header value by case-insensitive name, or nullptr.
  const std::string* Header(std::string_view name) const;
};

}  // namespace gpalert
