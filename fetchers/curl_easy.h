// CurlEasy and CurlSlist: owning RAII wrappers for one CURL* easy handle and the
// curl_slist* lists (headers, mail recipients) it points at. A CurlEasy owns every list
// handed to it, so the lists live exactly as long as the transfer that uses them.
// Move-only; a handle is used by one thread at a time (the network thread once added
// to a CurlMulti).
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gpalert {

// An owned curl_slist (nullptr when empty).
class CurlSlist {
 public:
  CurlSlist() = default;
  CurlSlist(CurlSlist&& other) noexcept : list_(other.list_) { other.list_ = nullptr; }
  CurlSlist& operator=(CurlSlist&& other) noexcept;
  CurlSlist(const CurlSlist&) = delete;
  CurlSlist& operator=(const CurlSlist&) = delete;
  ~CurlSlist() { curl_slist_free_all(list_); }

  // Appends a copy of `item`; false when out of memory (the list is unchanged).
  bool Append(std::string_view item);
  curl_slist* get() const { return list_; }
  bool empty() const { return list_ == nullptr; }

 private:
  curl_slist* list_ = nullptr;
};

// An owned CURL* easy handle plus the lists its options point at.
class CurlEasy {
 public:
  // A fresh handle, or an internal error when libcurl cannot allocate one.
  static Result<CurlEasy> Create();

  CurlEasy(CurlEasy&&) noexcept = default;
  CurlEasy& operator=(CurlEasy&&) noexcept = default;

  CURL* get() const { return handle_.get(); }

  // Keeps `list` alive as long as this handle and returns its raw pointer, for options
  // such as CURLOPT_HTTPHEADER or CURLOPT_MAIL_RCPT.
  curl_slist* Own(CurlSlist list);

  // The error buffer installed as CURLOPT_ERRORBUFFER: libcurl's detail for the last
  // failure ("" when it gave none).
  const char* error_detail() const { return errbuf_->data; }

 private:
  struct Deleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
  };
  struct ErrorBuffer {
    char data[CURL_ERROR_SIZE] = {};
  };
  CurlEasy() = default;
  std::unique_ptr<CURL, Deleter> handle_;
  std::unique_ptr<ErrorBuffer> errbuf_;  // heap: the address must not move with the handle
  std::vector<CurlSlist> lists_;
};

}  // namespace gpalert
