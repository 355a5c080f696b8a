// HttpTransfer: the state of one HTTP GET while curl runs it: the body (cut at
// max_body as it is decompressed), the headers of the final response, the redirect
// chain (loops caught as they happen, 301/308 noted), and the connect-time address
// check. Configure() points a CurlEasy's callbacks at this object, so it must outlive
// the transfer; Finish() turns the completed transfer into a FetchResult.
// Network thread only.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "fetchers/curl_easy.h"
#include "fetchers/fetch_types.h"
#include "fetchers/fetcher_options.h"
#include "fetchers/network_address.h"

namespace gpalert {

class HttpTransfer {
 public:
  HttpTransfer(FetchRequest request, const FetcherOptions& options);
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  // Sets every option of `easy` for this request. `share` may be nullptr.
  Status Configure(CurlEasy& easy, CURLSH* share);

  // Builds the result once curl reported `code` for `easy`. `cancelled` when the
  // fetcher shut down. Moves the body out: call once.
  FetchResult Finish(CURLcode code, CurlEasy& easy, bool cancelled);

  const FetchRequest& request() const { return request_; }

  // Whether this transfer may connect to an address of `kind` (numeric form in `text`,
  // for the message) now: public addresses always; internal ones only for the request
  // URL's own host when the request allows private networks. Records a refusal.
  bool AllowConnect(AddressKind kind, std::string_view text);

 private:
  static size_t OnWrite(char* data, size_t size, size_t count, void* userp) noexcept;
  static size_t OnHeader(char* data, size_t size, size_t count, void* userp) noexcept;
  static curl_socket_t OnOpenSocket(void* clientp, curlsocktype purpose,
                                    curl_sockaddr* address) noexcept;
  static int OnPrereq(void* clientp, char* primary_ip, char* local_ip, int primary_port,
                      int local_port) noexcept;
  bool HeaderLine(std::string_view line);  // false aborts the transfer
  bool EndOfHeaders();

  FetchRequest request_;
  const FetcherOptions& options_;
  std::string private_origin_;  // the one origin that may be on an internal address
  std::string current_url_;     // URL of the hop in progress
  std::string body_;
  bool body_too_large_ = false;
  HttpHeaders headers_;  // of the latest response
  std::uint64_t header_bytes_ = 0;
  long status_ = 0;
  std::string reason_;
  std::vector<std::string> chain_;  // URLs visited
  std::set<std::string> visited_;
  bool redirect_loop_ = false;
  bool permanent_only_ = true;  // every redirect so far was 301/308
  std::optional<std::string> permanent_redirect_;
  std::optional<std::string> blocked_address_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace gpalert
