#include "fetchers/curl_share.h"

namespace gpalert {

CurlShare::CurlShare() : share_(curl_share_init()) {
  if (share_ == nullptr) return;
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

}  // namespace gpalert
