// FetcherOptions: every knob of HttpFetcher, with its default. The daemon maps its
// config ([daemon] user_agent, concurrency, per_host, ...) onto this struct once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace gpalert {

struct FetcherOptions {
  // Sent as User-Agent; its first word ("gpalert") is the robots.txt product token.
  std::string user_agent = "gpalert/0.1 (+https://github.com/gpalert/gpalert)";
  // Transfers in flight overall (robots.txt fetches included); more requests queue.
  int concurrency = 64;
  // Transfers in flight per host (scheme://host:port); more requests for it queue.
  int per_host = 2;
  // Minimum time between starting two transfers to one host. robots.txt Crawl-delay
  // raises it for that host (up to max_crawl_delay).
  std::chrono::milliseconds min_host_gap{0};
  // Time allowed for DNS + TCP + TLS handshake (capped by the request's timeout).
  std::chrono::milliseconds connect_timeout{10'000};
  // A transfer slower than low_speed_limit bytes/s for low_speed_time is aborted.
  long low_speed_limit = 100;
  std::chrono::seconds low_speed_time{20};
  // Redirects followed per fetch; more is reported as a redirect loop.
  int max_redirects = 5;
  // Fetch and obey robots.txt (RFC 9309) before the first request to each host.
  bool obey_robots = true;
  // How long a fetched robots.txt (or a 4xx for it) is trusted.
  std::chrono::seconds robots_ttl{24 * 3600};
  // How long a 5xx or unreachable robots.txt keeps the host off limits.
  std::chrono::seconds robots_error_ttl{10 * 60};
  // Bytes of robots.txt read (RFC 9309 asks for at least 500 KiB).
  std::uint64_t robots_max_bytes = 512 * 1024;
  // Crawl-delay values above this are capped.
  std::chrono::seconds max_crawl_delay{60};
  // How long a host is left alone after a 429/503 without Retry-After.
  std::chrono::seconds default_host_backoff{60};
  // Retry-After values above this are capped.
  std::chrono::seconds max_retry_after{6 * 3600};
  // A queued request whose host is backed off for longer than this fails right away
  // (FetchError::kHostBackoff) instead of waiting in memory.
  std::chrono::seconds max_queue_wait{60};
  // How long resolved addresses are reused.
  std::chrono::seconds dns_cache_ttl{300};
  // Extra PEM file of CA certificates to trust (a private CA); "" = the system store only.
  std::string ca_file;
  // Offer HTTP/2 over TLS and multiplex streams to one host on one connection.
  bool http2 = true;
  // Hosts remembered (robots.txt, backoff, gaps) before idle hosts with nothing left to
  // remember (robots.txt expired, no backoff, nothing queued or running) are dropped.
  std::size_t hosts_kept = 4096;
  // Header bytes kept per response; more headers are dropped.
  std::uint64_t max_header_bytes = 64 * 1024;
};

}  // namespace gpalert
