#include "fetchers/http_transfer.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>

#include "common/strings.h"
#include "common/url.h"
#include "fetchers/fetch_outcome.h"

namespace gpalert {
namespace {

std::string SockaddrText(const sockaddr* address) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, buf, sizeof buf);
  else if (address->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, buf,
              sizeof buf);
  else
    return fmt::format("an address of family {}", address->sa_family);
  return buf;
}

bool IsRedirectStatus(long s) { return s == 301 || s == 302 || s == 303 || s == 307 || s == 308; }

// Retry-After: delta-seconds or an HTTP-date (RFC 9110 10.2.3).
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value) {
  value = TrimAscii(value);
  if (value.empty()) return std::nullopt;
  long long secs = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), secs);
  if (ec == std::errc() && end == value.data() + value.size()) {
    if (secs < 0) return std::nullopt;
    return std::chrono::seconds(secs);
  }
  std::string date(value);
  time_t when = curl_getdate(date.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return std::chrono::seconds(std::max<long long>(0, static_cast<long long>(when - now)));
}

}  // namespace

HttpTransfer::HttpTransfer(FetchRequest request, const FetcherOptions& options)
    : request_(std::move(request)), options_(options) {
  private_origin_ =
      request_.private_origin.empty() ? OriginOf(request_.url) : request_.private_origin;
  current_url_ = request_.url;
  chain_.push_back(request_.url);
  visited_.insert(request_.url);
}

Status HttpTransfer::Configure(CurlEasy& easy, CURLSH* share) {
  CURL* h = easy.get();
  auto timeout = std::max<long long>(1, request_.timeout.count());
  auto connect =
      std::min<long long>(timeout, std::max<long long>(1, options_.connect_timeout.count()));
  CurlSlist headers;
  bool ok = headers.Append(
      "Accept: application/rss+xml, application/atom+xml, application/feed+json, "
      "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5");
  // Header values come from a previous response: refuse line breaks (header injection).
  auto clean = [](const std::string& v) { return v.find_first_of("\r\n") == std::string::npos; };
  if (request_.etag && clean(*request_.etag))
    ok = ok && headers.Append("If-None-Match: " + *request_.etag);
  if (request_.last_modified && clean(*request_.last_modified))
    ok = ok && headers.Append("If-Modified-Since: " + *request_.last_modified);
  for (const std::string& h : request_.extra_headers)
    if (clean(h) && h.find(':') != std::string::npos) ok = ok && headers.Append(h);
  if (!ok) return Status::Internal("out of memory building request headers for " + request_.url);

  curl_easy_setopt(h, CURLOPT_URL, request_.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, options_.max_redirects)));
  curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // every decoder libcurl has: gzip, br, zstd
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, easy.Own(std::move(headers)));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout));
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count()));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  // No proxy from the environment: the address check must see the real peer.
  curl_easy_setopt(h, CURLOPT_PROXY, "");
  curl_easy_setopt(h, CURLOPT_DNS_CACHE_TIMEOUT, static_cast<long>(options_.dns_cache_ttl.count()));
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION,
                   options_.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
  if (share != nullptr) curl_easy_setopt(h, CURLOPT_SHARE, share);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &HttpTransfer::OnWrite);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &HttpTransfer::OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &HttpTransfer::OnOpenSocket);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, this);
  curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, &HttpTransfer::OnPrereq);
  curl_easy_setopt(h, CURLOPT_PREREQDATA, this);
  started_ = std::chrono::steady_clock::now();
  return Status::Ok();
}

size_t HttpTransfer::OnWrite(char* data, size_t size, size_t count, void* userp) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    auto* self = static_cast<HttpTransfer*>(userp);
    size_t n = size * count;
    std::uint64_t room = self->request_.max_body > self->body_.size()
                             ? self->request_.max_body - self->body_.size()
                             : 0;
    if (n > room) {
      self->body_.append(data, static_cast<size_t>(room));
      self->body_too_large_ = true;
      return 0;  // CURLE_WRITE_ERROR: stops the transfer (and the decompressor) here
    }
    self->body_.append(data, n);
    return n;
  } catch (...) {
    return 0;
  }
}

size_t HttpTransfer::OnHeader(char* data, size_t size, size_t count, void* userp) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    auto* self = static_cast<HttpTransfer*>(userp);
    size_t n = size * count;
    return self->HeaderLine(std::string_view(data, n)) ? n : 0;
  } catch (...) {
    return 0;
  }
}

