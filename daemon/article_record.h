// ToNewArticle: what the store records for a PollItem (parsers/item/poll_item.h): the
// canonical URL that keys dedup and a title that is never empty. Pure; any thread.
#pragma once

#include <string>

#include "alerts/url_canonicalizer.h"
#include "daemon/config/config.h"
#include "parsers/item/poll_item.h"
#include "store/store.h"

namespace gpalert {

// The dedup key of a URL under its source's rules (alerts/url_canonicalizer.h).
std::string CanonicalUrlOf(const std::string& url, const UrlRules& rules);

// The store's view of the item found in `source`: canonical URL for dedup (under the
// source's `canonical` rules), a title that is never empty, the text to fingerprint.
NewArticle ToNewArticle(const PollItem& item, const SourceConfig& source, bool alertable);

}  // namespace gpalert
