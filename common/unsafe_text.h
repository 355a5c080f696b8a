// Text from outside (feeds, pages, HTTP replies, requests) made safe for where gpalert
// writes it: a log line or a terminal (control characters escaped, so nobody can forge
// log lines or send terminal escapes), and a reader's mail (the bidirectional controls
// that reorder what is shown, and invisible zero-width characters, removed). Pure
// functions on UTF-8; any thread.
#pragma once

#include <string>
#include <string_view>

namespace gpalert {

// C0 controls, DEL and C1 controls (U+0080-U+009F) as \xNN (\n, \r, \t as themselves
// escaped: "\n"), the bidi embedding/override/isolate controls (U+202A-U+202E,
// U+2066-U+2069) as \u202e; invalid UTF-8 bytes as \xNN. Everything else unchanged.
std::string EscapeForTerminal(std::string_view text);

// `text` without U+202A-U+202E, U+2066-U+2069 (they can reverse what a reader sees),
// U+200B, U+2060 and U+FEFF (invisible). Joiners (U+200C, U+200D) and marks (U+200E,
// U+200F), which scripts and emoji need, stay.
std::string DropBidiAndInvisibleControls(std::string_view text);

}  // namespace gpalert