bool HttpTransfer::HeaderLine(std::string_view line) {
  if (line.starts_with("HTTP/")) {  // a new response (one per hop)
    headers_.clear();
    header_bytes_ = 0;
    reason_.clear();
    status_ = 0;
    auto sp = line.find(' ');
    if (sp != std::string_view::npos) {
      std::string_view rest = line.substr(sp + 1);
      std::from_chars(rest.data(), rest.data() + std::min<size_t>(3, rest.size()), status_);
      if (rest.size() > 4) reason_ = std::string(TrimAscii(rest.substr(4)));
    }
    return true;
  }
  std::string_view trimmed = TrimAscii(line);
  if (trimmed.empty()) return EndOfHeaders();
  header_bytes_ += line.size();
  if (header_bytes_ > options_.max_header_bytes) return true;  // keep reading, stop keeping
  if ((line.front() == ' ' || line.front() == '\t') && !headers_.empty()) {  // obsolete folding
    headers_.back().second += ' ';
    headers_.back().second += trimmed;
    return true;
  }
  auto colon = trimmed.find(':');
  if (colon == std::string_view::npos || colon == 0) return true;
  headers_.emplace_back(std::string(TrimAscii(trimmed.substr(0, colon))),
                        std::string(TrimAscii(trimmed.substr(colon + 1))));
  return true;
}

bool HttpTransfer::EndOfHeaders() {
  if (!IsRedirectStatus(status_)) return true;
  const std::string* location = nullptr;
  for (const auto& [k, v] : headers_)
    if (EqualsIgnoreCase(k, "Location")) location = &v;
  if (location == nullptr || location->empty()) return true;
  std::string next = ResolveUrl(current_url_, *location);
  if (auto hash = next.find('#'); hash != std::string::npos) next.resize(hash);
  chain_.push_back(next);
  if (!visited_.insert(next).second) {
    redirect_loop_ = true;
    return false;  // stop now rather than running into max_redirects
  }
  if (permanent_only_ && (status_ == 301 || status_ == 308))
    permanent_redirect_ = next;
  else
    permanent_only_ = false;
  current_url_ = next;
  return true;
}

bool HttpTransfer::AllowConnect(AddressKind kind, std::string_view text) {
  if (kind == AddressKind::kPublic) return true;
  if (request_.allow_private_network && OriginOf(current_url_) == private_origin_) return true;
  blocked_address_ = fmt::format("{} ({} address)", text, AddressKindName(kind));
  return false;
}

curl_socket_t HttpTransfer::OnOpenSocket(void* clientp, curlsocktype purpose,
                                         curl_sockaddr* address) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    auto* self = static_cast<HttpTransfer*>(clientp);
    if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
    const sockaddr* sa = &address->addr;
    if (!self->AllowConnect(ClassifyAddress(sa), SockaddrText(sa))) return CURL_SOCKET_BAD;
    return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  } catch (...) {
    return CURL_SOCKET_BAD;
  }
}

int HttpTransfer::OnPrereq(void* clientp, char* primary_ip, char*, int, int) noexcept {
  // A C callback: no exception may unwind through libcurl.
  try {
    // Runs for reused connections too, which never pass through OnOpenSocket.
    auto* self = static_cast<HttpTransfer*>(clientp);
    std::string_view ip = primary_ip != nullptr ? primary_ip : "";
    auto kind = ClassifyAddressText(ip).value_or(AddressKind::kReserved);
    return self->AllowConnect(kind, ip) ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT;
  } catch (...) {
    return CURL_PREREQFUNC_ABORT;
  }
}

FetchResult HttpTransfer::Finish(CURLcode code, CurlEasy& easy, bool cancelled) {
  CURL* h = easy.get();
  FetchResult r;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.http_status);
  char* effective = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
  r.final_url = effective != nullptr ? effective : current_url_;
  curl_off_t total_us = 0, connect_us = 0;
  curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &total_us);
  curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connect_us);
  r.elapsed = total_us > 0 ? std::chrono::milliseconds(total_us / 1000)
                           : std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started_);
  long os_errno = 0;
  curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);

  TransferFacts facts;
  facts.code = code;
  facts.http_status = r.http_status;
  facts.reason = reason_;
  facts.os_errno = os_errno;
  facts.curl_detail = easy.error_detail();
  facts.url = request_.url;
  facts.host = SplitUrl(current_url_).host();
  facts.timeout = request_.timeout;
  facts.connect_timeout = std::min(options_.connect_timeout, request_.timeout);
  facts.connected = connect_us > 0 || r.http_status > 0;
  facts.max_body = request_.max_body;
  facts.body_too_large = body_too_large_;
  facts.body_bytes = body_.size();
  facts.blocked_address = blocked_address_;
  facts.redirect_chain = chain_;
  facts.redirect_loop = redirect_loop_;
  facts.max_redirects = options_.max_redirects;
  facts.cancelled = cancelled;
  FetchOutcome outcome = DescribeTransfer(facts);
  r.error = outcome.error;
  r.message = std::move(outcome.message);

  r.permanent_redirect = permanent_redirect_;
  r.headers = std::move(headers_);
  r.body = std::move(body_);
  if (const std::string* etag = r.Header("ETag")) r.etag = *etag;
  if (const std::string* lm = r.Header("Last-Modified")) r.last_modified = *lm;
  if (r.not_modified()) {
    if (!r.etag) r.etag = request_.etag;
    if (!r.last_modified) r.last_modified = request_.last_modified;
  }
  if (r.http_status == 429 || r.http_status == 503)
    if (const std::string* ra = r.Header("Retry-After")) r.retry_after = ParseRetryAfter(*ra);
  return r;
}

}  // namespace gpalert
