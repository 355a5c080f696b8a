#include "fetchers/fetch_outcome.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "common/http_status.h"
#include "common/strings.h"

namespace gpalert {
namespace {

std::string ErrnoWords(long err) {
  switch (err) {
    case ECONNREFUSED:
      return "connection refused";
    case ECONNRESET:
      return "connection reset by peer";
    case ENETUNREACH:
      return "network unreachable";
    case EHOSTUNREACH:
      return "host unreachable";
    case ETIMEDOUT:
      return "connection timed out";
    case EPIPE:
      return "connection closed by peer";
    default:
      return err > 0 ? std::string(std::strerror(static_cast<int>(err))) : std::string();
  }
}

std::string Detail(const TransferFacts& f) {
  return f.curl_detail.empty() ? std::string(curl_easy_strerror(f.code)) : f.curl_detail;
}

std::string Chain(const std::vector<std::string>& chain) {
  std::string out;
  for (const std::string& url : chain) {
    if (!out.empty()) out += " -> ";
    out += url;
  }
  return out;
}

FetchOutcome DescribeCurlError(const TransferFacts& f) {
  if (f.cancelled) return {FetchError::kOther, "cancelled (fetcher shut down)"};
  if (f.blocked_address)
    return {FetchError::kBlockedAddress,
            fmt::format("refused to connect to {}: internal addresses are only fetched when the "
                        "source's own URL points there",
                        *f.blocked_address)};
  if (f.redirect_loop)
    return {FetchError::kRedirectLoop, "redirect loop: " + Chain(f.redirect_chain)};
  if (f.body_too_large)
    return {FetchError::kTooLarge, fmt::format("body over {} limit", FormatBytes(f.max_body))};
  switch (f.code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return {FetchError::kDns, "could not resolve host " + f.host};
    case CURLE_COULDNT_CONNECT: {
      std::string words = ErrnoWords(f.os_errno);
      if (words.empty()) words = "could not connect";
      return {FetchError::kConnect, f.host.empty() ? words : words + " (" + f.host + ")"};
    }
    case CURLE_OPERATION_TIMEDOUT: {
      if (f.curl_detail.find("too slow") != std::string::npos)
        return {FetchError::kTimeout, "stalled: " + f.curl_detail};
      if (!f.connected && f.connect_timeout.count() > 0 && f.connect_timeout < f.timeout)
        return {FetchError::kTimeout, "connect timed out after " + FormatMillis(f.connect_timeout)};
      return {FetchError::kTimeout, "timed out after " + FormatMillis(f.timeout)};
    }
    case CURLE_TOO_MANY_REDIRECTS:
      return {FetchError::kRedirectLoop,
              fmt::format("more than {} redirects: {}", f.max_redirects, Chain(f.redirect_chain))};
    case CURLE_UNSUPPORTED_PROTOCOL:
      if (f.redirect_chain.size() > 1)
        return {FetchError::kBadScheme,
                "redirect to a non-http(s) URL refused: " + f.redirect_chain.back()};
      return {FetchError::kBadScheme, "only http and https URLs are fetched: " + f.url};
    case CURLE_URL_MALFORMAT:
      return {FetchError::kBadScheme, "malformed URL: " + f.url};
    case CURLE_PARTIAL_FILE:
      return {FetchError::kTruncated,
              fmt::format("connection closed after {} bytes, before the body was complete",
                          f.body_bytes)};
    case CURLE_GOT_NOTHING:
      return {FetchError::kTruncated, "server closed the connection without replying"};
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR: {
      std::string words = ErrnoWords(f.os_errno);
      return {f.http_status > 0 ? FetchError::kTruncated : FetchError::kConnect,
              words.empty() ? "network error: " + Detail(f) : words};
    }
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return {FetchError::kTls, "TLS failed: " + Detail(f)};
    case CURLE_BAD_CONTENT_ENCODING:
      return {FetchError::kOther, "could not decompress the body: " + Detail(f)};
    case CURLE_WEIRD_SERVER_REPLY:
      return {FetchError::kOther, "malformed HTTP reply: " + Detail(f)};
    default:
      return {FetchError::kOther, Detail(f)};
  }
}

}  // namespace

FetchOutcome DescribeTransfer(const TransferFacts& f) {
  if (f.code != CURLE_OK || f.cancelled || f.blocked_address || f.redirect_loop || f.body_too_large)
    return DescribeCurlError(f);
  long s = f.http_status;
  if (s >= 200 && s < 300) return {};
  if (s == 304) return {FetchError::kNone, "304 not modified"};
  std::string reason = f.reason.empty() ? std::string(HttpReasonPhrase(s)) : f.reason;
  std::string words =
      reason.empty() ? fmt::format("HTTP {}", s) : fmt::format("HTTP {} {}", s, reason);
  if (s >= 300 && s < 400) words += " without a usable Location";
  return {FetchError::kHttpStatus, words};
}

std::string FormatMillis(std::chrono::milliseconds d) {
  long long ms = d.count();
  if (ms < 1000) return fmt::format("{} ms", ms);
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

std::string FormatBytes(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = 1024 * 1024;
  if (bytes >= 1000 * 1000 && bytes % (1000 * 1000) == 0)
    return fmt::format("{} MB", bytes / 1000000);
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= 1000 && bytes % 1000 == 0) return fmt::format("{} KB", bytes / 1000);
  if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} bytes", bytes);
}

}  // namespace gpalert
