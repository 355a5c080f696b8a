// Feeds arbitrary bytes as a listing page to DiscoverListingLinks and DiscoverFeedLinks; checks
// links are absolute.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>

#include "common/url.h"
#include "parsers/page/listing.h"

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // link_pattern comes from the operator's config, not from the page: a fixed choice.
  static constexpr std::array<const char*, 4> kPatterns = {
      "", "/news/", "^https://example\\.org/\\d{4}/", "article|story"};
  static constexpr std::array<const char*, 3> kUrls = {
      "https://example.org/news/", "http://example.org",
      "https://www.example.org/a/b/index.html?page=2"};
  FuzzedDataProvider in(data, size);  // the option choices come from the end of the input
  gpalert::ListingOptions options;
  options.url = kUrls[in.ConsumeIntegralInRange<size_t>(0, kUrls.size() - 1)];
  if (size_t i = in.ConsumeIntegralInRange<size_t>(0, kPatterns.size() - 1); i > 0) {
    options.link_pattern = kPatterns[i];
  }
  if (in.ConsumeBool()) options.content_type = "text/html; charset=windows-1252";
  std::string bytes = in.ConsumeRemainingBytesAsString();

  auto listing = gpalert::DiscoverListingLinks(bytes, options);
  // Every pattern above is a valid regex: only a page over its budget may fail.
  if (!listing.ok()) {
    FUZZ_CHECK(listing.status().message().find("page too complex") != std::string::npos);
    return 0;
  }
  for (const gpalert::ListingLink& link : listing->links)
    FUZZ_CHECK(!gpalert::SplitUrl(link.url).scheme.empty());
  for (const std::string& feed : gpalert::DiscoverFeedLinks(bytes, options.url)) {
    FUZZ_CHECK(!gpalert::SplitUrl(feed).scheme.empty());
  }
  return 0;
}
