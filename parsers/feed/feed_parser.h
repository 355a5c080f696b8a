// ParsedFeed: the plain values a feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0,
// JSON Feed) is parsed into, and the entry point that parses one. Field meanings are
// the contract in FEED_JSON.md (docs/FEED_JSON.md). Pure: bytes in, values out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time_format.h"

namespace gpalert {

struct Person {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> uri;
};

struct Enclosure {
  std::string url;
  std::optional<std::string> type;
  std::optional<std::int64_t> length;
};

struct FeedEntry {
  std::optional<std::string> id;
  std::optional<std::string> title;  // plain text
  std::optional<std::string> link;   // absolute where resolvable
  std::optional<Instant> published;
  std::optional<Instant> updated;
  std::optional<Person> author;
  std::optional<std::string> summary;  // sanitised HTML
  std::optional<std::string> content;  // sanitised HTML
  std::vector<std::string> categories;
  std::vector<Enclosure> enclosures;
};

struct ParsedFeed {
  std::optional<std::string> format;  // "rss2.0", "atom1.0", ...; nullopt = not a feed
  std::string encoding = "utf-8";
  std::optional<std::string> title;
  std::optional<std::string> link;
  std::optional<std::string> description;
  std::optional<std::string> language;
  std::optional<Instant> updated;
  std::optional<Person> author;
  std::vector<FeedEntry> entries;
  std::vector<std::string> warnings;
};

struct FeedParseOptions {
  std::string url;                              // document URL after redirects ("" = none)
  std::optional<std::string> content_type;      // HTTP Content-Type header
  std::optional<std::string> content_location;  // HTTP Content-Location header
  std::optional<std::string> content_language;  // HTTP Content-Language header
  std::size_t max_bytes = 64 * 1024 * 1024;     // larger documents are refused with a warning
};

// Never fails: broken input yields what could be recovered plus warnings;
// a non-feed yields format == nullopt.
ParsedFeed ParseFeed(std::string_view bytes, const FeedParseOptions& options);

}  // namespace gpalert
