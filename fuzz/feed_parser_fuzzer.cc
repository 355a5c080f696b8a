// Feeds arbitrary bytes (with a chosen URL and Content-Type) to ParseFeed; checks every string is
// UTF-8.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>

#include "common/strings.h"
#include "parsers/feed/feed_parser.h"

#include "fuzz_check.h"

namespace {

void CheckUtf8(const std::optional<std::string>& s) { FUZZ_CHECK(!s || gpalert::IsValidUtf8(*s)); }

void CheckUtf8(const std::optional<gpalert::Person>& p) {
  if (!p) return;
  CheckUtf8(p->name);
  CheckUtf8(p->email);
  CheckUtf8(p->uri);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::array<const char*, 7> kContentTypes = {
      "",
      "application/rss+xml",
      "application/atom+xml; charset=utf-8",
      "text/xml; charset=iso-8859-1",
      "application/feed+json",
      "text/html; charset=windows-1252",
      "application/xml; charset=utf-16"};
  static constexpr std::array<const char*, 3> kUrls = {"", "https://example.org/feed.xml",
                                                       "http://example.org/a/b/?q=1"};
  FuzzedDataProvider in(data, size);  // the option choices come from the end of the input
  gpalert::FeedParseOptions options;
  options.url = kUrls[in.ConsumeIntegralInRange<size_t>(0, kUrls.size() - 1)];
  if (size_t i = in.ConsumeIntegralInRange<size_t>(0, kContentTypes.size() - 1); i > 0) {
    options.content_type = kContentTypes[i];
  }
  if (in.ConsumeBool()) options.content_language = "en-GB";
  std::string bytes = in.ConsumeRemainingBytesAsString();

  gpalert::ParsedFeed feed = gpalert::ParseFeed(bytes, options);
  for (const auto* s : {&feed.title, &feed.link, &feed.description, &feed.language}) CheckUtf8(*s);
  CheckUtf8(feed.author);
  for (const gpalert::FeedEntry& e : feed.entries) {
    for (const auto* s : {&e.id, &e.title, &e.link, &e.summary, &e.content}) CheckUtf8(*s);
    CheckUtf8(e.author);
    for (const std::string& c : e.categories) FUZZ_CHECK(gpalert::IsValidUtf8(c));
    for (const gpalert::Enclosure& x : e.enclosures) FUZZ_CHECK(gpalert::IsValidUtf8(x.url));
  }
  return 0;
}
