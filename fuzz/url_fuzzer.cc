// Feeds "base\nref" text to SplitUrl, ResolveUrl and the percent codecs; checks split/join and
// encode/decode round-trip.
#include <string>
#include <string_view>

#include "common/strings.h"
#include "common/url.h"

#include "fuzz_check.h"

namespace {

// What SplitUrl promises to give back when its parts are joined: the trimmed input with
// the scheme lower-cased.
std::string Expected(std::string_view url) {
  url = gpalert::TrimAscii(url);
  gpalert::UrlParts parts = gpalert::SplitUrl(url);
  if (parts.scheme.empty()) return std::string(url);
  return parts.scheme + std::string(url.substr(parts.scheme.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  std::string_view base =
      nl == std::string_view::npos ? "https://example.org/a/b/c?q=1" : input.substr(0, nl);
  std::string_view ref = nl == std::string_view::npos ? input : input.substr(nl + 1);

  for (std::string_view url : {base, ref}) {
    gpalert::UrlParts parts = gpalert::SplitUrl(url);
    FUZZ_CHECK(parts.ToString() == Expected(url));
    (void)parts.host();
    (void)parts.port();
    (void)gpalert::IsHttpUrl(url);
  }
  std::string resolved = gpalert::ResolveUrl(base, ref);
  std::string base_scheme = gpalert::SplitUrl(base).scheme;
  if (!base_scheme.empty()) FUZZ_CHECK(!gpalert::SplitUrl(resolved).scheme.empty());
  (void)gpalert::IsHttpUrl(resolved);

  FUZZ_CHECK(gpalert::PercentDecode(gpalert::PercentEncode(input)) == input);
  (void)gpalert::PercentDecode(input);
  return 0;
}
