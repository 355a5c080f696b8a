// Feeds arbitrary text to ParseDate and FindVisibleDate; checks they survive (UBSan watches the
// arithmetic).
#include <string_view>

#include "parsers/text/date_parser.h"
#include "parsers/text/visible_date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)gpalert::ParseDate(text);
  (void)gpalert::FindVisibleDate(text);
  return 0;
}
