// The `gpalert feed` JSON object (docs/FEED_JSON.md) for a ParsedFeed: every key
// present in contract order, absent values null, lists []. Written directly as text
// (fast, for the command and the daemon's debug output) or as an nlohmann value.
// Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "parsers/feed/feed_parser.h"

namespace gpalert {

// The JSON text, indented by two spaces, UTF-8, without a trailing newline.
std::string FeedToJsonText(const ParsedFeed& feed);

// The same object as an nlohmann value (keys in contract order).
nlohmann::ordered_json FeedToJson(const ParsedFeed& feed);

}  // namespace gpalert
