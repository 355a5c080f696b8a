// Small string helpers shared by every module (ASCII case, trimming, splitting, UTF-8).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gpalert {

std::string AsciiLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// Trims ASCII white space (space, \t, \r, \n, \f, \v).
std::string_view TrimAscii(std::string_view s);
// Collapses runs of ASCII white space to one space and trims.
std::string CollapseWhitespace(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Copies `s`, replacing every ill-formed UTF-8 sequence by U+FFFD.
std::string SanitizeUtf8(std::string_view s);
// Appends the UTF-8 encoding of `cp` (invalid code points become U+FFFD).
void AppendUtf8(std::string* out, char32_t cp);

}  // namespace gpalert
