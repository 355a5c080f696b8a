// The HTML 4 named character references (plus XML's &apos;) and a decoder for
// character references in HTML or XML text. Used by the feed parser to read feeds that
// use HTML entities XML does not define, and by the HTML sanitiser. Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gpalert {

// Code point of an HTML 4 entity name (case-sensitive: "eacute", "Eacute"); nullopt if unknown.
std::optional<char32_t> LookupHtmlEntity(std::string_view name);

// The code point a numeric reference stands for, repaired as browsers do: C1 controls
// U+0080-U+009F are read as windows-1252 (&#146; is U+2019); NUL, surrogates and values
// past U+10FFFF become U+FFFD.
char32_t RepairNumericReference(unsigned long value);

// Decodes &name; (HTML 4 set), &#NNN; and &#xHHH; in `text`. Unknown names and
// malformed references are kept literally ("AT&T", "&doesnotexist;").
std::string DecodeHtmlEntities(std::string_view text);

// Parses one reference starting at text[0] == '&'. On success sets *cp and *length
// (bytes consumed, including '&' and ';') and returns true.
bool ParseCharacterReference(std::string_view text, char32_t* cp, size_t* length);

}  // namespace gpalert
