// Feeds arbitrary text to CanonicalizeUrl; checks a rewritten URL is https, fragment-free and
// tracking-free.
#include <string>
#include <string_view>

#include "alerts/url_canonicalizer.h"
#include "common/strings.h"
#include "common/url.h"

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view url(reinterpret_cast<const char*>(data), size);
  std::string canonical = gpalert::CanonicalizeUrl(url);
  if (canonical == gpalert::TrimAscii(url)) return 0;  // not an http(s) URL it could rewrite
  // Otherwise it rebuilt the URL: https, no fragment, no tracking parameter.
  gpalert::UrlParts parts = gpalert::SplitUrl(canonical);
  FUZZ_CHECK(parts.scheme == "https");
  FUZZ_CHECK(!parts.fragment);
  if (size_t q = canonical.find('?'); q != std::string::npos) {
    for (std::string_view piece : gpalert::Split(std::string_view(canonical).substr(q + 1), '&')) {
      FUZZ_CHECK(!piece.empty());
      FUZZ_CHECK(
          !gpalert::IsTrackingParameter(gpalert::PercentDecode(piece.substr(0, piece.find('=')))));
    }
  }
  return 0;
}
