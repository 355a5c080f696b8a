#include "daemon/scheduler.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

using std::chrono::seconds;

const Instant kNow = Instant(seconds(1'800'000'000));

TEST(SchedulerTest, ANeverPolledSourceIsDue) {
  EXPECT_TRUE(IsPollDue(std::nullopt, kNow));
  SourceState state;
  EXPECT_TRUE(IsPollDue(state, kNow));
}

TEST(SchedulerTest, ASourceIsDueOnlyOnceItsNextDueHasCome) {
  SourceState state;
  state.next_due = kNow + seconds(10);
  EXPECT_FALSE(IsPollDue(state, kNow));
  EXPECT_TRUE(IsPollDue(state, kNow + seconds(10)));
}

TEST(SchedulerTest, SuccessSchedulesWithinTenPercentOfTheInterval) {
  std::mt19937_64 rng(1);
  bool saw_early = false, saw_late = false;
  for (int i = 0; i < 200; ++i) {
    Instant next = NextPollAfterSuccess(kNow, seconds(1000), &rng);
    EXPECT_GE(next, kNow + seconds(900));
    EXPECT_LE(next, kNow + seconds(1100));
    saw_early |= next < kNow + seconds(1000);
    saw_late |= next > kNow + seconds(1000);
  }
  EXPECT_TRUE(saw_early && saw_late) << "jitter spreads both ways";
}

}  // namespace
}  // namespace gpalert
