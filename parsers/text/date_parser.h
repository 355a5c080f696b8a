// ParseDate: turns the date strings found in feeds and article pages into UTC instants.
// Understands RFC 822/1123 and its sloppy variants (missing weekday or seconds, two-digit
// years, swapped day and month, full month names, am/pm, zone names or offsets in many
// spellings), asctime, yyyy/mm/dd (Perforce), and W3C-DTF / ISO 8601 (calendar, compact
// and ordinal dates, fractional seconds). A missing zone means UTC. Pure; any thread.
#pragma once

#include <optional>
#include <string_view>

#include "common/time_format.h"

namespace gpalert {

// Parses RFC 822/1123 (and sloppy variants), W3C-DTF / ISO 8601 and common forms → UTC.
std::optional<Instant> ParseDate(std::string_view text);

}  // namespace gpalert
