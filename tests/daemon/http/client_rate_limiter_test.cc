#include "daemon/http/client_rate_limiter.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

using Clock = ClientRateLimiter::Clock;
using std::chrono::seconds;

TEST(ClientRateLimiterTest, AllowsNPerWindowPerClient) {
  ClientRateLimiter limiter(3, seconds(60));
  Clock::time_point t0{};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("192.0.2.1", t0 + seconds(i)));
  EXPECT_FALSE(limiter.Allow("192.0.2.1", t0 + seconds(10)));
  EXPECT_TRUE(limiter.Allow("192.0.2.2", t0 + seconds(10)));  // another client
  EXPECT_FALSE(limiter.Allow("192.0.2.1", t0 + seconds(59)));
  EXPECT_TRUE(limiter.Allow("192.0.2.1", t0 + seconds(60)));  // the first one left the window
}

TEST(ClientRateLimiterTest, TracksAtMostMaxClients) {
  ClientRateLimiter limiter(1, seconds(60), /*max_clients=*/2);
  Clock::time_point t0{};
  EXPECT_TRUE(limiter.Allow("a", t0));
  EXPECT_TRUE(limiter.Allow("b", t0));
  EXPECT_FALSE(limiter.Allow("c", t0 + seconds(1)));  // full, and both still active
  EXPECT_TRUE(limiter.Allow("c", t0 + seconds(61)));  // a and b are forgotten
}

}  // namespace
}  // namespace gpalert
