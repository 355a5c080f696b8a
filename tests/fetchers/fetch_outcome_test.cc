#include "fetchers/fetch_outcome.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace gpalert {
namespace {

TransferFacts Facts(CURLcode code) {
  TransferFacts f;
  f.code = code;
  f.url = "http://example.org/feed";
  f.host = "example.org";
  f.timeout = std::chrono::seconds(30);
  f.connect_timeout = std::chrono::seconds(10);
  f.max_body = 10'000'000;
  f.max_redirects = 5;
  return f;
}

TEST(FetchOutcomeTest, PutsTransferFailuresIntoWords) {
  struct Case {
    const char* name;
    TransferFacts facts;
    FetchError error;
    const char* message;
  };
  std::vector<Case> cases;
  auto add = [&](const char* name, TransferFacts f, FetchError e, const char* m) {
    cases.push_back({name, std::move(f), e, m});
  };
  add(
      "200",
      [] {
        auto f = Facts(CURLE_OK);
        f.http_status = 200;
        return f;
      }(),
      FetchError::kNone, "");
  add(
      "304",
      [] {
        auto f = Facts(CURLE_OK);
        f.http_status = 304;
        return f;
      }(),
      FetchError::kNone, "304 not modified");
  add(
      "500 with reason",
      [] {
        auto f = Facts(CURLE_OK);
        f.http_status = 500;
        f.reason = "Internal Server Error";
        return f;
      }(),
      FetchError::kHttpStatus, "HTTP 500 Internal Server Error");
  add(
      "HTTP/2 has no reason",
      [] {
        auto f = Facts(CURLE_OK);
        f.http_status = 503;
        return f;
      }(),
      FetchError::kHttpStatus, "HTTP 503 Service Unavailable");
  add(
      "odd status",
      [] {
        auto f = Facts(CURLE_OK);
        f.http_status = 599;
        return f;
      }(),
      FetchError::kHttpStatus, "HTTP 599");
  add(
      "dns",
      [] {
        auto f = Facts(CURLE_COULDNT_RESOLVE_HOST);
        f.host = "example.invalid";
        return f;
      }(),
      FetchError::kDns, "could not resolve host example.invalid");
  add(
      "refused",
      [] {
        auto f = Facts(CURLE_COULDNT_CONNECT);
        f.os_errno = ECONNREFUSED;
        return f;
      }(),
      FetchError::kConnect, "connection refused (example.org)");
  add(
      "timeout",
      [] {
        auto f = Facts(CURLE_OPERATION_TIMEDOUT);
        f.connected = true;
        return f;
      }(),
      FetchError::kTimeout, "timed out after 30 s");
  add("connect timeout", Facts(CURLE_OPERATION_TIMEDOUT), FetchError::kTimeout,
      "connect timed out after 10 s");
  add(
      "too slow",
      [] {
        auto f = Facts(CURLE_OPERATION_TIMEDOUT);
        f.connected = true;
        f.curl_detail =
            "Operation too slow. Less than 100 bytes/sec transferred the last 20 seconds";
        return f;
      }(),
      FetchError::kTimeout,
      "stalled: Operation too slow. Less than 100 bytes/sec transferred the last 20 seconds");
  add(
      "too large",
      [] {
        auto f = Facts(CURLE_WRITE_ERROR);
        f.body_too_large = true;
        return f;
      }(),
      FetchError::kTooLarge, "body over 10 MB limit");
  add(
      "loop",
      [] {
        auto f = Facts(CURLE_WRITE_ERROR);
        f.redirect_loop = true;
        f.redirect_chain = {"http://a/1", "http://a/2", "http://a/1"};
        return f;
      }(),
      FetchError::kRedirectLoop, "redirect loop: http://a/1 -> http://a/2 -> http://a/1");
  add(
      "too many",
      [] {
        auto f = Facts(CURLE_TOO_MANY_REDIRECTS);
        f.redirect_chain = {"http://a/1", "http://a/2"};
        return f;
      }(),
      FetchError::kRedirectLoop, "more than 5 redirects: http://a/1 -> http://a/2");
  add(
      "blocked",
      [] {
        auto f = Facts(CURLE_COULDNT_CONNECT);
        f.blocked_address = "10.0.0.1 (private address)";
        return f;
      }(),
      FetchError::kBlockedAddress,
      "refused to connect to 10.0.0.1 (private address): internal addresses are only fetched when "
      "the "
      "source's own URL points there");
  add(
      "redirect to file",
      [] {
        auto f = Facts(CURLE_UNSUPPORTED_PROTOCOL);
        f.redirect_chain = {"http://a/", "file:///etc/passwd"};
        return f;
      }(),
      FetchError::kBadScheme, "redirect to a non-http(s) URL refused: file:///etc/passwd");
  add(
      "truncated",
      [] {
        auto f = Facts(CURLE_PARTIAL_FILE);
        f.body_bytes = 10;
        return f;
      }(),
      FetchError::kTruncated, "connection closed after 10 bytes, before the body was complete");
  add(
      "reset",
      [] {
        auto f = Facts(CURLE_RECV_ERROR);
        f.os_errno = ECONNRESET;
        return f;
      }(),
      FetchError::kConnect, "connection reset by peer");
  add(
      "cancelled",
      [] {
        auto f = Facts(CURLE_ABORTED_BY_CALLBACK);
        f.cancelled = true;
        return f;
      }(),
      FetchError::kOther, "cancelled (fetcher shut down)");
  add(
      "tls",
      [] {
        auto f = Facts(CURLE_PEER_FAILED_VERIFICATION);
        f.curl_detail = "SSL certificate problem: self-signed certificate";
        return f;
      }(),
      FetchError::kTls, "TLS failed: SSL certificate problem: self-signed certificate");
  for (const Case& c : cases) {
    FetchOutcome got = DescribeTransfer(c.facts);
    EXPECT_EQ(got.error, c.error) << c.name;
    EXPECT_EQ(got.message, c.message) << c.name;
  }
}

TEST(FetchOutcomeTest, FormatsDurationsAndSizesForAdmins) {
  EXPECT_EQ(FormatMillis(std::chrono::milliseconds(30000)), "30 s");
  EXPECT_EQ(FormatMillis(std::chrono::milliseconds(1500)), "1.5 s");
  EXPECT_EQ(FormatMillis(std::chrono::milliseconds(250)), "250 ms");
  EXPECT_EQ(FormatBytes(10'000'000), "10 MB");
  EXPECT_EQ(FormatBytes(512 * 1024), "512 KiB");
  EXPECT_EQ(FormatBytes(1500), "1500 bytes");
}

}  // namespace
}  // namespace gpalert
