// HttpLimits: the hard limits the HTTP endpoint puts on every client, so a hostile
// or broken one costs a bounded amount of memory and time. Plain options; any thread.
#pragma once

#include <chrono>
#include <cstddef>

namespace gpalert {

struct HttpLimits {
  // Request line plus headers, up to and including the blank line (431 beyond).
  std::size_t max_header_bytes = 8 * 1024;
  // Header fields per request (431 beyond).
  std::size_t max_headers = 50;
  // Request body (413 beyond; the endpoint's forms are tiny).
  std::size_t max_body_bytes = 8 * 1024;
  // Connections open at once, and from one client address. Past either, a new
  // connection takes the place of the oldest one (of that client) that has not yet sent
  // a whole request, so trickling clients cannot starve a health check; when every open
  // connection has sent its request, the new one is closed at once.
  std::size_t max_connections = 64;
  std::size_t max_connections_per_client = 16;
  // A whole request must arrive within this, however steadily it trickles (slowloris).
  std::chrono::milliseconds request_timeout{10000};
  // A connection that sends nothing for this long is closed.
  std::chrono::milliseconds idle_timeout{5000};
  // Writing the response must finish within this.
  std::chrono::milliseconds write_timeout{10000};
};

}  // namespace gpalert
