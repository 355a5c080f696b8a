// HtmlToText: turns the sanitised HTML of a feed summary into the plain text a digest
// shows (tags dropped, entities decoded, block ends as spaces, white space collapsed).
// Pure function; any thread. Not a general HTML parser: the feed parser has already
// sanitised its input, and hostile leftovers can only cost linear time.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

// Plain text of `html`, at most `max_chars` bytes (cut at a UTF-8 boundary with "…").
std::string HtmlToText(std::string_view html, std::size_t max_chars = 600);

// Plain text with white space collapsed, cut like HtmlToText (for extracted leads).
std::string ShortenText(std::string_view text, std::size_t max_chars = 600);

}  // namespace gpalert
