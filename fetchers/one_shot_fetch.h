// FetchOnce: one blocking HTTP(S) GET on a private libcurl easy handle, for command-line
// tools (`gpalert extract URL`) that fetch a single page outside the daemon's event loop.
// http/https only, a whole-transfer timeout, a body cap enforced while receiving, and a
// capped number of redirects. Any thread (each call owns its handle).
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
