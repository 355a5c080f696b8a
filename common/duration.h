// Parsing of the config's human units: durations ("90s", "30m", "1h", "1d", "1h30m")
// and byte sizes ("10MB", "512KiB", "1000000").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gpalert {

// Accepts one or more <integer><unit> groups, units s, m, h, d, w (e.g. "1h30m").
// Errors name the offending text and the accepted form.
Result<std::chrono::seconds> ParseDuration(std::string_view text);

// Accepts <integer>[B|KB|MB|GB|KiB|MiB|GiB] (KB = 1000, KiB = 1024), case-insensitive.
Result<std::uint64_t> ParseByteSize(std::string_view text);

// "30 s", "5 min", "2 h", "3 d": for messages to admins.
std::string FormatDuration(std::chrono::seconds d);

}  // namespace gpalert
