// ToNewArticle: what the store records for a PollItem (parsers/item/poll_item.h): the
// canonical URL that keys dedup and a title that is never empty. Pure; any thread.
#pragma once

#include <string>

#include "parsers/item/poll_item.h"
#include "store/store.h"

namespace gpalert {

// The dedup key of a URL (alerts/url_canonicalizer.h).
std::string CanonicalUrlOf(const std::string& url);

// The store's view of the item: canonical URL for dedup, a title that is never empty.
NewArticle ToNewArticle(const PollItem& item, const std::string& source, bool alertable);

}  // namespace gpalert
