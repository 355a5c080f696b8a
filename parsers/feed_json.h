// FeedToJson: the `gpalert feed` JSON object (docs/FEED_JSON.md) for a ParsedFeed.
// Every key present; absent values null, lists []. Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "parsers/feed.h"

namespace gpalert {

nlohmann::ordered_json FeedToJson(const ParsedFeed& feed);

}  // namespace gpalert
