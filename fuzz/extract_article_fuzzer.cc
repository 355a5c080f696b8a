// Feeds arbitrary bytes (with a chosen page URL and Content-Type) to ExtractArticle; checks it
// survives.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>

#include "parsers/page/extract_article.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<const char*, 5> kContentTypes = {
      "", "text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
      "text/html; charset=shift_jis"};
  static constexpr std::array<const char*, 3> kUrls = {
      "", "https://example.org/news/2024/story.html", "http://www.example.org/a/?id=7#top"};
  FuzzedDataProvider in(data, size);  // the option choices come from the end of the input
  gpalert::ExtractOptions options;
  options.url = kUrls[in.ConsumeIntegralInRange<size_t>(0, kUrls.size() - 1)];
  if (size_t i = in.ConsumeIntegralInRange<size_t>(0, kContentTypes.size() - 1); i > 0) {
    options.content_type = kContentTypes[i];
  }
  std::string bytes = in.ConsumeRemainingBytesAsString();
  gpalert::Result<gpalert::Article> article = gpalert::ExtractArticle(bytes, options);
  (void)article;
  return 0;
}
