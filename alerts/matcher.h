// Matcher: decides whether a stored article is for a subscriber, by the subscriber's
// filters: (sources OR tags of the article's sources) AND keywords. An empty filter
// admits everything. Immutable after construction; safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/subscriber.h"
#include "store/store.h"

namespace gpalert {

// Tags of every configured source, by source name (from SourceConfig::tags).
using SourceTags = std::map<std::string, std::vector<std::string>, std::less<>>;

class Matcher {
 public:
  // Copies what it needs from `subscriber` and `source_tags`.
  Matcher(const Subscriber& subscriber, const SourceTags& source_tags);

  // Source filter: no `sources` and no `tags` → every source; otherwise one of the
  // article's sources is named in `sources` or carries one of `tags` (case-insensitive).
  // Keyword filter: no keywords → every article; otherwise one keyword occurs as whole
  // words in the title or summary (case-insensitive; non-ASCII letters count as
  // letters, so "SCO" matches "SCO," but not "SCOTUS"; "Pakistan Russia" matches the
  // phrase "Pakistan-Russia").
  bool Matches(const StoredArticle& article) const;

  bool MatchesSources(const std::vector<std::string>& article_sources) const;
  bool MatchesKeywords(std::string_view title, std::string_view summary) const;

 private:
  std::vector<std::string> sources_;
  std::vector<std::string> tags_;                   // lower-cased
  SourceTags source_tags_;                          // lower-cased tags
  std::vector<std::vector<std::string>> keywords_;  // each keyword as lower-cased words
};

// Splits text into lower-cased words: runs of ASCII letters, digits, '_' and any
// non-ASCII character other than Unicode punctuation and spaces (’ “ — … NBSP « »).
// Lower-casing covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
std::vector<std::string> SplitWords(std::string_view text);

}  // namespace gpalert
