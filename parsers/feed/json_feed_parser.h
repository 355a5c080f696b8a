// ParseJsonFeed: fills a ParsedFeed from a JSON Feed 1.0/1.1 document (nlohmann-json).
// Returns false (and leaves the format unset) when the text is not a JSON Feed.
// Pure; any thread.
#pragma once

#include <string_view>

#include "parsers/feed/feed_parser.h"
#include "parsers/feed/feed_values.h"

namespace gpalert {

bool ParseJsonFeed(std::string_view utf8, FeedContext* ctx, ParsedFeed* feed);

}  // namespace gpalert
