// VisibleDate: dates as people write them in page text ("6 December 2021",
// "December 6, 2021", "Dec. 6, 2021", "March 2024", "2021-12-06") and the loose
// machine forms found in page metadata ("2017-11-03 03:01:00.000000",
// "2015-07-24T05:36:09+01:00"). Pure functions; any thread.
#pragma once

#include <optional>
#include <string_view>

#include "common/time_format.h"

namespace gpalert {

// The first date written in `text` (English month names, full or abbreviated).
// A month and year alone mean the first of that month, 00:00 UTC.
std::optional<Instant> FindVisibleDate(std::string_view text);

// ISO 8601 / RFC 3339 style date-times, with 'T' or a space, optional fraction and
// zone ("Z", "+01:00", "+0100"); a date alone is midnight UTC.
std::optional<Instant> ParseIsoLikeDate(std::string_view s);

}  // namespace gpalert
