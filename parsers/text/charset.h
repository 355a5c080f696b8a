// Character-set handling shared by the feed and HTML parsers: names, detection,
// conversion to UTF-8 (iconv, wrapped), and sniffing helpers. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gpalert {

// Lower-case canonical IANA name for a label ("Latin1" -> "iso-8859-1",
// "UTF8" -> "utf-8", "x-sjis" -> "shift_jis"); unknown labels are lower-cased.
std::string NormalizeCharsetName(std::string_view label);

// The `charset` parameter of a Content-Type value, normalised; nullopt when absent.
std::optional<std::string> CharsetFromContentType(std::string_view content_type);

// The media type of a Content-Type value, lower-cased, without parameters.
std::string MediaTypeFromContentType(std::string_view content_type);

// Charset named by a byte order mark at the start of `bytes` ("utf-8", "utf-16le",
// "utf-16be", "utf-32le", "utf-32be"), and the BOM length in *bom_len.
std::optional<std::string> CharsetFromBom(std::string_view bytes, size_t* bom_len = nullptr);

// Guess from content alone (uchardet); nullopt when it cannot tell.
std::optional<std::string> DetectCharset(std::string_view bytes);

// Converts `bytes` in `charset` to UTF-8. strict: any undecodable byte is an error
// (kInvalidArgument naming the byte offset); lenient: undecodable bytes become U+FFFD.
// An unknown charset is always an error. The output never holds ill-formed UTF-8.
Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset, bool strict);

}  // namespace gpalert
