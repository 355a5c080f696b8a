// Test articles shared by the store tests: a fixed clock start and an item builder whose
// url carries a tracking parameter the canonical URL lacks. Header-only; one thread.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "store/store.h"

namespace gpalert::store_test {

inline const Instant kT0 = *ParseRfc3339Utc("2026-01-10T08:00:00Z");

inline NewArticle Item(const std::string& source, const std::string& canonical,
                       std::optional<std::string> guid = std::nullopt) {
  NewArticle a;
  a.source = source;
  a.url = canonical + "?utm_source=x";
  a.canonical_url = canonical;
  a.guid = std::move(guid);
  a.title = "Title of " + canonical;
  a.author = "An Author";
  a.summary = "A summary.";
  a.published = kT0 - std::chrono::hours(1);
  return a;
}

}  // namespace gpalert::store_test
