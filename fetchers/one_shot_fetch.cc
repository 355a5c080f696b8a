#include "fetchers/one_shot_fetch.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>

#include "common/strings.h"

namespace gpalert {
namespace {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

struct Sink {
  FetchResult* result;
  std::size_t max_body;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (sink->result->body.size() + n > sink->max_body) {
    sink->too_large = true;
    return 0;  // aborts the transfer
  }
  sink->result->body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* result = static_cast<FetchResult*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    result->headers.clear();  // a new response (after a redirect)
  } else {
    auto colon = line.find(':');
    if (colon != std::string_view::npos)
      result->headers.emplace_back(std::string(TrimAscii(line.substr(0, colon))),
                                   std::string(TrimAscii(line.substr(colon + 1))));
  }
  return size * count;
}

}  // namespace

Result<FetchResult> FetchOnce(std::string_view url, const OneShotFetchOptions& options) {
  std::string u(url);
  if (!StartsWithIgnoreCase(u, "http://") && !StartsWithIgnoreCase(u, "https://"))
    return Status::InvalidArgument(fmt::format("{}: only http and https URLs can be fetched", u));
  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  if (!easy) return Status::Internal("curl_easy_init failed");
  FetchResult result;
  Sink sink{&result, options.max_body};
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  for (const std::string& h : options.headers) {
    curl_slist* next = curl_slist_append(headers.get(), h.c_str());
    if (!next) return Status::Internal("curl_slist_append failed");
    headers.release();
    headers.reset(next);
  }
  CURL* c = easy.get();
  curl_easy_setopt(c, CURLOPT_URL, u.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &result);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  CURLcode rc = curl_easy_perform(c);
  if (sink.too_large)
    return Status::Network(fmt::format("{}: body larger than {} bytes", u, options.max_body));
  if (rc != CURLE_OK)
    return Status::Network(fmt::format("{}: {}", u, curl_easy_strerror(rc)));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.http_status);
  char* final_url = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url)
    result.final_url = final_url;
  if (result.http_status >= 400) {
    result.error = FetchError::kHttpStatus;
    result.message = fmt::format("HTTP status {}", result.http_status);
  }
  return result;
}

}  // namespace gpalert
