// Digest schedule: when a subscriber's next digest is due (immediate, daily at a local
// time, weekly on a weekday), in the subscriber's IANA time zone, DST-correct.
// Pure functions of (subscriber, state, now); safe from any thread.
#pragma once

#include <optional>
#include <string>

#include "alerts/subscriber.h"
#include "common/time_format.h"
#include "store/store.h"

namespace gpalert {

struct DigestDue {
  bool due = false;  // a digest should be assembled now (if anything is pending)
  Instant next;      // the next scheduled slot strictly after `now` (= now for immediate)
};

// The latest scheduled slot at or before `now`; nullopt for immediate subscribers.
// A local time that a DST jump skips (02:30 on a spring-forward day) falls at the end of
// the gap; a local time that occurs twice (fall-back) counts once, at its first occurrence.
std::optional<Instant> LastSlotAtOrBefore(const Subscriber& subscriber, Instant now);

// The earliest scheduled slot strictly after `now` (`now` for immediate subscribers).
Instant NextSlotAfter(const Subscriber& subscriber, Instant now);

// Immediate subscribers are due on every poll cycle. Daily/weekly subscribers are due
// when the latest slot at or before `now` is after their last digest, or, before their
// first digest, after `state.since` (so a subscriber added at 09:00 with a 07:00 daily
// digest waits for tomorrow's 07:00).
DigestDue CheckDigestDue(const Subscriber& subscriber, const SubscriberState& state, Instant now);

// "immediate", "daily at 07:00 (Asia/Kolkata)", "weekly on monday at 07:00 (UTC)".
std::string DescribeSchedule(const Subscriber& subscriber);

}  // namespace gpalert
