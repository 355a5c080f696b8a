#include "fetchers/backoff.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Instant kNow = Instant(seconds(1'800'000'000));
const UniformRandom kMiddle = [] { return 0.5; };  // no jitter either way

TEST(BackoffTest, DoublesTheIntervalWithEachConsecutiveFailure) {
  const std::pair<int, seconds> cases[] = {
      {0, minutes(30)}, {1, minutes(30)}, {2, hours(1)},
      {3, hours(2)},    {4, hours(4)},    {6, hours(16)},
  };
  for (const auto& [failures, want] : cases)
    EXPECT_EQ(NextPollAfterFailure(kNow, failures, minutes(30), std::nullopt, kMiddle) - kNow, want)
        << failures << " failures";
}

TEST(BackoffTest, CapsTheDelayButNeverBelowTheSourcesOwnInterval) {
  EXPECT_EQ(NextPollAfterFailure(kNow, 40, minutes(30), std::nullopt, kMiddle) - kNow, hours(24));
  EXPECT_EQ(NextPollAfterFailure(kNow, 1000, minutes(30), std::nullopt, kMiddle) - kNow, hours(24));
  EXPECT_EQ(NextPollAfterFailure(kNow, 5, hours(24 * 7), std::nullopt, kMiddle) - kNow,
            hours(24 * 7));
}

TEST(BackoffTest, SpreadsRetriesWithTheInjectedRandomSource) {
  auto low = NextPollAfterFailure(kNow, 2, minutes(30), std::nullopt, [] { return 0.0; });
  auto high = NextPollAfterFailure(kNow, 2, minutes(30), std::nullopt, [] { return 0.999999; });
  EXPECT_EQ(low - kNow, minutes(48));           // 1 h * 0.8
  EXPECT_NEAR((high - kNow).count(), 4320, 1);  // 1 h * 1.2
}

TEST(BackoffTest, NeverPollsBeforeRetryAfter) {
  EXPECT_EQ(NextPollAfterFailure(kNow, 1, minutes(5), hours(3), kMiddle) - kNow, hours(3));
  EXPECT_EQ(NextPollAfterFailure(kNow, 0, minutes(5), hours(1), kMiddle) - kNow, hours(1));
  EXPECT_EQ(NextPollAfterFailure(kNow, 3, minutes(30), seconds(10), kMiddle) - kNow, hours(2));
}

TEST(BackoffTest, SurvivesNonsenseInputs) {
  EXPECT_GE(NextPollAfterFailure(kNow, -3, seconds(0), seconds(-5), nullptr) - kNow, seconds(1));
  EXPECT_GE(NextPollAfterFailure(kNow, 2, minutes(10), std::nullopt, [] { return 7.0; }) - kNow,
            seconds(1));
}

}  // namespace
}  // namespace gpalert
