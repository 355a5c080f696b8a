#include "alerts/schedule.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

Instant At(const char* rfc3339) {
  auto t = ParseRfc3339Utc(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t.value_or(Instant{});
}

Subscriber Daily(const char* zone, int hour, int minute) {
  Subscriber s;
  s.digest = DigestSchedule::kDaily;
  s.timezone = zone;
  s.at_minutes = hour * 60 + minute;
  return s;
}

Subscriber Weekly(const char* zone, int weekday, int hour, int minute) {
  Subscriber s = Daily(zone, hour, minute);
  s.digest = DigestSchedule::kWeekly;
  s.weekday = weekday;
  return s;
}

SubscriberState Since(const char* since, const char* last_digest = nullptr) {
  SubscriberState st;
  st.email = "a@example.org";
  st.since = At(since);
  if (last_digest) st.last_digest = At(last_digest);
  return st;
}

struct SlotCase {
  const char* name;
  Subscriber subscriber;
  const char* now;
  const char* last_slot;
  const char* next_slot;
};

class SlotTest : public ::testing::TestWithParam<SlotCase> {};

TEST_P(SlotTest, FindsTheSlotsAroundNow) {
  const SlotCase& c = GetParam();
  auto last = LastSlotAtOrBefore(c.subscriber, At(c.now));
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(FormatRfc3339(*last), c.last_slot);
  EXPECT_EQ(FormatRfc3339(NextSlotAfter(c.subscriber, At(c.now))), c.next_slot);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SlotTest,
    ::testing::Values(
        SlotCase{"DailyUtc", Daily("UTC", 7, 0), "2026-11-27T19:00:00Z", "2026-11-27T07:00:00Z",
                 "2026-11-28T07:00:00Z"},
        SlotCase{"DailyExactlyAtTheSlot", Daily("UTC", 7, 0), "2026-11-27T07:00:00Z",
                 "2026-11-27T07:00:00Z", "2026-11-28T07:00:00Z"},
        SlotCase{"DailyKolkataIsHalfAnHourOffset", Daily("Asia/Kolkata", 7, 0),
                 "2026-11-27T01:00:00Z", "2026-11-26T01:30:00Z", "2026-11-27T01:30:00Z"},
        SlotCase{"DailyLocalDateAheadOfUtc", Daily("Pacific/Auckland", 6, 0),
                 "2026-11-27T18:30:00Z", "2026-11-27T17:00:00Z", "2026-11-28T17:00:00Z"},
        SlotCase{"DailyLondonWinter", Daily("Europe/London", 7, 0), "2026-01-15T12:00:00Z",
                 "2026-01-15T07:00:00Z", "2026-01-16T07:00:00Z"},
        SlotCase{"DailyLondonSummer", Daily("Europe/London", 7, 0), "2026-07-15T12:00:00Z",
                 "2026-07-15T06:00:00Z", "2026-07-16T06:00:00Z"},
        // New York springs forward on 2026-03-08 at 02:00 EST → 03:00 EDT: 02:30 does not
        // exist that day and falls at the end of the gap (07:00Z).
        SlotCase{"DailyInSpringForwardGap", Daily("America/New_York", 2, 30),
                 "2026-03-08T12:00:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"},
        SlotCase{"DailyBeforeSpringForwardGap", Daily("America/New_York", 2, 30),
                 "2026-03-08T06:59:59Z", "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z"},
        // New York falls back on 2026-11-01 at 02:00 EDT → 01:00 EST: 01:30 occurs twice;
        // only the first (05:30Z) is a slot.
        SlotCase{"DailyInFallBackRepeat", Daily("America/New_York", 1, 30), "2026-11-01T06:45:00Z",
                 "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"},
        SlotCase{"WeeklyMondayFromFriday", Weekly("UTC", 1, 7, 0), "2026-11-27T19:00:00Z",
                 "2026-11-23T07:00:00Z", "2026-11-30T07:00:00Z"},
        SlotCase{"WeeklyOnTheDayBeforeTheTime", Weekly("UTC", 5, 20, 0), "2026-11-27T19:00:00Z",
                 "2026-11-20T20:00:00Z", "2026-11-27T20:00:00Z"},
        SlotCase{"WeeklyOnTheDayAfterTheTime", Weekly("UTC", 5, 7, 0), "2026-11-27T19:00:00Z",
                 "2026-11-27T07:00:00Z", "2026-12-04T07:00:00Z"},
        // Saturday 2026-11-28 00:30 in Kolkata is still Friday in UTC.
        SlotCase{"WeeklyWeekdayIsLocal", Weekly("Asia/Kolkata", 6, 0, 15), "2026-11-27T19:00:00Z",
                 "2026-11-27T18:45:00Z", "2026-12-04T18:45:00Z"},
        SlotCase{"WeeklyAcrossDst", Weekly("Europe/Berlin", 0, 9, 0), "2026-03-25T12:00:00Z",
                 "2026-03-22T08:00:00Z", "2026-03-29T07:00:00Z"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ScheduleTest, ImmediateIsDueEveryCycle) {
  Subscriber s;
  Instant now = At("2026-11-27T19:00:00Z");
  DigestDue due = CheckDigestDue(s, Since("2026-11-27T18:59:00Z", "2026-11-27T18:59:30Z"), now);
  EXPECT_TRUE(due.due);
  EXPECT_EQ(due.next, now);
  EXPECT_FALSE(LastSlotAtOrBefore(s, now).has_value());
}

TEST(ScheduleTest, NewDailySubscriberWaitsForTheNextSlot) {
  Subscriber s = Daily("UTC", 7, 0);
  DigestDue due = CheckDigestDue(s, Since("2026-11-27T09:00:00Z"), At("2026-11-27T19:00:00Z"));
  EXPECT_FALSE(due.due);
  EXPECT_EQ(FormatRfc3339(due.next), "2026-11-28T07:00:00Z");
  // Registered before today's slot: due once it has passed.
  EXPECT_TRUE(CheckDigestDue(s, Since("2026-11-27T06:00:00Z"), At("2026-11-27T07:00:00Z")).due);
  EXPECT_FALSE(CheckDigestDue(s, Since("2026-11-27T06:00:00Z"), At("2026-11-27T06:59:59Z")).due);
}

TEST(ScheduleTest, DailyIsDueOncePerSlot) {
  Subscriber s = Daily("UTC", 7, 0);
  const char* since = "2026-11-01T00:00:00Z";
  EXPECT_TRUE(
      CheckDigestDue(s, Since(since, "2026-11-26T07:00:05Z"), At("2026-11-27T07:01:00Z")).due);
  EXPECT_FALSE(
      CheckDigestDue(s, Since(since, "2026-11-27T07:00:05Z"), At("2026-11-27T19:00:00Z")).due);
  // A digest missed while the daemon was down is sent on the next check.
  EXPECT_TRUE(
      CheckDigestDue(s, Since(since, "2026-11-24T07:00:05Z"), At("2026-11-27T19:00:00Z")).due);
}

TEST(ScheduleTest, FallBackDayGivesOneDigest) {
  Subscriber s = Daily("America/New_York", 1, 30);
  const char* since = "2026-10-01T00:00:00Z";
  // Sent at the first 01:30 (05:30Z); the repeated 01:30 (06:30Z) is not a new slot.
  EXPECT_FALSE(
      CheckDigestDue(s, Since(since, "2026-11-01T05:30:10Z"), At("2026-11-01T06:30:10Z")).due);
}

TEST(ScheduleTest, WeeklyIsDueAfterItsWeekday) {
  Subscriber s = Weekly("UTC", 1, 7, 0);
  const char* since = "2026-11-01T00:00:00Z";
  EXPECT_TRUE(
      CheckDigestDue(s, Since(since, "2026-11-16T07:00:00Z"), At("2026-11-23T08:00:00Z")).due);
  EXPECT_FALSE(
      CheckDigestDue(s, Since(since, "2026-11-23T08:00:00Z"), At("2026-11-27T08:00:00Z")).due);
}

TEST(ScheduleTest, UnknownZoneFallsBackToUtc) {
  Subscriber s = Daily("Not/AZone", 7, 0);
  EXPECT_EQ(FormatRfc3339(NextSlotAfter(s, At("2026-11-27T19:00:00Z"))), "2026-11-28T07:00:00Z");
}

TEST(ScheduleTest, DescribesSchedulesInWords) {
  EXPECT_EQ(DescribeSchedule(Subscriber{}), "immediate");
  EXPECT_EQ(DescribeSchedule(Daily("Asia/Kolkata", 7, 5)), "daily at 07:05 (Asia/Kolkata)");
  EXPECT_EQ(DescribeSchedule(Weekly("UTC", 1, 18, 0)), "weekly on monday at 18:00 (UTC)");
}

}  // namespace
}  // namespace gpalert
