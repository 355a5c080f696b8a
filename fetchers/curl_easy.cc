#include "fetchers/curl_easy.h"

#include <string>

namespace gpalert {

CurlSlist& CurlSlist::operator=(CurlSlist&& other) noexcept {
  if (this != &other) {
    curl_slist_free_all(list_);
    list_ = other.list_;
    other.list_ = nullptr;
  }
  return *this;
}

bool CurlSlist::Append(std::string_view item) {
  std::string copy(item);
  curl_slist* grown = curl_slist_append(list_, copy.c_str());
  if (grown == nullptr) return false;
  list_ = grown;
  return true;
}

Result<CurlEasy> CurlEasy::Create() {
  CurlEasy easy;
  easy.handle_.reset(curl_easy_init());
  if (!easy.handle_)
    return Status::Internal("libcurl could not create a transfer handle (out of memory?)");
  easy.errbuf_ = std::make_unique<ErrorBuffer>();
  curl_easy_setopt(easy.get(), CURLOPT_ERRORBUFFER, easy.errbuf_->data);
  return easy;
}

curl_slist* CurlEasy::Own(CurlSlist list) {
  curl_slist* raw = list.get();
  lists_.push_back(std::move(list));
  return raw;
}

}  // namespace gpalert
