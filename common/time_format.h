// Time values used across modules: UTC instants as std::chrono::sys_seconds, and
// their RFC 3339 text form ("2021-12-02T00:00:00Z").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gpalert {

using Instant = std::chrono::sys_seconds;

std::string FormatRfc3339(Instant t);
// Parses exactly the form FormatRfc3339 writes; nullopt otherwise.
std::optional<Instant> ParseRfc3339Utc(std::string_view s);
Instant NowSeconds();

}  // namespace gpalert
