#include "alerts/schedule.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <stdexcept>

namespace gpalert {
namespace {

constexpr const char* kWeekdayNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                         "thursday", "friday", "saturday"};

// The subscriber's zone; UTC if the name is unknown (the config loader rejects those).
const date::time_zone* Zone(const Subscriber& subscriber) {
  try {
    return date::locate_zone(subscriber.timezone);
  } catch (const std::exception&) {
    return date::locate_zone("UTC");
  }
}

// The instant of the subscriber's local time of day on local day `day`.
Instant SlotOn(const date::time_zone* zone, date::local_days day, int at_minutes) {
  date::local_seconds local = day + std::chrono::minutes(at_minutes);
  return std::chrono::time_point_cast<std::chrono::seconds>(
      zone->to_sys(local, date::choose::earliest));
}

// Local days on which a slot falls, nearest to `today` first, going `step` days at a time
// (-1 / +1 for daily; -7 / +7 for weekly, starting from the matching weekday).
date::local_days FirstSlotDay(const Subscriber& subscriber, date::local_days today,
                              bool backwards) {
  if (subscriber.digest != DigestSchedule::kWeekly) return today;
  int today_wd = static_cast<int>(date::weekday(today).c_encoding());
  int delta = backwards ? -((today_wd - subscriber.weekday + 7) % 7)
                        : (subscriber.weekday - today_wd + 7) % 7;
  return today + date::days(delta);
}

date::local_days LocalToday(const date::time_zone* zone, Instant now) {
  return date::floor<date::days>(zone->to_local(now));
}

}  // namespace

std::optional<Instant> LastSlotAtOrBefore(const Subscriber& subscriber, Instant now) {
  if (subscriber.digest == DigestSchedule::kImmediate) return std::nullopt;
  const date::time_zone* zone = Zone(subscriber);
  int step = subscriber.digest == DigestSchedule::kWeekly ? 7 : 1;
  date::local_days day = FirstSlotDay(subscriber, LocalToday(zone, now), /*backwards=*/true);
  for (int i = 0; i < 3; ++i, day -= date::days(step)) {
    Instant slot = SlotOn(zone, day, subscriber.at_minutes);
    if (slot <= now) return slot;
  }
  return SlotOn(zone, day, subscriber.at_minutes);  // unreachable for sane offsets
}

Instant NextSlotAfter(const Subscriber& subscriber, Instant now) {
  if (subscriber.digest == DigestSchedule::kImmediate) return now;
  const date::time_zone* zone = Zone(subscriber);
  int step = subscriber.digest == DigestSchedule::kWeekly ? 7 : 1;
  date::local_days day = FirstSlotDay(subscriber, LocalToday(zone, now), /*backwards=*/false);
  for (int i = 0; i < 3; ++i, day += date::days(step)) {
    Instant slot = SlotOn(zone, day, subscriber.at_minutes);
    if (slot > now) return slot;
  }
  return SlotOn(zone, day, subscriber.at_minutes);  // unreachable for sane offsets
}

DigestDue CheckDigestDue(const Subscriber& subscriber, const SubscriberState& state, Instant now) {
  DigestDue result;
  if (subscriber.digest == DigestSchedule::kImmediate) {
    result.due = true;
    result.next = now;
    return result;
  }
  Instant reference = state.last_digest.value_or(state.since);
  std::optional<Instant> last = LastSlotAtOrBefore(subscriber, now);
  result.due = last && *last > reference;
  result.next = NextSlotAfter(subscriber, now);
  return result;
}

std::string DescribeSchedule(const Subscriber& subscriber) {
  std::string at =
      fmt::format("{:02}:{:02}", subscriber.at_minutes / 60, subscriber.at_minutes % 60);
  switch (subscriber.digest) {
    case DigestSchedule::kImmediate:
      return "immediate";
    case DigestSchedule::kDaily:
      return fmt::format("daily at {} ({})", at, subscriber.timezone);
    case DigestSchedule::kWeekly:
      return fmt::format("weekly on {} at {} ({})", kWeekdayNames[subscriber.weekday % 7], at,
                         subscriber.timezone);
  }
  return "";
}

}  // namespace gpalert
