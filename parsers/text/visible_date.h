// VisibleDate: dates as people write them in page text ("6 December 2021",
// "December 6, 2021", "Dec. 6, 2021", "March 2024", "2021-12-06", and the European
// "6. Dezember 2021", "6 décembre 2021", "6 de diciembre de 2021", "6 grudnia 2021",
// "06.12.2021"), found anywhere in a run of text. Machine forms (RFC 822, ISO 8601) are
// parsers/text/date_parser.h's job. Pure functions; any thread.
#pragma once

#include <optional>
#include <string_view>

#include "common/time_format.h"

namespace gpalert {

// The first date written in `text` (English month names, full or abbreviated; German,
// French, Spanish, Portuguese, Italian, Dutch and Polish ones in full).
// A month and year alone mean the first of that month, 00:00 UTC.
std::optional<Instant> FindVisibleDate(std::string_view text);

}  // namespace gpalert
