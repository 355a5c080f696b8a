// Feeds bytes and charset labels to the charset.h helpers; checks ConvertToUtf8 output is
// well-formed UTF-8.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>

#include "common/strings.h"
#include "parsers/text/charset.h"

#include "fuzz_check.h"

namespace {

bool HasAsciiUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<const char*, 20> kCharsets = {
      "utf-8",    "us-ascii",    "iso-8859-1", "windows-1252", "utf-16le",
      "utf-16be", "utf-16",      "utf-32le",   "utf-32be",     "shift_jis",
      "euc-jp",   "iso-2022-jp", "gbk",        "gb18030",      "big5",
      "euc-kr",   "koi8-r",      "cp500",      "utf-7",        "x_mac_japanese"};
  FuzzedDataProvider in(data, size);
  const bool strict = in.ConsumeBool();
  const int mode =
      in.ConsumeIntegralInRange<int>(0, 2);  // 0: a known name, 1: detected, 2: from the input
  std::string label = kCharsets[in.ConsumeIntegralInRange<size_t>(0, kCharsets.size() - 1)];
  if (mode == 2) label = in.ConsumeRandomLengthString(64);
  std::string bytes = in.ConsumeRemainingBytesAsString();

  std::string normalized = gpalert::NormalizeCharsetName(label);
  FUZZ_CHECK(!HasAsciiUpper(normalized));
  std::string_view head = std::string_view(bytes).substr(0, 512);  // as a Content-Type value
  if (auto cs = gpalert::CharsetFromContentType(head))
    FUZZ_CHECK(!cs->empty() && !HasAsciiUpper(*cs));
  FUZZ_CHECK(!HasAsciiUpper(gpalert::MediaTypeFromContentType(head)));
  size_t bom_len = 99;
  std::optional<std::string> bom = gpalert::CharsetFromBom(bytes, &bom_len);
  FUZZ_CHECK(bom ? bom_len >= 2 && bom_len <= 4 && bom_len <= bytes.size() : bom_len == 0);

  std::optional<std::string> detected = gpalert::DetectCharset(bytes);
  if (mode == 1) label = detected.value_or("utf-8");
  gpalert::Result<std::string> utf8 = gpalert::ConvertToUtf8(bytes, label, strict);
  if (utf8.ok()) FUZZ_CHECK(gpalert::IsValidUtf8(*utf8));
  return 0;
}
