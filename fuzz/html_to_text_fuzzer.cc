// Feeds (sanitised or not) HTML to HtmlToText and ShortenText; checks the output is UTF-8 within
// the length cap.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>

#include "common/strings.h"
#include "parsers/text/html_to_text.h"

#include "fuzz_check.h"

namespace {

void CheckShort(const std::string& text, size_t max_chars) {
  FUZZ_CHECK(gpalert::IsValidUtf8(text));
  FUZZ_CHECK(text.size() <= max_chars + 3);  // the cut adds "…" (3 bytes)
  FUZZ_CHECK(text.find("  ") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);  // the length cap comes from the end of the input
  size_t max_chars = in.ConsumeBool() ? 600 : in.ConsumeIntegralInRange<size_t>(0, 200);
  std::string html = in.ConsumeRemainingBytesAsString();
  CheckShort(gpalert::HtmlToText(html, max_chars), max_chars);
  CheckShort(gpalert::ShortenText(html, max_chars), max_chars);
  return 0;
}
