// CurlShare: an owning RAII wrapper for a CURLSH* that shares the DNS cache and TLS
// session cache between every easy handle given it, so a host is resolved once and
// TLS resumes sessions across transfers. No lock callbacks: use it from one thread
// (the network thread).
#pragma once

#include <curl/curl.h>

namespace gpalert {

class CurlShare {
 public:
  CurlShare();
  CurlShare(const CurlShare&) = delete;
  CurlShare& operator=(const CurlShare&) = delete;
  ~CurlShare() { curl_share_cleanup(share_); }

  // For CURLOPT_SHARE; nullptr if libcurl could not allocate it (then nothing is shared).
  CURLSH* get() const { return share_; }

 private:
  CURLSH* share_;
};

}  // namespace gpalert
