// ConnectionDeadline: the idle, whole-request (slowloris) and write deadlines, on a
// fake clock (no waiting).
#include "daemon/http/connection_deadline.h"

#include <gtest/gtest.h>

namespace gpalert {
namespace {

using std::chrono::milliseconds;
using Clock = ConnectionDeadline::Clock;

HttpLimits Limits() {
  HttpLimits l;
  l.request_timeout = milliseconds(10000);
  l.idle_timeout = milliseconds(2000);
  l.write_timeout = milliseconds(5000);
  return l;
}

TEST(ConnectionDeadlineTest, DropsASilentConnectionAfterTheIdleTimeout) {
  Clock::time_point t0{};
  ConnectionDeadline d(Limits(), t0);
  EXPECT_EQ(d.Expiry(), t0 + milliseconds(2000));
  EXPECT_FALSE(d.Expired(t0 + milliseconds(1999)));
  EXPECT_TRUE(d.Expired(t0 + milliseconds(2000)));
  EXPECT_NE(d.Reason().find("idle"), std::string::npos);
}

TEST(ConnectionDeadlineTest, BytesPostponeTheIdleTimeout) {
  Clock::time_point t0{};
  ConnectionDeadline d(Limits(), t0);
  d.OnBytes(t0 + milliseconds(1500));
  EXPECT_FALSE(d.Expired(t0 + milliseconds(3000)));
  EXPECT_TRUE(d.Expired(t0 + milliseconds(3500)));
}

TEST(ConnectionDeadlineTest, ATricklingClientIsDroppedAtTheRequestTimeout) {
  Clock::time_point t0{};
  ConnectionDeadline d(Limits(), t0);
  // A byte every second: never idle, but the whole request never arrives.
  for (int s = 1; s <= 20; ++s) {
    Clock::time_point now = t0 + milliseconds(1000 * s);
    if (d.Expired(now)) {
      EXPECT_EQ(s, 10);
      EXPECT_NE(d.Reason().find("no complete request"), std::string::npos);
      return;
    }
    d.OnBytes(now);
  }
  FAIL() << "a slowloris client was never dropped";
}

TEST(ConnectionDeadlineTest, OnlyTheWriteTimeoutCountsWhileResponding) {
  Clock::time_point t0{};
  ConnectionDeadline d(Limits(), t0);
  d.OnResponding(t0 + milliseconds(9000));
  EXPECT_EQ(d.Expiry(), t0 + milliseconds(14000));
  EXPECT_NE(d.Reason().find("response"), std::string::npos);
}

TEST(ConnectionDeadlineTest, BytesFromThePastDoNotMoveTheDeadlineBack) {
  Clock::time_point t0{};
  ConnectionDeadline d(Limits(), t0);
  d.OnBytes(t0 + milliseconds(1000));
  d.OnBytes(t0 + milliseconds(500));
  EXPECT_EQ(d.Expiry(), t0 + milliseconds(3000));
}

}  // namespace
}  // namespace gpalert
