// Repairs the two kinds of mojibake feeds carry, as FEED_JSON.md prescribes: UTF-8
// text that was decoded as Latin-1 or windows-1252 ("â€¦" for "…") is re-decoded, and
// C1 control characters U+0080-U+009F are read as their windows-1252 characters
// (U+0092 is "’"). Pure; any thread.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

// False when `text` has no byte that could start mojibake (then RepairMojibake
// would return it unchanged); cheap, for skipping the repair.
bool MayHaveMojibake(std::string_view text);

// `text` must be valid UTF-8; the result is valid UTF-8. Text without characters in
// U+0080-U+00FF or windows-1252's extra characters is returned unchanged.
std::string RepairMojibake(std::string_view text);

}  // namespace gpalert
