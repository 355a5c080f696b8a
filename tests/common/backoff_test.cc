#include "common/backoff.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

using std::chrono::seconds;

TEST(BackoffTest, DoublesFromTheFirstWaitUpToTheCap) {
  BackoffPolicy p{seconds(60), seconds(3600), 0.0};
  EXPECT_EQ(BackoffDelay(p, 0, 0.5), seconds(60));
  EXPECT_EQ(BackoffDelay(p, 1, 0.5), seconds(60));
  EXPECT_EQ(BackoffDelay(p, 2, 0.5), seconds(120));
  EXPECT_EQ(BackoffDelay(p, 6, 0.5), seconds(1920));
  EXPECT_EQ(BackoffDelay(p, 7, 0.5), seconds(3600));
  EXPECT_EQ(BackoffDelay(p, 1000, 0.5), seconds(3600));  // no overflow
}

TEST(BackoffTest, JitterSpreadsBothWaysAndNeverGoesBelowOneSecond) {
  BackoffPolicy p{seconds(100), seconds(1000), 0.2};
  EXPECT_EQ(BackoffDelay(p, 1, 0.0), seconds(80));
  EXPECT_EQ(BackoffDelay(p, 1, 1.0), seconds(120));
  EXPECT_EQ(BackoffDelay(p, 10, 1.0), seconds(1200));  // the cap, then the jitter
  EXPECT_EQ(Jittered(seconds(1), 1.0, 0.0), seconds(1));
  EXPECT_EQ(Jittered(seconds(0), 0.0, 0.5), seconds(1));
  EXPECT_EQ(Jittered(seconds(1800), 0.1, 0.5), seconds(1800));
}

}  // namespace
}  // namespace gpalert
