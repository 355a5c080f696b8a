// FetchOnce: one blocking HTTP(S) GET for command-line tools (`gpalert extract URL`) that
// fetch a single page outside the daemon's event loop. It runs HttpFetcher on a private
// io_context, so it has the daemon's limits and words: http/https only, a whole-transfer
// timeout, a body cap enforced while decompressing, capped redirects, and the connect-time
// address check (the URL's own host may be internal, a redirect to another internal host
// may not). robots.txt is not consulted: a person asked for this one page.
// Any thread (each call owns its io_context).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "fetchers/fetch_types.h"

namespace gpalert {

struct OneShotFetchOptions {
  std::chrono::milliseconds timeout{30'000};   // whole transfer
  std::size_t max_body = 16 * 1024 * 1024;     // decompressed bytes; more is an error
  long max_redirects = 5;                      // followed redirects
  std::string user_agent = "gpalert/0.1";
  std::vector<std::string> headers;            // extra request headers, "Name: value"
};

// A transport failure (DNS, connect, timeout, TLS, too large) is an error (kNetwork);
// an HTTP error status is a result with http_status set and ok() false.
Result<FetchResult> FetchOnce(std::string_view url, const OneShotFetchOptions& options);

}  // namespace gpalert
