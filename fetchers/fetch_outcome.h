// How a finished transfer is put into words: the facts gathered during one curl
// transfer (curl code, errno, HTTP status, limits hit, redirect chain) mapped to a
// FetchError category and the admin-facing message ("timed out after 30 s",
// "connection refused", "body over 10 MB limit", "HTTP 500 Internal Server Error").
// Pure functions; any thread.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetchers/fetch_types.h"

namespace gpalert {

struct TransferFacts {
  CURLcode code = CURLE_OK;
  long http_status = 0;     // of the last response; 0 when none came
  std::string reason;       // its reason phrase ("" for HTTP/2)
  long os_errno = 0;        // CURLINFO_OS_ERRNO
  std::string curl_detail;  // libcurl's error buffer
  std::string url;          // the URL asked for
  std::string host;         // host of the hop that failed
  std::chrono::milliseconds timeout{0};
  std::chrono::milliseconds connect_timeout{0};
  bool connected = false;  // a connection was established at some point
  std::uint64_t max_body = 0;
  bool body_too_large = false;  // the write callback cut the body
  std::uint64_t body_bytes = 0;
  // Set when the connect-time check refused an address: "127.0.0.2 (loopback)".
  std::optional<std::string> blocked_address;
  std::vector<std::string> redirect_chain;  // URLs visited, first = request URL
  bool redirect_loop = false;               // the chain came back to a URL it had visited
  int max_redirects = 0;
  bool cancelled = false;  // fetcher shut down
};

struct FetchOutcome {
  FetchError error = FetchError::kNone;
  std::string message;  // "" for a plain 2xx
};

FetchOutcome DescribeTransfer(const TransferFacts& facts);

// "30 s", "1.5 s", "250 ms".
std::string FormatMillis(std::chrono::milliseconds d);
// "10 MB", "512 KiB", "1500 bytes".
std::string FormatBytes(std::uint64_t bytes);

}  // namespace gpalert
