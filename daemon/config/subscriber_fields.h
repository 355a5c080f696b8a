// Subscriber fields: the parsing and checks of a subscriber's settings that the config's
// [[subscribers]] tables, `gpalert subscribers add|import` and the sign-up and manage
// pages share, and the conversion between the store's SubscriberSettings and the
// Subscriber that matching and scheduling read. Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

#include "alerts/subscriber.h"
#include "common/status.h"
#include "daemon/config/config.h"
#include "store/subscriber_record.h"

namespace gpalert {

bool HasControlChar(std::string_view s);
// "HH:MM" → minutes after midnight; and back.
bool ParseTimeOfDay(std::string_view s, int* minutes);
std::string FormatTimeOfDay(int minutes);
// "monday" / "Mon" → 1 (0 = Sunday); and back ("monday").
bool ParseWeekday(std::string_view s, int* weekday);
const char* WeekdayName(int weekday);
bool IsKnownTimeZone(const std::string& name);
// The IANA zone name nearest to a misspelt one, or "".
std::string NearestTimeZone(const std::string& name);

// A keyword may not hold a comma: the sign-up and manage forms separate keywords with
// commas, and so does a confirmation link's signed copy of the settings. Returns "" or
// what is wrong and what to write instead, for any entry point (config, CLI, CSV, form).
std::string KeywordCommaProblem(std::string_view keyword);
// The keyword with each comma made a word break ("Smith, John" → "Smith John"; they
// match the same articles): for keywords stored before commas were refused.
std::string CommasAsSpaces(std::string_view keyword);
// The keyword's non-blank comma-separated parts, trimmed, joined with `separator`.
std::string JoinCommaParts(std::string_view keyword, std::string_view separator);

// Checks a self/admin subscriber's address and settings as the config loader checks a
// [[subscribers]] entry: InvalidArgument naming the field and what to use. Sources and
// tags must name the config's sources and tags.
Status CheckSubscriberSettings(const std::string& email, const SubscriberSettings& settings,
                               const Config& config);

// The Subscriber a store row describes (its settings; digest falls back to immediate).
Subscriber SubscriberFromSettings(const std::string& email, const SubscriberSettings& settings);
// A Subscriber's settings, as the store keeps them.
SubscriberSettings SettingsFromSubscriber(const Subscriber& subscriber);
const char* DigestScheduleName(DigestSchedule schedule);

}  // namespace gpalert
