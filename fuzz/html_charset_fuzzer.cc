// Feeds page bytes (with a chosen Content-Type) to PrescanMetaCharset and DecodeHtml; checks the
// result is UTF-8.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>

#include "common/strings.h"
#include "parsers/text/html_charset.h"

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<const char*, 6> kContentTypes = {"",
                                                               "text/html",
                                                               "text/html; charset=utf-8",
                                                               "text/html; charset=ISO-8859-1",
                                                               "text/html; charset=\"utf-16\"",
                                                               "text/html;charset=gb2312"};
  FuzzedDataProvider in(data, size);  // the Content-Type choice comes from the end of the input
  size_t choice = in.ConsumeIntegralInRange<size_t>(0, kContentTypes.size() - 1);
  std::optional<std::string_view> content_type;
  if (choice > 0) content_type = kContentTypes[choice];
  std::string bytes = in.ConsumeRemainingBytesAsString();

  if (std::optional<std::string> meta = gpalert::PrescanMetaCharset(bytes)) {
    (void)gpalert::HtmlEffectiveCharset(*meta);
  }
  gpalert::DecodedHtml page = gpalert::DecodeHtml(bytes, content_type);
  FUZZ_CHECK(gpalert::IsValidUtf8(page.utf8));
  FUZZ_CHECK(!page.charset.empty() && !page.decided_by.empty());
  return 0;
}
